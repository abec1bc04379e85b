"""Today's queue built once and kept, as Anki keeps its queue: the study session's next card
without running the queue SQL on every step.

The cache holds, per scope of study (`domain/custom_study.py: StudyScope`, a parameter of the
queue it caches, as a deck filter will be), the *inputs* of the SQL rule
(`store/queue_sql.py: todays_queue`), not its output: each of today's three lists (due reviews,
re-drills, new cards) as a prefix of that list in queue order with each card's sort key, today's
answer counts per kind, and today's answers (for the re-drill spacing). The queue at a moment
is then assembled the way `todays_queue` assembles it (the daily limits cut the lists, and
`domain/redrill.py: arrange` orders the re-drills at `now`), so the spacing, which changes with
the clock and no write, stays exact.

After a write of its own (an answer, an undo) the owner tells the cache which card changed and
how the log changed; the cache takes the card out of every list and asks the SQL rule itself
(`queue_sql.ranked` restricted to that card) which list it now belongs in, and with which key.
A list is a prefix of the SQL list: a card placed after its last key is left for the next fetch,
and a prefix shorter than the limits need is fetched again. The owner drops the whole cache
when another writer changed the collection (`PRAGMA data_version`) or the study day changed.

A deck filter is a parameter of the lists (`ranked(deck_ids=…)`: the deck and its sub-decks).
Per-deck daily limits are not kept: their rule merges each deck's share under every limit over
it (domain/deck_limits.py), so while any deck has a limit of its own the cache hands each
request to the SQL rule itself (`todays_queue`, a few milliseconds at 100k cards).
tests/services/test_queue_cache.py compares it with the SQL after every operation of random
sequences.
"""
from __future__ import annotations

from bisect import insort
from collections.abc import Iterator, Sequence
from itertools import islice
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quizapp.domain.custom_study import StudyScope
from quizapp.domain.queue import Limits, QueueEntry, in_todays_lists, remaining
from quizapp.domain.redrill import DrillTrack, arrange, tracks_from_answers
from quizapp.domain.settings import Settings
from quizapp.domain.sm2 import CardState
from quizapp.domain.deck_limits import selected_decks
from quizapp.store.queue_sql import (Fetch, answer_times, deck_infos, done_today, ranked, todays_answers,
                                    todays_queue)

MARGIN = 32  # cards fetched beyond what the limits show, so that answers rarely need a fetch
KINDS = ("review", "redrill", "new")


@dataclass
class _Prefix:
    """The first cards of one of today's lists in queue order: rows (sort key..., card id)."""

    rows: list[tuple[Any, ...]]
    complete: bool  # the rows are the whole list

    def drop(self, card_id: str) -> None:
        for index, row in enumerate(self.rows):
            if row[-1] == card_id:
                del self.rows[index]
                return

    def place(self, row: tuple[Any, ...]) -> None:
        # Past the last row of an incomplete prefix, other cards may come first: leave it to the fetch.
        if self.complete or (self.rows and row < self.rows[-1]):
            insort(self.rows, row)


class _Head(Sequence[tuple[Any, ...]]):
    """The first `count` rows of a list, without copying them (a step reads two of 200)."""

    def __init__(self, rows: list[tuple[Any, ...]], count: int) -> None:
        self._rows, self._count = rows, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        return self._rows[:self._count][index]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return islice(self._rows, self._count)


@dataclass
class _ScopeLists:
    limits: Limits  # the daily limits as the scope widens them
    decks: tuple[int, ...] | None  # the scope's deck and its sub-decks (None: every deck)
    lists: dict[str, _Prefix] = field(default_factory=dict)


class QueueCache:
    """Today's queue for one study day and one set of settings, kept across answers."""

    def __init__(self, fetch: Fetch, settings: Settings, today: int) -> None:
        self._fetch, self.settings, self.today = fetch, settings, today
        self._spacing = settings.spacing
        self._done: dict[str, int] = dict(done_today(fetch, today))
        self._answers: list[tuple[int, str]] = todays_answers(fetch, today)
        self._times: dict[int, datetime] = {}
        self._tracks: dict[str, DrillTrack] | None = None
        self._scopes: dict[StudyScope, _ScopeLists] = {}
        self._decks = deck_infos(fetch)
        self._per_deck_limits = any(d.new_per_day is not None or d.reviews_per_day is not None for d in self._decks)
        self._deck_ids: dict[StudyScope, tuple[int, ...] | None] = {}
        self._last: tuple[StudyScope, _ScopeLists] | None = None  # the scope asked last, and its lists

    # ----- reading --------------------------------------------------------------------------
    def queue(self, scope: StudyScope, now: datetime | None,
              limit: int | None = None) -> tuple[list[QueueEntry], dict[str, int]]:
        """Today's queue in order (its first `limit` entries) and its counts, as
        store/queue_sql.py: todays_queue gives them."""
        # The same scope object asks again and again (a session's steps): known without hashing it
        # (a scope hashes all its fields each time).
        held = self._last[1] if self._last is not None and self._last[0] is scope else self._scopes.get(scope)
        if held is None:
            held = _ScopeLists(scope.widen(self.settings.limits), self._decks_of(scope))
            if not self._per_deck_limits and (scope.deck is None or held.decks):
                self._scopes[scope] = held
        if self._per_deck_limits or (scope.deck is not None and not held.decks):
            built = todays_queue(self._fetch, self.settings, self.today, now, scope)
            return (built.entries if limit is None else built.entries[:max(0, limit)]), built.counts
        self._last = (scope, held)
        limits = held.limits
        reviews = self._first(held, scope, "review", remaining(limits.reviews_per_day, self._done.get("review", 0)))
        redrills = self._first(held, scope, "redrill", None)
        new = self._first(held, scope, "new", remaining(limits.new_per_day, self._done.get("new", 0)))
        counts = {"review": len(reviews), "redrill": len(redrills), "new": len(new)}
        ready: Sequence[str] = ()
        drill_held: Sequence[str] = ()
        waiting: Sequence[tuple[str, datetime]] = ()
        if redrills:  # arranged at `now`
            tracks = self._drill_tracks(redrills) if now is not None else {}
            drills = arrange((row[-1] for row in redrills), tracks, self._spacing, now)
            ready, drill_held, waiting = drills.ready, drills.held, drills.waiting
        wanted = len(redrills) + len(reviews) + len(new) if limit is None else max(0, limit)
        # ready re-drills, due reviews, new cards, held re-drills, then those still waiting
        entries = [QueueEntry(card_id, "redrill") for card_id in ready[:wanted]]
        for kind, rows in (("review", reviews), ("new", new)):
            if len(entries) < wanted:
                entries += [QueueEntry(row[-1], kind) for row in islice(rows, wanted - len(entries))]  # type: ignore[arg-type]
        if len(entries) < wanted:
            entries += [QueueEntry(card_id, "redrill") for card_id in drill_held[:wanted - len(entries)]]
        if len(entries) < wanted:
            entries += [QueueEntry(card_id, "redrill", at) for card_id, at in waiting[:wanted - len(entries)]]
        return entries, counts

    def _first(self, held: _ScopeLists, scope: StudyScope, kind: str, count: int | None) -> Sequence[tuple[Any, ...]]:
        """The first `count` rows (None: all) of one list, fetched again when the kept prefix is short."""
        lists = held.lists
        prefix = lists.get(kind)
        if prefix is None or (not prefix.complete and (count is None or len(prefix.rows) < count)):
            limit = -1 if count is None else count + MARGIN
            rows = ranked(self._fetch, kind, self.today, scope, limit, deck_ids=held.decks)
            prefix = lists[kind] = _Prefix(rows, limit < 0 or len(rows) < limit)
        if count is None or count >= len(prefix.rows):
            return prefix.rows
        return _Head(prefix.rows, count)

    def _decks_of(self, scope: StudyScope) -> tuple[int, ...] | None:
        """The ids of the scope's deck and its sub-decks (None: every deck)."""
        if scope not in self._deck_ids:
            self._deck_ids[scope] = None if scope.deck is None else selected_decks(self._decks, scope.deck)
        return self._deck_ids[scope]

    def _drill_tracks(self, drilled: Sequence[tuple[Any, ...]]) -> dict[str, DrillTrack]:
        if self._tracks is None:
            wanted = {row[-1] for row in drilled}
            last = {card_id: log_id for log_id, card_id in self._answers if card_id in wanted}
            missing = [log_id for log_id in last.values() if log_id not in self._times]
            if missing:
                self._times.update(answer_times(self._fetch, missing))
            self._tracks = tracks_from_answers((card_id, self._times.get(log_id)) for log_id, card_id in self._answers)
        return self._tracks

    # ----- after a write of the owner -------------------------------------------------------
    def answered(self, card_id: str, log_id: int, kind: str, at: datetime, state: CardState | None = None) -> None:
        """A schedule answer to `card_id` was written today as log row `log_id`, leaving the
        card in `state` (None: not known here)."""
        self._done[kind] = self._done.get(kind, 0) + 1
        self._answers.append((log_id, card_id))
        self._times[log_id] = at
        self._tracks = None
        self.card_changed(card_id, state)

    def undone(self, card_id: str, log_id: int, kind: str, study_day: int) -> None:
        """The answer `log_id` (of study day `study_day`) was marked undone and its card restored."""
        if study_day == self.today:
            self._done[kind] = self._done.get(kind, 0) - 1
            self._answers = [a for a in self._answers if a[0] != log_id]
            self._tracks = None
        self.card_changed(card_id)

    def card_changed(self, card_id: str, state: CardState | None = None) -> None:
        """The card's state or marks changed: place it again in every scope, by the SQL rule;
        a `state` that is in none of today's lists (most answers: due on a later day) is only
        taken out, without asking."""
        listed = state is None or in_todays_lists(state, self.today)
        for scope, held in self._scopes.items():
            for kind, prefix in held.lists.items():
                prefix.drop(card_id)
                if listed:
                    for row in ranked(self._fetch, kind, self.today, scope, card_id=card_id, deck_ids=held.decks):
                        prefix.place(row)
