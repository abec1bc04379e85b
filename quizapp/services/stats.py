"""Collection statistics: counts, reviews per day, retention, forecast (CLI and UI share it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from quizapp.domain.sm2 import PASSING_GRADE
from quizapp.domain.studyday import day_to_date, study_day
from quizapp.services.settings import load_settings
from quizapp.store.database import Database
from quizapp.store.models import CardStateRow, ReviewLogRow

MATURE_INTERVAL_DAYS = 21  # Anki's convention: a card with an interval of 3 weeks or more is mature
FORECAST_DAYS = 30


@dataclass
class Stats:
    today: int
    cards: dict[str, int]
    reviews_per_day: list[tuple[int, int]]  # (study day, answers) over the window
    minutes_per_day: list[tuple[int, float]]
    retention: dict[str, float | None]  # share of passing graded reviews: all / young / mature
    forecast: list[tuple[int, int]]  # (study day, cards due), overdue counted on today
    grades: dict[int, int]
    ef_histogram: dict[str, int]
    interval_histogram: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        def day(d: int) -> str:
            return day_to_date(d).isoformat()

        return {
            "study_day": day(self.today), "cards": self.cards,
            "reviews_per_day": [{"day": day(d), "count": n} for d, n in self.reviews_per_day],
            "minutes_per_day": [{"day": day(d), "minutes": round(m, 2)} for d, m in self.minutes_per_day],
            "retention": self.retention,
            "forecast": [{"day": day(d), "due": n} for d, n in self.forecast],
            "grades": {str(g): n for g, n in self.grades.items()},
            "easiness_histogram": self.ef_histogram, "interval_histogram": self.interval_histogram,
        }

    def render_text(self) -> str:
        c = self.cards
        r = self.retention
        pct = lambda v: "-" if v is None else f"{100 * v:.1f}%"  # noqa: E731
        lines = [f"cards: {c['total']} ({c['new']} new, {c['learning']} learning, {c['young']} young, "
                 f"{c['mature']} mature, {c['suspended']} suspended); due today: {c['due_today']}",
                 f"retention: {pct(r['all'])} (young {pct(r['young'])}, mature {pct(r['mature'])})",
                 f"reviews in the last {len(self.reviews_per_day)} days: {sum(n for _, n in self.reviews_per_day)}",
                 "forecast (next 7 days): " + ", ".join(f"{day_to_date(d):%m-%d}:{n}" for d, n in self.forecast[:7]),
                 "grades: " + ", ".join(f"{g}:{n}" for g, n in sorted(self.grades.items()))]
        return "\n".join(lines)


def _bucket(value: int, edges: list[int], fmt: str) -> str:
    for lo, hi in zip(edges, edges[1:]):
        if lo <= value < hi:
            return fmt.format(lo=lo, hi=hi)
    return f">={edges[-1]}"


def collection_stats(db: Database, now: datetime, days: int = 30) -> Stats:
    days = max(1, min(days, 3650))
    with db.read_session() as session:
        today = study_day(now, load_settings(session).day_start_hour)
        s = CardStateRow
        total, new, suspended, due_today, learning, young, mature = session.execute(select(
            func.count(),
            func.sum(case((s.due_day.is_(None), 1), else_=0)),
            func.sum(case((s.suspended.is_(True), 1), else_=0)),
            func.sum(case(((s.due_day <= today) & s.suspended.is_(False), 1), else_=0)),
            func.sum(case(((s.due_day.is_not(None)) & (s.repetitions == 0), 1), else_=0)),
            func.sum(case(((s.repetitions > 0) & (s.interval < MATURE_INTERVAL_DAYS), 1), else_=0)),
            func.sum(case(((s.repetitions > 0) & (s.interval >= MATURE_INTERVAL_DAYS), 1), else_=0)),
        )).one()
        cards = {"total": total or 0, "new": new or 0, "suspended": suspended or 0, "due_today": due_today or 0,
                 "learning": learning or 0, "young": young or 0, "mature": mature or 0}
        log = ReviewLogRow
        live = log.undone.is_(False)
        start = today - days + 1
        per_day = dict(session.execute(select(log.study_day, func.count()).where(live, log.study_day >= start)
                                       .group_by(log.study_day)).all())
        ms_per_day = dict(session.execute(select(log.study_day, func.sum(log.duration_ms))
                                          .where(live, log.study_day >= start).group_by(log.study_day)).all())
        retention: dict[str, float | None] = {}
        graded = session.execute(select(log.grade, log.state_before).where(live, log.kind == "review")).all()
        for name, keep in (("all", lambda iv: True), ("young", lambda iv: iv < MATURE_INTERVAL_DAYS),
                           ("mature", lambda iv: iv >= MATURE_INTERVAL_DAYS)):
            sel = [g for g, before in graded if keep(int(before["interval"]))]
            retention[name] = (sum(1 for g in sel if g >= PASSING_GRADE) / len(sel)) if sel else None
        grades = dict(session.execute(select(log.grade, func.count()).where(live).group_by(log.grade)).all())
        due_rows = dict(session.execute(select(s.due_day, func.count()).where(
            s.suspended.is_(False), s.due_day.is_not(None), s.due_day < today + FORECAST_DAYS)
            .group_by(s.due_day)).all())
        overdue = sum(n for d, n in due_rows.items() if d <= today)
        forecast = [(today, overdue)] + [(d, due_rows.get(d, 0)) for d in range(today + 1, today + FORECAST_DAYS)]
        ef_hist: dict[str, int] = {}
        iv_hist: dict[str, int] = {}
        for ef, iv in session.execute(select(s.easiness, s.interval).where(s.due_day.is_not(None))):
            ef_key = _bucket(ef, [130, 150, 170, 190, 210, 230, 250, 270, 290], "{lo}-{hi}")
            ef_hist[ef_key] = ef_hist.get(ef_key, 0) + 1
            iv_key = _bucket(iv, [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512], "{lo}-{hi}d")
            iv_hist[iv_key] = iv_hist.get(iv_key, 0) + 1
    return Stats(today=today, cards=cards,
                 reviews_per_day=[(d, per_day.get(d, 0)) for d in range(start, today + 1)],
                 minutes_per_day=[(d, (ms_per_day.get(d) or 0) / 60000) for d in range(start, today + 1)],
                 retention=retention, forecast=forecast, grades={g: grades.get(g, 0) for g in range(6)},
                 ef_histogram=ef_hist, interval_histogram=iv_hist)
