"""Which rule schedules a card: SM-2 (the default) or FSRS (a setting), behind one small protocol.

`StudyService.answer` asks `scheduler.answer(Answer(...))` and stores what comes back; it never
asks which scheduler it holds. SM-2 is `Sm2Scheduler` here (pure, domain/review.py underneath);
FSRS is `quizapp.services.fsrs_scheduler.FsrsScheduler`, built on py-fsrs (docs/fsrs.md).

Both keep the SM-2 `CardState` row up to date, because the queue, the browser and the statistics
read it: under FSRS `due_day` is the study day the card is due, `interval` the days scheduled,
`redrill_day` today while the card is in a learning step due later today. FSRS's own memory
(stability, difficulty, learning step) travels beside it as an `FsrsMemory`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal, Protocol

from quizapp.domain.review import Review, review_card
from quizapp.domain.sm2 import MAX_INTERVAL_DAYS, PASSING_GRADE, CardState, preview_intervals
from quizapp.i18n.text import StudyText

SchedulerName = Literal["sm2", "fsrs"]
SCHEDULERS: Final[tuple[SchedulerName, ...]] = ("sm2", "fsrs")

# FSRS's card phases (py-fsrs `State`): the numbers are py-fsrs's and Anki's.
LEARNING: Final = 1
REVIEW: Final = 2
RELEARNING: Final = 3


@dataclass(frozen=True)
class FsrsMemory:
    """FSRS's state of one card: stability S (days until recall falls to 90%), difficulty D (1-10),
    the phase (LEARNING / REVIEW / RELEARNING), the learning step, when it is due and when it was
    last reviewed (both aware, UTC)."""

    stability: float
    difficulty: float
    phase: int
    step: int | None
    due_at: datetime
    last_review_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"stability": self.stability, "difficulty": self.difficulty, "phase": self.phase,
                "step": self.step, "due_at": self.due_at.isoformat(),
                "last_review_at": self.last_review_at.isoformat()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FsrsMemory":
        return cls(float(d["stability"]), float(d["difficulty"]), int(d["phase"]),
                   None if d["step"] is None else int(d["step"]), datetime.fromisoformat(d["due_at"]),
                   datetime.fromisoformat(d["last_review_at"]))


@dataclass(frozen=True)
class Answer:
    """One grade given to a card: its SM-2 row state, FSRS memory (None when it has none or the
    memory is stale), the SM-2 grade 0-5, the aware time, the study day and the interval cap."""

    state: CardState
    memory: FsrsMemory | None
    grade: int
    at: datetime
    today: int
    max_interval: int = MAX_INTERVAL_DAYS


@dataclass(frozen=True)
class Scheduled:
    """What a scheduler decided: the `Review` (kind, both row states) and the FSRS memory after
    it (None under SM-2)."""

    review: Review
    memory_before: FsrsMemory | None = None
    memory_after: FsrsMemory | None = None


class CardScheduler(Protocol):
    name: SchedulerName

    def answer(self, answer: Answer) -> Scheduled:
        """Apply one grade."""
        ...

    def preview(self, state: CardState, memory: FsrsMemory | None, at: datetime, today: int,
                grades: tuple[int, ...]) -> dict[int, int]:
        """Days until due for each grade (0 = again today)."""
        ...


class Sm2Scheduler:
    """SM-2 exactly as domain/sm2.py says; ignores FSRS memory."""

    name: SchedulerName = "sm2"

    def __init__(self, max_interval: int = MAX_INTERVAL_DAYS) -> None:
        self.max_interval = max_interval

    def answer(self, answer: Answer) -> Scheduled:
        return Scheduled(review_card(answer.state, answer.grade, answer.today, answer.max_interval))

    def preview(self, state: CardState, memory: FsrsMemory | None, at: datetime, today: int,
                grades: tuple[int, ...] = tuple(range(6))) -> dict[int, int]:
        return preview_intervals(state, today, grades, self.max_interval)


@dataclass(frozen=True)
class LoggedReview:
    """One scheduled answer of the review log (not a quiz answer), as the schedulers replay it."""

    card_id: str
    at: datetime  # aware
    study_day: int
    grade: int  # SM-2 grade 0-5

    @property
    def recalled(self) -> int:
        """1 when the answer counts as recalled (grade >= 3, FSRS's "not Again")."""
        return int(self.grade >= PASSING_GRADE)


def fsrs_rating(grade: int) -> int:
    """SM-2 grade 0-5 -> FSRS rating 1-4: below 3 is Again (not recalled), 3 Hard, 4 Good, 5 Easy
    (the four buttons give 1/3/4/5, so each button is its FSRS rating)."""
    if not 0 <= grade <= 5:
        raise ValueError(StudyText.tr("grade must be 0-5, got {grade}").format(grade=grade))
    return 1 if grade < 3 else grade - 1
