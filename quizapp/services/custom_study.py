"""Custom study once today's limits are reached (Anki's "study more"): what each option offers,
and putting today's failed cards back into today's re-drill.

The session scopes themselves (more new cards, one section) are domain.custom_study.StudyScope
values the study screen passes to StudyService.step; this service only reads what they would
give and writes the one option that changes cards (failed cards).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from quizapp.domain.sm2 import PASSING_GRADE
from quizapp.services.changes import REVIEW, Changes
from quizapp.services.clock import local_study_day
from quizapp.services.decks import DecksService
from quizapp.services.settings import load_settings
from quizapp.services.study import SCHEDULE_KINDS
from quizapp.store.database import Database
from quizapp.store.deck_filter import card_in_deck
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow


@dataclass(frozen=True)
class CustomStudyOptions:
    today: int
    new_available: int  # new cards not yet studied (active ones; beyond today's limit too)
    new_by_section: dict[str, int]  # section -> its new cards
    due_by_section: dict[str, int]  # section -> its due reviews and re-drills
    failed_today: int  # cards missed today (graded below 3) that are not in the re-drill any more


@dataclass(frozen=True)
class FailedAgain:
    count: int  # cards put back into today's re-drill
    changes: Changes = REVIEW


class CustomStudyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def options(self, now: datetime, deck: str | None = None) -> CustomStudyOptions:
        """What each option offers within `deck` and its sub-decks (None: every deck), sections in
        the deck's order."""
        with self.db.read_session() as session:
            today = local_study_day(now, load_settings(session).day_start_hour)
            s = CardStateRow
            active = (s.suspended.is_(False) & (s.buried_day.is_(None) | (s.buried_day != today))
                      & card_in_deck(s.card_id, deck))
            by_section = select(CardRow.section, func.count()).join(s, s.card_id == CardRow.id)
            new: dict[str, int] = dict(session.execute(
                by_section.where(active, s.due_day.is_(None)).group_by(CardRow.section)).all())
            due: dict[str, int] = dict(session.execute(
                by_section.where(active, (s.due_day <= today) | (s.redrill_day == today))
                .group_by(CardRow.section)).all())
            failed = len(_failed_today(session, today, deck))
        order = [section.id for section in DecksService(self.db).sections(deck)]
        return CustomStudyOptions(today, sum(new.values()), _in_order(new, order), _in_order(due, order), failed)

    def drill_failed_again(self, now: datetime, deck: str | None = None) -> FailedAgain:
        """Put every card missed today (graded below 3) back into today's re-drill: it comes back
        until graded 4 or 5, and as every drill it moves nothing else (domain/sm2.py)."""
        with self.db.session() as session:
            today = local_study_day(now, load_settings(session).day_start_hour)
            ids = _failed_today(session, today, deck)
            if ids:
                session.execute(update(CardStateRow).where(CardStateRow.card_id.in_(ids)).values(redrill_day=today))
        return FailedAgain(len(ids))


def _in_order(counts: dict[str, int], order: list[str]) -> dict[str, int]:
    """`counts` by section in the deck's order of sections (any unknown section last)."""
    rank = {section: i for i, section in enumerate(order)}
    return dict(sorted(counts.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def _failed_today(session: Session, today: int, deck: str | None = None) -> list[str]:
    """Cards graded below PASSING_GRADE today (answers not undone), active, not in today's drill."""
    s = CardStateRow
    missed = select(ReviewLogRow.card_id).where(
        ReviewLogRow.study_day == today, ReviewLogRow.undone.is_(False), ReviewLogRow.kind.in_(SCHEDULE_KINDS),
        ReviewLogRow.grade < PASSING_GRADE)
    return list(session.scalars(select(s.card_id).where(
        s.card_id.in_(missed), s.suspended.is_(False), (s.redrill_day.is_(None)) | (s.redrill_day != today),
        card_in_deck(s.card_id, deck))
        .order_by(s.position)))
