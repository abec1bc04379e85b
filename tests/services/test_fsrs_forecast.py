"""The forecast's vectorised FSRS-6 (services/fsrs_forecast.py) against py-fsrs, card by card:
one review step, and a whole seeded simulation replayed with py-fsrs's Scheduler on the same
random draws."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from fsrs import Card, Rating, Scheduler, State

from quizapp.services.fsrs_forecast import DAY, Deck, Fsrs6, simulate
from tests.fsrs_learner import TRUE_PARAMETERS

START = datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)


def _scheduler(parameters, retention: float, cap: int) -> Scheduler:
    # the simulation's choices: no learning steps, no fuzz
    return Scheduler(parameters=parameters, desired_retention=retention, learning_steps=(), relearning_steps=(),
                     maximum_interval=cap, enable_fuzzing=False)


def _card(stability: float, difficulty: float, last: int, due: int) -> Card:
    return Card(card_id=1, state=State.Review, step=None, stability=stability, difficulty=difficulty,
                due=START + timedelta(seconds=int(due)), last_review=START + timedelta(seconds=int(last)))


@pytest.mark.parametrize("parameters", [(), TRUE_PARAMETERS], ids=["default", "custom"])
def test_one_review_step_is_py_fsrs_review_card(parameters) -> None:
    rng = np.random.default_rng(3)
    n = 400
    stability = rng.uniform(0.05, 200, n)
    difficulty = rng.uniform(1, 10, n)
    elapsed = rng.integers(0, 120, n)  # 0: the short-term formula
    rating = rng.integers(1, 5, n)
    model = Fsrs6(parameters, 0.87, 400)
    new_s, new_d = model.review_step(stability, difficulty, elapsed, rating)
    intervals = model.interval(new_s)
    reference = _scheduler(model.w, 0.87, 400)
    for i in range(n):
        card = _card(stability[i], difficulty[i], 0, 0)
        at = START + timedelta(days=int(elapsed[i]), hours=3)
        after, _ = reference.review_card(card, Rating(int(rating[i])), at)
        assert new_s[i] == pytest.approx(after.stability, rel=1e-12)
        assert new_d[i] == pytest.approx(after.difficulty, rel=1e-12, abs=1e-12)
        assert START + timedelta(days=int(elapsed[i]), hours=3) + timedelta(days=int(intervals[i])) == after.due
    assert len(set(intervals.tolist())) > 50  # a spread of intervals, capped ones included
    assert intervals.max() == 400


def _py_fsrs_simulation(deck: Deck, parameters, retention: float, cap: int, days: int, new_per_day: int,
                        seed: int) -> tuple[list[int], float]:
    """The same simulation card by card with py-fsrs, drawing the same random numbers in the
    same order (each day: one draw per due card in deck order, then one per new card)."""
    rng = np.random.default_rng(seed)
    scheduler = _scheduler(parameters, retention, cap)
    cards = [_card(s, d, last, due) for s, d, last, due in zip(deck.stability, deck.difficulty, deck.last, deck.due)]
    waiting, reviews = deck.new_cards, [0] * days
    for day in range(days):
        at = START + timedelta(days=day)
        todays = [i for i, c in enumerate(cards) if c.due < at + timedelta(days=1)]
        draws = rng.random(len(todays))
        for i, u in zip(todays, draws):
            when = max(cards[i].due, at)
            recalled = u < scheduler.get_card_retrievability(cards[i], when)
            cards[i], _ = scheduler.review_card(cards[i], Rating.Good if recalled else Rating.Again, when)
            reviews[day] += 1 if recalled else 2
        fresh = min(new_per_day, waiting)
        waiting -= fresh
        for u in rng.random(fresh):
            rating = Rating.Good if u < deck.first_recall else Rating.Again
            card, _ = scheduler.review_card(Card(card_id=2, due=at), rating, at)
            cards.append(card)
            reviews[day] += 1 if rating == Rating.Good else 2
    end = START + timedelta(days=days)
    recall = [scheduler.get_card_retrievability(c, end) for c in cards]
    return reviews, sum(recall) / len(recall)


@pytest.mark.parametrize("retention", [0.7, 0.9, 0.95])
def test_the_vectorised_simulation_is_py_fsrs_card_by_card(retention) -> None:
    rng = np.random.default_rng(11)
    n = 300
    last = -rng.integers(0, 60 * DAY, n)
    stability = rng.uniform(0.3, 90, n)
    deck = Deck(stability, rng.uniform(1, 10, n), last, last + rng.integers(1, 40, n) * DAY + rng.integers(0, 3600, n),
                new_cards=40, first_recall=0.7)
    outlook = simulate(deck, Fsrs6(TRUE_PARAMETERS, retention, 365), days=45, new_per_day=4, seed=5)
    reviews, recall_at_end = _py_fsrs_simulation(deck, TRUE_PARAMETERS, retention, 365, 45, 4, seed=5)
    assert outlook.reviews_per_day == reviews
    assert outlook.recall_at_end == pytest.approx(recall_at_end, rel=1e-9)
    assert sum(reviews) > n  # the run reviewed every card at least once, new ones included
