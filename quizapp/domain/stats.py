"""Collection statistics as plain values (computed by quizapp/services/stats.py, drawn by
quizapp/plots/stats_figures.py, printed by `quizapp stats`). Pure."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizapp.domain.studyday import day_to_date
from quizapp.i18n.text import ReportText


@dataclass(frozen=True)
class Bin:
    low: int
    high: int | None  # None: open-ended
    count: int


@dataclass(frozen=True)
class SectionProgress:
    """One section of the deck as a whole, not today's allotment: its size and how far it got."""

    total: int  # every card, suspended ones too
    unseen: int  # never studied (and not suspended)
    mature: int  # studied, with an interval of three weeks or more
    suspended: int

    @property
    def studied(self) -> int:
        return self.total - self.unseen - self.suspended

    @property
    def share_studied(self) -> float:
        active = self.total - self.suspended
        return self.studied / active if active else 0.0


@dataclass(frozen=True)
class DayAnswers:
    day: int
    new: int = 0
    review: int = 0
    redrill: int = 0

    @property
    def total(self) -> int:
        return self.new + self.review + self.redrill


@dataclass
class Stats:
    today: int
    days: int  # the history window
    cards: dict[str, int]  # total, new, learning, young, mature, suspended, due_today
    answers_per_day: list[DayAnswers]  # oldest first, one per day of the window
    minutes_per_day: list[tuple[int, float]]
    calendar: list[tuple[int, int]]  # (day, study answers) over the last CALENDAR_DAYS days
    retention: dict[str, float | None]  # share of passing graded reviews: all / young / mature
    retention_counts: dict[str, tuple[int, int]]  # (passed, reviews) behind each share
    forecast: list[tuple[int, int]]  # (study day, cards due), overdue counted on today
    grades: dict[int, int]  # study answers per grade 0-5 in the window
    ef_bins: list[Bin]  # hundredths
    interval_bins: list[Bin]  # days
    streak: int  # consecutive study days up to today (or yesterday, before today's first answer)
    quiz_answers: int  # in the window; not reviews
    quiz_minutes: float

    @property
    def reviews_per_day(self) -> list[tuple[int, int]]:
        return [(d.day, d.total) for d in self.answers_per_day]

    @property
    def answers(self) -> int:
        return sum(d.total for d in self.answers_per_day)

    @property
    def minutes(self) -> float:
        return sum(m for _, m in self.minutes_per_day)

    @property
    def days_studied(self) -> int:
        return sum(1 for d in self.answers_per_day if d.total)

    def to_dict(self) -> dict[str, Any]:
        def day(d: int) -> str:
            return day_to_date(d).isoformat()

        def bins(items: list[Bin], scale: float) -> list[dict[str, Any]]:
            return [{"from": b.low / scale, "to": None if b.high is None else b.high / scale, "count": b.count}
                    for b in items]

        answers = self.answers
        return {
            "study_day": day(self.today), "days": self.days, "cards": self.cards,
            "summary": {"answers": answers, "days_studied": self.days_studied, "streak": self.streak,
                        "minutes": round(self.minutes, 2),
                        "seconds_per_answer": round(self.minutes * 60 / answers, 1) if answers else None,
                        "quiz_answers": self.quiz_answers, "quiz_minutes": round(self.quiz_minutes, 2)},
            "reviews_per_day": [{"day": day(d.day), "count": d.total, "new": d.new, "review": d.review,
                                 "redrill": d.redrill} for d in self.answers_per_day],
            "minutes_per_day": [{"day": day(d), "minutes": round(m, 2)} for d, m in self.minutes_per_day],
            "calendar": [{"day": day(d), "count": n} for d, n in self.calendar],
            "retention": self.retention,
            "retention_counts": {k: {"passed": p, "reviews": n} for k, (p, n) in self.retention_counts.items()},
            "forecast": [{"day": day(d), "due": n} for d, n in self.forecast],
            "grades": {str(g): n for g, n in self.grades.items()},
            "easiness_histogram": bins(self.ef_bins, 100), "interval_histogram": bins(self.interval_bins, 1),
        }

    def render_text(self) -> str:
        c, r = self.cards, self.retention

        def pct(v: float | None) -> str:
            return "-" if v is None else f"{100 * v:.1f}%"

        # one whole sentence per line, counts as placeholders (a translation may reorder them)
        lines = [ReportText.tr("cards: {total} ({new} new, {learning} learning, {young} young, {mature} mature, "
                               "{suspended} suspended); due today: {due_today}").format(**c),
                 ReportText.tr("last %n day(s): {answers} answers on {days_studied} days, {minutes} min; streak "
                               "{streak} days; {quiz_answers} quiz answers (not counted)", "", self.days).format(
                     answers=self.answers, days_studied=self.days_studied, minutes=f"{self.minutes:.0f}",
                     streak=self.streak, quiz_answers=self.quiz_answers),
                 ReportText.tr("retention: {all} (young {young}, mature {mature})").format(
                     all=pct(r["all"]), young=pct(r["young"]), mature=pct(r["mature"])),
                 ReportText.tr("forecast (next 7 days): {days}").format(
                     days=", ".join(f"{day_to_date(d):%m-%d}:{n}" for d, n in self.forecast[:7])),
                 ReportText.tr("grades: {grades}").format(
                     grades=", ".join(f"{g}:{n}" for g, n in sorted(self.grades.items())))]
        return "\n".join(lines)
