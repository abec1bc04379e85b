"""The browser's copy of the state columns (store/browse_order.py, db/versions/0010_browse_order.py)
against card_state itself, after every operation of random sequences through the services and
beside them (another writer's raw SQL): once brought up to date, card_order holds exactly
card_state's columns, and a snapshot without marks already does. The answer path never writes
card_order, only a mark."""
from __future__ import annotations

import contextlib
import random
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy import text

from quizapp.services import importer
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.store import browse_order

from quizapp.services.browser import BrowserService
from quizapp.services.card_actions import CardActionsService
from quizapp.services.card_editing import CardEditingService
from quizapp.services.errors import UserError
from quizapp.services.study import StudyService
from quizapp.store.browse_order import COPIED, bring_up_to_date, is_current
from quizapp.store.database import Database
from quizapp.domain.browse import BrowseQuery
from tests.support import NOW, SAMPLE_DECK

_COLUMNS = ", ".join(("card_id", *COPIED))


def _state(db: Database, table: str) -> list[tuple[object, ...]]:
    with db.read_session() as session:
        rows = session.connection().execute(text(f"SELECT {_COLUMNS} FROM {table} ORDER BY card_id")).all()
    return [(r[0], bool(r[1]), *r[2:]) for r in rows]


def _marks(db: Database) -> list[str]:
    with db.read_session() as session:
        return list(session.connection().scalars(text("SELECT card_id FROM card_order_stale ORDER BY id")))


def _up_to_date(db: Database) -> None:
    with db.session() as session:
        bring_up_to_date(session.connection())


def test_an_answer_marks_its_card_and_writes_no_copy(sample_db: Database) -> None:
    _up_to_date(sample_db)
    before = _state(sample_db, "card_order")
    study = StudyService(sample_db)
    try:
        step = study.step(NOW)
        assert step.card is not None
        study.answer(step.card.id, 5, NOW)
    finally:
        study.close()
    assert _marks(sample_db) == [step.card.id]
    assert _state(sample_db, "card_order") == before  # the copy waits for the browser
    assert _state(sample_db, "card_state") != before
    with sample_db.read_session() as session:
        assert not is_current(session.connection())
    _up_to_date(sample_db)
    assert _state(sample_db, "card_order") == _state(sample_db, "card_state") and _marks(sample_db) == []


@pytest.mark.parametrize("seed", range(3))
def test_the_copy_is_card_state_after_every_operation(sample_db: Database, seed: int) -> None:
    rng = random.Random(seed)
    study, actions, editing = StudyService(sample_db), CardActionsService(sample_db), CardEditingService(sample_db)
    now = NOW
    try:
        for _ in range(30):
            cards = [row[0] for row in _state(sample_db, "card_state")]
            some = rng.choice(cards)
            op = rng.choice(["answer", "answer", "undo", "suspend", "unsuspend", "flag", "bury", "reset", "delete",
                             "other_writer", "browse"])
            try:
                if op == "answer":
                    step = study.step(now)
                    if step.card is not None:
                        study.answer(step.card.id, rng.randint(0, 5), now)
                elif op == "undo":
                    study.undo()
                elif op in ("suspend", "unsuspend"):
                    actions.suspend(some, suspended=op == "suspend")
                elif op == "flag":
                    actions.set_flag(some, rng.randint(0, 4))
                elif op == "bury":
                    actions.bury(some, now)
                elif op == "reset":
                    editing.reset_schedule([some])
                elif op == "delete":
                    editing.delete_cards([some])
                elif op == "other_writer":  # another program, straight to the table
                    with sample_db.session() as session:
                        session.connection().execute(text(
                            "UPDATE card_state SET interval = interval + 1, easiness = easiness - 10, "
                            "lapses = lapses + 1, position = position + 3 WHERE card_id = :id"), {"id": some})
                else:  # the browser brings the copy up to date before it reads
                    BrowserService(sample_db).search(BrowseQuery(sort="interval"))
                    assert _marks(sample_db) == []
            except UserError:  # a suspended card, nothing to undo
                pass
            now += timedelta(minutes=rng.choice([1, 30, 600]))
            with sample_db.read_session() as session:
                if is_current(session.connection()):  # no marks: already equal
                    assert _state(sample_db, "card_order") == _state(sample_db, "card_state")
            _up_to_date(sample_db)
            assert _state(sample_db, "card_order") == _state(sample_db, "card_state")
            assert _marks(sample_db) == []
    finally:
        study.close()


def test_a_search_sees_an_answer_at_once(sample_db: Database) -> None:
    """Sorted by interval, the answered card moves at the next search (its copy is brought up to date)."""
    browser = BrowserService(sample_db)
    by_interval = BrowseQuery(sort="interval", descending=True)
    study = StudyService(sample_db)
    try:
        step = study.step(NOW)
        assert step.card is not None
        first = browser.search(by_interval).first_page
        for i in range(4):  # four passes in a row: the longest interval of the collection
            study.answer(step.card.id, 5, NOW + timedelta(days=400 * i))
    finally:
        study.close()
    assert first[0].card_id != step.card.id
    top = browser.search(by_interval).first_page[0]
    assert top.card_id == step.card.id and top.interval == max(r[4] for r in _state(sample_db, "card_state"))


def test_a_search_while_another_writer_holds_the_lock_reads_the_copy_as_it_is(sample_db: Database) -> None:
    """Bringing the copy up to date needs the write lock; when another writer keeps it past the
    busy timeout (a long import), the search still answers, from the copy as it was."""
    from unittest import mock

    from sqlalchemy.exc import OperationalError

    from quizapp.services import browser

    _up_to_date(sample_db)
    card = _state(sample_db, "card_state")[0][0]
    CardActionsService(sample_db).suspend(card)
    locked = OperationalError("UPDATE card_order ...", {}, Exception("database is locked"))
    with mock.patch.object(browser, "bring_up_to_date", side_effect=locked) as tried:
        cursor = BrowserService(sample_db).search(BrowseQuery(states=("suspended",)))
    assert tried.call_count == 1 and cursor.total == 0  # the copy does not know of the suspension yet
    assert _marks(sample_db) == [card]
    suspended = BrowserService(sample_db).search(BrowseQuery(states=("suspended",))).first_page
    assert [r.card_id for r in suspended] == [card]


def _scheduled_deck(folder: Path, n: int) -> Path:
    """A deck file of `n` new cards, most carrying an exported schedule (every copied column varies)."""
    lines = []
    for i in range(n):
        lines.append(f'[[card]]\nid = "bulk-{i:03d}"\nsection = "7.{i % 7 + 1}"\nkind = "qa"\n'
                     f'front = {{ zh = "问 {i}", en = "Q {i}" }}\nback = {{ zh = "答 {i}", en = "A {i}" }}\n')
        if i % 4:
            due = f", due = 2026-12-{i % 28 + 1:02d}" if i % 3 else ""
            lines.append(f"schedule = {{ repetitions = {i % 5}, easiness = {130 + i}, interval = {i % 40}, "
                         f"lapses = {i % 3}, suspended = {str(i % 5 == 0).lower()}, flag = {i % 5}{due} }}\n")
    folder.mkdir()
    (folder / "bulk.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _trigger(db: Database) -> str | None:
    with db.read_session() as session:
        return session.connection().execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = "
                                                  ":n"), {"n": browse_order.INSERT_TRIGGER}).scalar()


@pytest.mark.parametrize("marked_before", [False, True])
def test_an_import_copies_its_new_cards_as_the_trigger_and_the_browser_would(
        tmp_path: Path, marked_before: bool) -> None:
    """The import's one INSERT ... SELECT (store/browse_order.py: copied_in_bulk) against the
    reference: the trigger's mark per new card, brought up to date. Marks left before the import
    (an answer the browser has not copied yet) stay for the browser; a re-import's moved
    positions are marked by the update trigger as before."""
    deck = _scheduled_deck(tmp_path / "deck", 120)
    results, copies = [], []
    for bulk in (True, False):
        db = open_database(tmp_path / f"{bulk}.db")
        try:
            with contextlib.ExitStack() as stack:
                if not bulk:  # the reference: one mark per inserted row
                    stack.enter_context(mock.patch.object(importer, "copied_in_bulk",
                                                          lambda *_: contextlib.nullcontext()))
                import_deck(db, [SAMPLE_DECK], now=NOW)
                _up_to_date(db)
                marked = [str(_state(db, "card_state")[3][0])] if marked_before else []
                for card_id in marked:  # an answer-like change the browser has not copied yet
                    CardActionsService(db).suspend(card_id)
                trigger = _trigger(db)
                import_deck(db, [deck], now=NOW)
                new = [f"bulk-{i:03d}" for i in range(120)]
                assert _marks(db) == marked + ([] if bulk else new)
                if not bulk:
                    _up_to_date(db)
                copies.append([row for row in _state(db, "card_order") if row[0].startswith("bulk-")])
                assert trigger is not None and _trigger(db) == trigger  # put back as it was
                import_deck(db, [SAMPLE_DECK, deck], now=NOW)  # a re-import: moved positions are marked
                assert set(_marks(db)) >= set(new)
            _up_to_date(db)
            assert _state(db, "card_order") == _state(db, "card_state") and _marks(db) == []
            results.append(_state(db, "card_order"))
        finally:
            db.close()
    assert copies[0] == copies[1] and len(copies[0]) == 120  # right after the import
    assert results[0] == results[1] and len(results[0]) > 120
    assert len({row[1:] for row in results[0]}) > 100  # the columns vary: schedules came along


def test_the_import_copy_leaves_no_mark_and_the_trigger_marks_rows_after(sample_db: Database) -> None:
    """After a fresh import nothing waits for the browser on SQLite (PostgreSQL keeps its trigger:
    a mark per card); a card added later is marked by the trigger."""
    sqlite = sample_db.engine.dialect.name == "sqlite"
    with sample_db.read_session() as session:
        assert is_current(session.connection()) == sqlite
    if not sqlite:
        _up_to_date(sample_db)
    assert _state(sample_db, "card_order") == _state(sample_db, "card_state")
    card_id = CardEditingService(sample_db).add_card({"section": "7.1", "kind": "qa", "front": {
        "zh": "新卡", "en": "new card"}, "back": {"zh": "答", "en": "A"}}, NOW).value
    assert _marks(sample_db) == [card_id]


def test_a_failed_import_leaves_the_trigger_and_no_copy(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        trigger = _trigger(db)
        with mock.patch.object(browse_order, "_COPY_CHOSEN_SQLITE", "no_such_statement"), \
                pytest.raises(Exception, match="no_such_statement"):
            import_deck(db, [SAMPLE_DECK], now=NOW)
        assert trigger is not None and _trigger(db) == trigger
        assert _state(db, "card_order") == [] and _state(db, "card_state") == []
    finally:
        db.close()
