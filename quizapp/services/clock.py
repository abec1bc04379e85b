"""The app's one clock and its one study-day rule.

Every "now" in the app (the window, the CLI, scripts) comes from `local_now()`: an aware
datetime in the machine's local zone. Every study day comes from `local_study_day(now)`, which
reads the day in the local zone whatever zone `now` carries: 09:30 in Shanghai is the same
study day whether it arrives as 09:30+08:00 (the CLI's `--now`) or as 01:30+00:00. So the
window and `quizapp due` always agree (issue 12: the window once counted days in UTC).
"""
from __future__ import annotations

from datetime import datetime, timezone

from quizapp.domain.studyday import DEFAULT_DAY_START_HOUR, study_day


def _system_now() -> datetime:
    """The one place the app reads the system time (tests patch it to pin an instant)."""
    return datetime.now(timezone.utc)


def local_now() -> datetime:
    """Now, aware, in the machine's local time zone (the TZ environment variable on POSIX)."""
    return _system_now().astimezone()


def local_study_day(now: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> int:
    """The study day of the instant `now` (aware) in the local time zone."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("local_study_day needs a timezone-aware datetime")
    return study_day(now.astimezone(), day_start_hour)
