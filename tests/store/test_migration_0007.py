"""Migration 0007 (decks): a 0006 collection with schedules, marks and review history upgrades
with all of it intact; every card lands in the bundled deck "NNDL::ch07"; the text index still
finds cards (the cards table is rebuilt by the migration); and it goes back down to 0006."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from quizapp.domain.browse import BrowseQuery
from quizapp.services.browser import BrowserService
from quizapp.services.card_actions import CardActionsService
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from quizapp.store.migrate import _alembic_config
from quizapp.store.schema import HEAD_REVISION
from tests.conftest import NOW, SAMPLE_DECK

_KEPT = {"cards": "id, section, kind, content, front_zh, front_en, back_zh, back_en, tags, source, demo_id, "
                  "origin, deck_hash, user_edited, deck_content, created_at, updated_at",
         "card_state": "card_id, repetitions, easiness, interval, due_day, lapses, redrill_day, suspended, "
                       "position, last_reviewed_at, buried_day, flag",
         "review_log": "*", "fsrs_state": "*", "settings": "*"}


def _dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT {cols} FROM {t} ORDER BY 1").fetchall() for t, cols in _KEPT.items()}


def _collection_at_0006(path: Path) -> None:
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    study = StudyService(db)
    study.answer("sample-72-1", 5, NOW)
    study.answer("sample-75-2", 2, NOW)  # a lapse: in today's re-drill
    study.answer("sample-71-1", 4, NOW)
    study.undo()  # an undone answer stays in the log, marked
    actions = CardActionsService(db)
    actions.set_flag("sample-71-2", 2)
    actions.suspend("sample-72-2")
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")
    engine.dispose()
    for stale in (path.parent / "backups").glob("*"):
        stale.unlink()


def test_0006_collection_becomes_the_bundled_deck_with_history_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _collection_at_0006(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)
        assert "decks" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    before = _dump(path)
    assert (len(before["cards"]), len(before["card_state"]), len(before["review_log"])) == (14, 14, 3)

    db = open_database(path)
    after = _dump(path)
    assert after == before  # cards, schedules, marks, the log (undone flag included), settings
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        decks = conn.execute("SELECT id, name, origin, json_array_length(sections), options FROM decks").fetchall()
        assert decks == [(1, "NNDL::ch07", "bundled", 7, "{}")]
        assert conn.execute("SELECT deck_id, count(*) FROM cards GROUP BY deck_id").fetchall() == [(1, 14)]
        assert conn.execute("SELECT deck_id, count(*) FROM card_state GROUP BY deck_id").fetchall() == [(1, 14)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notnull = {r[1]: r[3] for r in conn.execute("PRAGMA table_info(cards)")}
        assert notnull["deck_id"] == 1
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"card_search_inserted", "card_search_updated", "card_search_deleted"} <= triggers
    # the text index follows the rebuilt table: a search finds the card, and a new card is indexed
    found = BrowserService(db).search(BrowseQuery(text="saddle")).first_page
    assert "sample-71-1" in {r.card_id for r in found}
    study = StudyService(db)
    state = study.card("sample-72-1")[1]
    assert (state.repetitions, state.interval) == (1, 1)
    assert "sample-72-2" not in {i.card_id for i in study.queue(NOW).items}  # still suspended
    assert len(list((tmp_path / "backups").glob("old-pre-migrate-0006-*.db"))) == 1
    db.close()


def test_0007_downgrades_to_0006_keeping_the_cards(tmp_path: Path) -> None:
    path = tmp_path / "down.db"
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    StudyService(db).answer("sample-72-1", 5, NOW)
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")
    engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM cards").fetchone() == (14,)
        assert conn.execute("SELECT count(*) FROM review_log").fetchone() == (1,)
        assert "deck_id" not in {r[1] for r in conn.execute("PRAGMA table_info(cards)")}
        assert "deck_id" not in {r[1] for r in conn.execute("PRAGMA table_info(card_state)")}
