"""The text index's facets (db/versions/0008_search_facets.py): one row per card holding its
rowid, id, deck, section, kind and tags, kept in step by triggers and by the importer's bulk
fill; searches with text and filters read them (services/browser.py: indexed_matches) and
find what the LIKE rule finds, also after edits, deletes, imports and deck moves. The migration
builds them on a 0007 collection with data and goes back down."""
from __future__ import annotations

import contextlib
import random
import sqlite3
from dataclasses import replace
from pathlib import Path
from unittest import mock

from alembic import command
from sqlalchemy import create_engine, delete, text, update

from quizapp.domain.browse import CARD_STATES, SORT_KEYS, BrowseQuery
from quizapp.services import browser, importer
from quizapp.services.browser import FACETS, BrowserService, TextMatch, indexed_matches
from quizapp.services.card_editing import CardEditingService
from quizapp.services.database import open_database
from quizapp.services.importer import ensure_deck
from quizapp.store.migrate import _alembic_config
from quizapp.store.models import CardRow
from quizapp.store.search_index import FACET_COLUMNS
from tests.support import NOW, SAMPLE_DECK

_FROM_CARDS = f"SELECT rowid, {', '.join(FACET_COLUMNS)} FROM cards ORDER BY rowid"
_FACETS = f"SELECT card_rowid, {', '.join(FACET_COLUMNS.values())} FROM card_search_facets ORDER BY card_rowid"


def _facets_and_cards(path: Path) -> tuple[list[tuple], list[tuple]]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(_FACETS).fetchall(), conn.execute(_FROM_CARDS).fetchall()


def _in_step(path: Path) -> int:
    facets, cards = _facets_and_cards(path)
    assert facets == cards
    return len(cards)


def _all_ids(db, q: BrowseQuery) -> tuple[int, list[str]]:
    cursor = BrowserService(db).search(q, page_size=7)
    ids = [r.card_id for r in cursor.first_page]
    while len(ids) < cursor.total:
        ids += [r.card_id for r in cursor.rows(len(ids), 7)]
    return cursor.total, ids


def _same_as_the_rule(db, q: BrowseQuery, monkeypatch, cap: int | None = None) -> tuple[int, list[str]]:
    monkeypatch.setattr(browser, "USE_TEXT_INDEX", False)
    by_rule = _all_ids(db, q)
    monkeypatch.setattr(browser, "USE_TEXT_INDEX", True)
    assert _all_ids(db, q) == by_rule, q
    if cap is not None:  # the browser's capped search: its first page and total agree too
        cursor = BrowserService(db).search(q, page_size=7, count_cap=cap)
        assert cursor.total == min(by_rule[0], cap) and cursor.exact == (by_rule[0] <= cap), q
        assert [r.card_id for r in cursor.first_page] == by_rule[1][:7], q
    return by_rule


_WORDS = ("momentum", "adam", "dropout", "批归一化", "warmup", "saddle")


def _random_query(rng: random.Random, sections: list[str]) -> BrowseQuery:
    def pick(values: list, k: int) -> tuple:
        return tuple(rng.sample(values, rng.randint(1, k))) if rng.random() < 0.3 else ()
    return BrowseQuery(
        text=" ".join(rng.sample(_WORDS + ("sample", "question", "12", "7"), rng.choice((1, 1, 1, 2)))),
        sections=pick(sections, 2), kinds=pick(["qa", "cloze", "mcq"], 2), tags=pick(["a", "b", "bench"], 2),
        states=pick(list(CARD_STATES), 2), deck=rng.choice((None, None, "A", "A::x", "B")),
        ef_min=rng.choice((None, 200)), sort=rng.choice(SORT_KEYS), descending=rng.random() < 0.5)


def _add_cards(db, rng: random.Random, n: int) -> list[str]:
    editing = CardEditingService(db)
    ids = []
    for i in range(n):
        word = rng.choice(_WORDS)
        ids.append(editing.add_card({
            "section": f"7.{rng.randint(1, 7)}", "kind": "qa",
            "tags": rng.sample(["a", "b", "bench"], rng.randint(0, 2)),
            "front": {"zh": f"问题 {i} {word}", "en": f"question {i} about {word}"},
            "back": {"zh": "答", "en": f"answer {rng.randint(0, 99)}"}}, NOW).value)
    return ids


def test_facets_follow_every_write_and_searches_agree_with_the_rule(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "c.db"
    db = open_database(path)
    try:
        rng = random.Random(8)
        importer.import_deck(db, [SAMPLE_DECK], now=NOW)  # the bulk fill
        assert _in_step(path) > 10
        added = _add_cards(db, rng, 60)  # the insert trigger
        with db.session() as session:
            decks = [ensure_deck(session, name, "file", None, NOW) for name in ("A", "A::x", "B")]
        sections = [f"7.{i}" for i in range(1, 8)]
        found = filtered = 0
        for _ in range(4):
            with db.session() as session:  # deck moves, edits of every copied column, deletes
                for card_id in rng.sample(added, 15):
                    session.execute(update(CardRow).where(CardRow.id == card_id).values(deck_id=rng.choice(decks)))
                for card_id in rng.sample(added, 5):
                    row = session.get_one(CardRow, card_id)
                    row.tags = rng.sample(["a", "b", "bench"], rng.randint(0, 2))
                    row.section, row.kind = rng.choice(sections), rng.choice(("qa", "cloze"))
                gone = added.pop(rng.randrange(len(added)))
                session.execute(delete(CardRow).where(CardRow.id == gone))
            added += _add_cards(db, rng, 3)
            assert _in_step(path) == len(added) + 14
            for _ in range(25):
                q = _random_query(rng, sections)
                found += _same_as_the_rule(db, q, monkeypatch, cap=rng.choice((None, 3, 20)))[0] > 0
                filtered += replace(q, text="").filtered
        assert found >= 40 and filtered >= 50  # most searches found cards, most had filters besides text
        # a rolled back write leaves the facets as they were; INSERT OR REPLACE drops the old row's
        before = _facets_and_cards(path)[0]
        with contextlib.suppress(RuntimeError), db.session() as session:
            session.get_one(CardRow, added[0]).section = "7.7"
            session.flush()
            raise RuntimeError("rolled back")
        assert _facets_and_cards(path)[0] == before
        with contextlib.closing(sqlite3.connect(path)) as conn, conn:
            conn.execute("INSERT OR REPLACE INTO cards SELECT id, '7.1', kind, content, front_zh, front_en, back_zh, "
                         f"back_en, tags, source, demo_id, origin, deck_hash, user_edited, deck_content, created_at, "
                         f"updated_at, deck_id FROM cards WHERE id = '{added[1]}'")
        _in_step(path)
    finally:
        db.close()


def test_a_bulk_import_fills_the_facets_as_the_trigger_does(tmp_path: Path) -> None:
    def imported(path: Path, bulk: bool) -> list[tuple]:
        db = open_database(path)
        try:
            if bulk:
                importer.import_deck(db, [SAMPLE_DECK], now=NOW)
            else:
                with mock.patch.object(importer, "indexed_in_bulk", lambda *_: contextlib.nullcontext()):
                    importer.import_deck(db, [SAMPLE_DECK], now=NOW)
        finally:
            db.close()
        _in_step(path)
        return _facets_and_cards(path)[0]

    def triggers(path: Path) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()

    open_database(tmp_path / "bulk.db").close()
    before = triggers(tmp_path / "bulk.db")
    by_bulk, by_trigger = imported(tmp_path / "bulk.db", True), imported(tmp_path / "trigger.db", False)
    assert len(by_bulk) > 10 and by_bulk == by_trigger
    # every trigger set aside is back as it was (the index's and the facets', insert and replace)
    assert len([t for t in before if t[0].startswith("card_search")]) == 8 and triggers(tmp_path / "bulk.db") == before


def test_the_index_drives_a_search_with_filters(tmp_path: Path) -> None:
    """The plan reads the text index first and each match's facets by rowid: no index of cards
    or card_state takes over, whatever the filters (a rare state would tempt SQLite)."""
    db = open_database(tmp_path / "c.db")
    try:
        importer.import_deck(db, [SAMPLE_DECK], now=NOW)
        match = TextMatch('"sample"', ())
        query = BrowseQuery(text="sample", sections=("7.1",), states=("suspended",), flags=(2,), tags=("x",),
                            deck="NNDL", due_from=1, origins=("user",))
        stmt = indexed_matches(query, match, FACETS.c.card_id)
        with db.read_session() as session:
            conn = session.connection()
            sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    finally:
        db.close()
    steps = [p for p in plan if p.startswith(("SCAN", "SEARCH"))]
    assert steps[0].startswith("SCAN card_search VIRTUAL TABLE"), plan
    assert "card_search_facets USING INTEGER PRIMARY KEY" in steps[1], plan
    assert not any(p.startswith("SCAN") for p in steps[1:] if "decks" not in p), plan


def test_migration_0008_builds_the_facets_on_a_0007_collection_and_goes_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    db = open_database(path)
    importer.import_deck(db, [SAMPLE_DECK], now=NOW)
    _add_cards(db, random.Random(2), 20)
    db.close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0007")
    with engine.begin() as conn:
        left = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'card_search_facets%'")).all()
        assert left == [] and conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0007"
        # written at 0007: no facets trigger runs
        conn.execute(text("UPDATE cards SET section = '7.6' WHERE id = (SELECT min(id) FROM cards)"))
    engine.dispose()
    db = open_database(path)  # upgrades to head: the facets are built from the cards
    try:
        assert _in_step(path) == 34
        for text_ in ("sample", "question", "批归一化 about"):
            _same_as_the_rule(db, BrowseQuery(text=text_, sections=("7.6", "7.1", "7.2")), monkeypatch, cap=5)
        _add_cards(db, random.Random(3), 2)  # and the triggers keep them
        assert _in_step(path) == 36
    finally:
        db.close()
