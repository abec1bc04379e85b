"""The quiz and mock-interview screens (pytest-qt, offscreen): keys and clicks through a quiz,
misses with their demo button, history, the countdown running out, the Markdown report, and
errors shown on the screen instead of raised."""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from quizapp.services.mock_interview import MockInterviewService  # noqa: E402
from quizapp.services.quiz import QuizItem, QuizRun, QuizService  # noqa: E402
from quizapp.store.database import Database  # noqa: E402
from quizapp.store.models import ReviewLogRow  # noqa: E402
from quizapp.ui import mock_interview_view  # noqa: E402
from quizapp.ui.math_render import MathCache, MathRenderer  # noqa: E402
from quizapp.ui.mock_interview_view import MockInterviewView  # noqa: E402
from quizapp.ui.ops import OpRunner  # noqa: E402
from quizapp.ui.quiz_view import QuizView  # noqa: E402
from tests.conftest import NOW  # noqa: E402

WAIT_MS = 10_000


@pytest.fixture
def parts(qtbot, tmp_path: Path):
    ops = OpRunner()
    (tmp_path / "math").mkdir()
    math = MathRenderer(MathCache(tmp_path / "math"))
    yield ops, math
    ops.wait_idle(WAIT_MS)
    math.wait(WAIT_MS)


@pytest.fixture
def quiz_view(qtbot, sample_db: Database, parts) -> QuizView:
    ops, math = parts
    view = QuizView(QuizService(sample_db), ops, math, lambda: NOW, lambda: "en")
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.overview_loaded, timeout=WAIT_MS):
        view.refresh()
    return view


def start_quiz(qtbot, view: QuizView, sections: tuple[str, ...], kinds: tuple[str, ...], size: int) -> None:
    view.sections.set_selected(sections)
    for kind, box in view.kind_boxes.items():
        box.setChecked(kind in kinds)
    view.size_spin.setValue(size)
    with qtbot.waitSignal(view.item_shown, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.pages.currentIndex() == QuizView.QUESTION


def answer_current(qtbot, view: QuizView, right: bool) -> None:
    """Answer the question on screen with keys, as a user would."""
    card = view.current_card
    assert card is not None
    with qtbot.waitSignal(view.answered, timeout=WAIT_MS) as signal:
        if card.kind == "mcq":  # the keys number the options as shown (shuffled)
            order = view.run.items[view.index].choice_order
            index = card.correct_choice if right else (card.correct_choice + 1) % len(card.choices)
            qtbot.keyClick(view, Qt.Key.Key_1 + order.index(index))
        elif card.kind == "cloze":
            edit = view._blank_edits[1]
            qtbot.keyClicks(edit, card.cloze.en.split("::")[1].split("}}")[0].upper() + " " if right else "nope")
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(view, Qt.Key.Key_Space)
            assert view.revealed
            qtbot.keyClick(view, Qt.Key.Key_4 if right else Qt.Key.Key_1)
    assert signal.args[0].grade.correct is right
    if card.kind != "qa":  # mcq and cloze wait on their feedback until Enter
        assert view.next_button.isVisible()
        qtbot.keyClick(view, Qt.Key.Key_Return)


def test_a_quiz_by_keys_end_to_end(qtbot, quiz_view: QuizView, sample_db: Database) -> None:
    view = quiz_view
    assert view.sections.boxes["7.2"].text().endswith("(2 cards)")
    start_quiz(qtbot, view, ("7.2", "7.7"), ("mcq", "cloze", "qa"), 4)
    assert view.run is not None and len(view.run.items) == 4
    with qtbot.waitSignal(view.results_shown, timeout=WAIT_MS) as done:
        for _ in range(4):
            answer_current(qtbot, view, right=True)
    report = done.args[0]
    assert report.summary.percent == 100.0 and report.misses == ()
    assert view.pages.currentIndex() == QuizView.RESULTS
    with sample_db.read_session() as s:
        assert s.scalar(select(func.count()).where(ReviewLogRow.kind == "quiz")) == 4
    with qtbot.waitSignal(view.overview_loaded, timeout=WAIT_MS):  # Enter: back to setup, history refreshed
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.history_table.rowCount() == 1 and view.history_table.item(0, 2).text() == "100%  (4 of 4 points)"
    assert "7.2" in view.weakest_label.text() or "Not enough" in view.weakest_label.text()


def test_misses_show_explanations_and_open_their_demo(qtbot, quiz_view: QuizView) -> None:
    view = quiz_view
    start_quiz(qtbot, view, ("7.2", "7.5"), ("mcq", "qa"), 4)
    with qtbot.waitSignal(view.results_shown, timeout=WAIT_MS) as done:
        for _ in range(4):
            answer_current(qtbot, view, right=False)
    assert len(done.args[0].misses) == 4
    content = view.results_scroll.widget()
    texts = " ".join(label.text() for label in content.findChildren(type(view.feedback)))
    mcq = next(i for i in done.args[0].misses if i.card.kind == "mcq")
    shown_at = mcq.choice_order.index(mcq.card.correct_choice) + 1  # numbered as shown
    assert f"Right answer: {shown_at}. Option 1" in texts and "Model answer:" in texts
    buttons = {b.text(): b for b in content.findChildren(type(view.again_button)) if b.text().startswith("Open demo")}
    assert set(buttons) == {"Open demo: optimizer-race", "Open demo: bn-vs-ln"}
    with qtbot.waitSignal(view.open_demo, timeout=WAIT_MS) as opened:
        buttons["Open demo: bn-vs-ln"].click()
    assert opened.args == ["bn-vs-ln", {}]


def test_mcq_by_click_and_cloze_feedback(qtbot, quiz_view: QuizView) -> None:
    view = quiz_view
    start_quiz(qtbot, view, ("7.3",), ("mcq", "cloze"), 2)
    for _ in range(2):
        card = view.current_card
        with qtbot.waitSignal(view.answered, timeout=WAIT_MS):
            if card.kind == "mcq":
                wrong = next(r for r in view._choice_rows if not card.choices[r.choice].correct)
                qtbot.mouseClick(wrong, Qt.MouseButton.LeftButton)
            else:
                view._blank_edits[1].setText("xavier")
                view.check_button.click()
        assert "Missed" in view.feedback.text()
        if card.kind == "cloze":
            assert "He 初始化" in view.feedback.text() or "He initialization" in view.feedback.text()
            assert view._blank_edits[1].isReadOnly()
        else:
            assert view._choice_rows[0].why.isVisible() and not view._choice_rows[0].why.text() == ""
        view.next_button.click()
    qtbot.waitUntil(lambda: view.pages.currentIndex() == QuizView.RESULTS, timeout=WAIT_MS)


def test_errors_are_shown_on_the_screen(qtbot, quiz_view: QuizView, sample_db: Database, parts) -> None:
    view = quiz_view
    view.sections.set_selected(())
    with qtbot.waitSignal(view.error_shown, timeout=WAIT_MS) as err:
        view.start()
    assert err.args == ["Choose at least one section."]
    # a fresh screen that has not loaded its counts yet lets the service refuse: no 7.1 mcq cards
    ops, math = parts
    fresh = QuizView(QuizService(sample_db), ops, math, lambda: NOW, lambda: "en")
    qtbot.addWidget(fresh)
    fresh.sections.set_selected(("7.1",))
    for kind, box in fresh.kind_boxes.items():
        box.setChecked(kind == "mcq")
    with qtbot.waitSignal(fresh.error_shown, timeout=WAIT_MS) as err:
        fresh.start()
    assert "no cards to quiz in section 7.1; kind mcq" in err.args[0]
    assert "no cards to quiz" in fresh.setup_error.text() and fresh.pages.currentIndex() == QuizView.SETUP
    assert not fresh.busy


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def monotonic(self) -> float:
        return self.t


@pytest.fixture
def mock_view(qtbot, sample_db: Database, parts, monkeypatch) -> tuple[MockInterviewView, FakeClock]:
    ops, math = parts
    clock = FakeClock()
    monkeypatch.setattr(mock_interview_view, "time", clock)  # the countdown reads this clock
    view = MockInterviewView(MockInterviewService(sample_db), ops, math, lambda: NOW, lambda: "en", lambda: 60)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.overview_loaded, timeout=WAIT_MS):
        view.refresh()
    return view, clock


def test_mock_interview_countdown_grades_and_report(qtbot, mock_view, tmp_path: Path) -> None:
    view, clock = mock_view
    assert view.seconds_spin.value() == 60  # the setting's default
    assert not view.sections.boxes["7.3"].isEnabled()  # 7.3 has no Q&A card in the sample deck
    view.sections.set_selected(("7.2", "7.5"))
    view.count_spin.setValue(2)
    with qtbot.waitSignal(view.question_shown, timeout=WAIT_MS):
        view.start_button.click()
    qtbot.keyClicks(view.answer_box, "Momentum averages past gradients.")
    clock.t += 42
    with qtbot.waitSignal(view.revealed, timeout=WAIT_MS) as shown:
        qtbot.keyClick(view.answer_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert shown.args == [False] and view.answer_box.isReadOnly()
    with qtbot.waitSignal(view.question_shown, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.answer_box.toPlainText() == "" and not view.answer_box.isReadOnly()
    clock.t += 61  # the countdown runs out: the model answer appears by itself
    with qtbot.waitSignal(view.revealed, timeout=WAIT_MS) as shown:
        view._tick()
    assert shown.args == [True] and "time is up" in view.countdown.text()
    with qtbot.waitSignal(view.report_shown, timeout=WAIT_MS) as done:
        qtbot.keyClick(view, Qt.Key.Key_2)
    report = done.args[0]
    assert [a.grade for a in report.answers] == [5, 3]  # four buttons: key 4 is Easy (5), key 2 Hard (3)
    assert [a.seconds_used for a in report.answers] == [42.0, 60.0]
    assert [a.timed_out for a in report.answers] == [False, True]
    html = view.report_view.toHtml()
    assert "Momentum averages past gradients." in html and "time ran out" in html and "(answered aloud)" in html
    text = view.report_view.toPlainText()  # grades in the user's terms, not SM-2's 0-5
    assert "1 Easy · 1 Hard" in text and "Easy" in text and "/5" not in text and "grade ≥" not in text
    target = tmp_path / "report.md"
    with qtbot.waitSignal(view.saved, timeout=WAIT_MS):
        view.save_to(target)
    assert target.read_text(encoding="utf-8") == report.to_markdown("en", "four")
    assert "Saved to" in view.save_status.text()


def test_mock_interview_errors(qtbot, mock_view, tmp_path: Path) -> None:
    view, _ = mock_view
    view.sections.set_selected(())
    with qtbot.waitSignal(view.error_shown, timeout=WAIT_MS):
        view.start()
    assert view.setup_error.text() == "Choose at least one section."
    view.sections.set_selected(("7.7",))
    view.count_spin.setValue(1)
    with qtbot.waitSignal(view.question_shown, timeout=WAIT_MS):
        view.start()
    view.reveal()
    with qtbot.waitSignal(view.report_shown, timeout=WAIT_MS):
        view.grade(3)
    with qtbot.waitSignal(view.error_shown, timeout=WAIT_MS) as err:
        view.save_to(tmp_path / "no-such-folder" / "report.md")
    assert "does not exist" in err.args[0] and "Not saved" in view.save_status.text()
    assert not (tmp_path / "no-such-folder").exists()


def test_installed_in_the_main_window_quiz_menu(qtbot, sample_db: Database, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from quizapp.services.bundle import Services
    from quizapp.services.settings import SettingsService
    from quizapp.ui import quiz_view
    from quizapp.ui.context import AppContext
    from quizapp.ui.main_window import MainWindow

    ctx = AppContext(services=Services.over(sample_db), ops=OpRunner(), settings=SettingsService(sample_db).get(),
                     qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), clock=lambda: NOW)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    quiz_view.install(window)
    mock_interview_view.install(window)
    actions = {a.text(): a.shortcut().toString() for a in window.menu("Quiz").actions() if a.text()}
    assert actions == {"Quiz": "Ctrl+Shift+Q", "Mock interview": "Ctrl+Shift+M"}
    view = window.screen_widget("quiz")
    with qtbot.waitSignal(view.overview_loaded, timeout=WAIT_MS):
        window.show_screen("quiz")
    assert window.screen_widget("mock-interview").seconds_spin.value() == 120  # settings.mock_seconds
    if not window.has_screen("demo"):  # the demo panel is another screen: without it, a clear status line
        view.open_demo.emit("bn-vs-ln", {})
        assert "demo panel" in window.statusBar().currentMessage()
    ctx.ops.wait_idle(WAIT_MS)


def test_mock_interview_ctrl_enter_in_the_full_window(qtbot, window) -> None:
    """Ctrl+Enter reveals the model answer although "Study now" (Ctrl+Return) is a window-wide
    action: two shortcuts for one key are ambiguous in Qt and neither would fire."""
    view = window.show_screen("mock-interview")
    qtbot.waitUntil(lambda: view.sections.boxes["7.2"].isEnabled(), timeout=WAIT_MS)
    view.count_spin.setValue(1)
    with qtbot.waitSignal(view.question_shown, timeout=WAIT_MS):
        view.start_button.click()
    view.answer_box.setFocus()
    with qtbot.waitSignal(view.revealed, timeout=WAIT_MS):
        qtbot.keyClick(view.answer_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "mock-interview" and view.answer_box.toPlainText() == ""
    window.ctx.ops.wait_idle(WAIT_MS)


# ----- layout of the question page (issue 13.1) --------------------------------------------------------


@pytest.fixture
def deck_db(db: Database) -> Database:
    """The bundled deck: real cards, long mcq explanations, formulas."""
    from quizapp.services.importer import import_deck

    import_deck(db, now=NOW)
    return db


def run_in_order(service: QuizService, kinds: tuple[str, ...]) -> QuizRun:
    """A quiz whose first questions are of `kinds`, in that order; for an mcq the one with the
    longest options and explanations (the biggest choice panel the deck has)."""
    run = service.start(NOW, (), ("mcq", "cloze", "qa"), 500, 7, "both")

    def size(item: QuizItem) -> int:
        return sum(len(c.text.zh + c.text.en + c.why.zh + c.why.en) for c in item.card.choices)

    chosen: list[QuizItem] = []
    for kind in kinds:
        pool = [i for i in run.items if i.card.kind == kind and i not in chosen]
        chosen.append(max(pool, key=size) if kind == "mcq" else pool[0])
    return replace(run, items=tuple(chosen))


def card_share(view: QuizView) -> float:
    """The part of the question page's height the card (question and answer) gets."""
    return view.card_view.height() / view.pages.currentWidget().height()


def test_question_page_keeps_its_layout_after_an_mcq(qtbot, deck_db: Database, qsettings) -> None:
    """mcq -> qa -> cloze at the default window size: the card keeps >= 60% of the page and the
    window does not grow when the (long) mcq is shown or answered."""
    from quizapp.ui.application import build_window

    window = build_window(deck_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    view = window.show_screen("quiz")
    assert isinstance(view, QuizView)
    qtbot.waitExposed(window)
    size = window.size()
    assert (size.width(), size.height()) == (1180, 780)
    view.begin(run_in_order(QuizService(deck_db), ("mcq", "qa", "cloze")))
    qtbot.wait(50)
    assert window.size() == size
    card = view.current_card
    with qtbot.waitSignal(view.answered, timeout=WAIT_MS):  # explanations appear under every option
        wrong = (card.correct_choice + 1) % len(card.choices)
        qtbot.keyClick(view, Qt.Key.Key_1 + view.run.items[0].choice_order.index(wrong))
    qtbot.wait(50)
    assert window.size() == size and window.minimumSizeHint().height() <= size.height()
    assert view.card_view.height() >= 80, "the mcq question itself stays readable"
    with qtbot.waitSignal(view.item_shown, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.current_card.kind == "qa" and window.size() == size
    qtbot.wait(50)
    assert card_share(view) >= 0.6, f"Q&A question squeezed to {view.card_view.height()} px"
    assert view.reveal_button.height() < 80
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.wait(50)
    assert card_share(view) >= 0.6, f"model answer squeezed to {view.card_view.height()} px"
    with qtbot.waitSignal(view.item_shown, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.current_card.kind == "cloze"
    qtbot.wait(50)
    assert card_share(view) >= 0.6, f"cloze sentence squeezed to {view.card_view.height()} px"
    assert window.size() == size
    window.ctx.ops.wait_idle(WAIT_MS)
    window.close()


def test_mcq_options_are_shown_in_the_quizs_shuffled_order(qtbot, quiz_view: QuizView) -> None:
    view = quiz_view
    start_quiz(qtbot, view, ("7.2", "7.3"), ("mcq",), 2)
    for _ in range(2):
        item = view.run.items[view.index]
        assert len(set(item.choice_order)) == len(item.card.choices)
        shown = [row.text.text() for row in view._choice_rows]
        assert all(item.card.choices[c].text.en in text for c, text in zip(item.choice_order, shown))
        with qtbot.waitSignal(view.answered, timeout=WAIT_MS) as done:
            qtbot.keyClick(view, Qt.Key.Key_1)  # the first option shown
        assert done.args[0].grade.choice == item.choice_order[0]
        assert view._choice_rows[0].key.text().count(">✓<" if item.choice_order[0] == item.card.correct_choice
                                                     else ">✗<") == 1
        qtbot.keyClick(view, Qt.Key.Key_Return)


# ----- small things of issue 13 (5, 7, 8) ---------------------------------------------------------------


def test_qa_self_grades_follow_the_grading_setting(qtbot, sample_db: Database, parts) -> None:
    ops, math = parts
    for grading, labels, key, grade in (("four", ["1  Again", "2  Hard", "3  Good", "4  Easy"], Qt.Key.Key_3, 4),
                                        ("six", ["0  Blackout", "1  Wrong", "2  Almost", "3  Hard", "4  Good",
                                                 "5  Perfect"], Qt.Key.Key_2, 2)):
        view = QuizView(QuizService(sample_db), ops, math, lambda: NOW, lambda: "en", grading=lambda g=grading: g)
        qtbot.addWidget(view)
        view.show()
        start_quiz(qtbot, view, ("7.1",), ("qa",), 1)
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert [b.text() for b in view.grade_row.buttons] == labels
        with qtbot.waitSignal(view.answered, timeout=WAIT_MS) as done:
            qtbot.keyClick(view, key)
        assert done.args[0].grade.quality == grade


def test_quiz_small_things(qtbot, quiz_view: QuizView) -> None:
    from PySide6.QtGui import QPalette, QTextDocument, QTextFormat
    from PySide6.QtWidgets import QFormLayout

    view = quiz_view
    assert view.sections.boxes["7.2"].text().endswith("(2 cards)")
    start_quiz(qtbot, view, ("7.1", "7.2"), ("mcq", "cloze"), 2)
    for _ in range(2):
        card = view.current_card
        if card.kind == "cloze":  # a single blank reads "Answer", not "c1"
            label = view.blank_form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().text()
            assert label == "Answer"
        answer_current_without_next(qtbot, view, right=False)
        assert view.next_button.isVisible() and not view.check_button.isVisible()  # one Enter button
        if card.kind == "mcq":  # plain option numbers take the palette's colour (dark mode: light)
            plain = [r for r in view._choice_rows if r.key.text().count(str(r.index + 1) + "<")]
            for row in plain:
                doc = QTextDocument()
                doc.setHtml(row.key.text())
                fmt = doc.begin().begin().fragment().charFormat()
                assert not fmt.hasProperty(QTextFormat.Property.ForegroundBrush), row.key.text()
            assert plain and view.palette().color(QPalette.ColorRole.Text).name()
        qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == QuizView.RESULTS, timeout=WAIT_MS)
    with qtbot.waitSignal(view.overview_loaded, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.history_table.item(0, 2).text() == "0%  (0 of 2 points)"  # not "(2/2)": 2 answered


def answer_current_without_next(qtbot, view: QuizView, right: bool) -> None:
    card = view.current_card
    with qtbot.waitSignal(view.answered, timeout=WAIT_MS):
        if card.kind == "mcq":
            order = view.run.items[view.index].choice_order
            index = card.correct_choice if right else (card.correct_choice + 1) % len(card.choices)
            qtbot.keyClick(view, Qt.Key.Key_1 + order.index(index))
        else:
            edit = view._blank_edits[1]
            qtbot.keyClicks(edit, "nope")
            qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_mock_interview_remembers_the_count_and_gives_the_model_answer_room(qtbot, sample_db: Database, parts,
                                                                             qsettings) -> None:
    ops, math = parts
    view = MockInterviewView(MockInterviewService(sample_db), ops, math, lambda: NOW, lambda: "en", lambda: 60,
                             remember=qsettings)
    qtbot.addWidget(view)
    view.resize(1180, 740)
    view.show()
    view.sections.set_selected(("7.2", "7.5"))
    view.count_spin.setValue(2)
    with qtbot.waitSignal(view.question_shown, timeout=WAIT_MS):
        view.start()
    view.reveal()
    qtbot.wait(50)
    assert view.card_view.height() > 4 * view.answer_box.height()  # the typed box is empty: it steps aside
    again = MockInterviewView(MockInterviewService(sample_db), ops, math, lambda: NOW, lambda: "en", lambda: 60,
                              remember=qsettings)
    qtbot.addWidget(again)
    assert again.count_spin.value() == 2
