"""The queue rule of quizapp.domain.queue.build_queue as indexed SQL: the ONE copy of that SQL.

Plain SQL text with `:name` parameters and no SQLAlchemy import, so that the same statements run
through a SQLAlchemy session (services/study.py) and on the stdlib `sqlite3` module in
`quizapp due`'s light read path (services/quick_read.py), which must not pay for importing
SQLAlchemy. The rows come back as SQLite stores them (times as text), so both paths read them
the same way. Today's re-drills are spaced by domain/redrill.py from today's review log.
Tests check that the SQL and the domain rule agree (tests/services/test_redrill_spacing.py,
test_import_and_study.py) and that the two paths agree (tests/services/test_queue_paths.py).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.domain.deck_limits import DeckInfo, Gathering, gathering
from quizapp.domain.queue import QueueEntry, remaining
from quizapp.domain.redrill import DrillTrack, arrange, tracks_from_answers
from quizapp.domain.review import REVIEW_KINDS
from quizapp.domain.settings import Settings, from_stored

# Runs one statement with named parameters and returns its rows (each a sequence of columns).
Fetch = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]

DONE_TODAY = ("SELECT kind, count(*) FROM review_log WHERE study_day = :today AND undone = FALSE "
              "GROUP BY kind")
# A card in today's queue: not suspended, not buried today, in the scope's section if it has one.
# `NOT suspended`, not `suspended = FALSE`: no index is to be picked for it. Without statistics
# SQLite once weighed that equality, on an index led by `suspended`, like the range of the list's
# own index and walked every active card's row (~35 ms at 100k cards, against ~0.05 ms for the
# day's re-drills); tests/store/test_queue_plans.py pins each list's plan.
_NOT_BURIED = "(buried_day IS NULL OR buried_day != :today){section}"
_ACTIVE = "NOT suspended AND " + _NOT_BURIED
# `+card_id`: the list's own index drives (in queue order, a row's section looked up in the
# section's ids) rather than the section's cards each looked up and then all sorted. PostgreSQL
# has no unary plus on text: `in_dialect` writes it plain there.
_IN_SECTION = " AND +card_id IN (SELECT id FROM cards WHERE section = :section)"
# The deck filter, on card_state's copy of the card's deck: the selected decks (re-drills, a few
# rows), or one deck, read from the index ix_card_state_deck_queue (deck_id, suspended, due_day, position,
# card_id). Deck shares compare `suspended = FALSE`: that equality is the index's second column.
_IN_DECKS = " AND +deck_id IN ({deck_marks})"  # `+`: the list's index drives, in queue order, as for a section
_IN_DECK = " AND deck_id = :deck_id"
DECKS = "SELECT id, name, options FROM decks ORDER BY name"
DONE_TODAY_BY_DECK = ("SELECT cards.deck_id, review_log.kind, count(*) FROM review_log "
                      "JOIN cards ON cards.id = review_log.card_id "
                      "WHERE review_log.study_day = :today AND review_log.undone = FALSE "
                      "GROUP BY cards.deck_id, review_log.kind")
# One deck's share, with the order keys, so the shares of a parent's decks merge in queue order
# (a deck filter, or per-deck limits: domain/deck_limits.py).
# (The card id, every queue index's last column, settles ties of position as in the lists below.)
_DECK_ACTIVE = "suspended = FALSE AND " + _NOT_BURIED
DECK_REVIEWS = ("SELECT card_id, due_day, position FROM card_state WHERE " + _DECK_ACTIVE
                + " AND due_day IS NOT NULL AND due_day <= :today AND (redrill_day IS NULL OR redrill_day != :today) "
                "ORDER BY due_day, position, card_id LIMIT :limit")
DECK_NEW = ("SELECT card_id, position FROM card_state WHERE " + _DECK_ACTIVE + " AND due_day IS NULL "
            "ORDER BY position, card_id LIMIT :limit")
# Due reviews, most overdue first; a card in today's re-drill is listed once, as a re-drill.
# (The order is the index ix_card_state_due's (due_day, position, card_id): read in order from
# its range up to today, a suspended card skipped on its row. The card id settles ties of
# position, so the order is one total order that the queue cache (services/queue_cache.py) can
# keep by the same keys, and the domain rule's (domain/queue.py).)
DUE_REVIEWS = ("SELECT card_id, due_day, position FROM card_state WHERE " + _ACTIVE + " AND due_day IS NOT NULL "
               "AND due_day <= :today AND (redrill_day IS NULL OR redrill_day != :today) "
               "ORDER BY due_day, position, card_id LIMIT :limit")
# Read through ix_card_state_redrill (a day's re-drills are a few rows).
REDRILLS = ("SELECT card_id, position FROM card_state WHERE redrill_day = :today AND " + _ACTIVE
            + " ORDER BY position, card_id")
# New cards: the entries of ix_card_state_due whose due day is NULL, in deck order.
NEW_CARDS = ("SELECT card_id, position FROM card_state WHERE " + _ACTIVE + " AND due_day IS NULL "
             "ORDER BY position, card_id LIMIT :limit")
LISTS = {"review": DUE_REVIEWS, "redrill": REDRILLS, "new": NEW_CARDS}
_ONE_CARD = " AND card_id = :card"
# Today's answers that moved or drilled a schedule (services/study.py: SCHEDULE_KINDS), oldest
# first; the times only of the answers asked for (reading a time costs ~10x an integer).
_SCHEDULE_KINDS = ", ".join(f"'{kind}'" for kind in REVIEW_KINDS)
TODAYS_ANSWERS = (f"SELECT id, card_id FROM review_log WHERE study_day = :today AND undone = FALSE "
                  f"AND kind IN ({_SCHEDULE_KINDS}) ORDER BY id")
ANSWER_TIMES = "SELECT id, reviewed_at FROM review_log WHERE id IN ({marks})"
# What a queue listing shows of each card (the section, the card's kind, its English front).
DETAILS = "SELECT id, section, kind, front_en FROM cards WHERE id IN ({marks})"
SETTINGS = "SELECT key, value FROM settings"


def in_dialect(fetch: Fetch, dialect: str) -> Fetch:
    """`fetch` running these statements on `dialect`'s database. They are written for SQLite;
    on PostgreSQL "no limit" is LIMIT NULL (SQLite's -1 is an error there) and a column is
    written without SQLite's unary plus (`+card_id`). Booleans are written FALSE, which both read."""
    if dialect == "sqlite":
        return fetch

    def run(sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        if params.get("limit") == -1:
            params = {**params, "limit": None}
        return fetch(sql.replace("+card_id", "card_id"), params)

    return run


@dataclass(frozen=True)
class TodaysQueue:
    entries: list[QueueEntry]  # the whole queue in order (domain/queue.py)
    counts: dict[str, int]  # review / redrill / new in it


def done_today(fetch: Fetch, today: int) -> dict[str, int]:
    """Answers per review-log kind on study day `today` (undone ones left out)."""
    return {kind: count for kind, count in fetch(DONE_TODAY, {"today": today})}


def todays_queue(fetch: Fetch, settings: Settings, today: int, now: datetime | None,
                 scope: StudyScope = TODAYS_QUEUE) -> TodaysQueue:
    """Today's whole queue in order (domain.queue.build_queue's rule, run by the database):
    ready re-drills, due reviews, new cards, held re-drills, waiting re-drills (with their
    time); re-drills spaced at `now` (None: all ready), within `scope`."""
    done = done_today(fetch, today)
    limits = scope.widen(settings.limits)
    section = "" if scope.section is None else _IN_SECTION
    params: dict[str, Any] = {"today": today, "section": scope.section}
    decks = deck_infos(fetch)
    limited = any(d.new_per_day is not None or d.reviews_per_day is not None for d in decks)
    by_deck = done_by_deck(fetch, today) if limited else {}
    names = {d.id: d.name for d in decks}
    new_plan = gathering(decks, scope.deck, "new", remaining(limits.new_per_day, done.get("new", 0)),
                         by_deck.get("new", {}), scope.extra_new)
    review_plan = gathering(decks, scope.deck, "review", remaining(limits.reviews_per_day, done.get("review", 0)),
                            by_deck.get("review", {}))
    whole = section  # the SQL over every deck (no deck filter)
    if scope.deck is not None:
        if not new_plan.deck_ids:  # no such deck: nothing to study in it
            return TodaysQueue([], {"review": 0, "redrill": 0, "new": 0})
        marks = {f"deck{i}": deck_id for i, deck_id in enumerate(new_plan.deck_ids)}
        whole = section + _IN_DECKS.format(deck_marks=", ".join(f":{m}" for m in marks))
        params.update(marks)
    filtered = scope.deck is not None
    reviews = _gather(fetch, review_plan, names, DUE_REVIEWS.format(section=section),
                      DECK_REVIEWS.format(section=section + _IN_DECK), params, lambda r: (r[1], r[2], r[0]), filtered)
    redrills = [r[0] for r in fetch(REDRILLS.format(section=whole), params)]
    new = _gather(fetch, new_plan, names, NEW_CARDS.format(section=section),
                  DECK_NEW.format(section=section + _IN_DECK), params, lambda r: (r[1], r[0]), filtered)
    tracks = drill_tracks(fetch, today, redrills) if redrills and now is not None else {}
    drills = arrange(redrills, tracks, settings.spacing, now)
    entries = ([QueueEntry(c, "redrill") for c in drills.ready] + [QueueEntry(c, "review") for c in reviews]
               + [QueueEntry(c, "new") for c in new] + [QueueEntry(c, "redrill") for c in drills.held]
               + [QueueEntry(c, "redrill", at) for c, at in drills.waiting])
    return TodaysQueue(entries, {"review": len(reviews), "redrill": len(redrills), "new": len(new)})


def deck_infos(fetch: Fetch) -> list[DeckInfo]:
    """Every deck with its own daily limits (domain/deck_limits.py)."""
    return [DeckInfo.from_options(deck_id, name, json.loads(options) if isinstance(options, (str, bytes)) else options)
            for deck_id, name, options in fetch(DECKS, {})]


# A deck's own scheduling options (services/scheduling.py: scheduler_settings_for reads them)
SCHEDULING_OPTION_KEYS = ("scheduler", "desired_retention", "maximum_interval_days", "fsrs_parameters")


def decks_choose_scheduling(fetch: Fetch) -> bool:
    """Whether any deck sets a scheduling option of its own: then a card's scheduler is not
    simply the collection's (the study service's lean SM-2 path applies only when none does)."""
    for _deck_id, _name, options in fetch(DECKS, {}):
        chosen = json.loads(options) if isinstance(options, (str, bytes)) else options
        if any((chosen or {}).get(key) is not None for key in SCHEDULING_OPTION_KEYS):
            return True
    return False


def done_by_deck(fetch: Fetch, today: int) -> dict[str, dict[int, int]]:
    """Today's answers per review-log kind, per deck id (undone ones left out)."""
    out: dict[str, dict[int, int]] = {}
    for deck_id, kind, count in fetch(DONE_TODAY_BY_DECK, {"today": today}):
        out.setdefault(kind, {})[deck_id] = count
    return out


def _gather(fetch: Fetch, plan: Gathering, names: Mapping[int, str], whole_sql: str, deck_sql: str,
            params: Mapping[str, Any], order: Callable[[Sequence[Any]], Any], filtered: bool) -> list[str]:
    """The cards of one kind for today. The whole collection without per-deck limits: one
    ordered read. A deck filter or per-deck limits: each selected deck's share read from its own
    index range (at most its cap) and merged in queue order under the limits."""
    if plan.per_deck is None and not filtered:
        return [r[0] for r in fetch(whole_sql, {**params, "limit": plan.top})]
    caps = plan.per_deck if plan.per_deck is not None else dict.fromkeys(plan.deck_ids, plan.top)
    candidates = [(order(r), deck_id, r[0]) for deck_id, cap in caps.items() if cap > 0
                  for r in fetch(deck_sql, {**params, "deck_id": deck_id, "limit": cap})]
    return plan.merge(candidates, names)


def ranked(fetch: Fetch, kind: str, today: int, scope: StudyScope, limit: int = -1,
           card_id: str | None = None, deck_ids: Sequence[int] | None = None) -> list[tuple[Any, ...]]:
    """The first `limit` (-1: all) cards of one of today's lists ("review", "redrill", "new"), in
    queue order, each as its sort key followed by the card id: (due_day, position, id) for
    reviews, (position, id) for the others; within `deck_ids` when given (a deck filter
    without per-deck limits: then one ordered read is the rule). With `card_id`: that card's row,
    if it is in the list (how the queue cache places one changed card by this same SQL)."""
    section = "" if scope.section is None else _IN_SECTION
    params: dict[str, Any] = {"today": today, "section": scope.section, "limit": limit, "card": card_id}
    if deck_ids is not None:
        marks = {f"deck{i}": deck_id for i, deck_id in enumerate(deck_ids)}
        section += _IN_DECKS.format(deck_marks=", ".join(f":{m}" for m in marks) or "NULL")
        params.update(marks)
    if card_id is not None:
        section += _ONE_CARD
    return [(*r[1:], r[0]) for r in fetch(LISTS[kind].format(section=section), params)]


def drill_tracks(fetch: Fetch, today: int, drilled: Sequence[str]) -> dict[str, DrillTrack]:
    """Each drilled card's answers today (domain.redrill.DrillTrack), from the review log."""
    rows = todays_answers(fetch, today)
    wanted = set(drilled)
    last = {card_id: log_id for log_id, card_id in rows if card_id in wanted}
    times = answer_times(fetch, list(last.values()))
    return tracks_from_answers((card_id, times.get(log_id)) for log_id, card_id in rows)


def todays_answers(fetch: Fetch, today: int) -> list[tuple[int, str]]:
    """(log id, card id) of today's answers that moved or drilled a schedule, oldest first."""
    return [(log_id, card_id) for log_id, card_id in fetch(TODAYS_ANSWERS, {"today": today})]


def answer_times(fetch: Fetch, log_ids: Sequence[int]) -> dict[int, datetime]:
    """log id -> when that answer was given (aware, UTC)."""
    times: dict[int, datetime] = {}
    for sql, params in _chunks(ANSWER_TIMES, log_ids):
        times.update((log_id, stored_time(at)) for log_id, at in fetch(sql, params))
    return times


def stored_time(value: str | datetime) -> datetime:
    """A time as the store keeps it (UTC, no zone; text in SQLite) -> an aware UTC datetime."""
    at = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)


def card_details(fetch: Fetch, card_ids: Sequence[Any]) -> dict[str, tuple[str, str, str]]:
    """card id -> (section, card kind, English front) for the given cards."""
    out: dict[str, tuple[str, str, str]] = {}
    for sql, params in _chunks(DETAILS, card_ids):
        for card_id, section, kind, front in fetch(sql, params):
            out[card_id] = (section, kind, front)
    return out


def stored_settings(fetch: Fetch) -> Settings:
    """The settings as stored (JSON values by key), read without the ORM."""
    return from_stored({key: json.loads(value) if isinstance(value, (str, bytes)) else value
                        for key, value in fetch(SETTINGS, {})})


def _chunks(template: str, ids: Sequence[Any]) -> list[tuple[str, dict[str, Any]]]:
    # SQLite caps the parameters of one statement: 500 ids at a time
    values = list(ids)
    out = []
    for start in range(0, len(values), 500):
        params = {f"id{i}": value for i, value in enumerate(values[start:start + 500])}
        out.append((template.format(marks=", ".join(f":{name}" for name in params)), params))
    return out
