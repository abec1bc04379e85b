"""The daily review reminder: when it next fires, whether one is due now, and what it says.

Times are wall-clock times in the zone `now` carries (the UI passes local time), so a reminder
set for 09:00 fires at 09:00 wherever the user is. The app can only remind while it runs: a
reminder missed because the app was closed fires once when it next starts, the same day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from quizapp.domain.settings import VALIDATORS
from quizapp.services.study import StudyService
from quizapp.i18n.text import StudyText


def reminder_clock(reminder_time: str) -> time | None:
    """'HH:MM' -> time; '' (no reminder) -> None; anything else is a ValueError naming the value."""
    if reminder_time == "":
        return None
    problem = VALIDATORS["reminder_time"](reminder_time)
    if problem:
        raise ValueError(StudyText.tr(
            "reminder time {problem} (got {time})").format(
            problem=problem, time=f"{reminder_time!r}"))
    hours, minutes = reminder_time.split(":")
    return time(int(hours), int(minutes))


def next_reminder(reminder_time: str, now: datetime, last_shown: date | None = None) -> datetime | None:
    """When the reminder fires next: today at the set time, or at once if that time has passed
    and today's reminder was not shown; tomorrow once it was. None when reminders are off."""
    at = reminder_clock(reminder_time)
    if at is None:
        return None
    if now.tzinfo is None:
        raise ValueError("next_reminder needs a timezone-aware datetime")
    slot = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if last_shown == now.date():
        return slot + timedelta(days=1)
    return max(slot, now)


def reminder_due(reminder_time: str, now: datetime, last_shown: date | None) -> bool:
    """True once per day, from the set time on, until the reminder has been shown that day."""
    at = next_reminder(reminder_time, now, last_shown)
    return at is not None and at <= now


@dataclass(frozen=True)
class DueCount:
    review: int
    redrill: int
    new: int

    @property
    def total(self) -> int:
        return self.review + self.redrill + self.new

    def message(self) -> str:
        if not self.total:
            return "Nothing due — all done for today"
        parts = [f"{n} {label}" for n, label in ((self.review, "due"), (self.redrill, "to re-drill"),
                                                 (self.new, "new")) if n]
        return f"{self.total} card{'s' if self.total != 1 else ''} waiting: " + ", ".join(parts)


def due_count(study: StudyService, now: datetime) -> DueCount:
    """What today's session holds now, within the daily limits."""
    counts = study.queue(now, limit=0).counts
    return DueCount(counts.get("review", 0), counts.get("redrill", 0), counts.get("new", 0))
