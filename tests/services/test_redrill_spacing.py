"""Re-drill spacing through the study service: the SQL queue agrees with domain.queue on drills
answered at different times, a missed card waits for its step and for other cards, and when only
waiting drills remain the step says which comes back when."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from quizapp.domain.queue import Limits, build_queue
from quizapp.domain.redrill import Spacing, tracks_from_answers
from quizapp.services.clock import local_study_day
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.database import as_utc
from quizapp.store.models import CardStateRow, ReviewLogRow
from quizapp.store.reviews import state_of
from tests.support import NOW


def test_sql_queue_equals_domain_rule_with_spaced_drills(sample_db) -> None:
    SettingsService(sample_db).update({"redrill_steps": "2m 7m", "redrill_cards_between": 2,
                                       "new_per_day": 9, "reviews_per_day": 9})
    study = StudyService(sample_db)
    rng = random.Random(3)
    now = NOW
    seen_waiting = seen_held = 0
    for _ in range(25):
        items = study.queue(now).items
        if not items:
            break
        card_id = rng.choice(items[:4]).card_id
        study.answer(card_id, rng.choice([1, 1, 3, 4, 5]), now)
        now += timedelta(seconds=rng.randint(5, 200))
        today = local_study_day(now, 4)
        with sample_db.read_session() as s:
            cards = [(r.card_id, r.position, state_of(r), r.suspended) for r in s.scalars(select(CardStateRow))]
            answers = [(c, as_utc(at)) for c, at in s.execute(
                select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at).order_by(ReviewLogRow.id))]
        expected = [(e.card_id, e.kind, e.ready_at) for e in build_queue(
            cards, today, Limits(9, 9), *_done(sample_db), drills=tracks_from_answers(answers), now=now,
            spacing=Spacing((2, 7), 2))]
        assert [(i.card_id, i.kind, i.ready_at) for i in study.queue(now).items] == expected
        seen_waiting += any(at is not None for _, _, at in expected)
        kinds = [k for _, k, at in expected if at is None]
        seen_held += "redrill" in kinds[kinds.index("new") + 1:] if "new" in kinds else 0
    assert seen_waiting and seen_held  # the walk met both kinds of spacing


def _done(db) -> tuple[int, int]:
    with db.read_session() as s:
        kinds = s.scalars(select(ReviewLogRow.kind)).all()
    return kinds.count("new"), kinds.count("review")


def test_a_missed_card_comes_back_after_its_step_and_three_other_cards(sample_db) -> None:
    study = StudyService(sample_db)  # defaults: 1m 10m, 3 cards between
    first = study.step(NOW)
    missed = first.card.id
    step = study.answer_and_next(missed, 1, NOW, 5000)
    shown, t = [], NOW
    while len(shown) < 5:
        assert step.card is not None and step.card.id != missed
        shown.append(step.card.id)
        t += timedelta(seconds=10)  # 3 cards take 30 s: under the 1-minute step
        step = study.answer_and_next(step.card.id, 4, t, 5000)
    # 5 other cards and 50 s later: still waiting for its minute
    assert missed not in shown
    t = NOW + timedelta(minutes=1)
    back = study.step(t)
    assert back.card is not None and back.card.id == missed and back.kind == "redrill"
    # missed again: the second return waits the 10-minute step
    step = study.answer_and_next(missed, 1, t, 5000)
    assert step.card.id != missed
    queue = study.queue(t + timedelta(minutes=9)).items
    waiting = [i for i in queue if i.card_id == missed]
    assert waiting and waiting[0].ready_at == (t + timedelta(minutes=10)).astimezone(waiting[0].ready_at.tzinfo)


def test_only_waiting_drills_left_the_step_says_when(sample_db) -> None:
    SettingsService(sample_db).update({"new_per_day": 2})
    study = StudyService(sample_db)
    a = study.step(NOW).card.id
    step = study.answer_and_next(a, 1, NOW, 1000)
    b = step.card.id
    step = study.answer_and_next(b, 5, NOW + timedelta(seconds=20), 1000)
    # the only card left is a's drill, one minute after its miss: no card, but when it comes back
    assert step.card is None and step.waiting is not None
    assert step.waiting[0] == a and step.waiting[1] == NOW + timedelta(minutes=1)
    assert step.counts["redrill"] == 1
    # "show now": the waiting card on request
    now_step = study.step(NOW + timedelta(seconds=25), card_id=a)
    assert now_step.card.id == a and now_step.kind == "redrill"
    # its minute passed: it is shown even though fewer than 3 cards came between (nothing else is left)
    later = study.step(NOW + timedelta(minutes=1, seconds=1))
    assert later.card is not None and later.card.id == a
