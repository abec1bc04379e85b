"""Fitting the 21 FSRS-6 parameters to the person's review log with fsrs-rs, the Rust optimizer
Anki itself uses (`fsrs-rs-python`; docs/fsrs.md § Fitting). No torch: thousands of answers
fit in milliseconds.

The log becomes fsrs-rs's training items the way Anki builds them: one item per answer given on
a later study day than the card's previous answer (the one whose recall it tests), carrying the
card's whole history up to it, the gaps counted in study days (same-day answers have gap 0 and
teach the short-term terms). With too few items the optimizer returns its defaults unchanged:
this module says so instead of passing the defaults off as fitted.

Only scheduled answers are training data (`services/scheduling.py: logged_reviews`): quiz and
mock-interview answers are not reviews the scheduler planned (they come at the quiz's time, not
the card's), so they would teach FSRS the wrong forgetting curve.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import fsrs_rs_python as fsrs_rs

from quizapp.domain.scheduler import LoggedReview, fsrs_rating
from quizapp.i18n.text import QT_TRANSLATE_NOOP, FsrsText

OPTIMIZER_DEFAULTS: Final = tuple(float(x) for x in fsrs_rs.DEFAULT_PARAMETERS)

# the stages a fit reports (the optimizer itself has no progress callback: it takes milliseconds)
STAGES: Final = (QT_TRANSLATE_NOOP("FsrsText", "reading the review log"),
                  QT_TRANSLATE_NOOP("FsrsText", "building the training items"),
                  QT_TRANSLATE_NOOP("FsrsText", "fitting"), QT_TRANSLATE_NOOP("FsrsText", "scoring old and new"))


class FitCancelled(Exception):
    """The person cancelled the fit between two stages; nothing was stored."""


@dataclass(frozen=True)
class LogScore:
    """How well a parameter set predicts the whole log (fsrs-rs's evaluation of the items)."""

    log_loss: float
    rmse_bins: float


@dataclass(frozen=True)
class Fit:
    parameters: list[float] | None  # None: too few answers, the current parameters stay
    items: int  # training items: answers on a later study day than the card's previous one
    message: str
    before: LogScore | None = None  # the current parameters on the same items
    after: LogScore | None = None  # the fitted ones


# stage index, stage count, what happens; raise FitCancelled to stop
Progress = Callable[[int, int, str], None]


def training_histories(reviews: Sequence[LoggedReview]) -> list[list[tuple[int, int]]]:
    """The training items as (FSRS rating, study days since the card's previous answer) lists,
    as Anki builds them from its revlog: for every answer on a later study day than the card's
    previous one, the card's history up to and including it."""
    history: dict[str, list[tuple[int, int]]] = {}
    last_day: dict[str, int] = {}
    items = []
    for r in sorted(reviews, key=lambda r: r.at):
        past = history.setdefault(r.card_id, [])
        gap = r.study_day - last_day[r.card_id] if r.card_id in last_day else 0
        past.append((fsrs_rating(r.grade), gap))
        last_day[r.card_id] = r.study_day
        if gap > 0:
            items.append(list(past))
    return items


def training_items(reviews: Sequence[LoggedReview]) -> list[fsrs_rs.FSRSItem]:
    """fsrs-rs's items of `training_histories`."""
    return [fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(rating, gap) for rating, gap in item])
            for item in training_histories(reviews)]


def score(parameters: Sequence[float], items: Sequence[fsrs_rs.FSRSItem]) -> LogScore:
    evaluation = fsrs_rs.FSRS(list(parameters)).evaluate(items)
    return LogScore(float(evaluation.log_loss), float(evaluation.rmse_bins))


def fit_parameters(reviews: Sequence[LoggedReview], current: Sequence[float] = (),
                   progress: Progress | None = None) -> Fit:
    """fsrs-rs's optimizer over these scheduled answers (any order). `current` (empty: the
    defaults) is what the fit is compared with. The defaults stay when the optimizer needs more."""
    def stage(n: int) -> None:
        if progress is not None:
            progress(n, len(STAGES), FsrsText.tr(STAGES[n]))

    stage(1)
    histories = training_histories(reviews)
    items = [fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(rating, gap) for rating, gap in item]) for item in histories]
    if not items:
        return Fit(None, 0, FsrsText.tr("no answer was given on a later day than the card's previous one: nothing "
                                        "to fit, the parameters stay"))
    stage(2)
    fitted = [float(x) for x in fsrs_rs.FSRS(list(OPTIMIZER_DEFAULTS)).compute_parameters(items)]
    if tuple(fitted) == OPTIMIZER_DEFAULTS:  # fsrs-rs's answer when the items are too few to learn from
        cards = sum(1 for item in histories if sum(gap > 0 for _, gap in item) == 1)
        return Fit(None, len(items), FsrsText.tr(
            "too few answers for the FSRS optimizer: it kept its defaults for %n answer(s) on a later day than the "
            "card's previous one ({cards} cards); the parameters stay", "", len(items)).format(cards=cards))
    stage(3)
    old = list(current) or list(OPTIMIZER_DEFAULTS)
    return Fit(fitted, len(items), FsrsText.tr("fitted to %n answer(s) on a later day than the card's previous one",
                                               "", len(items)),
               score(old, items), score(fitted, items))
