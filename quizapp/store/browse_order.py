"""The card browser's copy of the cards' state columns (card_order), brought up to date when the
browser reads it.

The browser sorts and filters by state (interval, ease, lapses, state, due day) through an index
per order. On card_state those indexes changed with almost every answer, each costing an answer
about two written pages of the WAL. They live on `card_order` instead, which an answer does not
write: a trigger on card_state (db/versions/0010_browse_order.py) appends the changed card's id
to `card_order_stale`, in the writer's transaction, whoever the writer is. Before it reads, the
browser copies the marked cards' columns (`bring_up_to_date`), in a write transaction of its own.

Exact: a snapshot without marks (`is_current`) is one where card_order equals card_state's
columns, since every change and its mark commit together.

An import inserts thousands of card_state rows at once (`copied_in_bulk`): on SQLite the insert
trigger is set aside inside the importer's transaction and the new cards are copied by one
INSERT ... SELECT at the end, the statement `bring_up_to_date` would run for their marks (10k
cards: ~35 ms instead of ~130 ms of marks, and the browser's first search copies nothing).
tests/store/test_browse_order.py compares it with the trigger's marks brought up to date.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, text

# card_state's columns that card_order copies (and that the triggers watch)
COPIED = ("suspended", "repetitions", "due_day", "interval", "easiness", "lapses", "flag", "position")
_COLUMNS = ", ".join(("card_id", *COPIED))
_UPDATES = ", ".join(f"{name} = excluded.{name}" for name in COPIED)

_ANY_MARK = text("SELECT 1 FROM card_order_stale LIMIT 1")
# SQLite: one writer at a time, so the marks read are all the marks until COMMIT.
_COPY_MARKED_SQLITE = (
    f"INSERT INTO card_order ({_COLUMNS}) SELECT {_COLUMNS} FROM card_state "
    f"WHERE card_id IN (SELECT card_id FROM card_order_stale) ON CONFLICT (card_id) DO UPDATE SET {_UPDATES}")
_UNMARK_SQLITE = "DELETE FROM card_order_stale"
INSERT_TRIGGER = "card_order_inserted"  # SQLite's AFTER INSERT trigger of migration 0010
# What _COPY_MARKED_SQLITE does for marks of the cards `:ids` (a JSON array).
_COPY_CHOSEN_SQLITE = (
    f"INSERT INTO card_order ({_COLUMNS}) SELECT {_COLUMNS} FROM card_state "
    f"WHERE card_id IN (SELECT value FROM json_each(:ids)) ON CONFLICT (card_id) DO UPDATE SET {_UPDATES}")
# PostgreSQL: other clients may mark cards meanwhile; one statement takes exactly the marks it
# sees and copies the columns as of that same snapshot (which includes the writes they mark).
_COPY_MARKED_POSTGRESQL = (
    f"WITH taken AS (DELETE FROM card_order_stale RETURNING card_id) "
    f"INSERT INTO card_order ({_COLUMNS}) SELECT {_COLUMNS} FROM card_state "
    f"WHERE card_id IN (SELECT card_id FROM taken) ON CONFLICT (card_id) DO UPDATE SET {_UPDATES}")


def is_current(conn: Connection) -> bool:
    """Whether card_order holds card_state's columns in this connection's snapshot."""
    return conn.execute(_ANY_MARK).first() is None


def bring_up_to_date(conn: Connection) -> None:
    """Copy the marked cards' columns into card_order and drop their marks, in the caller's
    write transaction."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_COPY_MARKED_POSTGRESQL)
        return
    conn.exec_driver_sql(_COPY_MARKED_SQLITE)
    conn.exec_driver_sql(_UNMARK_SQLITE)


@contextmanager
def copied_in_bulk(conn: Connection, card_ids: Sequence[str]) -> Iterator[None]:
    """Insert the card_state rows of the new cards `card_ids` inside the block, in the caller's
    write transaction; they are copied into card_order once, at its end, instead of each leaving
    a mark. Outside SQLite (PostgreSQL keeps its trigger: other clients write meanwhile), or
    without the trigger (a schema before 0010), the block runs as is. An error inside the block
    leaves the trigger dropped in a transaction that the caller rolls back."""
    sql = None
    if conn.dialect.name == "sqlite" and card_ids:
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                           {"name": INSERT_TRIGGER}).scalar()
    if sql is not None:
        conn.exec_driver_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield
    if sql is not None:
        conn.execute(text(_COPY_CHOSEN_SQLITE), {"ids": json.dumps(list(card_ids))})
        conn.exec_driver_sql(sql)
