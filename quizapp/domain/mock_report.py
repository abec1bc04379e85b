"""The mock-interview report: per question the time used, the self-grade and the typed answer
beside the model answer, as plain values and as Markdown the user can save."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import Bilingual
from quizapp.domain.sm2 import PASSING_GRADE
from quizapp.domain.words import grade_counts, grade_words, plural  # noqa: F401  (re-exported)
from quizapp.i18n.text import StudyText, language, translate

# The grades' names are the window's words (ui/words.py, context "Grades"); the report file
# takes them from the same translation.
_FOUR = {1: "Again", 3: "Hard", 4: "Good", 5: "Easy"}
_SIX = ("Blackout", "Wrong", "Almost", "Hard", "Good", "Perfect")


def clock_text(seconds: float) -> str:
    """m:ss, for durations and countdowns."""
    whole = max(0, int(round(seconds)))
    return f"{whole // 60}:{whole % 60:02d}"


def _langs(lang: str) -> tuple[str, ...]:
    return ("zh", "en") if lang == "both" else (lang,)


@dataclass(frozen=True)
class MockAnswer:
    position: int  # 1-based
    card_id: str
    section: str
    question: Bilingual
    model_answer: Bilingual
    typed: str
    grade: int | None  # the self-grade 0-5; None when the question was never answered
    seconds_used: float
    timed_out: bool

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade >= PASSING_GRADE

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "card_id": self.card_id, "section": self.section,
                "question": {"zh": self.question.zh, "en": self.question.en},
                "model_answer": {"zh": self.model_answer.zh, "en": self.model_answer.en},
                "typed": self.typed, "grade": self.grade, "seconds_used": round(self.seconds_used, 1),
                "timed_out": self.timed_out}


@dataclass(frozen=True)
class MockReport:
    session_id: int
    started_at: datetime
    sections: tuple[str, ...]  # empty: all sections
    seconds_per_question: int
    answers: tuple[MockAnswer, ...]

    @property
    def answered(self) -> tuple[MockAnswer, ...]:
        return tuple(a for a in self.answers if a.grade is not None)

    @property
    def average_grade(self) -> float | None:
        graded = self.answered
        return sum(a.grade or 0 for a in graded) / len(graded) if graded else None

    @property
    def passed(self) -> int:
        return sum(a.passed for a in self.answers)

    @property
    def seconds_used(self) -> float:
        return sum(a.seconds_used for a in self.answers)

    def to_dict(self) -> dict[str, Any]:
        avg = self.average_grade
        return {"session_id": self.session_id, "started_at": self.started_at.isoformat(),
                "sections": list(self.sections), "seconds_per_question": self.seconds_per_question,
                "answered": len(self.answered), "passed": self.passed,
                "average_grade": None if avg is None else round(avg, 2),
                "seconds_used": round(self.seconds_used, 1), "answers": [a.to_dict() for a in self.answers]}

    def grades_text(self, grading: str = "four") -> str:
        """The self-grades in the user's terms and the interface language: '1 Good · 1 Again' (four
        buttons) or the average on SuperMemo's scale (six grades)."""
        graded = [a.grade for a in self.answers if a.grade is not None]
        if grading == "six":
            avg = self.average_grade
            return StudyText.tr("average self-grade {average}/5").format(average="-" if avg is None else f"{avg:.1f}")
        counts: dict[str, int] = {}
        for g in sorted(graded, reverse=True):
            counts[_grade_words(g, grading)] = counts.get(_grade_words(g, grading), 0) + 1
        return " · ".join(f"{n} {word}" for word, n in counts.items()) or StudyText.tr("no grades")

    def summary_line(self, grading: str = "four") -> str:
        return StudyText.tr("%n question(s) · {each} each · time used {used} · {grades} · recalled {passed} of "
                            "{questions}", "", len(self.answers)).format(
            each=clock_text(self.seconds_per_question), used=clock_text(self.seconds_used),
            grades=self.grades_text(grading), passed=self.passed, questions=len(self.answers))

    def to_markdown(self, lang: str = "both", grading: str = "four") -> str:
        """The report as Markdown for a file: headings and labels in the interface language (the
        words of the moment it is written), the cards' text in `lang` ("zh" | "en" | "both")."""
        langs = _langs(lang)
        title = 0 if language() == "zh" else 1  # a section's title in the interface language
        names = ", ".join(f"{s} {SECTIONS[s][title] if s in SECTIONS else ''}".strip() for s in self.sections)
        header = "| # | {section} | {question} | {time} | {grade} |".format(
            section=StudyText.tr("Section"), question=StudyText.tr("Question"), time=StudyText.tr("Time"),
            grade=StudyText.tr("Grade"))
        lines = [StudyText.tr("# Mock interview — {when}").format(when=f"{self.started_at:%Y-%m-%d %H:%M}"), "",
                 StudyText.tr("Sections: {sections}").format(sections=names or StudyText.tr("all")) + "  ",
                 self.summary_line(grading), "", header, "|---:|---|---|---|---:|"]
        for a in self.answers:
            question = a.question.get(langs[-1]).replace("|", "\\|").replace("\n", " ")
            time = f"{clock_text(a.seconds_used)} / {clock_text(self.seconds_per_question)}"
            time = StudyText.tr("{time} (time up)").format(time=time) if a.timed_out else time
            lines.append(f"| {a.position} | {a.section} | {question} | {time} | "
                         f"{'-' if a.grade is None else _grade_words(a.grade, grading)} |")
        lines.append("")
        for a in self.answers:
            lines += [f"## {a.position}. " + " / ".join(a.question.get(lg) for lg in langs), ""]
            grade = (StudyText.tr("not answered") if a.grade is None
                     else StudyText.tr("self-grade {grade}").format(grade=_grade_words(a.grade, grading)))
            used = StudyText.tr("{used} of {limit}").format(used=clock_text(a.seconds_used),
                                                            limit=clock_text(self.seconds_per_question))
            ran_out = " · " + StudyText.tr("time ran out") if a.timed_out else ""
            lines += [f"*{a.section} · {used}{ran_out} · {grade}*", "",
                      "**{label}**".format(label=StudyText.tr("Your answer")), ""]
            typed = a.typed.strip()
            lines += (["> " + line if line else ">" for line in typed.splitlines()] if typed
                      else ["*{label}*".format(label=StudyText.tr("(answered aloud)"))])
            lines += ["", "**{label}**".format(label=StudyText.tr("Model answer")), ""]
            for lg in langs:
                lines += [a.model_answer.get(lg).strip(), ""]
        return "\n".join(lines).rstrip() + "\n"


def _grade_words(grade: int, grading: str) -> str:
    """domain.words.grade_words in the interface language: "Good" (four buttons; below 3 "Again"),
    "4/5 Good" (six grades)."""
    if grading == "six":
        return f"{grade}/5 {translate('Grades', _SIX[grade])}"
    return translate("Grades", _FOUR.get(grade, "Again" if grade < PASSING_GRADE else "Easy"))
