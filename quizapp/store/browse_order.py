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
"""
from __future__ import annotations

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
