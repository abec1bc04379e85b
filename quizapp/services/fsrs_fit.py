"""Fitting the 21 FSRS-6 parameters to the person's review log with py-fsrs's optimizer
(docs/fsrs.md § Fitting). The optimizer needs torch: it is imported only when a fit runs.

py-fsrs trains on answers given a day or more after the card's previous answer and keeps its
defaults below one mini-batch (MIN_SCORED = 512) of them; this module says so instead of
returning the defaults as if they were fitted. Only scheduled answers are training data: quiz
and mock-interview answers are not reviews the scheduler planned (they come at the quiz's time,
not the card's), so they would teach FSRS the wrong forgetting curve.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta, timezone
from typing import Final

from quizapp.domain.scheduler import LoggedReview, fsrs_rating

MIN_SCORED: Final = 512  # py-fsrs's mini-batch: with fewer, its optimizer returns the defaults


@dataclass(frozen=True)
class Fit:
    parameters: list[float] | None  # None: too few answers, the defaults stay
    scored: int  # answers a day or more after the card's previous one (what the optimizer learns from)
    message: str


def scored_count(reviews: Sequence[LoggedReview]) -> int:
    previous: dict[str, LoggedReview] = {}
    n = 0
    for r in sorted(reviews, key=lambda r: r.at):
        last = previous.get(r.card_id)
        n += last is not None and r.at - last.at >= timedelta(days=1)
        previous[r.card_id] = r
    return n


def fit_parameters(reviews: Sequence[LoggedReview], progress: Callable[[str], None] | None = None) -> Fit:
    """py-fsrs's Optimizer over these answers (any order); the defaults stay below MIN_SCORED."""
    scored = scored_count(reviews)
    if scored < MIN_SCORED:
        return Fit(None, scored, f"{scored} answers a day or more apart; FSRS needs {MIN_SCORED} to fit its "
                                 "parameters, so the defaults stay")
    if progress:
        progress(f"fitting FSRS to {len(reviews)} answers ({scored} scored)...")
    from fsrs import Rating, ReviewLog
    from fsrs.optimizer import Optimizer  # imports torch

    numbers: dict[str, int] = {}
    logs = [ReviewLog(card_id=numbers.setdefault(r.card_id, len(numbers)), rating=Rating(fsrs_rating(r.grade)),
                      review_datetime=r.at.astimezone(timezone.utc), review_duration=None) for r in reviews]
    parameters = [float(x) for x in Optimizer(logs).compute_optimal_parameters()]
    return Fit(parameters, scored, f"fitted to {scored} answers a day or more apart")
