"""What one answer IS: its kind and the card's state before and after it.

The shape of py-fsrs's `review_card`, which returns the new card and a review log: here
`review_card(state, grade, today)` returns a `Review` that carries both states and the kind.
The kind is decided by ONE rule, `review_kind`, used by the queue, the study service and the
study screen alike:

  redrill  the card is in today's same-day re-drill (SM-2 step 7): it moves nothing but the drill
  new      the card was never graded
  review   any other card (a graded SM-2 review)

The review log stores the same words in its `kind` column (plus `quiz` for quiz answers).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from quizapp.domain.sm2 import MAX_INTERVAL_DAYS, CardState, Grade, is_redrill, review

ReviewKind = Literal["new", "review", "redrill"]
REVIEW_KINDS: Final[tuple[ReviewKind, ...]] = ("new", "review", "redrill")


def review_kind(state: CardState, today: int) -> ReviewKind:
    """How an answer to a card in `state` on study day `today` counts (the one rule)."""
    if is_redrill(state, today):
        return "redrill"
    return "new" if state.is_new else "review"


@dataclass(frozen=True)
class Review:
    """One answer: its kind, the SM-2 grade, the study day, and the state before and after."""

    kind: ReviewKind
    grade: int
    today: int
    before: CardState
    after: CardState

    @property
    def back_today(self) -> bool:
        """The card stays in today's re-drill (graded below 4)."""
        return self.after.redrill_day == self.today


def review_card(state: CardState, grade: int, today: int, max_interval: int = MAX_INTERVAL_DAYS) -> Review:
    """Apply one answer (sm2.review, intervals capped at `max_interval` days) and say what it was."""
    quality = int(Grade(grade))
    return Review(review_kind(state, today), quality, today, state, review(state, quality, today, max_interval))
