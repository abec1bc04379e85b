"""Tools → Optimize FSRS…: fit FSRS's parameters to the person's answers, show the change, save
it on confirmation (docs/fsrs.md § Fitting).

The fit is `FsrsService.fit` (the same as `quizapp fsrs optimize`), run as an op on the op
thread (docs/architecture.md § Threads): it reads the review log there. fsrs-rs has no progress
callback of its own (it fits 10k answers in a fraction of a second), so progress goes by stages
(reading the log, building the items, fitting, scoring), reported from the op thread through a
queued signal; Cancel stops the fit at the next stage and nothing is stored. Saving goes through
`ctx.update_settings` (the settings' own validation), as the settings dialog does.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from quizapp.services.fsrs_fit import OPTIMIZER_DEFAULTS, STAGES, Fit, FitCancelled
from quizapp.ui.deck_selection import deck_selection
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import describe_error


class FsrsOptimizeDialog(QDialog):
    progressed = Signal(int, int, str)  # stage, stages, what happens (emitted on the op thread)
    finished_fit = Signal(object)  # the Fit, once shown
    saved = Signal(object)  # the stored parameters
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("fsrs-optimize-dialog")
        self.setWindowTitle(self.tr("Optimize FSRS"))
        self.ctx = window.ctx
        # the deck picked on the overview (its own parameters, inherited by its sub-decks), or
        # None: the whole log and the collection's parameters
        self.deck: str | None = deck_selection(window).name
        self.current: list[float] = list(self.ctx.settings.fsrs_parameters) or list(OPTIMIZER_DEFAULTS)
        self.fit: Fit | None = None
        self.running = False
        self._cancel = threading.Event()
        self.progressed.connect(self._on_progress)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Fits FSRS's 21 parameters to your scheduled answers with the optimizer Anki uses. "
                               "Quiz and mock-interview answers are not used: the scheduler did not plan them. "
                               "Nothing changes until you save."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.scope_label = QLabel(
            self.tr("Deck: {deck} (its answers and its sub-decks'; saved as its own parameters)").format(
                deck=self.deck) if self.deck is not None
            else self.tr("All decks: every scheduled answer; saved as the collection's parameters"))
        self.scope_label.setObjectName("fsrs-optimize-scope")
        self.scope_label.setWordWrap(True)
        layout.addWidget(self.scope_label)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, len(STAGES))
        self.progress.setValue(0)
        self.stage_label = QLabel(self.tr("Ready."))
        row.addWidget(self.progress, 1)
        row.addWidget(self.stage_label, 1)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("hint")
        layout.addWidget(self.message)
        self.table = QTableWidget(len(OPTIMIZER_DEFAULTS), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Current"), self.tr("Fitted"), self.tr("Change")])
        self.table.setVerticalHeaderLabels([f"w{i}" for i in range(len(OPTIMIZER_DEFAULTS))])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("Optimize"))
        self.save_button = QPushButton(self.tr("Save parameters"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button.setEnabled(False)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(buttons)
        self._show_current(self.current)
        if self.deck is not None:  # the deck's own (or inherited) parameters, read as an op
            deck, fsrs = self.deck, self.ctx.services.fsrs
            self.ctx.ops.run(lambda: fsrs.current_parameters(deck), on_done=self._show_current,
                             on_error=lambda _exc: None)  # the collection's stay shown
        self.resize(620, 660)

    def _show_current(self, parameters: list[float]) -> None:
        self.current = list(parameters) or list(OPTIMIZER_DEFAULTS)
        for i, value in enumerate(self.current):
            self._cell(i, 0, f"{value:.4f}")

    def _cell(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, column, item)

    # ----- running ---------------------------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.fit = None
        self._cancel.clear()
        self.start_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.message.setText("")
        self.progress.setValue(0)
        self.stage_label.setText(self.tr("Waiting for the database…"))
        fsrs, deck = self.ctx.services.fsrs, self.deck
        self.ctx.ops.run(lambda: fsrs.fit(progress=self._report, deck=deck), on_done=self._done,
                         on_error=self._failed)

    def _report(self, stage: int, stages: int, text: str) -> None:
        """On the op thread, between two stages of the fit."""
        if self._cancel.is_set():
            raise FitCancelled()
        self.progressed.emit(stage, stages, text)

    def _on_progress(self, stage: int, stages: int, text: str) -> None:
        self.progress.setValue(stage)
        self.stage_label.setText(self.tr("Step {0} of {1}: {2}").format(stage + 1, stages, text))

    def cancel(self) -> None:
        """During a fit: stop it at the next stage. Otherwise: close without saving."""
        if self.running:
            self._cancel.set()
            self.stage_label.setText(self.tr("Cancelling…"))
        else:
            self.reject()

    def _done(self, fit: Fit) -> None:
        self.running = False
        self.fit = fit
        self.start_button.setEnabled(True)
        self.progress.setValue(len(STAGES))
        if fit.parameters is None or fit.before is None or fit.after is None:
            self.stage_label.setText(self.tr("Not fitted."))
            self.message.setText(fit.message)
            self.finished_fit.emit(fit)
            return
        self.stage_label.setText(self.tr("Done."))
        for i, (old, new) in enumerate(zip(self.current, fit.parameters)):
            self._cell(i, 1, f"{new:.4f}")
            self._cell(i, 2, f"{new - old:+.4f}")
        change = fit.after.log_loss - fit.before.log_loss
        self.message.setText(self.tr("{0}. On the same answers, log loss {1:.4f} → {2:.4f} ({3:+.4f}), "
                                     "RMSE(bins) {4:.4f} → {5:.4f}; lower is better.").format(
            fit.message[:1].upper() + fit.message[1:], fit.before.log_loss, fit.after.log_loss, change,
            fit.before.rmse_bins, fit.after.rmse_bins))
        self.save_button.setEnabled(True)
        self.finished_fit.emit(fit)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.start_button.setEnabled(True)
        self.progress.setValue(0)
        if isinstance(exc, FitCancelled):
            self.stage_label.setText(self.tr("Cancelled; nothing was changed."))
            self.cancelled.emit()
            return
        message = self.tr("Could not fit FSRS: {0}").format(describe_error(exc))
        self.stage_label.setText(self.tr("Failed."))
        self.message.setText(message)
        self.failed.emit(message)

    def save(self) -> None:
        fit = self.fit
        if fit is None or fit.parameters is None:
            return
        parameters = list(fit.parameters)
        self.save_button.setEnabled(False)

        def stored(_settings: object) -> None:
            self.saved.emit(parameters)
            self.accept()

        def refused(exc: BaseException) -> None:
            message = self.tr("Could not save the parameters: {0}").format(describe_error(exc))
            self.message.setText(message)
            self.save_button.setEnabled(True)
            self.failed.emit(message)

        if self.deck is None:
            self.ctx.update_settings({"fsrs_parameters": parameters}, origin=self, on_done=stored, on_error=refused)
        else:  # the deck's own option (services/fsrs_service.py: save_parameters)
            deck, fsrs = self.deck, self.ctx.services.fsrs
            self.ctx.ops.run(lambda: fsrs.save_parameters(parameters, deck), on_done=stored, on_error=refused)

    def reject(self) -> None:
        if self.running:  # Escape or the window's close button during a fit: cancel it first
            self.cancel()
            return
        super().reject()


def open_optimize(window: MainWindow) -> FsrsOptimizeDialog:
    dialog = FsrsOptimizeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.start()
    return dialog


def install(window: MainWindow) -> None:
    window.add_action("Tools", QCoreApplication.translate("FsrsOptimizeDialog", "&Optimize FSRS…"),
                      lambda: open_optimize(window))

