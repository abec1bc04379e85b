"""Store benchmark on a synthetic 100k-card collection (a command, not a timed test).

    python -m quizapp.devtools.bench.store [--cards 100000] [--repeat 200]

Prints medians and p99 for: building the due queue and listing the kept one, answer ->
committed, the next card (study step), importing 10k cards, and `quizapp due` as a whole process.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from quizapp.domain.content import Bilingual, Card
from quizapp.domain.studyday import study_day
from quizapp.services.database import open_database
from quizapp.services.importer import card_columns, import_deck
from quizapp.services.study import StudyService
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def pin_time_zone(zone: str = "Asia/Shanghai") -> None:
    """Run in the zone NOW is written in (and the main users' zone), in this process and the
    processes it starts. The study day is read on the local clock: on a UTC machine NOW (09:00
    at UTC+8) falls on the day before, whose synthetic log already holds the day's reviews."""
    os.environ["TZ"] = zone
    if hasattr(time, "tzset"):
        time.tzset()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(name: str, seconds: list[float], budget_ms: float | None = None) -> None:
    ms = [s * 1000 for s in seconds]
    line = f"{name:38} median {statistics.median(ms):8.2f} ms   p99 {percentile(ms, 99):8.2f} ms   (n={len(ms)})"
    if budget_ms is not None:
        line += f"   budget {budget_ms:g} ms"
    print(line, flush=True)


def synthetic_card(i: int) -> Card:
    return Card(id=f"syn-{i:06d}", section=f"7.{i % 7 + 1}", kind="qa",
                front=Bilingual(f"问题 {i}：为什么梯度会消失？", f"Question {i}: why do gradients vanish?"),
                back=Bilingual(f"答案 {i}", f"Answer {i} with $\\alpha_t$"), tags=("synthetic",))


def build_collection(db: Database, n: int, rng: random.Random,
                     make_card: Callable[[int], Card] = synthetic_card) -> None:
    """n cards (the i-th is make_card(i)): ~10% new, the rest reviewed with due days spread
    around today, plus a log."""
    today = study_day(NOW)
    stamp = NOW.astimezone(timezone.utc)
    batch = 10_000
    with db.session() as session:
        for start in range(0, n, batch):
            cards, states, logs = [], [], []
            for i in range(start, min(n, start + batch)):
                card = make_card(i)
                cards.append({"id": card.id, **card_columns(card), "origin": "user", "deck_hash": "",
                              "user_edited": False, "deck_content": None, "created_at": stamp, "updated_at": stamp})
                new = rng.random() < 0.1
                interval = rng.randint(1, 200)
                due = None if new else today + rng.randint(-30, 200)
                states.append({"card_id": card.id, "repetitions": 0 if new else rng.randint(1, 8),
                               "easiness": rng.randint(130, 300), "interval": 0 if new else interval,
                               "due_day": due, "lapses": rng.randint(0, 3), "redrill_day": None,
                               "suspended": rng.random() < 0.01, "position": i, "last_reviewed_at": None})
                if not new:
                    logs.append({"card_id": card.id, "grade": rng.randint(0, 5), "reviewed_at": stamp,
                                 "study_day": today - rng.randint(1, 60), "duration_ms": rng.randint(1000, 20000),
                                 "kind": "review", "state_before": {}, "state_after": {}, "undone": False})
            session.execute(insert(CardRow), cards)
            session.execute(insert(CardStateRow), states)
            session.execute(insert(ReviewLogRow), logs)


def write_deck(folder: Path, n: int) -> None:
    lines = []
    for i in range(n):
        lines.append(f'[[card]]\nid = "imp-{i:05d}"\nsection = "7.{i % 7 + 1}"\nkind = "qa"\ntags = ["bench"]\n'
                     f'front.zh = "问题 {i}"\nfront.en = "Question {i}"\n'
                     f'back.zh = "答案 {i}"\nback.en = "Answer {i}"\n')
    (folder / "bench.toml").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    pin_time_zone()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        db = open_database(path)
        t0 = time.perf_counter()
        build_collection(db, args.cards, rng)
        print(f"built {args.cards} cards in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        study = StudyService(db)

        times = []
        for _ in range(min(args.repeat, 50)):  # a new service each time: the SQL rule runs in full
            built = StudyService(db)
            t = time.perf_counter()
            queue = built.queue(NOW)
            times.append(time.perf_counter() - t)
            built.close()
        print(f"queue: {queue.counts}")
        report(f"due queue, built ({args.cards} cards)", times, 20)

        study.queue(NOW)
        times = []
        for _ in range(args.repeat):  # the service's kept queue (services/queue_cache.py), listed
            t = time.perf_counter()
            study.queue(NOW)
            times.append(time.perf_counter() - t)
        report("due queue, kept", times)

        ids = [item.card_id for item in queue.items]
        times = []
        for i in range(args.repeat):
            t = time.perf_counter()
            study.answer(ids[i % len(ids)], 4, NOW + timedelta(seconds=i), duration_ms=5000)
            times.append(time.perf_counter() - t)
        report("answer -> committed", times, 5)

        times = []
        for i in range(args.repeat):  # what the study screen asks for next
            t = time.perf_counter()
            study.step(NOW + timedelta(seconds=i))
            times.append(time.perf_counter() - t)
        report("next card (study step)", times)
        db.close()

        deck = Path(tmp) / "deck"
        deck.mkdir()
        write_deck(deck, 10_000)
        times = []
        for i in range(3):
            fresh = open_database(Path(tmp) / f"import{i}.db")
            t = time.perf_counter()
            import_deck(fresh, [deck], now=NOW)
            times.append(time.perf_counter() - t)
            fresh.close()
        report("import 10k cards", times, 2000)

        times = []
        for _ in range(7):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "quizapp", "due", "--db", str(path), "--limit", "20"],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        report(f"`quizapp due` process ({args.cards} cards)", times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
