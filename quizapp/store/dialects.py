"""What the store's SQL needs from each backend: SQLite (the desktop's file) and PostgreSQL (a
shared collection, issue 18).

The services write their queries once, in SQLAlchemy, mostly in SQLite's words (they were written
for it first). The few SQLite functions they use are given a PostgreSQL spelling here, through
SQLAlchemy's compiler extension, so a query runs unchanged on both:

* `json_group_array(x)` (a JSON array of the ids, as text) -> `json_agg(x)` as text;
* `json_each(doc)` (the values of a JSON array, column `value`) -> `json_array_elements_text`;
* `instr(text, term)` (position of a substring) -> `strpos`;
* `json_extract(doc, '$.a.b')` -> `doc::json #>> '{a,b}'`, cast to the function's type when one
  is given (`func.json_extract(..., type_=Integer)`).

JSON documents are stored as text on PostgreSQL (`JsonDocument`), exactly the text SQLAlchemy's
JSON type writes into SQLite (`json.dumps`): a LIKE over the tags, a sort by tags and the "no
value" test (`'null'`) then read the same on both, and a btree index can hold the column.

`per_dialect(default, postgresql=...)` is the explicit fork for the rest: a clause that must be
written differently (a text search through pg_trgm instead of FTS5, SQLite's `+column` that keeps
the planner off an index). The module is imported with the tables (store/tables.py), so the rules
are in place before any query is compiled.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Integer, Text, TypeDecorator, literal_column
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import Grouping
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.sql.type_api import TypeEngine
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import NullType

POSTGRESQL = "postgresql"


class JsonText(TypeDecorator[Any]):
    """A JSON document kept as text: `json.dumps` in, `json.loads` out (None is stored as the
    JSON text 'null', as SQLAlchemy's JSON type stores it in SQLite)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str:
        return json.dumps(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


# JSON in SQLite (SQLAlchemy's own type, as before), text holding the same JSON on PostgreSQL.
JsonDocument = JSON().with_variant(JsonText(), POSTGRESQL)


class per_dialect(ColumnElement[Any]):  # noqa: N801 (reads as the SQL function-like construct it is)
    """`default` everywhere, `postgresql` on PostgreSQL: one clause, two spellings."""

    inherit_cache = True
    _traverse_internals = [("default", InternalTraversal.dp_clauseelement),
                           ("postgresql", InternalTraversal.dp_clauseelement)]

    def __init__(self, default: ColumnElement[Any], *, postgresql: ColumnElement[Any]) -> None:
        self.default = default
        self.postgresql = postgresql
        self.type = default.type
        # a condition stays a condition (no "= 1" added where booleans are integers)
        self._is_implicitly_boolean = default._is_implicitly_boolean

    def self_group(self, against: Any = None) -> ColumnElement[Any]:
        """Parenthesized where its default form would be (an OR inside an AND)."""
        if isinstance(self.default.self_group(against=against), Grouping):
            return Grouping(self)
        return self


@compiles(per_dialect)
def _default_form(element: per_dialect, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.default, **kw)


@compiles(per_dialect, POSTGRESQL)
def _postgresql_form(element: per_dialect, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.postgresql, **kw)


class json_group_array(GenericFunction[Any]):  # noqa: N801 (SQLite's name, looked up by func.json_group_array)
    inherit_cache = True


@compiles(json_group_array, POSTGRESQL)
def _json_group_array(element: json_group_array, compiler: SQLCompiler, **kw: Any) -> str:
    # json_agg of no rows is NULL; SQLite's json_group_array gives '[]'
    return f"coalesce(CAST(json_agg({compiler.process(element.clauses, **kw)}) AS TEXT), '[]')"


class json_each(GenericFunction[Any]):  # noqa: N801
    inherit_cache = True


@compiles(json_each, POSTGRESQL)
def _json_each(element: json_each, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_array_elements_text(CAST({compiler.process(element.clauses, **kw)} AS JSON))"


class instr(GenericFunction[int]):  # noqa: N801
    type = Integer()
    inherit_cache = True


@compiles(instr, POSTGRESQL)
def _instr(element: instr, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


class json_extract(GenericFunction[Any]):  # noqa: N801
    inherit_cache = True


@compiles(json_extract, POSTGRESQL)
def _json_extract(element: json_extract, compiler: SQLCompiler, **kw: Any) -> str:
    doc, path = list(element.clauses)
    steps = str(getattr(path, "value", "")).removeprefix("$").lstrip(".").split(".")
    if not all(step.isidentifier() for step in steps):  # inlined below: keys of the code's own paths only
        raise ValueError(f"json_extract path not supported on PostgreSQL: {path}")
    keys = "{" + ",".join(steps) + "}"
    value = f"(CAST({compiler.process(doc, **kw)} AS JSON) #>> '{keys}')"
    cast_to: TypeEngine[Any] = element.type
    if isinstance(cast_to, NullType):
        return value
    return f"CAST({value} AS {compiler.dialect.type_compiler_instance.process(cast_to)})"


# PostgreSQL's text search reads the stored column that db/versions/0004_search_index.py adds to
# `cards` there (outside the ORM: SQLite has its FTS5 index instead): the card's id, fronts and backs
# joined by newlines, ASCII letters lowered, under pg_trgm's GIN index ix_cards_search_trgm.
_SEARCH_TEXT = literal_column("cards.search_text", Text())
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def card_text_like(pattern: str) -> ColumnElement[bool]:
    """PostgreSQL: the card's text matches the LIKE `pattern` (escaped with a backslash), ignoring
    the case of ASCII letters as SQLite's LIKE does."""
    return _SEARCH_TEXT.like(pattern.translate(_ASCII_LOWER), escape="\\")
