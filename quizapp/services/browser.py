"""The card browser's search: filters, sort by any column, rows fetched a page at a time.

`search(db, query)` counts the matches (the browser's search stops at COUNT_CAP and says
"1,000+"; `SearchCursor.count_all` counts the rest on demand) and returns a `SearchCursor`
holding the first page;
`cursor.rows(offset, limit)` serves any later page (the Qt table model asks for them as the
user scrolls). At 100k cards a search stays within 50 ms (docs/architecture.md § Budgets; measured by
`python -m quizapp.devtools.bench.browser`) by never sorting the whole table:

* one pass over the filtered rows counts them and, when there are few (<= SPARSE_LIMIT),
  collects their ids, so a page is a sort of those few rows;
* with many matches a page walks the index of the sort column (db/versions/0003) and tests
  each card against the filters until the page is full: with 1 card in 20 matching, a page of
  100 reads ~2000 index entries instead of sorting 100k rows;
* a text search starts from the trigram index of db/versions/0004_search_index.py: the ids of
  the cards holding every term come from its posting lists (the filters and the sort then run
  on those ids), not from LIKE over every card. Its answer is the LIKE/instr rule's
  (`card_conditions`, still used to walk many matches and for terms the index cannot take);
* scrolling far into many matches reads their ordered ids once, then every page by id.

The state columns (due day, interval, ease, lapses, state, flag) are sorted and filtered on
the browser's own copy, card_order (store/browse_order.py), whose indexes an answer does not
write; each call first copies the cards marked as changed since, so what it reads equals
card_state. Each call reads one consistent snapshot; a cursor is used from one thread at a time
(the UI's op thread). Edits make a cursor stale: the UI searches again when cards change.
"""
from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (ColumnElement, Integer, Select, String, and_, bindparam, column, exists, func, literal_column,
                        or_, select, table, type_coerce)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.browse import BrowseQuery, CardStateName, card_state
from quizapp.store.browse_order import bring_up_to_date, is_current
from quizapp.store.card_states import card_state_conditions
from quizapp.store.database import Database, as_utc
from quizapp.store.deck_filter import deck_ids_within
from quizapp.store.dialects import card_text_like, per_dialect
from quizapp.store.driver_statement import StatementCache
from quizapp.store.models import CardOrderRow, CardRow, CardStateRow, DeckRow

PAGE_SIZE = 100
SPARSE_LIMIT = 5000  # up to this many matches, pages sort the matching ids instead of walking an index
WALK_ROWS = 2000  # pages beyond this row read the ordered ids once instead of walking to their offset
# With the text index, a sort of the few matching ids reads each card's row, which costs more
# than walking the sort index and testing each id against the index's answer (~2500 ids for a
# page of 100 when 1 card in 25 matches) from ~1000 matches up. Beyond SPARSE_LIMIT matches
# LIKE tests the walked rows: the page is full after a few hundred, before the index's answer
# for that many cards would be read.
INDEXED_SORT_LIMIT = 1000
# The browser counts matches up to this many and shows more as "1,000+": an exact count of
# thousands of matches costs more than the per-keystroke budget of issue 20 (5 ms at 100k cards;
# 'question' on every card: ~20 ms through the trigram index alone), while stopping at the cap
# reads at most cap + 1 matches. The exact total is counted when the user scrolls past the cap
# (`SearchCursor.count_all`). Not above INDEXED_SORT_LIMIT: a capped search never collects ids.
COUNT_CAP = 1000
# False: text terms are found by LIKE/instr over every card, the rule the index must agree with
# (the tests compare both ways on random collections).
USE_TEXT_INDEX = True
# A term of 1-2 characters is looked up as the trigrams it starts; beyond this many the term is
# so common (a single letter) that the index would read most of itself: LIKE checks it instead.
MAX_SHORT_TERM_TRIGRAMS = 200
# The page cache of a connection the browser reads on (SQLite's default is 2 MiB): a search at
# 100k cards touches the text index, the facets, card_order and its indexes (~30 MB); with the
# default cache most of those pages come from the OS again on every search (combined text and
# filters: 3.9 -> 2.5 ms of SQL). Pages are cached as they are read, not reserved.
READ_CACHE_KIB = 32 * 1024

# The trigram index and its vocabulary (db/versions/0004_search_index.py), outside the ORM:
# SQLAlchemy cannot describe an FTS5 virtual table, and only this module reads them.
SEARCH = table("card_search", column("body", String))  # contentless: rowid = the card's rowid
SEARCH_TERMS = table("card_search_terms", column("term", String))
# What the filters read of each indexed card, under its rowid (db/versions/0008_search_facets.py)
FACETS = table("card_search_facets", column("card_rowid", Integer), column("card_id", String),
               column("deck_id", Integer), column("section", String), column("kind", String),
               column("tags", String))
MATCH_PARAMETER = "match_expression"  # the text index's query in every statement that has one
FEW_IDS_PARAMETER = "few_ids"  # a JSON array of the matching ids, when there are few
# Statements compiled once per filter set and sort, run on the driver (store/driver_statement.py):
# building and caching a statement through SQLAlchemy costs ~1 ms of a ~5 ms search.
_COMPILED = StatementCache()
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# S: the state columns the browser sorts and filters by, on its own copy (store/browse_order.py:
# the sort indexes are off the answer path); a page's rows show card_state's own values.
C, S = CardRow, CardOrderRow
# sort key -> (the table the index belongs to, the ordering columns; the index ends with the id)
_SORTS: dict[str, tuple[type, tuple[Any, ...]]] = {
    "id": (C, (C.id,)), "section": (C, (C.section, C.id)), "kind": (C, (C.kind, C.id)),
    "front_zh": (C, (C.front_zh, C.id)), "front_en": (C, (C.front_en, C.id)), "tags": (C, (C.tags, C.id)),
    "updated": (C, (C.updated_at, C.id)),
    # by due day: ties in deck order, as the study queue shows them (the queue's index, 0009)
    "state": (S, (S.suspended, S.repetitions, S.due_day, S.card_id)), "due": (S, (S.due_day, S.position, S.card_id)),
    "interval": (S, (S.interval, S.card_id)), "easiness": (S, (S.easiness, S.card_id)),
    "lapses": (S, (S.lapses, S.card_id)),
}


@dataclass(frozen=True)
class BrowserRow:
    card_id: str
    section: str
    kind: str
    front_zh: str
    front_en: str
    state: CardStateName
    due_day: int | None
    interval: int
    easiness: int  # hundredths
    lapses: int
    repetitions: int
    tags: tuple[str, ...]
    updated_at: datetime
    origin: str  # deck | user
    user_edited: bool
    deck_update_waiting: bool  # the deck has a newer version than the one the user edited


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _has_letters(term: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in term)


def _term_value(term: str) -> str:
    """What `_contains` compares: LIKE's pattern, or instr()'s needle."""
    return _like(term) if _has_letters(term) else term


def _contains(col: Any, term: str, name: str) -> ColumnElement[bool]:
    """The column holds the term: LIKE ignores the case of ASCII letters; a term without any
    (Chinese, digits) is found by instr(), a plain substring search ~30% faster than LIKE. The
    term is the parameter `name` (`_term_values`)."""
    value = bindparam(name, _term_value(term), type_=String)
    if _has_letters(term):
        like: ColumnElement[bool] = col.like(value, escape="\\")
        return like
    return func.instr(col, value) > 0


def _term_values(terms: tuple[str, ...]) -> dict[str, str]:
    """The parameters `_term_conditions(terms)` names, by name."""
    return {f"text_term_{i}": _term_value(term) for i, term in enumerate(terms)}


def _waiting() -> ColumnElement[bool]:
    # The JSON column stores Python None as the JSON text 'null', not SQL NULL.
    return func.coalesce(type_coerce(C.deck_content, String), "null") != "null"


_UNINDEXED: dict[Any, Any] = {}  # column -> its `+table.column` (built once: an ORM attribute's table is a long walk)


def _column(col: Any, unindexed: bool) -> Any:
    if not unindexed:
        return col
    plus = _UNINDEXED.get(col)
    if plus is None:
        # `+column` is SQLite's; PostgreSQL's planner needs no such hint (and has no unary + on text)
        plus = _UNINDEXED[col] = per_dialect(literal_column(f"+{col.table.name}.{col.name}", col.type),
                                             postgresql=col)
    return plus


@dataclass(frozen=True)
class TextMatch:
    """How the index answers a query's terms: an FTS5 MATCH expression for those it can take
    (None: none), the terms left to the LIKE/instr rule, and whether a term is in no card."""

    expression: str | None
    scanned: tuple[str, ...]
    nothing: bool = False


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _starting_with(prefix: str) -> list[ColumnElement[bool]]:
    """Vocabulary terms that start with prefix: from it up to (excluding) the prefix whose last
    character is the next code point (UTF-8 sorts as code points do)."""
    last = ord(prefix[-1])
    bounds = [SEARCH_TERMS.c.term >= prefix]
    if last < 0x10FFFF:
        following = 0xE000 if last == 0xD7FF else last + 1  # surrogates never occur in text
        bounds.append(SEARCH_TERMS.c.term < prefix[:-1] + chr(following))
    return bounds


def text_match(session: Session, terms: tuple[str, ...]) -> TextMatch:
    """The index holds lower() of the text (ASCII letters only, as LIKE ignores their case) in
    a case-sensitive trigram index, so the term is lowered the same way. A term of 3+ characters
    is the phrase of its trigrams; a shorter one is any trigram it starts (every column ends with
    newlines, so each 1-2 character substring starts one), read from the index's vocabulary."""
    phrases: list[str] = []
    scanned: list[str] = []
    for term in terms:
        folded = term.translate(_ASCII_LOWER)
        if len(folded) >= 3:
            phrases.append(_phrase(folded))
            continue
        trigrams = session.connection().scalars(select(SEARCH_TERMS.c.term).where(*_starting_with(folded))
                                        .limit(MAX_SHORT_TERM_TRIGRAMS + 1)).all()
        if not trigrams:
            return TextMatch(None, (), nothing=True)
        if len(trigrams) > MAX_SHORT_TERM_TRIGRAMS:
            scanned.append(term)
        else:
            phrases.append("(" + " OR ".join(_phrase(t) for t in trigrams) + ")")
    return TextMatch(" AND ".join(phrases) or None, tuple(scanned))


def _indexed_text(session: Session, query: BrowseQuery) -> bool:
    """Whether the query's terms go through the text index: SQLite's FTS5 tables (0004, 0008).
    (Another dialect finds them with LIKE until it has its own index, e.g. pg_trgm.)"""
    return bool(query.terms) and USE_TEXT_INDEX and session.get_bind().dialect.name == "sqlite"


def _matching(expression: str) -> ColumnElement[bool]:
    # a named parameter: the statements compiled once per filter set (`_COMPILED`) take the typed text by it
    return literal_column("card_search").op("MATCH")(bindparam(MATCH_PARAMETER, expression, type_=String))


def _indexed_rowids(expression: str) -> Select[Any]:
    """The rowids of the cards the text index finds (a card's entry has its rowid)."""
    return select(literal_column("card_search.rowid")).select_from(SEARCH).where(_matching(expression))


def _term_conditions(terms: tuple[str, ...]) -> list[ColumnElement[bool]]:
    """Each term in one of the card's text columns (the LIKE/instr rule, the reference)."""
    # PostgreSQL: LIKE on the lowered text the trigram index holds (db/versions/0004_search_index.py)
    return [per_dialect(or_(*(_contains(col, term, f"text_term_{i}")
                              for col in (C.front_zh, C.front_en, C.back_zh, C.back_en, C.id))),
                        postgresql=card_text_like(_like(term)))
            for i, term in enumerate(terms)]


def _facet_conditions(query: BrowseQuery, section: Any, kind: Any, deck_id: Any,
                      tags: Any) -> list[ColumnElement[bool]]:
    """The filters on a card's section, kind, deck and tags, over the given columns: the cards
    table's, or their copies in the text index's facets (db/versions/0008_search_facets.py)."""
    out: list[ColumnElement[bool]] = []
    if query.sections:
        out.append(section.in_(query.sections))
    if query.kinds:
        out.append(kind.in_(query.kinds))
    if query.deck is not None:  # the deck and its sub-decks (store/deck_filter.py)
        out.append(deck_id.in_(deck_ids_within(query.deck)))
    if query.tags:
        # tags is a JSON list stored as text; a tag is matched with its JSON quotes, so "adam"
        # never matches "adamw". json.dumps escapes it exactly as the column's serializer did.
        out.append(or_(*(tags.like(_like(json.dumps(tag)), escape="\\") for tag in query.tags)))
    return out


def _origin_conditions(query: BrowseQuery) -> list[ColumnElement[bool]]:
    if not query.origins:
        return []
    by_origin = {"deck": and_(C.origin == "deck", C.user_edited.is_(False)),
                 "edited": and_(C.origin == "deck", C.user_edited.is_(True)),
                 "deck-update-waiting": _waiting(), "user": C.origin == "user"}
    return [or_(*(by_origin[o] for o in query.origins))]


def card_conditions(query: BrowseQuery, match: TextMatch | None = None) -> list[ColumnElement[bool]]:
    """Filters on the cards table. The text terms: those `match` gives the text index, through
    it; the others (all of them without a match: the reference rule) with LIKE/instr."""
    out = _term_conditions(query.terms if match is None else match.scanned)
    if match is not None and match.expression is not None:
        # Inside a deck, the deck's index (covering, holding every rowid) walks the deck and the
        # index's answer is only looked up: driving from the answer would read the table row of
        # every match in every deck (a word on every card: 60 ms at 100k cards; 10 decks).
        rowid = "+cards.rowid" if query.deck is not None else "cards.rowid"
        out.append(literal_column(rowid).in_(_indexed_rowids(match.expression)))
    # With text terms, section and kind are written `+column` so that SQLite cannot seek them in
    # their own index (then reading each matching row from the table) and scans the text index,
    # which holds them and the tags too: 3x faster for a section of 1/7 of the cards.
    unindexed = bool(query.terms)
    out += _facet_conditions(query, _column(C.section, unindexed), _column(C.kind, unindexed), C.deck_id,
                             type_coerce(C.tags, String))
    return out + _origin_conditions(query)


def state_conditions(query: BrowseQuery, unindexed: bool = False,
                     indexed: Collection[str] = ()) -> list[ColumnElement[bool]]:
    """Filters on the state columns (the browser's copy, card_order; unindexed: written
    `+column`, so that no index of that table drives the query, except on the columns named in
    `indexed`)."""
    def col(c: Any) -> Any:
        return _column(c, unindexed and c.key not in indexed)

    out: list[ColumnElement[bool]] = []
    if query.states:
        # (a review card has a due day: a walk of the due index then starts past the new cards)
        by_state = card_state_conditions(col(S.suspended), col(S.due_day), col(S.repetitions))
        out.append(or_(*(by_state[s] for s in query.states)))
    if query.flags:
        out.append(col(S.flag).in_(query.flags))
    if query.due_from is not None:
        out.append(col(S.due_day) >= query.due_from)
    if query.due_to is not None:
        out.append(col(S.due_day) <= query.due_to)
    if query.ef_min is not None:
        out.append(col(S.easiness) >= query.ef_min)
    if query.ef_max is not None:
        out.append(col(S.easiness) <= query.ef_max)
    return out


def indexed_matches(query: BrowseQuery, match: TextMatch, *columns: Any, with_state: bool = False,
                    with_cards: bool = False) -> Select[Any]:
    """`columns` of the cards the text index finds that pass every filter, driven by the index:
    its answer's rowids join the facets (db/versions/0008_search_facets.py; section, kind, deck
    and tags are tested there, no card row is read), card_order by the card's id when a state
    filter asks (its columns written `+column`: the index drives, not a state index), and the
    cards table by rowid only for what the facets lack (origins, terms the index cannot take)."""
    assert match.expression is not None
    f = FACETS.c
    stmt = (select(*columns).select_from(SEARCH).join(FACETS, f.card_rowid == literal_column("card_search.rowid"))
            .where(_matching(match.expression), *_facet_conditions(query, f.section, f.kind, f.deck_id, f.tags)))
    on_state = state_conditions(query, unindexed=True)
    if on_state or with_state:
        stmt = stmt.join(S, S.card_id == f.card_id).where(*on_state)
    rest = _term_conditions(match.scanned) + _origin_conditions(query)
    if rest or with_cards:
        stmt = stmt.join(C, literal_column("cards.rowid") == f.card_rowid).where(*rest)
    return stmt


# The sort columns the facets hold (a sort by any other column of cards reads the card rows)
_IN_FACETS = {C.id.key: FACETS.c.card_id, C.section.key: FACETS.c.section, C.kind.key: FACETS.c.kind,
              C.tags.key: FACETS.c.tags}


def _indexed_in_order(session: Session, query: BrowseQuery, match: TextMatch, limit: int) -> list[str]:
    """The ids of the first `limit` + 1 matches the index finds (`indexed_matches`), in the
    query's sort order; at most `limit` means these are all of them. The sort of those few
    reads its keys in the same pass (state or card row by key), so the search's count, its
    first page and every later page come from this one query."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":  # the statement depends on the filters, not on the typed text
        compiled = _COMPILED.get(("in order", replace(query, text=""), match.scanned, limit),
                                 lambda: _indexed_in_order_statement(query, match, limit))
        return [row[0] for row in compiled.rows(conn, {MATCH_PARAMETER: match.expression})]
    return list(conn.scalars(_indexed_in_order_statement(query, match, limit)).all())


def _indexed_in_order_statement(query: BrowseQuery, match: TextMatch, limit: int) -> Select[Any]:
    model, columns = _SORTS[query.sort]
    keys = [col if model is S else _IN_FACETS.get(col.key, col) for col in columns]
    found = indexed_matches(query, match, FACETS.c.card_id.label("card"),
                            *(key.label(f"key{i}") for i, key in enumerate(keys)),
                            with_state=model is S, with_cards=any(key.table is C.__table__ for key in keys))
    few = found.limit(limit + 1).subquery()
    order = [few.c[f"key{i}"] for i in range(len(keys))]
    return select(few.c.card).order_by(*(key.desc() if query.descending else key.asc() for key in order))


def _row_columns() -> tuple[Any, ...]:
    live = CardStateRow
    return (C.id, C.section, C.kind, C.front_zh, C.front_en, live.suspended, live.due_day, live.interval,
            live.easiness, live.lapses, live.repetitions, C.tags, C.updated_at, C.origin, C.user_edited, _waiting())


def _to_row(r: Any) -> BrowserRow:
    return BrowserRow(r[0], r[1], r[2], r[3], r[4], card_state(bool(r[5]), r[6], r[10]), r[6], r[7], r[8], r[9],
                      r[10], tuple(r[11] or ()), as_utc(r[12]), r[13], bool(r[14]), bool(r[15]))


# Stored texts already converted: a page's tags and times repeat (a few tag sets, one import's
# time stamp), and converting each costs more than the rest of its row. Bounded; values immutable.
_CONVERTED: dict[str, Any] = {}
_CONVERTED_MAX = 4096


def _converted(text: str, convert: Any) -> Any:
    value = _CONVERTED.get(text)
    if value is None:
        if len(_CONVERTED) >= _CONVERTED_MAX:
            _CONVERTED.clear()
        value = _CONVERTED[text] = convert(text)
    return value


def _stored_tags(value: Any) -> tuple[str, ...]:
    """A JSON list column read as stored: SQLite gives its text, a driver with JSON types the list."""
    if isinstance(value, str):
        tags: tuple[str, ...] = _converted("t" + value, lambda text: tuple(json.loads(text[1:]) or ()))
        return tags
    return tuple(value or ())


def _stored_time(value: Any) -> datetime:
    """A DateTime column read as stored: SQLite gives SQLAlchemy's ISO text (UTC), others a datetime."""
    if isinstance(value, str):
        when: datetime = _converted("d" + value, lambda text: as_utc(datetime.fromisoformat(text[1:])))
        return when
    return as_utc(value)


# A page's rows, one constant statement (compiled once): tags and updated_at are read as stored
# and converted here, the JSON and DateTime result processors cost more than the query (~0.6 ms a page).
_PAGE_ROWS = (select(*_row_columns()[:11], type_coerce(C.tags, String), type_coerce(C.updated_at, String),
                     *_row_columns()[13:])
              .join(CardStateRow, CardStateRow.card_id == C.id).where(C.id.in_(bindparam("ids", expanding=True))))


_FRESH_TRIES = 3  # copies of the marked cards before a search reads what it finds (writers keep marking)


@contextmanager
def _reading(db: Database) -> Iterator[Session]:
    """A read session (one snapshot) in which the browser's copy of the state columns equals
    card_state (store/browse_order.py): when cards are marked as changed, their columns are
    copied first, in a write transaction of their own, and the snapshot is taken again."""
    for _ in range(_FRESH_TRIES):
        with db.read_session() as session:
            if is_current(session.connection()):
                yield session
                return
        try:
            with db.session() as writing:
                bring_up_to_date(writing.connection())
        except OperationalError:  # another writer held the lock past the busy timeout (a long import)
            break
    # Still marked (another writer is busy): read the copy as it is; the next search catches up.
    with db.read_session() as session:
        yield session


def _prepared(session: Session) -> Session:
    """The session, its connection's page cache set to READ_CACHE_KIB (once per pooled SQLite
    connection: the record's `info` lives as long as the driver's connection)."""
    conn = session.connection()
    if "browser_cache" not in conn.info and conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
        conn.info["browser_cache"] = True
    return session


def _page_rows_by_json() -> Select[Any]:
    """`_PAGE_ROWS` with the ids as one JSON array: one statement text for any number of ids."""
    listed: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(bindparam("ids_json", "[]", type_=String)))
    return (select(*_row_columns()[:11], type_coerce(C.tags, String), type_coerce(C.updated_at, String),
                   *_row_columns()[13:])
            .join(CardStateRow, CardStateRow.card_id == C.id).where(C.id.in_(listed)))


def fetch_rows(session: Session, card_ids: list[str]) -> list[BrowserRow]:
    """Rows for the given ids, in that order (ids that no longer exist are left out)."""
    if not card_ids:
        return []
    conn = session.connection()
    rows: Sequence[Any]
    if conn.dialect.name == "sqlite":
        rows = _COMPILED.get("page rows", _page_rows_by_json).rows(conn, {"ids_json": json.dumps(card_ids)})
    else:
        rows = conn.execute(_PAGE_ROWS, {"ids": card_ids}).all()
    found = {}
    for (card_id, section, kind, front_zh, front_en, suspended, due_day, interval, easiness, lapses, repetitions, tags,
         updated, origin, edited, waiting) in rows:
        found[card_id] = BrowserRow(card_id, section, kind, front_zh, front_en,
                                    card_state(bool(suspended), due_day, repetitions), due_day, interval, easiness,
                                    lapses, repetitions, _stored_tags(tags), _stored_time(updated), origin,
                                    bool(edited), bool(waiting))
    return [found[i] for i in card_ids if i in found]


@dataclass
class SearchCursor:
    """The results of one search: how many, the first page, and any page on request."""

    db: Database
    query: BrowseQuery
    total: int
    first_page: list[BrowserRow]
    page_size: int
    # the matching ids as a JSON array when there are few of them (see module docstring)
    _few_ids: str | None = field(default=None, repr=False)
    # every matching id in order, read at the first page deep into many matches
    _ordered_ids: list[str] | None = field(default=None, repr=False)
    # how pages test the text terms: through the text index, or (None) with LIKE/instr
    _match: TextMatch | None = field(default=None, repr=False)
    # False: `total` is the count cap and more cards match (count_all counts them)
    exact: bool = True

    def count_all(self) -> int:
        """The exact number of matches (once; the cap's search stopped counting at `total`)."""
        if not self.exact:
            with _reading(self.db) as session:
                _prepared(session)
                match = text_match(session, self.query.terms) if _indexed_text(session, self.query) else None
                self.total, _, _ = _count(session, self.query, match, None)
            self.exact = True
        return self.total

    def rows(self, offset: int, limit: int | None = None) -> list[BrowserRow]:
        limit = self.page_size if limit is None else limit
        if offset == 0 and limit <= len(self.first_page):
            return self.first_page[:limit]
        if offset >= self.total or limit <= 0:
            return []
        with _reading(self.db) as session:
            _prepared(session)
            if self._ordered_ids is None and self._few_ids is None and offset + limit > WALK_ROWS:
                # Deep in many matches: walking the index to the offset would cost more per page
                # than reading every matching id once (~0.2 s at 100k) and slicing that list.
                self._ordered_ids = _page_ids(session, self.query, self._match, None, 0, None)
            if self._ordered_ids is not None:
                ids = self._ordered_ids[offset:offset + limit]
            else:
                ids = _page_ids(session, self.query, self._match, self._few_ids, offset, limit)
            return fetch_rows(session, ids)


def _order(query: BrowseQuery, table: Any = None, use_index: bool = True) -> list[Any]:
    """ORDER BY terms for the query's sort. use_index=False writes them as `+column`, SQLite's
    way to keep the planner from walking that index (for few rows a sort is cheaper)."""
    _, columns = _SORTS[query.sort]
    terms: list[Any] = []
    for col in columns:
        expr = getattr(table, col.key) if table is not None else col
        if not use_index:
            expr = _column(col, True)
        ordered = expr.desc() if query.descending else expr.asc()
        if col.nullable:  # SQLite's order (NULL lowest) on PostgreSQL too, whose indexes hold it (0003)
            ordered = per_dialect(ordered, postgresql=ordered.nulls_last() if query.descending else
                                  ordered.nulls_first())
        terms.append(ordered)
    return terms


# The sort table as the walk of `_page_ids` names it; made once (an ORM alias built per call
# cost ~0.5 ms of a ~5 ms search in SQLAlchemy's column adaptation).
_WALK: dict[type, Any] = {C: aliased(C, name="walk"), S: aliased(S, name="walk")}


def _page_ids(session: Session, query: BrowseQuery, match: TextMatch | None, few_ids: str | None, offset: int,
              limit: int | None) -> list[str]:
    """The ids of rows offset..offset+limit of the sorted matches (limit None: all of them)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return list(conn.scalars(_page_ids_statement(query, match, few_ids, offset, limit)).all())
    # One statement per filter set, sort and page; the typed terms, the index's query and the
    # few ids are its named parameters.
    if few_ids is not None:  # the statement reads the ids, not the terms
        values: dict[str, str] = {FEW_IDS_PARAMETER: few_ids}
        key: tuple[Any, ...] = ("few ids", replace(query, text=""), offset, limit)
    else:
        like_terms = query.terms if match is None else match.scanned
        values = _term_values(like_terms)
        expression = None if match is None else match.expression
        if expression is not None:
            values[MATCH_PARAMETER] = expression
        key = ("page ids", replace(query, text=""), len(query.terms), tuple(map(_has_letters, like_terms)),
               expression is not None, offset, limit)
    compiled = _COMPILED.get(key, lambda: _page_ids_statement(query, match, few_ids, offset, limit))
    return [row[0] for row in compiled.rows(conn, values)]


def _page_ids_statement(query: BrowseQuery, match: TextMatch | None, few_ids: str | None, offset: int,
                        limit: int | None) -> Select[Any]:
    model, _ = _SORTS[query.sort]
    if few_ids is not None:  # sort the few matches; only the sort column's table is read
        key = C.id if model is C else S.card_id
        listed: Select[Any] = select(literal_column("value")).select_from(
            func.json_each(bindparam(FEW_IDS_PARAMETER, few_ids, type_=String)))
        stmt: Select[Any] = select(key).where(key.in_(listed)).order_by(*_order(query, use_index=False))
        return stmt.offset(offset).limit(limit)
    on_cards, on_state = card_conditions(query, match), state_conditions(query)
    if (model is C and not on_state and query.deck is None) or (model is S and not on_cards):
        # Every filter is on the sort column's table: SQLite walks its index and tests each row
        # it reads, one lookup a row instead of two (the EXISTS below). Here the matches are
        # many (few are sorted from their ids, above): the state filters are written `+column`
        # but on the sort index's own columns, so that the sort's index drives and the walk stops
        # at the page's end, instead of a state index reading every match to sort them ('review'
        # by due day at 100k cards: 57 ms against ~1 ms; a range on the due day still seeks).
        own = C.id if model is C else S.card_id
        walked = state_conditions(query, unindexed=True, indexed={c.key for c in _SORTS[query.sort][1]})
        direct: Select[Any] = select(own).where(*on_cards, *walked).order_by(*_order(query))
        return direct.offset(offset).limit(limit)
    if query.sort == "id" and not on_cards:  # card_order's key is the card's id: walk that table
        by_id = S.card_id.desc() if query.descending else S.card_id.asc()
        walked = state_conditions(query, unindexed=True, indexed={"card_id"})  # as above, in id order
        direct = select(S.card_id).where(*walked).order_by(by_id)
        return direct.offset(offset).limit(limit)
    # Walk the sort column's index: the outer query's only condition is a correlated EXISTS,
    # which no index can serve, so SQLite reads the table in index order and stops at `limit`.
    outer: Any = _WALK[model]
    key = outer.id if model is C else outer.card_id
    stmt = select(key).order_by(*_order(query, outer))
    if on_cards or on_state:
        # Every card has its state row (the count reads one table alone, too): the state table
        # joins only for its own filters, and a filter on it alone looks up no card.
        if not on_cards:
            test: Select[Any] = select(S.card_id).where(S.card_id == key, *on_state)
        elif not on_state:
            test = select(C.id).where(C.id == key, *on_cards)
        else:
            test = select(C.id).join(S, S.card_id == C.id).where(C.id == key, *on_cards, *on_state)
        stmt = stmt.where(test.exists())
    return stmt.offset(offset).limit(limit)


def _filtered(stmt: Select[Any], on_cards: list[ColumnElement[bool]],
              on_state: list[ColumnElement[bool]]) -> Select[Any]:
    """stmt over the cards that pass the filters: driven by the cards table when it has any,
    else by card_order."""
    if on_cards:
        stmt = stmt.where(*on_cards)
        if on_state:  # per card that passed the cheaper filters, one lookup of its state
            stmt = stmt.where(exists().where(S.card_id == C.id, *on_state))
        return stmt
    return stmt.where(*on_state)


def _index_count(session: Session, expression: str, most: int | None) -> int:
    """How many cards the text index finds for `expression`, counting up to `most` (None: all)."""
    def counted() -> Select[Any]:
        hits: Select[Any] = select(literal_column("card_search.rowid")).select_from(SEARCH).where(
            _matching(expression))
        return select(func.count()).select_from((hits if most is None else hits.limit(most)).subquery())
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return conn.scalar(counted()) or 0
    return int(_COMPILED.get(("index count", most), counted).rows(conn, {MATCH_PARAMETER: expression})[0][0])


def _few_indexed(session: Session, query: BrowseQuery, match: TextMatch, limit: int) -> list[str] | None:
    """Every match of a search through the text index, in order, when there are at most `limit`
    (None: more). Without other filters the index first counts alone (it stops at `limit` + 1),
    so a common word reads no facets."""
    if not match.scanned and not replace(query, text="").filtered:
        if _index_count(session, match.expression, limit + 1) > limit:  # type: ignore[arg-type]
            return None
    ordered = _indexed_in_order(session, query, match, limit)
    return ordered if len(ordered) <= limit else None


def _count(session: Session, query: BrowseQuery, match: TextMatch | None,
           cap: int | None) -> tuple[int, str | None, bool]:
    """How many cards match (up to `cap` + 1 read when given), in one pass driven by the text
    index or else by the table that has the filters; with the ids of the matches when there are
    few of them (SPARSE_LIMIT, or INDEXED_SORT_LIMIT through the text index); and whether the
    count is exact (False: more than `cap` match and the count returned is `cap`)."""
    if not query.filtered:  # the smallest index of card_order, counted whole: ~1 ms at 100k
        return session.connection().scalar(select(func.count()).select_from(S)) or 0, None, True
    if match is not None and match.expression is not None:
        few = INDEXED_SORT_LIMIT
        if not match.scanned and not replace(query, text="").filtered:
            # The index's condition is the only one: it counts alone, without reading a card, and
            # the facets are read for the ids only when there are few of them.
            count = _index_count(session, match.expression, None if cap is None else cap + 1)
            if cap is not None and count > cap:
                return cap, None, False
            if count > few:
                return count, None, True
            listed = session.connection().scalar(indexed_matches(query, match, func.json_group_array(FACETS.c.card_id)))
            return count, listed, True
        # Filters too: every match of the index is tested on its facets (and state), not its card row.
        if cap is not None:
            found = list(session.connection().scalars(indexed_matches(query, match, FACETS.c.card_id)
                                                      .limit(cap + 1)).all())
            if len(found) > cap:
                return cap, None, False
            return len(found), (json.dumps(found) if len(found) <= few else None), True
        count, listed = session.connection().execute(
            indexed_matches(query, match, func.count(), func.json_group_array(FACETS.c.card_id))).one()
        return count or 0, (listed if count <= few else None), True
    few = SPARSE_LIMIT
    on_cards, on_state = card_conditions(query, match), state_conditions(query)
    key = C.id if on_cards else S.card_id
    if cap is not None:  # stop reading at the first match past the cap
        ids = list(session.connection().scalars(_filtered(select(key), on_cards, on_state).limit(cap + 1)).all())
        if len(ids) > cap:
            return cap, None, False
        return len(ids), (json.dumps(ids) if len(ids) <= few else None), True
    count, listed = session.connection().execute(_filtered(select(func.count(), func.json_group_array(key)), on_cards,
                                              on_state)).one()
    count = count or 0
    return count, (listed if count <= few else None), True


def _section_ids(session: Session) -> list[str]:
    conn = session.connection()
    by_name = select(DeckRow.sections).order_by(DeckRow.name)
    if conn.dialect.name == "sqlite":  # (each search validates its sections: read without SQLAlchemy's overhead)
        stored = [json.loads(row[0]) for row in _COMPILED.get("section ids",
                                                              lambda: by_name).rows(conn) if row[0] is not None]
    else:
        stored = [sections for sections in conn.scalars(by_name) if sections is not None]
    return list(dict.fromkeys(s["id"] for sections in stored for s in sections)) or list(SECTIONS)


class BrowserService:
    """The card browser: search pages and the tag list."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def search(self, query: BrowseQuery, page_size: int | None = None, count_cap: int | None = None) -> SearchCursor:
        """Run a search: the number of matches and the first page (InvalidQuery for bad filters).
        count_cap: count at most that many (the browser's COUNT_CAP); more matches give a cursor
        whose total is the cap and `exact` False. None: the exact count."""
        page_size = page_size or PAGE_SIZE
        with _reading(self.db) as session:
            _prepared(session)
            query = query.validate(_section_ids(session))
            match = text_match(session, query.terms) if _indexed_text(session, query) else None
            if match is not None and match.nothing:
                return SearchCursor(self.db, query, 0, [], page_size, "[]")
            indexed = match is not None and match.expression is not None
            if indexed:
                # Few matches (the usual text search with filters): all of them, in order, at once.
                limit = INDEXED_SORT_LIMIT if count_cap is None else min(count_cap, INDEXED_SORT_LIMIT)
                ordered = _few_indexed(session, query, match, limit)  # type: ignore[arg-type]
                if ordered is not None:
                    return SearchCursor(self.db, query, len(ordered), fetch_rows(session, ordered[:page_size]),
                                        page_size, _ordered_ids=ordered)
            if indexed and count_cap is not None and count_cap <= INDEXED_SORT_LIMIT:
                total, few_ids, exact = count_cap, None, False  # more than the cap: _few_indexed read that many
            else:
                total, few_ids, exact = _count(session, query, match, count_cap)
            if total > SPARSE_LIMIT or not exact:
                match = None  # many matches: LIKE fills a page sooner than the index's answer is read
            first = fetch_rows(session, _page_ids(session, query, match, few_ids, 0, page_size)) if total else []
        return SearchCursor(self.db, query, total, first, page_size, few_ids, _match=match, exact=exact)

    def section_ids(self) -> list[str]:
        """Every deck's section ids, in deck-name order (the bundled deck's while there is no deck)."""
        with self.db.read_session() as session:
            return _section_ids(session)

    def all_tags(self) -> list[str]:
        """Every tag in use, sorted (for the browser's tag filter)."""
        each = func.json_each(C.tags).table_valued("value")
        with self.db.read_session() as session:
            values = select(each.c.value).select_from(C).join(each, literal_column("1") == 1).distinct()
            return sorted(session.connection().scalars(values))
