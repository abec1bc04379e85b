"""Migration 0002 (quiz tables): a 0001 database with cards, schedules, review history and
settings upgrades to 0002 with all of it intact, after a backup, and can run a quiz at once."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from quizapp.domain.quiz import ChoiceAnswer
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.quiz import QuizService
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.migrate import _alembic_config, current_revision
from quizapp.store.schema import HEAD_REVISION
from tests.conftest import NOW, SAMPLE_DECK


def _dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("cards", "card_state", "review_log", "settings")}


def _database_at_0001_with_history(path: Path) -> None:
    """A collection with cards, schedules, review history and settings, made by today's services
    at the head revision, then taken down to the 0001 schema by Alembic (today's services write
    columns that 0001 lacks, such as card_state.flag of 0005)."""
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    study = StudyService(db)
    study.answer("sample-72-1", 5, NOW)
    study.answer("sample-75-2", 2, NOW)
    SettingsService(db).update({"mock_seconds": 90})
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
    engine.dispose()
    for stale in (path.parent / "backups").glob("*"):
        stale.unlink()


def test_0001_database_with_history_upgrades_keeping_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _database_at_0001_with_history(path)
    before = _dump(path)
    assert len(before["cards"]) == 14 and len(before["review_log"]) == 2 and len(before["settings"]) == 1

    db = open_database(path)
    with db.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION  # 0002 and every later revision
        tables = set(inspect(conn).get_table_names())
        assert {"quiz_sessions", "quiz_items"} <= tables
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    after = _dump(path)
    # every card, schedule and review kept as it was; later revisions only add columns at the end
    # (0006: card_state.buried_day NULL and flag 0; 0007: its deck, the bundled deck 1)
    assert {t: [r[:len(before[t][0])] for r in rows] for t, rows in after.items()} == before
    assert {r[len(before["card_state"][0]):] for r in after["card_state"]} == {(None, 0, 1)}

    backups = list((tmp_path / "backups").glob("old-pre-migrate-0001-*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as b:
        assert b.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert b.execute("SELECT count(*) FROM review_log").fetchone()[0] == 2

    quiz = QuizService(db)  # the new tables work with the old rows
    run = quiz.start(NOW, ["7.2"], ["mcq"], size=1, seed=0)
    quiz.answer(run.items[0].item_id, ChoiceAnswer(0), NOW)
    assert quiz.finish(run.session_id, NOW).summary.correct == 1
    db.close()


def test_0002_downgrades_to_0001(tmp_path: Path) -> None:
    path = tmp_path / "down.db"
    open_database(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
        assert current_revision(conn) == "0001"
        assert "quiz_items" not in inspect(conn).get_table_names()
    engine.dispose()
