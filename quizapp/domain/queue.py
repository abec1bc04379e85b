"""The study queue: due reviews first (most overdue first, ties in deck order), then today's
re-drills (deck order), then new cards in deck order up to the daily new-card limit. A daily
review limit caps the due reviews.

`build_queue` is the rule over plain values; the store runs the same rule as indexed SQL for
large collections, and a test checks both agree.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.domain.review import ReviewKind, review_kind
from quizapp.domain.sm2 import CardState

DEFAULT_NEW_PER_DAY = 20
DEFAULT_REVIEWS_PER_DAY = 200


@dataclass(frozen=True)
class Limits:
    new_per_day: int = DEFAULT_NEW_PER_DAY
    reviews_per_day: int = DEFAULT_REVIEWS_PER_DAY

    def __post_init__(self) -> None:
        if self.new_per_day < 0 or self.reviews_per_day < 0:
            raise ValueError("daily limits must be >= 0")


@dataclass(frozen=True)
class QueueEntry:
    card_id: str
    kind: ReviewKind  # how answering it will count (domain.review.review_kind)


def remaining(limit: int, done_today: int) -> int:
    return max(0, limit - done_today)


def build_queue(cards: Iterable[tuple[str, int, CardState, bool]], today: int, limits: Limits,
                new_done_today: int = 0, reviews_done_today: int = 0) -> list[QueueEntry]:
    """cards: (card_id, position in the deck, state, suspended)."""
    reviews: list[tuple[int, int, str]] = []
    redrills: list[tuple[int, str]] = []
    new: list[tuple[int, str]] = []
    for card_id, position, state, suspended in cards:
        if suspended:
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
    out = [QueueEntry(c, "review") for _, _, c in reviews[: remaining(limits.reviews_per_day, reviews_done_today)]]
    out += [QueueEntry(c, "redrill") for _, c in redrills]
    out += [QueueEntry(c, "new") for _, c in new[: remaining(limits.new_per_day, new_done_today)]]
    return out
