"""A process killed at any instant loses no committed answer and leaves the file intact.

A child answers cards in a loop and prints each log id once its transaction has committed;
the parent SIGKILLs it at a random moment, 50 times, then checks every reported id is in
the review log, that `PRAGMA integrity_check` says ok (SQLite) and that the log replays to the
stored states. On SQLite and PostgreSQL (tests/conftest.py: `db_backend`).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from sqlalchemy import select

from quizapp.domain.sm2 import CardState
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.store.models import ReviewLogRow
from tests.support import NOW, SAMPLE_DECK, replay_mismatches

CHILD = r"""
import sys, itertools
from datetime import datetime, timedelta
from quizapp.services.database import open_database
from quizapp.services.study import StudyService
db = open_database(sys.argv[1])
study = StudyService(db)
cards = sys.argv[2].split(",")
start = datetime.fromisoformat(sys.argv[3])
print("ready", flush=True)
for i in itertools.count():
    outcome = study.answer(cards[i % len(cards)], (i % 5) + 1, start + timedelta(seconds=i))
    print(outcome.log_id, flush=True)
"""

KILLS = 50


@pytest.mark.slow
def test_sigkill_loses_no_committed_answer(db_target: str, db_backend: str) -> None:
    """On SQLite the file; on PostgreSQL the client's connection dies with it and the server rolls
    its open transaction back. Either way every answer reported committed is in the log, and no
    answer is half-written: each log row's state is its card's state then (a serial replay of the
    log with review_card ends at the stored states)."""
    db = open_database(db_target)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    db.close()
    cards = ",".join(f"sample-7{s}-{j}" for s in range(1, 8) for j in (1, 2))
    rng = random.Random(2026)
    committed: set[int] = set()
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, db_target, cards, NOW.isoformat()],
                                 stdout=subprocess.PIPE, text=True, bufsize=1)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))  # kill at a random instant, mid-transaction or not
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        committed.update(int(line) for line in out.split() if line.isdigit())
    assert len(committed) > KILLS  # the children did commit work between kills
    if db_backend == "sqlite":
        with sqlite3.connect(db_target) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db = open_database(db_target)
    try:
        with db.read_session() as session:
            logged = set(session.scalars(select(ReviewLogRow.id)))
        assert committed <= logged
        assert replay_mismatches(db, start=CardState().to_dict()) == []
    finally:
        db.close()
