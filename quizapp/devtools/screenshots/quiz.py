"""Screenshots of the quiz screens for the docs: a quiz question, the same question answered,
the quiz results, and a mock-interview report. The screenshot command
(`python -m quizapp.devtools.screenshots`) calls `save_quiz_screenshots(folder)`; it also runs alone:

    python -m quizapp.devtools.screenshots.quiz docs/screenshots

The screens run on a throw-away database holding the bundled deck, at a fixed time and seed,
so the pictures only change when the screens or the deck do.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from quizapp.domain.quiz import ChoiceAnswer, Response, SelfGrade, TypedAnswer, cloze_answers
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.mock_interview import MockInterviewService
from quizapp.services.quiz import QuizService
from quizapp.ui.math_render import MathRenderer
from quizapp.ui.ops import OpRunner

SHOT_TIME = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=8)))
SIZE = (1180, 780)
FILES = ("quiz-question.png", "quiz-answered.png", "quiz-results.png", "mock-interview-report.png")


def _settle(app: QApplication, ops: OpRunner, renderers: list[MathRenderer], timeout_s: float = 60) -> None:
    """Let queued ops and formula renders finish and their results reach the widgets."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if not ops.busy and not any(r.busy for r in renderers):
            app.processEvents()
            if not ops.busy and not any(r.busy for r in renderers):
                quiet = time.monotonic() + 0.2  # the screens rebuild their labels 30 ms after formulas arrive
                while time.monotonic() < quiet:
                    app.processEvents()
                    time.sleep(0.02)
                return
        time.sleep(0.02)
    raise TimeoutError("the quiz screens did not settle for the screenshots")


def _shoot(widget: QWidget, path: Path, settle: Callable[[], None]) -> Path:
    widget.resize(*SIZE)
    widget.show()
    settle()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def save_quiz_screenshots(folder: str | Path, language: str = "both") -> list[Path]:
    """Render the quiz screens to PNGs in `folder` (created if needed); return their paths.
    Uses the running QApplication (the caller sets theme and fonts) or starts one."""
    from quizapp.ui.mock_interview_view import MockInterviewView
    from quizapp.ui.quiz_view import QuizView

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if QApplication.instance() is None:  # run alone: a light-themed app with the bundled font
        from quizapp.ui.application import create_app
        from quizapp.ui.theme import ThemeManager

        started = create_app()  # a local, so the application lives as long as this run
        ThemeManager(started, "light")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    work = Path(tempfile.mkdtemp(prefix="quizapp-shots-"))
    os.environ.setdefault("QUIZAPP_CACHE_DIR", str(work / "cache"))
    db = open_database(work / "shots.db")
    try:
        import_deck(db, now=SHOT_TIME)
        ops = OpRunner()
        quiz_math, mock_math = MathRenderer(), MathRenderer()
        settle = lambda: _settle(app, ops, [quiz_math, mock_math])  # noqa: E731
        clock = lambda: SHOT_TIME  # noqa: E731
        quiz = QuizService(db)
        paths: list[Path] = []

        view = QuizView(quiz, ops, quiz_math, clock, lambda: language)
        run = quiz.start(SHOT_TIME, ["7.2", "7.5"], ["mcq", "cloze", "qa"], size=6, seed=11)
        order = sorted(range(len(run.items)), key=lambda i: run.items[i].card.kind != "mcq")
        first = run.items[order[0]]  # an mcq question leads, as the most telling picture
        run = type(run)(run.session_id, run.mode, (first,) + tuple(i for i in run.items if i is not first),
                        run.sections, run.kinds, run.seed, run.lang, run.seconds_per_item)
        view.begin(run)
        paths.append(_shoot(view, out / FILES[0], settle))
        card = first.card
        wrong = next(i for i, c in enumerate(card.choices) if not c.correct)
        view.choose(first.choice_order.index(wrong))  # choose() takes the place shown (options are shuffled)
        paths.append(_shoot(view, out / FILES[1], settle))
        for n, item in enumerate(run.items[1:], start=1):  # the rest through the service: some right, some not
            c = item.card
            response: Response
            if c.kind == "mcq":
                right = c.correct_choice
                assert right is not None  # an mcq card has its correct choice
                response = ChoiceAnswer(right if n % 2 else (right + 1) % len(c.choices), item.choice_order)
            elif c.kind == "cloze":
                blanks = cloze_answers(c, "en")
                response = TypedAnswer({k: (v[0] if n % 2 or k > 1 else "no idea") for k, v in blanks.items()})
            else:
                response = SelfGrade(4 if n % 2 else 2)
            quiz.answer(item.item_id, response, SHOT_TIME, duration_ms=9_000 + 4_000 * n)
        view.show_results(quiz.finish(run.session_id, SHOT_TIME))
        paths.append(_shoot(view, out / FILES[2], settle))
        view.close()

        mock = MockInterviewService(db, quiz)
        mock_view = MockInterviewView(mock, ops, mock_math, clock, lambda: language, lambda: 120)
        mrun = mock.start(SHOT_TIME, ["7.2", "7.5"], count=3, seed=5, seconds=120)
        # The first answer is typed (a paraphrase of the model answer's opening), the second
        # spoken aloud until the time ran out, the third never reached.
        first_mock = mrun.items[0].card
        mock.answer(mrun.items[0].item_id, 4, _opening(first_mock.back.en), SHOT_TIME, 84_000)
        mock.answer(mrun.items[1].item_id, 2, "", SHOT_TIME, 120_000, timed_out=True)
        mock_view.show_report(mock.finish(mrun.session_id, SHOT_TIME))
        paths.append(_shoot(mock_view, out / FILES[3], settle))
        mock_view.close()
        ops.wait_idle()
        return paths
    finally:
        db.close()


def _opening(markdown: str) -> str:
    """The first sentence of a model answer as a user might type it: no Markdown, no math."""
    text = re.sub(r"[*`#\\]", "", re.sub(r"\$([^$]*)\$", r"\1", markdown)).strip()
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return sentence + "\nNot sure about the rest."


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"
    for p in save_quiz_screenshots(target):
        print(p)
