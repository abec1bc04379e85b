"""The statistics screen: headline numbers and the charts of quizapp/plots/stats_figures.py.

The numbers come from services.stats.StatsService.collection as an op (the same ones `quizapp stats
--json` prints); the charts are drawn off the GUI thread on the screen's own render thread,
at the width of the view, and shown as an image in a scroll area. matplotlib is imported only
when the screen first draws, so installing the screen costs nothing at start-up; until the first
image arrives the placeholder says what it waits for.

A theme switch must not leave light charts on a dark window while they redraw: the image of
the other theme is drawn in the background once the shown one is done, so a switch swaps it in
at once; without it, the stale image is taken down at once and the placeholder shown.

The "FSRS" page (docs/fsrs.md § Evidence, § Forecast) shows SM-2 against FSRS on the person's
own log, each card's predicted recall today, the reviews per day ahead and the
retention-vs-workload curve (plots/fsrs_figures.py). They take a second or more at 10k cards,
so they are computed only when the page is shown: the log is read as an op (quick), the
evidence and the forecast are computed on the screen's own compute thread (so answers given
meanwhile do not wait behind them), with a "computing" note meanwhile, and drawn on the render
thread like the other charts.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QStackedWidget, QVBoxLayout, QWidget)

from quizapp.services.stats import HISTORY_WINDOWS
from quizapp.ui.deck_selection import deck_selection
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges, OpRunner, describe_error
from quizapp.ui.words import words

if TYPE_CHECKING:
    from quizapp.domain.stats import Stats
    from quizapp.services.fsrs_service import OutlookInput

RESIZE_SETTLE_MS = 150


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def render_image(stats: "Stats", width: int, lang: str, theme: str, dpr: float,
                 grading: str = "four") -> QImage:
    """On the render thread: the charts as a QImage that owns its pixels."""
    from quizapp.plots.stats_figures import render_rgba

    rgba, w, h = render_rgba(stats, width, lang, theme, dpr, grading)
    image = QImage(rgba, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(dpr)
    return image


def render_fsrs_image(outlook: dict[str, object], width: int, height: int, lang: str, theme: str,
                      dpr: float) -> QImage:
    """On the render thread: the FSRS charts as a QImage that owns its pixels."""
    from quizapp.plots.fsrs_figures import render_fsrs_rgba

    rgba, w, h = render_fsrs_rgba(outlook, width, lang, theme, dpr, height)
    image = QImage(rgba, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(dpr)
    return image


class StatsScreen(QWidget):
    loaded = Signal(object)  # Stats
    drawn = Signal()
    error_shown = Signal(str)
    fsrs_drawn = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("stats-screen")
        self.window_ = window
        self.ctx = window.ctx
        self.days = HISTORY_WINDOWS[0]
        self.stats: Stats | None = None
        self.image: QImage | None = None
        self._images: dict[tuple[object, ...], QImage] = {}  # drawn images of the current stats, by look
        self._wanted: tuple[object, ...] | None = None  # the look the screen shows or waits for
        self._shown_look: tuple[object, ...] = ()  # the look of the image on screen
        self._drawing: set[tuple[int, tuple[object, ...]]] = set()  # (stats id, look) on the render thread
        self._render_ops = OpRunner(self)  # drawing never waits behind (or delays) database ops
        self._compute_ops = OpRunner(self)  # FSRS's evidence and forecast: seconds, off the op thread
        self._dirty = True  # the data changed since the last load
        self._active = False
        self.fsrs_outlook: dict[str, object] | None = None  # FsrsService.outlook(...).to_dict()
        self._fsrs_dirty = True
        self._fsrs_computing = False
        self._fsrs_wanted: tuple[object, ...] | None = None
        self._settle = QTimer(self, singleShot=True, interval=RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self.redraw)
        self._build()
        self.ctx.ops.changed.connect(self._on_changes)
        if self.ctx.theme is not None:
            self.ctx.theme.changed.connect(lambda _name: self.redraw())


    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 10)
        head = QHBoxLayout()
        title = QLabel(self.tr("Statistics  ·  统计"))
        title.setObjectName("title")
        head.addWidget(title)
        self.selection = deck_selection(self.window_)  # the deck picked on the overview (and its sub-decks)
        self.selection.changed.connect(self._deck_picked)
        self.deck_label = QLabel("")
        self.deck_label.setObjectName("deck-badge")
        head.addSpacing(18)  # the badge is a separate piece of information, not part of the title
        head.addWidget(self.deck_label)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("History:")))
        self.window_buttons = QButtonGroup(self)
        for days in HISTORY_WINDOWS:
            button = QPushButton(words().days(days))
            button.setCheckable(True)
            button.setChecked(days == self.days)
            button.clicked.connect(lambda _checked=False, d=days: self.set_days(d))
            self.window_buttons.addButton(button, days)
            head.addWidget(button)
        head.addSpacing(16)
        self.page_buttons = QButtonGroup(self)
        for page, caption in enumerate((self.tr("Activity"), self.tr("FSRS"))):
            button = QPushButton(caption)
            button.setCheckable(True)
            button.setChecked(page == 0)
            button.setToolTip(self.tr("Your answers and cards") if page == 0 else
                              self.tr("SM-2 against FSRS on your own answers, and FSRS's forecast"))
            button.clicked.connect(lambda _checked=False, p=page: self.show_page(p))
            self.page_buttons.addButton(button, page)
            head.addWidget(button)
        outer.addLayout(head)
        self.numbers = QGridLayout()
        self.number_labels: dict[str, QLabel] = {}
        for col, (key, caption) in enumerate((("cards", self.tr("Cards")), ("due", self.tr("Due today")),
                                              ("answers", self.tr("Answers")), ("time", self.tr("Time spent")),
                                              ("retention", self.tr("Retention")), ("streak", self.tr("Streak")))):
            value = QLabel("—")
            value.setObjectName("today")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(caption)
            label.setObjectName("hint")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.numbers.addWidget(value, 0, col)
            self.numbers.addWidget(label, 1, col)
            self.number_labels[key] = value
        outer.addLayout(self.numbers)
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # always on: the charts are drawn to the viewport's width, which must not change once shown
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.chart = QLabel(self.tr("Counting your answers…"))
        self.chart.setObjectName("stats-chart")
        self.chart.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.chart)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.scroll_area)
        self.pages.addWidget(self._build_fsrs_page())
        outer.addWidget(self.pages, 1)

    def _build_fsrs_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fsrs_note = QLabel("")
        self.fsrs_note.setObjectName("hint")
        self.fsrs_note.setWordWrap(True)
        layout.addWidget(self.fsrs_note)
        self.fsrs_scroll = QScrollArea()
        self.fsrs_scroll.setWidgetResizable(False)
        self.fsrs_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fsrs_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.fsrs_chart = QLabel("")
        self.fsrs_chart.setObjectName("stats-chart")
        self.fsrs_chart.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.fsrs_scroll.setWidget(self.fsrs_chart)
        layout.addWidget(self.fsrs_scroll, 1)
        return page

    # ----- screen hooks ------------------------------------------------------------------------
    def screen_shown(self) -> None:
        self._active = True
        if self._dirty or self.stats is None:
            self.refresh()
        if self.pages.currentIndex() == 1 and (self._fsrs_dirty or self.fsrs_outlook is None):
            self.refresh_fsrs()

    def screen_hidden(self) -> None:
        self._active = False

    @property
    def busy(self) -> bool:
        """Numbers or charts are still on their way."""
        return self.ctx.ops.busy or self._render_ops.busy or self._compute_ops.busy

    def screen_closing(self) -> None:
        self._compute_ops.wait_idle(30000)
        self._render_ops.wait_idle(10000)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.stats is not None or self.fsrs_outlook is not None:
            self._settle.start()

    # ----- loading and drawing -----------------------------------------------------------------
    def set_days(self, days: int) -> None:
        self.days = days
        button = self.window_buttons.button(days)
        if button is not None:
            button.setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        days, now, deck = self.days, self.ctx.now(), self.selection.name
        self.deck_label.setText(self.tr("Deck: {deck}").format(deck=self.selection.label()))
        self.ctx.ops.run(lambda: self.ctx.services.stats.collection(now, days=days, deck=deck), on_done=self._show,
                         on_error=self._failed)

    def _deck_picked(self, _name: object) -> None:
        """Another deck was picked on the overview: its statistics, now or when the screen is shown."""
        if self._active:
            self.refresh()
        else:
            self._dirty = True

    def _failed(self, exc: BaseException) -> None:
        message = self.tr("Could not compute the statistics: {error}").format(error=describe_error(exc))
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self._say(self.tr("No statistics to show."))
        self.error_shown.emit(message)

    def _show(self, stats: "Stats") -> None:
        self.stats = stats
        self._images.clear()
        self.error_label.setVisible(False)
        c = stats.cards
        minutes = stats.minutes
        self.number_labels["cards"].setText(f"<b>{c['total']:,}</b>")
        self.number_labels["due"].setText(f"<b>{c['due_today']:,}</b>")
        self.number_labels["answers"].setText(self.tr("{answers} in {days} d").format(
            answers=f"<b>{stats.answers:,}</b>", days=stats.days))
        self.number_labels["time"].setText(
            "<b>" + (self.tr("{hours} h").format(hours=f"{minutes / 60:.1f}") if minutes >= 90
                     else self.tr("{minutes} min").format(minutes=f"{minutes:.0f}")) + "</b>")
        r = stats.retention
        self.number_labels["retention"].setText(
            self.tr("{all} (young {young}, mature {mature})").format(
                all=f"<b>{_pct(r['all'])}</b>", young=_pct(r["young"]), mature=_pct(r["mature"])))
        self.number_labels["streak"].setText(f"<b>{words().days(stats.streak)}</b>")
        self.loaded.emit(stats)
        self.redraw()

    def _chart_width(self) -> int:
        return max(480, self.scroll_area.viewport().width() - 4)

    def _look(self, theme: str | None = None) -> tuple[object, ...]:
        """What an image depends on besides the numbers: width, language, theme, pixel ratio, grading."""
        theme = theme or (self.ctx.theme.effective if self.ctx.theme is not None else "light")
        # the charts' words follow the interface language in Chinese, the card language otherwise
        lang = "zh" if self.ctx.interface_language == "zh" else self.ctx.settings.language
        return (self._chart_width(), lang, theme, self.devicePixelRatioF(),
                self.ctx.settings.grading)

    def redraw(self) -> None:
        if self.pages.currentIndex() == 1:
            self.redraw_fsrs()
        stats = self.stats
        if stats is None:
            return
        look = self._look()
        self._wanted = look
        cached = self._images.get(look)
        if cached is not None:  # drawn ahead (the other theme): shown at once
            self._put(cached)
            return
        if self.image is not None and self._shown_look[2:3] != look[2:3]:
            self._take_down(self.tr("Redrawing the charts for the dark theme…") if look[2] == "dark"
                            else self.tr("Redrawing the charts for the light theme…"))
        elif self.image is None:
            first = "matplotlib" not in sys.modules  # the first draw also loads the plotting library
            self._say(self.tr("Loading matplotlib, then drawing the charts…") if first
                      else self.tr("Drawing the charts…"))
        self._render(stats, look)

    def _take_down(self, words: str) -> None:
        """No image of the wrong theme stays up while the right one is drawn."""
        self.image = None
        self.chart.clear()
        self._say(words)

    def _say(self, words: str) -> None:
        """Words in place of the charts (the scroll area does not resize its widget by itself)."""
        self.chart.setText(words)
        self.chart.resize(self.scroll_area.viewport().width(), self.chart.sizeHint().height() + 40)

    def _render(self, stats: "Stats", look: tuple[object, ...]) -> None:
        if (id(stats), look) in self._drawing:
            return  # already on the render thread (drawn ahead); _drawn shows it when it is wanted
        self._drawing.add((id(stats), look))
        width, lang, theme, dpr, grading = look
        self._render_ops.run(lambda: render_image(stats, width, lang, theme, dpr, grading),  # type: ignore[arg-type]
                             on_done=lambda image: self._drawn(stats, look, image), on_error=self._failed)

    def _drawn(self, stats: "Stats", look: tuple[object, ...], image: QImage) -> None:
        self._drawing.discard((id(stats), look))
        if stats is not self.stats:
            return  # newer numbers are on their way
        self._images = {k: v for k, v in self._images.items() if k[0] == look[0]}  # only the current width
        self._images[look] = image
        if look == self._wanted:
            self._put(image)
            other = self._look("dark" if look[2] == "light" else "light")
            if other not in self._images:
                self._render(stats, other)  # a theme switch will then swap images at once

    def _put(self, image: QImage) -> None:
        self.image = image
        self._shown_look = self._wanted or ()
        self.chart.setPixmap(QPixmap.fromImage(image))
        self.chart.resize(image.deviceIndependentSize().toSize())
        self.drawn.emit()

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.touches("review", "content", "schedule", "settings"):
            self._dirty = True
            self._fsrs_dirty = True
            if self._active:
                self.refresh()
                if self.pages.currentIndex() == 1:
                    self.refresh_fsrs()

    # ----- the FSRS page -----------------------------------------------------------------------
    def show_page(self, page: int) -> None:
        """0: the activity charts; 1: FSRS's evidence and forecast (computed when first shown)."""
        self.pages.setCurrentIndex(page)
        button = self.page_buttons.button(page)
        if button is not None:
            button.setChecked(True)
        if page == 1 and (self._fsrs_dirty or self.fsrs_outlook is None):
            self.refresh_fsrs()
        elif page == 1:
            self.redraw_fsrs()  # the width or the theme may have changed meanwhile

    def refresh_fsrs(self) -> None:
        if self._fsrs_computing:
            self._fsrs_dirty = True  # once more when this one is back
            return
        self._fsrs_dirty = False
        self._fsrs_computing = True
        self.fsrs_note.setText(self.tr("Computing SM-2 against FSRS on your answers and FSRS's forecast "
                                       "(a few seconds on a large collection)…"))
        if self.fsrs_outlook is None:
            self._fsrs_say(self.tr("Computing…"))
        now = self.ctx.now()
        fsrs = self.ctx.services.fsrs

        def compute(data: OutlookInput) -> None:  # the log is read (op thread): the seconds of work go elsewhere
            self._compute_ops.run(lambda: data.compute(now).to_dict(), on_done=self._fsrs_loaded,
                                  on_error=self._fsrs_failed)

        self.ctx.ops.run(fsrs.read_outlook, on_done=compute, on_error=self._fsrs_failed)

    def _fsrs_loaded(self, outlook: dict[str, object]) -> None:
        self._fsrs_computing = False
        self.fsrs_outlook = outlook
        evidence = outlook["evidence"]
        assert isinstance(evidence, dict)
        test_from = str(evidence.get("test_from") or "")[:10]
        note = str(evidence.get("note", ""))
        self.fsrs_note.setText(self.tr("Each model predicts your answers from {0} on, after replaying every answer "
                                       "before them. {1}.").format(test_from or "—", note[:1].upper() + note[1:]))
        self.redraw_fsrs()
        if self._fsrs_dirty and self.pages.currentIndex() == 1:
            self.refresh_fsrs()

    def _fsrs_failed(self, exc: BaseException) -> None:
        self._fsrs_computing = False
        message = self.tr("Could not compute the FSRS evidence: {0}").format(describe_error(exc))
        self.fsrs_note.setText(message)
        self._fsrs_say(self.tr("Nothing to show."))
        self.error_shown.emit(message)

    def _fsrs_say(self, words: str) -> None:
        self.fsrs_chart.setText(words)
        self.fsrs_chart.resize(self.fsrs_scroll.viewport().width(), self.fsrs_chart.sizeHint().height() + 40)

    def redraw_fsrs(self) -> None:
        outlook = self.fsrs_outlook
        if outlook is None:
            return
        theme = self.ctx.theme.effective if self.ctx.theme is not None else "light"
        # the four panels fill the page: all of them in view at 1280x720
        viewport = self.fsrs_scroll.viewport()
        look: tuple[int, int, str, str, float] = (max(480, viewport.width() - 4), viewport.height() - 4,
                                                  self.ctx.settings.language, theme, self.devicePixelRatioF())
        self._fsrs_wanted = look
        width, height, lang, _, dpr = look
        self._render_ops.run(lambda: render_fsrs_image(outlook, width, height, lang, theme, dpr),
                             on_done=lambda image: self._fsrs_put(outlook, look, image), on_error=self._fsrs_failed)

    def _fsrs_put(self, outlook: dict[str, object], look: tuple[object, ...], image: QImage) -> None:
        if outlook is not self.fsrs_outlook or look != self._fsrs_wanted:
            return  # newer numbers or another look are on their way
        self.fsrs_chart.setPixmap(QPixmap.fromImage(image))
        self.fsrs_chart.resize(image.deviceIndependentSize().toSize())
        self.fsrs_drawn.emit()


def install(window: MainWindow) -> None:
    window.add_screen("stats", StatsScreen(window), QCoreApplication.translate("StatsView", "Statistics"), menu="View",
                      shortcut="Ctrl+5")
