"""What FSRS expects of the days ahead (docs/fsrs.md § Forecast): reviews per day, each card's
predicted recall now, and for each desired retention the workload against the recall it buys
by the end (an interview date).

A Monte Carlo run with a fixed seed, the way Anki's simulator works: every card with FSRS
memory (stored, or replayed from its log) is reviewed on its due day, recalled with the
probability FSRS gives at that moment, rated Good or Again and rescheduled (no learning steps:
a forgotten card comes back on the next interval, and its same-day relearning counts as one
more review). New cards are introduced at the daily limit, first answered as the person's own
first answers went (their share recalled).

The simulation runs on numpy arrays, one day at a time over all cards at once: py-fsrs's
formulas (FSRS-6: retrievability on whole elapsed days, recall / forget / short-term stability,
difficulty with mean reversion, intervals rounded and capped; `review_step`) applied to every
card due that day. tests/services/test_fsrs_forecast.py checks `review_step` against py-fsrs's
`Scheduler.review_card` card by card. (fsrs-rs-python's simulator starts from an empty deck, so
it cannot continue the person's own cards.) Times are whole seconds from `now`, so elapsed days
floor exactly as py-fsrs's `timedelta.days` does.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Final

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.domain.scheduler import FsrsMemory, LoggedReview
from quizapp.domain.settings import Settings
from quizapp.domain.sm2 import CardState
from quizapp.services.clock import local_study_day
from quizapp.services.fsrs_scheduler import DEFAULT_FSRS_PARAMETERS, memory_from_sm2, py_fsrs_scheduler, replay
from quizapp.services.scheduling import SchedulerSettings, logged_reviews, scheduler_settings_for
from quizapp.store.fsrs_memory import as_utc, memory_of
from quizapp.store.models import CardStateRow, FsrsStateRow
from quizapp.i18n.text import FsrsText

RETENTIONS: Final = (0.70, 0.75, 0.80, 0.85, 0.90, 0.95)
SEED: Final = 2026
DAY: Final = 86_400  # seconds
RECALL_BINS: Final = 20  # the histogram of each card's predicted recall now
# py-fsrs's bounds (fsrs/scheduler.py)
STABILITY_MIN: Final = 0.001
AGAIN, GOOD = 1, 3


@dataclass(frozen=True)
class Deck:
    """The cards as FSRS sees them now: each seen card's stability, difficulty, last review and
    due time (seconds from now), the number of new cards, and the share of first answers that
    were recalled."""

    stability: np.ndarray
    difficulty: np.ndarray
    last: np.ndarray  # int64 seconds from now (<= 0)
    due: np.ndarray  # int64 seconds from now
    new_cards: int
    first_recall: float

    @property
    def seen(self) -> int:
        return len(self.stability)


class Fsrs6:
    """py-fsrs's FSRS-6 formulas over arrays (one set of weights, one desired retention)."""

    def __init__(self, parameters: Sequence[float], desired_retention: float, maximum_interval: int) -> None:
        self.w = tuple(float(x) for x in (parameters or DEFAULT_FSRS_PARAMETERS))
        self.decay = -self.w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.desired_retention = desired_retention
        self.maximum_interval = maximum_interval

    def retrievability(self, stability: np.ndarray, elapsed_days: np.ndarray) -> np.ndarray:
        recall: np.ndarray = (1 + self.factor * np.maximum(elapsed_days, 0) / stability) ** self.decay
        return recall

    def interval(self, stability: np.ndarray) -> np.ndarray:
        days = np.round(stability / self.factor * (self.desired_retention ** (1 / self.decay) - 1))
        capped: np.ndarray = np.clip(days, 1, self.maximum_interval).astype(np.int64)
        return capped

    def initial(self, rating: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = self.w
        stability = np.maximum(np.asarray(w[:4])[rating - 1], STABILITY_MIN)
        return stability, np.clip(w[4] - np.exp(w[5] * (rating - 1)) + 1, 1.0, 10.0)

    def review_step(self, stability: np.ndarray, difficulty: np.ndarray, elapsed_days: np.ndarray,
                    rating: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Stability and difficulty after rating each card `elapsed_days` (whole days) after its
        last review, as py-fsrs's review_card computes them (stability first, on the old
        difficulty; the short-term formula under one day)."""
        w = self.w
        r = self.retrievability(stability, elapsed_days)
        recall = stability * (1 + np.exp(w[8]) * (11 - difficulty) * stability ** -w[9]
                              * (np.exp((1 - r) * w[10]) - 1)
                              * np.where(rating == 2, w[15], 1.0) * np.where(rating == 4, w[16], 1.0))
        forget = np.minimum(w[11] * difficulty ** -w[12] * ((stability + 1) ** w[13] - 1) * np.exp((1 - r) * w[14]),
                            stability / np.exp(w[17] * w[18]))
        long_term = np.where(rating == AGAIN, forget, recall)
        increase = np.exp(w[17] * (rating - 3 + w[18])) * stability ** -w[19]
        short_term = stability * np.where(rating >= 2, np.maximum(increase, 1.0), increase)
        new_stability = np.maximum(np.where(elapsed_days < 1, short_term, long_term), STABILITY_MIN)
        damped = difficulty + (10.0 - difficulty) * (-w[6] * (rating - 3)) / 9.0
        easy_start = w[4] - np.exp(w[5] * 3) + 1
        new_difficulty = np.clip(w[7] * easy_start + (1 - w[7]) * damped, 1.0, 10.0)
        return new_stability, new_difficulty


@dataclass(frozen=True)
class Outlook:
    desired_retention: float
    reviews_per_day: list[int]  # day 0 = today
    recall_at_end: float  # mean predicted recall of the seen cards at the end of the horizon

    @property
    def total_reviews(self) -> int:
        return sum(self.reviews_per_day)


@dataclass(frozen=True)
class Forecast:
    days: int
    current: Outlook  # at the desired retention of the settings
    curve: list[Outlook]  # one per RETENTIONS value
    recall_today: float | None  # mean predicted recall of the seen cards now (None: none seen)
    recall_now: list[float] = field(default_factory=list)  # each seen card's predicted recall now

    def recall_histogram(self, bins: int = RECALL_BINS) -> list[int]:
        """Cards per predicted-recall bin now (equal-width bins over 0-1)."""
        return [int(n) for n in np.histogram(np.asarray(self.recall_now, dtype=float), bins=bins,
                                             range=(0.0, 1.0))[0]]

    def to_dict(self) -> dict[str, Any]:
        return {"days": self.days, "desired_retention": self.current.desired_retention,
                "reviews_per_day": self.current.reviews_per_day, "recall_today": self.recall_today,
                "recall_today_histogram": {"bins": RECALL_BINS, "cards": self.recall_histogram()},
                "retention_vs_workload": [{"desired_retention": o.desired_retention, "reviews": o.total_reviews,
                                           "recall_at_end": round(o.recall_at_end, 4)} for o in self.curve]}


@dataclass(frozen=True)
class CardRecord:
    """What the forecast reads of one active card: its FSRS memory when current, else its SM-2
    row (the log is read once for all cards, beside)."""

    card_id: str
    memory: FsrsMemory | None  # the stored memory, when written by the card's latest answer
    interval: int
    easiness: int
    due_day: int | None


@dataclass(frozen=True)
class ForecastInput:
    """Everything the forecast needs from the database, read in one transaction (on the op
    thread); `forecast_from` computes from it without the database (on any thread)."""

    chosen: SchedulerSettings
    new_per_day: int
    cards: list[CardRecord]
    reviews: list[LoggedReview]  # the scheduled answers, oldest first


def read_forecast_input(session: Session, settings: Settings) -> ForecastInput:
    chosen = scheduler_settings_for(session, settings)
    stored = {row.card_id: row for row in session.scalars(select(FsrsStateRow))}
    s = CardStateRow
    cards = []
    for card_id, last, due_day, interval, easiness in session.execute(
            select(s.card_id, s.last_reviewed_at, s.due_day, s.interval, s.easiness).where(s.suspended.is_(False))):
        row = stored.get(card_id)
        current = row is not None and last is not None and as_utc(row.last_review_at) == as_utc(last)
        cards.append(CardRecord(card_id, memory_of(row) if current and row is not None else None, interval,
                                easiness, due_day))
    return ForecastInput(chosen, settings.new_per_day, cards, logged_reviews(session))


def load_deck(data: ForecastInput, now: datetime) -> Deck:
    """Every active card's FSRS memory now (stored memory when current, else its replayed log,
    else its SM-2 state), as arrays."""
    chosen = data.chosen
    scheduler = py_fsrs_scheduler(chosen.fsrs_parameters, chosen.desired_retention, chosen.maximum_interval_days,
                                  chosen.learning_steps, chosen.relearning_steps)
    history: dict[str, list[LoggedReview]] = {}
    for r in data.reviews:
        history.setdefault(r.card_id, []).append(r)
    memories: list[FsrsMemory] = []
    new = 0
    firsts = [h[0].recalled for h in history.values()]
    today = local_study_day(now, chosen.day_start_hour)
    for card in data.cards:
        memory = card.memory
        if memory is None and card.card_id in history:
            memory = replay(scheduler, history[card.card_id])
        elif memory is None:  # never answered, or an SM-2 state without a log
            memory = memory_from_sm2(CardState(interval=card.interval, easiness=card.easiness, due_day=card.due_day),
                                     now, today)
        if memory is None:
            new += 1
        else:
            memories.append(memory)
    utc = now.astimezone(timezone.utc)

    def seconds(times: list[datetime]) -> np.ndarray:
        return np.array([int((t.astimezone(timezone.utc) - utc).total_seconds()) for t in times], dtype=np.int64)

    return Deck(np.array([m.stability for m in memories], dtype=float),
                np.array([m.difficulty for m in memories], dtype=float),
                seconds([m.last_review_at for m in memories]), seconds([m.due_at for m in memories]),
                new, sum(firsts) / len(firsts) if firsts else 0.7)


def simulate(deck: Deck, model: Fsrs6, days: int, new_per_day: int, seed: int = SEED) -> Outlook:
    """One seeded run of `days` days from now (day 0 = the next 24 hours), all cards at once."""
    rng = np.random.default_rng(seed)
    stability, difficulty = deck.stability.copy(), deck.difficulty.copy()
    last, due = deck.last.copy(), deck.due.copy()
    reviews = [0] * days
    waiting = deck.new_cards
    for day in range(days):
        at = day * DAY
        todays = np.flatnonzero(due < at + DAY)
        if todays.size:
            when = np.maximum(due[todays], at)
            elapsed = (when - last[todays]) // DAY
            recalled = rng.random(todays.size) < model.retrievability(stability[todays], elapsed)
            rating = np.where(recalled, GOOD, AGAIN)
            s, d = model.review_step(stability[todays], difficulty[todays], elapsed, rating)
            stability[todays], difficulty[todays] = s, d
            last[todays], due[todays] = when, when + model.interval(s) * DAY
            reviews[day] += int(todays.size + np.count_nonzero(~recalled))  # a forgotten card: relearnt today
        fresh = min(new_per_day, waiting)
        if fresh:  # after the day's reviews: their first interval is a day or more
            waiting -= fresh
            rating = np.where(rng.random(fresh) < deck.first_recall, GOOD, AGAIN)
            s, d = model.initial(rating)
            stability, difficulty = np.concatenate([stability, s]), np.concatenate([difficulty, d])
            last = np.concatenate([last, np.full(fresh, at, dtype=np.int64)])
            due = np.concatenate([due, at + model.interval(s) * DAY])
            reviews[day] += int(fresh + np.count_nonzero(rating == AGAIN))
    if not stability.size:
        return Outlook(model.desired_retention, reviews, 0.0)
    recall = model.retrievability(stability, (days * DAY - last) // DAY)
    return Outlook(model.desired_retention, reviews, float(recall.mean()))


def forecast(session: Session, settings: Settings, now: datetime, days: int = 30,
             retentions: Sequence[float] = RETENTIONS) -> Forecast:
    return forecast_from(read_forecast_input(session, settings), now, days, retentions)


def forecast_from(data: ForecastInput, now: datetime, days: int = 30,
                  retentions: Sequence[float] = RETENTIONS) -> Forecast:
    if not 1 <= days <= 3650:
        raise ValueError(FsrsText.tr("the forecast covers 1 to 3650 days, got {days}").format(days=days))
    chosen = data.chosen
    deck = load_deck(data, now)
    runs = {r: simulate(deck, Fsrs6(chosen.fsrs_parameters, r, chosen.maximum_interval_days), days,
                        data.new_per_day)
            for r in sorted({*retentions, chosen.desired_retention})}
    recall_now = Fsrs6(chosen.fsrs_parameters, chosen.desired_retention, chosen.maximum_interval_days
                       ).retrievability(deck.stability, (0 - deck.last) // DAY)
    return Forecast(days, runs[chosen.desired_retention], [runs[r] for r in sorted(retentions)],
                    float(recall_now.mean()) if deck.seen else None, [float(x) for x in recall_now])
