"""Inserting many rows of one table at once (an import of thousands of cards).

SQLAlchemy's executemany builds and processes a parameter dictionary per row (~20 us a row for
the cards table: a third of a 10k-card import's database time). Here each value still goes
through its column type's own bind processor (JSON, DateTime, Boolean as SQLAlchemy stores
them), but the rows are handed to the driver's executemany as plain tuples, in the caller's
transaction. A column named in `encoded` already holds its stored text (an import writes a card's
JSON document out directly: domain/content.py: stored_json) and is handed on as it is.
tests/store/test_bulk_insert.py checks the rows read back equal those that SQLAlchemy's own
insert writes.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table

from quizapp.store.base import Base


def insert_rows(conn: Connection, model: type[Base], rows: Sequence[Mapping[str, Any]],
                encoded: Collection[str] = ()) -> None:
    """INSERT `rows` (each with the same keys, a subset of the columns) into `model`'s table.
    `encoded`: columns whose values are already the text their type stores (for a JSON column,
    `json.dumps` of the document), not processed again."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    keys = list(rows[0])
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    processors = [None if key in encoded else table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
                  for key in keys]
    marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in keys)
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(key) for key in keys)}) VALUES ({marks})"
    # None goes through the processor too (a JSON column stores it as the text "null", as SQLAlchemy
    # does), once per column: most rows leave most optional columns empty. A value that is the very
    # object of an earlier row (an import's one time stamp, the one list of tags its cards share)
    # reuses that row's processed value: the rows hold every value, so no id is reused meanwhile.
    columns: list[list[Any]] = []
    for key, process in zip(keys, processors):  # column by column: a comprehension each, no loop per value
        raw = [row[key] for row in rows]
        if process is not None:
            none, seen = process(None), dict[int, Any]()
            raw = [none if value is None else _processed(value, process, seen) for value in raw]
        columns.append(raw)
    values = list(zip(*columns))
    conn.exec_driver_sql(sql, values)


def _processed(value: Any, process: Callable[[Any], Any], seen: dict[int, Any]) -> Any:
    """`process(value)`, once per object (`seen`: by object id, the rows keep every object alive)."""
    out = seen.get(id(value), seen)
    if out is seen:
        out = seen[id(value)] = process(value)
    return out
