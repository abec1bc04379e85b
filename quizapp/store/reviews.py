"""Card-state rows <-> quizapp.domain.sm2.CardState, and appending one answer to the review log.

The one place that maps a card's scheduling state between the database and the domain and
that writes review-log rows, for study answers and quiz answers alike. Two shapes of the same
writes: through an ORM session (`apply_state`, `append_review_log`), and as SQLAlchemy Core
statements on a connection (`write_answer`, after `read_answer_row`), the lean answer path of
services/study.py, which pays for no unit of work.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, update
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


_STATE = cast(Table, CardStateRow.__table__)
_LOG = cast(Table, ReviewLogRow.__table__)
# The one read of an answer, a primary-key lookup: on the driver's connection (the same
# connection and transaction as the writes), as SQLAlchemy's execution costs ~20x the lookup.
_READ_ANSWER_ROW = ("SELECT repetitions, easiness, interval, due_day, lapses, redrill_day, suspended "
                    "FROM card_state WHERE card_id = ?")


def read_answer_row(conn: Connection, card_id: str) -> tuple[CardState, bool] | None:
    """The card's scheduling state and whether it is suspended (None: no such card), read in
    the connection's transaction (an SQLite connection)."""
    driver: Any = conn.connection.dbapi_connection
    row = driver.execute(_READ_ANSWER_ROW, (card_id,)).fetchone()
    if row is None:
        return None
    return CardState(repetitions=row[0], easiness=row[1], interval=row[2], due_day=row[3], lapses=row[4],
                     redrill_day=row[5]), bool(row[6])


# Built once: a constant statement is compiled once and its cache key computed once.
_STATE_FIELDS = ("repetitions", "easiness", "interval", "due_day", "lapses", "redrill_day")
_WRITE_STATE = update(_STATE).where(_STATE.c.card_id == bindparam("the_card")).values(
    {name: bindparam(f"new_{name}") for name in (*_STATE_FIELDS, "last_reviewed_at")})
_APPEND_LOG = insert(_LOG)


def write_answer(conn: Connection, *, card_id: str, grade: int, at: datetime, study_day: int, duration_ms: int,
                 kind: str, before: CardState, after: CardState) -> int:
    """The card's new state (and the time of its last answer) and its review-log row, as two Core
    statements in the caller's transaction; returns the log row's id. The same rows as
    `apply_state` + `append_review_log` write through a session."""
    utc = _aware(at).astimezone(timezone.utc)
    values = after.to_dict()
    conn.execute(_WRITE_STATE, {"the_card": card_id, "new_last_reviewed_at": utc,
                                **{f"new_{name}": values[name] for name in _STATE_FIELDS}})
    result = conn.execute(_APPEND_LOG, {
        "card_id": card_id, "grade": int(grade), "reviewed_at": utc, "study_day": study_day,
        "duration_ms": int(duration_ms), "kind": kind, "state_before": _logged(before, None),
        "state_after": _logged(after, None), "undone": False})
    log_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
    assert isinstance(log_id, int)
    return log_id


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a review-log time must be timezone-aware")
    return at


def append_review_log(session: Session, *, card_id: str, grade: int, at: datetime, study_day: int,
                      duration_ms: int, kind: str, before: CardState, after: CardState,
                      memory_before: FsrsMemory | None = None, memory_after: FsrsMemory | None = None) -> int:
    """Append one answer to the review log (never rewritten; undo only marks it) and return its id.
    `at` must be aware; it is stored in UTC. An FSRS answer also logs the card's FSRS memory before
    and after it, under the key "fsrs" of each state (absent: the card had none)."""
    log = ReviewLogRow(card_id=card_id, grade=int(grade), reviewed_at=_aware(at).astimezone(timezone.utc),
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
