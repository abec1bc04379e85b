"""The study screen's ops: each user action is one call on the op thread returning a StudyStep.

No Qt here. `answer_and_next` grades a card and loads the next one in the same op, so a grade
costs one round trip; each step also carries the card after it (`upcoming`), which the screen
shows the moment a grade key is pressed, while the answer commits (DESIGN.md §6: grade → next
card ≤ 16 ms at 100k cards).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from quizapp.domain.content import Card
from quizapp.domain.sm2 import CardState
from quizapp.services.study import AnswerOutcome, StudyService, UndoOutcome

MAX_DURATION_MS = 60_000  # like Anki: a card left on screen for lunch counts one minute


@dataclass(frozen=True)
class StudyStep:
    """What the study screen shows next: a card (None when the session is over) and the counts."""

    card: Card | None
    state: CardState | None
    reason: str | None  # review | redrill | new
    preview: dict[int, int]  # grade -> days until due (0 = again today)
    counts: dict[str, int]  # review / redrill / new left in today's queue
    today: int
    answered: AnswerOutcome | None = None
    undone: UndoOutcome | None = None
    upcoming: "StudyStep | None" = None  # the card expected after this one, shown at once on a grade

    @property
    def remaining(self) -> int:
        return sum(self.counts.values())


def load_step(study: StudyService, now: datetime, avoid: str | None = None,
              card_id: str | None = None) -> StudyStep:
    """The next card in queue order (or `card_id`), skipping `avoid` (the card just answered)
    when another card is waiting, so a re-drilled card does not come straight back; with the
    card after it as `upcoming`, so the screen can show that one the moment this one is graded
    (grading a card does not change what comes next, except for that card itself)."""
    view = study.queue(now, limit=3)
    reason: str | None = None
    if card_id is None:
        items = [i for i in view.items if i.card_id != avoid] or view.items
        if not items:
            return StudyStep(None, None, None, {}, view.counts, view.today)
        card_id, reason = items[0].card_id, items[0].reason
    nxt = next((i for i in view.items if i.card_id != card_id), None)
    upcoming = _card_step(study, now, nxt.card_id, nxt.reason, view.counts, view.today) if nxt else None
    return replace(_card_step(study, now, card_id, reason, view.counts, view.today), upcoming=upcoming)


def _card_step(study: StudyService, now: datetime, card_id: str, reason: str | None, counts: dict[str, int],
               today: int) -> StudyStep:
    card, state = study.card(card_id)
    if reason is None:
        reason = "redrill" if state.redrill_day == today else ("new" if state.is_new else "review")
    return StudyStep(card, state, reason, study.preview(card_id, now), counts, today)


def answer_and_next(study: StudyService, card_id: str, grade: int, now: datetime, duration_ms: int) -> StudyStep:
    outcome = study.answer(card_id, grade, now, min(max(0, duration_ms), MAX_DURATION_MS))
    return replace(load_step(study, now, avoid=card_id), answered=outcome)


def undo_and_show(study: StudyService, log_id: int, now: datetime) -> StudyStep:
    """Undo one answer of this session and show that card again."""
    undone = study.undo(log_id)
    if undone is None:
        return load_step(study, now)
    return replace(load_step(study, now, card_id=undone.card_id), undone=undone)
