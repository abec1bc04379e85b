"""domain/words.py in the interface language: the grades' names and the counted nouns of the
window, through Qt's translation (numerus forms for plurals: "1 card" / "2 cards", "2 张卡片").

lupdate sees plurals only in self.tr() calls (not in QCoreApplication.translate), so the counted
nouns are methods of a QObject; `words()` is the one instance.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from quizapp.domain.sm2 import PASSING_GRADE
from quizapp.domain.words import BUTTON_ORDER
from quizapp.services.card_actions import CardAction
from quizapp.ui.translation import QT_TRANSLATE_NOOP

_BUTTONS = (QT_TRANSLATE_NOOP("Grades", "Again"), QT_TRANSLATE_NOOP("Grades", "Hard"),
            QT_TRANSLATE_NOOP("Grades", "Good"), QT_TRANSLATE_NOOP("Grades", "Easy"))
assert _BUTTONS == BUTTON_ORDER
_SIX = (QT_TRANSLATE_NOOP("Grades", "Blackout"), QT_TRANSLATE_NOOP("Grades", "Wrong"),
        QT_TRANSLATE_NOOP("Grades", "Almost"), QT_TRANSLATE_NOOP("Grades", "Hard"),
        QT_TRANSLATE_NOOP("Grades", "Good"), QT_TRANSLATE_NOOP("Grades", "Perfect"))
_BUTTON_GRADES = {"Again": 1, "Hard": 3, "Good": 4, "Easy": 5}


def button_word(name: str) -> str:
    """A button's name ("Again", "Hard", "Good", "Easy") in the interface language."""
    return QCoreApplication.translate("Grades", name)


def grade_words(grade: int, grading: str = "four") -> str:
    """domain.words.grade_words, translated: "Good" / "好" (four buttons), "4/5 Good" (six grades)."""
    if grading == "six":
        return f"{grade}/5 {QCoreApplication.translate('Grades', _SIX[grade])}"
    if grade < PASSING_GRADE:
        return button_word("Again")
    return button_word(next((n for n, g in _BUTTON_GRADES.items() if g == grade), "Easy"))


def grade_counts(grades: list[int], grading: str = "four") -> str:
    """domain.words.grade_counts, translated: '2 Good · 1 Again' (four buttons), '2 × 4 Good ·
    1 × 0 Blackout' (six grades)."""
    counts: dict[str, int] = {}
    for g in sorted(grades, reverse=True):
        key = f"{g} {QCoreApplication.translate('Grades', _SIX[g])}" if grading == "six" else grade_words(g, grading)
        counts[key] = counts.get(key, 0) + 1
    if grading == "six":
        return " · ".join(f"{n} × {word}" for word, n in counts.items())
    return " · ".join(f"{n} {word}" for word, n in counts.items())


def recalled_words(grading: str = "four") -> str:
    """What 'recalled' means (SM-2: grade ≥ 3), in the interface language."""
    if grading == "six":
        return QCoreApplication.translate("Grades", "grade ≥ {grade}").format(grade=PASSING_GRADE)
    return QCoreApplication.translate("Grades", "Hard or better")


class Words(QObject):
    """Counted nouns of the window. Each is its own source string, so a translation can put the
    number where its language wants it."""

    def cards(self, n: int) -> str:
        return self.tr("%n card(s)", "", n)

    def questions(self, n: int) -> str:
        return self.tr("%n question(s)", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s)", "", n)

    def redrills(self, n: int) -> str:
        return self.tr("%n re-drill(s)", "", n)

    def answers(self, n: int) -> str:
        return self.tr("%n answer(s)", "", n)

    def minutes(self, n: int) -> str:
        return self.tr("%n minute(s)", "", n)


_words: Words | None = None


def words() -> Words:
    global _words
    if _words is None:
        _words = Words()
    return _words


_FLAGS = {1: QT_TRANSLATE_NOOP("Flags", "Red"), 2: QT_TRANSLATE_NOOP("Flags", "Orange"),
          3: QT_TRANSLATE_NOOP("Flags", "Green"), 4: QT_TRANSLATE_NOOP("Flags", "Blue")}
_KINDS = {"qa": QT_TRANSLATE_NOOP("CardKinds", "question"), "cloze": QT_TRANSLATE_NOOP("CardKinds", "cloze"),
          "mcq": QT_TRANSLATE_NOOP("CardKinds", "multiple choice")}


def flag_words(flag: int) -> str:
    """A flag's colour name (domain/card_marks.py FLAGS) in the interface language; "" for none."""
    return QCoreApplication.translate("Flags", _FLAGS[flag]) if flag in _FLAGS else ""


def card_kind_words(kind: str) -> str:
    """A card kind (qa | cloze | mcq) in the interface language."""
    return QCoreApplication.translate("CardKinds", _KINDS[kind]) if kind in _KINDS else kind


def grade_name(grade: int) -> str:
    """The button of an SM-2 grade (1 Again, 3 Hard, 4 Good, 5 Easy); "" for a grade no button gives."""
    name = next((n for n, g in _BUTTON_GRADES.items() if g == grade), None)
    return button_word(name) if name else ""


def describe_action(action: CardAction) -> str:
    """CardAction.describe in the interface language: 'card-id: suspended'."""
    translate = QCoreApplication.translate
    if action.kind == "flag":
        what = (translate("CardActions", "{flag} flag").format(flag=flag_words(action.after.flag))
                if action.after.flag else translate("CardActions", "flag removed"))
    else:
        what = {"suspend": translate("CardActions", "suspended"),
                "unsuspend": translate("CardActions", "unsuspended"),
                "bury": translate("CardActions", "buried until tomorrow")}.get(action.kind, action.kind)
    return f"{action.card_id}: {what}"


_REVIEW_KINDS = {"new": QT_TRANSLATE_NOOP("ReviewKinds", "new"),
                 "review": QT_TRANSLATE_NOOP("ReviewKinds", "review"),
                 "redrill": QT_TRANSLATE_NOOP("ReviewKinds", "re-drill"),
                 "quiz": QT_TRANSLATE_NOOP("ReviewKinds", "quiz")}


def review_kind_words(kind: str) -> str:
    """The kind of a review-log row (new | review | redrill | quiz) in the interface language."""
    return QCoreApplication.translate("ReviewKinds", _REVIEW_KINDS[kind]) if kind in _REVIEW_KINDS else kind
