"""FSRS memory rows <-> quizapp.domain.scheduler.FsrsMemory (db/versions/0005_fsrs.py)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from quizapp.domain.scheduler import FsrsMemory
from quizapp.store.models import FsrsStateRow


def as_utc(at: datetime) -> datetime:
    """SQLite hands back the stored UTC times without a zone: give them theirs."""
    return at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)


def memory_of(row: FsrsStateRow) -> FsrsMemory:
    return FsrsMemory(row.stability, row.difficulty, row.phase, row.step, as_utc(row.due_at),
                      as_utc(row.last_review_at))


def load_memory(session: Session, card_id: str) -> FsrsMemory | None:
    row = session.get(FsrsStateRow, card_id)
    return None if row is None else memory_of(row)


def store_memory(session: Session, card_id: str, memory: FsrsMemory | None) -> None:
    """Write the card's FSRS memory (None removes it: the card had none)."""
    row = session.get(FsrsStateRow, card_id)
    if memory is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = FsrsStateRow(card_id=card_id)
        session.add(row)
    row.stability, row.difficulty, row.phase, row.step = (memory.stability, memory.difficulty, memory.phase,
                                                          memory.step)
    row.due_at, row.last_review_at = as_utc(memory.due_at), as_utc(memory.last_review_at)
