"""A collection of many decks (issue 15).

* `decks`: id, a unique hierarchical `name` ("NNDL::ch07", Anki's `::`), its `origin` (bundled,
  notes, file, anki), its `sections` (JSON list of {id, title: {zh, en}}) and its `options`
  (JSON: per-deck settings such as daily limits; {} = as the collection).
* `cards.deck_id`: the deck of every card, NOT NULL, a foreign key to `decks`; `cards.section`
  widened to 32 characters (a user deck's section ids are its own).
* `card_state.deck_id`: a copy of the card's deck, NOT NULL, in the index
  ix_card_state_deck_queue (deck_id, suspended, due_day, position): one deck's next cards read
  straight from the index, as Anki's (did, queue, due) does.
* The cards already in the collection become the bundled deck "NNDL::ch07" (sections 7.1-7.7);
  their schedules, marks and history are untouched (they hang off the card id).

Making `deck_id` NOT NULL rebuilds `cards` on SQLite (Alembic's batch mode: copy, drop, rename).
quizapp.store.migrate runs migrations with foreign keys off, as Alembic's batch documentation
asks, so dropping the old table cascades to nothing. The rebuild drops the triggers of the text
index (0004) and may renumber the rowids the index follows: the triggers are put back from their
stored SQL and the index is rebuilt from the cards.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# A JSON document: SQLite's JSON; on PostgreSQL the same JSON as text (quizapp/store/dialects.py:
# JsonDocument), so that LIKE, sorting and btree indexes read it as SQLite does.
JSON_DOCUMENT = sa.JSON().with_variant(sa.Text(), "postgresql")

BUNDLED_DECK = "NNDL::ch07"
# The bundled deck's sections as of this revision (a copy: a migration never changes with the code).
BUNDLED_SECTIONS = [
    {"id": "7.1", "title": {"zh": "网络优化", "en": "Network optimization"}},
    {"id": "7.2", "title": {"zh": "优化算法", "en": "Optimization algorithms"}},
    {"id": "7.3", "title": {"zh": "参数初始化", "en": "Parameter initialization"}},
    {"id": "7.4", "title": {"zh": "数据预处理", "en": "Data preprocessing"}},
    {"id": "7.5", "title": {"zh": "逐层归一化", "en": "Layer-wise normalization"}},
    {"id": "7.6", "title": {"zh": "超参数优化", "en": "Hyperparameter optimization"}},
    {"id": "7.7", "title": {"zh": "网络正则化", "en": "Network regularization"}},
]
_TEXT_BODY = ("lower(coalesce(cards.id, '') || char(10) || coalesce(cards.front_zh, '') || char(10) || "
              "coalesce(cards.front_en, '') || char(10) || coalesce(cards.back_zh, '') || char(10) || "
              "coalesce(cards.back_en, '') || char(10) || char(10))")  # as 0004's triggers index a card


def upgrade() -> None:
    bind = op.get_bind()
    decks = op.create_table(
        "decks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("sections", JSON_DOCUMENT, nullable=False),
        sa.Column("options", JSON_DOCUMENT, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name"),
    )
    op.add_column("cards", sa.Column("deck_id", sa.Integer(), nullable=True))
    if bind.execute(sa.text("SELECT 1 FROM cards LIMIT 1")).first() is not None:
        postgresql = bind.dialect.name == "postgresql"  # JSON as text there (JSON_DOCUMENT)
        op.bulk_insert(decks, [{"id": 1, "name": BUNDLED_DECK, "origin": "bundled",
                                "sections": json.dumps(BUNDLED_SECTIONS) if postgresql else BUNDLED_SECTIONS,
                                "options": "{}" if postgresql else {}, "created_at": datetime.now(timezone.utc)}])
        if postgresql:  # the row's id was given: the next deck's id comes after it
            op.execute("SELECT setval(pg_get_serial_sequence('decks', 'id'), 1)")
        op.execute("UPDATE cards SET deck_id = 1")
    with _cards_rebuilt(bind) as batch:
        batch.alter_column("deck_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("section", existing_type=sa.String(8), type_=sa.String(32), existing_nullable=False)
        batch.create_foreign_key("fk_cards_deck_id", "decks", ["deck_id"], ["id"])
        # a deck's cards in id order, covering the text columns as ix_cards_text (0003) does: a text
        # search inside one deck scans that deck's entries alone
        # (on PostgreSQL just the deck and id: the text search has its trigram index, 0004, and a btree
        # entry must stay under ~2.7 kB)
        batch.create_index("ix_cards_deck", ["deck_id", "id"] if bind.dialect.name == "postgresql" else
                           ["deck_id", "id", "front_zh", "front_en", "back_zh", "back_en", "section", "kind", "tags"])
    # the queue of one deck: card_state carries its card's deck, indexed as Anki's (did, queue, due)
    op.add_column("card_state", sa.Column("deck_id", sa.Integer(), nullable=True))
    op.execute("UPDATE card_state SET deck_id = (SELECT deck_id FROM cards WHERE cards.id = card_state.card_id)")
    with op.batch_alter_table("card_state") as batch:
        batch.alter_column("deck_id", existing_type=sa.Integer(), nullable=False)
        batch.create_index("ix_card_state_deck_queue", ["deck_id", "suspended", "due_day", "position"])
    if bind.dialect.name == "postgresql":
        _announce_changes()


# PostgreSQL, a collection shared by several clients: every statement that writes one of these tables
# tells the others, on commit, through NOTIFY on CHANGES_CHANNEL, with the writer's application_name
# (quizapp/store/change_feed.py: each client has its own, and leaves out its own changes). The
# collection has no PostgreSQL history before this revision, so it is set up here with the decks.
CHANGES_CHANNEL = "quizapp_changes"
WATCHED_TABLES = ("decks", "cards", "card_state", "fsrs_state", "review_log", "settings", "quiz_sessions",
                  "quiz_items")


def _announce_changes() -> None:
    op.execute("CREATE FUNCTION quizapp_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               f"PERFORM pg_notify('{CHANGES_CHANNEL}', current_setting('application_name')); RETURN NULL; END $$")
    for table in WATCHED_TABLES:
        op.execute(f"CREATE TRIGGER {table}_announced AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION quizapp_announce_change()")


@contextmanager
def _cards_rebuilt(bind: sa.engine.Connection) -> Iterator[BatchOperations]:
    """A batch alteration of `cards` that keeps the text index (0004) whole: its triggers are put
    back from their stored SQL and the index is rebuilt from the (maybe renumbered) rowids."""
    triggers: list[tuple[str, str]] = []
    if bind.dialect.name == "sqlite":
        triggers = [(name, sql) for name, sql in bind.execute(sa.text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cards' ORDER BY name"))]
    with op.batch_alter_table("cards") as batch:
        yield batch
    if triggers:
        for name, sql in triggers:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")  # gone with the old table; IF EXISTS for safety
            op.execute(sql)
        op.execute("INSERT INTO card_search (card_search) VALUES ('delete-all')")
        op.execute(f"INSERT INTO card_search (rowid, body) SELECT rowid, {_TEXT_BODY} FROM cards")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED_TABLES:
            op.execute(f"DROP TRIGGER {table}_announced ON {table}")
        op.execute("DROP FUNCTION quizapp_announce_change()")
    with op.batch_alter_table("card_state") as batch:
        batch.drop_index("ix_card_state_deck_queue")
        batch.drop_column("deck_id")
    with _cards_rebuilt(op.get_bind()) as batch:
        batch.drop_index("ix_cards_deck")
        batch.drop_constraint("fk_cards_deck_id", type_="foreignkey")
        batch.drop_column("deck_id")
        batch.alter_column("section", existing_type=sa.String(32), type_=sa.String(8), existing_nullable=False)
    op.drop_table("decks")


