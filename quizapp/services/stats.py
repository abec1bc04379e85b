"""Collection statistics for the statistics screen and `quizapp stats` (the same numbers).

History figures cover a window of the last `days` study days (30, 90 or 365 on screen):
answers per day by kind, time spent, grade counts, retention. Study answers are the review
log's kinds new / review / redrill; quiz answers (kind 'quiz') are counted apart and never as
reviews. Undone answers count nowhere. Card figures (counts, forecast, EF and interval
distributions) describe the collection now. Card states are exclusive, as in the browser
(quizapp.domain.browse.card_state): a suspended card counts only as suspended.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, and_, case, func, select
from sqlalchemy.orm import Session

from quizapp.domain.sm2 import EF_FLOOR, PASSING_GRADE
from quizapp.domain.stats import Bin, DayAnswers, SectionProgress, Stats
from quizapp.services.clock import local_study_day
from quizapp.services.settings import load_settings
from quizapp.store.card_states import card_state_conditions
from quizapp.store.database import Database
from quizapp.store.deck_filter import card_in_deck
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow

MATURE_INTERVAL_DAYS = 21  # Anki's convention: a card with an interval of 3 weeks or more is mature
FORECAST_DAYS = 30
CALENDAR_DAYS = 365
HISTORY_WINDOWS = (30, 90, 365)  # the statistics screen's choices
STUDY_KINDS = ("new", "review", "redrill")
QUIZ_KIND = "quiz"
EF_BIN = 20  # hundredths: bins 1.30-1.50, 1.50-1.70, ...
EF_TOP = 310  # the last bin holds everything from 3.10 up
INTERVAL_EDGES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)  # days; the last bin is 512+


def _card_counts(session: Session, today: int, deck: str | None = None) -> dict[str, int]:
    s = CardStateRow
    state = card_state_conditions(s.suspended, s.due_day, s.repetitions)
    row = session.execute(select(
        func.count(),
        func.sum(case((state["new"], 1), else_=0)),
        func.sum(case((state["learning"], 1), else_=0)),
        func.sum(case((and_(state["review"], s.interval < MATURE_INTERVAL_DAYS), 1), else_=0)),
        func.sum(case((and_(state["review"], s.interval >= MATURE_INTERVAL_DAYS), 1), else_=0)),
        func.sum(case((state["suspended"], 1), else_=0)),
        func.sum(case((and_(s.suspended.is_(False), s.due_day <= today), 1), else_=0)),
    ).where(card_in_deck(s.card_id, deck))).one()
    names = ("total", "new", "learning", "young", "mature", "suspended", "due_today")
    return {name: int(value or 0) for name, value in zip(names, row)}


def _bins(counts: dict[int, int], edges: list[int]) -> list[Bin]:
    """Counts of values into [edges[i], edges[i+1]) and a last open bin from edges[-1]."""
    out = []
    for i, low in enumerate(edges):
        high = edges[i + 1] if i + 1 < len(edges) else None
        out.append(Bin(low, high, sum(n for v, n in counts.items() if v >= low and (high is None or v < high))))
    return out


def _streak(session: Session, today: int, deck: str | None = None) -> int:
    days = session.scalars(select(ReviewLogRow.study_day).where(
        ReviewLogRow.undone.is_(False), ReviewLogRow.kind.in_(STUDY_KINDS), ReviewLogRow.study_day <= today,
        card_in_deck(ReviewLogRow.card_id, deck))
        .distinct().order_by(ReviewLogRow.study_day.desc())).all()
    expected = today if days and days[0] == today else today - 1  # today may not have started yet
    streak = 0
    for d in days:
        if d != expected:
            break
        streak += 1
        expected -= 1
    return streak


class StatsService:
    """The statistics screen and `quizapp stats`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def sections(self, deck: str | None = None) -> dict[str, SectionProgress]:
        """Each section's size and progress (the overview shows them beside today's counts), of
        the cards of `deck` (and its sub-decks; None: every deck)."""
        c, s = CardRow, CardStateRow
        state = card_state_conditions(s.suspended, s.due_day, s.repetitions)
        rows = (select(c.section, func.count(),
                       func.sum(case((state["new"], 1), else_=0)),
                       func.sum(case((and_(state["review"], s.interval >= MATURE_INTERVAL_DAYS), 1), else_=0)),
                       func.sum(case((state["suspended"], 1), else_=0)))
                .join(s, s.card_id == c.id).where(card_in_deck(c.id, deck)).group_by(c.section))
        with self.db.read_session() as session:
            return {section: SectionProgress(int(total), int(unseen or 0), int(mature or 0), int(suspended or 0))
                    for section, total, unseen, mature, suspended in session.execute(rows)}

    def collection(self, now: datetime, days: int = 30, deck: str | None = None) -> Stats:
        """The statistics of the cards of `deck` and its sub-decks (None: the whole collection)."""
        days = max(1, min(days, 3650))
        with self.db.read_session() as session:
            today = local_study_day(now, load_settings(session).day_start_hour)
            log, s = ReviewLogRow, CardStateRow
            live = and_(log.undone.is_(False), card_in_deck(log.card_id, deck))
            study = and_(live, log.kind.in_(STUDY_KINDS))
            start = today - days + 1
            first = min(start, today - CALENDAR_DAYS + 1)

            per_kind: dict[int, dict[str, int]] = {}
            ms_per_day: dict[int, int] = {}
            for d, kind, n, ms in session.execute(
                    select(log.study_day, log.kind, func.count(), func.sum(log.duration_ms))
                    .where(study, log.study_day >= first, log.study_day <= today).group_by(log.study_day, log.kind)):
                per_kind.setdefault(d, {})[kind] = n
                if d >= start:
                    ms_per_day[d] = ms_per_day.get(d, 0) + int(ms or 0)
            window = range(start, today + 1)
            answers = [DayAnswers(d, **per_kind.get(d, {})) for d in window]
            calendar = [(d, sum(per_kind.get(d, {}).values())) for d in range(today - CALENDAR_DAYS + 1, today + 1)]

            in_window = and_(log.study_day >= start, log.study_day <= today)
            grades = dict(session.execute(select(log.grade, func.count()).where(study, in_window)
                                          .group_by(log.grade)).all())
            quiz_n, quiz_ms = session.execute(select(func.count(), func.sum(log.duration_ms)).where(
                live, log.kind == QUIZ_KIND, in_window)).one()

            # Retention: the first answer of a due card (kind 'review'), young or mature by the
            # interval it had before the answer.
            interval_before = func.json_extract(log.state_before, "$.interval", type_=Integer)
            mature = interval_before >= MATURE_INTERVAL_DAYS
            passed = case((log.grade >= PASSING_GRADE, 1), else_=0)
            counts = session.execute(select(
                func.count(), func.sum(passed),
                func.sum(case((mature, 1), else_=0)), func.sum(case((mature, passed), else_=0)),
            ).where(live, log.kind == "review", in_window)).one()
            total_n, total_pass, mature_n, mature_pass = (int(v or 0) for v in counts)
            retention_counts = {"all": (total_pass, total_n), "young": (total_pass - mature_pass, total_n - mature_n),
                                "mature": (mature_pass, mature_n)}
            retention = {k: (p / n if n else None) for k, (p, n) in retention_counts.items()}

            in_deck = card_in_deck(s.card_id, deck)
            due_rows = {day: n for day, n in session.execute(select(s.due_day, func.count()).where(
                s.suspended.is_(False), s.due_day.is_not(None), s.due_day < today + FORECAST_DAYS, in_deck)
                .group_by(s.due_day)).all() if day is not None}
            overdue = sum(n for d, n in due_rows.items() if d <= today)
            forecast = [(today, overdue)] + [(d, due_rows.get(d, 0)) for d in range(today + 1, today + FORECAST_DAYS)]

            scheduled = and_(s.suspended.is_(False), s.due_day.is_not(None), in_deck)
            ef_counts = dict(session.execute(select(s.easiness, func.count()).where(scheduled)
                                             .group_by(s.easiness)).all())
            iv_counts = dict(session.execute(select(s.interval, func.count()).where(scheduled, s.repetitions > 0)
                                             .group_by(s.interval)).all())
            return Stats(
                today=today, days=days, cards=_card_counts(session, today, deck), answers_per_day=answers,
                minutes_per_day=[(d, ms_per_day.get(d, 0) / 60000) for d in window], calendar=calendar,
                retention=retention, retention_counts=retention_counts, forecast=forecast,
                grades={g: int(grades.get(g, 0)) for g in range(6)},
                ef_bins=_bins(ef_counts, list(range(EF_FLOOR, EF_TOP + 1, EF_BIN))),
                interval_bins=_bins(iv_counts, list(INTERVAL_EDGES)),
                streak=_streak(session, today, deck), quiz_answers=int(quiz_n or 0),
                quiz_minutes=(quiz_ms or 0) / 60000)
