"""Which scheduler applies to a card, and a card's FSRS memory as it stands (docs/fsrs.md).

`scheduler_settings_for(session, settings, card_id)` is the ONE answer to "which scheduler and
which FSRS settings apply to this card" (or, card_id None, to the collection): every service
asks it (the study step, previews, the answer, the fit, the evidence, the forecast): the
collection's settings, overridden by the options of the card's deck or its nearest parent.
`scheduler_for(...)` turns the answer into SM-2 (domain/scheduler.py: Sm2Scheduler, the
default) or FSRS (services/fsrs_scheduler.py); `answer_with(...)` is the one call
StudyService.answer makes.

A card's FSRS memory is current when it was written by the card's latest answer (its
`last_review_at` equals the card state's `last_reviewed_at`). Otherwise (a card SM-2 scheduled
before the switch, or answered under SM-2 after a switch back) FSRS rebuilds it by replaying the
card's review log with py-fsrs: nothing in the log is rewritten, and switching either way is
only a setting. Quiz and mock-interview answers are not replayed: they are not scheduled reviews.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from quizapp.domain.redrill import parse_steps
from quizapp.domain.review import REVIEW_KINDS
from quizapp.domain.scheduler import (Answer, CardScheduler, FsrsMemory, LoggedReview, Scheduled, SchedulerName,
                                     Sm2Scheduler)
from quizapp.domain.settings import Settings
from quizapp.services.fsrs_scheduler import FsrsScheduler, memory_from_sm2, py_fsrs_scheduler, replay
from quizapp.store.fsrs_memory import as_utc, load_memory, store_memory
from quizapp.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow
from quizapp.store.queue_sql import SCHEDULING_OPTION_KEYS
from quizapp.store.reviews import state_of


@dataclass(frozen=True)
class SchedulerSettings:
    """What schedules a card: the scheduler and, for FSRS, its retention and parameters."""

    scheduler: SchedulerName  # "sm2" | "fsrs"
    desired_retention: float  # FSRS: recall probability at which a card falls due
    maximum_interval_days: int  # both schedulers cap intervals here
    fsrs_parameters: tuple[float, ...]  # FSRS-6 weights; () = the defaults
    day_start_hour: int
    learning_steps: tuple[int, ...] = (1, 10)  # FSRS, minutes (the settings' fsrs_learning_steps)
    relearning_steps: tuple[int, ...] = (10,)

    @property
    def is_fsrs(self) -> bool:
        return self.scheduler == "fsrs"


def scheduler_settings_for(session: Session, settings: Settings, card_id: str | None = None) -> SchedulerSettings:
    """The scheduler settings that apply to `card_id` (None: the collection as a whole).

    A deck may choose its own scheduler, desired retention, maximum interval and FSRS parameters
    (`decks.options`: `quizapp deck set NAME --scheduler fsrs`, `quizapp fsrs optimize --deck
    NAME`); a sub-deck without its own choice takes its nearest parent's, and a deck without
    any takes the collection's settings."""
    chosen = SchedulerSettings("fsrs" if settings.scheduler == "fsrs" else "sm2", settings.desired_retention,
                               settings.max_interval_days, tuple(settings.fsrs_parameters), settings.day_start_hour,
                               parse_steps(settings.fsrs_learning_steps), parse_steps(settings.fsrs_relearning_steps))
    if card_id is None:
        return chosen
    overrides = deck_scheduler_options(session, card_id)
    if not overrides:
        return chosen
    return with_deck_options(chosen, overrides)


def with_deck_options(chosen: SchedulerSettings, overrides: Mapping[str, Any]) -> SchedulerSettings:
    """The collection's choice with a deck's own options (deck_scheduler_options) laid over it."""
    return replace(chosen,
                   scheduler=overrides.get("scheduler", chosen.scheduler),
                   desired_retention=float(overrides.get("desired_retention", chosen.desired_retention)),
                   maximum_interval_days=int(overrides.get("maximum_interval_days", chosen.maximum_interval_days)),
                   fsrs_parameters=tuple(overrides.get("fsrs_parameters", chosen.fsrs_parameters)))


def deck_scheduler_options(session: Session, card_id: str) -> dict[str, Any]:
    """The scheduler options of the card's deck (options_of_deck)."""
    name = session.execute(select(DeckRow.name).join(CardRow, CardRow.deck_id == DeckRow.id)
                           .where(CardRow.id == card_id)).scalar_one_or_none()
    return {} if name is None else options_of_deck(session, name)


def options_of_deck(session: Session, name: str) -> dict[str, Any]:
    """The scheduler options of deck `name`, each from the deck itself or else its nearest
    parent that sets it ("A::B::C" asks C, then A::B, then A)."""
    parts = name.split("::")
    lineage = ["::".join(parts[:n]) for n in range(len(parts), 0, -1)]  # the deck first, then its parents
    rows = session.execute(select(DeckRow.name, DeckRow.options).where(DeckRow.name.in_(lineage))).all()
    options_of: dict[str, dict[str, Any] | None] = {deck: options for deck, options in rows}
    found: dict[str, Any] = {}
    for deck in reversed(lineage):  # the nearest deck is applied last, so it wins
        for key in SCHEDULING_OPTION_KEYS:
            value = (options_of.get(deck) or {}).get(key)
            if value is not None:
                found[key] = value
    return found


def scheduler_for(chosen: SchedulerSettings) -> CardScheduler:
    if chosen.is_fsrs:
        return FsrsScheduler(py_fsrs_scheduler(chosen.fsrs_parameters, chosen.desired_retention,
                                               chosen.maximum_interval_days, chosen.learning_steps,
                                               chosen.relearning_steps), chosen.day_start_hour)
    return Sm2Scheduler(chosen.maximum_interval_days)


def scheduler_for_card(session: Session, settings: Settings, card_id: str) -> tuple[CardScheduler, int]:
    """The scheduler of `card_id` and its interval cap (scheduler_settings_for decides)."""
    chosen = scheduler_settings_for(session, settings, card_id)
    return scheduler_for(chosen), chosen.maximum_interval_days


def logged_reviews(session: Session, card_id: str | None = None, deck: str | None = None) -> list[LoggedReview]:
    """The scheduled answers (not undone, not quiz) of one card, of one deck with its sub-decks,
    or of all, oldest first."""
    query = select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.study_day, ReviewLogRow.grade).where(
        ReviewLogRow.undone.is_(False), ReviewLogRow.kind.in_(REVIEW_KINDS))
    if card_id is not None:
        query = query.where(ReviewLogRow.card_id == card_id)
    if deck is not None:
        in_deck = (select(CardRow.id).join(DeckRow, DeckRow.id == CardRow.deck_id)
                   .where(or_(DeckRow.name == deck, DeckRow.name.startswith(deck + "::", autoescape=True))))
        query = query.where(ReviewLogRow.card_id.in_(in_deck))
    rows = session.execute(query.order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)).all()
    return [LoggedReview(card, as_utc(at), day, grade) for card, at, day, grade in rows]


def current_memory(session: Session, row: CardStateRow, scheduler: FsrsScheduler, at: datetime,
                   today: int) -> FsrsMemory | None:
    """The card's FSRS memory now: the stored one when current, else rebuilt from the log, else
    (an SM-2 state without a log) read from the SM-2 state; None for a new card."""
    if row.due_day is None and row.last_reviewed_at is None:
        return None
    stored = load_memory(session, row.card_id)
    if stored is not None and row.last_reviewed_at is not None and stored.last_review_at == as_utc(
            row.last_reviewed_at):
        return stored
    replayed = replay(scheduler.scheduler, logged_reviews(session, row.card_id))
    return replayed if replayed is not None else memory_from_sm2(state_of(row), at, today)


def answer_with(scheduler: CardScheduler, session: Session, row: CardStateRow, grade: int, at: datetime,
                today: int, max_interval: int) -> Scheduled:
    """Apply one grade with `scheduler`; under FSRS the memory after it is stored too."""
    memory = current_memory(session, row, scheduler, at, today) if isinstance(scheduler, FsrsScheduler) else None
    scheduled = scheduler.answer(Answer(state_of(row), memory, grade, at, today, max_interval))
    if scheduled.memory_after is not None:
        store_memory(session, row.card_id, scheduled.memory_after)
    return scheduled


def preview_with(scheduler: CardScheduler, session: Session, row: CardStateRow, at: datetime,
                 today: int) -> dict[int, int]:
    """Days until due for each grade 0-5 under `scheduler`."""
    memory = current_memory(session, row, scheduler, at, today) if isinstance(scheduler, FsrsScheduler) else None
    return scheduler.preview(state_of(row), memory, at, today, tuple(range(6)))


def undo_memory(session: Session, card_id: str, state_before: dict[str, object],
                state_after: dict[str, object]) -> None:
    """Undoing an FSRS answer puts back the memory the card had before it (or none)."""
    if "fsrs" not in state_after:
        return  # an SM-2 answer: FSRS memory was not touched
    before = state_before.get("fsrs")
    store_memory(session, card_id, FsrsMemory.from_dict(before) if isinstance(before, dict) else None)
