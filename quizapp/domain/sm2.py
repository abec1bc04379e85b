"""SM-2 scheduling (docs/architecture.md § Scheduling), as pure functions over frozen values.

Easiness is an integer in hundredths (250 = 2.50) so intervals never drift: with float EF,
ceil(50 * 3.0000000000000004) gives 151 where SM-2 means 150.

A graded review of a card:
  q >= 3: EF = max(130, EF + 10 - (5-q)*(8 + (5-q)*2)); I = 1 if n == 0, 6 if n == 1,
          else ceil(I * EF / 100) with the new EF; n += 1.
  q <  3: n = 0, I = 1, EF unchanged, lapses += 1.
  I is capped at `max_interval` days (default MAX_INTERVAL_DAYS, 100 years, as FSRS and Anki do):
  answering "easy" again and again before a card is due would otherwise grow I past what a date
  can hold, and the card could never be shown or printed again.
  due = today + I.  q < 4 also puts the card into today's re-drill (SM-2 step 7): it comes back
  in the same session until graded >= 4; those drills are logged but change nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Final
from quizapp.i18n.text import StudyText

EF_START: Final = 250
EF_FLOOR: Final = 130
PASSING_GRADE: Final = 3  # q >= 3 counts as recalled
REDRILL_BELOW: Final = 4  # q < 4 is drilled again the same day
MAX_INTERVAL_DAYS: Final = 36_500  # the default interval cap (a setting: max_interval_days)


class Grade(IntEnum):
    """SuperMemo's six grades."""

    BLACKOUT = 0
    WRONG_FAMILIAR = 1
    WRONG_EASY_RECALL = 2
    HARD = 3
    GOOD = 4
    EASY = 5


class Button(IntEnum):
    """The four-button layout (keys 1–4); the value is the SM-2 grade each one gives."""

    AGAIN = 1
    HARD = 3
    GOOD = 4
    EASY = 5


BUTTON_KEYS: Final[dict[int, Button]] = {1: Button.AGAIN, 2: Button.HARD, 3: Button.GOOD, 4: Button.EASY}
GRADE_WORDS: Final[dict[str, int]] = {b.name.lower(): int(b) for b in Button}
GRADE_DIGITS: Final = frozenset("012345")


def parse_grade(text: str | int) -> Grade:
    """'0'..'5' or again/hard/good/easy -> Grade; ValueError with a clear message otherwise."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        word = str(text).strip().lower()
        if word in GRADE_WORDS:
            return Grade(GRADE_WORDS[word])
        if word not in GRADE_DIGITS:  # not str.isdigit: it accepts '³' and '３' (int() reads '３' as 3)
            raise ValueError(StudyText.tr("grade must be 0-5 or one of again/hard/good/easy, got '{text}'")
                             .format(text=text))
        value = int(word)
    if not 0 <= value <= 5:
        raise ValueError(StudyText.tr("grade must be 0-5 or one of again/hard/good/easy, got '{text}'").format(
            text=text))
    return Grade(value)


@dataclass(frozen=True)
class CardState:
    """Scheduling state of one card. `due_day` None means the card is new (never graded).
    `redrill_day` is the study day on which the card is in the same-day re-drill, if any."""

    repetitions: int = 0
    easiness: int = EF_START
    interval: int = 0
    due_day: int | None = None
    lapses: int = 0
    redrill_day: int | None = None

    @property
    def is_new(self) -> bool:
        return self.due_day is None

    def to_dict(self) -> dict[str, int | None]:
        return {"repetitions": self.repetitions, "easiness": self.easiness, "interval": self.interval,
                "due_day": self.due_day, "lapses": self.lapses, "redrill_day": self.redrill_day}

    @classmethod
    def from_dict(cls, d: dict[str, int | None]) -> "CardState":
        return cls(**{k: d[k] for k in ("repetitions", "easiness", "interval", "due_day", "lapses",
                                         "redrill_day")})  # type: ignore[arg-type]


def next_easiness(easiness: int, quality: int) -> int:
    miss = 5 - quality
    return max(EF_FLOOR, easiness + 10 - miss * (8 + miss * 2))


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def graded_review(state: CardState, quality: int, today: int, max_interval: int = MAX_INTERVAL_DAYS) -> CardState:
    """The SM-2 update of a graded (not re-drill) review on study day `today`; the interval
    never exceeds `max_interval` days."""
    q = int(Grade(quality))
    if q >= PASSING_GRADE:
        ef = next_easiness(state.easiness, q)
        if state.repetitions == 0:
            interval = 1
        elif state.repetitions == 1:
            interval = 6
        else:
            interval = _ceil_div(state.interval * ef, 100)
        interval = max(1, min(interval, max_interval))
        repetitions, lapses = state.repetitions + 1, state.lapses
    else:
        repetitions, ef, interval, lapses = 0, state.easiness, 1, state.lapses + 1
    # one CardState built, not three `replace` copies: previews run this six times per card
    return CardState(repetitions=repetitions, easiness=ef, interval=interval, due_day=today + interval,
                     lapses=lapses, redrill_day=today if q < REDRILL_BELOW else None)


def is_redrill(state: CardState, today: int) -> bool:
    return state.redrill_day == today


def review(state: CardState, quality: int, today: int, max_interval: int = MAX_INTERVAL_DAYS) -> CardState:
    """Apply one answer: a same-day re-drill if the card is in today's drill, else a graded review.

    A re-drill changes neither n, EF, I nor due; it only ends the drill once q >= 4.
    """
    q = int(Grade(quality))
    if is_redrill(state, today):
        return replace(state, redrill_day=None) if q >= REDRILL_BELOW else state
    return graded_review(state, q, today, max_interval)


def preview_intervals(state: CardState, today: int, grades: tuple[int, ...] = tuple(range(6)),
                      max_interval: int = MAX_INTERVAL_DAYS) -> dict[int, int]:
    """Days until due for each grade (0 for a re-drill that keeps the card in today's session)."""
    out: dict[int, int] = {}
    for g in grades:
        after = review(state, g, today, max_interval)
        if is_redrill(state, today):  # a drill answer below 4 keeps the card in today's session
            out[g] = 0 if is_redrill(after, today) else (after.due_day or today) - today
        else:
            out[g] = after.interval
    return out
