"""The decks of the collection: the list with today's counts (sub-decks included), create,
rename, delete (after a backup) and per-deck options (daily limits). docs/architecture.md § Decks.

A deck's counts are what studying it would show today (domain/deck_limits.py: its own limits,
its parents' and the collection's apply); a parent's counts cover its sub-decks. `total` is
every card of the deck and its sub-decks, suspended ones included.
"""
from __future__ import annotations

import builtins
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Final

from sqlalchemy import delete, func, select, text, update

from quizapp.domain.custom_study import TODAYS_QUEUE
from quizapp.domain.settings import VALIDATORS as SETTINGS_VALIDATORS
from quizapp.domain.deck_header import (BUNDLED_SECTIONS, ORIGINS, SEPARATOR, DeckSection, name_problem,
                                        renamed, sections_from_stored, tree_names, within)
from quizapp.services.changes import CONTENT, SETTINGS, Changed
from quizapp.services.clock import local_study_day
from quizapp.services.errors import UserError
from quizapp.services.settings import load_settings
from quizapp.store.database import Database
from quizapp.store.models import CardRow, DeckRow
from quizapp.store.queue_sql import in_dialect, todays_queue
from quizapp.i18n.text import DeckText

MAX_DAILY_LIMIT: Final = 9999
# Per-deck options: the daily limits (honoured by the queue) and the scheduling choices
# (services/scheduling.py: scheduler_settings_for), each inherited by the sub-decks.
INT_OPTIONS: Final[dict[str, tuple[int, int]]] = {
    "new_per_day": (0, MAX_DAILY_LIMIT), "reviews_per_day": (0, MAX_DAILY_LIMIT), "maximum_interval_days": (1, 36500)}
FLOAT_OPTIONS: Final[dict[str, tuple[float, float]]] = {"desired_retention": (0.7, 0.99)}
CHOICE_OPTIONS: Final[dict[str, tuple[str, ...]]] = {"scheduler": ("sm2", "fsrs")}
OPTION_KEYS: Final = ("new_per_day", "reviews_per_day", "scheduler", "desired_retention", "maximum_interval_days",
                      "fsrs_parameters")


class DeckNotFound(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(DeckText.tr("no deck named '{name}' (see: quizapp deck list)").format(name=name))


@dataclass(frozen=True)
class DeckCounts:
    """One line of the deck tree: a deck (or a parent name without cards of its own)."""

    name: str
    deck_id: int | None  # None: a parent that is only a name (its sub-decks have rows)
    origin: str
    new: int  # new cards studying this deck would show today
    learn: int  # re-drills (cards missed today, coming back)
    review: int  # due reviews
    total: int  # cards in it and its sub-decks
    options: Mapping[str, Any] = field(default_factory=dict)
    sections: tuple[DeckSection, ...] = ()  # its sections (a parent's: its sub-decks', in name order)

    @property
    def depth(self) -> int:
        return self.name.count(SEPARATOR)

    @property
    def leaf(self) -> str:
        return self.name.rsplit(SEPARATOR, 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "origin": self.origin, "new": self.new, "learn": self.learn,
                "review": self.review, "total": self.total, "options": dict(self.options)}


@dataclass(frozen=True)
class DeckList:
    today: int
    decks: list[DeckCounts]  # the tree, parent before child
    overall: DeckCounts  # the whole collection (its limits)

    def to_dict(self) -> dict[str, Any]:
        return {"decks": [d.to_dict() for d in self.decks], "overall": self.overall.to_dict()}

    def find(self, name: str) -> DeckCounts | None:
        return next((d for d in self.decks if d.name == name), None)


@dataclass(frozen=True)
class DeckInfoRow:
    id: int
    name: str
    origin: str
    sections: tuple[DeckSection, ...]
    options: Mapping[str, Any]


@dataclass(frozen=True)
class DeletedDeck:
    names: list[str]  # the deck and its sub-decks
    cards: int
    backup: str | None  # the backup taken first (None: a collection in memory has none)


def option_problem(key: str, value: Any) -> str | None:
    """Why `value` cannot be deck option `key` (None when it can; None as a value clears it)."""
    if key not in OPTION_KEYS:
        return DeckText.tr("unknown deck option '{key}' (one of {keys})").format(key=key, keys=', '.join(OPTION_KEYS))
    if value is None:
        return None
    if key == "fsrs_parameters":  # fitted to the deck's own log (quizapp fsrs optimize --deck)
        problem = SETTINGS_VALIDATORS["fsrs_parameters"](value)
        return None if problem is None else f"{key} {problem}"
    if key in INT_OPTIONS:
        low, high = INT_OPTIONS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return DeckText.tr(
                "{key} must be a whole number from {low} to {high}").format(
                key=key, low=low, high=high)
    elif key in FLOAT_OPTIONS:
        flow, fhigh = FLOAT_OPTIONS[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not flow <= value <= fhigh:
            return DeckText.tr("{key} must be a number from {low} to {high}").format(key=key, low=flow, high=fhigh)
    elif value not in CHOICE_OPTIONS[key]:
        return DeckText.tr("{key} must be one of {choices}").format(key=key, choices=', '.join(CHOICE_OPTIONS[key]))
    return None


def _first_seen(rows: Any) -> tuple[DeckSection, ...]:
    """The sections of `rows` (deck rows, in name order), each id once, first one kept."""
    out: dict[str, DeckSection] = {}
    for row in rows:
        for section in sections_from_stored(row.sections):
            out.setdefault(section.id, section)
    return tuple(out.values())


class DecksService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ----- reading ------------------------------------------------------------------------
    def names(self) -> list[str]:
        with self.db.read_session() as session:
            return list(session.scalars(select(DeckRow.name).order_by(DeckRow.name)))

    def get(self, name: str) -> DeckInfoRow:
        with self.db.read_session() as session:
            row = session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
            if row is None:
                raise DeckNotFound(name)
            return DeckInfoRow(row.id, row.name, row.origin, sections_from_stored(row.sections), dict(row.options))

    def sections(self, name: str | None) -> tuple[DeckSection, ...]:
        """The sections of deck `name` and its sub-decks (None: of every deck), each id once."""
        with self.db.read_session() as session:
            rows = session.execute(select(DeckRow.name, DeckRow.sections).order_by(DeckRow.name)).all()
        return _first_seen(r for r in rows if name is None or within(r.name, name))

    def check_filter(self, name: str | None) -> str | None:
        """`name` when it names a deck or a parent of decks (None passes); DeckNotFound otherwise."""
        if name is None:
            return None
        if not any(within(deck, name) for deck in self.names()):
            raise DeckNotFound(name)
        return name

    def list(self, now: datetime) -> DeckList:
        """Every deck and parent name as a tree, with today's counts under the limits; one read."""
        with self.db.read_session() as session:
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            fetch = in_dialect(lambda sql, params: session.execute(text(sql), params).all(),  # noqa: E731
                               session.get_bind().dialect.name)
            rows = session.execute(select(DeckRow.id, DeckRow.name, DeckRow.origin, DeckRow.options,
                                          DeckRow.sections).order_by(DeckRow.name)).all()
            sizes = dict(session.execute(select(CardRow.deck_id, func.count()).group_by(CardRow.deck_id)).all())
            by_name = {r.name: r for r in rows}

            def counts(name: str | None) -> DeckCounts:
                queue = todays_queue(fetch, settings, today, now, TODAYS_QUEUE.in_deck(name))
                row = by_name.get(name) if name is not None else None
                covered = [r for r in rows if name is None or within(r.name, name)]
                total = sum(sizes.get(r.id, 0) for r in covered)
                return DeckCounts(name or "", row.id if row else None, row.origin if row else "",
                                  queue.counts.get("new", 0), queue.counts.get("redrill", 0),
                                  queue.counts.get("review", 0), total, dict(row.options) if row else {},
                                  _first_seen(covered))

            return DeckList(today, [counts(name) for name in tree_names(by_name)], counts(None))

    # ----- writing ------------------------------------------------------------------------
    def create(self, name: str, origin: str = "file", sections: tuple[DeckSection, ...] = BUNDLED_SECTIONS,
               now: datetime | None = None) -> Changed[int]:
        problem = name_problem(name)
        if problem is not None:
            raise UserError(problem)
        if origin not in ORIGINS:
            raise UserError(DeckText.tr(
                "a deck's origin must be one of {origins}").format(
                origins=', '.join(ORIGINS)))
        with self.db.session() as session:
            if session.scalar(select(DeckRow.id).where(DeckRow.name == name)) is not None:
                raise UserError(DeckText.tr("a deck named '{name}' already exists").format(name=name))
            row = DeckRow(name=name, origin=origin, sections=[s.to_dict() for s in sections], options={},
                          created_at=(now or datetime.now(timezone.utc)).astimezone(timezone.utc))
            session.add(row)
            session.flush()
            return Changed(row.id, CONTENT)

    def rename(self, old: str, new: str) -> Changed[builtins.list[tuple[str, str]]]:
        """Rename deck (or parent) `old` to `new`, its sub-decks with it ("A::x" -> "B::x"). Only
        names change: cards, schedules, history and options stay. Refused when a new name is taken
        or `new` lies inside `old`."""
        problem = name_problem(new)
        if problem is not None:
            raise UserError(problem)
        if within(new, old):
            raise UserError(DeckText.tr("cannot move '{old}' inside itself ('{new}')").format(old=old, new=new))
        with self.db.session() as session:
            rows = session.execute(select(DeckRow.id, DeckRow.name)).all()
            moving = [(r.id, r.name, renamed(r.name, old, new)) for r in rows if within(r.name, old)]
            if not moving:
                raise DeckNotFound(old)
            staying = {r.name for r in rows} - {name for _, name, _ in moving}
            taken = sorted(target for _, _, target in moving if target in staying)
            if taken:
                raise UserError(DeckText.tr(
                    "a deck named '{name}' already exists; choose another name").format(
                    name=taken[0]))
            # two steps, so that swapping names within the moved set never hits the unique index (the
            # passing name holds a control character, which no deck name does; not NUL: PostgreSQL's
            # text cannot hold it)
            for deck_id, _name, _target in moving:
                session.execute(update(DeckRow).where(DeckRow.id == deck_id).values(name=f"\x01renaming {deck_id}"))
            for deck_id, _name, target in moving:
                session.execute(update(DeckRow).where(DeckRow.id == deck_id).values(name=target))
            return Changed([(name, target) for _, name, target in moving], CONTENT)

    def delete(self, name: str, keep_backups: int | None = None) -> Changed[DeletedDeck]:
        """Delete deck `name` and its sub-decks with their cards, schedules and history, after a
        backup of the whole collection (services/backups.py; refused, with nothing deleted, when
        the backup fails). A collection in memory has no backup to make."""
        from quizapp.services import backups

        with self.db.read_session() as session:
            names = [n for n in session.scalars(select(DeckRow.name)) if within(n, name)]
            keep = keep_backups if keep_backups is not None else load_settings(session).backups_kept
        if not names:
            raise DeckNotFound(name)
        backup = None
        if self.db.path is not None:
            backup = str(backups.create_backup(self.db, "pre-delete", keep).path)
        with self.db.session() as session:
            ids = list(session.scalars(select(DeckRow.id).where(DeckRow.name.in_(names))))
            card_ids = select(CardRow.id).where(CardRow.deck_id.in_(ids))
            count = session.scalar(select(func.count()).select_from(card_ids.subquery())) or 0
            # the cards' states, FSRS memory, review log and quiz items go with them (ON DELETE CASCADE)
            session.execute(delete(CardRow).where(CardRow.deck_id.in_(ids)))
            session.execute(delete(DeckRow).where(DeckRow.id.in_(ids)))
        return Changed(DeletedDeck(sorted(names), count, backup), CONTENT)

    def set_options(self, name: str, updates: Mapping[str, Any]) -> Changed[dict[str, Any]]:
        """Set (or, with None, clear) options of deck `name`; every value is checked first."""
        problems = [p for key, value in updates.items() if (p := option_problem(key, value)) is not None]
        if problems:
            raise UserError("; ".join(problems))
        with self.db.session() as session:
            row = session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
            if row is None:
                # a parent shown in the tree ("NNDL" above "NNDL::ch07") has no row until it has
                # options of its own: it gets one now, with no sections and no cards
                is_parent = session.scalar(select(DeckRow.id).where(
                    DeckRow.name.startswith(name + "::", autoescape=True)).limit(1)) is not None
                if not is_parent:
                    raise DeckNotFound(name)
                row = DeckRow(name=name, origin="file", sections=[], options={},
                              created_at=datetime.now(timezone.utc))
                session.add(row)
            options = dict(row.options)
            for key, value in updates.items():
                if value is None:
                    options.pop(key, None)
                else:
                    options[key] = value
            row.options = options
            return Changed(options, SETTINGS)
