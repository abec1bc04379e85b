"""The daily reminder: next time from the setting and the clock, once a day, missed ones at once."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from quizapp.services.reminders import DueCount, due_count, next_reminder, reminder_clock, reminder_due
from quizapp.services.study import StudyService
from tests.support import CST, NOW


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    return datetime(2026, 11, 26, hour, minute, tzinfo=CST) + timedelta(days=days)


def test_next_reminder_today_tomorrow_or_now() -> None:
    assert next_reminder("09:30", at(8)) == at(9, 30)  # later today
    assert next_reminder("09:30", at(11)) == at(11)  # passed and not shown today: at once
    assert next_reminder("09:30", at(11), last_shown=date(2026, 11, 26)) == at(9, 30, days=1)
    assert next_reminder("09:30", at(8), last_shown=date(2026, 11, 25)) == at(9, 30)
    assert next_reminder("", at(8)) is None  # reminders off
    assert next_reminder("23:59", at(23, 59)) == at(23, 59)


def test_reminder_due_once_a_day() -> None:
    assert not reminder_due("09:00", at(8, 59), None)
    assert reminder_due("09:00", at(9), None) and reminder_due("09:00", at(15), date(2026, 11, 25))
    assert not reminder_due("09:00", at(15), date(2026, 11, 26))
    assert reminder_due("09:00", at(9, days=1), date(2026, 11, 26))
    assert not reminder_due("", at(15), None)


def test_bad_times_are_refused() -> None:
    for bad in ("9:00", "24:00", "noon"):
        with pytest.raises(ValueError, match="HH:MM"):
            reminder_clock(bad)
    with pytest.raises(ValueError, match="timezone-aware"):
        next_reminder("09:00", datetime(2026, 11, 26, 8))


def test_due_count_is_todays_session(sample_db) -> None:
    count = due_count(StudyService(sample_db), NOW)
    assert count == DueCount(review=0, redrill=0, new=14) and count.total == 14
    assert count.message() == "14 cards waiting: 14 new"
    assert DueCount(0, 0, 0).message().startswith("Nothing due")
    assert DueCount(1, 2, 0).message() == "3 cards waiting: 1 due, 2 to re-drill"
