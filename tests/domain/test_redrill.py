"""When a missed card comes back today (domain/redrill.py) and where the queue puts it
(domain/queue.py): after its learning step AND after enough other cards, never at once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.queue import Limits, build_queue
from quizapp.domain.redrill import (DrillTrack, Spacing, arrange, format_steps, parse_steps, ready_at, readiness,
                                    tracks_from_answers)
from quizapp.domain.settings import Settings, validate
from quizapp.domain.sm2 import CardState

T0 = datetime(2026, 11, 26, 1, 0, tzinfo=timezone.utc)
TODAY = 100
DRILLED = CardState(0, 250, 1, TODAY + 1, 1, redrill_day=TODAY)


def test_steps_parse_like_ankis_learning_steps() -> None:
    assert parse_steps("1m 10m") == (1, 10)
    assert parse_steps("5 1h") == (5, 60)
    assert format_steps((1, 10, 60)) == "1m 10m 1h"
    for bad in ("", "0m", "10s", "1m x", "25h"):
        with pytest.raises(ValueError):
            parse_steps(bad)
    assert Settings().spacing == Spacing((1, 10), 3)
    assert validate({"redrill_steps": "1m 10m 1h", "redrill_cards_between": 5}) == []
    assert validate({"redrill_steps": "soon"})[0].startswith("redrill_steps: 'soon' is not a step")
    assert validate({"redrill_cards_between": -1})


def test_tracks_count_each_cards_answers_and_the_answers_since() -> None:
    answers = [("a", T0), ("b", T0 + timedelta(seconds=10)), ("a", T0 + timedelta(seconds=20)),
               ("c", T0 + timedelta(seconds=30)), ("d", T0 + timedelta(seconds=40))]
    tracks = tracks_from_answers(answers)
    assert tracks["a"] == DrillTrack(2, T0 + timedelta(seconds=20), 2)
    assert tracks["b"] == DrillTrack(1, T0 + timedelta(seconds=10), 3)
    assert tracks["d"] == DrillTrack(1, T0 + timedelta(seconds=40), 0)


def test_the_first_return_waits_the_first_step_later_returns_the_last() -> None:
    spacing = Spacing((1, 10), cards_between=2)
    missed = DrillTrack(1, T0, 0)  # the miss that began the drill
    assert ready_at(missed, spacing) == T0 + timedelta(minutes=1)
    assert ready_at(DrillTrack(2, T0, 0), spacing) == T0 + timedelta(minutes=10)
    assert ready_at(DrillTrack(7, T0, 0), spacing) == T0 + timedelta(minutes=10)
    assert ready_at(DrillTrack(), spacing) is None  # drilled without an answer today: at once
    # time first, then cards
    assert readiness(DrillTrack(1, T0, 5), spacing, T0 + timedelta(seconds=59)) == "waiting"
    assert readiness(DrillTrack(1, T0, 1), spacing, T0 + timedelta(minutes=1)) == "held"
    assert readiness(DrillTrack(1, T0, 2), spacing, T0 + timedelta(minutes=1)) == "ready"


def test_queue_puts_ready_drills_first_held_ones_after_the_rest_and_waiting_ones_last() -> None:
    cards = [("ready", 1, DRILLED, False), ("held", 2, DRILLED, False), ("waiting", 3, DRILLED, False),
             ("due", 4, CardState(1, 250, 1, TODAY, 0), False), ("new", 5, CardState(), False)]
    now = T0 + timedelta(minutes=5)
    drills = {"ready": DrillTrack(1, T0, 3), "held": DrillTrack(1, T0, 1), "waiting": DrillTrack(2, T0, 9)}
    q = build_queue(cards, TODAY, Limits(5, 5), drills=drills, now=now, spacing=Spacing((1, 10), 3))
    assert [(e.card_id, e.ready_at) for e in q] == [("ready", None), ("due", None), ("new", None), ("held", None),
                                                    ("waiting", T0 + timedelta(minutes=10))]


@given(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=40), st.integers(0, 5),
       st.lists(st.integers(1, 30), min_size=1, max_size=3), st.integers(0, 40 * 60))
def test_the_card_just_answered_never_comes_straight_back(order: list[str], between: int, steps: list[int],
                                                          seconds: int) -> None:
    """Whatever happened today, a drilled card answered last is never ready before its step."""
    spacing = Spacing(tuple(steps), between)
    answers = [(c, T0 + timedelta(seconds=i * seconds / max(1, len(order)))) for i, c in enumerate(order)]
    tracks = tracks_from_answers(answers)
    last_card, last_at = answers[-1]
    now = last_at + timedelta(seconds=59)  # under every step (>= 1 minute)
    result = arrange(sorted(tracks), tracks, spacing, now)
    assert last_card in [c for c, _ in result.waiting]
    for card_id, at in result.waiting:
        assert at > now and at == ready_at(tracks[card_id], spacing)
    for card_id in result.ready + result.held:
        at = ready_at(tracks[card_id], spacing)
        assert at is not None and at <= now
    for card_id in result.ready:
        assert tracks[card_id].answers_since >= between
    assert sorted(result.ready + result.held + [c for c, _ in result.waiting]) == sorted(tracks)
