"""The browser's copy of the state columns (store/browse_order.py, db/versions/0010_browse_order.py)
against card_state itself, after every operation of random sequences through the services and
beside them (another writer's raw SQL): once brought up to date, card_order holds exactly
card_state's columns, and a snapshot without marks already does. The answer path never writes
card_order, only a mark."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import text

from quizapp.services.browser import BrowserService
from quizapp.services.card_actions import CardActionsService
from quizapp.services.card_editing import CardEditingService
from quizapp.services.errors import UserError
from quizapp.services.study import StudyService
from quizapp.store.browse_order import COPIED, bring_up_to_date, is_current
from quizapp.store.database import Database
from quizapp.domain.browse import BrowseQuery
from tests.support import NOW

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
