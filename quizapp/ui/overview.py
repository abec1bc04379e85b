"""The deck overview: today's new, due and re-drill cards per section (7.1–7.7), each section's
size and how much of it has been studied, and "Study now"."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.stats import SectionProgress
from quizapp.domain.studyday import day_to_date
from quizapp.services.study import Overview
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges, describe_error
from quizapp.ui.translation import QT_TRANSLATE_NOOP

COLUMNS = (QT_TRANSLATE_NOOP("OverviewScreen", "Section"), QT_TRANSLATE_NOOP("OverviewScreen", "Topic"),
           QT_TRANSLATE_NOOP("OverviewScreen", "New"), QT_TRANSLATE_NOOP("OverviewScreen", "Due"),
           QT_TRANSLATE_NOOP("OverviewScreen", "Re-drill"), QT_TRANSLATE_NOOP("OverviewScreen", "Cards"),
           QT_TRANSLATE_NOOP("OverviewScreen", "Studied"))
TODAY_COLUMNS = ((2, "new"), (3, "review"), (4, "redrill"))


class OverviewScreen(QWidget):
    loaded = Signal()
    progress_loaded = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("overview-screen")
        self.window_ = window
        self.ctx = window.ctx
        self.data: Overview | None = None
        self.progress: dict[str, SectionProgress] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel(self.tr("Network optimization and regularization  ·  网络优化与正则化"))
        title.setObjectName("title")
        subtitle = QLabel(self.tr("Chapter 7 of <i>Neural Networks and Deep Learning</i> — interview flashcards "
                          "scheduled with SM-2, each concept linked to a live PyTorch demo."))
        subtitle.setObjectName("subtitle")
        subtitle.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)

        row = QHBoxLayout()
        self.today_label = QLabel(self.tr("Loading…"))
        self.today_label.setObjectName("today")
        self.study_button = QPushButton(self.tr("Study now  (Enter)"))
        self.study_button.setObjectName("study-now")
        self.study_button.setMinimumHeight(44)
        self.study_button.setMinimumWidth(220)
        self.study_button.clicked.connect(lambda: self.window_.show_screen("study"))
        self.gallery_button = QPushButton(self.tr("Demo gallery  (G)"))
        self.gallery_button.setMinimumHeight(44)
        self.gallery_button.clicked.connect(self._open_gallery)
        row.addWidget(self.today_label, 1)
        row.addWidget(self.gallery_button)
        row.addWidget(self.study_button)
        layout.addLayout(row)
        layout.addSpacing(6)

        self.table = QTableWidget(len(SECTIONS) + 1, len(COLUMNS))
        self.table.setObjectName("sections")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4, 5, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(38)
        for r, (section, (zh, en)) in enumerate(SECTIONS.items()):
            self._set(r, 0, section)
            self._set(r, 1, f"{zh}  ·  {en}", align_left=True)
        self._set(len(SECTIONS), 0, self.tr("All"))
        self._set(len(SECTIONS), 1, self.tr("Today · the whole deck"), align_left=True)
        for col, tip in ((2, self.tr("New cards in today's session (the daily limit applies)")),
                         (3, self.tr("Reviews due today")),
                         (4, self.tr("Cards to drill again today")),
                         (5, self.tr("Cards in the section")),
                         (6, self.tr("Cards studied at least once (mature: an interval of 3 weeks or more)"))):
            header_item = self.table.horizontalHeaderItem(col)
            assert header_item is not None  # setHorizontalHeaderLabels made one per column
            header_item.setToolTip(tip)
        layout.addWidget(self.table, 1)
        self.ctx.ops.changed.connect(self._on_changes)

    def _set(self, row: int, col: int, text: str, align_left: bool = False) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment((Qt.AlignmentFlag.AlignLeft if align_left else Qt.AlignmentFlag.AlignCenter)
                              | Qt.AlignmentFlag.AlignVCenter)
        if row == len(SECTIONS):
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, col, item)

    def screen_shown(self) -> None:
        self.setFocus()
        self.refresh()

    def refresh(self) -> None:
        self.ctx.ops.run(lambda: self.ctx.services.study.overview(self.ctx.now()), on_done=self._show,
                         on_error=lambda exc: self.today_label.setText(
                             self.tr("Could not load: {error}").format(error=describe_error(exc))))
        self.ctx.ops.run(self.ctx.services.stats.sections, on_done=self._show_progress,
                         on_error=lambda _exc: None)  # today's counts matter more; their error is shown

    def _show_progress(self, progress: dict[str, SectionProgress]) -> None:
        self.progress = progress
        rows = [*((r, progress.get(s)) for r, s in enumerate(SECTIONS))]
        whole = SectionProgress(*(sum(getattr(p, f) for p in progress.values())
                                  for f in ("total", "unseen", "mature", "suspended")))
        for r, p in rows + [(len(SECTIONS), whole)]:
            if p is None or not p.total:
                self._set(r, 5, "·")
                self._set(r, 6, "·")
                continue
            self._set(r, 5, str(p.total))
            mature = " · " + self.tr("{count} mature").format(count=p.mature) if p.mature else ""
            self._set(r, 6, f"{p.studied} ({100 * p.share_studied:.0f}%){mature}")
        self.progress_loaded.emit()

    def _show(self, data: Overview) -> None:
        self.data = data
        for r, section in enumerate(SECTIONS):
            c = data.per_section.get(section, Counter())
            for col, kind in TODAY_COLUMNS:
                self._set(r, col, str(c[kind]) if c[kind] else "·")
        for col, kind in TODAY_COLUMNS:
            self._set(len(SECTIONS), col, str(data.counts.get(kind, 0)))
        total = sum(data.counts.values())
        day = day_to_date(data.today).isoformat()
        self.today_label.setText(
            self.tr("{day} — {due} due, {redrill} to re-drill, {new} new").format(
                day=f"<b>{day}</b>", due=data.counts.get("review", 0), redrill=data.counts.get("redrill", 0),
                new=data.counts.get("new", 0)) if total
            else self.tr("{day} — all done for today").format(day=f"<b>{day}</b>"))
        self.study_button.setEnabled(total > 0)
        self.loaded.emit()

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.touches("review", "content", "schedule", "settings") and self.window_.current_key == "overview":
            self.refresh()

    def _open_gallery(self) -> None:
        if self.window_.has_screen("gallery"):  # installed just after start-up
            self.window_.show_screen("gallery")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.study_button.isEnabled():
            self.window_.show_screen("study")
        elif event.key() == Qt.Key.Key_G:
            self._open_gallery()
        else:
            super().keyPressEvent(event)


def install(window: MainWindow) -> None:
    window.add_screen("overview", OverviewScreen(window), QCoreApplication.translate("Overview", "Overview"),
                      menu="View", shortcut="Ctrl+1")
    window.register_shortcuts("Overview", [
        (QCoreApplication.translate("Overview", "Enter / Space"), QCoreApplication.translate("Overview", "Study now")),
        ("G", QCoreApplication.translate("Overview", "Open the demo gallery"))])
