"""User settings: names, defaults and validation (pure). Stored as JSON values by key."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from quizapp.domain.queue import DEFAULT_NEW_PER_DAY, DEFAULT_REVIEWS_PER_DAY, Limits
from quizapp.domain.redrill import DEFAULT_CARDS_BETWEEN, DEFAULT_STEPS, Spacing, parse_steps
from quizapp.domain.sm2 import MAX_INTERVAL_DAYS
from quizapp.domain.studyday import DEFAULT_DAY_START_HOUR
from quizapp.i18n.text import StudyText

FSRS_PARAMETER_COUNT = 21  # FSRS-6
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _int_range(low: int, high: int) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            return StudyText.tr("must be a whole number from {low} to {high}").format(low=low, high=high)
        return None
    return check


def _one_of(*options: str) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        return None if v in options else StudyText.tr("must be one of {options}").format(options=', '.join(options))
    return check


def _bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else StudyText.tr("must be true or false")


def _float_range(low: float, high: float) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not low <= v <= high:
            return StudyText.tr("must be a number from {low} to {high}").format(low=low, high=high)
        return None
    return check


def _fsrs_parameters(v: Any) -> str | None:
    """Empty (py-fsrs's defaults) or the 21 FSRS-6 parameters (their bounds: py-fsrs checks them)."""
    if not isinstance(v, list) or len(v) not in (0, FSRS_PARAMETER_COUNT) or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) for x in v):
        return StudyText.tr(
            "must be an empty list (the defaults) or {count} numbers").format(
            count=FSRS_PARAMETER_COUNT)
    return None


def _redrill_steps(v: Any) -> str | None:
    if not isinstance(v, str):
        return "must be steps like '1m 10m'"
    try:
        parse_steps(v)
    except ValueError as exc:
        return str(exc)
    return None


def _time_or_empty(v: Any) -> str | None:
    return None if v == "" or (isinstance(v, str) and _TIME.match(v)) else "must be HH:MM (24 h) or empty for none"


@dataclass(frozen=True)
class Settings:
    new_per_day: int = DEFAULT_NEW_PER_DAY
    reviews_per_day: int = DEFAULT_REVIEWS_PER_DAY
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    grading: str = "four"  # four buttons (Again/Hard/Good/Easy) or the six SuperMemo grades
    language: str = "both"  # zh | en | both: the cards' text
    interface_language: str = "system"  # system | zh | en: the window's words (quizapp/i18n)
    theme: str = "system"  # system | light | dark
    demo_device: str = "auto"  # auto | cpu | cuda
    reminder_time: str = "09:00"  # HH:MM, or "" for no reminder
    backups_kept: int = 10
    quiz_feeds_schedule: bool = True  # a missed quiz item in review becomes due today
    mock_seconds: int = 120  # countdown per mock-interview question
    max_interval_days: int = MAX_INTERVAL_DAYS  # no SM-2 interval grows beyond this (100 years)
    scheduler: str = "sm2"  # sm2 | fsrs (docs/fsrs.md); SM-2 stays the default
    desired_retention: float = 0.9  # FSRS: the recall probability at which a card falls due
    fsrs_parameters: list[float] = field(default_factory=list)  # FSRS-6 weights; [] = py-fsrs defaults
    redrill_steps: str = DEFAULT_STEPS  # when a missed card comes back today (domain/redrill.py)
    redrill_cards_between: int = DEFAULT_CARDS_BETWEEN  # other cards answered before it comes back
    # FSRS's learning steps (a new card) and relearning steps (a forgotten one), py-fsrs's defaults;
    # a step that ends later today puts the card in today's re-drill (docs/fsrs.md)
    fsrs_learning_steps: str = "1m 10m"
    fsrs_relearning_steps: str = "10m"

    @property
    def limits(self) -> Limits:
        return Limits(self.new_per_day, self.reviews_per_day)

    @property
    def spacing(self) -> Spacing:
        return Spacing(parse_steps(self.redrill_steps), self.redrill_cards_between)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


VALIDATORS: dict[str, Callable[[Any], str | None]] = {
    "new_per_day": _int_range(0, 9999),
    "reviews_per_day": _int_range(0, 99999),
    "day_start_hour": _int_range(0, 23),
    "grading": _one_of("four", "six"),
    "language": _one_of("zh", "en", "both"),
    "interface_language": _one_of("system", "zh", "en"),
    "theme": _one_of("system", "light", "dark"),
    "demo_device": _one_of("auto", "cpu", "cuda"),
    "reminder_time": _time_or_empty,
    "backups_kept": _int_range(1, 100),
    "quiz_feeds_schedule": _bool,
    "mock_seconds": _int_range(10, 3600),
    "max_interval_days": _int_range(1, MAX_INTERVAL_DAYS),
    "scheduler": _one_of("sm2", "fsrs"),
    "desired_retention": _float_range(0.7, 0.99),
    "fsrs_parameters": _fsrs_parameters,
    "redrill_steps": _redrill_steps,
    "redrill_cards_between": _int_range(0, 50),
    "fsrs_learning_steps": _redrill_steps,
    "fsrs_relearning_steps": _redrill_steps,
}


def validate(changes: Mapping[str, Any]) -> list[str]:
    """Every problem with `changes`, as 'name: message'."""
    problems = []
    for name, value in changes.items():
        check = VALIDATORS.get(name)
        if check is None:
            problems.append(StudyText.tr("{name}: unknown setting").format(name=name))
            continue
        message = check(value)
        if message:
            problems.append(StudyText.tr("{name}: {message} (got {value})").format(name=name, message=message,
                                                                                   value=repr(value)))
    return problems


def apply(settings: Settings, changes: Mapping[str, Any]) -> Settings:
    problems = validate(changes)
    if problems:
        raise ValueError("; ".join(problems))
    return replace(settings, **changes)


def from_stored(stored: Mapping[str, Any]) -> Settings:
    """Settings from stored values; unknown or invalid stored values fall back to defaults."""
    good = {k: v for k, v in stored.items() if k in VALIDATORS and VALIDATORS[k](v) is None}
    return replace(Settings(), **good)
