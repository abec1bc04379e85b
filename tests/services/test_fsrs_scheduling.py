"""FSRS beside SM-2 (docs/fsrs.md): SM-2 stays the default with identical results; under FSRS
every answer is py-fsrs's on the same inputs, and the memory agrees with Anki's FSRS
(`compute_memory_state`) for the same history; undo, switching and study days in UTC+8."""
from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from quizapp.domain.review import review_card
from quizapp.domain.settings import Settings
from quizapp.domain.sm2 import CardState
from quizapp.services.clock import local_study_day
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.models import FsrsStateRow, ReviewLogRow
from tests.support import CST, NOW

# (hours after NOW, SM-2 grade): learning steps the first morning, then days apart, a lapse, relearning
HISTORY = [(0, 4), (0.02, 4), (24, 3), (24 * 4, 5), (24 * 15, 1), (24 * 15 + 0.2, 4), (24 * 19, 4)]
RATING = {1: Rating.Again, 3: Rating.Hard, 4: Rating.Good, 5: Rating.Easy}


def _first_card(study: StudyService) -> str:
    step = study.step(NOW)
    assert step.card is not None
    return step.card.id


def _use_fsrs(db, **more) -> None:
    SettingsService(db).update({"scheduler": "fsrs", **more})


def _py_fsrs_run(times_grades, scheduler: Scheduler) -> Card:
    card = Card(card_id=1, due=times_grades[0][0].astimezone(timezone.utc))
    for at, grade in times_grades:
        card, _ = scheduler.review_card(card, RATING[grade], at.astimezone(timezone.utc))
    return card


def test_sm2_is_the_default_and_answers_exactly_as_before(sample_db) -> None:
    assert Settings().scheduler == "sm2" and SettingsService(sample_db).get().scheduler == "sm2"
    study = StudyService(sample_db)
    card_id = _first_card(study)
    state = CardState()
    for hours, grade in HISTORY:
        at = NOW + timedelta(hours=hours)
        outcome = study.answer(card_id, grade, at)
        expected = review_card(state, grade, local_study_day(at, 4))
        assert outcome.review == expected
        state = expected.after
    with sample_db.read_session() as session:
        assert session.scalars(select(FsrsStateRow)).all() == []
        logged = session.scalars(select(ReviewLogRow.state_after)).all()
    assert all("fsrs" not in s for s in logged) and len(logged) == len(HISTORY)


def test_fsrs_answers_are_py_fsrs_answers_and_due_on_the_local_study_day(sample_db) -> None:
    _use_fsrs(sample_db, desired_retention=0.85)
    study = StudyService(sample_db)
    card_id = _first_card(study)
    reference = Scheduler(desired_retention=0.85, enable_fuzzing=False)
    done: list[tuple[datetime, int]] = []
    for hours, grade in HISTORY:
        at = NOW + timedelta(hours=hours)
        outcome = study.answer(card_id, grade, at)
        done.append((at, grade))
        expected = _py_fsrs_run(done, reference)
        with sample_db.read_session() as session:
            row = session.get(FsrsStateRow, card_id)
            assert row is not None
            assert (row.stability, row.difficulty, row.phase, row.step) == (
                pytest.approx(expected.stability, rel=1e-12), pytest.approx(expected.difficulty, rel=1e-12),
                int(expected.state), expected.step)
        today = local_study_day(at, 4)
        after = outcome.after
        if expected.step is None:  # review: whole days from today, as py-fsrs counts them
            assert after.interval == round((expected.due - at) / timedelta(days=1))
            assert after.due_day == today + after.interval and after.redrill_day is None
        else:  # a learning step: due minutes later, on the local study day its due time falls on
            assert after.due_day == local_study_day(expected.due, 4)
            assert (after.redrill_day == today) == (after.due_day == today)
    assert outcome.after.lapses == 1  # the Again on day 15 was a lapse of a review card


def test_fsrs_previews_are_py_fsrs_intervals(sample_db) -> None:
    _use_fsrs(sample_db)
    study = StudyService(sample_db)
    card_id = _first_card(study)
    done = [(NOW, 4), (NOW + timedelta(minutes=12), 4)]
    for at, grade in done:
        study.answer(card_id, grade, at)
    later = NOW + timedelta(days=3)
    preview = study.preview(card_id, later)
    reference = Scheduler(enable_fuzzing=False)
    base = _py_fsrs_run(done, reference)
    for grade in (3, 4, 5):
        card, _ = reference.review_card(base, RATING[grade], later.astimezone(timezone.utc))
        assert preview[grade] == round((card.due - later) / timedelta(days=1)) > 0
    assert preview[1] == 0  # Again: a relearning step, back today
    assert preview[3] < preview[4] < preview[5]


def test_study_day_in_utc_plus_8_and_the_same_moment_in_utc_agree(sample_db, tmp_path) -> None:
    _use_fsrs(sample_db)
    study = StudyService(sample_db)
    card_id = _first_card(study)
    # 02:30 in Shanghai is still the previous study day (the day starts at 04:00 local)
    early = datetime(2026, 11, 27, 2, 30, tzinfo=CST)
    first = study.answer(card_id, 4, early)
    assert first.today == local_study_day(datetime(2026, 11, 26, 12, 0, tzinfo=CST), 4)
    assert first.back_today  # py-fsrs's 10-minute learning step is later the same study day
    # the same moment written in UTC gives the same answer
    again = study.answer(card_id, 4, early.astimezone(timezone.utc) + timedelta(minutes=11))
    with sample_db.read_session() as session:
        row = session.get(FsrsStateRow, card_id)
        assert row is not None and row.phase == 2
    assert again.after.due_day == first.today + again.after.interval


def test_undo_puts_back_the_fsrs_memory(sample_db) -> None:
    _use_fsrs(sample_db)
    study = StudyService(sample_db)
    card_id = _first_card(study)
    study.answer(card_id, 4, NOW)
    with sample_db.read_session() as session:
        before = session.get(FsrsStateRow, card_id)
        assert before is not None
        kept = (before.stability, before.difficulty, before.phase, before.step)
    outcome = study.answer(card_id, 1, NOW + timedelta(days=2))
    study.undo(outcome.log_id)
    with sample_db.read_session() as session:
        row = session.get(FsrsStateRow, card_id)
        assert row is not None and (row.stability, row.difficulty, row.phase, row.step) == kept
    study.undo()  # the first answer: the card had no FSRS memory before it
    with sample_db.read_session() as session:
        assert session.get(FsrsStateRow, card_id) is None


def test_switching_replays_the_log_and_switching_back_is_sm2_again(sample_db) -> None:
    study = StudyService(sample_db)
    card_id = _first_card(study)
    done = [(NOW + timedelta(hours=h), g) for h, g in HISTORY[:4]]
    for at, grade in done:
        study.answer(card_id, grade, at)  # under SM-2
    _use_fsrs(sample_db)
    at = NOW + timedelta(days=20)
    study.answer(card_id, 4, at)
    expected = _py_fsrs_run([*done, (at, 4)], Scheduler(enable_fuzzing=False))
    with sample_db.read_session() as session:
        row = session.get(FsrsStateRow, card_id)
        assert row is not None and row.stability == pytest.approx(expected.stability, rel=1e-12)
        assert row.difficulty == pytest.approx(expected.difficulty, rel=1e-12)
        log_count = len(session.scalars(select(ReviewLogRow.id)).all())
    assert log_count == 5  # nothing in the log was rewritten or added by the switch
    SettingsService(sample_db).update({"scheduler": "sm2"})
    state = study.card(card_id)[1]
    later = NOW + timedelta(days=60)
    assert study.answer(card_id, 4, later).review == review_card(state, 4, local_study_day(later, 4))


# --- Anki's FSRS as the judge of the memory state ---------------------------------------------

def _anki_memory_state(history: list[tuple[datetime, int]], params: list[float] | None) -> tuple[float, float]:
    """Anki's compute_memory_state for one card with this revlog (Anki ratings 1-4)."""
    collection = pytest.importorskip("anki.collection")
    col = collection.Collection(os.path.join(tempfile.mkdtemp(), "judge.anki2"))
    try:
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "q", "a"
        deck = col.decks.id("Default")
        col.add_note(note, deck)
        cid = note.card_ids()[0]
        # revlog type: 0 learning (the first answer: Anki reads a history that starts otherwise
        # as incomplete), 2 relearning (after an Again), 1 review
        previous = None
        for at, grade in history:
            kind = 0 if previous is None else 2 if previous == 1 else 1
            col.db.execute("insert into revlog (id,cid,usn,ease,ivl,lastIvl,factor,time,type) "
                           "values (?,?,?,?,?,?,?,?,?)", int(at.timestamp() * 1000), cid, -1,
                           int(RATING[grade]), 1, 0, 2500, 1000, kind)
            previous = grade
        col.db.execute("update cards set type=2, queue=2, ivl=5, due=0, reps=? where id=?", len(history), cid)
        col.set_config("fsrs", True)
        if params is not None:
            conf = col.decks.config_dict_for_deck_id(deck)
            conf["fsrsParams6"] = params
            col.decks.update_config(conf)
        state = col.compute_memory_state(cid)
        return state.stability, state.difficulty
    finally:
        col.close()


@pytest.mark.parametrize("params", [None, [0.3, 1.1, 3.2, 12.0, 6.6, 0.7, 2.5, 0.01, 1.7, 0.2, 0.8, 1.6, 0.1, 0.3,
                                           1.5, 0.5, 2.0, 0.5, 0.1, 0.08, 0.2]])
def test_memory_after_a_replay_agrees_with_ankis_compute_memory_state(sample_db, params) -> None:
    # one answer a day at noon in Shanghai, so Anki's day boundary (04:00 local) and py-fsrs's
    # 24-hour days count the same elapsed days
    _use_fsrs(sample_db, **({"fsrs_parameters": params} if params else {}))
    study = StudyService(sample_db)
    card_id = _first_card(study)
    # (in the past: Anki leaves out reviews later than its clock's now)
    noon = datetime(2025, 6, 1, 12, 0, tzinfo=CST)
    history = [(noon + timedelta(days=d), g) for d, g in [(0, 4), (1, 4), (4, 3), (12, 1), (13, 4), (30, 5)]]
    for at, grade in history:
        study.answer(card_id, grade, at)
    with sample_db.read_session() as session:
        row = session.get(FsrsStateRow, card_id)
        assert row is not None
        ours = (row.stability, row.difficulty)
    anki = _anki_memory_state(history, params)
    # Anki computes in float32: agreement to its precision
    assert ours == (pytest.approx(anki[0], rel=1e-5), pytest.approx(anki[1], rel=1e-5))


def test_an_sm2_state_without_a_log_becomes_fsrs_memory(sample_db) -> None:
    from quizapp.store.models import CardStateRow

    study = StudyService(sample_db)
    card_id = _first_card(study)
    today = local_study_day(NOW, 4)
    with sample_db.session() as session:  # an old or imported SM-2 state: 10-day interval, due today
        row = session.get(CardStateRow, card_id)
        assert row is not None
        row.repetitions, row.interval, row.due_day, row.easiness = 3, 10, today, 250
    _use_fsrs(sample_db)
    outcome = study.answer(card_id, 4, NOW)
    with sample_db.read_session() as session:
        logged = session.get(ReviewLogRow, outcome.log_id)
        assert logged is not None
        before, after = logged.state_before["fsrs"], logged.state_after["fsrs"]
    # SM-2's interval read as "90% on the due date" is the stability; EF 2.50 is difficulty 5
    assert (before["stability"], before["difficulty"], before["phase"]) == (10.0, 5.0, 2)
    reference = Scheduler(enable_fuzzing=False)
    due = NOW.astimezone(timezone.utc)
    card = Card(card_id=1, state=2, stability=10.0, difficulty=5.0, due=due, last_review=due - timedelta(days=10))
    expected, _ = reference.review_card(card, Rating.Good, due)
    assert after["stability"] == pytest.approx(expected.stability, rel=1e-12) and after["stability"] > 10
    assert outcome.after.interval == round((expected.due - due) / timedelta(days=1))


def _py_fsrs_interval(scheduler: Scheduler, at: datetime, rating: Rating) -> int:
    utc = at.astimezone(timezone.utc)
    card, _ = scheduler.review_card(Card(card_id=1, due=utc), rating, utc)
    return round((card.due - utc) / timedelta(days=1))


def test_fsrs_learning_steps_are_settings(sample_db) -> None:
    """fsrs_learning_steps: with py-fsrs's default (1m 10m) Good on a new card is another step
    today (0 days: today's re-drill); with one step of 1m, Good graduates the card to days, as
    py-fsrs itself schedules it with those steps."""
    from datetime import timedelta as minutes_of

    study = StudyService(sample_db)
    card = study.queue(NOW).items[0].card_id
    SettingsService(sample_db).update({"scheduler": "fsrs"})
    assert study.preview(card, NOW)[4] == 0
    SettingsService(sample_db).update({"fsrs_learning_steps": "1m"})
    one_step = Scheduler(learning_steps=(minutes_of(minutes=1),), enable_fuzzing=False)
    good = _py_fsrs_interval(one_step, NOW, Rating.Good)
    assert good >= 1 and study.preview(card, NOW)[4] == good
    with pytest.raises(Exception, match="fsrs_learning_steps"):
        SettingsService(sample_db).update({"fsrs_learning_steps": "soon"})
