"""The mock interview: N random qa questions against a countdown, typed (or spoken) answers,
self-grades, and a report that can be saved as Markdown.

It is a quiz of mode 'mock' over qa cards, so its answers are logged and fed back into the
schedule exactly like quiz answers (a self-grade below 3 is a miss).
"""
from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from quizapp.domain.mock_report import MockAnswer, MockReport
from quizapp.domain.quiz import SelfGrade
from quizapp.domain.settings import VALIDATORS
from quizapp.services.errors import UserError
from quizapp.services.files import write_text_atomic
from quizapp.services.quiz import AnswerRecord, QuizRun, QuizService
from quizapp.services.settings import SettingsService
from quizapp.store.database import Database
from quizapp.i18n.text import StudyText

DEFAULT_QUESTIONS = 5
MOCK_MODE = "mock"


class MockInterviewService:
    def __init__(self, db: Database, quiz: QuizService | None = None) -> None:
        self.db = db
        self.quiz = quiz or QuizService(db)

    def start(self, now: datetime, sections: Collection[str] = (), count: int = DEFAULT_QUESTIONS,
              seed: int | None = None, seconds: int | None = None, lang: str | None = None,
              deck: str | None = None) -> QuizRun:
        """Draw `count` qa cards (of `deck` and its sub-decks; None: every deck); `seconds` per
        question defaults to the mock_seconds setting."""
        if seconds is None:
            seconds = SettingsService(self.db).get().mock_seconds
        problem = VALIDATORS["mock_seconds"](seconds)
        if problem:
            raise UserError(StudyText.tr(
                "seconds per question {problem} (got {seconds})").format(
                problem=problem, seconds=f"{seconds!r}"))
        return self.quiz.start(now, sections, ("qa",), count, seed, lang, mode=MOCK_MODE, seconds_per_item=seconds,
                               deck=deck)

    def answer(self, item_id: int, grade: int, typed: str, now: datetime, duration_ms: int = 0,
               timed_out: bool = False) -> AnswerRecord:
        return self.quiz.answer(item_id, SelfGrade(grade, typed, timed_out), now, duration_ms)

    def finish(self, session_id: int, now: datetime) -> MockReport:
        self.quiz.finish(session_id, now)
        return self.report(session_id)

    def report(self, session_id: int) -> MockReport:
        quiz = self.quiz.report(session_id)
        if quiz.mode != MOCK_MODE:
            raise UserError(StudyText.tr("quiz {session_id} is not a mock interview").format(session_id=session_id))
        answers = []
        for item in quiz.items:
            response = item.response if isinstance(item.response, SelfGrade) else None
            answers.append(MockAnswer(
                position=item.position + 1, card_id=item.card.id, section=item.card.section,
                question=item.card.front, model_answer=item.card.back,
                typed=response.typed if response else "", grade=response.grade if response else None,
                seconds_used=(item.duration_ms or 0) / 1000, timed_out=response.timed_out if response else False))
        # Shown in the user's local time: the report is read by a person, not a program.
        return MockReport(quiz.session_id, quiz.started_at.astimezone(), quiz.sections,
                          quiz.seconds_per_item or 0, tuple(answers))


def save_markdown(report: MockReport, path: str | Path, lang: str = "both", grading: str = "four") -> Path:
    """Write the report as Markdown; the file appears whole or not at all (temp file + rename)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError(StudyText.tr("{path} is a folder; give a file name ending in .md").format(path=target))
    if not target.parent.is_dir():
        raise UserError(StudyText.tr("folder {folder} does not exist").format(folder=target.parent))
    write_text_atomic(target, report.to_markdown(lang, grading))
    return target
