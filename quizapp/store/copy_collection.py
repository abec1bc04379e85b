"""Copying a whole collection to another database: SQLite -> PostgreSQL and back (issue 18's
`migrate-to`), with its history, verified.

Both ends are open, migrated collections (`services/database.py: open_database`); the target
must be empty (a new collection: no row in any table). Every table is copied row for row in
one transaction on the target, parents before children, keys kept (the review log's ids, the
decks'), through the ORM's tables, so each value goes through its column's type on both sides
(JSON documents, times in UTC, booleans). PostgreSQL's id sequences are then moved past the
copied ids. The copy is verified before it commits: per table, the number of rows and a
SHA-256 over the rows in key order, each value written in one canonical form (JSON with sorted
keys, times as UTC ISO text), read back from the target equal the source's. Anything else
raises CopyError and the target is left as it was.

The text index is not copied: each end builds its own (SQLite's FTS5 triggers, PostgreSQL's
stored search text), from the cards copied. Nor is the browser's copy of the state columns
(store/browse_order.py): the target's triggers mark every card copied, and its copy is then
brought up to date in the same transaction.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, insert, select, text

from quizapp.store.browse_order import bring_up_to_date
from quizapp.store.database import Database, as_utc, is_postgresql
from quizapp.store.tables import metadata

BATCH = 5000  # rows per INSERT: the whole collection never sits in memory at once


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    sha256: str  # of the rows in key order, each value in canonical form


class CopyError(Exception):
    """The collection could not be copied; the target was left as it was. The facts travel with
    it (the store writes no interface language): `busy`, the target's tables that hold rows, or
    `table` with its `found` / `expected` summaries when the read-back differs."""

    def __init__(self, message: str, busy: tuple[str, ...] = (), table: str = "",
                 found: TableCopy | None = None, expected: TableCopy | None = None) -> None:
        super().__init__(message)
        self.busy, self.table, self.found, self.expected = busy, table, found, expected


# Derived from card_state by the target itself (store/browse_order.py), not copied
DERIVED = ("card_order", "card_order_stale")


def _tables() -> list[Table]:
    # parents before children (foreign keys)
    return [table for table in metadata.sorted_tables if table.name not in DERIVED]


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _rows(conn: Connection, table: Table) -> Iterator[tuple[Any, ...]]:
    ordered = select(table).order_by(*table.primary_key.columns)
    for row in conn.execute(ordered.execution_options(yield_per=BATCH)):
        yield tuple(row)


def summary(conn: Connection, table: Table) -> TableCopy:
    digest = hashlib.sha256()
    count = 0
    for row in _rows(conn, table):
        count += 1
        digest.update(json.dumps([_canonical(v) for v in row], sort_keys=True, ensure_ascii=False,
                                 default=str).encode())
        digest.update(b"\n")
    return TableCopy(table.name, count, digest.hexdigest())


def _empty(conn: Connection) -> list[str]:
    return [t.name for t in _tables() if conn.execute(select(func.count()).select_from(t)).scalar()]


def _move_sequences(conn: Connection) -> None:
    """PostgreSQL: an id column's sequence goes on after the largest id copied."""
    for table in _tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                                  f"coalesce((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"))


def copy_collection(source: Database, target: Database) -> list[TableCopy]:
    """Copy every row of `source` into the empty collection `target` (see the module doc);
    returns each table's verified count and checksum."""
    with source.read_session() as reading, target.session() as writing:
        src, dst = reading.connection(), writing.connection()
        busy = _empty(dst)
        if busy:
            raise CopyError(f"the target already holds a collection (rows in {', '.join(busy)}); "
                            "copy into a new, empty one", busy=tuple(busy))
        copied: list[TableCopy] = []
        for table in _tables():
            batch: list[dict[str, Any]] = []
            keys = [c.key for c in table.columns]
            for row in _rows(src, table):
                batch.append(dict(zip(keys, row)))
                if len(batch) >= BATCH:
                    dst.execute(insert(table), batch)
                    batch = []
            if batch:
                dst.execute(insert(table), batch)
            copied.append(summary(src, table))
        if is_postgresql(target.url):
            _move_sequences(dst)
        bring_up_to_date(dst)
        for expected in copied:  # read back in the same transaction: raising here rolls the whole copy back
            found = summary(dst, metadata.tables[expected.name])
            if found != expected:
                raise CopyError(f"the copy of {expected.name} differs from its source ({found.rows} rows, "
                                f"{expected.rows} expected; checksums {found.sha256[:12]} / {expected.sha256[:12]}): "
                                "nothing was written", table=expected.name, found=found, expected=expected)
        return copied
