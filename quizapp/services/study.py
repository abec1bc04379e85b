"""The daily review: the queue, answering (one transaction each), interval previews, undo."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from quizapp.domain import cloze
from quizapp.domain.content import Card
from quizapp.domain.queue import QueueReason, remaining
from quizapp.domain.sm2 import CardState, Grade, is_redrill, preview_intervals, review
from quizapp.domain.studyday import day_to_date, study_day
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.settings import load_settings
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow

SCHEDULE_KINDS = ("new", "review", "redrill")  # log kinds that moved (or drilled) the schedule


def state_of(row: CardStateRow) -> CardState:
    return CardState(repetitions=row.repetitions, easiness=row.easiness, interval=row.interval,
                     due_day=row.due_day, lapses=row.lapses, redrill_day=row.redrill_day)


def _apply_state(row: CardStateRow, state: CardState) -> None:
    for key, value in state.to_dict().items():
        setattr(row, key, value)


@dataclass(frozen=True)
class QueueItem:
    card_id: str
    reason: QueueReason
    section: str
    kind: str
    front_preview: str

    def to_dict(self) -> dict[str, Any]:
        return {"card_id": self.card_id, "reason": self.reason, "section": self.section, "kind": self.kind,
                "front": self.front_preview}


@dataclass
class QueueView:
    today: int
    items: list[QueueItem]
    counts: dict[str, int] = field(default_factory=dict)  # review / redrill / new in the whole queue

    def to_dict(self) -> dict[str, Any]:
        return {"study_day": day_to_date(self.today).isoformat(), "counts": self.counts,
                "cards": [i.to_dict() for i in self.items]}

    def summary(self) -> str:
        c = self.counts
        return (f"{day_to_date(self.today).isoformat()}: {c.get('review', 0)} due, {c.get('redrill', 0)} to "
                f"re-drill, {c.get('new', 0)} new")


@dataclass(frozen=True)
class AnswerOutcome:
    card_id: str
    grade: int
    kind: str  # new | review | redrill
    before: CardState
    after: CardState
    today: int
    log_id: int

    @property
    def back_today(self) -> bool:
        return self.after.redrill_day == self.today

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


class StudyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ----- reading ------------------------------------------------------------------------
    @staticmethod
    def _today(session: Session, now: datetime) -> int:
        return study_day(now, load_settings(session).day_start_hour)

    @staticmethod
    def done_today(session: Session, today: int) -> dict[str, int]:
        rows = session.execute(
            select(ReviewLogRow.kind, func.count()).where(ReviewLogRow.study_day == today,
                                                          ReviewLogRow.undone.is_(False))
            .group_by(ReviewLogRow.kind)).all()
        return {kind: count for kind, count in rows}

    def queue(self, now: datetime, limit: int | None = None) -> QueueView:
        with self.db.read_session() as session:
            return self.queue_in(session, now, limit)

    def queue_in(self, session: Session, now: datetime, limit: int | None = None) -> QueueView:
        settings = load_settings(session)
        today = study_day(now, settings.day_start_hour)
        done = self.done_today(session, today)
        s = CardStateRow
        active = s.suspended.is_(False)
        reviews = session.scalars(
            select(s.card_id).where(active, s.due_day.is_not(None), s.due_day <= today,
                                    # a card in today's re-drill is listed once, as a re-drill
                                    (s.redrill_day.is_(None)) | (s.redrill_day != today))
            .order_by(s.due_day, s.position)
            .limit(remaining(settings.reviews_per_day, done.get("review", 0)))).all()
        redrills = session.scalars(select(s.card_id).where(s.redrill_day == today, active)
                                   .order_by(s.position)).all()
        new = session.scalars(select(s.card_id).where(active, s.due_day.is_(None)).order_by(s.position)
                              .limit(remaining(settings.new_per_day, done.get("new", 0)))).all()
        entries: list[tuple[str, QueueReason]] = ([(c, "review") for c in reviews]
                                                  + [(c, "redrill") for c in redrills] + [(c, "new") for c in new])
        counts = {"review": len(reviews), "redrill": len(redrills), "new": len(new)}
        shown = entries if limit is None else entries[: max(0, limit)]
        details = {row.id: row for row in session.execute(
            select(CardRow.id, CardRow.section, CardRow.kind, CardRow.front_en)
            .where(CardRow.id.in_([c for c, _ in shown])))} if shown else {}
        items = [QueueItem(c, reason, details[c].section, details[c].kind, _preview(details[c].front_en,
                                                                                 details[c].kind))
                 for c, reason in shown]
        return QueueView(today=today, items=items, counts=counts)

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
            return preview_intervals(state_of(row), study_day(now, settings.day_start_hour),
                                     max_interval=settings.max_interval_days)

    # ----- writing ------------------------------------------------------------------------
    def answer(self, card_id: str, grade: int, now: datetime, duration_ms: int = 0) -> AnswerOutcome:
        """Grade one card: its new state and the log row are committed together."""
        quality = int(Grade(grade))
        if duration_ms < 0:
            raise UserError(f"duration must be >= 0 ms, got {duration_ms}")
        with self.db.session() as session:
            row = session.get(CardStateRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            if row.suspended:
                raise UserError(f"card '{card_id}' is suspended; unsuspend it before answering")
            settings = load_settings(session)
            today = study_day(now, settings.day_start_hour)
            before = state_of(row)
            kind = "redrill" if is_redrill(before, today) else ("new" if before.is_new else "review")
            after = review(before, quality, today, settings.max_interval_days)
            _apply_state(row, after)
            row.last_reviewed_at = now.astimezone(timezone.utc)
            log = ReviewLogRow(card_id=card_id, grade=quality, reviewed_at=now.astimezone(timezone.utc),
                               study_day=today, duration_ms=int(duration_ms), kind=kind,
                               state_before=before.to_dict(), state_after=after.to_dict(), undone=False)
            session.add(log)
            session.flush()
            return AnswerOutcome(card_id, quality, kind, before, after, today, log.id)

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
            _apply_state(row, restored)
            session.execute(update(ReviewLogRow).where(ReviewLogRow.id == entry.id).values(undone=True))
            return UndoOutcome(entry.card_id, entry.id, restored)


def _preview(text: str, kind: str, width: int = 70) -> str:
    if kind == "cloze":
        text = cloze.render(text, hide=set(cloze.blank_numbers(text)))
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"
