"""Which scheduler predicts this person better: SM-2 or FSRS, on their own review log
(docs/fsrs.md § Evidence).

Every scheduled answer given at least one day (24 h) after the card's previous answer is a test
of a forecast: each model says how likely recall was (FSRS: its retrievability; SM-2: 90% on the
due date, srs-benchmark's reading), and the grade says what happened (recalled = grade >= 3,
FSRS's "not Again"). Same-day answers are not scored (py-fsrs's optimizer skips them too) but do
move each model's state.

The split is in time: the earliest TRAIN_FRACTION of the scored answers (and every answer
before the first test answer) fit FSRS's parameters; the later ones are the test for all three
models, SM-2, FSRS with default parameters and FSRS fitted on the earlier part, each replaying
the whole history up to the answer it predicts.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Final

from fsrs import Card, Rating

from quizapp.domain.recall_metrics import log_loss, rmse_bins, sm2_recall
from quizapp.domain.scheduler import LoggedReview, fsrs_rating
from quizapp.domain.sm2 import CardState, review
from quizapp.services.fsrs_fit import fit_parameters
from quizapp.services.fsrs_scheduler import DEFAULT_FSRS_PARAMETERS, py_fsrs_scheduler, to_card
from quizapp.i18n.text import FsrsText

TRAIN_FRACTION: Final = 0.8


# A model replays answers in time order: predict(review) before update(review).
Predict = Callable[[LoggedReview], float]
Update = Callable[[LoggedReview], None]


def is_scored(previous_at: datetime | None, at: datetime) -> bool:
    """An answer tests a forecast when the card was last answered a day (24 h) or more ago."""
    return previous_at is not None and at - previous_at >= timedelta(days=1)


def sm2_model() -> tuple[Predict, Update]:
    """SM-2 replayed on study days; recall 90% on the due date."""
    states: dict[str, CardState] = {}

    def predict(r: LoggedReview) -> float:
        state = states[r.card_id]
        assert state.due_day is not None
        return sm2_recall(r.study_day - (state.due_day - state.interval), state.interval)

    def update(r: LoggedReview) -> None:
        states[r.card_id] = review(states.get(r.card_id, CardState()), r.grade, r.study_day)

    return predict, update


def fsrs_model(parameters: Sequence[float]) -> tuple[Predict, Update]:
    """FSRS (py-fsrs) with these parameters; its retrievability is the forecast."""
    scheduler = py_fsrs_scheduler(parameters)
    cards: dict[str, Card] = {}

    def predict(r: LoggedReview) -> float:
        return float(scheduler.get_card_retrievability(cards[r.card_id], r.at.astimezone(timezone.utc)))

    def update(r: LoggedReview) -> None:
        at = r.at.astimezone(timezone.utc)  # py-fsrs takes UTC only
        card = cards.get(r.card_id) or to_card(None, at)
        cards[r.card_id], _ = scheduler.review_card(card, Rating(fsrs_rating(r.grade)), at)

    return predict, update


def predictions(reviews: Sequence[LoggedReview], model: tuple[Predict, Update],
                scored_from: datetime | None = None) -> tuple[list[float], list[int]]:
    """(forecasts, outcomes) of the scored answers at or after `scored_from` (None: all)."""
    predict, update = model
    previous: dict[str, datetime] = {}
    forecast: list[float] = []
    outcome: list[int] = []
    for r in reviews:
        if is_scored(previous.get(r.card_id), r.at) and (scored_from is None or r.at >= scored_from):
            forecast.append(predict(r))
            outcome.append(r.recalled)
        update(r)
        previous[r.card_id] = r.at
    return forecast, outcome


def scored_times(reviews: Sequence[LoggedReview]) -> list[datetime]:
    previous: dict[str, datetime] = {}
    out = []
    for r in reviews:
        if is_scored(previous.get(r.card_id), r.at):
            out.append(r.at)
        previous[r.card_id] = r.at
    return out


@dataclass(frozen=True)
class ModelScore:
    name: str  # sm2 | fsrs_default | fsrs_fitted
    log_loss: float
    rmse_bins: float
    reviews: int  # scored answers in the test part


@dataclass(frozen=True)
class Evidence:
    reviews: int  # scheduled answers in the log
    scored: int  # of them, answers a day or more after the previous one
    test_from: str | None  # ISO time of the first test answer (UTC)
    train_scored: int
    scores: list[ModelScore]
    fitted_parameters: list[float] | None  # None: too few answers to fit (defaults kept)
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"reviews": self.reviews, "scored": self.scored, "test_from": self.test_from,
                "train_scored": self.train_scored, "note": self.note,
                "scores": {s.name: {"log_loss": round(s.log_loss, 4), "rmse_bins": round(s.rmse_bins, 4),
                                    "reviews": s.reviews} for s in self.scores},
                "fitted_parameters": self.fitted_parameters}

    def summary(self) -> str:
        lines = [FsrsText.tr("%n answer(s), {scored} scored (a day or more after the previous one); test from "
                             "{test_from}", "", self.reviews).format(scored=self.scored,
                                                                     test_from=self.test_from or "-")]
        lines += ["  " + FsrsText.tr("{name} log loss {log_loss}   RMSE(bins) {rmse}   (%n answer(s))", "", s.reviews)
                  .format(name=f"{s.name:<13}", log_loss=f"{s.log_loss:.4f}", rmse=f"{s.rmse_bins:.4f}")
                  for s in self.scores]
        lines.append(self.note)
        return "\n".join(lines)


def evaluate(reviews: Sequence[LoggedReview], train_fraction: float = TRAIN_FRACTION, fit: bool = True) -> Evidence:
    """SM-2, FSRS default and FSRS fitted on the earlier part, scored on the later part."""
    if not 0 < train_fraction < 1:
        raise ValueError(FsrsText.tr(
            "the training fraction must be between 0 and 1, got {value}").format(
            value=train_fraction))
    reviews = sorted(reviews, key=lambda r: r.at)
    times = scored_times(reviews)
    if len(times) < 2:
        return Evidence(len(reviews), len(times), None, 0, [], None,
                        FsrsText.tr("too few answers given a day or more apart to compare the schedulers"))
    cut = max(1, min(len(times) - 1, int(len(times) * train_fraction)))
    test_from = times[cut]
    train = [r for r in reviews if r.at < test_from]
    fitted = fit_parameters(train) if fit else None
    models: dict[str, tuple[Predict, Update]] = {"sm2": sm2_model(),
                                                 "fsrs_default": fsrs_model(DEFAULT_FSRS_PARAMETERS)}
    if fitted is not None and fitted.parameters is not None:
        models["fsrs_fitted"] = fsrs_model(fitted.parameters)
    scores = []
    for name, model in models.items():
        forecast, outcome = predictions(reviews, model, scored_from=test_from)
        scores.append(ModelScore(name, log_loss(forecast, outcome), rmse_bins(forecast, outcome), len(outcome)))
    note = fitted.message if fitted else FsrsText.tr("not fitted (fit=False)")
    return Evidence(len(reviews), len(times), test_from.astimezone(timezone.utc).isoformat(), cut, scores,
                    fitted.parameters if fitted else None, note)
