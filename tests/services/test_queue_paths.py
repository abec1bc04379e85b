"""`quizapp due`'s light read path (services/quick_read.py: stdlib sqlite3, no SQLAlchemy) against
the service's queue on the same collections (buried, suspended cards and today's re-drills at
different moments, so some are ready, held or waiting), both against domain.queue.build_queue;
and the cases it leaves to the full path."""
from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from quizapp.domain.queue import build_queue
from quizapp.domain.redrill import tracks_from_answers
from quizapp.services.card_actions import CardActionsService
from quizapp.services.clock import local_study_day
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.quick_read import quick_queue
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.database import Database, as_utc
from quizapp.store.models import CardStateRow, ReviewLogRow
from quizapp.store.reviews import state_of
from tests.support import NOW, SAMPLE_DECK

# The light path reads the SQLite file with the stdlib module; on PostgreSQL `quizapp due` takes the
# full path (test_due_on_postgresql_takes_the_full_path below).
pytestmark = pytest.mark.sqlite_only("quizapp due's light path reads the SQLite file")


def _randomize(db: Database, rng: random.Random) -> None:
    today = local_study_day(NOW, 4)
    with db.session() as s:
        for row in s.scalars(select(CardStateRow)):
            kind = rng.choice(["new", "due", "future"])
            row.due_day = None if kind == "new" else today + rng.randint(-5, 0 if kind != "future" else 5)
            row.suspended = rng.random() < 0.1
        s.execute(text("UPDATE card_state SET position = (position * 11) % 29"))
    SettingsService(db).update({"new_per_day": rng.randint(2, 6), "reviews_per_day": rng.randint(2, 8),
                                "redrill_steps": rng.choice(["1m 10m", "2m", "1m 5m 20m"]),
                                "redrill_cards_between": rng.randint(0, 3),
                                "day_start_hour": rng.choice([0, 4, 9])})


def _study(db: Database, rng: random.Random, now: datetime) -> datetime:
    """Some answers (misses among them: today's re-drills) and buried cards, a few seconds to
    minutes apart; returns the time after the last."""
    study, actions = StudyService(db), CardActionsService(db)
    for step in range(rng.randint(4, 12)):
        items = study.queue(now).items
        if not items:
            break
        card_id = rng.choice(items[:5]).card_id
        if step == 0:  # one miss at least: a re-drill today
            study.answer(card_id, rng.choice([0, 1, 2]), now)
        elif rng.random() < 0.15:
            actions.bury(card_id, now)
        elif rng.random() < 0.05:
            actions.suspend(card_id)
        else:
            study.answer(card_id, rng.choice([0, 1, 2, 3, 3, 4, 5]), now)
        now += timedelta(seconds=rng.randint(5, 300))
    items = study.queue(now).items
    if items:  # and a last miss: a re-drill waiting at the end of the walk
        study.answer(items[0].card_id, 1, now)
    return now


def _by_domain_rule(db: Database, now: datetime) -> list[tuple]:
    settings = SettingsService(db).get()
    today = local_study_day(now, settings.day_start_hour)
    with db.read_session() as s:
        cards = [(r.card_id, r.position, state_of(r), r.suspended or r.buried_day == today)
                 for r in s.scalars(select(CardStateRow))]
        log = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.kind)
                        .where(ReviewLogRow.study_day == today, ReviewLogRow.undone.is_(False))
                        .order_by(ReviewLogRow.id)).all()
    kinds = [k for _, _, k in log]
    return [(e.card_id, e.kind, e.ready_at) for e in build_queue(
        cards, today, settings.limits, kinds.count("new"), kinds.count("review"),
        drills=tracks_from_answers((c, as_utc(at)) for c, at, _ in log), now=now, spacing=settings.spacing)]


def _compare_paths(db: Database, seed: int) -> set[str]:
    """A random walk (seed), then the light path, the service and the domain rule compared at
    several moments after it; returns what the queues held (new, review, and re-drills as
    ready / held / waiting)."""
    rng = random.Random(seed)
    _randomize(db, rng)
    last = _study(db, rng, NOW)
    study = StudyService(db)
    seen: set[str] = set()
    for now in (last, last + timedelta(seconds=30), last + timedelta(minutes=rng.randint(1, 25)),
                last + timedelta(hours=rng.randint(2, 30))):
        expected = _by_domain_rule(db, now)
        for limit in (None, 0, 3):
            quick = quick_queue(str(db.path), now, limit)
            assert quick is not None and quick.has_cards
            assert quick.view == study.queue(now, limit)
            assert [(i.card_id, i.kind, i.ready_at) for i in quick.view.items] == expected[:limit]
        kinds = [kind for _, kind, _ in expected]
        last_other = max((i for i, k in enumerate(kinds) if k != "redrill"), default=-1)
        seen.update("waiting" if at else "held" if kind == "redrill" and i > last_other >= 0
                    else "ready" if kind == "redrill" else kind for i, (_, kind, at) in enumerate(expected))
    return seen


@pytest.mark.parametrize("seed", range(6))
def test_the_light_path_lists_the_same_queue_as_the_service(tmp_path: Path, seed: int) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        import_deck(db, [SAMPLE_DECK], now=NOW)
        _compare_paths(db, seed)
    finally:
        db.close()


def test_the_walks_meet_every_kind_of_entry(tmp_path: Path) -> None:
    """The random walks above are not vacuous: together they meet every kind of queue entry."""
    seen: set[str] = set()
    for seed in range(6):
        db = open_database(tmp_path / f"c{seed}.db")
        try:
            import_deck(db, [SAMPLE_DECK], now=NOW)
            seen |= _compare_paths(db, seed)
        finally:
            db.close()
    assert seen == {"new", "review", "ready", "held", "waiting"}


def test_the_walks_meet_buried_and_waiting_cards(sample_db) -> None:
    """The random walks above are not vacuous: a buried card and a waiting re-drill are left out
    or waiting on both paths alike."""
    study = StudyService(sample_db)
    first, second = [i.card_id for i in study.queue(NOW).items[:2]]
    CardActionsService(sample_db).bury(first, NOW)
    study.answer(second, 1, NOW)  # missed: back after 1 minute and 3 other cards
    for now in (NOW + timedelta(seconds=10), NOW + timedelta(minutes=2)):
        quick = quick_queue(str(sample_db.path), now, None)
        assert quick is not None and quick.view == study.queue(now)
        listed = {i.card_id: i for i in quick.view.items}
        assert first not in listed
        assert (listed[second].ready_at is not None) == (now < NOW + timedelta(minutes=1))
        assert [i.card_id for i in quick.view.items][-1] == second  # waiting or held: last


def test_an_empty_collection_has_no_cards(db) -> None:
    quick = quick_queue(str(db.path), NOW, None)
    assert quick is not None and quick.view.items == [] and not quick.has_cards


def test_the_full_path_answers_what_the_light_one_does_not(tmp_path: Path, sample_db) -> None:
    assert quick_queue("sqlite://", NOW, None) is None  # a URL
    assert quick_queue(f"sqlite:///{sample_db.path}", NOW, None) is None
    assert quick_queue(sample_db.url, NOW, None) is None  # a URL object, as tests hand the CLI
    assert quick_queue(sample_db.path, NOW, None) is not None  # a Path is a path
    assert quick_queue(str(tmp_path / "missing.db"), NOW, None) is None  # no file
    assert not (tmp_path / "missing.db").exists()  # and none was created
    assert quick_queue(str(tmp_path), NOW, None) is None  # a folder
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.commit()
    assert quick_queue(str(other), NOW, None) is None  # not a collection
    with sample_db.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    assert quick_queue(str(sample_db.path), NOW, None) is None  # an older schema: the full path migrates


def test_due_reads_the_queue_without_importing_sqlalchemy(sample_db) -> None:
    code = ("import sys; from quizapp.cli import main; "
            "main(['due', '--db', sys.argv[1], '--now', '2026-11-26T09:00:00+08:00', '--limit', '2']); "
            "print('HEAVY', [m for m in ('sqlalchemy', 'alembic') if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code, str(sample_db.path)], capture_output=True, text=True,
                          timeout=60)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr
    assert "14 new" in proc.stdout


def test_due_on_postgresql_takes_the_full_path(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from quizapp.cli import main

    db = open_database(pg_url)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    expected = [item.card_id for item in StudyService(db).queue(NOW).items]
    db.close()
    assert quick_queue(pg_url, NOW, None) is None
    assert main(["due", "--db", pg_url, "--now", NOW.isoformat(), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["card_id"] for entry in listed["cards"]] == expected and len(expected) > 5
