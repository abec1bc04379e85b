"""What one answer is (domain.review): the kind rule and the before/after record."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.queue import Limits, build_queue
from quizapp.domain.review import review_card, review_kind
from quizapp.domain.sm2 import CardState, review

TODAY = 100
NEW = CardState()
DUE = CardState(repetitions=2, easiness=250, interval=6, due_day=TODAY, lapses=0)
DRILL = CardState(repetitions=0, easiness=250, interval=1, due_day=TODAY + 1, lapses=1, redrill_day=TODAY)


def test_the_kind_of_an_answer() -> None:
    assert review_kind(NEW, TODAY) == "new"
    assert review_kind(DUE, TODAY) == "review"
    assert review_kind(DRILL, TODAY) == "redrill"
    # yesterday's drill is over: the card is answered as a graded review again
    assert review_kind(DRILL, TODAY + 1) == "review"


def test_a_review_records_the_states_before_and_after() -> None:
    r = review_card(DUE, 4, TODAY)
    assert (r.kind, r.grade, r.today, r.before) == ("review", 4, TODAY, DUE)
    assert (r.after.repetitions, r.after.interval, r.after.due_day) == (3, 15, TODAY + 15)
    assert not r.back_today
    miss = review_card(NEW, 1, TODAY)
    assert miss.kind == "new" and miss.after.lapses == 1 and miss.back_today


def test_a_redrill_changes_nothing_but_the_drill() -> None:
    still = review_card(DRILL, 3, TODAY)
    assert still.kind == "redrill" and still.after == DRILL and still.back_today
    done = review_card(DRILL, 4, TODAY)
    assert done.after.redrill_day is None and done.after.due_day == DRILL.due_day and not done.back_today


states = st.builds(CardState, repetitions=st.integers(0, 5), easiness=st.integers(130, 300),
                   interval=st.integers(0, 60), due_day=st.none() | st.integers(80, 120),
                   lapses=st.integers(0, 3), redrill_day=st.none() | st.integers(98, 101))


@given(states, st.integers(0, 5))
def test_review_card_is_sm2_review_plus_its_kind(state: CardState, grade: int) -> None:
    r = review_card(state, grade, TODAY)
    assert r.after == review(state, grade, TODAY) and r.kind == review_kind(state, TODAY)


@given(states)
def test_the_queue_lists_a_card_under_the_kind_its_answer_will_have(state: CardState) -> None:
    entries = build_queue([("c", 0, state, False)], TODAY, Limits(10, 10))
    for entry in entries:
        assert entry.kind == review_card(state, 4, TODAY).kind
