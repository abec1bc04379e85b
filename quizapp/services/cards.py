"""One card in full: content, scheduling state and review history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizapp.domain import cloze
from quizapp.domain.content import Card
from quizapp.domain.sm2 import CardState
from quizapp.domain.studyday import day_to_date
from quizapp.services.errors import CardNotFound
from quizapp.store.database import Database
from quizapp.store.database import as_utc
from quizapp.store.models import CardRow, ReviewLogRow
from quizapp.store.reviews import state_of
from quizapp.i18n.text import ReportText, kind_word


@dataclass(frozen=True)
class HistoryEntry:
    log_id: int
    reviewed_at: datetime
    grade: int
    kind: str
    duration_ms: int
    interval_after: int
    easiness_after: int
    undone: bool

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.log_id, "reviewed_at": self.reviewed_at.isoformat(), "grade": self.grade,
                "kind": self.kind, "duration_ms": self.duration_ms, "interval": self.interval_after,
                "easiness": self.easiness_after / 100, "undone": self.undone}


@dataclass(frozen=True)
class CardDetail:
    card: Card
    state: CardState
    suspended: bool
    user_edited: bool
    deck_update_waiting: bool
    history: list[HistoryEntry]
    flag: int = 0  # 0 none, 1-4 (domain.card_marks.FLAGS)
    buried_day: int | None = None  # the study day it is buried on, if any

    def to_dict(self) -> dict[str, Any]:
        s = self.state
        return {
            "card": self.card.to_dict(),
            "state": {**s.to_dict(), "easiness": s.easiness / 100, "easiness_hundredths": s.easiness,
                      "due": day_to_date(s.due_day).isoformat() if s.due_day is not None else None,
                      "new": s.is_new, "suspended": self.suspended},
            "user_edited": self.user_edited, "deck_update_waiting": self.deck_update_waiting,
            "history": [h.to_dict() for h in self.history],
        }

    def render_text(self, lang: str = "both") -> str:
        c, s = self.card, self.state
        langs = ("zh", "en") if lang == "both" else (lang,)
        lines = [ReportText.tr("{id}  [{section} {kind}]  tags: {tags}").format(
            id=c.id, section=c.section, kind=c.kind, tags=", ".join(c.tags) or "-")]
        for lg in langs:
            if c.kind == "cloze" and c.cloze:
                lines.append(f"[{lg}] {cloze.render(c.cloze.get(lg), mark=('[', ']'))}")
            else:
                lines.append(ReportText.tr("[{lang}] Q: {front}").format(lang=lg, front=c.front.get(lg)))
                correct = ReportText.tr("  (correct)")
                for i, ch in enumerate(c.choices):
                    lines.append(f"      {i + 1}. {ch.text.get(lg)}{correct if ch.correct else ''}")
            if c.back.get(lg):
                lines.append(ReportText.tr("[{lang}] A: {back}").format(lang=lg, back=c.back.get(lg)))
        due = day_to_date(s.due_day).isoformat() if s.due_day is not None else ReportText.tr("new")
        lines.append(ReportText.tr("state: repetitions={repetitions} EF={ef} interval={interval}d due={due} "
                                   "lapses={lapses}").format(repetitions=s.repetitions, ef=f"{s.easiness / 100:.2f}",
                                                             interval=s.interval, due=due, lapses=s.lapses)
                     + (ReportText.tr(" SUSPENDED") if self.suspended else ""))
        lines.append(ReportText.tr("history (%n answer(s)):", "", len(self.history)))
        undone = ReportText.tr(" (undone)")
        for h in self.history:
            lines.append("  " + ReportText.tr("{time} grade {grade} {kind} -> {interval}d EF {ef}").format(
                time=f"{h.reviewed_at.astimezone():%Y-%m-%d %H:%M}", grade=h.grade, kind=kind_word(h.kind),
                interval=h.interval_after, ef=f"{h.easiness_after / 100:.2f}") + (undone if h.undone else ""))
        return "\n".join(lines)


class CardsService:
    """One card in full."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def detail(self, card_id: str, now: datetime | None = None) -> CardDetail:
        with self.db.read_session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            logs = session.scalars(select(ReviewLogRow).where(ReviewLogRow.card_id == card_id)
                                   .order_by(ReviewLogRow.id)).all()
            history = [HistoryEntry(log.id, as_utc(log.reviewed_at), log.grade, log.kind, log.duration_ms,
                                    int(log.state_after["interval"]), int(log.state_after["easiness"]), log.undone)
                       for log in logs]
            return CardDetail(Card.from_dict(row.content), state_of(row.state), row.state.suspended,
                              row.user_edited, row.deck_content is not None, history, row.state.flag or 0,
                              row.state.buried_day)
