"""The card browser's text index (db/versions/0004_search_index.py) and its facets
(db/versions/0008_search_facets.py), both kept in step with the cards by triggers.

Filling them for many new cards at once: inside the importer's transaction, the per-row insert
triggers are set aside, the new cards are indexed by one INSERT ... SELECT each at the end, and
the triggers are put back from their own stored SQL. A trigger run per row costs more than the
rows themselves (10k cards: ~0.7 s of a ~1.5 s import); one statement does the same work in a
fraction of that.

The transaction makes it invisible: another connection never sees the collection without the
triggers, and a failed import rolls them back with the cards. `index_body` must be the text the
index's trigger indexes and `FACET_COLUMNS` the columns the facets' trigger copies;
tests/store/test_search_index.py compares what an import builds this way with what the triggers
build, entry by entry and row by row.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

INSERT_TRIGGER = "card_search_inserted"
FACETS_INSERT_TRIGGER = "card_search_facets_inserted"
REPLACED_TRIGGERS = ("card_search_replaced", "card_search_facets_replaced")  # BEFORE INSERT, of 0004 and 0008
TEXT_COLUMNS = ("id", "front_zh", "front_en", "back_zh", "back_en")
FACETS = "card_search_facets"
# cards' column -> its copy in the facets (as db/versions/0008_search_facets.py: COPIED)
FACET_COLUMNS = {"id": "card_id", "deck_id": "deck_id", "section": "section", "kind": "kind", "tags": "tags"}


def index_body(row: str) -> str:
    """SQL for the indexed text of `row`: as the trigger of db/versions/0004_search_index.py writes it."""
    joined = " || char(10) || ".join(f"coalesce({row}.{col}, '')" for col in TEXT_COLUMNS)
    return f"lower({joined} || char(10) || char(10))"


def _fill(name: str, ids: str) -> str:
    """The one statement that does for the cards `ids` (a JSON array) what trigger `name` does per card."""
    chosen = "FROM cards WHERE id IN (SELECT value FROM json_each(:ids))"
    if name == INSERT_TRIGGER:
        return f"INSERT INTO card_search (rowid, body) SELECT rowid, {index_body('cards')} {chosen}"
    return (f"INSERT OR REPLACE INTO {FACETS} (card_rowid, {', '.join(FACET_COLUMNS.values())}) "
            f"SELECT rowid, {', '.join(FACET_COLUMNS)} {chosen}")


@contextmanager
def indexed_in_bulk(session: Session, card_ids: Sequence[str]) -> Iterator[None]:
    """Insert the new cards `card_ids` inside the block, with plain INSERTs; they are indexed
    once, at its end. The triggers that clean up after a row an INSERT OR REPLACE removes are set
    aside too: a plain INSERT of an id already there fails instead of replacing it, so they have
    nothing to do (each was one lookup per card). Outside SQLite, or without the triggers (a
    schema before them), the block runs as is."""
    conn = session.connection()
    triggers: list[tuple[str, str]] = []
    if conn.dialect.name == "sqlite" and card_ids:
        names = (INSERT_TRIGGER, FACETS_INSERT_TRIGGER, *REPLACED_TRIGGERS)
        marks = ", ".join(f":t{i}" for i in range(len(names)))
        triggers = [(name, sql) for name, sql in conn.execute(
            text(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks}) ORDER BY name"),
            {f"t{i}": name for i, name in enumerate(names)})]
    for name, _ in triggers:
        conn.execute(text(f"DROP TRIGGER {name}"))
    yield
    ids = json.dumps(list(card_ids))
    for name, sql in triggers:
        if name not in REPLACED_TRIGGERS:
            conn.execute(text(_fill(name, ids)), {"ids": ids})
        conn.execute(text(sql))
