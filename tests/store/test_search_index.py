"""The text index an import fills in bulk (store/search_index.py) is the one the per-row trigger
of db/versions/0004_search_index.py builds, entry by entry; the trigger is back afterwards, and
a failed import leaves the trigger and the collection as they were."""
from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from unittest import mock

import pytest

from quizapp.domain.browse import BrowseQuery
from quizapp.services import importer
from quizapp.services.browser import BrowserService
from quizapp.services.card_editing import CardEditingService
from quizapp.services.database import open_database
from quizapp.store import search_index
from tests.support import NOW, SAMPLE_DECK


def _index_entries(path: Path) -> list[tuple]:
    """Every (term, card rowid, offset) of the index: what a search can find, and where."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.entries USING fts5vocab(main, card_search, instance)")
        return conn.execute("SELECT term, doc, col, offset FROM temp.entries ORDER BY 1, 2, 3, 4").fetchall()
    finally:
        conn.close()


def _trigger_sql(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           (search_index.INSERT_TRIGGER,)).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def _import(path: Path, bulk: bool) -> None:
    db = open_database(path)
    try:
        if bulk:
            importer.import_deck(db, [SAMPLE_DECK], now=NOW)
        else:  # the reference: one trigger run per card
            with mock.patch.object(importer, "indexed_in_bulk", lambda *_: contextlib.nullcontext()):
                importer.import_deck(db, [SAMPLE_DECK], now=NOW)
    finally:
        db.close()


def test_a_bulk_filled_index_equals_the_triggers(tmp_path: Path) -> None:
    bulk, by_trigger = tmp_path / "bulk.db", tmp_path / "trigger.db"
    _import(bulk, bulk=True)
    _import(by_trigger, bulk=False)
    entries = _index_entries(bulk)
    assert len(entries) > 1000 and entries == _index_entries(by_trigger)
    before = _trigger_sql(by_trigger)
    assert before is not None and _trigger_sql(bulk) == before  # put back as it was


def test_after_a_bulk_import_the_trigger_indexes_new_cards(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        importer.import_deck(db, [SAMPLE_DECK], now=NOW)
        card_id = CardEditingService(db).add_card({"section": "7.1", "kind": "qa", "front": {
            "zh": "新卡", "en": "zebrafish question"}, "back": {"zh": "答", "en": "A"}}, NOW).value
        found = BrowserService(db).search(BrowseQuery(text="zebrafish"))
        assert [r.card_id for r in found.first_page] == [card_id]
    finally:
        db.close()


def test_a_failed_bulk_import_leaves_the_trigger_and_no_card(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    open_database(path).close()
    db = open_database(path)
    try:
        with mock.patch.object(search_index, "index_body", lambda row: "no_such_function()"), \
                pytest.raises(Exception, match="no_such_function"):
            importer.import_deck(db, [SAMPLE_DECK], now=NOW)
    finally:
        db.close()
    assert _trigger_sql(path) is not None
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM cards").fetchone() == (0,)
    conn.close()
