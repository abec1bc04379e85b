"""Card browser search: every filter alone and combined, every sort both ways, paging — checked
against a plain-Python reading of the same cards, on every query plan (few matches: sort the
matching ids; many: walk the sort column's index; deep pages: the ordered id list)."""
from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, inspect, select, update

from quizapp.domain.browse import CARD_STATES, ORIGINS, SORT_KEYS, BrowseQuery, InvalidQuery
from quizapp.domain.content import Bilingual, Card
from quizapp.services import browser
from quizapp.services.browser import BrowserRow, BrowserService, fetch_rows
from quizapp.services.importer import card_columns, ensure_deck
from quizapp.store.database import Database, make_engine
from quizapp.store.models import CardRow, CardStateRow
from tests.support import NOW

TODAY = NOW.date().toordinal()
FIXTURE_DECK = Path(__file__).parents[1] / "fixtures" / "deck"
WORDS = ("momentum", "Adam", "dropout", "批归一化", "学习率", "saddle", "50%_off")
TAGS = ("optim", "regular", "bn", "adam", "adamw")


def fill(db: Database, n: int, seed: int = 1) -> None:
    """n cards with varied text, kinds, tags, origins and schedules."""
    rng = random.Random(seed)
    cards, states = [], []
    for i in range(n):
        word = WORDS[i % len(WORDS)]
        card = Card(id=f"c-{i:04d}", section=f"7.{rng.randint(1, 7)}", kind=rng.choice(("qa", "cloze", "mcq")),
                    front=Bilingual(f"问题 {i} {word if i % 3 else ''}", f"Question {i} about {word}"),
                    back=Bilingual(f"答案 {i}", f"Answer {i}" + (" with momentum" if i % 11 == 0 else "")),
                    tags=tuple(rng.sample(TAGS, rng.randint(0, 2))))
        stamp = (NOW + timedelta(minutes=rng.randint(0, 10_000))).astimezone(timezone.utc)
        origin, edited = rng.choice((("deck", False), ("deck", True), ("user", True)))
        waiting = origin == "deck" and edited and rng.random() < 0.5
        cards.append({"id": card.id, **card_columns(card), "origin": origin, "deck_hash": "h", "user_edited": edited,
                      "deck_content": card.to_dict() if waiting else None, "created_at": stamp, "updated_at": stamp})
        new = rng.random() < 0.2
        reps = 0 if new or rng.random() < 0.15 else rng.randint(1, 6)
        states.append({"card_id": card.id, "repetitions": reps, "easiness": rng.randint(130, 300),
                       "interval": 0 if new else rng.randint(1, 90),
                       "due_day": None if new else TODAY + rng.randint(-5, 60),
                       "lapses": rng.randint(0, 3), "redrill_day": None, "suspended": rng.random() < 0.1,
                       "position": i, "last_reviewed_at": None})
    # new (no due day) yet with repetitions: a deck file's schedule may leave out the due date
    for state in [s for s in states if s["due_day"] is None and not s["suspended"]][:3]:
        state["repetitions"] = 2
    with db.session() as session:
        if inspect(session.connection()).has_table("decks"):  # from 0007 on: every card in one deck
            deck_id = ensure_deck(session, "NNDL::ch07", "bundled", None, NOW)
            cards = [{**c, "deck_id": deck_id} for c in cards]
            session.execute(insert(CardRow), cards)
            states = [{**st, "deck_id": deck_id} for st in states]
        else:  # an older schema (test_upgrade_indexes_the_cards_already_there)
            session.execute(insert(CardRow.__table__), cards)
        session.execute(insert(CardStateRow), states)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big(tmp_path_factory, request) -> Database:
    """600 cards on SQLite and on PostgreSQL (there the text terms go through pg_trgm's index)."""
    from quizapp.services.database import open_database

    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.new_database()
        db = open_database(server.url(name))
    else:
        db = open_database(tmp_path_factory.mktemp("browser") / "b.db")
    fill(db, 600)
    yield db
    db.close()
    if request.param == "postgresql":
        server.drop(name)


_SNAPSHOTS: dict[int, tuple[list[BrowserRow], dict[str, str]]] = {}


def snapshot(db: Database) -> tuple[list[BrowserRow], dict[str, str]]:
    """Every row and its searchable text, read once per database (the module's db is read-only)."""
    if id(db) not in _SNAPSHOTS:
        with db.read_session() as session:
            rows = fetch_rows(session, [f"c-{i:04d}" for i in range(600)])
            texts = {r.id: " ".join((r.id, r.front_zh, r.front_en, r.back_zh, r.back_en))
                     for r in session.query(CardRow)}
        _SNAPSHOTS[id(db)] = rows, texts
    return _SNAPSHOTS[id(db)]


def everything(db: Database) -> list[BrowserRow]:
    return snapshot(db)[0]


def matches(row: BrowserRow, q: BrowseQuery, texts: dict[str, str]) -> bool:
    if any(t.lower() not in texts[row.card_id].lower() for t in q.terms):
        return False
    origin = "user" if row.origin == "user" else ("edited" if row.user_edited else "deck")
    origins = {origin} | ({"deck-update-waiting"} if row.deck_update_waiting else set())
    return ((not q.sections or row.section in q.sections) and (not q.kinds or row.kind in q.kinds)
            and (not q.tags or bool(set(q.tags) & set(row.tags))) and (not q.states or row.state in q.states)
            and (not q.origins or bool(origins & set(q.origins)))
            and (q.due_from is None or (row.due_day is not None and row.due_day >= q.due_from))
            and (q.due_to is None or (row.due_day is not None and row.due_day <= q.due_to))
            and (q.ef_min is None or row.easiness >= q.ef_min) and (q.ef_max is None or row.easiness <= q.ef_max))


def sort_key(row: BrowserRow, key: str) -> tuple:
    none_first = lambda v: (0, 0) if v is None else (1, v)  # noqa: E731 - SQLite sorts NULL first
    value = {"id": (), "section": (row.section,), "kind": (row.kind,), "front_zh": (row.front_zh,),
             "front_en": (row.front_en,), "tags": (json.dumps(list(row.tags)),), "updated": (row.updated_at,),
             "state": (row.state == "suspended", row.repetitions, none_first(row.due_day)),
             "due": (none_first(row.due_day),), "interval": (row.interval,), "easiness": (row.easiness,),
             "lapses": (row.lapses,)}[key]
    return (*value, row.card_id)


def expected(db: Database, q: BrowseQuery) -> list[str]:
    all_rows, texts = snapshot(db)
    rows = [r for r in all_rows if matches(r, q, texts)]
    rows.sort(key=lambda r: sort_key(r, q.sort), reverse=q.descending)
    return [r.card_id for r in rows]


def all_pages(db: Database, q: BrowseQuery, page: int = 37) -> tuple[int, list[str]]:
    cursor = BrowserService(db).search(q, page_size=page)
    ids = [r.card_id for r in cursor.first_page]
    while len(ids) < cursor.total:
        more = cursor.rows(len(ids), page)
        assert more, "a page came back empty before the end"
        ids += [r.card_id for r in more]
    return cursor.total, ids


def random_query(rng: random.Random) -> BrowseQuery:
    pick = lambda seq, k: tuple(rng.sample(seq, rng.randint(1, k))) if rng.random() < 0.3 else ()  # noqa: E731
    due = rng.random() < 0.25
    ef = rng.random() < 0.25
    return BrowseQuery(
        text=rng.choice(("", "", "momentum", "ADAM", "学习率", "question 1", "50%_", "c-00")),
        sections=pick(["7.1", "7.2", "7.3", "7.5"], 2), tags=pick(list(TAGS), 2), kinds=pick(["qa", "cloze", "mcq"], 2),
        states=pick(list(CARD_STATES), 2), origins=pick(list(ORIGINS), 2),
        due_from=TODAY + rng.randint(-5, 20) if due else None, due_to=TODAY + rng.randint(21, 60) if due else None,
        ef_min=rng.randint(130, 200) if ef else None, ef_max=rng.randint(200, 300) if ef else None,
        sort=rng.choice(SORT_KEYS), descending=rng.random() < 0.5)


@pytest.mark.parametrize("sparse_limit, walk_rows", [(0, 10_000), (10_000, 10_000), (0, 40)],
                         ids=["index-walk", "sort-few", "ordered-ids"])
def test_random_queries_match_plain_python_on_every_plan(big, monkeypatch, sparse_limit: int, walk_rows: int) -> None:
    monkeypatch.setattr(browser, "SPARSE_LIMIT", sparse_limit)
    monkeypatch.setattr(browser, "WALK_ROWS", walk_rows)
    rng = random.Random(sparse_limit + walk_rows)
    for _ in range(60):
        q = random_query(rng)
        want = expected(big, q)
        total, got = all_pages(big, q)
        assert (total, got) == (len(want), want), q


@pytest.mark.parametrize("cap", [1, 25, 150, 400])
@pytest.mark.parametrize("use_index", [True, False], ids=["text-index", "like-rule"])
def test_capped_count_is_honest_and_pages_match_plain_python(big, monkeypatch, cap: int, use_index: bool) -> None:
    """A search that counts up to a cap (the browser's): the total is the exact count when at
    most `cap` cards match or nothing is filtered, else the cap with `exact` False; the first page and every later
    page (after count_all) are the reference's, and count_all is the exact count."""
    monkeypatch.setattr(browser, "USE_TEXT_INDEX", use_index)
    rng = random.Random(cap)
    capped = 0
    for _ in range(60):
        q = random_query(rng)
        want = expected(big, q)
        cursor = BrowserService(big).search(q, page_size=37, count_cap=cap)
        # no filter: every card, counted whole from an index (~1 ms at 100k), never capped
        assert cursor.exact == (len(want) <= cap or not q.filtered), q
        assert cursor.total == (min(len(want), cap) if q.filtered else len(want)), q
        assert [r.card_id for r in cursor.first_page] == want[:37], q  # a full page, even past a tiny cap
        capped += not cursor.exact
        assert cursor.count_all() == len(want) and cursor.exact, q
        ids = [r.card_id for r in cursor.first_page]
        while len(ids) < cursor.total:
            ids += [r.card_id for r in cursor.rows(len(ids), 37)]
        assert ids == want, q
    assert capped > 0  # the cap was reached by some of the queries


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_column_sorts_both_ways(big, key: str) -> None:
    for descending in (False, True):
        q = BrowseQuery(sort=key, descending=descending)
        assert all_pages(big, q, page=150) == (600, expected(big, q))


def test_each_filter_alone(big) -> None:
    cases = {
        "text en, any case": BrowseQuery(text="MOMENTUM"), "text zh": BrowseQuery(text="学习率"),
        "two terms": BrowseQuery(text="question 12"), "wildcards are literal": BrowseQuery(text="50%_off"),
        "section": BrowseQuery(sections=("7.2",)), "tag": BrowseQuery(tags=("adam",)),
        "kind": BrowseQuery(kinds=("mcq", "cloze")), "suspended": BrowseQuery(states=("suspended",)),
        "learning": BrowseQuery(states=("learning",)), "waiting": BrowseQuery(origins=("deck-update-waiting",)),
        "due range": BrowseQuery(due_from=TODAY, due_to=TODAY + 3), "ef range": BrowseQuery(ef_min=250, ef_max=260),
    }
    for name, q in cases.items():
        want = expected(big, q)
        assert 0 < len(want) < 600, name  # each filter keeps some cards and drops others
        assert all_pages(big, q)[1] == want, name


def test_tag_matches_whole_tags_only(big) -> None:
    adam = set(all_pages(big, BrowseQuery(tags=("adam",)))[1])
    adamw = set(all_pages(big, BrowseQuery(tags=("adamw",)))[1])
    rows = {r.card_id: r for r in everything(big)}
    assert all("adam" in rows[i].tags for i in adam) and all("adamw" in rows[i].tags for i in adamw)
    assert adam != adamw


def test_states_are_exclusive_and_cover_every_card(big) -> None:
    counts = {s: BrowserService(big).search(BrowseQuery(states=(s,))).total for s in CARD_STATES}
    assert sum(counts.values()) == 600 and all(counts.values())


def test_first_page_rows_and_paging_edges(big) -> None:
    cursor = BrowserService(big).search(BrowseQuery(sort="due", descending=True), page_size=100)
    assert cursor.total == 600 and len(cursor.first_page) == 100
    assert cursor.rows(0, 10) == cursor.first_page[:10]
    assert len(cursor.rows(550, 100)) == 50 and cursor.rows(600, 100) == []
    row = cursor.first_page[0]
    assert row.state in CARD_STATES and isinstance(row.tags, tuple) and row.updated_at.tzinfo is not None
    with big.read_session() as session:
        assert fetch_rows(session, ["no-such-card", row.card_id]) == [row]


def test_empty_result_and_all_tags(big) -> None:
    cursor = BrowserService(big).search(BrowseQuery(text="no card says this"))
    assert cursor.total == 0 and cursor.first_page == [] and cursor.rows(0) == []
    assert BrowserService(big).all_tags() == sorted(TAGS)


@pytest.mark.parametrize("bad", [BrowseQuery(sections=("9.9",)), BrowseQuery(states=("sleeping",)),
                                 BrowseQuery(sort="colour"), BrowseQuery(due_from=TODAY + 1, due_to=TODAY),
                                 BrowseQuery(ef_min=260, ef_max=250)])
def test_bad_queries_are_refused_with_a_message(big, bad: BrowseQuery) -> None:
    with pytest.raises(InvalidQuery) as info:
        BrowserService(big).search(bad)
    assert str(info.value)


# --- the text index (db/versions/0004_search_index.py) against the LIKE/instr rule ---------------

# Few letters, so that short terms and substrings hit often; cased and caseless letters, Chinese
# words of two characters, LIKE's wildcards, FTS5's quote and operators, ſ and the Kelvin sign
# (Unicode folds them to s and k, LIKE does not).
PIECES = ("动量", "学习率", "梯度", "a", "b", "K", "s", "ſ", "\u212a", "Σσ", "é", "É", "\"", "%", "_", "*", "(", ":",
          "-", "1", "2", "12", "ab", "AB", " ")


def random_text(rng: random.Random, pieces: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(pieces))


def fill_random(db: Database, n: int, seed: int) -> None:
    """n cards whose text is drawn from PIECES (some columns empty), with varied schedules."""
    fill(db, n, seed)
    rng = random.Random(seed)
    with db.session() as session:
        for i in range(n):
            texts = [random_text(rng, rng.randint(0, 6)) for _ in range(4)]
            session.execute(update(CardRow).where(CardRow.id == f"c-{i:04d}").values(
                front_zh=texts[0], front_en=texts[1], back_zh=texts[2], back_en=texts[3]))


def random_term(rng: random.Random, texts: list[str]) -> str:
    """A piece of some card's text (case changed at times), or a random string."""
    if rng.random() < 0.8:
        source = rng.choice(texts).replace(" ", "")
        if source:
            start = rng.randrange(len(source))
            term = source[start:start + rng.randint(1, 5)]
            return term.swapcase() if rng.random() < 0.3 else term
    return random_text(rng, rng.randint(1, 3)).replace(" ", "") or "a"


def _texts(db: Database) -> list[str]:
    with db.read_session() as session:
        return [" ".join(r) for r in session.execute(
            select(CardRow.id, CardRow.front_zh, CardRow.front_en, CardRow.back_zh, CardRow.back_en))]


def by_rule_and_by_index(db: Database, q: BrowseQuery, monkeypatch) -> tuple[tuple[int, list[str]], ...]:
    monkeypatch.setattr(browser, "USE_TEXT_INDEX", False)
    by_rule = all_pages(db, q)
    monkeypatch.setattr(browser, "USE_TEXT_INDEX", True)
    return by_rule, all_pages(db, q)


@pytest.fixture(scope="module")
def random_texts(tmp_path_factory) -> Database:
    from quizapp.services.database import open_database

    db = open_database(tmp_path_factory.mktemp("texts") / "t.db")
    fill_random(db, 400, seed=7)
    yield db
    db.close()


@pytest.mark.parametrize("sort_limit, sparse_limit", [(10_000, 10_000), (0, 10_000), (0, 0)],
                         ids=["sort-few", "walk-with-index", "walk-with-like"])
def test_text_index_finds_what_the_like_rule_finds(random_texts, monkeypatch, sort_limit: int,
                                                   sparse_limit: int) -> None:
    monkeypatch.setattr(browser, "INDEXED_SORT_LIMIT", sort_limit)
    monkeypatch.setattr(browser, "SPARSE_LIMIT", sparse_limit)
    rng = random.Random(sort_limit + sparse_limit)
    texts = _texts(random_texts)
    through_index, found = 0, 0
    real_text_match = browser.text_match

    def counting(session, terms):
        nonlocal through_index
        match = real_text_match(session, terms)
        through_index += match.expression is not None or match.nothing
        return match

    monkeypatch.setattr(browser, "text_match", counting)
    for _ in range(120):
        terms = " ".join(random_term(rng, texts) for _ in range(rng.choice((1, 1, 2))))
        q = replace(random_query(rng), text=terms) if rng.random() < 0.4 else BrowseQuery(
            text=terms, sort=rng.choice(SORT_KEYS), descending=rng.random() < 0.5)
        by_rule, by_index = by_rule_and_by_index(random_texts, q, monkeypatch)
        assert by_index == by_rule, q
        found += by_rule[0] > 0
    assert through_index >= 100 and found >= 60  # the index answered, and most searches found cards


def test_short_and_special_terms_through_the_index(random_texts, monkeypatch) -> None:
    # 2-character Chinese words, one letter, a quote, wildcards, FTS5 syntax, folded letters
    for text in ("动量", "梯", "a", "K", "k", "ſ", "s", "\u212a", "σ", "Σσ", "é", "\"", "%", "_", "*", "(:", "12",
                 "AB", "ab 动量", "-1", "no-such-text"):
        by_rule, by_index = by_rule_and_by_index(random_texts, BrowseQuery(text=text), monkeypatch)
        assert by_index == by_rule, text
    with random_texts.read_session() as session:
        assert browser.text_match(session, ("动量",)).expression  # two characters: through the index
        assert browser.text_match(session, ("no-such-text",)).expression
        assert browser.text_match(session, ("\u4e00\u4e00",)).nothing  # in no card: no query at all


def _indexed(db: Database, text: str) -> list[str]:
    return sorted(r for r in all_pages(db, BrowseQuery(text=text))[1])


def test_the_index_follows_every_write_in_its_transaction(tmp_path, monkeypatch) -> None:
    from quizapp.services.database import open_database
    from quizapp.services.importer import import_deck

    db = open_database(tmp_path / "w.db")
    fill(db, 30)
    assert _indexed(db, "zebra") == [] and "c-0007" in _indexed(db, "question")
    with db.session() as session:  # ORM update of one text column
        session.get(CardRow, "c-0007").front_en = "Zebra crossing"
    assert _indexed(db, "zebra") == ["c-0007"] and "c-0007" not in _indexed(db, "question")
    with db.session() as session:  # delete (the state row goes with it)
        session.execute(delete(CardStateRow).where(CardStateRow.card_id == "c-0008"))
        session.execute(delete(CardRow).where(CardRow.id == "c-0008"))
    assert _indexed(db, "c-0008") == []
    with pytest.raises(RuntimeError), db.session() as session:  # a rolled back write leaves no trace
        session.get(CardRow, "c-0009").back_en = "Okapi"
        session.flush()
        raise RuntimeError("rolled back")
    assert _indexed(db, "okapi") == []
    # INSERT OR REPLACE runs no delete trigger: the index copes. (sqlite3 leaves foreign keys off,
    # so the card's state is not cascaded away with the replaced row.)
    with closing(sqlite3.connect(tmp_path / "w.db")) as conn, conn:
        conn.execute("INSERT OR REPLACE INTO cards SELECT id, section, kind, content, '新的', 'Narwhal', back_zh, "
                     "back_en, tags, source, demo_id, origin, deck_hash, user_edited, deck_content, created_at, "
                     "updated_at, deck_id FROM cards WHERE id = 'c-0010'")
    assert _indexed(db, "narwhal") == ["c-0010"] and "c-0010" not in _indexed(db, "question")
    assert _indexed(db, "c-0010") == ["c-0010"]  # one entry, not two
    import_deck(db, [FIXTURE_DECK], now=NOW)  # the importer's bulk insert
    texts = _texts(db)
    rng = random.Random(3)
    for _ in range(40):
        by_rule, by_index = by_rule_and_by_index(db, BrowseQuery(text=random_term(rng, texts)), monkeypatch)
        assert by_index == by_rule
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO card_search (card_search, rank) VALUES ('integrity-check', 0)")
    db.close()


def test_upgrade_indexes_the_cards_already_there(tmp_path, monkeypatch) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from quizapp.services.database import open_database
    from quizapp.store.migrate import _alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0003")
    engine.dispose()
    db = Database(make_engine(f"sqlite:///{path}"), f"sqlite:///{path}")
    fill_random(db, 60, seed=11)
    db.close()
    db = open_database(path)  # migrates to head: builds the index from the cards
    texts = _texts(db)
    rng = random.Random(5)
    hits = 0
    for _ in range(40):
        by_rule, by_index = by_rule_and_by_index(db, BrowseQuery(text=random_term(rng, texts)), monkeypatch)
        assert by_index == by_rule
        hits += by_index[0] > 0
    assert hits >= 20
    db.close()


def test_downgrade_drops_the_index_and_its_triggers(tmp_path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from quizapp.services.database import open_database
    from quizapp.store.migrate import _alembic_config

    path = tmp_path / "down.db"
    open_database(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    with engine.begin() as conn:
        left = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'card_search%'")).all()
        assert left == []
    engine.dispose()
    db = Database(make_engine(f"sqlite:///{path}"), f"sqlite:///{path}")
    fill(db, 5)  # cards are written without the triggers
    db.close()
    db = open_database(path)  # upgraded again: the index is rebuilt from the cards
    assert _indexed(db, "c-0003") == ["c-0003"] and len(_indexed(db, "question")) == 5
    db.close()
