"""SM-2 exactly (docs/architecture.md § Scheduling): histories worked out by hand from the rules.

EF deltas: q=5 +10, q=4 0, q=3 -14 (hundredths); q<3 leaves EF alone and resets n.
Each grade below is a graded review on the day the card falls due.
"""
from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.sm2 import (MAX_INTERVAL_DAYS, Button, CardState, Grade, graded_review, parse_grade,
                                 preview_intervals, review)

# (grades, expected (repetitions, EF in hundredths, interval, lapses) after each)
HISTORIES = {
    "six fives": ([5, 5, 5, 5, 5, 5], [(1, 260, 1, 0), (2, 270, 6, 0), (3, 280, 17, 0), (4, 290, 50, 0),
                                       (5, 300, 150, 0), (6, 310, 465, 0)]),
    "four fours": ([4, 4, 4, 4], [(1, 250, 1, 0), (2, 250, 6, 0), (3, 250, 15, 0), (4, 250, 38, 0)]),
    "run of threes": ([3, 3, 3, 3, 3], [(1, 236, 1, 0), (2, 222, 6, 0), (3, 208, 13, 0), (4, 194, 26, 0),
                                        (5, 180, 47, 0)]),
    "EF floor at 1.30": ([3] * 10, [(1, 236, 1, 0), (2, 222, 6, 0), (3, 208, 13, 0), (4, 194, 26, 0),
                                    (5, 180, 47, 0), (6, 166, 79, 0), (7, 152, 121, 0), (8, 138, 167, 0),
                                    (9, 130, 218, 0), (10, 130, 284, 0)]),
    "lapse after three fours": ([4, 4, 4, 1, 4, 4], [(1, 250, 1, 0), (2, 250, 6, 0), (3, 250, 15, 0),
                                                      (0, 250, 1, 1), (1, 250, 1, 1), (2, 250, 6, 1)]),
    "lapse keeps EF": ([5, 5, 2, 5, 5, 5], [(1, 260, 1, 0), (2, 270, 6, 0), (0, 270, 1, 1), (1, 280, 1, 1),
                                            (2, 290, 6, 1), (3, 300, 18, 1)]),
    "new card failed first": ([0, 5, 5], [(0, 250, 1, 1), (1, 260, 1, 1), (2, 270, 6, 1)]),
    "good easy hard good": ([4, 5, 3, 4], [(1, 250, 1, 0), (2, 260, 6, 0), (3, 246, 15, 0), (4, 246, 37, 0)]),
    "easy good hard": ([5, 4, 3], [(1, 260, 1, 0), (2, 260, 6, 0), (3, 246, 15, 0)]),
    "threes then blackout": ([3, 3, 3, 0, 3], [(1, 236, 1, 0), (2, 222, 6, 0), (3, 208, 13, 0), (0, 208, 1, 1),
                                               (1, 194, 1, 1)]),
    "good good easy easy": ([4, 4, 5, 5], [(1, 250, 1, 0), (2, 250, 6, 0), (3, 260, 16, 0), (4, 270, 44, 0)]),
    "double lapse": ([5, 5, 5, 1, 1, 5], [(1, 260, 1, 0), (2, 270, 6, 0), (3, 280, 17, 0), (0, 280, 1, 1),
                                          (0, 280, 1, 2), (1, 290, 1, 2)]),
    "only failures": ([2, 2, 2], [(0, 250, 1, 1), (0, 250, 1, 2), (0, 250, 1, 3)]),
    "alternating good hard": ([4, 3, 5, 3], [(1, 250, 1, 0), (2, 236, 6, 0), (3, 246, 15, 0), (4, 232, 35, 0)]),
}


@pytest.mark.parametrize("name", HISTORIES)
def test_hand_worked_histories(name: str) -> None:
    grades, expected = HISTORIES[name]
    state, today = CardState(), 1000
    for grade, (n, ef, interval, lapses) in zip(grades, expected, strict=True):
        state = graded_review(state, grade, today)
        assert (state.repetitions, state.easiness, state.interval, state.lapses) == (n, ef, interval, lapses)
        assert state.due_day == today + interval
        today = state.due_day


def intervals_by_rule(grades: list[int], ef_start: Fraction | float, ef_step: Fraction | float,
                      cap: int = MAX_INTERVAL_DAYS) -> list[int]:
    """The SM-2 rules of the module docstring with EF in whatever number type `ef_start` has:
    Fraction gives the exact reference, float the drifting implementation SM-2 code often has.
    No interval grows past `cap` (100 years: ten 5s in a row reach it)."""
    n, ef, interval, out = 0, ef_start, 0, []
    for q in grades:
        if q >= 3:
            miss = 5 - q
            ef = max(13 * ef_step, ef + ef_step - miss * (8 + miss * 2) * ef_step / 10)
            interval = min(cap, 1 if n == 0 else 6 if n == 1 else math.ceil(interval * ef))
            n += 1
        else:
            n, interval = 0, 1
        out.append(interval)
    return out


def production_intervals(grades: list[int]) -> list[int]:
    state, today, out = CardState(), 1000, []
    for grade in grades:
        state = graded_review(state, grade, today)
        out.append(state.interval)
        today = state.due_day
    return out


@given(st.lists(st.integers(0, 5), min_size=1, max_size=25))
def test_integer_easiness_gives_the_exact_intervals(grades: list[int]) -> None:
    assert production_intervals(grades) == intervals_by_rule(grades, Fraction(5, 2), Fraction(1, 10))


def test_float_easiness_drifts_where_production_does_not() -> None:
    # Six 5s: the fifth interval is ceil(50 * EF 3.00) = 150, but 2.5 + 0.1 * 5 in floats is
    # 3.0000000000000004 and the ceiling jumps to 151; every later interval inherits the error.
    grades = [5] * 8
    exact = intervals_by_rule(grades, Fraction(5, 2), Fraction(1, 10))
    floats = intervals_by_rule(grades, 2.5, 0.1)
    assert production_intervals(grades) == exact
    assert exact[4] == 150 and floats[4] == 151
    assert all(f > e for f, e in zip(floats[4:], exact[4:], strict=True))


def test_same_day_redrill_changes_nothing_until_graded_four() -> None:
    today = 500
    after_fail = review(CardState(), 2, today)
    assert after_fail.redrill_day == today and after_fail.lapses == 1
    drilled = review(after_fail, 3, today)  # still < 4: stays in the drill, nothing else moves
    assert drilled == after_fail
    done = review(drilled, 5, today)
    assert done.redrill_day is None
    assert (done.repetitions, done.easiness, done.interval, done.due_day) == (0, 250, 1, today + 1)


def test_hard_answer_is_redrilled_but_keeps_its_interval() -> None:
    s = review(CardState(), 3, 10)
    assert s.redrill_day == 10 and s.repetitions == 1 and s.interval == 1
    assert review(s, 4, 10) == CardState(1, 236, 1, 11, 0, None)


def test_next_day_the_drill_is_over_and_review_is_graded() -> None:
    s = review(CardState(), 1, 10)
    graded = review(s, 5, 11)  # not a drill on another day: a graded review
    assert graded.repetitions == 1 and graded.easiness == 260


@pytest.mark.parametrize("text,grade", [("0", 0), ("5", 5), ("again", 1), ("HARD", 3), ("good", 4),
                                        (" easy ", 5), (3, 3)])
def test_parse_grade(text: str | int, grade: int) -> None:
    assert parse_grade(text) == grade


@pytest.mark.parametrize("text", ["6", "-1", "great", "", "4.0", "10"])
def test_parse_grade_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="grade must be 0-5"):
        parse_grade(text)


def test_buttons_map_to_sm2_grades() -> None:
    assert [int(b) for b in Button] == [1, 3, 4, 5]
    assert Grade.EASY == 5


states = st.builds(CardState, repetitions=st.integers(0, 30), easiness=st.integers(130, 400),
                   interval=st.integers(1, 5000), due_day=st.integers(0, 10**6) | st.none(),
                   lapses=st.integers(0, 50))


@given(states, st.integers(0, 5), st.integers(0, 10**6))
def test_properties_after_any_graded_review(state: CardState, q: int, today: int) -> None:
    after = graded_review(state, q, today)
    assert after.easiness >= 130
    assert after.interval >= 1
    assert after.due_day == today + after.interval


@given(states, st.integers(0, 10**6))
def test_higher_grade_never_gives_shorter_interval(state: CardState, today: int) -> None:
    intervals = preview_intervals(state, today)
    assert all(intervals[g] <= intervals[g + 1] for g in range(5))


@given(st.lists(st.integers(0, 5), max_size=40))
def test_ef_never_below_floor_over_histories(grades: list[int]) -> None:
    state, today = CardState(), 0
    for g in grades:
        state = graded_review(state, g, today)
        today = state.due_day or today
        assert state.easiness >= 130 and state.interval >= 1


def test_preview_in_todays_redrill_shows_zero_until_graded_4_or_more() -> None:
    # a review graded Hard puts the card into today's re-drill, due in its new interval
    state = graded_review(CardState(repetitions=2, easiness=250, interval=6, due_day=100), 3, 100)
    assert state.redrill_day == 100 and state.due_day == 100 + state.interval
    intervals = preview_intervals(state, 100)
    # below 4 the card comes back in this session (0 days); 4 and 5 end the drill, due day unchanged
    assert intervals == {0: 0, 1: 0, 2: 0, 3: 0, 4: state.interval, 5: state.interval}


def test_ten_perfect_answers_reach_the_hundred_year_cap_exactly() -> None:
    # The example Hypothesis found: uncapped, the tenth interval would be 37,498 days.
    grades = [4, 5, 5, 5, 5, 5, 4, 4, 5, 5]
    assert intervals_by_rule(grades, Fraction(5, 2), Fraction(1, 10), cap=10**9)[9] == 37498
    assert production_intervals(grades)[9] == MAX_INTERVAL_DAYS == 36500
