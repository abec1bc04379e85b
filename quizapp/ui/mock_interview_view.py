"""The mock-interview screen: N random Q&A questions, each against a countdown; the answer is
spoken aloud or typed into a box, then the model answer appears (at once when time runs out)
and the user grades themself (Again/Hard/Good/Easy, or 0–5 in six-grade mode). The report sets
typed answers beside model answers, with the time used and grade per question, and can be saved
as Markdown.

All database and file work is an op on the op thread (quizapp/ui/ops.py).
"""
from __future__ import annotations

import html
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QFontInfo, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QTextBrowser,
                               QVBoxLayout, QWidget)

from quizapp.domain.mock_report import MockReport, clock_text
from quizapp.domain.settings import Settings
from quizapp.services.mock_interview import (DEFAULT_QUESTIONS, MockInterviewService, save_markdown)
from quizapp.domain.deck_header import DeckSection
from quizapp.services.quiz import AnswerRecord, QuizRun
from quizapp.ui.card_view import CardView, use_safe_document
from quizapp.ui.deck_selection import follow_deck
from quizapp.ui.fonts import css_font_stack
from quizapp.ui.main_window import MainWindow
from quizapp.ui.math_render import MathRenderer
from quizapp.ui.ops import OpChanges, OpRunner, describe_error
from quizapp.ui.quiz_widgets import (BAD, GOOD, PanelSwitch, QuestionHeader, QuestionScreen, SectionPicker,
                                     SelfGradeRow, follow_theme, screen_button)
from quizapp.ui.words import grade_counts, grade_words, recalled_words, words

MAX_QUESTIONS = 20
COUNT_KEY = "mock/questions"
ANSWER_BOX_REVEALED_PX = 110  # once the model answer shows, it gets the room the typed answer had
WARN_SECONDS = 15  # the countdown turns red
TICK_MS = 250


class MockInterviewView(QuestionScreen):
    """A standalone screen taking the service it needs; see install() for the main window."""

    question_shown = Signal(int)  # 0-based position
    revealed = Signal(bool)  # True when the countdown ran out
    answered = Signal(object)  # AnswerRecord
    report_shown = Signal(object)  # MockReport
    saved = Signal(str)  # the path written

    REPORT = QuestionScreen.RESULTS

    def __init__(self, mock: MockInterviewService, ops: OpRunner, math: MathRenderer, clock: Callable[[], datetime],
                 language: Callable[[], str], default_seconds: Callable[[], int],
                 parent: QWidget | None = None, grading: Callable[[], str] | None = None,
                 remember: QSettings | None = None) -> None:
        self.mock = mock
        self.default_seconds = default_seconds
        self._remember = remember  # keeps the number of questions between launches
        self.is_revealed = False
        self.timed_out = False
        self.report: MockReport | None = None
        self._answer_ms = 0
        super().__init__("mock-interview-screen", ops, math, clock, language, TICK_MS, grading, parent)
        if remember is not None:
            stored = remember.value(COUNT_KEY, DEFAULT_QUESTIONS)  # an ini file gives it back as text
            self.count_spin.setValue(int(stored) if isinstance(stored, (str, int, float)) and stored
                                     else DEFAULT_QUESTIONS)
        # Ctrl+Enter is claimed as a key, not a QShortcut: the window's "Study now" action has the
        # same keys, and two shortcuts for one key are ambiguous in Qt (neither fires).
        self.answer_box.installEventFilter(self)
        save = QShortcut(QKeySequence.StandardKey.Save, self, self.choose_and_save)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ----- building ----------------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.deck_name: Callable[[], str | None] = lambda: None  # the deck picked on the overview (install)
        title = QLabel(self.tr("Mock interview"))
        title.setObjectName("title")
        self.deck_label = QLabel("")  # the deck the questions come from
        self.deck_label.setObjectName("deck-badge")
        intro = QLabel(self.tr("Random Q&A questions against the clock. Answer out loud or type, then compare with the "
                       "model answer and grade yourself honestly. The report can be saved as Markdown."))
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.deck_label)
        layout.addWidget(intro)
        box = QGroupBox(self.tr("Sections"))
        self.sections = SectionPicker()
        QVBoxLayout(box).addWidget(self.sections)
        layout.addWidget(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Questions:")))
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_QUESTIONS)
        self.count_spin.setValue(DEFAULT_QUESTIONS)
        row.addWidget(self.count_spin)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("Time per question:")))
        self.seconds_spin = QSpinBox()
        self.seconds_spin.setRange(10, 3600)
        self.seconds_spin.setSingleStep(15)
        self.seconds_spin.setSuffix(self.tr(" s"))  # seconds
        self.seconds_spin.setValue(self.default_seconds())
        row.addWidget(self.seconds_spin)
        row.addStretch(1)
        self.start_button = screen_button(self.tr("Start interview  (Enter)"), self.start, "reveal-button")
        self.start_button.setMinimumHeight(40)
        row.addWidget(self.start_button)
        layout.addLayout(row)
        layout.addWidget(self.setup_error)
        layout.addStretch(1)
        return page

    def _build_question(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QuestionHeader("countdown")
        self.countdown = self.header.clock
        layout.addWidget(self.header)
        self.card_view = CardView(self.math)
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.card_view, 3)
        self.answer_box = QPlainTextEdit()
        self.answer_box.setObjectName("answer-box")
        self.answer_box.setPlaceholderText(self.tr("Type your answer here, or answer out loud…  (Ctrl+Enter: model "
                                                   "answer)"))
        layout.addWidget(self.answer_box, 2)
        self.reveal_button = screen_button(self.tr("Show model answer  (Ctrl+Enter)"), self.reveal, "reveal-button")
        self.reveal_button.setMinimumHeight(42)
        self.grade_row = grade_row = SelfGradeRow(self.grade, self.grading())
        self.bar = PanelSwitch(self.reveal_button, grade_row)
        layout.addWidget(self.bar)
        self.hint_label = QLabel("")
        self.hint_label.setObjectName("hint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint_label)
        return page

    def _build_results(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.report_view = QTextBrowser()
        self.report_view.setObjectName("mock-report")
        use_safe_document(self.report_view, self.math)
        self.report_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.report_view, 1)
        row = QHBoxLayout()
        self.save_status = QLabel("")
        self.save_status.setWordWrap(True)
        row.addWidget(self.save_status, 1)
        self.save_button = screen_button(self.tr("Save as Markdown…  (Ctrl+S)"), self.choose_and_save, "")
        self.again_button = screen_button(self.tr("New interview"), self.show_setup, "reveal-button")
        row.addWidget(self.save_button)
        row.addWidget(self.again_button)
        layout.addLayout(row)
        return page

    # ----- setup -------------------------------------------------------------------------------
    def refresh(self) -> None:
        quiz, deck = self.mock.quiz, self.deck_name()
        self.deck_label.setText(self.tr("Deck: {deck}").format(deck=deck if deck is not None else self.tr("All decks")))
        self.ops.run(lambda: (quiz.available(deck), quiz.deck_sections(deck)), on_done=self._show_counts,
                     on_error=self._failed)

    def _show_counts(self, data: tuple[dict[str, dict[str, int]], list[DeckSection]]) -> None:
        available, sections = data
        self.sections.set_sections([(sec.id, sec.title.zh, sec.title.en) for sec in sections])
        self.sections.set_counts({s: per.get("qa", 0) for s, per in available.items()}, "question")
        self.overview_loaded.emit()

    def start(self) -> None:
        if self.busy:
            return
        sections = self.sections.selected()
        if not sections:
            self._setup_error(self.tr("Choose at least one section."))
            return
        self.setup_error.setText("")
        count, seconds, lang = self.count_spin.value(), self.seconds_spin.value(), self.language()
        if self._remember is not None:
            self._remember.setValue(COUNT_KEY, count)
        now, mock, deck = self.clock(), self.mock, self.deck_name()
        self.busy = True
        self.ops.run(lambda: mock.start(now, sections, count, None, seconds, lang, deck=deck), on_done=self.begin,
                     on_error=self._failed, origin=self)

    # ----- asking ------------------------------------------------------------------------------
    @property
    def seconds(self) -> int:
        return (self.run.seconds_per_item or 0) if self.run else 0

    def begin(self, run: QuizRun) -> None:
        self.report = None
        super().begin(run)

    def _show_item(self) -> None:
        card = self.current_card
        assert card is not None and self.run is not None
        self.is_revealed = self.timed_out = False
        self.header.show_question(self.index, len(self.run.items), card.section)
        self.card_view.show_card(card, False, self._langs())
        self.answer_box.clear()
        self.answer_box.setReadOnly(False)
        self.answer_box.setMaximumHeight(16_777_215)  # Qt's QWIDGETSIZE_MAX: no limit
        self.answer_box.setFocus()
        self.bar.setCurrentWidget(self.reveal_button)
        self.hint_label.setText(self.tr("Answer as you would in the interview · Ctrl+Enter shows the model answer"))
        self._shown_at = time.monotonic()
        self._tick()
        self.timer.start()
        self.question_shown.emit(self.index)

    def remaining(self) -> float:
        return max(0.0, self.seconds - (time.monotonic() - self._shown_at))

    def _tick(self) -> None:
        left = self.remaining()
        colour = BAD if left <= WARN_SECONDS else "inherit"
        self.countdown.setText(f"<span style='font-size:26px; color:{colour}'><b>{clock_text(left)}</b></span>")
        if left <= 0 and not self.is_revealed:
            self.reveal(timed_out=True)

    def _reveal_key(self, event: QEvent) -> bool:
        """Ctrl+Enter on a question: claim it before the window's shortcuts see it, then reveal."""
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or self.pages.currentIndex() != self.QUESTION:
            return False
        assert isinstance(event, QKeyEvent)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or modifiers != Qt.KeyboardModifier.ControlModifier:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # delivered as a key press to the focus widget instead
        else:
            self.reveal()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.answer_box and self._reveal_key(event):
            return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        return self._reveal_key(event) or super().event(event)

    def reveal(self, timed_out: bool = False) -> None:
        """Stop the clock and show the model answer; the typed answer is kept, read-only."""
        card = self.current_card
        if card is None or self.is_revealed:
            return
        self.timer.stop()
        self.is_revealed, self.timed_out = True, timed_out
        used = time.monotonic() - self._shown_at
        self._answer_ms = int(min(used, self.seconds) * 1000) if timed_out else int(used * 1000)
        self._tick_final()
        self.card_view.show_card(card, True, self._langs())
        self.answer_box.setReadOnly(True)
        self.answer_box.setMaximumHeight(ANSWER_BOX_REVEALED_PX if self.answer_box.toPlainText().strip() else 44)
        self.bar.setCurrentIndex(1)
        self.hint_label.setText((self.tr("Time is up.") + " " if timed_out else "")
                                + self.tr("Compare with the model answer, then grade yourself") + " · "
                                + self.grade_row.hint())
        self.setFocus()
        self.revealed.emit(timed_out)

    def _tick_final(self) -> None:
        note = " · " + self.tr("time is up") if self.timed_out else ""
        used = self.tr("{used} of {limit}").format(used=clock_text(self._answer_ms / 1000),
                                                   limit=clock_text(self.seconds))
        self.countdown.setText(f"<span style='font-size:18px'>{used}{note}</span>")

    def grade(self, grade: int) -> None:
        if self.busy or not self.is_revealed or self.run is None:
            return
        item = self.run.items[self.index]
        typed, now, mock = self.answer_box.toPlainText(), self.clock(), self.mock
        duration, timed_out = self._answer_ms, self.timed_out
        self.busy = True
        self.ops.run(lambda: mock.answer(item.item_id, grade, typed, now, duration, timed_out),
                     on_done=self._graded, on_error=self._failed, origin=self)

    def _graded(self, record: AnswerRecord) -> None:
        self.busy = False
        self.answered.emit(record)
        assert self.run is not None
        if self.index + 1 < len(self.run.items):
            self.index += 1
            self._show_item()
        else:
            self.finish()

    def finish(self) -> None:
        if self.run is None:
            return
        self.timer.stop()
        session_id, now, mock = self.run.session_id, self.clock(), self.mock
        self.busy = True
        self.ops.run(lambda: mock.finish(session_id, now), on_done=self.show_report, on_error=self._failed, origin=self)

    # ----- report ------------------------------------------------------------------------------
    def show_report(self, report: MockReport) -> None:
        self.busy = False
        self.report = report
        self.save_status.setText("")
        self.report_view.setHtml(self.report_html(report))
        self.pages.setCurrentIndex(self.REPORT)
        self.setFocus()
        self.report_shown.emit(report)

    def report_html(self, report: MockReport) -> str:
        """Typed answers beside model answers, with the time used and the grade per question."""
        langs = self._langs()
        grading = self.grading()
        graded = [a.grade for a in report.answers if a.grade is not None]
        if grading == "six":
            avg = report.average_grade
            grades = self.tr("average self-grade {average}/5").format(average="-" if avg is None else f"{avg:.1f}")
        else:
            grades = grade_counts(graded, grading) or self.tr("no grades")
        title = self.tr("Mock interview — {when}").format(when=f"{report.started_at:%Y-%m-%d %H:%M}")
        summary = self.tr("{passed} of {questions} recalled ({recalled}) · {grades} · time used {used} ({each} per "
                          "question)").format(passed=f"<b>{report.passed}</b>",
                                              questions=words().questions(len(report.answers)),
                                              recalled=recalled_words(grading), grades=grades,
                                              used=f"<b>{clock_text(report.seconds_used)}</b>",
                                              each=clock_text(report.seconds_per_question))
        parts = [f"<div style=\"font-family: {css_font_stack()};\">", f"<h2>{title}</h2>", f"<p>{summary}</p>"]
        ran_out, aloud = self.tr("time ran out"), self.tr("(answered aloud)")
        yours, model_answer = self.tr("Your answer"), self.tr("Model answer")
        text_px = QFontInfo(self.report_view.font()).pixelSize()  # formulas as large as the text
        for a in report.answers:
            question = "<br>".join(self.inline.html(a.question.get(lg), round(text_px * 1.17)) for lg in langs)
            grade = self.tr("not answered") if a.grade is None else grade_words(a.grade, grading)
            colour = "gray" if a.grade is None else GOOD if a.passed else BAD
            time_note = self.tr("{used} of {limit}").format(used=clock_text(a.seconds_used),
                                                            limit=clock_text(report.seconds_per_question))
            if a.timed_out:
                time_note += f" · <span style='color:{BAD}'>{ran_out}</span>"
            typed = (html.escape(a.typed.strip()).replace("\n", "<br>") if a.typed.strip()
                     else f"<i style='color:gray'>{aloud}</i>")
            model = "".join(self.inline.html(a.model_answer.get(lg), text_px, block=True) for lg in langs)
            parts.append(
                f"<h3>{a.position}. {question}</h3>"
                f"<p style='color:gray'>{html.escape(a.section)} · {time_note} · "
                f"<b style='color:{colour}'>{grade}</b></p>"
                "<table width='100%' cellspacing='0' cellpadding='8' border='1' style='border-color:#c5cad3;"
                f" border-collapse: collapse;'><tr><th width='40%' align='left'>{yours}</th>"
                f"<th align='left'>{model_answer}</th></tr>"
                f"<tr><td valign='top'>{typed}</td><td valign='top'>{model}</td></tr></table>")
        parts.append("</div>")
        return "".join(parts)

    def choose_and_save(self) -> None:
        if self.report is None or self.pages.currentIndex() != self.REPORT:
            return
        name = f"mock-interview-{self.report.started_at:%Y-%m-%d-%H%M}.md"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report as Markdown"), str(Path.home() / name),
                                              self.tr("Markdown (*.md)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        """Write the report to `path` off the GUI thread; success or the error shows below it."""
        report, lang = self.report, self.language()
        if report is None:
            return
        grading = self.grading()
        self.ops.run(lambda: save_markdown(report, path, lang, grading), on_done=self._saved,
                     on_error=self._save_failed)

    def _saved(self, path: Path) -> None:
        saved = self.tr("Saved to {path}").format(path=html.escape(str(path)))
        self.save_status.setText(f"<span style='color:{GOOD}'>{saved}</span>")
        self.saved.emit(str(path))

    def _save_failed(self, exc: BaseException) -> None:
        message = describe_error(exc)
        refused = self.tr("Not saved: {error}").format(error=html.escape(message))
        self.save_status.setText(f"<span style='color:{BAD}'>{refused}</span>")
        self.error_shown.emit(message)

    # ----- errors, changes, keys ---------------------------------------------------------------
    def _on_changes(self, changes: OpChanges) -> None:
        if changes.origin is self:
            return
        if changes.touches("settings") and self.pages.currentIndex() == self.SETUP and not self.busy:
            self.seconds_spin.setValue(self.default_seconds())
        if changes.touches("content") and self.isVisible() and self.pages.currentIndex() == self.SETUP:
            self.refresh()

    def _math_arrived(self) -> None:
        if self.pages.currentIndex() == self.REPORT and self.report is not None:
            scroll = self.report_view.verticalScrollBar().value()
            self.report_view.setHtml(self.report_html(self.report))
            self.report_view.verticalScrollBar().setValue(scroll)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        page = self.pages.currentIndex()
        if page == self.SETUP and enter:
            self.start()
        elif page == self.QUESTION and self.is_revealed and self.grade_row.grade_for_key(text) is not None:
            self.grade(self.grade_row.grade_for_key(text) or 0)
        elif page == self.QUESTION and not self.is_revealed and enter:
            self.reveal()
        else:
            super().keyPressEvent(event)


def install(window: MainWindow) -> None:
    """Add the mock-interview screen (menu Quiz → Mock interview, Ctrl+Shift+M)."""
    ctx = window.ctx
    settings: Callable[[], Settings] = lambda: ctx.settings  # noqa: E731 - read fresh each time
    view = MockInterviewView(ctx.services.mock, ctx.ops, MathRenderer(parent=window), ctx.now,
                             lambda: settings().language, lambda: settings().mock_seconds, window,
                             lambda: settings().grading, ctx.qsettings)
    translate = QCoreApplication.translate
    follow_deck(window, view)
    window.add_screen("mock-interview", view, translate("MockInterviewView", "Mock interview"), menu="Quiz",
                      shortcut="Ctrl+Shift+M")
    follow_theme(window, view)
    window.register_shortcuts("Mock interview", [
        ("Ctrl+Enter", translate("MockInterviewView", "Stop the clock and show the model answer")),
        ("1 – 4 (0 – 5)", translate("MockInterviewView", "Grade yourself")),
        ("Ctrl+S", translate("MockInterviewView", "Save the report as Markdown"))])
