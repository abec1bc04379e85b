"""Scheduled reviews: a daily reminder at the chosen time with the number of cards due.

With a system tray (QSystemTrayIcon.isSystemTrayAvailable()) the app shows an icon whose menu
lists the due count with Study and Quit, and the reminder is a tray message; clicking the icon
or the message opens the study screen. Without one, the reminder is a banner across the top of
the window with a Study button. The rules (when, what it says) are services/reminders.py; the
day it was last shown is kept in QSettings, so it comes once a day even across restarts.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSystemTrayIcon, QToolBar, QWidget

from quizapp.services.reminders import DueCount, due_count, reminder_due
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges
from quizapp.ui.words import words

CHECK_MS = 30_000  # how often the clock is compared with the reminder time
RECOUNT_AFTER_MS = 1_500  # the due count is read again once answers pause this long
_LAST_SHOWN_KEY = "reminder/last_shown"


def app_icon(size: int = 64) -> QIcon:
    """The app's icon, drawn (a blue card with a white Q) so no image file is needed."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2f6fde"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(size * 0.06, size * 0.06, size * 0.88, size * 0.88), size * 0.18, size * 0.18)
    painter.setPen(QColor("#ffffff"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "Q")
    painter.end()
    return QIcon(pixmap)


def due_message(count: DueCount) -> str:
    """DueCount.message in the interface language: '3 cards waiting: 2 due, 1 new'."""
    if not count.total:
        return QCoreApplication.translate("Reminder", "Nothing due — all done for today")
    parts = [text.format(n=n) for n, text in (
        (count.review, QCoreApplication.translate("Reminder", "{n} due")),
        (count.redrill, QCoreApplication.translate("Reminder", "{n} to re-drill")),
        (count.new, QCoreApplication.translate("Reminder", "{n} new"))) if n]
    return QCoreApplication.translate("Reminder", "{cards} waiting: {parts}").format(
        cards=words().cards(count.total), parts=QCoreApplication.translate("Reminder", ", ").join(parts))


class ReminderBanner(QToolBar):
    """The in-window reminder where there is no system tray."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reminder"))
        self.setObjectName("reminder-banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not listed in the toolbars' context menu
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(12, 4, 12, 4)
        self.label = QLabel("")
        self.label.setObjectName("reminder-text")
        self.study_button = QPushButton(self.tr("Study now"))
        self.dismiss_button = QPushButton(self.tr("Later"))
        row.addWidget(self.label, 1)
        row.addWidget(self.study_button)
        row.addWidget(self.dismiss_button)
        self.addWidget(box)
        self.dismiss_button.clicked.connect(self.hide)
        self.setStyleSheet("QToolBar#reminder-banner { background: palette(highlight); border: none; }"
                           "QLabel#reminder-text { color: palette(highlighted-text); font-weight: 600; }")
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(self.tr("Time to review — {what}").format(what=text))
        self.show()


class ReminderController(QObject):
    """Fires the daily reminder and keeps the tray menu's due count current."""

    reminded = Signal(str)  # the message shown (tray or banner)
    count_changed = Signal(object)  # DueCount

    def __init__(self, window: MainWindow, use_tray: bool) -> None:
        super().__init__(window)
        self.window_ = window
        self.ctx = window.ctx
        self.count: DueCount | None = None
        self.tray: QSystemTrayIcon | None = None
        self.banner: ReminderBanner | None = None
        self._checking = False
        if use_tray:
            self._build_tray()
        else:
            self.banner = ReminderBanner(window)
            window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
            self.banner.study_button.clicked.connect(self.open_study)
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        # After answers (or other changes of the schedule) the count is read once they pause, so
        # the tooltip never says "20 cards waiting" after the last card, and no count op queues
        # behind each grade while the user studies.
        self._recount = QTimer(self, singleShot=True, interval=RECOUNT_AFTER_MS)
        self._recount.timeout.connect(self.refresh_count)
        self.ctx.ops.changed.connect(self._on_changes)
        # The first check is one interval after start: a reminder missed while the app was
        # closed comes half a minute after launch, not in the middle of it.

    def _build_tray(self) -> None:
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray.setToolTip(self.tr("quizapp"))
        self.menu = QMenu()
        self.count_action = QAction(self.tr("Cards due: …"), self.menu)
        self.count_action.setEnabled(False)
        self.menu.addAction(self.count_action)
        self.menu.addSeparator()
        self.study_action = self.menu.addAction(self.tr("Study"))
        self.study_action.triggered.connect(self.open_study)
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(self.window_.close)
        self.menu.aboutToShow.connect(self.refresh_count)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self.tray.messageClicked.connect(self.open_study)
        self.tray.show()
        self.refresh_count()

    # ----- state ---------------------------------------------------------------------------------
    def last_shown(self) -> date | None:
        value = self.ctx.qsettings.value(_LAST_SHOWN_KEY, "")
        try:
            return date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    def _mark_shown(self, day: date) -> None:
        self.ctx.qsettings.setValue(_LAST_SHOWN_KEY, day.isoformat())

    # ----- reminding ---------------------------------------------------------------------------
    def check(self) -> None:
        """Fire the reminder if it is due (at most once a day)."""
        now = self.ctx.now().astimezone()  # the reminder time is local wall-clock time
        if self._checking or not reminder_due(self.ctx.settings.reminder_time, now, self.last_shown()):
            return
        self._checking = True
        self.ctx.ops.run(lambda: due_count(self.ctx.services.study, self.ctx.now()),
                         on_done=lambda count: self._remind(count, now.date()),
                         on_error=lambda _exc: setattr(self, "_checking", False))

    def _remind(self, count: DueCount, day: date) -> None:
        self._checking = False
        self._mark_shown(day)
        self._set_count(count)
        if not count.total:
            return  # nothing to review: no reminder needed today
        text = due_message(count)
        if self.tray is not None:
            self.tray.showMessage(self.tr("quizapp — time to review"),
                                  self.tr("{what}. Click to study.").format(what=text),
                                  QSystemTrayIcon.MessageIcon.Information, 15_000)
        elif self.banner is not None:
            self.banner.show_message(text)
        self.reminded.emit(text)

    def refresh_count(self) -> None:
        self.ctx.ops.run(lambda: due_count(self.ctx.services.study, self.ctx.now()), on_done=self._set_count,
                         on_error=lambda _exc: None)

    def _set_count(self, count: DueCount) -> None:
        self.count = count
        if self.tray is not None:
            self.count_action.setText(self.tr("Cards due: {count}").format(count=count.total) if count.total
                                      else self.tr("Nothing due today"))
            self.tray.setToolTip(f"quizapp — {due_message(count)}")
        self.count_changed.emit(count)

    def open_study(self) -> None:
        window = self.window_
        window.showNormal()
        window.raise_()
        window.activateWindow()
        if window.has_screen("study"):
            window.show_screen("study")
        if self.banner is not None:
            self.banner.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_study()

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.touches("settings"):
            self.check()  # a new reminder time may be due already
        if self.count is not None and changes.touches("review", "content", "schedule", "settings"):
            self._recount.start()  # restarted by every answer: one count when they pause


def install(window: MainWindow, use_tray: bool | None = None) -> ReminderController:
    """Reminders through the tray where there is one (window.findChild(ReminderController))."""
    available = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
    return ReminderController(window, available)
