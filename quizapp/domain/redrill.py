"""Spacing today's re-drills (docs/architecture.md § Scheduling): when a missed card comes back.

SM-2 step 7 drills a card graded below 4 again the same day until it is graded 4 or 5; the drill
changes nothing but itself (domain/sm2.py). This module decides only WHEN it comes back, like
Anki's learning steps: the n-th return of a card waits `steps_minutes[n]` minutes after the
card's last answer (the last step repeats), and at least `cards_between` answers to other
cards, so the second try tests recall rather than short-term memory.

A drilled card is, at `now`:
  ready    its time has come and `cards_between` other cards were answered since: it goes first;
  held     its time has come but too few other cards were answered since: it comes after every
           other card of the queue (when nothing else is left it is shown: the time has passed);
  waiting  its time has not come: it is not shown unless the user asks ("Show now").
The track of a card (how often it was answered today, when last, how many answers since) is
read from today's review log, so undoing an answer also undoes its spacing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal
from quizapp.i18n.text import StudyText

DEFAULT_STEPS: Final = "1m 10m"  # Anki's default learning steps
DEFAULT_CARDS_BETWEEN: Final = 3
MAX_STEP_MINUTES: Final = 24 * 60  # a re-drill belongs to today
_STEP = re.compile(r"^(\d+)([mh]?)$")

Readiness = Literal["ready", "held", "waiting"]


def parse_steps(text: str) -> tuple[int, ...]:
    """'1m 10m' (minutes; 'h' for hours; a bare number is minutes) -> (1, 10); ValueError naming
    the bad step otherwise."""
    steps = []
    for part in str(text).split():
        match = _STEP.match(part.lower())
        if match is None:
            raise ValueError(StudyText.tr(
                "'{part}' is not a step: write minutes like '1m 10m' (or hours: '1h')").format(
                part=part))
        minutes = int(match.group(1)) * (60 if match.group(2) == "h" else 1)
        if not 1 <= minutes <= MAX_STEP_MINUTES:
            raise ValueError(StudyText.tr("step '{part}' must be from 1 minute to 24 hours").format(part=part))
        steps.append(minutes)
    if not steps:
        raise ValueError(StudyText.tr("give at least one step, like '1m 10m'"))
    return tuple(steps)


def format_steps(steps: Iterable[int]) -> str:
    return " ".join(f"{m // 60}h" if m % 60 == 0 else f"{m}m" for m in steps)


@dataclass(frozen=True)
class Spacing:
    steps_minutes: tuple[int, ...] = parse_steps(DEFAULT_STEPS)
    cards_between: int = DEFAULT_CARDS_BETWEEN

    def __post_init__(self) -> None:
        if not self.steps_minutes or any(m < 1 for m in self.steps_minutes) or self.cards_between < 0:
            raise ValueError(StudyText.tr("re-drill steps must be >= 1 minute and cards between >= 0"))


@dataclass(frozen=True)
class DrillTrack:
    """What today's log says about one card: its answers today, the last one's time, and how
    many answers to other cards came after it."""

    answers_today: int = 0
    last_answer_at: datetime | None = None
    answers_since: int = 0


NOT_ANSWERED_TODAY: Final = DrillTrack()
DEFAULT_SPACING: Final = Spacing()


def tracks_from_answers(answers: Iterable[tuple[str, datetime | None]]) -> dict[str, DrillTrack]:
    """Every card's track from today's answers (card id, time), oldest first. Only the time of
    each card's last answer is read (the store passes None for the others)."""
    rows = list(answers)
    count: dict[str, int] = {}
    last: dict[str, int] = {}
    for index, (card_id, _at) in enumerate(rows):
        count[card_id] = count.get(card_id, 0) + 1
        last[card_id] = index
    return {card_id: DrillTrack(count[card_id], rows[i][1], len(rows) - i - 1) for card_id, i in last.items()}


def ready_at(track: DrillTrack, spacing: Spacing) -> datetime | None:
    """When the card may come back: its step after its last answer today (None: at once)."""
    if track.last_answer_at is None:
        return None
    returns = max(0, track.answers_today - 1)  # the first answer today is the miss that began the drill
    step = spacing.steps_minutes[min(returns, len(spacing.steps_minutes) - 1)]
    return track.last_answer_at + timedelta(minutes=step)


def readiness(track: DrillTrack, spacing: Spacing, now: datetime) -> Readiness:
    at = ready_at(track, spacing)
    if at is not None and now < at:
        return "waiting"
    if track.last_answer_at is not None and track.answers_since < spacing.cards_between:
        return "held"
    return "ready"


@dataclass(frozen=True)
class DrillOrder:
    """Today's drilled cards sorted by readiness (each list in the order they are shown)."""

    ready: list[str]
    held: list[str]
    waiting: list[tuple[str, datetime]]  # (card id, when it may come back), soonest first


def arrange(drilled: Iterable[str], tracks: Mapping[str, DrillTrack], spacing: Spacing,
            now: datetime | None) -> DrillOrder:
    """Sort drilled cards (given in deck order) by readiness at `now` (None: all ready)."""
    ready: list[str] = []
    held: list[tuple[int, int, str]] = []
    waiting: list[tuple[datetime, int, str]] = []
    for position, card_id in enumerate(drilled):
        track = tracks.get(card_id, NOT_ANSWERED_TODAY)
        state = "ready" if now is None else readiness(track, spacing, now)
        if state == "ready":
            ready.append(card_id)
        elif state == "held":
            held.append((-track.answers_since, position, card_id))  # most cards since first
        else:
            at = ready_at(track, spacing)
            assert at is not None
            waiting.append((at, position, card_id))
    held.sort()
    waiting.sort()
    return DrillOrder(ready, [c for *_, c in held], [(c, at) for at, _, c in waiting])
