"""A whole collection copied SQLite -> PostgreSQL -> SQLite (store/copy_collection.py): every
table's rows equal, the copy verified by counts and checksums, and the copy works on: the study
queue is the same, answers go on with new ids after the copied ones, the text search finds the
same cards."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from quizapp.domain.browse import BrowseQuery
from quizapp.services.browser import BrowserService
from quizapp.services.card_actions import CardActionsService
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.quiz import QuizService
from quizapp.services.study import StudyService
from quizapp.store.browse_order import COPIED, is_current
from quizapp.store.copy_collection import DERIVED, CopyError, TableCopy, copy_collection, summary
from quizapp.store.database import Database
from quizapp.store.tables import metadata
from tests.support import NOW, SAMPLE_DECK


def _tables(db: Database) -> list[TableCopy]:
    with db.read_session() as session:
        conn = session.connection()
        return [summary(conn, table) for table in metadata.sorted_tables if table.name not in DERIVED]


def _browse_copy_is_current(db: Database) -> bool:
    """The target's own card_order (not copied) equals its card_state, with no marks left."""
    columns = ", ".join(("card_id", *COPIED))
    with db.read_session() as session:
        conn = session.connection()
        rows = [conn.execute(text(f"SELECT {columns} FROM {t} ORDER BY card_id")).all() for t in ("card_order",
                                                                                                  "card_state")]
        return is_current(conn) and rows[0] == rows[1] and len(rows[0]) > 0


def test_sqlite_to_postgresql_and_back_keeps_everything(tmp_path: Path, pg_url: str) -> None:
    first = open_database(tmp_path / "first.db")
    import_deck(first, [SAMPLE_DECK], now=NOW)
    study = StudyService(first)
    for card, grade in (("sample-71-1", 5), ("sample-71-2", 2), ("sample-72-1", 4), ("sample-71-2", 5)):
        study.answer(card, grade, NOW)
    study.undo()
    CardActionsService(first).suspend("sample-73-1")
    CardActionsService(first).set_flag("sample-74-1", 2)
    CardActionsService(first).bury("sample-74-2", NOW)
    quiz = QuizService(first)
    session_id = quiz.start(NOW, size=3, seed=7).session_id
    assert session_id
    shared = open_database(pg_url)
    copied = copy_collection(first, shared)
    assert {c.name: c.rows for c in copied}["review_log"] == 4
    assert {c.name for c in copied} == set(metadata.tables) - set(DERIVED)
    assert _tables(shared) == _tables(first) == copied
    back = open_database(tmp_path / "back.db")
    assert copy_collection(shared, back) == copied
    assert _browse_copy_is_current(shared) and _browse_copy_is_current(back)
    for db in (shared, back):
        assert StudyService(db).queue(NOW) == StudyService(first).queue(NOW)
        found = BrowserService(db).search(BrowseQuery(text="saddle")).first_page
        assert [r.card_id for r in found] == [r.card_id for r in BrowserService(first).search(
            BrowseQuery(text="saddle")).first_page] and found
        # the copy goes on: the next answer's id comes after the copied ones
        assert StudyService(db).answer("sample-75-1", 4, NOW).log_id == 5
    for db in (first, shared, back):
        db.close()


def test_a_target_that_holds_a_collection_is_refused_untouched(tmp_path: Path, pg_url: str) -> None:
    source = open_database(tmp_path / "s.db")
    import_deck(source, [SAMPLE_DECK], now=NOW)
    target = open_database(pg_url)
    import_deck(target, [SAMPLE_DECK], now=NOW)
    before = _tables(target)
    with pytest.raises(CopyError, match=r"the target already holds a collection \(rows in decks, cards"):
        copy_collection(source, target)
    assert _tables(target) == before
    source.close()
    target.close()


def test_a_copy_that_differs_from_its_source_is_rolled_back(tmp_path: Path, pg_url: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import Connection

    source = open_database(tmp_path / "s.db")
    import_deck(source, [SAMPLE_DECK], now=NOW)
    StudyService(source).answer("sample-71-1", 4, NOW)
    StudyService(source).answer("sample-71-2", 3, NOW)
    target = open_database(pg_url)
    real_execute = Connection.execute

    def losing_the_last_answer(self, statement, parameters=None, **kw):  # type: ignore[no-untyped-def]
        if getattr(statement, "is_insert", False) and statement.table.name == "review_log":
            parameters = parameters[:-1]  # a broken copy: the log's last row never arrives
        return real_execute(self, statement, parameters, **kw)

    monkeypatch.setattr(Connection, "execute", losing_the_last_answer)
    with pytest.raises(CopyError, match=r"^the copy of review_log differs from its source \(1 rows, 2 expected"):
        copy_collection(source, target)
    monkeypatch.undo()
    assert all(t.rows == 0 for t in _tables(target))  # nothing of the copy stayed
    source.close()
    target.close()
