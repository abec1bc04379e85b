"""The text index's facets: what the browser filters on, one narrow row per indexed card.

A text search with filters (section, kind, deck, tags) used to read the cards table's row of
every card the trigram index found (0004) to test them: ~1 us per match, rows that carry each
card's JSON content, so 4000 matches of a word in 1 card in 25 took ~4 ms before any filter.
`card_search_facets` holds, under the same rowid as the card's index entry (the card's rowid),
only what those filters and the state join need: the card's id, deck, section, kind and tags
(its JSON text, as the browser's tag filter matches it). A search joins the index's answer to
it by INTEGER PRIMARY KEY, a lookup in a table ~20x narrower than `cards`
(services/browser.py), and reads card_state by the id it holds.

* Triggers keep it in step inside the transaction that writes the card, like the index's own
  (0004): insert, delete, an INSERT OR REPLACE (the replaced row's facets go first: SQLite runs no
  delete trigger for it), and an update of any of the columns it copies (a deck move included).
  An import of many new cards sets the insert trigger aside and fills the facets in one statement
  (store/search_index.py: indexed_in_bulk), as it does for the index.
* Only the collection's state is copied, never card_state's (it changes on every answer: the
  answer path stays two statements); the state filters join card_state by the card's id.
* Like the index, the facets follow the cards' rowids: a later migration that rebuilds `cards`
  (Alembic batch mode, as 0007 does) must refill them from the (maybe renumbered) rowids, as
  0007's helper refills the index: `DELETE FROM card_search_facets` and the INSERT ... SELECT below.
* SQLite only, like the trigram index it serves. On another dialect the migration does nothing
  (PostgreSQL's text index, pg_trgm over the cards table, needs no copy: its branch goes here).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# cards' column -> its copy in card_search_facets (store/search_index.py: FACET_COLUMNS is the same)
COPIED = {"id": "card_id", "deck_id": "deck_id", "section": "section", "kind": "kind", "tags": "tags"}
TRIGGERS = ("card_search_facets_replaced", "card_search_facets_inserted", "card_search_facets_deleted",
            "card_search_facets_updated")


def _values(row: str) -> str:
    return ", ".join([f"{row}.rowid", *(f"{row}.{col}" for col in COPIED)])


def _upgrade_sqlite() -> None:
    op.execute("CREATE TABLE card_search_facets (card_rowid INTEGER PRIMARY KEY, card_id VARCHAR(80) NOT NULL, "
               "deck_id INTEGER NOT NULL, section VARCHAR(32) NOT NULL, kind VARCHAR(8) NOT NULL, tags TEXT NOT NULL)")
    op.execute(f"INSERT INTO card_search_facets (card_rowid, {', '.join(COPIED.values())}) "
               f"SELECT {_values('cards')} FROM cards")
    op.execute("CREATE TRIGGER card_search_facets_replaced BEFORE INSERT ON cards BEGIN "
               "DELETE FROM card_search_facets WHERE card_rowid IN (SELECT rowid FROM cards WHERE id = new.id); END")
    # OR REPLACE: a rowid SQLite hands out again (after the newest card was deleted) takes its row over
    op.execute("CREATE TRIGGER card_search_facets_inserted AFTER INSERT ON cards BEGIN "
               f"INSERT OR REPLACE INTO card_search_facets VALUES ({_values('new')}); END")
    op.execute("CREATE TRIGGER card_search_facets_deleted AFTER DELETE ON cards BEGIN "
               "DELETE FROM card_search_facets WHERE card_rowid = old.rowid; END")
    assignments = ", ".join(f"{copy} = new.{col}" for col, copy in COPIED.items())
    op.execute(f"CREATE TRIGGER card_search_facets_updated AFTER UPDATE OF {', '.join(COPIED)} ON cards BEGIN "
               f"UPDATE card_search_facets SET {assignments} WHERE card_rowid = new.rowid; END")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in reversed(TRIGGERS):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE card_search_facets")
