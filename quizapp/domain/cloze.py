"""Cloze blanks: `{{c1::answer}}`, `{{c1::answer|alternative}}`, `{{c1::answer::hint}}`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from quizapp.i18n.text import DeckFileText

_BLANK = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.S)


@dataclass(frozen=True)
class Blank:
    number: int
    answers: tuple[str, ...]  # the first is the one shown
    hint: str | None

    @property
    def answer(self) -> str:
        return self.answers[0]


class ClozeSyntaxError(ValueError):
    pass


def parse_blanks(text: str) -> list[Blank]:
    """All blanks in order; ClozeSyntaxError for unbalanced braces or empty answers."""
    blanks: list[Blank] = []
    for m in _BLANK.finditer(text):
        body = m.group(2)
        answer_part, _, hint = body.partition("::")
        answers = tuple(a.strip() for a in answer_part.split("|"))
        if not answers or any(not a for a in answers):
            raise ClozeSyntaxError(DeckFileText.tr(
                "blank c{number} has an empty answer: '{blank}'").format(
                number=m.group(1), blank=m.group(0)))
        if "{{" in body or "}}" in body:
            raise ClozeSyntaxError(DeckFileText.tr("nested or unbalanced braces in '{text}'").format(text=m.group(0)))
        blanks.append(Blank(int(m.group(1)), answers, hint.strip() or None))
    rest = _BLANK.sub("", text)
    if "{{" in rest or "}}" in rest:
        raise ClozeSyntaxError(DeckFileText.tr("unbalanced '{{' or '}}' outside a well-formed {{cN::...}} blank"))
    return blanks


def blank_numbers(text: str) -> list[int]:
    return sorted({b.number for b in parse_blanks(text)})


def render(text: str, hide: set[int] | None = None, mark: tuple[str, str] = ("**", "**")) -> str:
    """The text with blanks in `hide` shown as [...] (or [hint]) and the others filled in,
    the filled answers wrapped in `mark` (Markdown bold by default)."""
    hide = hide or set()

    def sub(m: re.Match[str]) -> str:
        number = int(m.group(1))
        answer_part, _, hint = m.group(2).partition("::")
        if number in hide:
            return f"[{hint.strip()}]" if hint.strip() else "[…]"
        return f"{mark[0]}{answer_part.split('|')[0].strip()}{mark[1]}"

    return _BLANK.sub(sub, text)
