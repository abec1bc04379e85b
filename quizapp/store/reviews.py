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

from sqlalchemy import Connection, Table
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


# The two writes of an answer, as SQL for the driver: SQLAlchemy's execution of a Core statement
# costs ~40 us, the statement itself a few. Each value still goes through its column type's own
# bind processor (DateTime, JSON, Boolean as SQLAlchemy stores them: store/bulk_insert.py does the
# same), so the rows are those a session writes (tests/services/test_study_step.py compares them
# byte for byte).
_STATE_FIELDS = ("repetitions", "easiness", "interval", "due_day", "lapses", "redrill_day")


_WRITE_STATE: dict[tuple[str, ...], str] = {}  # the changed fields -> their UPDATE (at most 64)


def _write_state(changed: tuple[str, ...]) -> str:
    """The UPDATE of the fields an answer changed (and the time of the answer). Only those: SQLite
    rewrites the entry of every index whose column a SET assigns, changed or not, and lapses and
    redrill_day, unchanged by most answers, each have an index (~15 us and two WAL pages an
    answer at 100k cards)."""
    sql = _WRITE_STATE.get(changed)
    if sql is None:
        sets = "".join(f"{name} = ?, " for name in changed)
        sql = _WRITE_STATE[changed] = f"UPDATE card_state SET {sets}last_reviewed_at = ? WHERE card_id = ?"
    return sql


_LOG_FIELDS = ("card_id", "grade", "reviewed_at", "study_day", "duration_ms", "kind", "state_before", "state_after",
               "undone")
_APPEND_LOG = f"INSERT INTO review_log ({', '.join(_LOG_FIELDS)}) VALUES ({', '.join('?' for _ in _LOG_FIELDS)})"


def _processors(dialect: Any) -> tuple[Any, Any, Any]:
    """The bind processors of a stored time, a JSON state and a Boolean (identity when None)."""
    def of(column: Any) -> Any:
        return column.type.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)
    return of(_LOG.c.reviewed_at), of(_LOG.c.state_before), of(_LOG.c.undone)


_PROCESSORS: dict[str, tuple[Any, Any, Any]] = {}


def write_answer(conn: Connection, *, card_id: str, grade: int, at: datetime, study_day: int, duration_ms: int,
                 kind: str, before: CardState, after: CardState) -> int:
    """The card's new state (and the time of its last answer) and its review-log row, in the
    caller's transaction on an SQLite connection, as two statements on its driver; returns the
    log row's id. The same rows as `apply_state` + `append_review_log` write through a session.
    `before` must be the state stored now (read in the same transaction): only the fields that
    differ from it are written."""
    dialect = conn.dialect
    processors = _PROCESSORS.get(dialect.name)
    if processors is None:
        processors = _PROCESSORS[dialect.name] = _processors(dialect)
    stored_time, stored_json, stored_bool = processors
    utc = stored_time(_aware(at).astimezone(timezone.utc))
    values, was = after.to_dict(), before.to_dict()
    changed = tuple(name for name in _STATE_FIELDS if values[name] != was[name])
    driver: Any = conn.connection.dbapi_connection
    driver.execute(_write_state(changed), (*(values[name] for name in changed), utc, card_id))
    cursor = driver.execute(_APPEND_LOG, (card_id, int(grade), utc, study_day, int(duration_ms), kind,
                                          stored_json(_logged(before, None)), stored_json(_logged(after, None)),
                                          stored_bool(False)))
    log_id = cursor.lastrowid
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
