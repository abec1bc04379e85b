"""The quiz screen: choose sections, kinds and size; answer each question against a timer
(mcq by click or keys 1–6, cloze typed, qa revealed with Space and self-graded as the grading
setting says: Again/Hard/Good/Easy or 0–5); then the
score, each miss with its explanation and a button to its demo. The setup page also shows the
history of scores per section and the weakest sections.

All database work is an op on the op thread (quizapp/ui/ops.py); the screen never blocks.
"""
from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.cloze import parse_blanks
from quizapp.domain.content import CARD_KINDS, Card
from quizapp.domain.mock_report import clock_text
from quizapp.domain.quiz import (DEFAULT_SIZE, ChoiceAnswer, Response, SectionScore, SelfGrade, TypedAnswer,
                                 cloze_answers, miss_explanation, question_text)
from quizapp.domain.deck_header import DeckSection
from quizapp.services.quiz import AnswerRecord, QuizReport, QuizRun, QuizService, ReportItem, SessionScore
from quizapp.ui.card_view import CardView
from quizapp.ui.deck_selection import follow_deck
from quizapp.ui.main_window import MainWindow, available_demos
from quizapp.ui.math_render import MathRenderer
from quizapp.ui.ops import OpChanges, OpRunner
from quizapp.ui.translation import QT_TRANSLATE_NOOP, current_language
from quizapp.ui.words import words
from quizapp.ui.quiz_widgets import (BAD, GOOD, ChoiceRow, FittingScroll, MathLabels, PanelSwitch, QuestionHeader,
                                     QuestionScreen, SectionPicker, SelfGradeRow, connect_demo,
                                     follow_theme, screen_button)

KIND_LABELS = {"mcq": QT_TRANSLATE_NOOP("QuizView", "Multiple choice"),
               "cloze": QT_TRANSLATE_NOOP("QuizView", "Cloze (typed)"),
               "qa": QT_TRANSLATE_NOOP("QuizView", "Q&A (self-graded)")}
# domain/quiz.py: miss_explanation's sentences, marked here for lupdate (it says them through `say`)
EXPLAIN = (QT_TRANSLATE_NOOP("QuizExplain", "Not answered."),
           QT_TRANSLATE_NOOP("QuizExplain", "Your answer: {number}. {text} — {why}"),
           QT_TRANSLATE_NOOP("QuizExplain", "Right answer: {number}. {text} — {why}"),
           QT_TRANSLATE_NOOP("QuizExplain", " (also accepted: {answers})"),
           QT_TRANSLATE_NOOP("QuizExplain", "you typed “{typed}”"), QT_TRANSLATE_NOOP("QuizExplain", "left empty"),
           QT_TRANSLATE_NOOP("QuizExplain", "Blank {number}: {typed}; the answer is {answer}{also}"),
           QT_TRANSLATE_NOOP("QuizExplain", "Model answer: "),
           QT_TRANSLATE_NOOP("QuizExplain", "Where the notes are wrong: "))
HISTORY_ROWS = 20
CHOICE_PX = 16
MAX_QUIZ_SIZE = 100


def _points(value: float) -> str:
    """3.6667 -> '3.7', 4.0 -> '4': partial cloze credit without noise."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


class QuizView(QuestionScreen):
    """A standalone screen; the main window connects `open_demo` to its demo panel."""

    open_demo = Signal(str, dict)  # demo id, preset parameters
    item_shown = Signal(int)  # 0-based position of the question now on screen
    answered = Signal(object)  # AnswerRecord, once stored
    results_shown = Signal(object)  # QuizReport

    def __init__(self, quiz: QuizService, ops: OpRunner, math: MathRenderer, clock: Callable[[], datetime],
                 language: Callable[[], str], parent: QWidget | None = None,
                 grading: Callable[[], str] | None = None) -> None:
        self.quiz = quiz
        self.record: AnswerRecord | None = None  # the current question's stored answer
        self.report: QuizReport | None = None
        self.revealed = False
        self._available: dict[str, dict[str, int]] | None = None  # None until loaded
        self._choice_rows: list[ChoiceRow] = []
        self._blank_edits: dict[int, QLineEdit] = {}
        self._result_labels = MathLabels()
        self.deck_name: Callable[[], str | None] = lambda: None  # the deck picked on the overview (install)
        super().__init__("quiz-screen", ops, math, clock, language, 1000, grading, parent)

    # ----- building ----------------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        left = QVBoxLayout()
        title = QLabel(self.tr("Quiz"))
        title.setObjectName("title")
        intro = QLabel(self.tr("Test yourself on a section now, without waiting for the schedule. Misses on cards "
                       "you already review come back in today's study session."))
        intro.setWordWrap(True)
        left.addWidget(title)
        self.deck_label = QLabel("")  # the deck the quiz draws from
        self.deck_label.setObjectName("deck-badge")
        left.addWidget(self.deck_label)
        left.addWidget(intro)
        box = QGroupBox(self.tr("Sections"))
        self.sections = SectionPicker()
        QVBoxLayout(box).addWidget(self.sections)
        left.addWidget(box)
        box = QGroupBox(self.tr("Kinds"))
        kinds_row = QHBoxLayout(box)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for kind in ("mcq", "cloze", "qa"):
            check = QCheckBox(self.tr(KIND_LABELS[kind]))
            check.setChecked(True)
            check.toggled.connect(lambda _on: self._update_counts())
            kinds_row.addWidget(check)
            self.kind_boxes[kind] = check
        left.addWidget(box)
        size_row = QHBoxLayout()
        size_row.addWidget(QLabel(self.tr("Questions:")))
        self.size_spin = QSpinBox()
        self.size_spin.setRange(1, MAX_QUIZ_SIZE)
        self.size_spin.setValue(DEFAULT_SIZE)
        size_row.addWidget(self.size_spin)
        size_row.addStretch(1)
        self.start_button = screen_button(self.tr("Start quiz  (Enter)"), self.start, "reveal-button")
        self.start_button.setMinimumHeight(40)
        size_row.addWidget(self.start_button)
        left.addLayout(size_row)
        left.addWidget(self.setup_error)
        left.addStretch(1)

        right = QVBoxLayout()
        box = QGroupBox(self.tr("Weakest sections (latest answers)"))
        self.weakest_label = QLabel("")
        self.weakest_label.setWordWrap(True)
        self.weakest_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(box).addWidget(self.weakest_label)
        right.addWidget(box)
        box = QGroupBox(self.tr("History"))
        self.history_table = QTableWidget(0, 4)
        self.history_table.setHorizontalHeaderLabels((self.tr("When"), self.tr("Mode"), self.tr("Score"),
                                                      self.tr("By section")))
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.history_table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        QVBoxLayout(box).addWidget(self.history_table)
        right.addWidget(box, 1)
        row.addLayout(left, 3)
        row.addSpacing(18)
        row.addLayout(right, 2)
        return page

    def _build_question(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QuestionHeader("timer", self.tr("Time on this question"))
        self.header.clock.setText(self.tr("Time 0:00"))
        layout.addWidget(self.header)
        self.card_view = CardView(self.math)
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.card_view, 1)

        self.choice_panel = QWidget()
        self.choice_layout = QVBoxLayout(self.choice_panel)
        self.choice_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_layout.setSpacing(6)
        self.choice_area = FittingScroll(self.choice_panel)
        self.cloze_panel = QWidget()
        cloze_row = QHBoxLayout(self.cloze_panel)
        cloze_row.setContentsMargins(0, 0, 0, 0)
        self.blank_form = QFormLayout()
        cloze_row.addLayout(self.blank_form, 1)
        self.check_button = screen_button(self.tr("Check  (Enter)"), self.submit_cloze, "reveal-button")
        cloze_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.reveal_button = screen_button(self.tr("Show answer  (Space)"), self.reveal, "reveal-button")
        self.reveal_button.setMinimumHeight(42)
        self.grade_row = grade_row = SelfGradeRow(self.self_grade, self.grading())
        self.qa_panel = PanelSwitch(self.reveal_button, grade_row)
        self.answer_stack = PanelSwitch(self.choice_area, self.cloze_panel, self.qa_panel)
        layout.addWidget(self.answer_stack)

        self.feedback = QLabel("")
        self.feedback.setObjectName("feedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.feedback)
        bottom = QHBoxLayout()
        self.finish_button = screen_button(self.tr("Finish now"), self.finish, "")
        self.finish_button.setToolTip(self.tr("End the quiz here; unanswered questions score 0"))
        self.next_button = screen_button(self.tr("Next  (Enter)"), self.next_question, "reveal-button")
        self.next_button.setMinimumHeight(40)
        self.hint_label = QLabel("")
        self.hint_label.setObjectName("hint")
        bottom.addWidget(self.finish_button)
        bottom.addWidget(self.hint_label, 1, Qt.AlignmentFlag.AlignCenter)
        bottom.addWidget(self.next_button)
        layout.addLayout(bottom)
        return page

    def _build_results(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.results_scroll = QScrollArea()
        self.results_scroll.setWidgetResizable(True)
        self.results_scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.results_scroll, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.again_button = screen_button(self.tr("New quiz  (Enter)"), self.show_setup, "reveal-button")
        self.again_button.setMinimumHeight(40)
        bottom.addWidget(self.again_button)
        layout.addLayout(bottom)
        return page

    # ----- setup -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load what can be quizzed, the history and the weakest sections."""
        quiz, deck = self.quiz, self.deck_name()
        self.deck_label.setText(self.tr("Deck: {deck}").format(deck=deck if deck is not None else self.tr("All decks")))
        self.ops.run(lambda: (quiz.available(deck), quiz.history(HISTORY_ROWS), quiz.weakest_sections(),
                              quiz.deck_sections(deck)),
                     on_done=self._show_overview, on_error=self._failed)

    def _show_overview(self, data: tuple[dict[str, dict[str, int]], list[SessionScore], list[SectionScore],
                                         list[DeckSection]]) -> None:
        available, history, weakest, sections = data
        self.sections.set_sections([(sec.id, sec.title.zh, sec.title.en) for sec in sections])
        self._available = available
        self._update_counts()
        if weakest:
            of = self.tr("of {count}")
            rows = "".join(
                f"<tr><td><b>{html.escape(w.section)}</b>&nbsp;</td>"
                f"<td>{self._section_title(w.section)}&nbsp;&nbsp;</td>"
                f"<td align='right' style='color:{BAD if w.percent < 60 else GOOD}'><b>{w.percent:.0f}%</b></td>"
                f"<td style='color:gray'>&nbsp;{of.format(count=w.items)}</td></tr>"
                for w in weakest[:5])
            self.weakest_label.setText(f"<table>{rows}</table>")
        else:
            self.weakest_label.setText(self.tr("<span style='color:gray'>Not enough answers yet: each section needs "
                                       "3 quiz answers before it is judged.</span>"))
        self.history_table.setRowCount(len(history))
        for r, h in enumerate(history):
            s = h.summary
            cells = (f"{h.started_at.astimezone():%Y-%m-%d %H:%M}",
                     self.tr("mock interview") if h.mode == "mock" else self.tr("quiz"),
                     self.tr("{percent}%  ({points} of {total} points)").format(
                         percent=f"{s.percent:.0f}", points=_points(s.points), total=s.total),
                     "  ".join(f"{x.section}: {x.percent:.0f}%" for x in s.by_section))
            for c, text in enumerate(cells):
                self.history_table.setItem(r, c, QTableWidgetItem(text))
        self.overview_loaded.emit()

    def _section_title(self, section: str) -> str:
        """A section's title in the interface language."""
        zh, en = SECTIONS.get(section, ("", ""))
        return zh if current_language() == "zh" else en

    def _update_counts(self) -> None:
        """Each section shows how many cards of the checked kinds it has."""
        if self._available is None:
            return
        kinds = {k for k, box in self.kind_boxes.items() if box.isChecked()}
        self.sections.set_counts({s: sum(n for k, n in per.items() if k in kinds)
                                  for s, per in self._available.items()})

    def start(self) -> None:
        if self.busy:
            return
        sections = self.sections.selected()
        kinds = tuple(k for k in CARD_KINDS if self.kind_boxes[k].isChecked())
        if not sections:
            self._setup_error(self.tr("Choose at least one section."))
            return
        if not kinds:
            self._setup_error(self.tr("Choose at least one kind of question."))
            return
        self.setup_error.setText("")
        size, lang, quiz, now, deck = self.size_spin.value(), self.language(), self.quiz, self.clock(), self.deck_name()
        self.busy = True
        self.ops.run(lambda: quiz.start(now, sections, kinds, size, None, lang, deck=deck), on_done=self.begin,
                     on_error=self._failed, origin=self)

    # ----- asking ------------------------------------------------------------------------------
    def begin(self, run: QuizRun) -> None:
        self.report = None
        super().begin(run)

    def _show_item(self) -> None:
        assert self.run is not None
        item = self.run.items[self.index]
        card = item.card
        self.record, self.revealed = None, False
        self.header.show_question(self.index, len(self.run.items), card.section, self.tr(KIND_LABELS[card.kind]))
        self.card_view.show_card(replace(card, choices=()), False, self._langs())  # options are rows below
        self.feedback.setText("")
        self.next_button.setVisible(False)  # shown once the answer is checked
        self.next_button.setText(self.tr("See results  (Enter)") if self.index + 1 == len(self.run.items)
                                 else self.tr("Next  (Enter)"))
        if card.kind == "mcq":
            self._build_choices(card)
            self.answer_stack.setCurrentWidget(self.choice_area)
            self.hint_label.setText(self.tr("Keys 1–{last} or click an option").format(last=len(card.choices)))
            self.setFocus()
        elif card.kind == "cloze":
            self._clear_choices()
            self._build_blanks(card)
            self.answer_stack.setCurrentWidget(self.cloze_panel)
            self.hint_label.setText(self.tr("Type each blank · Enter moves on, then checks · either language counts"))
        else:
            self._clear_choices()
            self.qa_panel.setCurrentIndex(0)
            self.answer_stack.setCurrentWidget(self.qa_panel)
            self.hint_label.setText(self.tr("Space: show the answer, then grade yourself"))
            self.setFocus()
        self._shown_at = time.monotonic()
        self.header.clock.setText(self.tr("Time 0:00"))
        self.timer.start()
        self.item_shown.emit(self.index)

    def _shown_order(self) -> tuple[int, ...]:
        """The current mcq's options as shown: card choice indices, first shown first."""
        assert self.run is not None
        card = self.run.items[self.index].card
        return self.run.items[self.index].choice_order or tuple(range(len(card.choices)))

    def _choice_html(self, card: Card, index: int) -> str:
        choice = card.choices[index]
        texts = dict.fromkeys(choice.text.get(lg) for lg in self._langs())  # "BatchNorm" once, not twice
        lines = "<br>".join(self.inline.html(t, CHOICE_PX) for t in texts)
        return f"<div style='font-size:{CHOICE_PX}px'>{lines}</div>"

    def _clear_choices(self) -> None:
        for row in self._choice_rows:
            row.hide()
            self.choice_layout.removeWidget(row)
            row.deleteLater()
        self._choice_rows = []

    def _build_choices(self, card: Card) -> None:
        self._clear_choices()
        for i, choice in enumerate(self._shown_order()):
            row = ChoiceRow(i, self._choice_html(card, choice), choice)
            row.clicked.connect(self.choose)
            self.choice_layout.addWidget(row)
            self._choice_rows.append(row)

    def _build_blanks(self, card: Card) -> None:
        while self.blank_form.rowCount():
            self.blank_form.removeRow(0)
        self._blank_edits = {}
        lang = self._langs()[0]
        hints = {}
        if card.cloze is not None:
            hints = {b.number: b.hint for b in parse_blanks(card.cloze.get(lang)) if b.hint}
        numbers = list(cloze_answers(card, lang))
        for n in numbers:
            edit = QLineEdit()
            edit.setPlaceholderText(hints.get(n) or self.tr("your answer"))
            edit.setObjectName(f"blank-c{n}")
            edit.returnPressed.connect(lambda n=n: self._blank_entered(n))
            caption = self.tr("Blank {number}").format(number=n) if len(numbers) > 1 else self.tr("Answer")
            self.blank_form.addRow(caption, edit)
            self._blank_edits[n] = edit
        self.check_button.setEnabled(True)
        self.check_button.show()
        first = self._blank_edits[numbers[0]]
        first.setFocus()

    def _blank_entered(self, number: int) -> None:
        if self.record is not None:
            self.next_question()
            return
        numbers = list(self._blank_edits)
        later = numbers[numbers.index(number) + 1:]
        if later:
            self._blank_edits[later[0]].setFocus()
        else:
            self.submit_cloze()

    def _tick(self) -> None:
        self.header.clock.setText(self.tr("Time {clock}").format(clock=clock_text(time.monotonic() - self._shown_at)))

    # ----- answering ---------------------------------------------------------------------------
    def choose(self, shown: int) -> None:
        """Choose the option shown at place `shown` (0-based; key 1 is place 0)."""
        card = self.current_card
        if card is None or card.kind != "mcq" or self.record is not None or not 0 <= shown < len(card.choices):
            return
        order = self._shown_order()
        self._submit(ChoiceAnswer(order[shown], order))

    def submit_cloze(self) -> None:
        card = self.current_card
        if card is None or card.kind != "cloze" or self.record is not None:
            return
        self._submit(TypedAnswer({n: e.text() for n, e in self._blank_edits.items()}))

    def reveal(self) -> None:
        card = self.current_card
        if card is None or card.kind != "qa" or self.revealed:
            return
        self.revealed = True
        self.card_view.show_card(card, True, self._langs())
        self.qa_panel.setCurrentIndex(1)
        self.hint_label.setText(self.grade_row.hint())

    def self_grade(self, grade: int) -> None:
        card = self.current_card
        if card is None or card.kind != "qa" or not self.revealed or self.record is not None:
            return
        self._submit(SelfGrade(grade))

    def _submit(self, response: Response) -> None:
        if self.busy or self.run is None:
            return
        item = self.run.items[self.index]
        duration = int((time.monotonic() - self._shown_at) * 1000)
        now, quiz = self.clock(), self.quiz
        self.busy = True
        self.timer.stop()
        self.ops.run(lambda: quiz.answer(item.item_id, response, now, duration), on_done=self._answered,
                     on_error=self._failed, origin=self)

    def _answered(self, record: AnswerRecord) -> None:
        self.busy = False
        self.record = record
        card = self.current_card
        assert card is not None
        g = record.grade
        self.answered.emit(record)
        if card.kind == "qa":
            self.next_question()
            return
        if card.kind == "mcq":
            for row in self._choice_rows:
                row.set_choosable(False)
        else:
            for b in g.blanks:
                edit = self._blank_edits[b.number]
                edit.setReadOnly(True)
                edit.setStyleSheet(f"QLineEdit {{ border: 2px solid {GOOD if b.correct else BAD}; }}")
                if not b.correct:  # rich text, so the answer is escaped (and its math drawn)
                    answer = self.tr("Answer: {answer}").format(answer=self.inline.html(b.accepted[0]))
                    edit.setToolTip(f"<p>{answer}</p>")
            self.check_button.hide()  # "Next (Enter)" takes over: one Enter button at a time
        self._render_answer()
        self.card_view.show_card(replace(card, choices=()), True, self._langs())
        self.next_button.setVisible(True)
        self.hint_label.setText(self.tr("Enter: next question"))
        self.setFocus()

    def _render_answer(self) -> None:
        """The option rows and the verdict of the question on screen, from `record`. Called
        again whenever formulas arrive or the theme changes, so no label keeps a formula's source."""
        card = self.current_card
        if card is None:
            return
        if card.kind == "mcq":
            for row in self._choice_rows:
                row.text.setText(self._choice_html(card, row.choice))
        record = self.record
        if record is None:
            return
        g = record.grade
        missed = self.tr("Partly right") if g.score > 0 else self.tr("Missed")
        right = self.tr("Right")
        verdict = (f"<b style='color:{GOOD}; font-size:17px'>✓ {right}</b>" if g.correct else
                   f"<b style='color:{BAD}; font-size:17px'>✗ {missed}</b>")
        if record.fed_back:
            verdict += " · " + self.tr("this card is due again today")
        if card.kind == "mcq":
            for row in self._choice_rows:
                choice = card.choices[row.choice]
                why = " · ".join(self.inline.html(t) for t in dict.fromkeys(choice.why.get(lg) for lg in self._langs()))
                row.mark(choice.correct, row.choice == g.choice, why)
        elif card.kind == "cloze":
            wrong = [b for b in g.blanks if not b.correct]
            also = self.tr("(also: {answers})")
            for b in wrong:
                caption = self.tr("Blank {number}").format(number=b.number) if len(g.blanks) > 1 else self.tr("Answer")
                verdict += f"<br>{caption}: <b>{self.inline.html(b.accepted[0])}</b>"
                if len(b.accepted) > 1:
                    others = ", ".join(self.inline.html(a) for a in b.accepted[1:])
                    verdict += f" <span style='color:gray'>{also.format(answers=others)}</span>"
        self.feedback.setText(verdict)

    def next_question(self) -> None:
        if self.busy or self.run is None or self.record is None:
            return
        if self.index + 1 < len(self.run.items):
            self.index += 1
            self._show_item()
        else:
            self.finish()

    def finish(self) -> None:
        if self.busy or self.run is None:
            return
        self.timer.stop()
        session_id, now, quiz = self.run.session_id, self.clock(), self.quiz
        self.busy = True
        self.ops.run(lambda: quiz.finish(session_id, now), on_done=self.show_results, on_error=self._failed,
                     origin=self)

    # ----- results -----------------------------------------------------------------------------
    def show_results(self, report: QuizReport) -> None:
        self.busy = False
        self.report = report
        self.header.progress.setValue(self.header.progress.maximum())
        self._render_results()
        self.pages.setCurrentIndex(self.RESULTS)
        self.setFocus()
        self.results_shown.emit(report)

    def _render_results(self) -> None:
        report = self.report
        assert report is not None
        s = report.summary
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 4, 12, 4)
        self._result_labels.clear()
        colour = GOOD if s.percent >= 80 else BAD if s.percent < 50 else "#b7791f"
        points = self.tr("{points} / {total} points").format(points=_points(s.points), total=s.total)
        score = QLabel(f"<span style='font-size:30px; color:{colour}'><b>{s.percent:.0f}%</b></span>"
                       f"<span style='font-size:18px'>&nbsp;&nbsp;{points}</span>")
        score.setObjectName("quiz-score")
        layout.addWidget(score)
        spent = sum(i.duration_ms or 0 for i in report.items) / 1000
        layout.addWidget(QLabel(self.tr("{right} right · {missed} missed · {unanswered} unanswered · {time} in all · "
                                        "{questions}").format(right=s.correct, missed=s.answered - s.correct,
                                                              unanswered=s.total - s.answered, time=clock_text(spent),
                                                              questions=words().questions(s.total))))
        right = self.tr("{correct}/{items} right")
        rows = "".join(f"<tr><td><b>{html.escape(x.section)}</b>&nbsp;&nbsp;</td>"
                       f"<td>{self._section_title(x.section)}"
                       f"&nbsp;&nbsp;</td><td align='right'>"
                       f"{right.format(correct=x.correct, items=x.items)}</td>"
                       f"<td align='right' "
                       f"style='color:{GOOD if x.percent >= 80 else BAD if x.percent < 50 else '#b7791f'}'>"
                       f"&nbsp;&nbsp;<b>{x.percent:.0f}%</b></td></tr>" for x in s.by_section)
        sections = QLabel(f"<table cellspacing='2'>{rows}</table>")
        sections.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(sections)
        misses = report.misses
        heading = QLabel("<h3>" + (self.tr("To review") if misses else self.tr("No misses — well done.")) + "</h3>")
        layout.addWidget(heading)
        for item in misses:
            layout.addWidget(self._miss_frame(item))
        layout.addStretch(1)
        scroll = self.results_scroll.verticalScrollBar().value()  # kept when formulas arrive
        self.results_scroll.setWidget(content)
        self.results_scroll.verticalScrollBar().setValue(scroll)

    def _miss_frame(self, item: ReportItem) -> QFrame:
        card: Card = item.card
        frame = QFrame()
        frame.setObjectName("miss")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        status = self.tr("not answered") if item.grade is None else (
            self.tr("partly right") if item.grade.score > 0 else self.tr("missed"))
        fed = " · " + self.tr("due again today") if item.fed_back else ""
        head = (f"<b>{item.position + 1}.</b> <span style='color:gray'>{html.escape(card.section)} · "
                f"{self.tr(KIND_LABELS[card.kind])} · <span style='color:{BAD}'>{status}</span>{fed}</span>")

        def build() -> tuple[str, bool]:
            # zh and en as two paragraphs (one newline would join them into one)
            parts = [self.inline.html_missing(question_text(card, self.language()).replace("\n", "\n\n"), block=True)]
            parts += [self.inline.html_missing(line, block=True)
                      for line in miss_explanation(card, item.grade, self.language(), item.choice_order,
                                                   say=lambda s: QCoreApplication.translate("QuizExplain", s))]
            body = parts[0][0] + "".join(f"<div style='margin-top:4px'>{h}</div>" for h, _ in parts[1:])
            return head + body, any(waiting for _, waiting in parts)

        label = self._result_labels.add(QLabel(), build)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        if card.demo is not None:
            demo = card.demo
            button = QPushButton(self.tr("Open demo: {demo}").format(demo=demo.id))
            button.setObjectName("demo-button")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            if demo.id in available_demos():
                button.clicked.connect(lambda _c=False, d=demo: self.open_demo.emit(d.id, dict(d.params)))
            else:
                button.setEnabled(False)
                button.setToolTip("<p>" + self.tr("Demo '{demo}' is not in this build yet").format(
                    demo=html.escape(demo.id))
                                  + "</p>")
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        return frame

    # ----- errors, changes, keys ---------------------------------------------------------------
    def _question_error(self, message: str) -> None:
        self.feedback.setText(f"<span style='color:{BAD}'>{html.escape(message)}</span>")
        if self.record is None and self.pages.currentIndex() == self.QUESTION:
            self.timer.start()

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.origin is self:
            return
        # A hidden screen refreshes when it is shown (screen_shown); reloading it on every
        # answer elsewhere queued slow quiz queries behind the study screen's saves.
        on_setup = self.isVisible() and self.pages.currentIndex() == self.SETUP
        if on_setup and changes.touches("content", "quiz", "review"):
            self.refresh()
        if changes.touches("settings") and self.pages.currentIndex() == self.QUESTION and self.current_card:
            self.card_view.show_card(replace(self.current_card, choices=()), self.record is not None or self.revealed,
                                     self._langs())

    def _math_arrived(self) -> None:
        if self.pages.currentIndex() == self.QUESTION and self.current_card is not None:
            self._render_answer()
        elif self.pages.currentIndex() == self.RESULTS and self.report is not None:
            self._result_labels.refresh()

    def _restyle(self) -> None:
        if self.pages.currentIndex() == self.RESULTS and self.report is not None:
            self._render_results()
        else:
            self._math_arrived()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        page = self.pages.currentIndex()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        card = self.current_card
        if page == self.SETUP and enter:
            self.start()
        elif page == self.RESULTS and enter:
            self.show_setup()
        elif page == self.QUESTION and card is not None:
            if self.record is not None and (enter or key == Qt.Key.Key_Space):
                self.next_question()
            elif card.kind == "mcq" and text.isdigit():
                self.choose(int(text) - 1)
            elif card.kind == "qa" and not self.revealed and (enter or key == Qt.Key.Key_Space):
                self.reveal()
            elif card.kind == "qa" and self.revealed and self.grade_row.grade_for_key(text) is not None:
                self.self_grade(self.grade_row.grade_for_key(text) or 0)
            else:
                super().keyPressEvent(event)
        else:
            super().keyPressEvent(event)


def install(window: MainWindow) -> None:
    """Add the quiz screen to the main window (menu Quiz → Quiz, Ctrl+Shift+Q)."""
    ctx = window.ctx
    view = QuizView(ctx.services.quiz, ctx.ops, MathRenderer(parent=window), ctx.now,
                    lambda: ctx.settings.language, window, lambda: ctx.settings.grading)
    follow_deck(window, view)
    window.add_screen("quiz", view, QCoreApplication.translate("QuizView", "Quiz"), menu="Quiz",
                      shortcut="Ctrl+Shift+Q")
    follow_theme(window, view)
    connect_demo(window, view.open_demo)
    translate = QCoreApplication.translate
    window.register_shortcuts("Quiz", [
        ("Enter", translate("QuizView", "Start / check / next question")),
        ("1 – 6", translate("QuizView", "Choose an option (multiple choice)")),
        ("Space", translate("QuizView", "Show the answer (Q&A)")),
        ("1 – 4 (0 – 5)", translate("QuizView", "Grade yourself (Q&A), as the grading setting says"))])
