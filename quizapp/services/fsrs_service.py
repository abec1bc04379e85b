"""FSRS's use cases over a Database: fitting the parameters to the review log and the evidence
of which scheduler predicts the person better (docs/fsrs.md)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.services.changes import NOTHING, SETTINGS, Changes
from quizapp.services.fsrs_evidence import TRAIN_FRACTION, Evidence, evaluate
from quizapp.services.fsrs_fit import Fit, fit_parameters
from quizapp.services.fsrs_forecast import Forecast, forecast
from quizapp.services.scheduling import logged_reviews
from quizapp.services.settings import SettingsService, load_settings
from quizapp.store.database import Database


@dataclass(frozen=True)
class Optimized:
    fit: Fit
    changes: Changes

    def to_dict(self) -> dict[str, Any]:
        return {"fitted": self.fit.parameters is not None, "parameters": self.fit.parameters,
                "scored_reviews": self.fit.scored, "message": self.fit.message}


class FsrsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def optimize(self, progress: Callable[[str], None] | None = None) -> Optimized:
        """Fit FSRS to the whole review log and store the parameters (the defaults stay when
        the log is too small). Slow (py-fsrs's optimizer): run it off the GUI thread."""
        with self.db.read_session() as session:
            reviews = logged_reviews(session)
        fit = fit_parameters(reviews, progress)
        if fit.parameters is None:
            return Optimized(fit, NOTHING)
        SettingsService(self.db).update({"fsrs_parameters": fit.parameters})
        return Optimized(fit, SETTINGS)

    def evidence(self, train_fraction: float = TRAIN_FRACTION, fit: bool = True) -> Evidence:
        """SM-2 against FSRS (default and fitted) on the person's own log, split in time."""
        with self.db.read_session() as session:
            reviews = logged_reviews(session)
        return evaluate(reviews, train_fraction, fit)

    def forecast(self, now: datetime, days: int = 30) -> Forecast:
        """Reviews per day ahead and the retention-vs-workload curve (a seeded simulation; about
        a second per retention at 10k cards: off the GUI thread)."""
        with self.db.read_session() as session:
            return forecast(session, load_settings(session), now, days)
