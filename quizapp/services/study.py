"""The daily review: the queue, the study step, answering (one transaction each), undo, the overview.

A *study step* is everything the study screen shows next: the card, its kind, the interval each
grade would give, the counts left today and the card after it (`upcoming`), built in ONE read
transaction that reads the settings once (the shape of Anki's `get_queued_cards`). Answering
grades a card and builds the next step in the same op, so a grade costs one round trip; the
screen shows `upcoming` the moment a grade key is pressed, while the answer commits.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import Card
from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.domain.review import REVIEW_KINDS, Review, ReviewKind, review_kind
from quizapp.domain.settings import Settings
from quizapp.domain.sm2 import CardState, Grade
from quizapp.domain.studyday import day_to_date
from quizapp.services.changes import NOTHING, REVIEW, Changes
from quizapp.services.clock import local_study_day
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.queue_view import QueueView, queue_view
from quizapp.services.scheduling import answer_with, preview_with, scheduler_for_card, undo_memory
from quizapp.services.settings import load_settings
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow
from quizapp.store.reviews import append_review_log, apply_state, state_of

SCHEDULE_KINDS = REVIEW_KINDS  # log kinds that moved (or drilled) the schedule: undo takes these back
MAX_DURATION_MS = 60_000  # like Anki: a card left on screen for lunch counts one minute
LOOK_AHEAD = 3  # queue entries a step reads: this card, the one after, and one spare for `avoid`


@dataclass(frozen=True)
class AnswerOutcome:
    """One committed answer: what it was (domain.review.Review) and its review-log row."""

    card_id: str
    review: Review
    log_id: int
    changes: Changes = REVIEW

    @property
    def grade(self) -> int:
        return self.review.grade

    @property
    def kind(self) -> ReviewKind:
        return self.review.kind

    @property
    def before(self) -> CardState:
        return self.review.before

    @property
    def after(self) -> CardState:
        return self.review.after

    @property
    def today(self) -> int:
        return self.review.today

    @property
    def back_today(self) -> bool:
        return self.review.back_today

    def to_dict(self) -> dict[str, Any]:
        after = self.after
        return {"card_id": self.card_id, "grade": self.grade, "kind": self.kind, "log_id": self.log_id,
                "repetitions": after.repetitions, "easiness": after.easiness / 100, "easiness_hundredths":
                after.easiness, "interval": after.interval, "lapses": after.lapses,
                "due": day_to_date(after.due_day).isoformat() if after.due_day is not None else None,
                "again_today": self.back_today}

    def summary(self) -> str:
        a = self.after
        due = day_to_date(a.due_day).isoformat() if a.due_day is not None else "-"
        text = (f"{self.card_id}: graded {self.grade} ({self.kind}); repetitions={a.repetitions} "
                f"EF={a.easiness / 100:.2f} interval={a.interval}d due={due} lapses={a.lapses}")
        if self.back_today:
            text += "; comes back again today (re-drill until graded 4 or 5)"
        return text


@dataclass(frozen=True)
class UndoOutcome:
    card_id: str
    log_id: int
    restored: CardState
    changes: Changes = REVIEW


@dataclass(frozen=True)
class StudyStep:
    """What the study screen shows next: a card (None when the session is over) and the counts."""

    card: Card | None
    state: CardState | None
    kind: ReviewKind | None  # how answering this card counts: new | review | redrill
    preview: dict[int, int]  # grade -> days until due (0 = again today)
    counts: dict[str, int]  # review / redrill / new left in today's queue
    today: int
    answered: AnswerOutcome | None = None
    undone: UndoOutcome | None = None
    upcoming: StudyStep | None = None  # the card expected after this one, shown at once on a grade
    # no card is ready, but a re-drill waits for its step: which, and when it may come back
    waiting: tuple[str, datetime] | None = None
    flag: int = 0  # the card's flag, 0 none or 1-4 (domain.card_marks.FLAGS)

    @property
    def remaining(self) -> int:
        return sum(self.counts.values())

    @property
    def changes(self) -> Changes:
        return REVIEW if self.answered is not None or self.undone is not None else NOTHING


@dataclass(frozen=True)
class Overview:
    """Today's queue per section, for the overview screen."""

    today: int
    per_section: dict[str, Counter[str]]  # section -> {"new": n, "review": n, "redrill": n}
    counts: dict[str, int]


class StudyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ----- reading ------------------------------------------------------------------------
    def queue(self, now: datetime, limit: int | None = None, scope: StudyScope = TODAYS_QUEUE) -> QueueView:
        with self.db.read_session() as session:
            settings = load_settings(session)
            return _queue(session, settings, local_study_day(now, settings.day_start_hour), limit, now, scope)

    def overview(self, now: datetime, deck: str | None = None) -> Overview:
        """Today's queue grouped by section, of `deck` and its sub-decks (None: every deck)."""
        view = self.queue(now, scope=TODAYS_QUEUE.in_deck(deck))
        per_section: dict[str, Counter[str]] = {s: Counter() for s in SECTIONS}
        for item in view.items:
            per_section.setdefault(item.section, Counter())[item.kind] += 1
        return Overview(view.today, per_section, view.counts)

    def step(self, now: datetime, *, avoid: str | None = None, card_id: str | None = None,
             scope: StudyScope = TODAYS_QUEUE) -> StudyStep:
        """The next ready card in queue order (or `card_id`), never `avoid` (the card just
        answered) while another card is ready; with the card after it as `upcoming` (grading a
        card does not change what comes next, except for that card itself). When no card is
        ready but re-drills wait for their step, the step has no card and says which comes back
        when (`waiting`). One read transaction, settings read once."""
        with self.db.read_session() as session:
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            view = _queue(session, settings, today, LOOK_AHEAD, now, scope)
            ready = [i for i in view.items if i.ready_at is None]
            if card_id is None:
                items = [i for i in ready if i.card_id != avoid] or ready
                if not items:
                    waiting = next(((i.card_id, i.ready_at) for i in view.items if i.ready_at is not None), None)
                    return StudyStep(None, None, None, {}, view.counts, today, waiting=waiting)
                card_id = items[0].card_id
            after = next((i for i in ready if i.card_id != card_id), None)
            upcoming = _card_step(session, after.card_id, view.counts, today, settings, now) if after else None
            return replace(_card_step(session, card_id, view.counts, today, settings, now), upcoming=upcoming)

    def has_cards(self) -> bool:
        with self.db.read_session() as session:
            return session.scalar(select(CardRow.id).limit(1)) is not None

    def card(self, card_id: str) -> tuple[Card, CardState]:
        with self.db.read_session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            return Card.from_dict(row.content), state_of(row.state)

    def preview(self, card_id: str, now: datetime) -> dict[int, int]:
        """Days until due for each grade 0-5 (0 = back again today)."""
        with self.db.read_session() as session:
            row = session.get(CardStateRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            return preview_with(scheduler_for_card(session, settings, card_id)[0], session, row, now, today)

    # ----- writing ------------------------------------------------------------------------
    def answer(self, card_id: str, grade: int, now: datetime, duration_ms: int = 0) -> AnswerOutcome:
        """Grade one card: its new state and the log row are committed together."""
        quality = int(Grade(grade))
        if duration_ms < 0:
            raise UserError(f"duration must be >= 0 ms, got {duration_ms}")
        duration_ms = min(duration_ms, MAX_DURATION_MS)  # as the window does: any longer counts one minute
        with self.db.session() as session:
            row = session.get(CardStateRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            if row.suspended:
                raise UserError(f"card '{card_id}' is suspended; unsuspend it before answering")
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            # SM-2 (domain/review.py: review_card) or FSRS, as services/scheduling.py decides (docs/fsrs.md)
            scheduler, cap = scheduler_for_card(session, settings, card_id)
            scheduled = answer_with(scheduler, session, row, quality, now, today, cap)
            review = scheduled.review
            apply_state(row, review.after)
            row.last_reviewed_at = now.astimezone(timezone.utc)
            log_id = append_review_log(session, card_id=card_id, grade=quality, at=now, study_day=today,
                                       duration_ms=duration_ms, kind=review.kind, before=review.before,
                                       after=review.after, memory_before=scheduled.memory_before,
                                       memory_after=scheduled.memory_after)
            return AnswerOutcome(card_id, review, log_id)

    def answer_and_next(self, card_id: str, grade: int, now: datetime, duration_ms: int,
                        scope: StudyScope = TODAYS_QUEUE) -> StudyStep:
        """Grade a card (time on it capped at MAX_DURATION_MS) and return the step after it."""
        outcome = self.answer(card_id, grade, now, max(0, duration_ms))
        return replace(self.step(now, avoid=card_id, scope=scope), answered=outcome)

    def undo(self, log_id: int | None = None) -> UndoOutcome | None:
        """Undo the newest answer (or the given one, which must be its card's newest): restore
        the card's state from the log and mark the entry undone. None when nothing is left."""
        with self.db.session() as session:
            query = select(ReviewLogRow).where(ReviewLogRow.undone.is_(False),
                                               ReviewLogRow.kind.in_(SCHEDULE_KINDS))
            if log_id is not None:
                query = query.where(ReviewLogRow.id == log_id)
            entry = session.scalars(query.order_by(ReviewLogRow.id.desc()).limit(1)).first()
            if entry is None:
                return None
            newer = session.scalar(select(func.count()).where(
                ReviewLogRow.card_id == entry.card_id, ReviewLogRow.id > entry.id,
                ReviewLogRow.undone.is_(False), ReviewLogRow.kind.in_(SCHEDULE_KINDS)))
            row = session.get(CardStateRow, entry.card_id)
            if newer or row is None or state_of(row) != CardState.from_dict(entry.state_after):
                raise UserError(f"cannot undo answer #{entry.id}: card '{entry.card_id}' changed since")
            restored = CardState.from_dict(entry.state_before)
            apply_state(row, restored)
            undo_memory(session, entry.card_id, entry.state_before, entry.state_after)
            session.execute(update(ReviewLogRow).where(ReviewLogRow.id == entry.id).values(undone=True))
            return UndoOutcome(entry.card_id, entry.id, restored)

    def undo_and_show(self, log_id: int, now: datetime, scope: StudyScope = TODAYS_QUEUE) -> StudyStep:
        """Undo one answer of this session and show that card again."""
        undone = self.undo(log_id)
        if undone is None:
            return self.step(now, scope=scope)
        return replace(self.step(now, card_id=undone.card_id, scope=scope), undone=undone)


# ----- in a session -------------------------------------------------------------------------

def _queue(session: Session, settings: Settings, today: int, limit: int | None, now: datetime | None = None,
           scope: StudyScope = TODAYS_QUEUE) -> QueueView:
    """The queue of domain.queue.build_queue, run as indexed SQL (store/queue_sql.py, the one
    copy shared with `quizapp due`'s light path; tests check both agree with the domain rule);
    re-drills spaced at `now` (None: all ready), within `scope` (a custom study session)."""
    return queue_view(lambda sql, params: session.execute(text(sql), params).all(), settings, today, limit, now,
                      scope)


def _card_step(session: Session, card_id: str, counts: dict[str, int], today: int, settings: Settings,
               now: datetime) -> StudyStep:
    """The step showing `card_id`; its previews are its scheduler's (services/scheduling.py), with
    the interval cap the answer will apply."""
    row = session.get(CardRow, card_id)
    if row is None:
        raise CardNotFound(card_id)
    state = state_of(row.state)
    preview = preview_with(scheduler_for_card(session, settings, card_id)[0], session, row.state, now, today)
    return StudyStep(Card.from_dict(row.content), state, review_kind(state, today), preview, counts, today,
                     flag=row.state.flag or 0)
