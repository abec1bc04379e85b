"""What FSRS expects of the days ahead (docs/fsrs.md § Forecast): reviews per day, and for each
desired retention the workload against the recall it buys by the end (an interview date).

A Monte Carlo run with a fixed seed, the way Anki's simulator works: every card with FSRS
memory (stored, or replayed from its log) is reviewed on its due day, recalled with the
probability FSRS gives at that moment, rated Good or Again, and rescheduled by py-fsrs (no
learning steps: a forgotten card comes back on the next interval, and its same-day relearning
counts as one more review). New cards are introduced at the daily limit, first answered as the
person's own first answers went (their share recalled). The memories come from one read of the
log, so a 10k-card deck takes about a second per retention, off the GUI thread.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Final

from fsrs import Card, Rating, Scheduler
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.domain.scheduler import FsrsMemory, LoggedReview
from quizapp.domain.settings import Settings
from quizapp.domain.sm2 import CardState
from quizapp.services.clock import local_study_day
from quizapp.services.fsrs_scheduler import memory_from_sm2, py_fsrs_scheduler, replay, to_card
from quizapp.services.scheduling import logged_reviews
from quizapp.store.fsrs_memory import as_utc, memory_of
from quizapp.store.models import CardStateRow, FsrsStateRow

RETENTIONS: Final = (0.70, 0.75, 0.80, 0.85, 0.90, 0.95)
SEED: Final = 2026


@dataclass(frozen=True)
class Deck:
    """The cards as FSRS sees them now: each seen card's py-fsrs card, the number of new cards,
    and the share of first answers that were recalled."""

    cards: list[Card]
    new_cards: int
    first_recall: float


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

    def to_dict(self) -> dict[str, Any]:
        return {"days": self.days, "desired_retention": self.current.desired_retention,
                "reviews_per_day": self.current.reviews_per_day, "recall_today": self.recall_today,
                "retention_vs_workload": [{"desired_retention": o.desired_retention, "reviews": o.total_reviews,
                                           "recall_at_end": round(o.recall_at_end, 4)} for o in self.curve]}


def load_deck(session: Session, settings: Settings, now: datetime) -> Deck:
    """Every active card's FSRS card now (stored memory when current, else its replayed log)."""
    scheduler = py_fsrs_scheduler(settings.fsrs_parameters, settings.desired_retention, settings.max_interval_days)
    stored = {row.card_id: row for row in session.scalars(select(FsrsStateRow))}
    history: dict[str, list[LoggedReview]] = {}
    for r in logged_reviews(session):
        history.setdefault(r.card_id, []).append(r)
    cards, new = [], 0
    firsts = [h[0].recalled for h in history.values()]
    today = local_study_day(now, settings.day_start_hour)
    s = CardStateRow
    for card_id, last, due_day, interval, easiness in session.execute(
            select(s.card_id, s.last_reviewed_at, s.due_day, s.interval, s.easiness).where(s.suspended.is_(False))):
        row = stored.get(card_id)
        if row is not None and last is not None and as_utc(row.last_review_at) == as_utc(last):
            memory: FsrsMemory | None = memory_of(row)
        elif card_id in history:
            memory = replay(scheduler, history[card_id])
        else:  # never answered, or an SM-2 state without a log
            memory = memory_from_sm2(CardState(interval=interval, easiness=easiness, due_day=due_day), now, today)
        if memory is None:
            new += 1
        else:
            cards.append(to_card(memory, now))
    return Deck(cards, new, sum(firsts) / len(firsts) if firsts else 0.7)


def simulate(deck: Deck, scheduler: Scheduler, now: datetime, days: int, new_per_day: int,
             seed: int = SEED) -> Outlook:
    """One seeded run of `days` days from `now` (day 0 = the next 24 hours)."""
    rng = random.Random(seed)
    start = now.astimezone(timezone.utc)
    end = start + timedelta(days=days)
    reviews = [0] * days
    cards = list(deck.cards)
    waiting = deck.new_cards
    pending: list[Card] = []
    for day in range(days):
        at = start + timedelta(days=day)
        for _ in range(min(new_per_day, waiting)):
            waiting -= 1
            rating = Rating.Good if rng.random() < deck.first_recall else Rating.Again
            card, _ = scheduler.review_card(Card(card_id=0, due=at), rating, at)
            reviews[day] += 1 + (rating == Rating.Again)
            pending.append(card)
        cards.extend(pending)
        pending = []
        for i, card in enumerate(cards):
            if card.due >= at + timedelta(days=1):
                continue
            when = max(card.due, at)
            recalled = rng.random() < scheduler.get_card_retrievability(card, when)
            cards[i], _ = scheduler.review_card(card, Rating.Good if recalled else Rating.Again, when)
            reviews[day] += 1 if recalled else 2
    recall = [scheduler.get_card_retrievability(c, end) for c in cards]
    return Outlook(scheduler.desired_retention, reviews, sum(recall) / len(recall) if recall else 0.0)


def forecast(session: Session, settings: Settings, now: datetime, days: int = 30,
             retentions: Sequence[float] = RETENTIONS) -> Forecast:
    if not 1 <= days <= 3650:
        raise ValueError(f"the forecast covers 1 to 3650 days, got {days}")
    deck = load_deck(session, settings, now)
    # no learning steps in the simulation: every interval is in days
    runs = {r: simulate(deck, Scheduler(parameters=py_fsrs_scheduler(settings.fsrs_parameters).parameters,
                                        desired_retention=r, learning_steps=(), relearning_steps=(),
                                        maximum_interval=settings.max_interval_days, enable_fuzzing=False),
                        now, days, settings.new_per_day)
            for r in sorted({*retentions, settings.desired_retention})}
    scheduler = py_fsrs_scheduler(settings.fsrs_parameters)
    utc = now.astimezone(timezone.utc)
    seen = [scheduler.get_card_retrievability(c, utc) for c in deck.cards]
    return Forecast(days, runs[settings.desired_retention], [runs[r] for r in sorted(retentions)],
                    sum(seen) / len(seen) if seen else None)
