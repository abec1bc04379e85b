"""Shared test constants (importable as tests.support: the repo root is on pytest's pythonpath)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.store.database import Database

SAMPLE_DECK = Path(__file__).parent / "fixtures" / "deck"
CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=CST)


def db_arg(db: Database) -> str:
    """What `--db` names for an open collection: its file (SQLite) or its URL (PostgreSQL)."""
    return str(db.path) if db.path is not None else db.url.render_as_string(hide_password=False)
