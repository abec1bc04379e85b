"""The overview: the decks as a tree with today's new / learn / due counts (and the overall ones),
the deck picked to study (ui/deck_selection.py; the other screens follow it), its sections with
today's cards, size and progress, "Study now", and the deck actions (rename, delete, options)."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.deck_header import BUNDLED_SECTIONS, DeckSection
from quizapp.domain.stats import SectionProgress
from quizapp.domain.studyday import day_to_date
from quizapp.services.decks import DeckCounts, DeckList
from quizapp.services.study import Overview
from quizapp.ui.deck_dialogs import DeckActions
from quizapp.ui.deck_selection import deck_selection
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges, describe_error
from quizapp.ui.translation import QT_TRANSLATE_NOOP

COLUMNS = (QT_TRANSLATE_NOOP("OverviewScreen", "Section"), QT_TRANSLATE_NOOP("OverviewScreen", "Topic"),
           QT_TRANSLATE_NOOP("OverviewScreen", "New"), QT_TRANSLATE_NOOP("OverviewScreen", "Due"),
           QT_TRANSLATE_NOOP("OverviewScreen", "Re-drill"), QT_TRANSLATE_NOOP("OverviewScreen", "Cards"),
           QT_TRANSLATE_NOOP("OverviewScreen", "Studied"))
TODAY_COLUMNS = ((2, "new"), (3, "review"), (4, "redrill"))
DECK_COLUMNS = (QT_TRANSLATE_NOOP("OverviewScreen", "Deck"), QT_TRANSLATE_NOOP("OverviewScreen", "New"),
                QT_TRANSLATE_NOOP("OverviewScreen", "Learn"), QT_TRANSLATE_NOOP("OverviewScreen", "Due"),
                QT_TRANSLATE_NOOP("OverviewScreen", "Cards"))
DECK_TREE_MAX_HEIGHT = 200  # px; more decks scroll inside the tree


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

        # the decks: pick one to study (its sub-decks with it); the other screens follow the pick
        self.selection = deck_selection(window)
        self.deck_list: DeckList | None = None
        self.deck_tree = QTreeWidget()
        self.deck_tree.setObjectName("decks")
        self.deck_tree.setColumnCount(len(DECK_COLUMNS))
        self.deck_tree.setHeaderLabels([self.tr(c) for c in DECK_COLUMNS])
        self.deck_tree.setRootIsDecorated(True)
        self.deck_tree.setUniformRowHeights(True)
        self.deck_tree.setMaximumHeight(DECK_TREE_MAX_HEIGHT)
        tree_header = self.deck_tree.header()
        tree_header.setStretchLastSection(False)  # the name column takes the room, the counts stay narrow
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(DECK_COLUMNS)):
            tree_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.deck_tree.currentItemChanged.connect(self._deck_picked)
        self.deck_tree.itemActivated.connect(lambda _item, _col: self._study())
        self.deck_actions = DeckActions(self, self.ctx, lambda text: self.window_.status(text, 6000),
                                        self._deck_renamed)
        deck_row = QHBoxLayout()
        self.deck_label = QLabel("")
        self.deck_label.setObjectName("deck-picked")
        deck_row.addWidget(self.deck_label, 1)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self._rename)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(self._delete)
        self.options_button = QPushButton(self.tr("Options…"))
        self.options_button.clicked.connect(self._options)
        for button in (self.rename_button, self.delete_button, self.options_button):
            deck_row.addWidget(button)
        layout.addWidget(self.deck_tree)
        layout.addLayout(deck_row)
        layout.addSpacing(6)

        self.sections_shown: tuple[DeckSection, ...] = BUNDLED_SECTIONS
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
        self._section_rows(BUNDLED_SECTIONS)
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

    def _section_rows(self, sections: tuple[DeckSection, ...]) -> None:
        """One row per section of the picked deck, then the total."""
        self.sections_shown = sections
        self.table.clearContents()
        self.table.setRowCount(len(sections) + 1)
        for r, section in enumerate(sections):
            self._set(r, 0, section.id)
            self._set(r, 1, f"{section.title.zh}  ·  {section.title.en}", align_left=True)
        self._set(len(sections), 0, self.tr("All"))
        self._set(len(sections), 1, self.tr("Today · the whole deck"), align_left=True)

    def _set(self, row: int, col: int, text: str, align_left: bool = False) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment((Qt.AlignmentFlag.AlignLeft if align_left else Qt.AlignmentFlag.AlignCenter)
                              | Qt.AlignmentFlag.AlignVCenter)
        if row == len(self.sections_shown):
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, col, item)

    def screen_shown(self) -> None:
        self.setFocus()
        self.refresh()

    def refresh(self) -> None:
        services, now, deck = self.ctx.services, self.ctx.now(), self.selection.name
        self.ctx.ops.run(lambda: services.decks.list(now), on_done=self._show_decks, on_error=lambda _exc: None)
        self.ctx.ops.run(lambda: services.study.overview(now, deck=deck), on_done=self._show,
                         on_error=lambda exc: self.today_label.setText(
                             self.tr("Could not load: {error}").format(error=describe_error(exc))))
        self.ctx.ops.run(lambda: services.stats.sections(deck), on_done=self._show_progress,
                         on_error=lambda _exc: None)  # today's counts matter more; their error is shown

    # ----- the deck tree -------------------------------------------------------------------
    def _show_decks(self, listing: DeckList) -> None:
        self.deck_list = listing
        picked = self.selection.name
        self.deck_tree.blockSignals(True)
        self.deck_tree.clear()
        everything = self._deck_item(None, listing.overall, self.tr("All decks"))
        self.deck_tree.addTopLevelItem(everything)
        items: dict[str, QTreeWidgetItem] = {}
        current = everything
        for deck in listing.decks:
            item = self._deck_item(deck.name, deck, deck.leaf)
            parent = items.get(deck.name.rsplit("::", 1)[0]) if deck.depth else None
            (parent.addChild(item) if parent is not None else self.deck_tree.addTopLevelItem(item))
            items[deck.name] = item
            if deck.name == picked:
                current = item
        self.deck_tree.expandAll()
        self.deck_tree.setCurrentItem(current)
        self.deck_tree.blockSignals(False)
        self._fit_deck_tree(1 + len(listing.decks))
        if picked is not None and picked not in items:  # renamed or deleted elsewhere: back to every deck
            self.selection.select(None)
        self._show_picked()

    def _fit_deck_tree(self, rows: int) -> None:
        """As tall as its rows (up to a limit, then it scrolls), so the sections table below keeps
        its room at 1280x720 when there are only a few decks."""
        row_height = self.deck_tree.sizeHintForRow(0) if rows else 0
        wanted = self.deck_tree.header().height() + rows * max(row_height, 1) + 2 * self.deck_tree.frameWidth() + 2
        self.deck_tree.setFixedHeight(min(DECK_TREE_MAX_HEIGHT, wanted))

    def _deck_item(self, name: str | None, counts: DeckCounts, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label, str(counts.new), str(counts.learn), str(counts.review), str(counts.total)])
        item.setData(0, Qt.ItemDataRole.UserRole, name)
        for col in range(1, len(DECK_COLUMNS)):
            item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
        return item

    def deck_item(self, name: str | None) -> QTreeWidgetItem | None:
        """The tree's row of deck `name` (None: the "All decks" row)."""
        for item in self._all_items():
            if item.data(0, Qt.ItemDataRole.UserRole) == name:
                return item
        return None

    def _all_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.deck_tree.topLevelItem(i) for i in range(self.deck_tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            out.append(item)
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def pick_deck(self, name: str | None) -> None:
        """Pick the deck to study (as a click on its row does)."""
        item = self.deck_item(name)
        if item is not None:
            self.deck_tree.setCurrentItem(item)

    def _deck_picked(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        name = item.data(0, Qt.ItemDataRole.UserRole)
        if name != self.selection.name:
            self.selection.select(name)
            self.refresh()
        self._show_picked()

    def _picked_counts(self) -> DeckCounts | None:
        if self.deck_list is None:
            return None
        name = self.selection.name
        return self.deck_list.overall if name is None else self.deck_list.find(name)

    def _show_picked(self) -> None:
        counts = self._picked_counts()
        self.deck_label.setText(self.tr("Studying: {deck}").format(deck=self.selection.label()))
        is_deck = counts is not None and self.selection.name is not None
        self.rename_button.setEnabled(is_deck)
        self.delete_button.setEnabled(is_deck)
        self.options_button.setEnabled(is_deck and counts is not None and counts.deck_id is not None)
        sections = counts.sections if counts is not None and counts.sections else BUNDLED_SECTIONS
        if sections != self.sections_shown:
            self._section_rows(sections)
            if self.data is not None:
                self._show(self.data)
            if self.progress is not None:
                self._show_progress(self.progress)

    def _deck_renamed(self, old: str, new: str) -> None:
        name = self.selection.name
        if name is not None and (name == old or name.startswith(old + "::")):
            self.selection.select(new + name[len(old):] if new else None)

    def _rename(self) -> None:
        if self.selection.name is not None:
            self.deck_actions.rename(self.selection.name)

    def _delete(self) -> None:
        counts = self._picked_counts()
        if counts is not None and self.selection.name is not None:
            self.deck_actions.delete(counts)

    def _options(self) -> None:
        counts = self._picked_counts()
        if counts is not None and counts.deck_id is not None:
            self.deck_actions.options(counts)

    def _study(self) -> None:
        if self.study_button.isEnabled():
            self.window_.show_screen("study")

    # ----- the picked deck's sections --------------------------------------------------------
    def _show_progress(self, progress: dict[str, SectionProgress]) -> None:
        self.progress = progress
        sections = [sec.id for sec in self.sections_shown]
        rows = [*((r, progress.get(sid)) for r, sid in enumerate(sections))]
        whole = SectionProgress(*(sum(getattr(p, f) for p in progress.values())
                                  for f in ("total", "unseen", "mature", "suspended")))
        for r, p in rows + [(len(sections), whole)]:
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
        for r, section in enumerate(self.sections_shown):
            c = data.per_section.get(section.id, Counter())
            for col, kind in TODAY_COLUMNS:
                self._set(r, col, str(c[kind]) if c[kind] else "·")
        for col, kind in TODAY_COLUMNS:
            self._set(len(self.sections_shown), col, str(data.counts.get(kind, 0)))
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
