"""The study step (services.study.StudyService.step): today's queue read once and kept, and
the same card, kind, previews and look-ahead the queue and SM-2 give."""
from __future__ import annotations

from unittest import mock

import pytest

from quizapp.domain.sm2 import preview_intervals
from quizapp.services import queue_cache
from quizapp.services import study as study_module
from quizapp.services.changes import NOTHING, REVIEW
from quizapp.services.study import StudyService
from tests.support import NOW


@pytest.mark.sqlite_only("the own connection and its kept queue are SQLite's")
def test_a_step_reads_the_queue_once_and_then_keeps_it(sample_db) -> None:
    # On a collection file the step reads on the service's own connection: no session, no write;
    # the settings and today's lists are read by the first step only (services/queue_cache.py).
    study = StudyService(sample_db)
    with mock.patch.object(sample_db, "read_session", side_effect=AssertionError("no session")), \
            mock.patch.object(study_module, "stored_settings", wraps=study_module.stored_settings) as settings, \
            mock.patch.object(queue_cache, "ranked", wraps=queue_cache.ranked) as lists, \
            mock.patch.object(sample_db, "session", side_effect=AssertionError("a step never writes")):
        step = study.step(NOW)
        assert settings.call_count == 1 and lists.call_count == 3  # reviews, re-drills, new cards
        again = study.step(NOW)
        assert settings.call_count == 1 and lists.call_count == 3
    assert again == step
    queue = study.queue(NOW, limit=2).items
    assert step.card is not None and step.card.id == queue[0].card_id and step.kind == queue[0].kind == "new"
    assert step.upcoming is not None and step.upcoming.card is not None
    assert step.upcoming.card.id == queue[1].card_id
    assert step.preview == preview_intervals(step.state, step.today) and step.changes == NOTHING


def test_answer_and_next_returns_the_answer_and_the_step_after_it(sample_db) -> None:
    study = StudyService(sample_db)
    first = study.step(NOW)
    assert first.card is not None and first.upcoming is not None and first.upcoming.card is not None
    after = study.answer_and_next(first.card.id, 1, NOW, duration_ms=10 * 60_000)
    assert after.answered is not None and after.answered.kind == "new" and after.answered.back_today
    assert after.changes == REVIEW and after.answered.changes == REVIEW
    # the re-drilled card does not come straight back while others wait; the look-ahead was right
    assert after.card is not None and after.card.id == first.upcoming.card.id
    assert after.counts["redrill"] == 1
    with sample_db.read_session() as session:
        from quizapp.store.models import ReviewLogRow

        log = session.get(ReviewLogRow, after.answered.log_id)
        assert log is not None and log.duration_ms == study_module.MAX_DURATION_MS and log.kind == "new"
    undone = study.undo_and_show(after.answered.log_id, NOW)
    assert undone.undone is not None and undone.card is not None and undone.card.id == first.card.id
    assert undone.kind == "new" and undone.changes == REVIEW


def test_the_buttons_preview_the_interval_the_answer_will_apply_under_the_cap(sample_db) -> None:
    """With max_interval_days set low, the study step's previews are capped as the answer is."""
    from datetime import timedelta

    from quizapp.services.settings import SettingsService

    SettingsService(sample_db).update({"max_interval_days": 20})
    study = StudyService(sample_db)
    card_id, now = "sample-71-1", NOW
    for _ in range(6):  # "easy" again and again: SM-2 alone would pass 20 days after the third
        step = study.step(now, card_id=card_id)
        outcome = study.answer(card_id, 5, now)
        assert step.preview[5] == outcome.review.after.interval <= 20
        now += timedelta(days=outcome.review.after.interval)
    assert outcome.review.after.interval == 20


def test_closing_the_database_closes_the_study_connection_too(tmp_path) -> None:
    # The kept queue lives on the service's own connection; Database.close() must still end
    # every connection to the file (SQLite then folds the WAL back and removes it).
    from quizapp.services.database import open_database
    from quizapp.services.importer import import_deck
    from tests.support import SAMPLE_DECK

    db = open_database(tmp_path / "c.db")
    import_deck(db, [SAMPLE_DECK], now=NOW)
    study = StudyService(db)
    step = study.step(NOW)
    assert step.card is not None
    study.answer(step.card.id, 4, NOW)
    db.close()
    assert not (tmp_path / "c.db-wal").exists()
    again = study.step(NOW)  # the engine still opens connections after close(): the service reopens its own
    assert again.card is not None and again.card.id != step.card.id
    study.close()
    db.close()


def test_the_lean_answer_writes_the_rows_the_session_answer_writes(tmp_path) -> None:
    # SM-2 answers through Core on the own connection (store/reviews.py: write_answer) and
    # through the ORM session (`_answer_in`, the path of an in-memory database) leave the same
    # card states and the same review log, byte for byte, over misses, re-drills and reviews.
    import shutil
    import sqlite3
    from datetime import timedelta

    from quizapp.services.database import open_database
    from quizapp.services.importer import import_deck
    from tests.support import SAMPLE_DECK

    first = tmp_path / "lean.db"
    db = open_database(first)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    db.close()
    shutil.copy(first, tmp_path / "session.db")
    stored = []
    for name, lean in (("lean.db", True), ("session.db", False)):
        db = open_database(tmp_path / name)
        study = StudyService(db)
        study._own_tried = not lean  # no own connection: the session path
        for i, grade in enumerate([1, 4, 2, 5, 0, 3, 4, 4, 1, 5, 4, 3]):
            now = NOW + timedelta(minutes=7 * i)
            step = study.step(now)
            assert step.card is not None
            study.answer(step.card.id, grade, now, duration_ms=1000 * i)
        study.close()
        db.close()
        with sqlite3.connect(tmp_path / name) as conn:
            stored.append((conn.execute("SELECT * FROM card_state ORDER BY card_id").fetchall(),
                           conn.execute("SELECT * FROM review_log ORDER BY id").fetchall()))
    assert stored[0] == stored[1] and len(stored[0][1]) == 12


def test_a_kept_step_copy_equals_the_dataclass_replace(sample_db) -> None:
    # services/study.py: _shown_with copies a kept step without StudyStep.__init__; it must stay
    # what `replace` gives, and StudyStep must keep having no __post_init__ for it to skip.
    from dataclasses import replace

    from quizapp.services.study import StudyStep, _shown_with

    assert not hasattr(StudyStep, "__post_init__")
    step = StudyService(sample_db).step(NOW)
    assert step.card is not None and step.upcoming is not None
    counts = {"review": 1, "redrill": 2, "new": 3}
    copied = _shown_with(step, counts, step.upcoming)
    assert copied == replace(step, counts=counts, upcoming=step.upcoming) and copied is not step
    assert copied.counts is counts and step.counts is not counts
