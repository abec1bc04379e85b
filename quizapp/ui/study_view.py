"""The study screen: question → Space reveals → grade (1–4, or 0–5 in six-grade mode).

Every database call is an op (quizapp/ui/ops.py): grading runs `answer_and_next` on the op
thread and the screen shows the step it returns. Cards graded below 4 come back in the same
session (SM-2 step 7), spaced by the re-drill steps (domain/redrill.py): when only waiting
re-drills are left the screen says when the next comes back and offers "Show now". The
review-screen actions of Anki act on the card shown: E edit, @ suspend, - bury until tomorrow,
Alt+1..4 flag, I card info. Ctrl+Z undoes this session's answers and actions one by one, newest
first. When today's queue is done, C opens custom study (more new cards, one section, today's
failed cards), a scope passed to every step of the session.
"""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum, auto
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy,
                               QStackedWidget, QTextBrowser, QVBoxLayout, QWidget)

from quizapp.domain.card_marks import FLAGS
from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.domain.quiz import choice_order
from quizapp.domain.sm2 import PASSING_GRADE, Button
from quizapp.services.card_actions import CardAction
from quizapp.services.card_editing import CardInvalid, EditableCard
from quizapp.services.cards import CardDetail
from quizapp.services.changes import Changes
from quizapp.services.custom_study import CustomStudyOptions
from quizapp.services.database import server_unreachable
from quizapp.services.study import StudyStep
from quizapp.ui.deck_selection import deck_selection
from quizapp.ui.card_editor import CardEditor
from quizapp.ui.card_info import CardInfoDialog
from quizapp.ui.card_view import CardView, all_formulas
from quizapp.ui.change_listener import from_other_clients
from quizapp.ui.custom_study_dialog import CustomStudyDialog
from quizapp.ui.context import AppContext
from quizapp.ui.main_window import MainWindow, available_demos
from quizapp.ui.math_render import MathRenderer
from quizapp.ui.ops import OpChanges, describe_error
from quizapp.ui.translation import QT_TRANSLATE_NOOP
from quizapp.ui.words import describe_action, flag_words, grade_counts, recalled_words, words

FOUR_BUTTONS: tuple[tuple[int, str, str], ...] = (  # (grade, label, object name for the style sheet)
    (int(Button.AGAIN), "Again", "grade-again"), (int(Button.HARD), "Hard", "grade-hard"),
    (int(Button.GOOD), "Good", "grade-good"), (int(Button.EASY), "Easy", "grade-easy"))
SIX_BUTTONS: tuple[tuple[int, str, str], ...] = (
    (0, "Blackout", "grade-again"), (1, "Wrong", "grade-again"), (2, "Almost", "grade-again"),
    (3, "Hard", "grade-hard"), (4, "Good", "grade-good"), (5, "Perfect", "grade-easy"))
_KINDS = {"review": QT_TRANSLATE_NOOP("StudyScreen", "Review"), "redrill": QT_TRANSLATE_NOOP("StudyScreen", "Re-drill"),
          "new": QT_TRANSLATE_NOOP("StudyScreen", "New")}
PREFETCH_CARDS = 1  # formulas of the next card are rendered while this one is studied
FLAG_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}  # with Alt (Ctrl+digit: screens)


def study_choice_order(card_id: str, count: int) -> tuple[int, ...]:
    """An mcq's options on the study screen: shuffled as the quiz shuffles them
    (domain.quiz.choice_order), seeded by the card's id so the order is the same every time."""
    return choice_order(count, zlib.crc32(card_id.encode("utf-8")), 0)


def format_wait(until: datetime, now: datetime) -> str:
    seconds = max(0, int((until - now).total_seconds()))
    if seconds < 60:
        return QCoreApplication.translate("StudyScreen", "{seconds} s").format(seconds=seconds)
    minutes = (seconds + 59) // 60
    if minutes < 60:
        return QCoreApplication.translate("StudyScreen", "{minutes} min").format(minutes=minutes)
    return QCoreApplication.translate("StudyScreen", "{hours} h {minutes} min").format(
        hours=minutes // 60, minutes=f"{minutes % 60:02d}")


@dataclass(frozen=True)
class ActionDone:
    """An action (or its undo) committed, and the step to show after it (None: stay)."""

    action: CardAction
    undone: bool
    step: StudyStep | None

    @property
    def changes(self) -> Changes:
        return self.action.changes


def format_days(days: int) -> str:
    """An interval, short: 'today', '3d', '1.5mo', '2.0y' (in the interface language)."""
    if days <= 0:
        return QCoreApplication.translate("StudyScreen", "today")
    if days < 30:
        return QCoreApplication.translate("StudyScreen", "{days}d").format(days=days)
    if days < 365:
        return QCoreApplication.translate("StudyScreen", "{months}mo").format(months=f"{days / 30:.1f}")
    return QCoreApplication.translate("StudyScreen", "{years}y").format(years=f"{days / 365:.1f}")


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
    REDRILL_WAIT = auto()  # only re-drills waiting for their step are left: when the next comes back, "Show now"
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
        # the deck picked on the overview (ui/deck_selection.py): every step of a session is within it
        self.deck = deck_selection(window)
        self.deck.changed.connect(self._deck_changed)
        self.scope: StudyScope = self._base_scope()  # a custom study session's scope (custom_study_dialog)
        self.undo_entries: list[int | CardAction] = []  # this session's answers (log ids) and actions, newest last
        self._reveal_after_load = False
        self.editor: CardEditor | None = None
        self.wait_timer = QTimer(self)
        self.wait_timer.setSingleShot(True)
        self.wait_timer.timeout.connect(self._wait_over)
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
        self.deck_label = QLabel("")  # the deck being studied (picked on the overview)
        self.deck_label.setObjectName("deck-badge")
        top.addWidget(self.deck_label)
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
        self.flag_label = QLabel("")
        self.flag_label.setObjectName("flag-badge")
        top.addWidget(self.reason_label)
        top.addWidget(self.flag_label)
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
        self.demo_button = self._button(self.tr("Demo (D)"), self.open_demo, "demo-button")
        self.demo_button.setToolTip(self.tr("Open this card's live demo with its preset"))
        self.demo_button.setMinimumHeight(46)
        bottom.addWidget(self.demo_button)
        self.answer_bar = QStackedWidget()
        self.reveal_button = self._button(self.tr("Show answer  (Space)"), self.reveal, "reveal-button")
        self.reveal_button.setMinimumHeight(46)
        self.grade_row = QWidget()
        self.grade_layout = QHBoxLayout(self.grade_row)
        self.grade_layout.setContentsMargins(0, 0, 0, 0)
        self.done_button = self._button(self.tr("Back to overview  (Esc)"),
                                        lambda: self.window_.show_screen("overview"),
                                        "reveal-button")
        self.done_button.setMinimumHeight(46)
        self.end_row = QWidget()  # under the summary or the waiting page
        end_layout = QHBoxLayout(self.end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        self.show_now_button = self._button(self.tr("Show now  (Space)"), self.show_now, "reveal-button")
        self.custom_button = self._button(self.tr("Custom study…  (C)"), self.custom_study, "reveal-button")
        for b in (self.show_now_button, self.custom_button, self.done_button):
            b.setMinimumHeight(46)
            end_layout.addWidget(b, 1)
        for w in (self.reveal_button, self.grade_row, self.end_row):
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
        # Tab reaches it (keyboard users), a click does not take the focus: the keys stay with the screen
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    def _build_grade_buttons(self) -> None:
        grades = SIX_BUTTONS if self.ctx.settings.grading == "six" else FOUR_BUTTONS
        if grades == self._grades:
            return
        self._grades = grades
        while self.grade_layout.count():
            item = self.grade_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.grade_buttons = {}
        for key, (grade, label, name) in enumerate(grades, start=0 if len(grades) == 6 else 1):
            label = QCoreApplication.translate("Grades", label)
            b = self._button(label, partial(self.grade, grade), name)
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
        elif self.phase in (Phase.SUMMARY, Phase.REDRILL_WAIT):  # look again: a new session starts if cards wait
            scope = self.scope
            self._load(lambda: self.ctx.services.study.step(self.ctx.now(), scope=scope), Phase.RESTARTING)

    def screen_closing(self) -> None:
        self.math.wait(5000)  # formulas being written finish before the window goes

    def start_session(self) -> None:
        self.session = SessionLog.new()
        self.undo_entries = []
        self.scope = scope = self._base_scope()
        self._show_deck()
        self._load(lambda: self.ctx.services.study.step(self.ctx.now(), scope=scope))

    def _base_scope(self) -> StudyScope:
        """Today's queue of the picked deck (and its sub-decks)."""
        return TODAYS_QUEUE.in_deck(self.deck.name)

    def _show_deck(self) -> None:
        self.deck_label.setText(self.deck.label())

    def _deck_changed(self, _name: object) -> None:
        """Another deck was picked: the next time the screen is shown, a session of that deck starts."""
        self._show_deck()
        if not self.busy:
            self.phase = Phase.IDLE
            self.step = None

    def screen_hidden(self) -> None:
        if self.scope != self._base_scope() and self.phase in (Phase.SUMMARY, Phase.REDRILL_WAIT):
            self.scope = self._base_scope()  # a custom session ends when its cards are done and the screen is left

    # ----- actions -----------------------------------------------------------------------
    def _load(self, fn: Callable[[], StudyStep], phase: Phase = Phase.LOADING) -> None:
        self._start_op(phase)
        self.ctx.ops.run(fn, on_done=self._show_step, on_error=self._op_failed)

    def reveal(self) -> None:
        if self.phase is not Phase.QUESTION or self.step is None or self.step.card is None:
            return
        self.phase = Phase.ANSWER
        self.card_view.show_card(self.step.card, True, self.ctx.languages(), self._order(self.step))
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
        study, scope, answering = self.ctx.services.study, self.scope, self.step
        commit = partial(self.ctx.ops.run, lambda: study.answer_and_next(card_id, grade, now, duration, scope),
                         on_done=self._show_step, on_error=lambda exc: self._answer_failed(answering, exc),
                         origin=self)
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
        if self.busy or not self.undo_entries:
            self.window_.status(self.tr("Nothing to undo in this session"))
            return
        last, scope, now = self.undo_entries[-1], self.scope, self.ctx.now()
        services = self.ctx.services
        self._start_op(Phase.COMMITTING)
        if isinstance(last, CardAction):
            def undo_action() -> ActionDone:
                services.actions.restore(last)
                return ActionDone(last, True, services.study.step(now, card_id=last.card_id, scope=scope))

            self.ctx.ops.run(undo_action, on_done=self._action_done, on_error=self._op_failed, origin=self)
            return
        self.ctx.ops.run(lambda: services.study.undo_and_show(last, now, scope),
                         on_done=self._show_step, on_error=self._op_failed, origin=self)

    # ----- review-screen actions (Anki's) ----------------------------------------------------
    @property
    def _card_id(self) -> str | None:
        if self.phase not in (Phase.QUESTION, Phase.ANSWER) or self.step is None or self.step.card is None:
            return None
        return self.step.card.id

    def suspend_card(self) -> None:
        self._act(lambda card_id: self.ctx.services.actions.suspend(card_id), move_on=True)

    def bury_card(self) -> None:
        now = self.ctx.now()
        self._act(lambda card_id: self.ctx.services.actions.bury(card_id, now), move_on=True)

    def flag_card(self, flag: int) -> None:
        self._act(lambda card_id: self.ctx.services.actions.set_flag(card_id, flag), move_on=False)

    def _act(self, fn: Callable[[str], CardAction], move_on: bool) -> None:
        card_id = self._card_id
        if card_id is None:
            return
        study, scope, now = self.ctx.services.study, self.scope, self.ctx.now()

        def run() -> ActionDone:
            action = fn(card_id)
            return ActionDone(action, False, study.step(now, avoid=card_id, scope=scope) if move_on else None)

        self._start_op(Phase.COMMITTING)
        self.ctx.ops.run(run, on_done=self._action_done, on_error=self._op_failed, origin=self)

    def _action_done(self, done: ActionDone) -> None:
        self.phase = self._resume
        if done.undone:
            if self.undo_entries and self.undo_entries[-1] == done.action:
                self.undo_entries.pop()
            self.window_.status(self.tr("Undid: {action}").format(action=describe_action(done.action)), 3000)
        else:
            self.undo_entries.append(done.action)
            self.window_.status(describe_action(done.action) + "   " + self.tr("(Ctrl+Z: undo)"), 4000)
        if done.step is not None:
            self._display(done.step)
        elif self.step is not None:  # a flag: the same card, side and all
            self.step = replace(self.step, flag=done.action.after.flag)
            self._show_flag(self.step.flag)

    def edit_card(self) -> None:
        card_id = self._card_id
        if card_id is None:
            return
        self._reveal_after_load = self.phase is Phase.ANSWER
        self.ctx.ops.run(lambda: self.ctx.services.editing.load_for_edit(card_id), on_done=self._open_editor,
                         on_error=self._read_failed)

    def _open_editor(self, editable: EditableCard) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        editor = CardEditor(editable.table, parent=self)
        card_id, editing = editable.card_id, self.ctx.services.editing

        def saved(_outcome: object) -> None:
            editor.accept()
            self.window_.status(self.tr("Saved {card}").format(card=card_id), 3000)
            if self._card_id == card_id:
                self._load(lambda: self.ctx.services.study.step(self.ctx.now(), card_id=card_id, scope=self.scope))
            else:
                self._reveal_after_load = False

        def failed(exc: BaseException) -> None:
            editor.show_problems(exc.problems if isinstance(exc, CardInvalid) else [describe_error(exc)])

        editor.submitted.connect(lambda table: self.ctx.ops.run(
            lambda: editing.edit_card(card_id, table, self.ctx.now()), on_done=saved, on_error=failed, origin=self))
        editor.rejected.connect(lambda: setattr(self, "_reveal_after_load", False))
        self.editor = editor
        editor.open()

    def card_info(self) -> None:
        card_id = self._card_id
        if card_id is None:
            return
        today = self.step.today if self.step is not None else None
        self.ctx.ops.run(lambda: self.ctx.services.cards.detail(card_id),
                         on_done=lambda detail: self._open_info(detail, today), on_error=self._read_failed)

    def _open_info(self, detail: CardDetail, today: int | None) -> None:
        dialog = CardInfoDialog(detail, today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info_dialog = dialog
        dialog.open()

    # ----- waiting re-drills and custom study ----------------------------------------------------
    def show_now(self) -> None:
        """Show the waiting re-drill before its step is over (Anki's learn-ahead on request)."""
        if self.phase is not Phase.REDRILL_WAIT or self.step is None or self.step.waiting is None:
            return
        card_id, scope = self.step.waiting[0], self.scope
        self._load(lambda: self.ctx.services.study.step(self.ctx.now(), card_id=card_id, scope=scope))

    def _wait_over(self) -> None:
        if self.phase is Phase.REDRILL_WAIT:
            scope = self.scope
            self._load(lambda: self.ctx.services.study.step(self.ctx.now(), scope=scope))

    def custom_study(self) -> None:
        if self.phase not in (Phase.SUMMARY, Phase.REDRILL_WAIT):
            return
        deck = self.deck.name
        self.ctx.ops.run(lambda: self.ctx.services.custom.options(self.ctx.now(), deck), on_done=self._open_custom,
                         on_error=self._read_failed)

    def _open_custom(self, options: CustomStudyOptions) -> None:
        dialog = CustomStudyDialog(options, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.custom_dialog = dialog
        dialog.accepted.connect(lambda: self.start_custom(dialog.choice()))
        dialog.open()

    def _load_after_failed_again(self, count: int) -> None:
        self.phase = self._resume
        self.window_.status(self.tr("%n failed card(s) back in today's re-drill", "", count), 4000)
        scope = self.scope
        self._load(lambda: self.ctx.services.study.step(self.ctx.now(), scope=scope))

    def start_custom(self, choice: StudyScope | str | None) -> None:
        """Start a custom session: a scope over the queue, or today's failed cards back in the drill."""
        if choice is None:
            return
        self.session = SessionLog.new()
        now = self.ctx.now()
        services = self.ctx.services
        if choice == "failed":
            self.scope = self._base_scope()
            self._start_op(Phase.LOADING)
            deck = self.deck.name
            self.ctx.ops.run(lambda: services.custom.drill_failed_again(now, deck),
                             on_done=lambda again: self._load_after_failed_again(again.count),
                             on_error=self._op_failed, origin=self)
            return
        assert isinstance(choice, StudyScope)
        self.scope = scope = choice.in_deck(self.deck.name)  # a custom session stays in the picked deck
        self._load(lambda: services.study.step(now, scope=scope))

    def open_demo(self) -> None:
        card = self.step.card if self.step else None
        if card is None or card.demo is None or card.demo.id not in available_demos():
            return
        self.window_.open_demo(card.demo.id, card.demo.params, source=card.id)

    # ----- showing -----------------------------------------------------------------------
    def _op_failed(self, exc: BaseException) -> None:
        was_ahead = self.phase in (Phase.AHEAD, Phase.AHEAD_UNDO)
        self.phase = self._resume
        self.window_.status(self.tr("Could not save or load: {error}").format(error=describe_error(exc)), 10000)
        if was_ahead:  # the card shown ahead of the commit may be wrong: load what is true
            self.phase = Phase.QUESTION
            scope = self.scope
            self._load(lambda: self.ctx.services.study.step(self.ctx.now(), scope=scope))

    def _answer_failed(self, answering: StudyStep, exc: BaseException) -> None:
        """An answer could not be committed. When the server went away (a shared collection) the
        answer was not written at all (its transaction never committed): the card goes back on
        screen, answer side up, so the user grades it again once the server is back; nothing
        of the session moves on."""
        if not server_unreachable(exc) or answering.card is None:
            self._op_failed(exc)
            return
        self._display(answering)
        self.reveal()
        self.window_.status(self.tr("The answer to {card} was not saved ({error}): grade it again when the server "
                                    "is back").format(card=answering.card.id, error=describe_error(exc)), 0)

    def _read_failed(self, exc: BaseException) -> None:
        """A read that changes no phase (card info, the editor's table, custom study's counts) failed."""
        self._reveal_after_load = False
        self.window_.status(self.tr("Could not load: {error}").format(error=describe_error(exc)), 10000)

    def _show_step(self, step: StudyStep) -> None:
        """A step from the op thread: record what it did, then show it (unless it is already shown)."""
        was, self.phase = self.phase, self._resume
        if step.answered is not None:
            a = step.answered
            self.session.add(a.log_id, a.grade, a.kind, self._last_duration_ms)
            self.undo_entries.append(a.log_id)
            self.window_.status(f"{a.card_id}: " + (
                self.tr("again later today") if a.back_today
                else self.tr("next in {interval}").format(interval=format_days(a.after.interval))), 2500)
        if step.undone is not None and self.session and self.session.log_ids[-1] == step.undone.log_id:
            self.session.pop()
            if self.undo_entries and self.undo_entries[-1] == step.undone.log_id:
                self.undo_entries.pop()
            self.window_.status(self.tr("Undid the answer to {card}").format(card=step.undone.card_id), 2500)
        if was is Phase.RESTARTING and step.card is not None and self._resume is Phase.SUMMARY:
            self.session = SessionLog.new()
            self.undo_entries = []
        already_shown = (was in (Phase.AHEAD, Phase.AHEAD_UNDO) and step.card is not None and self.step is not None
                         and self.step.card is not None and self.step.card.id == step.card.id)
        if already_shown:
            self.step = step  # the committed truth: counts, intervals and the next look-ahead
            self.phase = Phase.QUESTION
            self._update_counts(step)
            self._update_grade_labels()
        else:
            self._display(step)
            if self._reveal_after_load and step.card is not None:  # back from the editor on the answer side
                self.reveal()
        self._reveal_after_load = False
        if was is Phase.AHEAD_UNDO:
            self.undo()

    def _update_counts(self, step: StudyStep) -> None:
        done, left = len(self.session), step.remaining
        self.progress.setMaximum(max(1, done + left))
        self.progress.setValue(done)
        self.progress_label.setText(f"{done} / {done + left}")
        c = step.counts
        new, review, redrill = (self.tr("New {count}").format(count=c.get("new", 0)),
                                self.tr("Review {count}").format(count=c.get("review", 0)),
                                self.tr("Re-drill {count}").format(count=c.get("redrill", 0)))
        self.counts_label.setText(f"<span style='color:#2f6fde'>{new}</span> · "
                                  f"<span style='color:#1a7f4b'>{review}</span> · "
                                  f"<span style='color:#b42318'>{redrill}</span>")

    def _display(self, step: StudyStep, ahead: bool = False) -> None:
        """Show a step's card, question side. `ahead`: the look-ahead card, shown before the
        answer that precedes it is committed."""
        self.step = step
        self.wait_timer.stop()
        if not ahead:
            self._update_counts(step)
        if step.card is None:
            self._show_flag(0)
            if step.waiting is not None:
                self.phase = Phase.REDRILL_WAIT
                self._show_waiting(step.waiting)
            else:
                self.phase = Phase.SUMMARY
                self._show_summary()
            return
        self.phase = Phase.AHEAD if ahead else Phase.QUESTION
        self.pages.setCurrentIndex(0)
        self._set_badge(self.tr(_KINDS[step.kind]) if step.kind in _KINDS else "")
        self._show_flag(step.flag)
        self.card_view.show_card(step.card, False, self.ctx.languages(), self._order(step))
        self.answer_bar.setCurrentWidget(self.reveal_button)
        has_demo = step.card.demo is not None and step.card.demo.id in available_demos()
        self.demo_button.setVisible(step.card.demo is not None)
        self.demo_button.setEnabled(has_demo)
        if step.card.demo is not None and not has_demo:
            self.demo_button.setToolTip(self.tr("Demo '{demo}' is not in this build yet").format(
                demo=step.card.demo.id))
        self.hint_label.setText(self.tr("Space: show answer") + ("   ·   " + self.tr("D: demo") if has_demo else ""))
        self._update_grade_labels()
        self._prefetch_answer_math(step)
        self._shown_at = time.monotonic()
        self.card_shown.emit(step.card.id)

    @staticmethod
    def _order(step: StudyStep) -> tuple[int, ...]:
        card = step.card
        return study_choice_order(card.id, len(card.choices)) if card is not None and card.kind == "mcq" else ()

    def _show_flag(self, flag: int) -> None:
        if flag in FLAGS:
            self.flag_label.setText(f"<span style='color:{FLAGS[flag][1]}'>⚑ {flag_words(flag)}</span>")
            self.flag_label.setToolTip(self.tr("Flag (Alt+1…4 sets, the same again removes it)"))
        else:
            self.flag_label.setText("")
        self.flag_label.setVisible(flag in FLAGS)

    def _show_waiting(self, waiting: tuple[str, datetime]) -> None:
        """Only re-drills waiting for their step are left: say when the next comes back."""
        card_id, until = waiting
        now = self.ctx.now()
        self._set_badge("")
        self._show_flag(0)
        self.demo_button.setVisible(False)
        self.show_now_button.setVisible(True)
        self.answer_bar.setCurrentWidget(self.end_row)
        self.hint_label.setText(self.tr("Space: show now   ·   C: custom study   ·   Esc: overview"))
        self.pages.setCurrentIndex(1)
        self.card_view.clear_card()
        left = self.step.counts.get("redrill", 0) if self.step is not None else 0
        heading = self.tr("Re-drill in {wait}").format(wait=format_wait(until, now))
        body = self.tr("%n missed card(s) still to drill today. The next comes back at {time}, after a pause, so "
                       "the second try tests recall rather than short-term memory.", "", left).format(
            time=f"<b>{until.astimezone(now.tzinfo):%H:%M}</b>")
        self.summary_view.setHtml(f"<h2>{heading}</h2><p>{body}</p>"
                                  "<p>" + self.tr("Show now (Space) brings it back at once.") + "</p>")
        self.wait_timer.start(max(0, int((until - now).total_seconds() * 1000)) + 200)

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
            tip = self.tr("Grade {grade}: due in {when}").format(grade=grade, when=when.strip(" ↻") or "-")
            if again:
                tip += self.tr("; comes back later today until you grade it Good or better")
            button.setToolTip(tip)

    def _grade_hint(self) -> str:
        keys = "0–5" if len(self.grade_buttons) == 6 else "1–4"
        return self.tr("{keys}: grade   ·   ↻ comes back later today   ·   Ctrl+Z: undo").format(keys=keys)

    def _set_badge(self, text: str) -> None:
        """The card's kind as a badge; hidden when there is none (an empty badge drew as a bare pill)."""
        self.reason_label.setText(text)
        self.reason_label.setVisible(bool(text))

    def _show_summary(self) -> None:
        self._set_badge("")
        self._show_flag(0)
        self.demo_button.setVisible(False)
        self.show_now_button.setVisible(False)
        self.answer_bar.setCurrentWidget(self.end_row)
        self.hint_label.setText(self.tr("C: custom study (more new cards, one section, failed cards)   ·   "
                                        "Esc: overview"))
        self.pages.setCurrentIndex(1)
        self.card_view.clear_card()
        self.summary_view.setHtml(self.summary_html())
        if self.session:
            self.session_finished.emit()

    def summary_html(self) -> str:
        s = self.session
        if not s:
            return ("<h2>" + self.tr("Nothing to study right now") + "</h2><p>"
                    + self.tr("No cards are due and today's new cards are done. Come back tomorrow, or open a demo "
                              "from the gallery.") + "</p>")
        grading = self.ctx.settings.grading
        minutes = (time.monotonic() - s.started) / 60
        passed = sum(1 for g in s.grades if g >= PASSING_GRADE)
        studied = sum(1 for k in s.kinds if k != "redrill")
        w = words()
        studied_line = self.tr("{cards} studied, {redrills}, {answers} in {minutes} min.").format(
            cards=f"<b>{w.cards(studied)}</b>", redrills=f"<b>{w.redrills(len(s) - studied)}</b>",
            answers=f"<b>{w.answers(len(s))}</b>", minutes=f"{minutes:.1f}")
        recalled_line = self.tr("Recalled ({meaning}): {percent} of answers. Grades — {grades}.").format(
            meaning=recalled_words(grading), percent=f"<b>{100 * passed / len(s):.0f}%</b>",
            grades=grade_counts(s.grades, grading))
        kinds_line = self.tr("New: {new} · Review: {review} · Re-drill: {redrill}").format(
            new=s.kinds.count("new"), review=s.kinds.count("review"), redrill=s.kinds.count("redrill"))
        return ("<h2>" + self.tr("Session complete") + f"</h2><p>{studied_line}</p><p>{recalled_line}</p>"
                f"<p>{kinds_line}</p>"
                "<p>" + self.tr("Well done. Esc returns to the overview; Ctrl+Z takes back the last answer.") + "</p>")

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.origin is self:
            return
        if changes.touches("settings"):
            self._build_grade_buttons()
            if self.step is not None and self.step.card is not None:
                self.card_view.show_card(self.step.card, self.is_revealed, self.ctx.languages(), self._order(self.step))
                self.hint_label.setText(self._grade_hint() if self.is_revealed else self.hint_label.text())
        # another client's change waits until the card on screen is answered: never yank it
        between_cards = (Phase.IDLE, Phase.SUMMARY, Phase.REDRILL_WAIT) if from_other_clients(changes) \
            else (Phase.IDLE, Phase.QUESTION, Phase.SUMMARY, Phase.REDRILL_WAIT)
        if changes.touches("content", "review", "schedule") and self.window_.current_key == "study" \
                and self.phase in between_cards:
            # another screen changed the cards or the schedule: reload the current step
            current = self.step.card.id if self.step and self.step.card else None
            scope = self.scope
            self._load(lambda: self.ctx.services.study.step(self.ctx.now(), card_id=current, scope=scope))

    # ----- keys ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.phase is Phase.REDRILL_WAIT:
            self.show_now()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.is_revealed:
            self.reveal()
        elif mods == Qt.KeyboardModifier.AltModifier and key in FLAG_KEYS:
            self.flag_card(FLAG_KEYS[Qt.Key(key)])
        elif text == "@" and plain:
            self.suspend_card()
        elif text == "-" and plain:
            self.bury_card()
        elif key == Qt.Key.Key_E and mods == Qt.KeyboardModifier.NoModifier:
            self.edit_card()
        elif key == Qt.Key.Key_I and mods == Qt.KeyboardModifier.NoModifier:
            self.card_info()
        elif key == Qt.Key.Key_C and mods == Qt.KeyboardModifier.NoModifier:
            self.custom_study()
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
    translate = QCoreApplication.translate
    window.add_screen("study", screen, translate("StudyView", "Study"), menu="View", shortcut="Ctrl+2")
    undo: QAction = window.add_action("Study", translate("StudyView", "&Undo last answer"),
                                      lambda: _undo(window, screen), shortcut="Ctrl+Z", group="Study")
    undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.add_action("Study", translate("StudyView", "&Study now"), lambda: window.show_screen("study"),
                      shortcut="Ctrl+Return", group="Study")
    window.register_shortcuts("Study", [
        (translate("StudyView", "Space / Enter"), translate("StudyView", "Show the answer")),
        ("1 / 2 / 3 / 4", translate("StudyView", "Again / Hard / Good / Easy")),
        ("0 – 5", translate("StudyView", "Grade 0–5 (six-grade mode)")),
        ("D", translate("StudyView", "Open the card's demo")),
        ("↑ ↓ PgUp PgDn", translate("StudyView", "Scroll a long answer")),
        ("Esc", translate("StudyView", "Back to the overview")),
        ("E", translate("StudyView", "Edit the card")), ("@", translate("StudyView", "Suspend the card")),
        ("-", translate("StudyView", "Bury the card until tomorrow")),
        ("Alt+1 … Alt+4", translate("StudyView", "Flag red / orange / green / blue (again: remove)")),
        ("I", translate("StudyView", "Card info and history")),
        (translate("StudyView", "Space (re-drill waiting)"), translate("StudyView", "Show the waiting re-drill now")),
        ("C", translate("StudyView", "Custom study once today's cards are done"))])


def _undo(window: MainWindow, screen: StudyScreen) -> None:
    screen.undo()  # queued first, so showing the screen does not start a new session meanwhile
    if window.current_key != "study":
        window.show_screen("study")
