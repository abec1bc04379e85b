"""Quiz rules, pure: answer normalization and grading, item selection, score summaries, and
how a missed quiz item feeds back into the SM-2 schedule.

Typed answers are compared after `normalize`, which forgives what a reader would not call a
mistake: case, spaces, full-width vs half-width forms (NFKC), sentence punctuation in Chinese
and English, a leading English article, a hyphen inside a word, `$` math delimiters. It keeps
what changes meaning in a formula: digits, operators, brackets, a decimal point between digits.
"""
from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from quizapp.domain.cloze import blank_numbers, parse_blanks, render
from quizapp.domain.content import LANGS, Bilingual, Card
from quizapp.domain.sm2 import PASSING_GRADE, CardState
from quizapp.i18n.text import StudyText

DEFAULT_SIZE = 10
MAX_SIZE = 500
# SM-2 quality logged for an automatically graded item (review_log.grade is 0-5): a right
# answer is "good", a partly right cloze "wrong but familiar", a wrong one "again".
QUALITY_RIGHT = 4
QUALITY_PARTLY = 2
QUALITY_WRONG = 1

# Sentence punctuation, ASCII and CJK, after NFKC (which already folds full-width ，：；！？（）).
_PUNCTUATION = frozenset(".,;:!?'\"`~" "。，、；：！？“”‘’「」『』《》〈〉【】…·—")
_KEEP_BETWEEN_DIGITS = frozenset(".,:")  # 0.5, 1,000, 16:9 keep their meaning (so does .5)
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2010": "-", "\u2011": "-"})
_ARTICLE = re.compile(r"^(?:the|an|a)\s+(?=\S)")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def normalize(text: str) -> str:
    """The comparable form of a typed answer or an accepted answer (see the module docstring)."""
    s = unicodedata.normalize("NFKC", text).casefold().translate(_MINUS_SIGNS).replace("$", "").strip()
    s = _ARTICLE.sub("", s)
    out: list[str] = []
    for i, ch in enumerate(s):
        prev, nxt = s[i - 1] if i else "", s[i + 1] if i + 1 < len(s) else ""
        if ch in _PUNCTUATION:
            if ch in _KEEP_BETWEEN_DIGITS and prev.isdigit() and nxt.isdigit():
                out.append(ch)
            elif ch == "." and nxt.isdigit() and not prev.isalpha():  # .5
                out.append(ch)
            continue
        if ch == "-" and prev.isalpha() and nxt.isalpha():  # mini-batch == minibatch
            continue
        if ch.isspace():
            continue
        out.append(ch)
    return "".join(out)


def _numeric_value(s: str) -> float | None:
    """A plain number or a simple fraction of numbers ('0.5', '.5', '1/2'), else None."""
    num, slash, den = s.partition("/")
    if not _NUMBER.match(num):
        return None
    if not slash:
        return float(num)
    if not _NUMBER.match(den) or float(den) == 0:
        return None
    return float(num) / float(den)


def answer_matches(typed: str, accepted: Iterable[str]) -> bool:
    """Whether a typed answer equals any accepted answer after normalization; two numbers
    match when their values do (0.50 == .5 == 1/2)."""
    got = normalize(typed)
    if not got:
        return False
    got_value = _numeric_value(got)
    for answer in accepted:
        want = normalize(answer) or answer.strip().casefold()  # an all-punctuation answer
        if got == want:
            return True
        want_value = _numeric_value(want)
        if got_value is not None and want_value is not None and math.isclose(got_value, want_value,
                                                                             rel_tol=1e-9, abs_tol=1e-12):
            return True
    return False


# ----------------------------------------------------------------------------- responses


class QuizAnswerError(ValueError):
    """A response that does not fit its card (wrong kind, no such choice or blank)."""


@dataclass(frozen=True)
class ChoiceAnswer:
    """An mcq answer: the 0-based index of the chosen option in the card, and the order the
    options were shown in (card indices, first shown first; empty: the card's own order)."""

    index: int
    order: tuple[int, ...] = ()


@dataclass(frozen=True)
class TypedAnswer:
    """A cloze answer: what was typed into each blank, by blank number."""

    blanks: Mapping[int, str]


@dataclass(frozen=True)
class SelfGrade:
    """A qa answer graded by the user (0-5), with what they typed (may be empty) and, in a mock
    interview, whether the countdown ran out first."""

    grade: int
    typed: str = ""
    timed_out: bool = False


Response = ChoiceAnswer | TypedAnswer | SelfGrade


def response_to_dict(response: Response) -> dict[str, Any]:
    if isinstance(response, ChoiceAnswer):
        return {"type": "choice", "index": response.index, "order": list(response.order)}
    if isinstance(response, TypedAnswer):
        return {"type": "typed", "blanks": {str(k): v for k, v in sorted(response.blanks.items())}}
    return {"type": "self", "grade": response.grade, "typed": response.typed, "timed_out": response.timed_out}


def response_from_dict(d: Mapping[str, Any]) -> Response:
    if d["type"] == "choice":
        return ChoiceAnswer(int(d["index"]), tuple(int(i) for i in d.get("order", ())))
    if d["type"] == "typed":
        return TypedAnswer({int(k): str(v) for k, v in d["blanks"].items()})
    return SelfGrade(int(d["grade"]), str(d.get("typed", "")), bool(d.get("timed_out", False)))


# ----------------------------------------------------------------------------- grading


@dataclass(frozen=True)
class BlankResult:
    number: int
    typed: str
    correct: bool
    accepted: tuple[str, ...]  # the first is the answer to show

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "typed": self.typed, "correct": self.correct, "accepted": list(self.accepted)}


@dataclass(frozen=True)
class ItemGrade:
    """The outcome of one answered item. `score` is 0..1 (a cloze earns a share per blank);
    `correct` means fully right; `quality` is the SM-2 grade logged for it."""

    correct: bool
    score: float
    quality: int
    blanks: tuple[BlankResult, ...] = ()
    choice: int | None = None
    correct_choice: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "score": self.score, "quality": self.quality,
                "blanks": [b.to_dict() for b in self.blanks], "choice": self.choice,
                "correct_choice": self.correct_choice}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "ItemGrade":
        blanks = tuple(BlankResult(int(b["number"]), b["typed"], bool(b["correct"]), tuple(b["accepted"]))
                       for b in d.get("blanks", ()))
        return cls(bool(d["correct"]), float(d["score"]), int(d["quality"]), blanks, d.get("choice"),
                   d.get("correct_choice"))


def cloze_answers(card: Card, lang: str = "en") -> dict[int, tuple[str, ...]]:
    """Accepted answers per blank number, from both languages (either may be typed), the
    answers of `lang` first. A number used twice accepts the answers of every occurrence."""
    if card.cloze is None:
        raise QuizAnswerError(StudyText.tr("card '{card_id}' has no cloze text").format(card_id=card.id))
    order = [lang] + [lg for lg in LANGS if lg != lang] if lang in LANGS else list(LANGS)
    accepted: dict[int, list[str]] = {}
    for lg in order:
        for blank in parse_blanks(card.cloze.get(lg)):
            bucket = accepted.setdefault(blank.number, [])
            bucket.extend(a for a in blank.answers if a not in bucket)
    return {n: tuple(answers) for n, answers in sorted(accepted.items())}


def grade_cloze(card: Card, typed: Mapping[int, str], lang: str = "en") -> ItemGrade:
    """Each blank graded on its own; a blank left out of `typed` counts as unanswered (wrong)."""
    accepted = cloze_answers(card, lang)
    unknown = sorted(set(typed) - set(accepted))
    if unknown:
        raise QuizAnswerError(StudyText.tr(
            "card '{card_id}' has no blank c{number} (it has {blanks})").format(
            card_id=card.id, number=unknown[0], blanks=', '.join(f'c{n}' for n in accepted)))
    results = tuple(BlankResult(n, typed.get(n, ""), answer_matches(typed.get(n, ""), answers), answers)
                    for n, answers in accepted.items())
    right = sum(r.correct for r in results)
    score = right / len(results)
    quality = QUALITY_RIGHT if right == len(results) else QUALITY_PARTLY if right else QUALITY_WRONG
    return ItemGrade(correct=right == len(results), score=score, quality=quality, blanks=results)


def grade_mcq(card: Card, index: int) -> ItemGrade:
    if not card.choices:
        raise QuizAnswerError(StudyText.tr("card '{card_id}' has no choices").format(card_id=card.id))
    if not 0 <= index < len(card.choices):
        raise QuizAnswerError(StudyText.tr(
            "choose an option from 1 to {count} (got {got})").format(
            count=len(card.choices), got=index + 1))
    right = card.choices[index].correct
    return ItemGrade(correct=right, score=1.0 if right else 0.0, quality=QUALITY_RIGHT if right else QUALITY_WRONG,
                     choice=index, correct_choice=card.correct_choice)


def grade_self(grade: int) -> ItemGrade:
    """A self-graded qa item: right when the grade passes SM-2 (3 or more)."""
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 5:
        raise QuizAnswerError(StudyText.tr("a self-grade must be 0-5 (got {grade})").format(grade=f"{grade!r}"))
    right = grade >= PASSING_GRADE
    return ItemGrade(correct=right, score=1.0 if right else 0.0, quality=grade)


def grade(card: Card, response: Response, lang: str = "en") -> ItemGrade:
    """Grade a response to a card; QuizAnswerError when the response does not fit the card."""
    if card.kind == "mcq" and isinstance(response, ChoiceAnswer):
        return grade_mcq(card, response.index)
    if card.kind == "cloze" and isinstance(response, TypedAnswer):
        return grade_cloze(card, response.blanks, lang)
    if card.kind == "qa" and isinstance(response, SelfGrade):
        return grade_self(response.grade)
    expected = {"mcq": StudyText.tr("a choice"), "cloze": StudyText.tr("typed blanks"),
                "qa": StudyText.tr("a self-grade")}[card.kind]
    raise QuizAnswerError(StudyText.tr(
        "card '{card_id}' is a {kind} card: answer it with {expected}").format(
        card_id=card.id, kind=card.kind, expected=expected))


def choice_order(count: int, seed: int, position: int) -> tuple[int, ...]:
    """The order a quiz shows an mcq's options in (card indices, first shown first): shuffled
    on every presentation, so the right answer's place gives nothing away, and reproducible
    from what the quiz stores (its seed and the item's position), so a report or a reload shows
    the order the user saw."""
    order = list(range(count))
    random.Random(f"choices:{seed}:{position}").shuffle(order)
    return tuple(order)


# ----------------------------------------------------------------------------- selection


class Selectable(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def kind(self) -> str: ...


S = TypeVar("S", bound=Selectable)


def select_items(candidates: Sequence[S], sections: Collection[str], kinds: Collection[str], size: int,
                 rng: random.Random) -> list[S]:
    """Up to `size` candidates of the given sections and kinds (empty = all), drawn without
    repetition and spread over the sections in turn so one big section does not crowd out the
    others; the order is shuffled. The same seed and candidates give the same quiz."""
    if size < 1:
        raise ValueError(StudyText.tr("a quiz needs at least 1 question (got size {size})").format(size=size))
    pool = sorted((c for c in candidates if (not sections or c.section in sections) and (not kinds or c.kind in kinds)),
                  key=lambda c: c.id)
    by_section: dict[str, list[S]] = {}
    for c in pool:
        by_section.setdefault(c.section, []).append(c)
    order = sorted(by_section)
    rng.shuffle(order)
    for name in order:
        rng.shuffle(by_section[name])
    chosen: list[S] = []
    while len(chosen) < size and any(by_section[name] for name in order):
        for name in order:
            if by_section[name] and len(chosen) < size:
                chosen.append(by_section[name].pop())
    rng.shuffle(chosen)
    return chosen


# ----------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class ScoredItem:
    section: str
    kind: str
    grade: ItemGrade | None  # None: not answered


@dataclass(frozen=True)
class SectionScore:
    section: str
    items: int  # answered items counted
    correct: int
    points: float  # sum of scores (partial cloze credit)

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.items if self.items else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "items": self.items, "correct": self.correct,
                "points": round(self.points, 4), "percent": round(self.percent, 1)}


@dataclass(frozen=True)
class QuizSummary:
    """The score of a quiz over all its items: an unanswered item scores 0."""

    total: int
    answered: int
    correct: int
    points: float
    by_section: tuple[SectionScore, ...] = field(default_factory=tuple)

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "answered": self.answered, "correct": self.correct,
                "points": round(self.points, 4), "percent": round(self.percent, 1),
                "by_section": [s.to_dict() for s in self.by_section]}


def _section_scores(pairs: Iterable[tuple[str, ItemGrade]]) -> tuple[SectionScore, ...]:
    acc: dict[str, list[float]] = {}
    for section, g in pairs:
        a = acc.setdefault(section, [0, 0, 0.0])
        a[0] += 1
        a[1] += g.correct
        a[2] += g.score
    return tuple(SectionScore(s, int(a[0]), int(a[1]), a[2]) for s, a in sorted(acc.items()))


def summarize(items: Sequence[ScoredItem]) -> QuizSummary:
    graded = [(i.section, i.grade) for i in items if i.grade is not None]
    return QuizSummary(total=len(items), answered=len(graded), correct=sum(g.correct for _, g in graded),
                       points=sum(g.score for _, g in graded), by_section=_section_scores(graded))


def weakest_sections(recent: Iterable[tuple[str, ItemGrade]], min_items: int = 3) -> list[SectionScore]:
    """Sections ordered weakest first by their score over `recent` answers (pass each
    section's latest answers only, so an old weakness that was fixed stops counting).
    Sections with fewer than `min_items` answers are left out: too few to judge."""
    scores = [s for s in _section_scores(recent) if s.items >= min_items]
    return sorted(scores, key=lambda s: (s.percent, -s.items, s.section))


# ----------------------------------------------------------------------------- feedback into SM-2


def fed_back_state(state: CardState, missed: bool, today: int, enabled: bool = True) -> CardState:
    """The card's state after a quiz answer. Only a miss on a card already in review (not
    new) changes it: it becomes due today (an overdue card keeps its earlier day) with EF,
    repetitions, interval and lapses unchanged, so the next review session shows it again.
    Nothing changes when the setting is off."""
    if not enabled or not missed or state.is_new or state.due_day is None or state.due_day <= today:
        return state
    return replace(state, due_day=today)


# ----------------------------------------------------------------------------- explanations


def _text(value: Bilingual, lang: str, sep: str = " / ") -> str:
    """One language, or both joined (zh first) when lang is 'both' and they differ."""
    if lang in LANGS:
        return value.get(lang).strip()
    zh, en = value.zh.strip(), value.en.strip()
    return zh if zh == en or not en else en if not zh else f"{zh}{sep}{en}"


def question_text(card: Card, lang: str, hide_blanks: bool = True) -> str:
    """The prompt of a card: its front, or its cloze text with the blanks hidden."""
    if card.kind == "cloze" and card.cloze is not None:
        shown = Bilingual(*(render(card.cloze.get(lg), hide=set(blank_numbers(card.cloze.get(lg)))
                                   if hide_blanks else set(), mark=("", "")) for lg in LANGS))
        return _text(shown, lang, "\n")
    return _text(card.front, lang, "\n")


def _as_written(template: str) -> str:
    return template


def miss_explanation(card: Card, result: ItemGrade | None, lang: str, order: Sequence[int] = (),
                     say: Callable[[str], str] = _as_written) -> list[str]:
    """What the user should read about a missed (or skipped) item: their answer against the
    right one, why, the card's explanation and its correction of the notes. Options are
    numbered as they were shown (`order`, see choice_order; empty: the card's order).
    `say` turns each sentence template into the interface language (the window passes Qt's
    translation; ui/quiz_view.py marks the same templates for lupdate)."""
    lines: list[str] = []
    if result is None:
        lines.append(say("Not answered."))
    if card.kind == "mcq":
        right = card.correct_choice

        def shown(index: int) -> int:
            return (list(order).index(index) if index in order else index) + 1

        if result is not None and result.choice is not None and result.choice != right:
            ch = card.choices[result.choice]
            lines.append(say("Your answer: {number}. {text} — {why}").format(
                number=shown(result.choice), text=_text(ch.text, lang), why=_text(ch.why, lang)))
        if right is not None:
            ch = card.choices[right]
            lines.append(say("Right answer: {number}. {text} — {why}").format(
                number=shown(right), text=_text(ch.text, lang), why=_text(ch.why, lang)))
    elif card.kind == "cloze":
        blanks = result.blanks if result is not None else tuple(
            BlankResult(n, "", False, answers) for n, answers in cloze_answers(card, _lang1(lang)).items())
        for b in blanks:
            if b.correct:
                continue
            also = say(" (also accepted: {answers})").format(answers=", ".join(b.accepted[1:])) \
                if len(b.accepted) > 1 else ""
            typed = say("you typed “{typed}”").format(typed=b.typed.strip()) if b.typed.strip() else say("left empty")
            lines.append(say("Blank {number}: {typed}; the answer is {answer}{also}").format(
                number=b.number, typed=typed, answer=b.accepted[0], also=also))
    if card.back.zh.strip() or card.back.en.strip():
        lines.append((say("Model answer: ") if card.kind == "qa" else "") + _text(card.back, lang, "\n\n"))
    if card.correction is not None:
        lines.append(say("Where the notes are wrong: ") + _text(card.correction, lang))
    return lines


def _lang1(lang: str) -> str:
    return lang if lang in LANGS else "zh"
