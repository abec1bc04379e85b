"""The study screen: question → Space reveals → grade (1–4, or 0–5 in six-grade mode).

Every database call is an op (quizapp/ui/ops.py): grading runs `answer_and_next` on the op
thread and the screen shows the step it returns. Cards graded below 4 come back in the same
session (SM-2 step 7); Ctrl+Z undoes this session's answers one by one, newest first.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum, auto
from collections.abc import Callable
from functools import cache, partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy,
                               QStackedWidget, QTextBrowser, QVBoxLayout, QWidget)

from quizapp.domain.sm2 import PASSING_GRADE, Button
from quizapp.domain.words import grade_counts, plural, recalled_words
from quizapp.services.study import StudyStep
from quizapp.ui.card_view import CardView, all_formulas
from quizapp.ui.context import AppContext
from quizapp.ui.main_window import MainWindow
from quizapp.ui.math_render import MathRenderer
from quizapp.ui.ops import OpChanges, describe_error

FOUR_BUTTONS: tuple[tuple[int, str, str], ...] = (  # (grade, label, object name for the style sheet)
    (int(Button.AGAIN), "Again", "grade-again"), (int(Button.HARD), "Hard", "grade-hard"),
    (int(Button.GOOD), "Good", "grade-good"), (int(Button.EASY), "Easy", "grade-easy"))
SIX_BUTTONS: tuple[tuple[int, str, str], ...] = (
    (0, "Blackout", "grade-again"), (1, "Wrong", "grade-again"), (2, "Almost", "grade-again"),
    (3, "Hard", "grade-hard"), (4, "Good", "grade-good"), (5, "Perfect", "grade-easy"))
_KINDS = {"review": "Review", "redrill": "Re-drill", "new": "New"}
PREFETCH_CARDS = 1  # formulas of the next card are rendered while this one is studied


def format_days(days: int) -> str:
    if days <= 0:
        return "today"
    if days < 30:
        return f"{days}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


@cache
def available_demos() -> frozenset[str]:
    """Demo ids registered in this build (listing them imports no torch)."""
    from quizapp.services.demos import demo_ids

    return demo_ids()


class Phase(Enum):
    """Where the study screen is. Keys and buttons act only in QUESTION (Space reveals) and
    ANSWER (grade keys); every other phase waits for an op."""

    IDLE = auto()  # nothing loaded yet
    LOADING = auto()  # a step is being loaded (the old card, if any, stays on screen)
    RESTARTING = auto()  # loading after a finished session: a new session starts if cards wait
    QUESTION = auto()  # a card's question side
    ANSWER = auto()  # its answer side, with the grade buttons
    COMMITTING = auto()  # a grade or an undo is being committed; the card shown is still the graded one
    AHEAD = auto()  # the look-ahead card is shown (question side) while the answer before it commits
    AHEAD_UNDO = auto()  # as AHEAD, and the user asked to undo that answer once it is committed
    SUMMARY = auto()  # the session is over: the summary page


WAITING = frozenset({Phase.LOADING, Phase.RESTARTING, Phase.COMMITTING, Phase.AHEAD, Phase.AHEAD_UNDO})


@dataclass
class SessionLog:
    """This session's answers, newest last (for progress, undo and the summary)."""

    log_ids: list[int]
    grades: list[int]
    kinds: list[str]
    durations_ms: list[int]
    started: float

    @classmethod
    def new(cls) -> "SessionLog":
        return cls([], [], [], [], time.monotonic())

    def add(self, log_id: int, grade: int, kind: str, duration_ms: int) -> None:
        self.log_ids.append(log_id)
        self.grades.append(grade)
        self.kinds.append(kind)
        self.durations_ms.append(duration_ms)

    def pop(self) -> int:
        self.grades.pop()
        self.kinds.pop()
        self.durations_ms.pop()
        return self.log_ids.pop()

    def __len__(self) -> int:
        return len(self.log_ids)


class StudyScreen(QWidget):
    card_shown = Signal(str)  # card id, after the card is on screen (question side)
    revealed = Signal(str)
    session_finished = Signal()

    def __init__(self, window: MainWindow, math: MathRenderer) -> None:
        super().__init__(window)
        self.setObjectName("study-screen")
        self.window_ = window
        self.ctx: AppContext = window.ctx
        self.math = math
        self.step: StudyStep | None = None
        self.session = SessionLog.new()
        self.phase = Phase.IDLE
        self._resume = Phase.IDLE  # the phase to return to when an op fails
        self._shown_at = 0.0
        self._grades: tuple[tuple[int, str, str], ...] = ()
        self._last_duration_ms = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self.ctx.ops.changed.connect(self._on_changes)
        if self.ctx.theme is not None:
            self.ctx.theme.changed.connect(lambda name: self.card_view.set_dark(name == "dark"))

    # ----- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 14, 24, 14)
        top = QHBoxLayout()
        self.reason_label = QLabel("")
        self.reason_label.setObjectName("reason-badge")
        self.reason_label.setVisible(False)
        self.counts_label = QLabel("")
        self.counts_label.setObjectName("counts")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # text on the bar would cross its fill: unreadable on one side
        self.progress.setMaximumHeight(10)
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("counts")
        top.addWidget(self.reason_label)
        top.addWidget(self.progress, 1)
        top.addWidget(self.progress_label)
        top.addWidget(self.counts_label)
        outer.addLayout(top)

        self.pages = QStackedWidget()
        self.card_view = CardView(self.math, dark=bool(self.ctx.theme and self.ctx.theme.dark))
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        card_frame = QFrame()
        card_frame.setObjectName("card-frame")
        frame_layout = QVBoxLayout(card_frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addWidget(self.card_view)
        self.summary_view = QTextBrowser()
        self.summary_view.setObjectName("summary")
        self.summary_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages.addWidget(card_frame)
        self.pages.addWidget(self.summary_view)
        outer.addWidget(self.pages, 1)

        bottom = QHBoxLayout()
        self.demo_button = self._button("Demo (D)", self.open_demo, "demo-button")
        self.demo_button.setToolTip("Open this card's live demo with its preset")
        self.demo_button.setMinimumHeight(46)
        bottom.addWidget(self.demo_button)
        self.answer_bar = QStackedWidget()
        self.reveal_button = self._button("Show answer  (Space)", self.reveal, "reveal-button")
        self.reveal_button.setMinimumHeight(46)
        self.grade_row = QWidget()
        self.grade_layout = QHBoxLayout(self.grade_row)
        self.grade_layout.setContentsMargins(0, 0, 0, 0)
        self.done_button = self._button("Back to overview  (Esc)", lambda: self.window_.show_screen("overview"),
                                        "reveal-button")
        self.done_button.setMinimumHeight(46)
        for w in (self.reveal_button, self.grade_row, self.done_button):
            self.answer_bar.addWidget(w)
        self.answer_bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bottom.addWidget(self.answer_bar, 1)
        outer.addLayout(bottom)
        self.hint_label = QLabel("")
        self.hint_label.setObjectName("hint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.hint_label)
        self.grade_buttons: dict[int, QPushButton] = {}
        self._build_grade_buttons()

    def _button(self, text: str, slot: Callable[[], object], name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the screen, not to a button
        b.clicked.connect(lambda _checked=False: slot())
        return b

    def _build_grade_buttons(self) -> None:
        grades = SIX_BUTTONS if self.ctx.settings.grading == "six" else FOUR_BUTTONS
        if grades == self._grades:
            return
        self._grades = grades
        while self.grade_layout.count():
            item = self.grade_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.grade_buttons = {}
        for key, (grade, label, name) in enumerate(grades, start=0 if len(grades) == 6 else 1):
            b = self._button(label, lambda g=grade: self.grade(g), name)
            b.setProperty("label", label)
            b.setProperty("key", str(key))
            b.setMinimumHeight(46)
            self.grade_layout.addWidget(b, 1)
            self.grade_buttons[grade] = b
        if self.step is not None:
            self._update_grade_labels()

    @property
    def is_revealed(self) -> bool:
        return self.phase is Phase.ANSWER

    @property
    def busy(self) -> bool:
        """An op of this screen is loading or committing."""
        return self.phase in WAITING

    def _start_op(self, phase: Phase) -> None:
        self._resume = self.phase if self.phase not in WAITING else self._resume
        self.phase = phase

    # ----- screen hooks --------------------------------------------------------------------
    def screen_shown(self) -> None:
        self.setFocus()
        if self.busy:
            return
        if self.phase is Phase.IDLE:
            self.start_session()
        elif self.phase is Phase.SUMMARY:  # a finished session: look again, a new one starts if cards wait
            self._load(lambda: self.ctx.services.study.step(self.ctx.now()), Phase.RESTARTING)

    def screen_closing(self) -> None:
        self.math.wait(5000)  # formulas being written finish before the window goes

    def start_session(self) -> None:
        self.session = SessionLog.new()
        self._load(lambda: self.ctx.services.study.step(self.ctx.now()))

    # ----- actions -----------------------------------------------------------------------
    def _load(self, fn: Callable[[], StudyStep], phase: Phase = Phase.LOADING) -> None:
        self._start_op(phase)
        self.ctx.ops.run(fn, on_done=self._show_step, on_error=self._op_failed)

    def reveal(self) -> None:
        if self.phase is not Phase.QUESTION or self.step is None or self.step.card is None:
            return
        self.phase = Phase.ANSWER
        self.card_view.show_card(self.step.card, True, self.ctx.languages())
        self.answer_bar.setCurrentWidget(self.grade_row)
        self.hint_label.setText(self._grade_hint())
        self.revealed.emit(self.step.card.id)

    def grade(self, grade: int) -> None:
        if self.phase is not Phase.ANSWER or self.step is None or self.step.card is None:
            return
        if grade not in self.grade_buttons:
            return
        card_id = self.step.card.id
        duration = int((time.monotonic() - self._shown_at) * 1000)
        self._last_duration_ms = duration
        now = self.ctx.now()
        upcoming = self.step.upcoming
        self._start_op(Phase.COMMITTING)  # until the answer is committed (a few ms)
        study = self.ctx.services.study
        commit = partial(self.ctx.ops.run, lambda: study.answer_and_next(card_id, grade, now, duration),
                         on_done=self._show_step, on_error=self._op_failed, origin=self)
        if upcoming is not None and upcoming.card is not None:
            self._display(upcoming, ahead=True)
            # queued behind the paint of the new card: the op thread would hold the GIL meanwhile
            QTimer.singleShot(0, commit)
        else:
            commit()

    def undo(self) -> None:
        if self.phase is Phase.AHEAD:
            self.phase = Phase.AHEAD_UNDO  # the answer being committed is the one to take back
            return
        if self.busy or not self.session:
            self.window_.status("Nothing to undo in this session")
            return
        log_id = self.session.log_ids[-1]
        self._start_op(Phase.COMMITTING)
        self.ctx.ops.run(lambda: self.ctx.services.study.undo_and_show(log_id, self.ctx.now()),
                         on_done=self._show_step, on_error=self._op_failed, origin=self)

    def open_demo(self) -> None:
        card = self.step.card if self.step else None
        if card is None or card.demo is None or card.demo.id not in available_demos():
            return
        self.window_.open_demo(card.demo.id, card.demo.params, source=card.id)

    # ----- showing -----------------------------------------------------------------------
    def _op_failed(self, exc: BaseException) -> None:
        was_ahead = self.phase in (Phase.AHEAD, Phase.AHEAD_UNDO)
        self.phase = self._resume
        self.window_.status(f"Could not save or load: {describe_error(exc)}", 10000)
        if was_ahead:  # the card shown ahead of the commit may be wrong: load what is true
            self.phase = Phase.QUESTION
            self._load(lambda: self.ctx.services.study.step(self.ctx.now()))

    def _show_step(self, step: StudyStep) -> None:
        """A step from the op thread: record what it did, then show it (unless it is already shown)."""
        was, self.phase = self.phase, self._resume
        if step.answered is not None:
            a = step.answered
            self.session.add(a.log_id, a.grade, a.kind, self._last_duration_ms)
            self.window_.status(f"{a.card_id}: " + (
                "again later today" if a.back_today else f"next in {format_days(a.after.interval)}"), 2500)
        if step.undone is not None and self.session and self.session.log_ids[-1] == step.undone.log_id:
            self.session.pop()
            self.window_.status(f"Undid the answer to {step.undone.card_id}", 2500)
        if was is Phase.RESTARTING and step.card is not None:
            self.session = SessionLog.new()
        already_shown = (was in (Phase.AHEAD, Phase.AHEAD_UNDO) and step.card is not None and self.step is not None
                         and self.step.card is not None and self.step.card.id == step.card.id)
        if already_shown:
            self.step = step  # the committed truth: counts, intervals and the next look-ahead
            self.phase = Phase.QUESTION
            self._update_counts(step)
            self._update_grade_labels()
        else:
            self._display(step)
        if was is Phase.AHEAD_UNDO:
            self.undo()

    def _update_counts(self, step: StudyStep) -> None:
        done, left = len(self.session), step.remaining
        self.progress.setMaximum(max(1, done + left))
        self.progress.setValue(done)
        self.progress_label.setText(f"{done} / {done + left}")
        c = step.counts
        self.counts_label.setText(f"<span style='color:#2f6fde'>New {c.get('new', 0)}</span> · "
                                  f"<span style='color:#1a7f4b'>Review {c.get('review', 0)}</span> · "
                                  f"<span style='color:#b42318'>Re-drill {c.get('redrill', 0)}</span>")

    def _display(self, step: StudyStep, ahead: bool = False) -> None:
        """Show a step's card, question side. `ahead`: the look-ahead card, shown before the
        answer that precedes it is committed."""
        self.step = step
        if not ahead:
            self._update_counts(step)
        if step.card is None:
            self.phase = Phase.SUMMARY
            self._show_summary()
            return
        self.phase = Phase.AHEAD if ahead else Phase.QUESTION
        self.pages.setCurrentIndex(0)
        self._set_badge(_KINDS.get(step.kind or "", ""))
        self.card_view.show_card(step.card, False, self.ctx.languages())
        self.answer_bar.setCurrentWidget(self.reveal_button)
        has_demo = step.card.demo is not None and step.card.demo.id in available_demos()
        self.demo_button.setVisible(step.card.demo is not None)
        self.demo_button.setEnabled(has_demo)
        if step.card.demo is not None and not has_demo:
            self.demo_button.setToolTip(f"Demo '{step.card.demo.id}' is not in this build yet")
        self.hint_label.setText("Space: show answer" + ("   ·   D: demo" if has_demo else ""))
        self._update_grade_labels()
        self._prefetch_answer_math(step)
        self._shown_at = time.monotonic()
        self.card_shown.emit(step.card.id)

    def _prefetch_answer_math(self, step: StudyStep) -> None:
        """Render the answer side's formulas while the user thinks about the question."""
        assert step.card is not None
        self.math.request(all_formulas(step.card, self.ctx.languages(), self.card_view.style_now()))

    def _update_grade_labels(self) -> None:
        if self.step is None:
            return
        for grade, button in self.grade_buttons.items():
            days = self.step.preview.get(grade)
            again = grade < 4
            when = "" if days is None else format_days(days)
            if again and days not in (None, 0):
                when += "  ↻"
            button.setText(f"{button.property('key')}  {button.property('label')}\n{when}")
            tip = f"Grade {grade}: due in {when.strip(' ↻') or '-'}"
            if again:
                tip += "; comes back later today until you grade it Good or better"
            button.setToolTip(tip)

    def _grade_hint(self) -> str:
        keys = "0–5" if len(self.grade_buttons) == 6 else "1–4"
        return f"{keys}: grade   ·   ↻ comes back later today   ·   Ctrl+Z: undo"

    def _set_badge(self, text: str) -> None:
        """The card's kind as a badge; hidden when there is none (an empty badge drew as a bare pill)."""
        self.reason_label.setText(text)
        self.reason_label.setVisible(bool(text))

    def _show_summary(self) -> None:
        self._set_badge("")
        self.demo_button.setVisible(False)
        self.answer_bar.setCurrentWidget(self.done_button)
        self.hint_label.setText("")
        self.pages.setCurrentIndex(1)
        self.card_view.clear_card()
        self.summary_view.setHtml(self.summary_html())
        if self.session:
            self.session_finished.emit()

    def summary_html(self) -> str:
        s = self.session
        if not s:
            return ("<h2>Nothing to study right now</h2><p>No cards are due and today's new cards are done. "
                    "Come back tomorrow, or open a demo from the gallery.</p>")
        grading = self.ctx.settings.grading
        minutes = (time.monotonic() - s.started) / 60
        passed = sum(1 for g in s.grades if g >= PASSING_GRADE)
        studied = sum(1 for k in s.kinds if k != "redrill")
        return (f"<h2>Session complete</h2>"
                f"<p><b>{plural(studied, 'card')}</b> studied, <b>{plural(len(s) - studied, 're-drill')}</b>, "
                f"<b>{plural(len(s), 'answer')}</b> in {minutes:.1f} min.</p>"
                f"<p>Recalled ({recalled_words(grading)}): <b>{100 * passed / len(s):.0f}%</b> of answers. "
                f"Grades — {grade_counts(s.grades, grading)}.</p>"
                f"<p>New: {s.kinds.count('new')} · Review: {s.kinds.count('review')} · "
                f"Re-drill: {s.kinds.count('redrill')}</p>"
                "<p>Well done. Esc returns to the overview; Ctrl+Z takes back the last answer.</p>")

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.origin is self:
            return
        if changes.touches("settings"):
            self._build_grade_buttons()
            if self.step is not None and self.step.card is not None:
                self.card_view.show_card(self.step.card, self.is_revealed, self.ctx.languages())
                self.hint_label.setText(self._grade_hint() if self.is_revealed else self.hint_label.text())
        if changes.touches("content", "review", "schedule") and self.window_.current_key == "study" \
                and self.phase in (Phase.IDLE, Phase.QUESTION, Phase.SUMMARY):
            # another screen changed the cards or the schedule: reload the current step
            current = self.step.card.id if self.step and self.step.card else None
            self._load(lambda: self.ctx.services.study.step(self.ctx.now(), card_id=current))

    # ----- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        text = event.text()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.is_revealed:
            self.reveal()
        elif self.is_revealed and text.isdigit() and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                           Qt.KeyboardModifier.KeypadModifier):
            self._grade_key(int(text))
        elif key == Qt.Key.Key_D and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.open_demo()
        elif key == Qt.Key.Key_Escape:
            self.window_.show_screen("overview")
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            bar = self.card_view.verticalScrollBar()
            step = bar.singleStep() * 3 if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) else bar.pageStep()
            bar.setValue(bar.value() + (step if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -step))
        else:
            super().keyPressEvent(event)

    def _grade_key(self, number: int) -> None:
        """Keys 1–4 map to the four buttons; in six-grade mode keys 0–5 are the grades."""
        if len(self.grade_buttons) == 6:
            if 0 <= number <= 5:
                self.grade(number)
        elif 1 <= number <= 4:
            self.grade(FOUR_BUTTONS[number - 1][0])


def install(window: MainWindow) -> None:
    math = MathRenderer(parent=window)
    screen = StudyScreen(window, math)
    window.add_screen("study", screen, "Study", menu="View", shortcut="Ctrl+2")
    undo: QAction = window.add_action("Study", "&Undo last answer", lambda: _undo(window, screen),
                                      shortcut="Ctrl+Z", group="Study")
    undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.add_action("Study", "&Study now", lambda: window.show_screen("study"), shortcut="Ctrl+Return",
                      group="Study")
    window.register_shortcuts("Study", [
        ("Space / Enter", "Show the answer"), ("1 / 2 / 3 / 4", "Again / Hard / Good / Easy"),
        ("0 – 5", "Grade 0–5 (six-grade mode)"), ("D", "Open the card's demo"),
        ("↑ ↓ PgUp PgDn", "Scroll a long answer"), ("Esc", "Back to the overview")])


def _undo(window: MainWindow, screen: StudyScreen) -> None:
    screen.undo()  # queued first, so showing the screen does not start a new session meanwhile
    if window.current_key != "study":
        window.show_screen("study")
