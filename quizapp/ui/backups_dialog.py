"""Tools → Backups: the list of backups, "Back up now", and restoring one (after confirming;
the current state is saved first). Also the automatic backups: `AutoBackup` counts the time the
app is in use and backs up, as an op, at most every 30 minutes of use and when the window
closes, each time only if something changed (services.backups.AutoBackupPolicy).
"""
from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from quizapp.services.backups import KEPT_LABEL_PREFIX, AutoBackupPolicy, BackupInfo
from quizapp.services.bundle import Restored
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges, describe_error

USE_TICK_MS = 60_000  # use is counted in minutes while the app is the active application


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


class AutoBackup(QObject):
    """Automatic backups for one window; it watches the window's close event."""

    backed_up = Signal(object)  # BackupInfo
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.ctx = window.ctx
        self.policy = AutoBackupPolicy()
        self._running = False
        self.timer = QTimer(self, interval=USE_TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.ctx.ops.changed.connect(self._on_changes)
        window.installEventFilter(self)

    def tick(self, seconds: float = USE_TICK_MS / 1000) -> None:
        if QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive:
            self.policy.record_use(seconds)
        if self.policy.due():
            self.run("auto")

    def run(self, label: str) -> None:
        """Queue a backup op (the window's close waits for queued ops, so 'close' completes)."""
        if self._running or not self.ctx.services.backups.available:
            return
        self._running = True
        keep = self.ctx.settings.backups_kept
        self.ctx.ops.run(lambda: self.ctx.services.backups.create(label, keep), on_done=self._done,
                         on_error=self._failed)

    def _done(self, info: BackupInfo) -> None:
        self._running = False
        self.policy.backed_up(info.created)
        self.backed_up.emit(info)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        message = self.tr("Automatic backup failed: {error}").format(error=describe_error(exc))
        self.window_.status(message, 15000)
        self.failed.emit(message)

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.changes:
            self.policy.record_change()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window_ and event.type() == QEvent.Type.Close and self.policy.due_on_close():
            self.run("close")
        return False


class BackupsDialog(QDialog):
    listed = Signal(list)  # list[BackupInfo]
    restored = Signal(object)  # RestoreResult
    error_shown = Signal(str)

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.ctx = window.ctx
        self.backups: list[BackupInfo] = []
        # Replaced by tests; the real ones ask the user.
        self.confirm: Callable[[str], bool] = self._ask
        self.choose_file: Callable[[], Path | None] = self._pick_file
        self.setWindowTitle(self.tr("Backups"))
        self.resize(680, 460)
        layout = QVBoxLayout(self)
        folder = self.ctx.services.backups.folder() if self.ctx.services.backups.available else None
        intro = QLabel(self.tr("quizapp backs up your collection automatically (at most every 30 minutes of use, "
                               "and on quit), keeping the newest {kept} (Tools → Settings).").format(
                                   kept=self.ctx.settings.backups_kept)
                       + ("<br>" + self.tr("Folder: {path}").format(path=f"<code>{html.escape(str(folder))}</code>")
                          if folder else ""))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore selected…"))
        self.file_button = QPushButton(self.tr("Restore from a file…"))
        close = QPushButton(self.tr("Close"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_file)
        close.clicked.connect(self.accept)
        for b in (self.backup_button, self.restore_button, self.file_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self._update_buttons()
        self.refresh()

    # ----- listing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.ops.run(lambda: self.ctx.services.backups.list(), on_done=self._show, on_error=self._error)

    def _show(self, found: list[BackupInfo]) -> None:
        self.backups = found
        self.table.setRowCount(len(found))
        for r, info in enumerate(found):
            made = info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            for c, text in enumerate((made, self._kind_words(info), _size(info.size))):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(r, c, item)
        if found:
            self.table.selectRow(0)
        self._update_buttons()
        self.listed.emit(found)

    def _kind_words(self, info: BackupInfo) -> str:
        """BackupInfo.description in the interface language."""
        kinds = {"auto": self.tr("automatic"), "close": self.tr("on close"), "manual": self.tr("made by you"),
                 "pre-restore": self.tr("before a restore")}
        if info.label in kinds:
            return kinds[info.label]
        if info.label.startswith(KEPT_LABEL_PREFIX):
            return self.tr("before upgrading the schema from {schema}").format(
                schema=info.label.removeprefix(KEPT_LABEL_PREFIX + "-"))
        return info.description

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _error(self, exc: BaseException) -> None:
        text = describe_error(exc)
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.error_shown.emit(text)

    # ----- actions -----------------------------------------------------------------------------
    def backup_now(self) -> None:
        self.error_label.setVisible(False)
        keep = self.ctx.settings.backups_kept
        self.ctx.ops.run(lambda: self.ctx.services.backups.create("manual", keep), on_done=self._backed_up,
                         on_error=self._error)

    def _backed_up(self, info: BackupInfo) -> None:
        self.message.setText(self.tr("Backed up to {file}").format(file=info.path.name))
        self.refresh()

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            info = self.backups[rows[0].row()]
            when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
            self.restore(info.path, self.tr("the backup from {when} ({kind})").format(
                when=when, kind=self._kind_words(info)))

    def restore_file(self) -> None:
        path = self.choose_file()
        if path is not None:
            self.restore(path, path.name)

    def restore(self, path: Path, what: str) -> None:
        if not self.confirm(self.tr("Replace your collection with {what}? Your current collection is backed up "
                                    "first, so you can go back to it from this list.").format(what=what)):
            return
        self.error_label.setVisible(False)
        keep = self.ctx.settings.backups_kept

        self.ctx.ops.run(lambda: self.ctx.services.backups.restore(path, keep), on_done=self._restored,
                         on_error=self._error, origin=self)

    def _restored(self, restored: Restored) -> None:
        result = restored.result
        self.ctx.settings = restored.settings  # the restored collection's settings
        text = (self.tr("Restored {file} (upgraded from schema {schema}). Your previous collection was saved as "
                        "{copy}.") if result.migrated_from else
                self.tr("Restored {file}. Your previous collection was saved as {copy}."))
        self.message.setText(text.format(file=result.restored.path.name, schema=result.migrated_from,
                                         copy=result.safety_copy.path.name))
        self.window_.status(self.tr("Backup restored"), 6000)
        self.restored.emit(result)
        self.refresh()

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Restore a backup"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _pick_file(self) -> Path | None:
        start = str(self.ctx.services.backups.folder()) if self.ctx.services.backups.available else ""
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup file"), start,
                                              self.tr("quizapp backups (*.db)"))
        return Path(name) if name else None


def open_backups(window: MainWindow) -> BackupsDialog:
    dialog = BackupsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install(window: MainWindow) -> AutoBackup:
    window.add_action("Tools", QCoreApplication.translate("BackupsDialog", "&Backups…"), lambda: open_backups(window))
    return AutoBackup(window)
