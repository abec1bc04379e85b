"""The card browser's text index: SQLite FTS5 with the trigram tokenizer, kept in step by triggers
(on PostgreSQL: pg_trgm's GIN index over the same text, kept in a stored column: POSTGRESQL_TEXT).

A text search used to scan every card's five text columns with LIKE (~100 ms at 100k cards);
the index answers a term from its trigrams' posting lists instead (quizapp/services/browser.py).

* One entry per card in `card_search`, under the card's rowid: its searchable text (`body`):
  id, front_zh, front_en, back_zh, back_en joined by newlines. The table is contentless (only
  the index is stored, ~half the size): a search needs the matching rowids, never the text.
* The body is lower()ed and the tokenizer is case-sensitive: SQLite's lower() folds ASCII only,
  exactly the letters LIKE ignores the case of, so a term found in the index is what the
  browser's LIKE/instr rule finds (Unicode folding would also match e.g. the Kelvin sign for k).
* A term never holds whitespace, so a newline between columns keeps a match inside one
  column, and a term of 3+ characters is a phrase of its trigrams. Every column ends with a
  newline and the body with two: then every 1- or 2-character substring starts some trigram,
  which is how the browser finds short terms (Chinese words such as 动量) through
  `card_search_terms`, the index's vocabulary.
* Triggers update the index inside the transaction that writes the card; a contentless index
  forgets an entry when given the text it was made from, which old.* holds. The insert trigger
  first drops the entry of a row that an INSERT OR REPLACE removes (SQLite runs no delete
  trigger for those).
* The entries follow the cards' rowids. SQLite documents that VACUUM may renumber the rowids
  of a table without an INTEGER PRIMARY KEY (3.40 keeps them; quizapp never vacuums): should it
  happen, rebuild with `INSERT INTO card_search (card_search) VALUES ('delete-all')` and the
  backfill INSERT below.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("id", "front_zh", "front_en", "back_zh", "back_en")


def body(row: str) -> str:
    """SQL for the indexed text of `row` (new, old or cards)."""
    joined = " || char(10) || ".join(f"coalesce({row}.{col}, '')" for col in TEXT_COLUMNS)
    return f"lower({joined} || char(10) || char(10))"


def _index(row: str) -> str:
    return f"INSERT INTO card_search (rowid, body) VALUES ({row}.rowid, {body(row)})"


def _forget(row: str) -> str:
    return f"INSERT INTO card_search (card_search, rowid, body) VALUES ('delete', {row}.rowid, {body(row)})"


# PostgreSQL: the same five columns joined by newlines, ASCII letters lowered (what SQLite's LIKE
# ignores the case of, as the FTS5 body above), kept by the server in the stored column
# `cards.search_text` under a GIN index of pg_trgm's trigrams. The browser finds a term with LIKE on
# it (quizapp/store/dialects.py: card_text_like): the index answers terms of 3+ characters, and a
# scan for a shorter or very common one reads the lowered text instead of lowering every card's
# (ILIKE over the joined columns: ~40 ms to find 1,000 of 100k cards, LIKE on this column ~4 ms).
POSTGRESQL_TEXT = ("translate(" + " || chr(10) || ".join(TEXT_COLUMNS)
                   + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(f"ALTER TABLE cards ADD COLUMN search_text text GENERATED ALWAYS AS ({POSTGRESQL_TEXT}) STORED")
        op.execute("CREATE INDEX ix_cards_search_trgm ON cards USING gin (search_text gin_trgm_ops)")
        return
    op.execute("CREATE VIRTUAL TABLE card_search USING fts5("
               "body, content = '', tokenize = 'trigram case_sensitive 1')")
    op.execute("CREATE VIRTUAL TABLE card_search_terms USING fts5vocab(card_search, 'row')")
    op.execute(f"INSERT INTO card_search (rowid, body) SELECT rowid, {body('cards')} FROM cards")
    op.execute("CREATE TRIGGER card_search_replaced BEFORE INSERT ON cards BEGIN "
               "INSERT INTO card_search (card_search, rowid, body) "
               f"SELECT 'delete', rowid, {body('cards')} FROM cards WHERE id = new.id; END")
    op.execute(f"CREATE TRIGGER card_search_inserted AFTER INSERT ON cards BEGIN {_index('new')}; END")
    op.execute(f"CREATE TRIGGER card_search_deleted AFTER DELETE ON cards BEGIN {_forget('old')}; END")
    changed = " OR ".join(f"old.{col} IS NOT new.{col}" for col in TEXT_COLUMNS)
    op.execute(f"CREATE TRIGGER card_search_updated AFTER UPDATE OF {', '.join(TEXT_COLUMNS)} ON cards "
               f"WHEN {changed} BEGIN {_forget('old')}; {_index('new')}; END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_cards_search_trgm")
        op.execute("ALTER TABLE cards DROP COLUMN search_text")
        return
    for trigger in ("card_search_updated", "card_search_deleted", "card_search_inserted", "card_search_replaced"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE card_search_terms")
    op.execute("DROP TABLE card_search")
