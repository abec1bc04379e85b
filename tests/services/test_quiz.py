"""Quiz and mock-interview services: drawing, logging every answer, feeding misses back into
the schedule (and only that), history and weakest sections, the Markdown report."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from quizapp.domain.quiz import ChoiceAnswer, SelfGrade, TypedAnswer
from quizapp.domain.studyday import study_day
from quizapp.services.errors import UserError
from quizapp.services.mock_interview import MockInterviewService, save_markdown
from quizapp.services.quiz import QuizService
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService, state_of
from quizapp.store.models import CardStateRow, ReviewLogRow
from quizapp.store.quiz_models import QuizItemRow
from tests.conftest import NOW

TODAY = study_day(NOW)
LATER = NOW + timedelta(days=1)  # the day after the review: the card is due in 1-6 days


def right(card) -> object:
    if card.kind == "mcq":
        return ChoiceAnswer(card.correct_choice)
    if card.kind == "cloze":
        return TypedAnswer({1: card.cloze.en.split("::")[1].split("}}")[0]})
    return SelfGrade(5)


def wrong(card) -> object:
    if card.kind == "mcq":
        return ChoiceAnswer(next(i for i, c in enumerate(card.choices) if not c.correct))
    if card.kind == "cloze":
        return TypedAnswer({1: "no idea"})
    return SelfGrade(1, "I forgot")


def logs(db) -> list[ReviewLogRow]:
    with db.read_session() as s:
        return list(s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)))


def state(db, card_id: str):
    with db.read_session() as s:
        return state_of(s.get(CardStateRow, card_id))


def quiz_one(service: QuizService, card_id: str, section: str, kind: str, now=LATER):
    """A quiz that contains `card_id` (the sample deck has one card per section and kind)."""
    run = service.start(now, [section], [kind], size=1, seed=0)
    assert run.items[0].card.id == card_id
    return run, run.items[0]


def test_every_answer_is_logged_as_quiz_and_moves_nothing_when_right(sample_db) -> None:
    quiz = QuizService(sample_db)
    run = quiz.start(NOW, size=14, seed=5)
    assert len(run.items) == 14 and len({i.card.id for i in run.items}) == 14
    for item in run.items:
        quiz.answer(item.item_id, right(item.card), NOW, duration_ms=1500)
    entries = logs(sample_db)
    assert len(entries) == 14
    assert {e.kind for e in entries} == {"quiz"}
    assert all(e.state_before == e.state_after for e in entries)
    assert {e.grade for e in entries} == {4, 5}  # auto-graded right = 4, self-graded 5
    assert all(e.duration_ms == 1500 and e.study_day == TODAY for e in entries)
    report = quiz.finish(run.session_id, NOW)
    assert report.summary.percent == 100.0 and not report.misses
    assert StudyService(sample_db).queue(NOW).counts == {"review": 0, "redrill": 0, "new": 14}


def test_a_miss_on_a_card_in_review_becomes_due_today_with_ef_unchanged(sample_db) -> None:
    study, quiz = StudyService(sample_db), QuizService(sample_db)
    for _ in range(2):  # into review: n=2, interval 6, EF 270
        study.answer("sample-72-1", 5, NOW if _ == 0 else NOW + timedelta(days=1))
    before = state(sample_db, "sample-72-1")
    assert before.due_day == TODAY + 7 and before.easiness == 270
    run, item = quiz_one(quiz, "sample-72-1", "7.2", "mcq", now=NOW + timedelta(days=2))
    record = quiz.answer(item.item_id, wrong(item.card), NOW + timedelta(days=2))
    after = state(sample_db, "sample-72-1")
    assert record.fed_back and after.due_day == TODAY + 2
    assert (after.easiness, after.repetitions, after.interval, after.lapses) == (270, 2, 6, 0)
    entry = logs(sample_db)[-1]
    assert entry.kind == "quiz" and entry.grade == 1
    assert entry.state_before["due_day"] == TODAY + 7 and entry.state_after["due_day"] == TODAY + 2
    due = StudyService(sample_db).queue(NOW + timedelta(days=2))
    assert [i.card_id for i in due.items if i.kind == "review"] == ["sample-72-1"]
    assert quiz.report(run.session_id).items[0].fed_back


@pytest.mark.parametrize("kind, section, card_id", [("cloze", "7.1", "sample-71-2"), ("qa", "7.5", "sample-75-2")])
def test_feed_back_for_cloze_and_self_graded_misses(sample_db, kind, section, card_id) -> None:
    StudyService(sample_db).answer(card_id, 4, NOW)  # due tomorrow
    run, item = quiz_one(QuizService(sample_db), card_id, section, kind, now=NOW)
    assert QuizService(sample_db).answer(item.item_id, wrong(item.card), NOW).fed_back
    assert state(sample_db, card_id).due_day == TODAY


def test_setting_off_keeps_the_schedule(sample_db) -> None:
    SettingsService(sample_db).update({"quiz_feeds_schedule": False})
    StudyService(sample_db).answer("sample-72-1", 5, NOW)  # due tomorrow
    before = state(sample_db, "sample-72-1")
    quiz = QuizService(sample_db)
    _, item = quiz_one(quiz, "sample-72-1", "7.2", "mcq", now=NOW)
    record = quiz.answer(item.item_id, wrong(item.card), NOW)
    assert not record.fed_back and record.before == record.after
    assert state(sample_db, "sample-72-1") == before
    assert logs(sample_db)[-1].kind == "quiz"  # still logged


def test_new_cards_and_right_answers_are_not_moved(sample_db) -> None:
    quiz = QuizService(sample_db)
    _, item = quiz_one(quiz, "sample-72-1", "7.2", "mcq")
    assert not quiz.answer(item.item_id, wrong(item.card), LATER).fed_back
    assert state(sample_db, "sample-72-1").is_new
    StudyService(sample_db).answer("sample-73-2", 5, NOW)
    before = state(sample_db, "sample-73-2")
    _, item = quiz_one(quiz, "sample-73-2", "7.3", "mcq")
    assert not quiz.answer(item.item_id, right(item.card), LATER).fed_back
    assert state(sample_db, "sample-73-2") == before


def test_suspended_cards_are_not_drawn(sample_db) -> None:
    with sample_db.session() as s:
        s.execute(update(CardStateRow).where(CardStateRow.card_id.like("sample-72-%")).values(suspended=True))
    quiz = QuizService(sample_db)
    assert "7.2" not in quiz.available()
    with pytest.raises(UserError, match="no cards to quiz in section 7.2"):
        quiz.start(NOW, ["7.2"])


def test_same_seed_same_quiz_and_kinds_filter(sample_db) -> None:
    quiz = QuizService(sample_db)
    a = quiz.start(NOW, ["7.1", "7.2", "7.3"], ["mcq", "cloze"], size=3, seed=42)
    b = quiz.start(NOW, ["7.3", "7.2", "7.1"], ["cloze", "mcq"], size=3, seed=42)
    assert [i.card.id for i in a.items] == [i.card.id for i in b.items]
    assert {i.card.kind for i in a.items} <= {"mcq", "cloze"}
    assert a.sections == ("7.1", "7.2", "7.3") and a.kinds == ("cloze", "mcq")


@pytest.mark.parametrize("kwargs, message", [
    ({"sections": ["7.9"]}, "unknown section '7.9'"),
    ({"kinds": ["essay"]}, "unknown card kind 'essay'"),
    ({"size": 0}, "quiz size must be 1 to"),
    ({"lang": "fr"}, "language must be one of"),
])
def test_bad_choices_are_refused_and_nothing_is_written(sample_db, kwargs, message) -> None:
    with pytest.raises(UserError, match=message):
        QuizService(sample_db).start(NOW, **kwargs)
    assert QuizService(sample_db).history() == []
    with sample_db.read_session() as s:
        assert s.scalars(select(QuizItemRow)).first() is None


def test_an_empty_database_says_to_import(db) -> None:
    with pytest.raises(UserError, match="quizapp import"):
        QuizService(db).start(NOW)


def test_answer_errors(sample_db) -> None:
    quiz = QuizService(sample_db)
    _, item = quiz_one(quiz, "sample-72-1", "7.2", "mcq")
    with pytest.raises(UserError, match="answer it with a choice"):
        quiz.answer(item.item_id, SelfGrade(4), NOW)
    with pytest.raises(UserError, match="from 1 to 3"):
        quiz.answer(item.item_id, ChoiceAnswer(5), NOW)
    with pytest.raises(UserError, match="no quiz item 999"):
        quiz.answer(999, ChoiceAnswer(0), NOW)
    for duration in (-1, 10**20):  # a duration SQLite cannot store is refused, not an OverflowError
        with pytest.raises(UserError, match="duration must be 0 to 86,400,000 ms"):
            quiz.answer(item.item_id, ChoiceAnswer(0), NOW, duration_ms=duration)
    assert logs(sample_db) == []  # refused answers leave nothing behind
    quiz.answer(item.item_id, ChoiceAnswer(0), NOW)
    with pytest.raises(UserError, match="already answered"):
        quiz.answer(item.item_id, ChoiceAnswer(0), NOW)
    run2, item2 = quiz_one(quiz, "sample-72-1", "7.2", "mcq")
    quiz.finish(run2.session_id, NOW)
    with pytest.raises(UserError, match="finished"):
        quiz.answer(item2.item_id, ChoiceAnswer(0), NOW)


def test_report_history_and_weakest_sections(sample_db) -> None:
    quiz = QuizService(sample_db)
    for attempt in range(2):
        run = quiz.start(NOW + timedelta(minutes=attempt), ["7.2", "7.5", "7.7"], size=6, seed=attempt)
        for item in run.items:  # 7.5 always wrong, 7.2 always right, 7.7 half
            card = item.card
            good = card.section == "7.2" or (card.section == "7.7" and card.kind == "qa")
            quiz.answer(item.item_id, right(card) if good else wrong(card), NOW)
        report = quiz.finish(run.session_id, NOW)
        assert report.summary.correct == 3 and {m.card.section for m in report.misses} == {"7.5", "7.7"}
    run = quiz.start(NOW, ["7.1"], size=2, seed=9)  # abandoned, nothing answered: not in the history
    history = quiz.history()
    assert [h.summary.percent for h in history] == [50.0, 50.0]
    assert [(s.section, s.percent) for s in history[0].summary.by_section] == [("7.2", 100.0), ("7.5", 0.0),
                                                                             ("7.7", 50.0)]
    weakest = quiz.weakest_sections(min_items=2)
    assert [(w.section, w.percent, w.items) for w in weakest] == [("7.5", 0.0, 4), ("7.7", 50.0, 4),
                                                                  ("7.2", 100.0, 4)]
    assert [w.section for w in quiz.weakest_sections(window=1, min_items=1)][-1] == "7.2"
    # a miss in a report carries its explanation and its demo
    miss = next(m for m in quiz.report(history[0].session_id).misses if m.card.id == "sample-75-2")
    assert miss.to_dict("en")["demo"] == {"id": "bn-vs-ln", "params": {}}
    assert miss.to_dict("en")["explanation"][0].startswith("Model answer: A short explanation of batch")
    assert quiz.report(run.session_id).summary.answered == 0


def test_mock_interview_round_trip(sample_db, tmp_path: Path) -> None:
    SettingsService(sample_db).update({"mock_seconds": 90})
    mock = MockInterviewService(sample_db)
    run = mock.start(NOW, ["7.2", "7.5", "7.7"], count=5, seed=1)
    assert len(run.items) == 3 and {i.card.kind for i in run.items} == {"qa"}
    assert run.seconds_per_item == 90
    first, second, third = run.items
    mock.answer(first.item_id, 4, "Momentum averages gradients.\nIt damps oscillation.", NOW, 75_000)
    mock.answer(second.item_id, 1, "", NOW, 90_000, timed_out=True)
    report = mock.finish(run.session_id, NOW)
    assert [a.grade for a in report.answers] == [4, 1, None]
    assert report.passed == 1 and report.average_grade == 2.5 and report.seconds_used == 165
    text = report.to_markdown("en")
    assert text.startswith("# Mock interview — ")
    assert "| 1 | " in text and "1:15 / 1:30" in text and "1:30 / 1:30 (time up)" in text
    assert "> Momentum averages gradients.\n> It damps oscillation." in text
    assert "*(answered aloud)*" in text and first.card.back.en in text
    path = save_markdown(report, tmp_path / "mock.md", "both")
    assert path.read_text(encoding="utf-8") == report.to_markdown("both")
    assert first.card.front.zh in path.read_text(encoding="utf-8")
    assert [e.kind for e in logs(sample_db)] == ["quiz", "quiz"]  # mock answers are logged like quiz answers
    with pytest.raises(UserError, match="does not exist"):
        save_markdown(report, tmp_path / "missing" / "mock.md")
    with pytest.raises(UserError, match="seconds per question must be"):
        mock.start(NOW, seconds=5)
    assert mock.start(NOW, count=1, seconds=None).seconds_per_item == 90


def test_mcq_choices_are_shuffled_per_quiz_and_the_report_keeps_the_order_shown(sample_db) -> None:
    from quizapp.domain.quiz import choice_order, miss_explanation

    quiz = QuizService(sample_db)
    runs = [quiz.start(NOW, (), ("mcq",), 10, seed, "en") for seed in range(12)]
    orders = [tuple(i.choice_order for i in run.items) for run in runs]
    for run in runs:
        for item in run.items:
            assert sorted(item.choice_order) == list(range(len(item.card.choices)))
    assert len(set(orders)) > 1  # each new quiz shows another order
    again = quiz.start(NOW, (), ("mcq",), 10, 3, "en")
    assert [i.card.id for i in again.items] == [i.card.id for i in runs[3].items]
    assert tuple(i.choice_order for i in again.items) == orders[3]  # the same seed shows the same order
    assert all(i.choice_order == choice_order(len(i.card.choices), 3, i.position) for i in again.items)
    # the user presses the key of the first option shown: the card choice behind it is graded
    item = next(i for i in again.items if i.choice_order[0] != i.card.correct_choice)
    shown_first = item.choice_order[0]
    record = quiz.answer(item.item_id, ChoiceAnswer(shown_first, item.choice_order), NOW)
    assert record.grade.choice == shown_first and not record.grade.correct
    report = quiz.finish(again.session_id, NOW)  # read back from the database
    reported = next(r for r in report.items if r.item_id == item.item_id)
    assert reported.choice_order == item.choice_order
    lines = miss_explanation(reported.card, reported.grade, "en", reported.choice_order)
    assert lines[0].startswith("Your answer: 1. ")
    assert lines[1].startswith(f"Right answer: {item.choice_order.index(item.card.correct_choice) + 1}. ")
