"""store/bulk_insert.py writes the same stored values as SQLAlchemy's own insert (JSON, times,
booleans, NULLs), so the ORM reads the same rows back."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, select

from quizapp.services.database import open_database
from quizapp.store.bulk_insert import insert_rows
from quizapp.store.models import CardRow, CardStateRow, DeckRow

STAMP = datetime(2026, 11, 26, 1, 2, 3, 456789, tzinfo=timezone.utc)


def _cards(prefix: str, deck_id: int) -> list[dict]:
    return [{"id": f"{prefix}-{i}", "deck_id": deck_id, "section": "7.1", "kind": "qa",
             "content": {"front": {"zh": "问题", "en": f"Q {i}"}, "tags": ["a", "é"], "n": i, "none": None},
             "front_zh": "问题", "front_en": f"Q {i}", "back_zh": "答", "back_en": "A", "tags": ["a", "b"],
             "source": [], "demo_id": None if i % 2 else "adam", "origin": "deck", "deck_hash": "h",
             "user_edited": bool(i % 3 == 0), "deck_content": None if i else {"x": 1},
             "created_at": STAMP + timedelta(days=i), "updated_at": STAMP} for i in range(4)]


def _states(prefix: str, deck_id: int) -> list[dict]:
    return [{"card_id": f"{prefix}-{i}", "deck_id": deck_id, "repetitions": i, "easiness": 250, "interval": 0,
             "due_day": None if i % 2 else 739000 + i, "lapses": 0, "redrill_day": None, "suspended": i == 3,
             "position": i, "last_reviewed_at": None if i else STAMP} for i in range(4)]


def _new_deck(session) -> int:
    deck = DeckRow(name="bulk", origin="file", sections=[], options={}, created_at=STAMP)
    session.add(deck)
    session.flush()
    return deck.id


def test_insert_rows_stores_what_sqlalchemy_stores(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        with db.session() as session:
            deck_id = _new_deck(session)
            conn = session.connection()
            conn.execute(insert(CardRow.__table__), _cards("orm", deck_id))
            conn.execute(insert(CardStateRow.__table__), _states("orm", deck_id))
            insert_rows(conn, CardRow, _cards("bulk", deck_id))
            insert_rows(conn, CardStateRow, _states("bulk", deck_id))
            insert_rows(conn, CardRow, [])  # nothing to insert: no statement
        with db.read_session() as session:
            def rows(prefix: str, model, key) -> list[tuple]:
                found = session.execute(select(model).where(key.like(f"{prefix}-%")).order_by(key)).scalars()
                return [tuple(getattr(r, c.key) for c in model.__table__.columns if c.key not in ("id", "card_id"))
                        for r in found]
            assert rows("bulk", CardRow, CardRow.id) == rows("orm", CardRow, CardRow.id)
            assert rows("bulk", CardStateRow, CardStateRow.card_id) == rows("orm", CardStateRow, CardStateRow.card_id)
            assert len(rows("bulk", CardRow, CardRow.id)) == 4
    finally:
        db.close()
    with sqlite3.connect(tmp_path / "c.db") as raw:  # the stored text itself, not only what the ORM reads back
        stored = raw.execute("SELECT content, tags, created_at, user_edited, deck_content FROM cards "
                             "ORDER BY substr(id, instr(id, '-')), id").fetchall()
    assert [stored[i] for i in range(0, 8, 2)] == [stored[i] for i in range(1, 8, 2)]


def test_a_value_shared_by_rows_is_stored_as_each_row_would_store_it(tmp_path: Path) -> None:
    # insert_rows encodes an object once and reuses the text for every row holding that very object
    # (an import's cards share one list per distinct tags); rows between with other objects, equal
    # or not, must still get their own text, as SQLAlchemy's insert writes them.
    shared_tags, shared_content = ["bench", "问题"], {"k": [1, 2], "z": "é"}
    tags = [shared_tags, ["other"], shared_tags, ["bench", "问题"], [], shared_tags]
    contents = [shared_content, {"k": True}, shared_content, {"k": 1}, shared_content, {"k": 1.0}]
    db = open_database(tmp_path / "c.db")
    try:
        with db.session() as session:
            deck_id = _new_deck(session)
            conn = session.connection()
            for prefix, write in (("orm", lambda rows: conn.execute(insert(CardRow.__table__), rows)),
                                  ("bulk", lambda rows: insert_rows(conn, CardRow, rows))):
                rows = [{**_cards(prefix, deck_id)[0], "id": f"{prefix}-{i}", "tags": t, "content": c}
                        for i, (t, c) in enumerate(zip(tags, contents))]
                write(rows)
    finally:
        db.close()
    with sqlite3.connect(tmp_path / "c.db") as raw:
        def stored(prefix: str) -> list[tuple]:
            return raw.execute("SELECT tags, content FROM cards WHERE id LIKE ? ORDER BY id",
                               (f"{prefix}-%",)).fetchall()
        assert stored("bulk") == stored("orm")
        assert [t for t, _ in stored("bulk")][:2] == ['["bench", "\\u95ee\\u9898"]', '["other"]']
        assert [c for _, c in stored("bulk")][1:4:2] == ['{"k": true}', '{"k": 1}']


def test_an_encoded_column_is_stored_as_given_the_text_sqlalchemy_writes(tmp_path: Path) -> None:
    # the importer hands a card's content over as its JSON text (domain/content.py: stored_json)
    import json

    db = open_database(tmp_path / "c.db")
    try:
        with db.session() as session:
            deck_id = _new_deck(session)
            conn = session.connection()
            conn.execute(insert(CardRow.__table__), _cards("orm", deck_id))
            rows = [{**row, "content": json.dumps(row["content"])} for row in _cards("bulk", deck_id)]
            insert_rows(conn, CardRow, rows, encoded=("content",))
    finally:
        db.close()
    with sqlite3.connect(tmp_path / "c.db") as raw:
        stored = raw.execute("SELECT content, tags FROM cards ORDER BY substr(id, instr(id, '-')), id").fetchall()
    assert [stored[i] for i in range(0, 8, 2)] == [stored[i] for i in range(1, 8, 2)]
