"""The study queue: today's re-drills that are ready (domain/redrill.py: their step has passed
and enough other cards were answered since; deck order), then due reviews (most overdue first,
ties in deck order), then new cards in deck order up to the daily new-card limit, then the
re-drills whose time has come but that want more cards in between ("held"), then the ones still
waiting for their time (soonest first; `QueueEntry.ready_at` says when). A daily review limit
caps the due reviews. Buried and suspended cards are left out (the `hidden` flag).

`build_queue` is the rule over plain values; the store runs the same rule as indexed SQL for
large collections, and a test checks both agree.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from quizapp.domain.redrill import DEFAULT_SPACING, DrillTrack, Spacing, arrange
from quizapp.domain.review import ReviewKind, review_kind
from quizapp.domain.sm2 import CardState
from quizapp.i18n.text import StudyText

DEFAULT_NEW_PER_DAY = 20
DEFAULT_REVIEWS_PER_DAY = 200


@dataclass(frozen=True)
class Limits:
    new_per_day: int = DEFAULT_NEW_PER_DAY
    reviews_per_day: int = DEFAULT_REVIEWS_PER_DAY

    def __post_init__(self) -> None:
        if self.new_per_day < 0 or self.reviews_per_day < 0:
            raise ValueError(StudyText.tr("daily limits must be >= 0"))


class QueueEntry(NamedTuple):
    """One place in the queue (a named tuple: a study step builds a few each time, and a
    tuple is built ~3x faster than a frozen dataclass)."""

    card_id: str
    kind: ReviewKind  # how answering it will count (domain.review.review_kind)
    ready_at: datetime | None = None  # a waiting re-drill: when it may come back (None: now)


def remaining(limit: int, done_today: int) -> int:
    return max(0, limit - done_today)


def in_todays_lists(state: CardState, today: int) -> bool:
    """Whether the state puts a card in one of today's lists (re-drills, due reviews, new
    cards) unless it is hidden, as build_queue places it (a test checks the two agree). False for most answered cards
    (due on a later day, not in today's re-drill): the queue cache then drops them without
    asking the database where they belong (services/queue_cache.py)."""
    return state.due_day is None or state.due_day <= today or state.redrill_day == today


def build_queue(cards: Iterable[tuple[str, int, CardState, bool]], today: int, limits: Limits,
                new_done_today: int = 0, reviews_done_today: int = 0, *,
                drills: Mapping[str, DrillTrack] | None = None, now: datetime | None = None,
                spacing: Spacing = DEFAULT_SPACING) -> list[QueueEntry]:
    """cards: (card_id, position in the deck, state, hidden: suspended or buried today).
    drills: today's track of each drilled card (domain.redrill.tracks_from_answers); without
    `now` every drilled card counts as ready."""
    reviews: list[tuple[int, int, str]] = []
    redrills: list[tuple[int, str]] = []
    new: list[tuple[int, str]] = []
    for card_id, position, state, hidden in cards:
        if hidden:
            continue
        kind = review_kind(state, today)
        if kind == "redrill":
            redrills.append((position, card_id))
        elif kind == "new":
            new.append((position, card_id))
        elif state.due_day is not None and state.due_day <= today:
            reviews.append((state.due_day, position, card_id))
    reviews.sort()
    redrills.sort()
    new.sort()
    order = arrange([c for _, c in redrills], drills or {}, spacing, now)
    out = [QueueEntry(c, "redrill") for c in order.ready]
    out += [QueueEntry(c, "review") for _, _, c in reviews[: remaining(limits.reviews_per_day, reviews_done_today)]]
    out += [QueueEntry(c, "new") for _, c in new[: remaining(limits.new_per_day, new_done_today)]]
    out += [QueueEntry(c, "redrill") for c in order.held]
    out += [QueueEntry(c, "redrill", at) for c, at in order.waiting]
    return out
