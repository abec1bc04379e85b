"""Migrations 0009 (one due index) and 0010 (the browser's copy of the state columns): a 0008
collection with schedules and marks upgrades with card_order equal to card_state, the sort
indexes off card_state, the triggers marking changes; and both go back down to 0008 with the
old indexes and the same rows."""
from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from quizapp.services.card_actions import CardActionsService
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from quizapp.store.browse_order import COPIED
from quizapp.store.migrate import _alembic_config
from tests.support import NOW, SAMPLE_DECK

_COLUMNS = ", ".join(("card_id", *COPIED))


def _indexes(path: Path, table: str) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                            "AND name NOT LIKE 'sqlite_%'", (table,))]
        return {n: [r[2] for r in conn.execute(f"PRAGMA index_info('{n}')")] for n in names}


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _to(path: Path, revision: str, down: bool = True) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        (command.downgrade if down else command.upgrade)(_alembic_config(conn), revision)
    engine.dispose()


def _studied_collection(path: Path) -> None:
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    study = StudyService(db)
    for i in range(6):
        step = study.step(NOW + timedelta(minutes=i))
        assert step.card is not None
        study.answer(step.card.id, [5, 1, 4][i % 3], NOW + timedelta(minutes=i))
    study.close()
    some = _rows(path, "SELECT card_id FROM card_state ORDER BY card_id LIMIT 2")
    CardActionsService(db).suspend(some[0][0])
    CardActionsService(db).set_flag(some[1][0], 3)
    db.close()


def test_a_0008_collection_upgrades_with_its_copy_equal_to_card_state(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    _studied_collection(path)
    state = _rows(path, f"SELECT {_COLUMNS} FROM card_state ORDER BY card_id")
    _to(path, "0008")
    assert "card_order" not in {r[0] for r in _rows(path, "SELECT name FROM sqlite_master")}
    assert _indexes(path, "card_state")["ix_card_state_queue"] == ["suspended", "due_day", "position"]
    assert _rows(path, f"SELECT {_COLUMNS} FROM card_state ORDER BY card_id") == state
    open_database(path).close()  # migrates to the head
    assert _rows(path, f"SELECT {_COLUMNS} FROM card_order ORDER BY card_id") == state
    assert _rows(path, "SELECT count(*) FROM card_order_stale") == [(0,)]
    on_state = _indexes(path, "card_state")
    assert on_state == {"ix_card_state_due": ["due_day", "position", "card_id"],
                        "ix_card_state_redrill": ["redrill_day"],
                        "ix_card_state_deck_queue": ["deck_id", "suspended", "due_day", "position", "card_id"]}
    assert _indexes(path, "card_order") == {
        "ix_card_order_due": ["due_day", "position", "card_id"], "ix_card_order_interval": ["interval", "card_id"],
        "ix_card_order_easiness": ["easiness", "card_id"], "ix_card_order_lapses": ["lapses", "card_id"],
        "ix_card_order_state": ["suspended", "repetitions", "due_day", "card_id"]}
    with sqlite3.connect(path) as conn:  # the triggers mark what changes, and a deleted state takes its copy
        card = state[0][0]
        conn.execute("UPDATE card_state SET lapses = lapses + 1 WHERE card_id = ?", (card,))
        conn.execute("UPDATE card_state SET last_reviewed_at = NULL WHERE card_id = ?", (state[1][0],))  # not copied
        assert conn.execute("SELECT card_id FROM card_order_stale").fetchall() == [(card,)]
        conn.execute("DELETE FROM card_state WHERE card_id = ?", (card,))
        assert conn.execute("SELECT count(*) FROM card_order WHERE card_id = ?", (card,)).fetchone() == (0,)


def test_0010_and_0009_go_back_down_to_0008(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    _studied_collection(path)
    state = _rows(path, f"SELECT {_COLUMNS} FROM card_state ORDER BY card_id")
    _to(path, "0008")
    assert {r[0] for r in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}.isdisjoint(
        {"card_order_inserted", "card_order_updated", "card_order_deleted"})
    assert _indexes(path, "card_state") == {
        "ix_card_state_queue": ["suspended", "due_day", "position"], "ix_card_state_redrill": ["redrill_day"],
        "ix_card_state_due": ["due_day", "card_id"], "ix_card_state_interval": ["interval", "card_id"],
        "ix_card_state_easiness": ["easiness", "card_id"], "ix_card_state_lapses": ["lapses", "card_id"],
        "ix_card_state_state": ["suspended", "repetitions", "due_day", "card_id"],
        "ix_card_state_deck_queue": ["deck_id", "suspended", "due_day", "position"]}
    assert _rows(path, f"SELECT {_COLUMNS} FROM card_state ORDER BY card_id") == state
    _to(path, "0010", down=False)
    assert _rows(path, f"SELECT {_COLUMNS} FROM card_order ORDER BY card_id") == state


def test_on_postgresql_the_copy_follows_card_state_and_both_go_back_down(pg_url: str) -> None:
    """The PL/pgSQL triggers mark and drop as SQLite's do; 0010 and 0009 go down to 0008 and up."""
    from sqlalchemy import text

    db = open_database(pg_url)
    try:
        import_deck(db, [SAMPLE_DECK], now=NOW)
        with db.engine.begin() as conn:
            card = conn.execute(text("SELECT card_id FROM card_state ORDER BY card_id LIMIT 1")).scalar_one()
            conn.execute(text("DELETE FROM card_order_stale"))
            conn.execute(text("UPDATE card_state SET lapses = lapses + 1 WHERE card_id = :c"), {"c": card})
            conn.execute(text("UPDATE card_state SET last_reviewed_at = NULL WHERE card_id = :c"), {"c": card})
            assert conn.execute(text("SELECT card_id FROM card_order_stale")).scalars().all() == [card]
        with db.engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0008")
            names = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'card_state'")).scalars())
            assert {"ix_card_state_queue", "ix_card_state_state", "ix_card_state_interval"} <= names
            assert conn.execute(text("SELECT to_regclass('card_order')")).scalar() is None
            command.upgrade(_alembic_config(conn), "head")
            count = conn.execute(text("SELECT count(*) FROM card_order")).scalar()
            assert count == conn.execute(text("SELECT count(*) FROM card_state")).scalar() and count > 0
            conn.execute(text("DELETE FROM card_state WHERE card_id = :c"), {"c": card})
            assert conn.execute(text("SELECT count(*) FROM card_order WHERE card_id = :c"), {"c": card}).scalar() == 0
    finally:
        db.close()
