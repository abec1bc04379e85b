"""No formula source on screen once rendering finished (issue 13.2): every card of the bundled
deck, in the quiz (question, options, explanations, feedback, results), in the card view the
study screen and the browser preview use, and in the mock-interview report. The deck has no
`$` or backslash outside its formulas (checked below), so any left on screen is raw LaTeX."""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget  # noqa: E402

from quizapp.domain.content import Card  # noqa: E402
from quizapp.services.importer import deck_files, import_deck, parse_files  # noqa: E402
from quizapp.services.mock_interview import MockInterviewService  # noqa: E402
from quizapp.services.quiz import QuizService  # noqa: E402
from quizapp.store.database import Database  # noqa: E402
from quizapp.ui import rich_text  # noqa: E402
from quizapp.ui.card_view import CardView  # noqa: E402
from quizapp.ui.math_render import MathCache, MathRenderer  # noqa: E402
from quizapp.ui.mock_interview_view import MockInterviewView  # noqa: E402
from quizapp.ui.ops import OpRunner  # noqa: E402
from quizapp.ui.quiz_view import QuizView  # noqa: E402
from tests.conftest import NOW  # noqa: E402

WAIT_MS = 300_000  # the first test renders most of the deck's formulas on a loaded machine
pytestmark = pytest.mark.slow  # renders each of the deck's ~560 formulas at every size it is shown


def card_fields(card: Card) -> list[str]:
    out = [card.front.zh, card.front.en, card.back.zh, card.back.en]
    for extra in (card.cloze, card.correction):
        if extra is not None:
            out += [extra.zh, extra.en]
    for c in card.choices:
        out += [c.text.zh, c.text.en, c.why.zh, c.why.en]
    return out


def raw_source(text: str) -> list[str]:
    """The lines of visible text holding `$` or a backslash."""
    return [line for line in text.splitlines() if "$" in line or "\\" in line]


def visible_text(root: QWidget) -> str:
    """What a reader sees in `root`: text views and labels (rich text as laid out by Qt)."""
    parts = []
    for view in [root, *root.findChildren(QTextEdit)]:
        if isinstance(view, QTextEdit) and view.isVisibleTo(root.window()):
            parts.append(view.toPlainText())
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root.window()) and label.text():
            doc = QTextDocument()
            if label.textFormat() == Qt.TextFormat.PlainText:
                doc.setPlainText(label.text())
            else:
                doc.setHtml(label.text())
            parts.append(doc.toPlainText())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def math_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("math")  # shared by the tests below: each formula renders once


@pytest.fixture
def deck_db(db: Database) -> Database:
    import_deck(db, now=NOW)
    return db


def settle(qtbot, renderer: MathRenderer) -> None:
    """Wait until no formula is pending; the views re-render on `rendered`."""
    qtbot.waitUntil(lambda: not renderer.busy, timeout=WAIT_MS)
    qtbot.wait(60)  # the screens build their labels again 30 ms after the last batch


def test_the_deck_has_no_dollar_or_backslash_outside_formulas() -> None:
    cards, issues = parse_files(deck_files(None))
    assert not issues and len(cards) > 100
    for card in cards:
        for text in card_fields(card):
            outside = rich_text._MATH.sub("", text)
            assert "$" not in outside.replace("\\$", "") and "\\" not in outside.replace("\\$", ""), card.id


def test_quiz_shows_every_formula_of_the_deck_rendered(qtbot, deck_db: Database, math_folder: Path) -> None:
    ops, renderer = OpRunner(), MathRenderer(MathCache(math_folder))
    view = QuizView(QuizService(deck_db), ops, renderer, lambda: NOW, lambda: "both")
    qtbot.addWidget(view)
    view.resize(1180, 740)
    view.show()
    run = QuizService(deck_db).start(NOW, (), ("mcq", "cloze", "qa"), 500, 3, "both")
    view.begin(run)
    leaks: dict[str, list[str]] = {}
    for n, item in enumerate(run.items):
        card = item.card
        assert view.current_card == card
        settle(qtbot, renderer)
        leaks.setdefault(card.id, []).extend(raw_source(visible_text(view.pages.currentWidget())))
        with qtbot.waitSignal(view.answered, timeout=WAIT_MS):
            if card.kind == "mcq":  # a wrong option: every option shows its explanation
                view.choose(next(i for i, c in enumerate(card.choices) if not c.correct))
            elif card.kind == "cloze":
                for edit in view._blank_edits.values():
                    edit.setText("?")
                view.submit_cloze()
            else:
                view.reveal()
                settle(qtbot, renderer)
                leaks[card.id] += raw_source(visible_text(view.pages.currentWidget()))
                view.self_grade(1)
        settle(qtbot, renderer)
        if card.kind != "qa":
            leaks[card.id] += raw_source(visible_text(view.pages.currentWidget()))
            if n + 1 < len(run.items):
                view.next_question()
    with qtbot.waitSignal(view.results_shown, timeout=WAIT_MS):
        view.finish()
    settle(qtbot, renderer)
    results = raw_source(visible_text(view.pages.currentWidget()))
    assert {k: v for k, v in leaks.items() if v} == {}
    assert results == []
    ops.wait_idle(WAIT_MS)
    renderer.wait(WAIT_MS)


def test_card_view_shows_every_formula_of_the_deck_rendered(qtbot, math_folder: Path) -> None:
    """The view of the study screen and of the browser's preview, both sides, dark theme."""
    cards, _ = parse_files(deck_files(None))
    renderer = MathRenderer(MathCache(math_folder))
    view = CardView(renderer, dark=True)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    leaks = {}
    for card in cards:
        for revealed in (False, True):
            view.show_card(card, revealed, ("zh", "en"))
            settle(qtbot, renderer)
            if raw_source(view.toPlainText()):
                leaks[card.id, revealed] = raw_source(view.toPlainText())
    assert leaks == {}
    renderer.wait(WAIT_MS)


def test_mock_report_shows_every_formula_rendered(qtbot, deck_db: Database, math_folder: Path) -> None:
    ops, renderer = OpRunner(), MathRenderer(MathCache(math_folder))
    view = MockInterviewView(MockInterviewService(deck_db), ops, renderer, lambda: NOW, lambda: "both", lambda: 60)
    qtbot.addWidget(view)
    view.resize(1180, 740)
    view.show()
    mock = MockInterviewService(deck_db)
    run = mock.start(NOW, (), 500, 5, 60, "both")
    assert len(run.items) > 20  # every Q&A card of the deck
    view.show_report(mock.finish(run.session_id, NOW))
    settle(qtbot, renderer)
    assert raw_source(view.report_view.toPlainText()) == []
    ops.wait_idle(WAIT_MS)
    renderer.wait(WAIT_MS)
