"""FSRS beside SM-2, timed (a command, not a timed test; docs/fsrs.md § Speed).

    python -m quizapp.devtools.bench.fsrs [--cards 100000] [--repeat 200] [--forecast-cards 10000]

On the synthetic collection of quizapp.devtools.bench.store: grade -> next step
(`answer_and_next`) under SM-2 and under FSRS (cards switched from SM-2, so each first FSRS
answer replays the card's log), then FSRS's 30-day forecast on a collection of
`--forecast-cards` cards (seven seeded simulations: the curve plus the current retention).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from quizapp.devtools.bench.store import NOW, build_collection, report
from quizapp.services.database import open_database
from quizapp.services.fsrs_service import FsrsService
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService


def _answer_times(study: StudyService, ids: list[str], repeat: int, start: int) -> list[float]:
    times = []
    for i in range(repeat):
        t = time.perf_counter()
        study.answer_and_next(ids[(start + i) % len(ids)], 4, NOW + timedelta(seconds=start + i), 5000)
        times.append(time.perf_counter() - t)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--forecast-cards", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        build_collection(db, args.cards, random.Random(0))
        study = StudyService(db)
        ids = [item.card_id for item in study.queue(NOW).items]
        report(f"SM-2: grade -> next step ({args.cards} cards)", _answer_times(study, ids, args.repeat, 0), 16)
        SettingsService(db).update({"scheduler": "fsrs"})
        report(f"FSRS: grade -> next step ({args.cards} cards)",
               _answer_times(study, ids, args.repeat, args.repeat), 16)
        db.close()
        small = open_database(Path(tmp) / "forecast.db")
        build_collection(small, args.forecast_cards, random.Random(1))
        SettingsService(small).update({"scheduler": "fsrs"})
        t = time.perf_counter()
        FsrsService(small).forecast(NOW, 30)
        print(f"forecast, 30 days, {args.forecast_cards} cards, 7 retentions: {time.perf_counter() - t:.2f} s")
        small.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
