from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.queue import Limits, build_queue, in_todays_lists
from quizapp.domain.sm2 import CardState
from quizapp.domain.studyday import study_day

CST = timezone(timedelta(hours=8))


def test_study_day_starts_at_four_local_time() -> None:
    evening = datetime(2026, 11, 26, 23, 30, tzinfo=CST)
    after_midnight = datetime(2026, 11, 27, 3, 59, tzinfo=CST)
    morning = datetime(2026, 11, 27, 4, 0, tzinfo=CST)
    assert study_day(evening) == study_day(after_midnight)
    assert study_day(morning) == study_day(evening) + 1


def test_study_day_uses_the_time_zone_it_is_given() -> None:
    utc = datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)  # 05:00 on the 27th in UTC+8
    assert study_day(utc.astimezone(CST)) == study_day(utc) + 1


def test_study_day_needs_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        study_day(datetime(2026, 1, 1))


def test_custom_day_start() -> None:
    t = datetime(2026, 11, 27, 5, 0, tzinfo=CST)
    assert study_day(t, 6) == study_day(t, 4) - 1


def test_queue_order_and_limits() -> None:
    today = 100
    cards = [
        ("new-b", 5, CardState(), False),
        ("new-a", 1, CardState(), False),
        ("due-late", 3, CardState(2, 250, 6, 90, 0), False),
        ("due-now", 2, CardState(1, 250, 1, 100, 0), False),
        ("future", 4, CardState(1, 250, 1, 101, 0), False),
        ("drill", 6, CardState(0, 250, 1, 101, 1, redrill_day=100), False),
        ("suspended", 0, CardState(2, 250, 6, 50, 0), True),
    ]
    q = build_queue(cards, today, Limits(new_per_day=1, reviews_per_day=10))
    # a re-drill never answered today is ready: it goes first (domain/redrill.py)
    assert [(e.card_id, e.kind) for e in q] == [("drill", "redrill"), ("due-late", "review"), ("due-now", "review"),
                                                  ("new-a", "new")]
    q = build_queue(cards, today, Limits(new_per_day=5, reviews_per_day=1), new_done_today=4, reviews_done_today=0)
    assert [e.card_id for e in q] == ["drill", "due-late", "new-a"]


@given(st.lists(st.tuples(st.integers(0, 30) | st.none(), st.booleans(), st.booleans()), max_size=60),
       st.integers(0, 10), st.integers(0, 10))
def test_queue_invariants(rows: list, new_limit: int, review_limit: int) -> None:
    today = 20
    cards = [(f"c{i}", i, CardState(1 if due is not None else 0, 250, 1, due, 0,
                                   today if drill and due is not None else None), susp)
             for i, (due, drill, susp) in enumerate(rows)]
    q = build_queue(cards, today, Limits(new_limit, review_limit))
    kinds = [e.kind for e in q]
    assert kinds == sorted(kinds, key=["redrill", "review", "new"].index)  # without a time, every drill is ready
    assert kinds.count("new") <= new_limit and kinds.count("review") <= review_limit
    assert len({e.card_id for e in q}) == len(q)


@given(st.integers(0, 6) | st.none(), st.integers(0, 6) | st.none(), st.integers(0, 3))
def test_in_todays_lists_is_where_build_queue_places_a_card(due_day: int | None, redrill_day: int | None,
                                                            repetitions: int) -> None:
    today = 3
    state = CardState(repetitions=repetitions, interval=1, due_day=due_day, redrill_day=redrill_day)
    placed = build_queue([("c", 0, state, False)], today, Limits(100, 100))
    assert in_todays_lists(state, today) == bool(placed)
