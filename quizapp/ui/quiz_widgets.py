"""Pieces the quiz and mock-interview screens share: their skeleton (`QuestionScreen`: three
pages, a run of questions, a timer, theme, errors), the section picker, the question header,
inline Markdown with rendered math for labels, a clickable multiple-choice row, the
demo-availability check."""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QFontInfo, QGuiApplication, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (QCheckBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget)

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import Card
from quizapp.domain.sm2 import PASSING_GRADE, Button
from quizapp.services.quiz import QuizRun
from quizapp.ui import rich_text
from quizapp.ui.card_view import CardView
from quizapp.ui.context import languages_of
from quizapp.ui.main_window import MainWindow
from quizapp.ui.math_render import MathImage, MathKey, MathRenderer
from quizapp.ui.ops import OpChanges, OpRunner, describe_error
from quizapp.ui.translation import current_language
from quizapp.ui.words import words

GOOD = "#1a7f4b"
BAD = "#b42318"
LABEL_PX = 15
KEY_PX = 16  # the option's key number, level with the option's text
SELF_GRADES = ((0, "Blackout"), (1, "Wrong"), (2, "Almost"), (3, "Hard"), (4, "Good"), (5, "Perfect"))
BUTTONS = tuple((int(b), b.name.capitalize()) for b in Button)  # keys 1-4: Again, Hard, Good, Easy


def connect_demo(window: MainWindow, signal: SignalInstance) -> None:
    """Open a miss's demo preset in the window's demo panel (when this build has one)."""
    signal.connect(lambda demo_id, params: window.open_demo(demo_id, params))


class InlineMath:
    """Card Markdown for QLabels, formulas as cached images; missing ones are requested from
    the renderer (whose `rendered` signal tells the owner to build its labels again)."""

    def __init__(self, renderer: MathRenderer, widget: QWidget) -> None:
        self.renderer = renderer
        self._widget = widget

    def html(self, text: str, size_px: int | None = None, block: bool = False) -> str:
        return self.html_missing(text, size_px, block)[0]

    def html_missing(self, text: str, size_px: int | None = None, block: bool = False) -> tuple[str, bool]:
        """The HTML, and whether some formula in it is shown as source until it is rendered.
        Formulas are drawn at `size_px`, by default the widget's text size (never larger)."""
        if size_px is None:
            size_px = QFontInfo(self._widget.font()).pixelSize() or LABEL_PX
        colour = self._widget.palette().color(QPalette.ColorRole.Text).name()
        screen = self._widget.screen() or QGuiApplication.primaryScreen()
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
        missing: list[MathKey] = []

        def formula(tex: str) -> str:
            key = MathKey(tex, size_px, colour, dpr)
            image = self.renderer.cache.lookup(key)
            if isinstance(image, MathImage):
                return (f'<img src="{image.path.as_uri()}" width="{image.width:.0f}" '
                        f'height="{image.height:.0f}" style="vertical-align: middle">')
            if image is None:
                missing.append(key)
            return rich_text.plain_math(tex)

        out = rich_text.to_html(text, formula) if block else rich_text.inline(text, formula)
        if missing:
            self.renderer.request(missing)
        return out, bool(missing)


class MathLabels:
    """Rich-text labels built from card text with formulas. When formulas arrive only the labels
    still showing some formula's source are built again: rebuilding a whole results page on every
    rendered batch starved the render thread (a page of 131 misses took minutes to settle)."""

    def __init__(self) -> None:
        self._items: list[tuple[QLabel, Callable[[], tuple[str, bool]], list[bool]]] = []

    def add(self, label: QLabel, build: Callable[[], tuple[str, bool]]) -> QLabel:
        html, waiting = build()
        label.setText(html)
        self._items.append((label, build, [waiting]))
        return label

    def clear(self) -> None:
        self._items.clear()

    def refresh(self) -> None:
        for label, build, waiting in self._items:
            if waiting[0]:
                html, waiting[0] = build()
                label.setText(html)


class SectionPicker(QWidget):
    """Check boxes for sections 7.1–7.7, each with how many cards it has to offer."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(4)
        self.boxes: dict[str, QCheckBox] = {}
        self.titles: dict[str, tuple[str, str]] = {}
        self.set_sections([(section, zh, en) for section, (zh, en) in SECTIONS.items()])

    def set_sections(self, sections: Sequence[tuple[str, str, str]]) -> None:
        """The boxes for these sections (id, Chinese title, English title): the picked deck's."""
        if [(sid, *self.titles.get(sid, ("", ""))) for sid in self.boxes] == list(sections):
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes, self.titles = {}, {sid: (zh, en) for sid, zh, en in sections}
        for row, (section, zh, en) in enumerate(sections):
            box = QCheckBox(f"{section}  {en} · {zh}")
            box.setChecked(True)
            box.toggled.connect(lambda _on: self.changed.emit())
            self.grid.addWidget(box, row, 0, 1, 2)
            self.boxes[section] = box
        all_button, none_button = QPushButton(self.tr("All")), QPushButton(self.tr("None"))
        all_button.clicked.connect(lambda: self.set_selected(self.titles))
        none_button.clicked.connect(lambda: self.set_selected(()))
        self.grid.addWidget(all_button, len(sections), 0)
        self.grid.addWidget(none_button, len(sections), 1)

    def set_counts(self, counts: Mapping[str, int], noun: str = "card") -> None:
        for section, box in self.boxes.items():
            n = counts.get(section, 0)
            zh, en = self.titles[section]
            counted = words().questions(n) if noun == "question" else words().cards(n)
            box.setText(f"{section}  {en} · {zh}   ({counted})")
            box.setEnabled(n > 0)

    def selected(self) -> tuple[str, ...]:
        return tuple(s for s, box in self.boxes.items() if box.isChecked() and box.isEnabled())

    def set_selected(self, sections: Sequence[str] | Mapping[str, object]) -> None:
        for section, box in self.boxes.items():
            box.setChecked(section in sections)


def screen_button(text: str, slot: Callable[[], object], name: str = "") -> QPushButton:
    """A button a click does not focus (the keys stay with the screen); Tab still reaches it."""
    b = QPushButton(text)
    b.setObjectName(name)
    b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    b.clicked.connect(lambda _checked=False: slot())
    return b


class SelfGradeRow(QWidget):
    """The self-grade buttons of the grading setting, each calling `grade(sm2 grade)`: four
    (keys 1-4: Again, Hard, Good, Easy) or SuperMemo's six (keys 0-5)."""

    def __init__(self, grade: Callable[[int], object], grading: str = "four", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grade = grade
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        self.grading = ""
        self.set_grading(grading)

    def set_grading(self, grading: str) -> None:
        if grading == self.grading:
            return
        self.grading = grading
        for b in self.buttons:
            self._row.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        for key, (value, label) in self.keyed().items():
            name = "grade-again" if value < PASSING_GRADE else "grade-good"
            b = screen_button(f"{key}  {QCoreApplication.translate('Grades', label)}", partial(self._grade, value),
                              name)
            b.setMinimumHeight(42)
            self._row.addWidget(b, 1)
            self.buttons.append(b)

    def keyed(self) -> dict[int, tuple[int, str]]:
        """Key number -> (SM-2 grade, its word) in the current grading."""
        if self.grading == "six":
            return {n: (n, label) for n, label in SELF_GRADES}
        return {k: grade for k, grade in enumerate(BUTTONS, start=1)}

    def grade_for_key(self, text: str) -> int | None:
        """The SM-2 grade a key press gives, or None for a key that grades nothing."""
        pair = self.keyed().get(int(text)) if text.isdigit() and len(text) == 1 else None
        return None if pair is None else pair[0]

    def hint(self) -> str:
        if self.grading == "six":
            return self.tr("0–2: missed · 3–5: recalled (3 hard, 4 good, 5 perfect)")
        return self.tr("1 Again: missed · 2 Hard, 3 Good, 4 Easy: recalled")


class QuestionHeader(QWidget):
    """The top of a question page: a badge (question n of N · section · …), a clock label on the
    right (each screen writes its own time into it) and a thin progress bar below."""

    def __init__(self, clock_name: str, clock_tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.badge = QLabel("")
        self.badge.setObjectName("reason-badge")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)  # it names the card's section
        self.clock = QLabel("")
        self.clock.setObjectName(clock_name)
        self.clock.setToolTip(clock_tip)
        top.addWidget(self.badge)  # a badge: as wide as its text
        top.addStretch(1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # the badge says "Question 3 of 10"; text on the bar crossed its fill
        self.progress.setMaximumHeight(10)
        layout.addWidget(self.progress)

    def show_question(self, index: int, total: int, section: str, *more: str) -> None:
        """'Question 3 of 10 · 7.2 <section title> · <more…>', and the bar at `index` of `total`."""
        self.progress.setMaximum(total)
        self.progress.setValue(index)
        zh, en = SECTIONS.get(section, ("", ""))
        title = zh if current_language() == "zh" else en
        self.badge.setText("  ·  ".join((self.tr("Question {number} of {total}").format(number=index + 1, total=total),
                                         f"{section} {title}", *more)))


class PanelSwitch(QWidget):
    """Shows one of its panels at a time. Unlike QStackedWidget, whose size hint is the largest
    page's, its size is the shown panel's: a tall choice panel shown once does not leave every
    later Q&A or cloze question with a giant button and a squeezed card."""

    def __init__(self, *panels: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.panels = list(panels)
        for panel in panels:
            layout.addWidget(panel)
        self.setCurrentIndex(0)

    def setCurrentWidget(self, panel: QWidget) -> None:
        for p in self.panels:
            p.setVisible(p is panel)
        self.updateGeometry()

    def setCurrentIndex(self, index: int) -> None:
        self.setCurrentWidget(self.panels[index])

    def currentWidget(self) -> QWidget:
        return next((p for p in self.panels if not p.isHidden()), self.panels[0])

    def currentIndex(self) -> int:
        return self.panels.index(self.currentWidget())


class FittingScroll(QScrollArea):
    """A scroll area that asks for the height its content needs at its width (word-wrapped
    labels included) but can shrink to `min_px`: long options never push the window taller."""

    def __init__(self, content: QWidget, min_px: int = 60, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._min_px = min_px
        content.installEventFilter(self)  # rows added, explanations shown: ask for the new height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        content = self.widget()
        assert content is not None  # set in __init__, never taken back
        width = max(self.viewport().width(), 200)
        height = content.heightForWidth(width) if content.hasHeightForWidth() else -1
        if height < 0:
            height = content.sizeHint().height()
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), min(self._min_px, self.sizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # wrapped text needs another height at another width


class ChoiceRow(QFrame):
    """One multiple-choice option: its key number and its text (with math); click to choose.
    `index` is its place on screen (key index + 1), `choice` the card's choice it shows."""

    clicked = Signal(int)

    def __init__(self, index: int, html: str, choice: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.choice = index if choice is None else choice
        self.setObjectName("choice-row")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.key = QLabel(f"<b style='font-size:{KEY_PX}px'>{index + 1}</b>")
        self.key.setFixedWidth(22)
        self.key.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.text = QLabel(html)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.why = QLabel("")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.why.hide()
        column.addWidget(self.text)
        column.addWidget(self.why)
        layout.addWidget(self.key)
        layout.addLayout(column, 1)
        self._enabled = True

    def set_choosable(self, on: bool) -> None:
        self._enabled = on
        self.setCursor(Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.ArrowCursor)

    def mark(self, correct: bool, chosen: bool, why_html: str) -> None:
        """After the answer: green for the right option, red for a wrong choice, and why."""
        colour = GOOD if correct else BAD if chosen else ""
        sign = "✓" if correct else "✗" if chosen else ""
        # no colour for a plain number: Qt's rich text has no 'inherit' (it drew black on dark)
        style = f"font-size:{KEY_PX}px" + (f"; color:{colour}" if colour else "")
        self.key.setText(f"<b style='{style}'>{sign or self.index + 1}</b>")
        if colour:
            self.setStyleSheet(f"QFrame#choice-row {{ border: 2px solid {colour}; border-radius: 6px; }}")
        self.why.setText(f"<span style='color:{colour or 'gray'}'>{why_html}</span>")
        self.why.show()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._enabled and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.index)
        super().mousePressEvent(event)


def follow_theme(window: MainWindow, screen: QuestionScreen) -> None:
    """Draw the screen's formulas in the theme's text colour, now and after every switch."""
    theme = window.ctx.theme
    if theme is not None:
        screen.set_dark(theme.dark)
        theme.changed.connect(lambda name: screen.set_dark(name == "dark"))


class QuestionScreen(QWidget):
    """The skeleton of the quiz and mock-interview screens: a setup page, a question page and a
    results page; a run of questions asked one by one with a ticking timer; a busy flag while an
    op is on the op thread; theme, focus, errors. A screen builds its pages (`_build_setup`,
    `_build_question`, `_build_results`, each setting `setup_error`, `card_view`, `header` and
    `hint_label` as it goes) and fills in the hooks below."""

    overview_loaded = Signal()
    error_shown = Signal(str)

    SETUP, QUESTION, RESULTS = range(3)

    def __init__(self, name: str, ops: OpRunner, math: MathRenderer, clock: Callable[[], datetime],
                 language: Callable[[], str], tick_ms: int, grading: Callable[[], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.ops, self.math, self.clock, self.language = ops, math, clock, language
        self.grading: Callable[[], str] = grading or (lambda: "four")  # the setting: "four" | "six"
        self.inline = InlineMath(math, self)
        self.run: QuizRun | None = None
        self.index = 0
        self.busy = False
        self._shown_at = 0.0  # time.monotonic() when the question on screen appeared
        self.setup_error = QLabel("")
        self.setup_error.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote deck text
        self.setup_error.setObjectName("error")
        self.setup_error.setStyleSheet(f"color: {BAD};")
        self.setup_error.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._tick)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_question())
        self.pages.addWidget(self._build_results())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.addWidget(self.pages)
        ops.changed.connect(self._on_changes)
        # Batches of formulas arrive one after another: build the labels once for a burst of them.
        self._math_timer = QTimer(self)
        self._math_timer.setSingleShot(True)
        self._math_timer.setInterval(30)
        self._math_timer.timeout.connect(self._math_arrived)
        math.rendered.connect(self._math_timer.start)

    # ----- what each screen provides ---------------------------------------------------------------
    card_view: CardView
    hint_label: QLabel
    grade_row: SelfGradeRow

    def _build_setup(self) -> QWidget:
        raise NotImplementedError

    def _build_question(self) -> QWidget:
        raise NotImplementedError

    def _build_results(self) -> QWidget:
        raise NotImplementedError

    def refresh(self) -> None:
        """Load what the setup page shows."""
        raise NotImplementedError

    def _show_item(self) -> None:
        """Put question `index` of `run` on screen."""
        raise NotImplementedError

    def _tick(self) -> None:
        """The timer fired: update the clock."""

    def _on_changes(self, changes: OpChanges) -> None:
        """Another screen changed the collection."""

    def _math_arrived(self) -> None:
        """Formulas arrived: build the labels still showing a formula's source again."""

    def _restyle(self) -> None:
        """The theme changed: build every label holding math again (formulas take its colour)."""
        self._math_arrived()

    def _question_error(self, message: str) -> None:
        """Show an error on the question or results page."""
        self.hint_label.setText(f"<span style='color:{BAD}'>{html.escape(message)}</span>")

    # ----- shared behaviour ----------------------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        """Follow the theme: rendered formulas are drawn in the text colour."""
        self.card_view.set_dark(dark)
        self._restyle()

    def screen_shown(self) -> None:
        self.setFocus()
        if self.pages.currentIndex() == self.SETUP:
            self.refresh()

    def show_setup(self) -> None:
        self.pages.setCurrentIndex(self.SETUP)
        self.setFocus()
        self.refresh()

    def _setup_error(self, message: str) -> None:
        self.setup_error.setText(message)
        self.error_shown.emit(message)

    @property
    def current_card(self) -> Card | None:
        return self.run.items[self.index].card if self.run and self.index < len(self.run.items) else None

    def _langs(self) -> tuple[str, ...]:
        return languages_of(self.language())

    def begin(self, run: QuizRun) -> None:
        """A run was started: ask its first question."""
        self.busy = False
        self.run, self.index = run, 0
        self.pages.setCurrentIndex(self.QUESTION)
        self.grade_row.set_grading(self.grading())
        self._show_item()

    def _failed(self, exc: BaseException) -> None:
        """An op failed: one line on the page it came from, never a raised error."""
        self.busy = False
        message = describe_error(exc)
        if self.pages.currentIndex() == self.SETUP:
            self.setup_error.setText(message)
        else:
            self._question_error(message)
        self.error_shown.emit(message)
