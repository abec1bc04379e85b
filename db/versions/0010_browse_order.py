"""The card browser's sort and filter indexes move to a copy of the state columns.

An answer rewrote the entry of every card_state index over a column it changed: at 100k cards
about two WAL pages each (issue 20). Four of them served only the card browser: (interval),
(easiness), (lapses) and the state order (suspended, repetitions, due_day). They move to
`card_order`, a copy of card_state's state columns that the answer does not write:

* `card_order` (card_id, suspended, repetitions, due_day, interval, easiness, lapses, flag,
  position), with the browser's indexes, filled from card_state here;
* `card_order_stale` (id, card_id): a trigger on card_state appends a card's id when a row is
  inserted or one of the copied columns is updated, in the writer's transaction; a deleted
  card_state row takes its copy along;
* the browser copies the marked cards before it reads (store/browse_order.py).

card_state keeps what the study queue reads (ix_card_state_due, ix_card_state_redrill,
ix_card_state_deck_queue). On PostgreSQL the triggers call PL/pgSQL functions.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# card_state's columns copied and watched (store/browse_order.py: COPIED is the same; a migration keeps its own)
COPIED = ("suspended", "repetitions", "due_day", "interval", "easiness", "lapses", "flag", "position")
MOVED = {"ix_card_state_interval": ["interval", "card_id"], "ix_card_state_easiness": ["easiness", "card_id"],
         "ix_card_state_lapses": ["lapses", "card_id"]}
WATCHED = ", ".join(COPIED)


def _due_day(postgresql: bool) -> Any:
    # SQLite sorts NULL (a new card's due day) first; PostgreSQL's indexes are told to (as 0003's)
    return sa.text("due_day NULLS FIRST") if postgresql else "due_day"


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "card_order",
        sa.Column("card_id", sa.String(80), primary_key=True),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.Column("repetitions", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=True),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("easiness", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("flag", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_table(
        "card_order_stale",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.String(80), nullable=False),
    )
    op.execute(f"INSERT INTO card_order (card_id, {WATCHED}) SELECT card_id, {WATCHED} FROM card_state")
    op.create_index("ix_card_order_due", "card_order", [_due_day(postgresql), "position", "card_id"])
    for name, columns in MOVED.items():
        op.create_index(name.replace("card_state", "card_order"), "card_order", columns)
        op.drop_index(name, table_name="card_state")
    op.create_index("ix_card_order_state", "card_order", ["suspended", "repetitions", _due_day(postgresql), "card_id"])
    op.drop_index("ix_card_state_state", table_name="card_state")
    if postgresql:
        op.execute("CREATE FUNCTION card_order_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "INSERT INTO card_order_stale (card_id) VALUES (NEW.card_id); RETURN NULL; END $$")
        op.execute("CREATE FUNCTION card_order_drop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   "DELETE FROM card_order WHERE card_id = OLD.card_id; RETURN NULL; END $$")
        op.execute(f"CREATE TRIGGER card_order_marked AFTER INSERT OR UPDATE OF {WATCHED} ON card_state "
                   "FOR EACH ROW EXECUTE FUNCTION card_order_mark()")
        op.execute("CREATE TRIGGER card_order_dropped AFTER DELETE ON card_state "
                   "FOR EACH ROW EXECUTE FUNCTION card_order_drop()")
    else:
        op.execute("CREATE TRIGGER card_order_inserted AFTER INSERT ON card_state BEGIN "
                   "INSERT INTO card_order_stale (card_id) VALUES (new.card_id); END")
        op.execute(f"CREATE TRIGGER card_order_updated AFTER UPDATE OF {WATCHED} ON card_state BEGIN "
                   "INSERT INTO card_order_stale (card_id) VALUES (new.card_id); END")
        op.execute("CREATE TRIGGER card_order_deleted AFTER DELETE ON card_state BEGIN "
                   "DELETE FROM card_order WHERE card_id = old.card_id; END")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER card_order_dropped ON card_state")
        op.execute("DROP TRIGGER card_order_marked ON card_state")
        op.execute("DROP FUNCTION card_order_drop()")
        op.execute("DROP FUNCTION card_order_mark()")
    else:
        for trigger in ("card_order_deleted", "card_order_updated", "card_order_inserted"):
            op.execute(f"DROP TRIGGER {trigger}")
    op.create_index("ix_card_state_state", "card_state", ["suspended", "repetitions", _due_day(postgresql), "card_id"])
    for name, columns in MOVED.items():
        op.create_index(name, "card_state", columns)
    op.drop_table("card_order_stale")
    op.drop_table("card_order")
