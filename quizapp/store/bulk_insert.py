"""Inserting many rows of one table at once (an import of thousands of cards).

SQLAlchemy's executemany builds and processes a parameter dictionary per row (~20 us a row for
the cards table: a third of a 10k-card import's database time). Here each value still goes
through its column type's own bind processor (JSON, DateTime, Boolean as SQLAlchemy stores
them), but the rows are handed to the driver's executemany as plain tuples, in the caller's
transaction. tests/store/test_bulk_insert.py checks the rows read back equal those that
SQLAlchemy's own insert writes.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table

from quizapp.store.base import Base


def insert_rows(conn: Connection, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT `rows` (each with the same keys, a subset of the columns) into `model`'s table."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    keys = list(rows[0])
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    processors = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys]
    marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in keys)
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(key) for key in keys)}) VALUES ({marks})"
    # None goes through the processor too (a JSON column stores it as the text "null", as SQLAlchemy
    # does), once per column: most rows leave most optional columns empty. A value that is the very
    # object of an earlier row (an import's one time stamp, the one list of tags its cards share)
    # reuses that row's processed value: the rows hold every value, so no id is reused meanwhile.
    values: list[tuple[Any, ...]] = []
    columns = [(process, None if process is None else process(None), {}) for process in processors]
    for row in rows:
        out = []
        for key, (process, none, seen) in zip(keys, columns):
            value = row[key]
            if process is None:
                out.append(value)
            elif value is None:
                out.append(none)
            else:
                processed = seen.get(id(value), seen)
                if processed is seen:
                    processed = seen[id(value)] = process(value)
                out.append(processed)
        values.append(tuple(out))
    conn.exec_driver_sql(sql, values)
