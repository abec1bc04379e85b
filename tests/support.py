"""Shared test constants (importable as tests.support: the repo root is on pytest's pythonpath)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

SAMPLE_DECK = Path(__file__).parent / "fixtures" / "deck"
CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=CST)
