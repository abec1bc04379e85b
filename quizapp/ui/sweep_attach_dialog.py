"""Attach to a running Optuna study (`quizapp sweep run/worker`) and plot it live.

The study is polled on its own one-thread pool (docs/architecture.md § Threads: like the demo
worker, a GeneratorWorker over `services.sweeps.watch`, aborted between two polls); each
snapshot is drawn there too (plots/sweep_figure.py, Agg), so the GUI thread only paints the
image. A storage or study that cannot be read is one line in the dialog, never a crash.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from quizapp.services import sweeps
from quizapp.ui.ops import GeneratorWorker, describe_error
from quizapp.ui.plot_view import PlotView

POLL_S = 1.0  # how often the storage is read: a trial of these demos takes a second or more


class SweepAttachDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, collection: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweep-attach")
        self.setWindowTitle(self.tr("Attach to a running study"))
        self.collection = collection
        self.snapshots = 0  # snapshots shown (for tests and the status line)
        self.last_snapshot: sweeps.StudySnapshot | None = None
        self._worker: GeneratorWorker | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        form = QFormLayout()
        self.storage_edit = QLineEdit()
        self.storage_edit.setPlaceholderText(self.tr("default: sweeps.journal in the data folder"))
        self.storage_edit.setToolTip(self.tr("An RDB URL (sqlite:///sweeps.db, postgresql+psycopg://…) or a "
                                             "journal file, as given to quizapp sweep run --storage"))
        self.study_box = QComboBox()
        self.study_box.setEditable(True)
        self.list_button = QPushButton(self.tr("List studies"))
        self.list_button.clicked.connect(self.list_studies)
        row = QHBoxLayout()
        row.addWidget(self.study_box, 1)
        row.addWidget(self.list_button)
        form.addRow(self.tr("Storage:"), self.storage_edit)
        form.addRow(self.tr("Study:"), row)
        buttons = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Attach"))
        self.attach_button.clicked.connect(self.attach)
        self.detach_button = QPushButton(self.tr("Detach"))
        self.detach_button.clicked.connect(self.detach)
        self.detach_button.setEnabled(False)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.detach_button)
        self.plot = PlotView()
        self.status = QLabel("")
        self.status.setObjectName("sweep-status")
        self.status.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addLayout(buttons)
        outer.addWidget(self.plot, 1)
        outer.addWidget(self.status)
        self.resize(900, 620)

    def _spec(self) -> sweeps.StorageSpec | None:
        try:
            return sweeps.parse_storage(self.storage_edit.text().strip() or None, collection=self.collection)
        except sweeps.SweepError as exc:
            self.status.setText(str(exc))
            return None

    def _start(self, factory: Callable[[Callable[[], bool]], Iterator[Any]], on_item: Callable[[Any], None]) -> None:
        self.detach()
        worker = GeneratorWorker(factory, self._pool)
        worker.yielded.connect(on_item)
        worker.errored.connect(self._failed)
        self._worker = worker
        worker.start()

    def list_studies(self) -> None:
        spec = self._spec()
        if spec is None:
            return

        def names(_aborted: Callable[[], bool]) -> Iterator[list[str]]:
            yield sweeps.list_studies(spec)

        self._start(names, self._show_names)

    def _show_names(self, names: list[str]) -> None:
        current = self.study_box.currentText()
        self.study_box.clear()
        self.study_box.addItems(names)
        if current in names:
            self.study_box.setCurrentText(current)
        self.status.setText(self.tr("%n study(ies) in this storage", "", len(names)))

    def attach(self) -> None:
        spec, name = self._spec(), self.study_box.currentText().strip()
        if spec is None:
            return
        if not name:
            self.status.setText(self.tr("Give the study's name (or list the studies first)."))
            return
        size = self.plot.size()
        width, height, dpr = size.width(), size.height(), self.plot.devicePixelRatioF()

        def frames(is_aborted: Callable[[], bool]) -> Iterator[tuple[sweeps.StudySnapshot, QImage]]:
            from quizapp.plots.sweep_figure import render_study_rgba

            for snap in sweeps.watch(spec, name, POLL_S, is_aborted):
                rgba, w, h = render_study_rgba(snap, width, height, dpr)
                image = QImage(rgba, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
                image.setDevicePixelRatio(dpr)
                yield snap, image

        self.status.setText(self.tr("Reading study %1…").replace("%1", name))
        self._start(frames, self._show_snapshot)
        self.detach_button.setEnabled(True)

    def _show_snapshot(self, item: tuple[sweeps.StudySnapshot, QImage]) -> None:
        snap, image = item
        self.last_snapshot = snap
        self.snapshots += 1
        self.plot.set_image(image)
        running = snap.states.count("running")
        self.status.setText(self.tr("%1: %2 of %3 finished, %4 running, %5 worker(s) seen")
                            .replace("%1", f"{snap.name} ({snap.demo})").replace("%2", str(snap.finished))
                            .replace("%3", str(snap.planned)).replace("%4", str(running))
                            .replace("%5", str(snap.workers)))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(describe_error(exc))
        self.detach_button.setEnabled(False)

    def detach(self) -> None:
        if self._worker is not None:
            self._worker.abort()
            self._worker = None
        self.detach_button.setEnabled(False)

    def done(self, result: int) -> None:  # closing by any means stops the polling
        self.detach()
        super().done(result)
