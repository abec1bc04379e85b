"""Words for people: plurals, and grades in the user's terms, the words of the grading setting
("four" buttons Again / Hard / Good / Easy, or the "six" SuperMemo grades 0–5), for every place
that reports grades back (the study summary, the statistics, the quiz and mock-interview
reports). Pure."""
from __future__ import annotations

from quizapp.domain.sm2 import PASSING_GRADE, Button, Grade

_BUTTON_NAMES = {int(b): b.name.capitalize() for b in Button}
_SIX_NAMES = {0: "Blackout", 1: "Wrong", 2: "Almost", 3: "Hard", 4: "Good", 5: "Perfect"}
assert set(_SIX_NAMES) == {int(g) for g in Grade}
BUTTON_ORDER = tuple(b.name.capitalize() for b in Button)  # Again, Hard, Good, Easy


def grade_words(grade: int, grading: str = "four") -> str:
    """A grade as the user gave it: the button's name ("Good") in four-button mode (a grade below 3,
    which can come from the six-grade mode, reads "Again"), the grade with its word ("4/5 Good")
    in six-grade mode."""
    if grading == "six":
        return f"{grade}/5 {_SIX_NAMES[grade]}"
    return _BUTTON_NAMES.get(grade, "Again" if grade < PASSING_GRADE else _BUTTON_NAMES[int(Button.EASY)])


def grade_counts(grades: list[int], grading: str = "four") -> str:
    """How often each grade was given, best first: '2 Good · 1 Again' (four buttons), '2 × 4 Good ·
    1 × 0 Blackout' (six grades)."""
    counts: dict[int | str, int] = {}
    for g in sorted(grades, reverse=True):
        key: int | str = g if grading == "six" else grade_words(g, grading)
        counts[key] = counts.get(key, 0) + 1
    if grading == "six":
        return " · ".join(f"{n} × {g} {_SIX_NAMES[int(g)]}" for g, n in counts.items())
    return " · ".join(f"{n} {word}" for word, n in counts.items())


def grade_bars(counts: dict[int, int], grading: str = "four") -> list[tuple[str, int, int]]:
    """(label, answers, lowest grade) per bar of a grades chart: the four buttons in four-button
    mode (grades 0–2 fall under Again), 0–5 in six-grade mode."""
    if grading == "six":
        return [(f"{g} {_SIX_NAMES[g]}", counts.get(g, 0), g) for g in range(6)]
    bars: dict[str, list[int]] = {name: [0, int(Button[name.upper()])] for name in BUTTON_ORDER}
    for g, n in counts.items():
        bars[grade_words(g, "four")][0] += n
    return [(name, n, low) for name, (n, low) in bars.items()]


def recalled_words(grading: str = "four") -> str:
    """What 'recalled' means, in the user's terms (SM-2: grade ≥ 3)."""
    return f"grade ≥ {PASSING_GRADE}" if grading == "six" else "Hard or better"


def plural(n: int, noun: str, plural_noun: str | None = None) -> str:
    """'1 card', '2 cards' ('1 re-drill', '3 re-drills'; '1 day', '2 days')."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural_noun or noun + 's'}"
