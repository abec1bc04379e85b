"""A SQLAlchemy statement compiled once and then run on the driver's connection.

Running a statement through SQLAlchemy costs, besides the query, building the expression,
generating its cache key and processing the result: ~1 ms of a ~5 ms browser search at 100k cards,
as much as a third of the SQL itself. A statement whose text depends only on a key the caller
knows (the browser: the filters and the sort, while the typed text changes) is built and
compiled once per key; later calls send the compiled SQL to the sqlite3 connection with the
values of its named parameters, the rest keep the values they were built with.

SQLite only (the browser's text index, the one hot path that needs it, is SQLite's FTS5); rows
come back as the driver gives them (no result processors: the caller converts what it reads).
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

_DIALECT = sqlite.dialect(paramstyle="qmark")
_MAX_KEPT = 256  # statements kept per cache; a search with new filters compiles one again


class DriverStatement:
    """One statement compiled for SQLite: its SQL text and the order of its parameters."""

    def __init__(self, statement: ClauseElement) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True}))
        self.sql: str = compiled.string
        self._names: tuple[str, ...] = tuple(compiled.positiontup or ())
        self._known = frozenset(self._names)
        built = compiled.construct_params() or {}
        # A built value processed as SQLAlchemy would bind it (booleans as 0/1 and so on); the
        # values given by name to `rows` go as they are (the callers give text).
        processors = compiled._bind_processors
        self._values: list[Any] = []
        for name in self._names:
            process = processors.get(name)
            self._values.append(process(built[name]) if callable(process) else built[name])

    def parameters(self, values: Mapping[str, Any]) -> list[Any]:
        """The positional parameters: `values` by name, the others as built."""
        if not values:
            return self._values
        unknown = values.keys() - self._known
        if unknown:
            raise KeyError(f"the statement has no parameter {sorted(unknown)[0]!r}")
        return [values.get(name, default) for name, default in zip(self._names, self._values)]

    def rows(self, conn: Connection, values: Mapping[str, Any] | None = None) -> list[Any]:
        """Run it inside `conn`'s transaction (the same sqlite3 connection) and return every row;
        `values` (text, numbers) are sent as given, without the columns' bind processors."""
        raw = conn.connection.driver_connection
        assert raw is not None
        result: list[Any] = raw.execute(self.sql, self.parameters(values or {})).fetchall()
        return result


class StatementCache:
    """Compiled statements by key: `get(key, build)` builds and compiles on the first call for a key."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, DriverStatement] = {}

    def get(self, key: Hashable, build: Callable[[], ClauseElement]) -> DriverStatement:
        statement = self._kept.get(key)
        if statement is None:
            if len(self._kept) >= _MAX_KEPT:
                self._kept.clear()
            statement = self._kept[key] = DriverStatement(build())
        return statement
