"""FSRS's use cases over a Database: fitting the parameters to the review log, the evidence of
which scheduler predicts the person better, and the forecast (docs/fsrs.md). Tools → Optimize
and `quizapp fsrs optimize` both call `fit` then `save_parameters` (`optimize` = both)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from quizapp.services.changes import NOTHING, SETTINGS, Changes
from quizapp.services.fsrs_evidence import TRAIN_FRACTION, Evidence, evaluate
from quizapp.services.fsrs_fit import STAGES, Fit, Progress, fit_parameters
from quizapp.services.fsrs_forecast import Forecast, ForecastInput, forecast, forecast_from, read_forecast_input
from quizapp.services.decks import DecksService
from quizapp.services.scheduling import (SchedulerSettings, logged_reviews, options_of_deck, scheduler_settings_for,
                                         with_deck_options)
from quizapp.services.settings import SettingsService, load_settings
from quizapp.store.database import Database


@dataclass(frozen=True)
class Optimized:
    fit: Fit
    changes: Changes

    def to_dict(self) -> dict[str, Any]:
        return fit_to_dict(self.fit)


def fit_to_dict(fit: Fit) -> dict[str, Any]:
    def scored(s: Any) -> dict[str, float] | None:
        return None if s is None else {"log_loss": round(s.log_loss, 5), "rmse_bins": round(s.rmse_bins, 5)}

    return {"fitted": fit.parameters is not None, "parameters": fit.parameters, "training_items": fit.items,
            "message": fit.message, "before": scored(fit.before), "after": scored(fit.after)}


@dataclass(frozen=True)
class Outlook:
    """The statistics screen's FSRS part: the evidence and the forecast, computed together."""

    evidence: Evidence
    forecast: Forecast

    def to_dict(self) -> dict[str, Any]:
        """What `quizapp stats --json --fsrs` prints under "fsrs" and plots/fsrs_figures.py draws."""
        return {"evidence": self.evidence.to_dict(), "forecast": self.forecast.to_dict()}


class FsrsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def current_parameters(self, deck: str | None = None) -> list[float]:
        """The FSRS parameters in use for `deck` (None: the collection; empty: the defaults)."""
        with self.db.read_session() as session:
            return list(self._chosen(session, deck).fsrs_parameters)

    @staticmethod
    def _chosen(session: Session, deck: str | None) -> SchedulerSettings:
        chosen = scheduler_settings_for(session, load_settings(session))
        return chosen if deck is None else with_deck_options(chosen, options_of_deck(session, deck))

    def fit(self, progress: Progress | None = None, deck: str | None = None) -> Fit:
        """Fit FSRS with fsrs-rs (Anki's optimizer) to the scheduled answers of `deck` and its
        sub-decks (None: the whole log); stores nothing. `progress(stage, stages, text)` may
        raise fsrs_fit.FitCancelled to stop."""
        if progress is not None:
            progress(0, len(STAGES), STAGES[0])
        with self.db.read_session() as session:
            if deck is not None:
                DecksService(self.db).check_filter(deck)  # an unknown deck: one clear line
            reviews = logged_reviews(session, deck=deck)
            current = self._chosen(session, deck).fsrs_parameters
        return fit_parameters(reviews, current, progress)

    def save_parameters(self, parameters: Sequence[float], deck: str | None = None) -> Changes:
        """Store fitted parameters: the collection's settings, or deck `deck`'s own option
        (which its sub-decks inherit); the validation checks their bounds."""
        values = [float(x) for x in parameters]
        if deck is not None:
            return DecksService(self.db).set_options(deck, {"fsrs_parameters": values}).changes
        SettingsService(self.db).update({"fsrs_parameters": values})
        return SETTINGS

    def optimize(self, progress: Progress | None = None, deck: str | None = None) -> Optimized:
        """Fit and store (the parameters stay when the log is too small)."""
        fit = self.fit(progress, deck)
        if fit.parameters is None:
            return Optimized(fit, NOTHING)
        return Optimized(fit, self.save_parameters(fit.parameters, deck))

    def evidence(self, train_fraction: float = TRAIN_FRACTION, fit: bool = True) -> Evidence:
        """SM-2 against FSRS (default and fitted) on the person's own log, split in time."""
        with self.db.read_session() as session:
            reviews = logged_reviews(session)
        return evaluate(reviews, train_fraction, fit)

    def forecast(self, now: datetime, days: int = 30) -> Forecast:
        """Reviews per day ahead, each card's predicted recall now and the retention-vs-workload
        curve (seeded simulations, vectorised: well under a second at 10k cards)."""
        with self.db.read_session() as session:
            return forecast(session, load_settings(session), now, days)

    def outlook(self, now: datetime, days: int = 30) -> Outlook:
        """Evidence and forecast together (`quizapp stats --fsrs`; seconds at 10k answers)."""
        return self.read_outlook().compute(now, days)

    def read_outlook(self) -> OutlookInput:
        """The one read the outlook needs (fast: on the op thread); `OutlookInput.compute` then
        works without the database, so the window computes it off the op thread and answers
        given meanwhile do not wait behind it."""
        with self.db.read_session() as session:
            return OutlookInput(read_forecast_input(session, load_settings(session)))


@dataclass(frozen=True)
class OutlookInput:
    data: ForecastInput  # its reviews are the evidence's too

    def compute(self, now: datetime, days: int = 30) -> Outlook:
        return Outlook(evaluate(self.data.reviews), forecast_from(self.data, now, days))
