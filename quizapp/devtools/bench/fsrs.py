"""FSRS beside SM-2, timed (a command, not a timed test; docs/fsrs.md § Speed).

    python -m quizapp.devtools.bench.fsrs [--cards 100000] [--repeat 200] [--forecast-cards 10000]
                                          [--fit-reviews 10000] [--runs 7]

On the synthetic collection of quizapp.devtools.bench.store: grade -> next step
(`answer_and_next`) under SM-2 and under FSRS (cards switched from SM-2, so each first FSRS
answer replays the card's log); FSRS's 30-day forecast on a collection of `--forecast-cards`
cards (six seeded simulations: the curve, the current retention among them); and fitting
(`FsrsService.fit`: read the log, build the items, fsrs-rs's optimizer, score old and new) on
a log of `--fit-reviews` answers of a simulated learner (py-fsrs's scheduler and forgetting
curve). The last two print the median of `--runs` runs.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import timedelta, timezone
from pathlib import Path

from fsrs import Card, Rating, Scheduler
from sqlalchemy import delete, insert, select

from quizapp.devtools.bench.store import NOW, build_collection, report
from quizapp.services.database import open_database
from quizapp.services.fsrs_service import FsrsService
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.database import Database
from quizapp.store.models import CardStateRow, ReviewLogRow

# the simulated learner forgets on a curve a little off the defaults: something to fit
LEARNER_PARAMETERS = (0.3, 1.0, 2.8, 9.0, 6.5, 0.7, 2.6, 0.01, 1.7, 0.15, 0.85, 1.5, 0.07, 0.28, 1.6,
                      0.55, 1.9, 0.5, 0.1, 0.07, 0.2)


def write_learner_log(db: Database, reviews: int, rng: random.Random) -> int:
    """A learner's log of `reviews` answers on the collection's first cards, replacing its log:
    each card answered when py-fsrs schedules it, recalled with FSRS's probability; 20 new cards
    a day. Returns the number of answers written."""
    scheduler = Scheduler(parameters=LEARNER_PARAMETERS, enable_fuzzing=False)
    with db.session() as session:
        ids = session.scalars(select(CardStateRow.card_id).order_by(CardStateRow.card_id)).all()
        session.execute(delete(ReviewLogRow))
    start = NOW.astimezone(timezone.utc) - timedelta(days=400)
    cards: dict[str, Card] = {}
    rows: list[dict[str, object]] = []
    day = 0
    while len(rows) < reviews:
        at = start + timedelta(days=day, hours=1)
        fresh = ids[len(cards):len(cards) + 20]
        todo = [c for c, card in cards.items() if card.due <= at + timedelta(hours=12)] + list(fresh)
        for n, card_id in enumerate(todo):
            when = at + timedelta(seconds=30 * n)
            card = cards.get(card_id) or Card(card_id=n, due=when)
            known = rng.random() < (scheduler.get_card_retrievability(card, when) if card_id in cards else 0.7)
            rating = Rating.Good if known else Rating.Again
            cards[card_id], _ = scheduler.review_card(card, rating, when)
            rows.append({"card_id": card_id, "grade": 4 if known else 1, "reviewed_at": when,
                         "study_day": NOW.toordinal() - 400 + day, "duration_ms": 5000, "kind": "review",
                         "state_before": {}, "state_after": {}, "undone": False})
        day += 1
    with db.session() as session:
        session.execute(insert(ReviewLogRow), rows[:reviews])
    return min(reviews, len(rows))


def _median_seconds(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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
    parser.add_argument("--fit-reviews", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-study", action="store_true", help="only the forecast and the fit")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_study:
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
        service = FsrsService(small)
        seconds = _median_seconds(lambda: service.forecast(NOW, 30), args.runs)
        print(f"forecast, 30 days, {args.forecast_cards} cards, 6 retentions: median {seconds:.3f} s "
              f"(n={args.runs}, budget 2 s)", flush=True)
        written = write_learner_log(small, args.fit_reviews, random.Random(2))
        fit = service.fit()
        seconds = _median_seconds(service.fit, args.runs)
        print(f"fit, {written} answers ({fit.items} training items): median {seconds:.3f} s "
              f"(n={args.runs}, budget 1 s); {fit.message}", flush=True)
        small.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
