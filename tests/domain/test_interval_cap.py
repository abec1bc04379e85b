"""The interval cap (issue 21 item 3): SM-2 intervals stop at `max_interval` days (default
36,500, as FSRS and Anki do), so no answer can push a due date past what a date can hold."""
from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain import settings as rules
from quizapp.domain.sm2 import MAX_INTERVAL_DAYS, CardState, graded_review, preview_intervals, review

TODAY = date(2026, 11, 26).toordinal()


def test_repeated_early_easy_answers_stop_at_the_cap() -> None:
    state = CardState()
    intervals = []
    for _ in range(60):  # "easy" again and again on the same day, long before the card is due
        state = review(state, 5, TODAY)
        intervals.append(state.interval)
        date.fromordinal(state.due_day)  # always a printable date
    assert MAX_INTERVAL_DAYS == 36_500
    assert max(intervals) == 36_500 and intervals[-1] == 36_500
    # below the cap the rule is SM-2's: 1, 6, then ceil(I * EF / 100)
    assert intervals[:5] == [1, 6, 17, 50, 150]


def test_a_smaller_cap_and_the_previews_follow_it() -> None:
    state = CardState(repetitions=5, easiness=300, interval=25, due_day=TODAY)
    assert graded_review(state, 5, TODAY, max_interval=30).interval == 30
    assert graded_review(state, 5, TODAY).interval == 78  # the default cap is far away
    assert preview_intervals(state, TODAY, max_interval=30) == {0: 1, 1: 1, 2: 1, 3: 30, 4: 30, 5: 30}
    assert review(state, 1, TODAY, max_interval=30).interval == 1


@given(interval=st.integers(0, 10**9), easiness=st.integers(130, 10_000), quality=st.integers(0, 5),
       cap=st.integers(1, 36_500))
def test_no_interval_exceeds_the_cap(interval: int, easiness: int, quality: int, cap: int) -> None:
    state = CardState(repetitions=3, easiness=easiness, interval=interval, due_day=TODAY)
    assert 1 <= graded_review(state, quality, TODAY, max_interval=cap).interval <= cap


def test_the_cap_is_a_setting() -> None:
    assert rules.Settings().max_interval_days == 36_500
    assert rules.validate({"max_interval_days": 30}) == []
    assert rules.validate({"max_interval_days": 36_501}) == [
        "max_interval_days: must be a whole number from 1 to 36500 (got 36501)"]
