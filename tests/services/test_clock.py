"""The study day is the day on the user's wall clock, whichever zone a datetime carries, so
the CLI (`--now` with any offset, or its default clock) and the window (its default clock)
always agree. Issue 12: the window once passed UTC and the CLI local time, and for a user at
UTC+8 they disagreed every morning between 04:00 and 12:00."""
from __future__ import annotations

import os
import time
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp import cli
from quizapp.domain.studyday import study_day
from quizapp.services import clock

ZONES = sorted(z for z in zoneinfo.available_timezones() if not z.startswith(("SystemV/", "posix", "right")))
INSTANTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1),
                        timezones=st.just(timezone.utc))


@contextmanager
def system_zone(name: str) -> Iterator[None]:
    """The process's local zone set to `name` for the block (POSIX TZ), then restored."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")


@settings(max_examples=400, deadline=None)
@given(user_zone=st.sampled_from(ZONES), other_zone=st.sampled_from(ZONES), instant=INSTANTS,
       day_start=st.integers(0, 23))
def test_cli_and_window_agree_on_the_study_day(user_zone: str, other_zone: str, instant: datetime,
                                               day_start: int) -> None:
    wall_clock_day = study_day(instant.astimezone(zoneinfo.ZoneInfo(user_zone)), day_start)
    with system_zone(user_zone), mock.patch.object(clock, "_system_now", lambda: instant):
        window = clock.local_study_day(clock.local_now(), day_start)  # the window's default clock
        cli_default = clock.local_study_day(cli.parse_now(None), day_start)
        # --now written with any offset, as a user or a script might pass it
        written = instant.astimezone(zoneinfo.ZoneInfo(other_zone)).isoformat()
        cli_given = clock.local_study_day(cli.parse_now(written), day_start)
        in_utc = clock.local_study_day(instant, day_start)
    assert window == cli_default == cli_given == in_utc == wall_clock_day


def test_local_now_is_aware_and_local() -> None:
    with system_zone("Asia/Shanghai"):
        now = clock.local_now()
    assert now.utcoffset() == timedelta(hours=8)


def test_local_study_day_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        clock.local_study_day(datetime(2026, 11, 26, 9, 0))
