"""A process killed at any instant loses no committed answer and leaves the file intact.

A child answers cards in a loop and prints each log id once its transaction has committed;
the parent SIGKILLs it at a random moment, 50 times, then checks every reported id is in
the review log and that `PRAGMA integrity_check` says ok.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from tests.support import NOW, SAMPLE_DECK

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
def test_sigkill_loses_no_committed_answer(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    db.close()
    cards = ",".join(f"sample-7{s}-{j}" for s in range(1, 8) for j in (1, 2))
    rng = random.Random(2026)
    committed: set[int] = set()
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), cards, NOW.isoformat()],
                                 stdout=subprocess.PIPE, text=True, bufsize=1)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))  # kill at a random instant, mid-transaction or not
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        committed.update(int(line) for line in out.split() if line.isdigit())
    assert len(committed) > KILLS  # the children did commit work between kills
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        logged = {row[0] for row in conn.execute("SELECT id FROM review_log")}
    assert committed <= logged
