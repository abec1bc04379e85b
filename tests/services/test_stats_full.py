"""Statistics: answers per day by kind in 30/90/365-day windows, the calendar, time spent,
grades, retention young vs mature, forecast, EF and interval distributions, streak — quiz
answers and undone answers never count as reviews — and `quizapp stats --json` prints the same."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from quizapp.cli import main
from quizapp.domain.quiz import ChoiceAnswer
from quizapp.domain.studyday import study_day
from quizapp.services.card_editing import CardEditingService
from quizapp.services.quiz import QuizService
from quizapp.services.stats import CALENDAR_DAYS, FORECAST_DAYS, MATURE_INTERVAL_DAYS, StatsService
from quizapp.services.study import StudyService
from tests.support import NOW, db_arg

TODAY = study_day(NOW)


def day(offset: int):  # noqa: ANN201 - a datetime `offset` days from NOW
    return NOW + timedelta(days=offset)


@pytest.fixture
def history(sample_db):
    """sample-71-1 answered 5 at its due days until mature (intervals 1, 6, 17, 50), then failed
    six days ago; sample-72-2 new yesterday, failed and re-drilled today; one answer undone; one
    quiz answer; one card suspended."""
    study = StudyService(sample_db)
    offset = -80
    for _ in range(4):  # new, then three reviews: EF 2.6 -> 2.9
        outcome = study.answer("sample-71-1", 5, day(offset), 10_000)
        offset += outcome.after.interval
    assert offset == -6 and outcome.after.interval == 50
    study.answer("sample-71-1", 2, day(offset), 20_000)  # a mature card forgotten: review, failed
    study.answer("sample-72-2", 4, day(-1), 6_000)
    study.answer("sample-72-2", 2, NOW, 30_000)  # review failed -> re-drill today
    study.answer("sample-72-2", 4, NOW + timedelta(minutes=5), 4_000)  # the re-drill
    study.answer("sample-73-1", 3, NOW, 1_000)
    study.undo()  # sample-73-1's answer: counts nowhere
    quiz = QuizService(sample_db)
    run = quiz.start(NOW, ["7.2"], ["mcq"], size=1, seed=0)
    quiz.answer(run.items[0].item_id, ChoiceAnswer(1), NOW, duration_ms=50_000)
    CardEditingService(sample_db).set_suspended(["sample-77-2"], True)
    return sample_db


def test_answers_per_day_by_kind_exclude_quiz_and_undone(history) -> None:
    db = history
    stats = StatsService(db).collection(NOW, days=30)
    per_day = {d.day: d for d in stats.answers_per_day}
    assert len(stats.answers_per_day) == 30 and stats.answers_per_day[-1].day == TODAY
    assert (per_day[TODAY].review, per_day[TODAY].redrill, per_day[TODAY].new) == (1, 1, 0)
    assert per_day[TODAY - 1].new == 1
    assert stats.quiz_answers == 1 and abs(stats.quiz_minutes - 50 / 60) < 1e-9
    assert stats.minutes_per_day[-1] == (TODAY, pytest.approx(34 / 60))  # 30 s + 4 s; not the quiz's 50 s
    assert stats.grades == {0: 0, 1: 0, 2: 2, 3: 0, 4: 2, 5: 0}  # in the window only
    everything = StatsService(db).collection(NOW, days=365)
    assert len(everything.answers_per_day) == 365 and everything.answers == 8
    assert everything.grades == {0: 0, 1: 0, 2: 2, 3: 0, 4: 2, 5: 4}
    assert sum(n for _, n in everything.calendar) == 8 and len(everything.calendar) == CALENDAR_DAYS
    assert StatsService(db).collection(NOW, days=90).answers == 8


def test_retention_splits_young_and_mature(history) -> None:
    db = history
    stats = StatsService(db).collection(NOW, days=365)
    # graded reviews (kind 'review'): sample-71-1 at intervals 1, 6, 17 (young, passed) and 50
    # (mature, failed); sample-72-2 at interval 1 (young, failed). Re-drills and new cards: none.
    assert stats.retention_counts == {"all": (3, 5), "young": (3, 4), "mature": (0, 1)}
    assert stats.retention == {"all": 0.6, "young": 0.75, "mature": 0.0}
    assert MATURE_INTERVAL_DAYS == 21


def test_card_counts_forecast_and_distributions(history) -> None:
    db = history
    stats = StatsService(db).collection(NOW, days=30)
    c = stats.cards
    assert c["total"] == 14 and c["suspended"] == 1
    assert c["new"] + c["learning"] + c["young"] + c["mature"] + c["suspended"] == 14
    assert c["learning"] == 2 and c["new"] == 11  # both lapsed cards have repetitions 0
    assert len(stats.forecast) == FORECAST_DAYS
    assert stats.forecast[0] == (TODAY, 1)  # sample-71-1, overdue since 5 days, counts on today
    assert stats.forecast[1] == (TODAY + 1, 1)  # sample-72-2, failed today
    assert sum(b.count for b in stats.ef_bins) == 2  # scheduled, unsuspended cards
    assert sum(b.count for b in stats.interval_bins) == 0  # none has repetitions > 0 now
    ef_bin = next(b for b in stats.ef_bins if b.count == 1 and b.low <= 290 < (b.high or 999))
    assert ef_bin.low == 290


def test_streak_counts_consecutive_study_days(history) -> None:
    db = history
    assert StatsService(db).collection(NOW).streak == 2  # yesterday and today
    assert StatsService(db).collection(NOW + timedelta(days=1)).streak == 2  # tomorrow, before studying
    assert StatsService(db).collection(NOW + timedelta(days=2)).streak == 0


def test_cli_stats_json_prints_the_same_numbers(history, capsys) -> None:
    db = history
    for days in (30, 365):
        code = main(["stats", "--db", db_arg(db), "--now", NOW.isoformat(), "--days", str(days), "--json"])
        assert code == 0
        printed = json.loads(capsys.readouterr().out)
        assert printed == json.loads(json.dumps(StatsService(db).collection(NOW, days=days).to_dict()))
    assert printed["summary"]["answers"] == 8 and printed["summary"]["quiz_answers"] == 1
    assert printed["retention_counts"]["mature"] == {"passed": 0, "reviews": 1}
    assert [b["count"] for b in printed["easiness_histogram"]].count(1) == 2


def test_a_new_card_with_repetitions_counts_once_as_new(sample_db) -> None:
    """A deck file's schedule may give repetitions without a due date: the card is new (the
    browser's state, domain/browse.py: card_state), not also young or mature."""
    from sqlalchemy import update

    from quizapp.store.models import CardStateRow

    with sample_db.session() as session:
        session.execute(update(CardStateRow).where(CardStateRow.card_id == "sample-71-1")
                        .values(repetitions=3, interval=60, due_day=None))
    c = StatsService(sample_db).collection(NOW, days=30).cards
    assert c["new"] == 14 and c["young"] == c["mature"] == c["learning"] == 0
    progress = StatsService(sample_db).sections()
    assert sum(p.mature for p in progress.values()) == 0 and sum(p.unseen for p in progress.values()) == 14
