"""The kept queue (services/queue_cache.py, through StudyService on a collection file) against the
SQL rule run afresh (the same service with no own connection: store/queue_sql.py through a
session), after every operation of random sequences: answers (misses: re-drills), undos,
buries, suspends, other writers (another service, another connection), custom study's failed
cards, the clock moving by seconds, minutes and past the study day's start, in Asia/Shanghai;
in three scopes (today's queue, extra new cards, one section) with tiny limits and a margin of
one card, so the kept lists run short and are fetched again."""
from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.services import queue_cache
from quizapp.services.card_actions import CardActionsService
from quizapp.services.clock import local_study_day
from quizapp.services.custom_study import CustomStudyService
from quizapp.services.database import open_database
from quizapp.services.errors import UserError
from quizapp.services.importer import import_deck
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.models import CardRow, CardStateRow
from tests.support import NOW, SAMPLE_DECK

_TEMPLATE: dict[str, Path] = {}


def _template() -> Path:
    """One collection with random schedules, built once and copied for each example."""
    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="queue-cache-"))
        db = open_database(folder / "template.db")
        import_deck(db, [SAMPLE_DECK], now=NOW)
        rng = random.Random(20)
        today = local_study_day(NOW, 4)
        with db.session() as s:
            for row in s.scalars(select(CardStateRow)):
                kind = rng.choice(["new", "due", "future"])
                row.due_day = None if kind == "new" else today + rng.randint(-5, 0 if kind != "future" else 3)
            s.execute(text("UPDATE card_state SET position = (position * 11) % 7"))  # ties of position
        SettingsService(db).update({"new_per_day": 3, "reviews_per_day": 4, "redrill_steps": "1m 10m",
                                    "redrill_cards_between": 2})
        db.close()
        _TEMPLATE["path"] = folder / "template.db"
    return _TEMPLATE["path"]


OPS = st.lists(st.tuples(st.sampled_from(["answer", "answer", "answer", "answer_any", "undo", "bury", "suspend",
                                          "unsuspend", "other_writer", "failed_again", "wait", "next_day"]),
                         st.integers(0, 5), st.integers(0, 1000)), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_the_kept_queue_is_the_sql_queue_after_every_operation(ops: list[tuple[str, int, int]]) -> None:
    _walk_a_copy(ops)


def _walk_a_copy(ops: list[tuple[str, int, int]], scheduler: str | None = None) -> None:
    """`_walk` on a copy of the template (under `scheduler` when given), with a margin of one card."""
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(queue_cache, "MARGIN", 1):
        path = Path(tmp) / "c.db"
        shutil.copy(_template(), path)
        db = open_database(path)
        try:
            if scheduler is not None:
                SettingsService(db).update({"scheduler": scheduler})
            _walk(db, path, ops)
        finally:
            db.close()


def _walk(db, path: Path, ops: list[tuple[str, int, int]]) -> None:
    kept = StudyService(db)
    fresh = StudyService(db)
    fresh._own_tried = True  # no own connection: every call runs the SQL rule through a session
    actions, custom = CardActionsService(db), CustomStudyService(db)
    with db.read_session() as s:
        cards = list(s.scalars(select(CardRow.id).order_by(CardRow.id)))
        section = s.scalar(select(CardRow.section).order_by(CardRow.id))
    scopes = [TODAYS_QUEUE, StudyScope(extra_new=2), StudyScope(section=section)]
    now: datetime = NOW
    try:
        _check(kept, fresh, scopes, now)
        for op, grade, pick in ops:
            queue = kept.queue(now).items
            some = queue[pick % len(queue)].card_id if queue else cards[pick % len(cards)]
            if op == "answer":
                step = kept.step(now, scope=scopes[pick % 3])
                if step.card is not None:
                    kept.answer(step.card.id, grade, now)
            elif op == "answer_any":
                try:
                    kept.answer(cards[pick % len(cards)], grade, now)
                except UserError:  # a suspended card
                    pass
            elif op == "undo":
                try:
                    kept.undo()
                except UserError:  # the card changed since (buried, suspended)
                    pass
            elif op == "bury":
                actions.bury(some, now)
            elif op == "suspend":
                actions.suspend(some)
            elif op == "unsuspend":
                actions.suspend(cards[pick % len(cards)], suspended=False)
            elif op == "other_writer":  # another process moves a card's due day
                with sqlite3.connect(path) as conn:
                    conn.execute("UPDATE card_state SET due_day = due_day - ? WHERE card_id = ?",
                                 (pick % 4, cards[pick % len(cards)]))
            elif op == "failed_again":
                custom.drill_failed_again(now)
            elif op == "wait":
                now += timedelta(seconds=[5, 30, 70, 400, 700, 3000][grade])
            elif op == "next_day":  # past 04:00 local time: the study day rolls over
                now += timedelta(hours=[6, 12, 19, 20, 24, 30][grade])
            now += timedelta(seconds=1)
            _check(kept, fresh, scopes, now)
    finally:
        kept.close()


def _check(kept: StudyService, fresh: StudyService, scopes: list[StudyScope], now: datetime) -> None:
    for scope in scopes:
        assert kept.queue(now, scope=scope) == fresh.queue(now, scope=scope)
        assert kept.step(now, scope=scope) == fresh.step(now, scope=scope)


def test_answers_and_undos_keep_the_queue_without_building_it_again() -> None:
    """The walk above is not vacuous: within one study day and with no other writer, answers
    (misses among them) and undos update the one queue built first."""
    counts = {"built": 0, "answered": 0, "undone": 0}
    real_init, real_answered, real_undone = (queue_cache.QueueCache.__init__, queue_cache.QueueCache.answered,
                                             queue_cache.QueueCache.undone)

    def init(self, *args):
        counts["built"] += 1
        real_init(self, *args)

    def answered(self, *args):
        counts["answered"] += 1
        return real_answered(self, *args)

    def undone(self, *args):
        counts["undone"] += 1
        return real_undone(self, *args)

    with mock.patch.object(queue_cache.QueueCache, "__init__", init), \
            mock.patch.object(queue_cache.QueueCache, "answered", answered), \
            mock.patch.object(queue_cache.QueueCache, "undone", undone):
        test_the_kept_queue_is_the_sql_queue_after_every_operation.hypothesis.inner_test(  # type: ignore[attr-defined]
            [("answer", 4, 0), ("answer", 1, 1), ("wait", 3, 0), ("answer", 5, 2), ("undo", 0, 0),
             ("answer_any", 2, 3), ("answer", 4, 4), ("wait", 4, 0), ("answer", 3, 5), ("answer", 4, 6)])
    assert counts["built"] == 1 and counts["undone"] == 1 and counts["answered"] >= 6, counts


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_the_kept_queue_is_the_sql_queue_under_fsrs(ops: list[tuple[str, int, int]]) -> None:
    """The same walk with FSRS scheduling: its answers place cards by the state they store."""
    _walk_a_copy(ops, scheduler="fsrs")


def test_an_answer_that_moves_its_card_past_today_asks_the_database_nothing() -> None:
    """Placing the answered card again reads the database only when its new state may keep it in
    one of today's lists (a miss: today's re-drill); a card now due on a later day is only taken out."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.db"
        shutil.copy(_template(), path)
        db = open_database(path)
        study = StudyService(db)
        try:
            placed: list[str] = []
            real_ranked = queue_cache.ranked

            def ranked(*args, **kwargs):
                placed.append(kwargs.get("card_id", ""))
                return real_ranked(*args, **kwargs)

            first = study.step(NOW).card
            assert first is not None
            with mock.patch.object(queue_cache, "ranked", ranked):
                passed = study.answer(first.id, 5, NOW)
            assert passed.review.after.due_day is not None and passed.review.after.due_day > passed.review.today
            assert first.id not in placed
            assert first.id not in [e.card_id for e in study.queue(NOW).items]
            second = study.step(NOW, avoid=first.id).card
            assert second is not None
            with mock.patch.object(queue_cache, "ranked", ranked):
                missed = study.answer(second.id, 1, NOW)
            assert missed.review.back_today and placed.count(second.id) == 3  # each of today's lists asked
            assert second.id in [e.card_id for e in study.queue(NOW).items]
        finally:
            study.close()
            db.close()
