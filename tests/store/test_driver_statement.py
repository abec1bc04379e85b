"""Statements compiled once and run on the driver (store/driver_statement.py): the rows equal
SQLAlchemy's own execution, named parameters take new values, the others keep the built ones;
and the browser's statements, shared by searches whose typed text differs, answer each search."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest
from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, bindparam, create_engine, insert, select

from quizapp.domain.browse import BrowseQuery
from quizapp.services import browser
from quizapp.services.browser import BrowserService
from quizapp.store.driver_statement import DriverStatement, StatementCache

META = MetaData()
ITEMS = Table("items", META, Column("id", Integer, primary_key=True), Column("name", String),
              Column("done", Boolean, nullable=False))


@pytest.fixture()
def conn():
    engine = create_engine("sqlite://")
    META.create_all(engine)
    with engine.begin() as c:
        c.execute(insert(ITEMS), [{"id": i, "name": f"item {i}", "done": i % 3 == 0} for i in range(30)])
    with engine.connect() as c:
        yield c


def test_rows_equal_sqlalchemys_and_named_values_replace_the_built_ones(conn) -> None:
    stmt = (select(ITEMS.c.id).where(ITEMS.c.done == bindparam("done", False, type_=Boolean),
                                     ITEMS.c.name.like(bindparam("pattern", "item 1%")),
                                     ITEMS.c.id.in_([1, 2, 10, 11, 12, 13]))
            .order_by(ITEMS.c.id.desc()).limit(3))
    compiled = DriverStatement(stmt)
    # the boolean parameter built as False goes as SQLite's 0, through its bind processor
    assert [r[0] for r in compiled.rows(conn)] == list(conn.scalars(stmt)) == [13, 11, 10]
    assert [r[0] for r in compiled.rows(conn, {"pattern": "item 2%"})] == [2]
    with pytest.raises(KeyError, match="nope"):
        compiled.rows(conn, {"nope": 1})


def test_the_cache_builds_once_per_key() -> None:
    built: list[str] = []

    def build(name: str):
        built.append(name)
        return select(ITEMS.c.id).where(ITEMS.c.name == name)

    cache = StatementCache()
    first = cache.get(("a",), lambda: build("a"))
    assert cache.get(("a",), lambda: build("a")) is first
    cache.get(("b",), lambda: build("b"))
    assert built == ["a", "b"]


def test_searches_sharing_a_statement_each_get_their_own_answer(tmp_path, monkeypatch) -> None:
    """Same filters and sort, other text: one compiled statement per plan, and every search's
    matches and order are those of a plain-Python reading of the cards."""
    from quizapp.services.database import open_database
    from tests.services.test_browser import expected, fill_random

    db = open_database(tmp_path / "c.db")
    fill_random(db, 300, seed=3)
    monkeypatch.setattr(browser, "_COMPILED", StatementCache())
    rng = random.Random(5)
    terms = ("ab", "AB", "12", "a", "xyz", "动量", "ab 12", "12 ab", "c-00", "no-such")
    try:
        for filters in (BrowseQuery(), BrowseQuery(kinds=("qa",), sort="due", descending=True),
                        BrowseQuery(sections=("7.2", "7.3"), states=("review", "new"), sort="easiness")):
            for text in rng.sample(terms, len(terms)):
                query = replace(filters, text=text)
                cursor = BrowserService(db).search(query, page_size=1000)
                assert (cursor.total, [r.card_id for r in cursor.first_page]) == (len(want := expected(db, query)),
                                                                                 want), query
        assert len(browser._COMPILED._kept) < 3 * len(terms)  # shared across the texts, not one per search
    finally:
        db.close()
