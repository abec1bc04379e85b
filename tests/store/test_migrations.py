"""Migrations: empty -> head, an old schema upgraded with its history, ORM == migrations,
a newer schema refused untouched."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from quizapp.services.database import open_database
from quizapp.services.errors import DatabaseUnavailable
from quizapp.store.migrate import _alembic_config, alembic_head, current_revision
from quizapp.store.tables import metadata
from quizapp.store.schema import HEAD_REVISION

FIRST_REVISION = "0001"


def test_schema_constant_is_alembics_head() -> None:
    assert HEAD_REVISION == alembic_head()


def test_empty_file_upgrades_to_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    with db.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.close()


def test_orm_and_migrations_agree(tmp_path: Path) -> None:
    db = open_database(tmp_path / "cmp.db")
    with db.engine.connect() as conn:
        # The browser's FTS5 text index (db/versions/0004_search_index.py) and the tables SQLite
        # keeps it in are raw SQL that the ORM cannot describe: left out of the comparison.
        outside_orm = {"include_name": lambda name, kind, _parent: not (kind == "table" and
                                                                        name.startswith("card_search"))}
        diff = compare_metadata(MigrationContext.configure(conn, opts=outside_orm), metadata)
    db.close()
    assert diff == []


def _database_at_first_revision(path: Path) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), FIRST_REVISION)
        conn.execute(text(
            "INSERT INTO cards VALUES ('old-card','7.1','qa','{}','问','Q','答','A','[]','[]',NULL,'deck','h',0,NULL,"
            "'2026-01-01 00:00:00','2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO card_state VALUES ('old-card',2,260,6,739000,0,NULL,0,0,NULL)"))
        conn.execute(text(
            "INSERT INTO review_log (card_id, grade, reviewed_at, study_day, duration_ms, kind, state_before,"
            " state_after, undone) VALUES ('old-card',5,'2026-01-01 00:00:00',738994,1200,'review','{}','{}',0)"))
    engine.dispose()


def test_old_schema_is_upgraded_with_history_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _database_at_first_revision(path)
    db = open_database(path)
    with db.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        assert conn.execute(text("SELECT grade, duration_ms FROM review_log")).all() == [(5, 1200)]
        assert conn.execute(text("SELECT easiness, interval FROM card_state")).all() == [(260, 6)]
    db.close()
    backups = list((tmp_path / "backups").glob("old-pre-migrate-*.db")) if (tmp_path / "backups").exists() else []
    if HEAD_REVISION != FIRST_REVISION:  # a migration ran, so a backup was taken first
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as b:
            assert b.execute("SELECT version_num FROM alembic_version").fetchone()[0] == FIRST_REVISION


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseUnavailable, match="newer quizapp .*'9999_future'"):
        open_database(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseUnavailable, match="not a quizapp database"):
        open_database(path)
    assert path.read_bytes() == b"this is not sqlite" * 100
