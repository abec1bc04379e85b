"""The study day: a day that starts at 04:00 local time (a setting), so a late-night session
still counts as the evening before. Days are numbered as proleptic Gregorian ordinals."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from quizapp.i18n.text import StudyText

DEFAULT_DAY_START_HOUR = 4


def study_day(now: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> int:
    """The study day of `now`, in the time zone `now` carries (it must be aware)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("study_day needs a timezone-aware datetime")
    if not 0 <= day_start_hour <= 23:
        raise ValueError(StudyText.tr("day start hour must be 0-23, got {hour}").format(hour=day_start_hour))
    return (now - timedelta(hours=day_start_hour)).date().toordinal()


def day_to_date(day: int) -> date:
    return date.fromordinal(day)
