"""A simulated learner for the FSRS evidence tests: a known forgetting curve (FSRS-6 with
TRUE_PARAMETERS, not py-fsrs's defaults), scheduled by quizapp's SM-2, answering once a day at
09:00 in Shanghai; recall is drawn from the true curve. A forgotten card is re-drilled 10
minutes later the same day (SM-2's same-day drill), as the study screen does."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler

from quizapp.domain.scheduler import LoggedReview
from quizapp.domain.sm2 import CardState, review
from quizapp.domain.studyday import study_day
from tests.support import CST

# a learner who forgets faster than SM-2's intervals assume (short first stabilities, slow growth)
# and on a steeper curve than py-fsrs's defaults: something for FSRS to learn
TRUE_PARAMETERS = (0.15, 0.5, 1.2, 4.0, 6.5, 0.6, 2.5, 0.02, 1.1, 0.2, 0.9, 1.6, 0.08, 0.3, 1.7,
                   0.5, 2.0, 0.5, 0.1, 0.07, 0.4)
START = datetime(2025, 1, 1, 9, 0, tzinfo=CST)


def simulate(cards: int = 300, new_per_day: int = 3, days: int = 220, seed: int = 7) -> list[LoggedReview]:
    rng = random.Random(seed)
    truth = Scheduler(parameters=TRUE_PARAMETERS, enable_fuzzing=False)
    memory: dict[str, Card] = {}
    schedule: dict[str, CardState] = {}
    log: list[LoggedReview] = []

    def answer(card_id: str, at: datetime, recalled: bool) -> int:
        grade = (5 if rng.random() < 0.15 else 3 if rng.random() < 0.15 else 4) if recalled else 1
        utc = at.astimezone(timezone.utc)
        card = memory.get(card_id) or Card(card_id=len(memory), due=utc)
        memory[card_id], _ = truth.review_card(card, Rating(1 if grade < 3 else grade - 1), utc)
        day = study_day(at)
        schedule[card_id] = review(schedule.get(card_id, CardState()), grade, day)
        log.append(LoggedReview(card_id, at, day, grade))
        return grade

    for d in range(days):
        at = START + timedelta(days=d)
        today = study_day(at)
        due = [c for c, s in schedule.items() if s.due_day is not None and s.due_day <= today]
        fresh = [f"c{n}" for n in range(d * new_per_day, min(cards, (d + 1) * new_per_day))]
        for i, card_id in enumerate(due + fresh):
            when = at + timedelta(seconds=20 * i)
            card = memory.get(card_id)
            recalled = card is not None and rng.random() < truth.get_card_retrievability(card, when.astimezone(
                timezone.utc))
            if card is None:
                recalled = rng.random() < 0.7  # a first sight: most are known well enough
            if answer(card_id, when, recalled) < 4:
                answer(card_id, when + timedelta(minutes=10), True)  # the same-day drill
    return log


def write_log(db, seed: int = 4) -> int:
    """60 cards more, and every card answered every 1-7 days for 240 days before NOW, mostly
    recalled (the optimizer learns first stabilities from many cards' first reviews)."""
    from sqlalchemy import insert, select

    from quizapp.services.card_editing import CardEditingService
    from quizapp.store.models import CardStateRow, ReviewLogRow
    from tests.support import NOW

    editing = CardEditingService(db)
    for n in range(60):
        editing.add_card({"id": f"fsrs-{n}", "section": "7.2", "kind": "qa", "front": {"zh": f"问 {n}", "en": f"Q {n}"},
                          "back": {"zh": "答", "en": "A"}}, NOW - timedelta(days=300))
    rng = random.Random(seed)
    rows = []
    with db.session() as session:
        ids = session.scalars(select(CardStateRow.card_id)).all()
        for card_id in ids:
            day = 0
            while day < 240:
                at = NOW - timedelta(days=240 - day)
                rows.append({"card_id": card_id, "grade": 4 if rng.random() < 0.8 else 1, "reviewed_at": at,
                             "study_day": NOW.toordinal() - 240 + day, "duration_ms": 4000, "kind": "review",
                             "state_before": {}, "state_after": {}, "undone": False})
                day += rng.randint(1, 7)
        session.execute(insert(ReviewLogRow), rows)
    return len(rows)
