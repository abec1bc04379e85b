"""Store benchmark on a synthetic 100k-card collection (a command, not a timed test).

    python -m quizapp.devtools.bench.store [--cards 100000] [--repeat 200] [--decks 10]
    python -m quizapp.devtools.bench.store --db postgresql+psycopg://user@host/db   (an empty database)
    python -m quizapp.devtools.bench.store --postgres       (a throw-away cluster on 127.0.0.1)

Prints medians and p99 for: building the due queue and listing the kept one, answer ->
committed, the next card (study step), importing 10k cards, and `quizapp due` as a whole process.
With `--decks N` the cards are split into N decks (10 x 10k by default cards) and it also times,
against the budgets of docs/performance.md: the due queue of one deck and of a parent, the same
with per-deck daily limits (the gathering deck by deck), the deck list with every deck's counts,
and browser searches with a deck filter.

On PostgreSQL (`--db URL`, or `--postgres`: quizapp/devtools/pg_cluster.py with the server's
default durability, fsync and synchronous commit on) the same figures, and browser searches
(ILIKE through the pg_trgm index); the 10k-card import goes into the bench collection itself.
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
from functools import partial
from pathlib import Path

from sqlalchemy import insert

from quizapp.domain.content import Bilingual, Card
from quizapp.domain.studyday import study_day
from quizapp.services.database import open_database
from quizapp.services.importer import card_columns, ensure_deck, import_deck
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


WARM_UP = 5  # answers before the timed ones


def settle_disk() -> None:
    """Write the build's few hundred MB out before timing, so that the kernel's write-back of
    them does not run during the timed commits of either side."""
    os.sync()


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


def deck_names(decks: int) -> list[str]:
    """The bench's decks: one bundled-like deck, or Bench::d01..dNN (two parents, to have sub-decks)."""
    if decks <= 1:
        return ["NNDL::ch07"]
    return [f"Bench::{'a' if i < decks // 2 else 'b'}::d{i + 1:02d}" for i in range(decks)]


def build_collection(db: Database, n: int, rng: random.Random,
                     make_card: Callable[[int], Card] = synthetic_card, decks: int = 1) -> None:
    """n cards (the i-th is make_card(i)) in `decks` decks of equal size, in blocks: ~10% new,
    the rest reviewed with due days spread around today, plus a log."""
    today = study_day(NOW)
    stamp = NOW.astimezone(timezone.utc)
    batch = 10_000
    with db.session() as session:
        deck_ids = [ensure_deck(session, name, "file", None, stamp) for name in deck_names(decks)]
        for start in range(0, n, batch):
            cards, states, logs = [], [], []
            for i in range(start, min(n, start + batch)):
                card = make_card(i)
                cards.append({"id": card.id, "deck_id": deck_ids[i * len(deck_ids) // n],
                              **card_columns(card), "origin": "user", "deck_hash": "",
                              "user_edited": False, "deck_content": None, "created_at": stamp, "updated_at": stamp})
                new = rng.random() < 0.1
                interval = rng.randint(1, 200)
                due = None if new else today + rng.randint(-30, 200)
                # A reviewed card has the time of its last answer, as in a collection in use (an
                # answer then rewrites a row of the same size: no page of card_state splits).
                ago = None if new else rng.randint(1, 60)
                reviewed = None if ago is None else stamp - timedelta(days=ago)
                states.append({"card_id": card.id, "deck_id": cards[-1]["deck_id"],
                               "repetitions": 0 if new else rng.randint(1, 8),
                               "easiness": rng.randint(130, 300), "interval": 0 if new else interval,
                               "due_day": due, "lapses": rng.randint(0, 3), "redrill_day": None,
                               "suspended": rng.random() < 0.01, "position": i, "last_reviewed_at": reviewed})
                if ago is not None:
                    logs.append({"card_id": card.id, "grade": rng.randint(0, 5), "reviewed_at": reviewed,
                                 "study_day": today - ago, "duration_ms": rng.randint(1000, 20000),
                                 "kind": "review", "state_before": {}, "state_after": {}, "undone": False})
            session.execute(insert(CardRow), cards)
            session.execute(insert(CardStateRow), states)
            session.execute(insert(ReviewLogRow), logs)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the page cache once
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def bench_answer_and_step(study: StudyService, ids: list[str], repeat: int, answer_budget_ms: float) -> None:
    """Answer → committed, then the study step the screen asks for next, each `repeat` times.
    The first answers after opening prepare each statement once: they are printed on their own
    line and left out of the figures (as bench.peers does for both sides)."""
    times = []
    for i in range(WARM_UP + repeat):
        t = time.perf_counter()
        study.answer(ids[i % len(ids)], 4, NOW + timedelta(seconds=i), duration_ms=5000)
        times.append(time.perf_counter() - t)
    print(f"first answer after opening: {times[0] * 1000:.2f} ms (the first {WARM_UP} not in the figures)")
    report("answer -> committed", times[WARM_UP:], answer_budget_ms)
    times = []
    for i in range(repeat):  # what the study screen asks for next
        t = time.perf_counter()
        study.step(NOW + timedelta(seconds=i))
        times.append(time.perf_counter() - t)
    report("next card (study step)", times)


def bench_due_process(db: str, cards: int) -> None:
    """`quizapp due` as a whole process (interpreter start and imports included), 7 runs."""
    times = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "quizapp", "due", "--db", db, "--limit", "20"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    report(f"`quizapp due` process ({cards} cards)", times)


def bench_decks(db: Database, cards: int, decks: int, repeat: int) -> None:
    """The deck filter and per-deck limits on `decks` decks of cards/decks cards each."""
    from quizapp.domain.browse import BrowseQuery
    from quizapp.domain.custom_study import TODAYS_QUEUE
    from quizapp.services.browser import BrowserService
    from quizapp.services.decks import DecksService

    study, browser, service = StudyService(db), BrowserService(db), DecksService(db)
    names = deck_names(decks)
    one, parent = names[0], names[0].rsplit("::", 1)[0]
    size = cards // decks
    print(f"-- {decks} decks x {size} cards: the deck filter (no per-deck limits)")
    report(f"due queue, all decks ({cards} cards)", timed(lambda: study.queue(NOW), repeat), 20)
    report(f"due queue, one deck ({size} cards)",
           timed(lambda: study.queue(NOW, scope=TODAYS_QUEUE.in_deck(one)), repeat), 20)
    report(f"due queue, parent {parent} ({decks // 2} decks)",
           timed(lambda: study.queue(NOW, scope=TODAYS_QUEUE.in_deck(parent)), repeat), 20)
    report("next card (study step), one deck", timed(lambda: study.step(NOW, scope=TODAYS_QUEUE.in_deck(one)),
                                                      repeat))
    report(f"deck list with counts ({len(names)} decks + parents)",
           timed(lambda: service.list(NOW), max(5, repeat // 10)))
    for label, query in (("browser: one deck, by id", BrowseQuery(deck=one)),
                         ("browser: parent deck, sorted by due", BrowseQuery(deck=parent, sort="due")),
                         ("browser: one deck + text 'gradients'", BrowseQuery(deck=one, text="gradients")),
                         ("browser: one deck + text, 1 card", BrowseQuery(deck=one, text=f"{size // 2:06d}")),
                         ("browser: all decks + text 'vanish'", BrowseQuery(text="vanish"))):
        report(label, timed(partial(browser.search, query), max(10, repeat // 5)), 50)
    service.create(parent)  # a parent gets a row to hold options of its own
    for name in names[:3] + [parent]:  # limits on three decks and on a parent: the gathering deck by deck
        service.set_options(name, {"new_per_day": 5, "reviews_per_day": 50})
    print("-- with per-deck limits on 3 decks and a parent")
    report(f"due queue, all decks ({cards} cards)", timed(lambda: study.queue(NOW), repeat), 20)
    report(f"due queue, parent {parent}", timed(lambda: study.queue(NOW, scope=TODAYS_QUEUE.in_deck(parent)),
                                               repeat), 20)
    report("deck list with counts", timed(lambda: service.list(NOW), max(5, repeat // 10)))
    print(f"queue counts, all decks: {study.queue(NOW).counts}")
    for name in names[:3] + [parent]:
        service.set_options(name, {"new_per_day": None, "reviews_per_day": None})


def write_deck(folder: Path, n: int) -> None:
    lines = []
    for i in range(n):
        lines.append(f'[[card]]\nid = "imp-{i:05d}"\nsection = "7.{i % 7 + 1}"\nkind = "qa"\ntags = ["bench"]\n'
                     f'front.zh = "问题 {i}"\nfront.en = "Question {i}"\n'
                     f'back.zh = "答案 {i}"\nback.en = "Answer {i}"\n')
    (folder / "bench.toml").write_text("\n".join(lines), encoding="utf-8")


def bench_search(db: Database, repeat: int) -> None:
    """Browser searches over the whole collection: text terms (the text index: FTS5 on SQLite,
    pg_trgm on PostgreSQL), a filter, a sort."""
    from quizapp.domain.browse import BrowseQuery
    from quizapp.services.browser import COUNT_CAP, BrowserService

    browser = BrowserService(db)
    for label, query in (("browser: text 'vanish' (every card)", BrowseQuery(text="vanish")),
                         ("browser: text '问题 4217' (1 card)", BrowseQuery(text="问题 4217：")),
                         ("browser: text 'answer 99' (~1k cards)", BrowseQuery(text="answer 99")),
                         ("browser: section 7.3 sorted by due", BrowseQuery(sections=("7.3",), sort="due")),
                         ("browser: suspended, by id", BrowseQuery(states=("suspended",)))):
        report(label, timed(partial(browser.search, query, count_cap=COUNT_CAP), max(10, repeat // 5)), 50)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--decks", type=int, default=1, help="split the cards into this many decks (e.g. 10)")
    parser.add_argument("--db", help="a PostgreSQL URL of an empty database to build the collection in")
    parser.add_argument("--postgres", action="store_true", help="on a throw-away PostgreSQL cluster")
    args = parser.parse_args(argv)
    pin_time_zone()
    if args.postgres:
        from quizapp.devtools.pg_cluster import throwaway_cluster

        with throwaway_cluster() as cluster:
            return bench_url(args, cluster.url("postgres"))
    if args.db:
        return bench_url(args, args.db)
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        db = open_database(path)
        t0 = time.perf_counter()
        build_collection(db, args.cards, rng, decks=args.decks)
        print(f"built {args.cards} cards in {args.decks} deck(s) in {time.perf_counter() - t0:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        settle_disk()
        bench_search(db, args.repeat)
        study = StudyService(db)
        if args.decks > 1:
            bench_decks(db, args.cards, args.decks, args.repeat)

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

        bench_answer_and_step(study, [item.card_id for item in queue.items], args.repeat, answer_budget_ms=5)
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

        bench_due_process(str(path), args.cards)
    return 0


def bench_url(args: argparse.Namespace, url: str) -> int:
    """The figures of `main` on a collection on a server (PostgreSQL): an empty database."""
    from sqlalchemy import text

    rng = random.Random(0)
    db = open_database(url)
    with db.read_session() as session:
        if session.execute(text("SELECT 1 FROM cards LIMIT 1")).first() is not None:
            print(f"{url}: the database already holds cards; give an empty one", file=sys.stderr)
            return 2
    t0 = time.perf_counter()
    build_collection(db, args.cards, rng, decks=args.decks)
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))  # as autovacuum would soon: the planner's statistics of the new rows
    print(f"built {args.cards} cards in {args.decks} deck(s) on {db.engine.dialect.name} "
          f"{db.engine.dialect.server_version_info} in {time.perf_counter() - t0:.1f} s")
    if args.decks > 1:
        bench_decks(db, args.cards, args.decks, args.repeat)
    study = StudyService(db)
    queue = study.queue(NOW)
    print(f"queue: {queue.counts}")
    report(f"due queue ({args.cards} cards)", timed(lambda: study.queue(NOW), min(args.repeat, 100)), 20)
    bench_answer_and_step(study, [item.card_id for item in queue.items], args.repeat, answer_budget_ms=10)
    bench_search(db, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck"
        deck.mkdir()
        write_deck(deck, 10_000)
        t = time.perf_counter()
        import_deck(db, [deck], now=NOW)
        report("import 10k cards (into the collection)", [time.perf_counter() - t], 2000)
    db.close()
    bench_due_process(url, args.cards)
    return 0


if __name__ == "__main__":
    sys.exit(main())
