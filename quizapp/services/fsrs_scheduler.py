"""FSRS scheduling through py-fsrs (`fsrs` on PyPI, the FSRS authors' Python scheduler): the
`CardScheduler` of docs/fsrs.md. py-fsrs's scheduler imports no torch; only its optimizer does
(services/fsrs_fit.py imports that lazily).

py-fsrs decides stability, difficulty, the phase, the learning step and when the card is due;
this module turns that into the SM-2 row the queue reads (domain/scheduler.py says how) and
back. Fuzz is off: the same answers always give the same intervals (tests, undo, previews).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS

from quizapp.domain.review import Review, review_kind
from quizapp.domain.scheduler import REVIEW, Answer, FsrsMemory, LoggedReview, Scheduled, SchedulerName, fsrs_rating
from quizapp.domain.sm2 import MAX_INTERVAL_DAYS, PASSING_GRADE, CardState, Grade
from quizapp.services.clock import local_study_day

DEFAULT_FSRS_PARAMETERS: tuple[float, ...] = tuple(DEFAULT_PARAMETERS)
CARD_ID = 0  # py-fsrs wants a card id; one adapter call only ever sees one card


def py_fsrs_scheduler(parameters: Iterable[float] = (), desired_retention: float = 0.9,
                      maximum_interval: int = MAX_INTERVAL_DAYS, learning_steps: Iterable[int] = (1, 10),
                      relearning_steps: Iterable[int] = (10,)) -> Scheduler:
    """A py-fsrs Scheduler with quizapp's choices: the given FSRS-6 weights (empty: py-fsrs's
    defaults), learning and relearning steps in minutes (py-fsrs's defaults: 1 and 10 min; 10
    min), no fuzz."""
    weights = tuple(parameters) or DEFAULT_FSRS_PARAMETERS
    return Scheduler(parameters=weights, desired_retention=desired_retention, maximum_interval=maximum_interval,
                     learning_steps=tuple(timedelta(minutes=m) for m in learning_steps),
                     relearning_steps=tuple(timedelta(minutes=m) for m in relearning_steps),
                     enable_fuzzing=False)


def to_card(memory: FsrsMemory | None, at: datetime) -> Card:
    """py-fsrs's card for `memory` (None: a card FSRS has not seen, due now)."""
    if memory is None:
        return Card(card_id=CARD_ID, due=at.astimezone(timezone.utc))
    return Card(card_id=CARD_ID, state=State(memory.phase), step=memory.step, stability=memory.stability,
                difficulty=memory.difficulty, due=memory.due_at.astimezone(timezone.utc),
                last_review=memory.last_review_at.astimezone(timezone.utc))


def to_memory(card: Card) -> FsrsMemory:
    assert card.stability is not None and card.difficulty is not None and card.last_review is not None
    return FsrsMemory(float(card.stability), float(card.difficulty), int(card.state), card.step, card.due,
                      card.last_review)


def replay(scheduler: Scheduler, history: Iterable[LoggedReview]) -> FsrsMemory | None:
    """The memory a card has after its logged answers, oldest first (None: no answers)."""
    card: Card | None = None
    for entry in history:
        at = entry.at.astimezone(timezone.utc)
        card, _ = scheduler.review_card(card or to_card(None, at), Rating(fsrs_rating(entry.grade)), at)
    return None if card is None else to_memory(card)


def memory_from_sm2(state: CardState, at: datetime, today: int) -> FsrsMemory | None:
    """FSRS memory for a card SM-2 scheduled without a review log to replay (an old or imported
    state): SM-2's interval read as "recall 90% on the due date" is FSRS's stability; the
    easiness maps linearly onto difficulty (2.50, SM-2's start, -> 5; 1.30, its floor, -> 10),
    an approximation of quizapp's own. None for a new card."""
    if state.due_day is None:
        return None
    interval = max(1, state.interval)
    difficulty = min(10.0, max(1.0, 5.0 + (250 - state.easiness) * 5.0 / 120))
    utc = at.astimezone(timezone.utc)
    last = utc - timedelta(days=max(0, today - (state.due_day - interval)))
    return FsrsMemory(float(interval), difficulty, REVIEW, None, utc + timedelta(days=state.due_day - today), last)


class FsrsScheduler:
    """The FSRS `CardScheduler`: py-fsrs's review, written back onto the SM-2 row."""

    name: SchedulerName = "fsrs"

    def __init__(self, scheduler: Scheduler, day_start_hour: int) -> None:
        self.scheduler = scheduler
        self.day_start_hour = day_start_hour

    def answer(self, answer: Answer) -> Scheduled:
        quality = int(Grade(answer.grade))
        at = answer.at.astimezone(timezone.utc)
        card, _ = self.scheduler.review_card(to_card(answer.memory, at), Rating(fsrs_rating(quality)), at)
        after = self._row_state(answer.state, answer.memory, card, quality, at, answer.today)
        review = Review(review_kind(answer.state, answer.today), quality, answer.today, answer.state, after)
        return Scheduled(review, answer.memory, to_memory(card))

    def preview(self, state: CardState, memory: FsrsMemory | None, at: datetime, today: int,
                grades: tuple[int, ...] = tuple(range(6))) -> dict[int, int]:
        """Days until due for each grade (0 = again today, in a learning step)."""
        utc = at.astimezone(timezone.utc)
        out: dict[int, int] = {}
        for grade in grades:
            card, _ = self.scheduler.review_card(to_card(memory, utc), Rating(fsrs_rating(grade)), utc)
            after = self._row_state(state, memory, card, grade, utc, today)
            out[grade] = 0 if after.redrill_day == today else after.interval
        return out

    def _row_state(self, before: CardState, memory: FsrsMemory | None, card: Card, grade: int, at: datetime,
                   today: int) -> CardState:
        """The SM-2 row after an FSRS answer: due on the study day py-fsrs's due time falls on
        (a review interval counts in study days from today, as SM-2's do); a learning step due
        later today keeps the card in today's re-drill; a lapse is an Again on a review card."""
        if card.state == State.Review:
            interval = max(1, round((card.due - at) / timedelta(days=1)))
            due_day = today + interval
        else:
            due_day = max(today, local_study_day(card.due, self.day_start_hour))
            interval = due_day - today
        passed = grade >= PASSING_GRADE
        lapsed = not passed and memory is not None and memory.phase == REVIEW
        return replace(before, repetitions=before.repetitions + 1 if passed else 0, interval=interval,
                       due_day=due_day, lapses=before.lapses + int(lapsed),
                       redrill_day=today if due_day == today else None)
