"""Card-state rows <-> quizapp.domain.sm2.CardState, and appending one answer to the review log.

The one place that maps a card's scheduling state between the database and the domain and
that writes review-log rows, for study answers and quiz answers alike.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy.orm import Session

from quizapp.domain.scheduler import FsrsMemory
from quizapp.domain.card_marks import CardMarks
from quizapp.domain.sm2 import CardState
from quizapp.store.models import CardStateRow, ReviewLogRow


def state_of(row: CardStateRow) -> CardState:
    return CardState(repetitions=row.repetitions, easiness=row.easiness, interval=row.interval,
                     due_day=row.due_day, lapses=row.lapses, redrill_day=row.redrill_day)


def marks_of(row: CardStateRow) -> CardMarks:
    return CardMarks(suspended=bool(row.suspended), buried_day=row.buried_day, flag=row.flag or 0)


def apply_marks(row: CardStateRow, marks: CardMarks) -> None:
    row.suspended, row.buried_day, row.flag = marks.suspended, marks.buried_day, marks.flag


def apply_state(row: CardStateRow, state: CardState) -> None:
    """Write every scheduling field of `state` onto the row (suspension and position stay)."""
    for key, value in state.to_dict().items():
        setattr(row, key, value)


def append_review_log(session: Session, *, card_id: str, grade: int, at: datetime, study_day: int,
                      duration_ms: int, kind: str, before: CardState, after: CardState,
                      memory_before: FsrsMemory | None = None, memory_after: FsrsMemory | None = None) -> int:
    """Append one answer to the review log (never rewritten; undo only marks it) and return its id.
    `at` must be aware; it is stored in UTC. An FSRS answer also logs the card's FSRS memory before
    and after it, under the key "fsrs" of each state (absent: the card had none)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a review-log time must be timezone-aware")
    log = ReviewLogRow(card_id=card_id, grade=int(grade), reviewed_at=at.astimezone(timezone.utc),
                       study_day=study_day, duration_ms=int(duration_ms), kind=kind,
                       state_before=_logged(before, memory_before), state_after=_logged(after, memory_after),
                       undone=False)
    session.add(log)
    session.flush()  # assigns the id
    return log.id


def _logged(state: CardState, memory: FsrsMemory | None) -> dict[str, Any]:
    out: dict[str, Any] = dict(state.to_dict())
    if memory is not None:
        out["fsrs"] = memory.to_dict()
    return out
