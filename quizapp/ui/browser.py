"""The card browser: search and filter every card, sort by any column, see a card with its
history, and edit, add, suspend, reset, delete or compare it with the deck's newer version.

The table's model knows how many cards match and fetches rows a page at a time, when the view
first needs them (services.browser.SearchCursor), so 100k cards cost one page of rows. Every
search, page, edit and detail is an op on the op thread (quizapp/ui/ops.py); an answer from an
older search is dropped when a newer one was started.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QDate, QLocale, QModelIndex,
                            QPersistentModelIndex, Qt, QTimer, Signal)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDoubleSpinBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMenu, QMessageBox, QPushButton, QSplitter,
                               QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from quizapp.domain import cloze
from quizapp.domain.card_marks import FLAGS
from quizapp.domain.browse import CARD_STATES, BrowseQuery, InvalidQuery
from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import CARD_KINDS
from quizapp.domain.deck_header import DeckSection, tree_names
from quizapp.domain.studyday import day_to_date
from quizapp.services.clock import local_study_day
from quizapp.services import card_editing
from quizapp.services.browser import COUNT_CAP, BrowserRow, SearchCursor
from quizapp.services.cards import CardDetail
from quizapp.services.changes import Changed
from quizapp.ui.card_editor import CardEditor
from quizapp.ui.card_view import CardView
from quizapp.ui.deck_diff_dialog import DeckDiffDialog
from quizapp.ui.deck_selection import deck_selection
from quizapp.ui.main_window import MainWindow
from quizapp.ui.math_render import MathRenderer
from quizapp.ui.ops import OpChanges, describe_error
from quizapp.ui.translation import QT_TRANSLATE_NOOP
from quizapp.ui.words import card_kind_words, flag_words, review_kind_words, words

SEARCH_DELAY_MS = 200  # typing pauses this long before the search runs
# the words of the table and the filters, marked for lupdate, translated where shown (context "Browser")
ORIGIN_CHOICES = (("", QT_TRANSLATE_NOOP("Browser", "Any origin")),
                  ("deck", QT_TRANSLATE_NOOP("Browser", "From the deck")),
                  ("edited", QT_TRANSLATE_NOOP("Browser", "Edited by me")),
                  ("deck-update-waiting", QT_TRANSLATE_NOOP("Browser", "Deck update waiting")),
                  ("user", QT_TRANSLATE_NOOP("Browser", "Added by me")))
STATE_LABELS = {"new": QT_TRANSLATE_NOOP("Browser", "new"), "learning": QT_TRANSLATE_NOOP("Browser", "learning"),
                "review": QT_TRANSLATE_NOOP("Browser", "review"),
                "suspended": QT_TRANSLATE_NOOP("Browser", "suspended")}


def _tr(text: str) -> str:
    """A marked word of this module in the interface language."""
    return QCoreApplication.translate("Browser", text)


@dataclass(frozen=True)
class Column:
    title: str
    sort: str
    value: Callable[[BrowserRow], str]
    align_right: bool = False


_TEX_SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η", "theta": "θ",
                "lambda": "λ", "mu": "μ", "sigma": "σ", "tau": "τ", "nabla": "∇", "sqrt": "√", "cdot": "·",
                "times": "×", "le": "≤", "ge": "≥", "approx": "≈", "infty": "∞", "sum": "Σ", "Vert": "‖"}
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_MARKUP = re.compile(r"\*\*|`|\$|[{}]")


def preview(text: str, kind: str, width: int = 90) -> str:
    """One line of a card's text for the table: blanks filled in, Markdown and $...$ dropped,
    common TeX symbols as characters (the card view shows the real thing)."""
    if kind == "cloze":
        text = cloze.render(text)
    text = _TEX_COMMAND.sub(lambda m: _TEX_SYMBOLS.get(m.group(1), m.group(1)), text)
    flat = " ".join(_MARKUP.sub("", text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _due(row: BrowserRow) -> str:
    return "—" if row.due_day is None else day_to_date(row.due_day).isoformat()


def _id(row: BrowserRow) -> str:
    """⟳: a newer deck version waits; ✎: edited by the user (first, so a narrow column shows it)."""
    mark = "⟳ " if row.deck_update_waiting else ("✎ " if row.user_edited and row.origin == "deck" else "")
    return mark + row.card_id


# The question and the schedule first: they fit beside the detail panel; the rest scrolls.
COLUMNS: tuple[Column, ...] = (
    Column(QT_TRANSLATE_NOOP("Browser", "Card"), "id", _id),
    Column("问题", "front_zh", lambda r: preview(r.front_zh, r.kind)),
    Column(QT_TRANSLATE_NOOP("Browser", "Question"), "front_en", lambda r: preview(r.front_en, r.kind)),
    Column(QT_TRANSLATE_NOOP("Browser", "State"), "state", lambda r: _tr(STATE_LABELS[r.state])),
    Column(QT_TRANSLATE_NOOP("Browser", "Due"), "due", _due),
    Column(QT_TRANSLATE_NOOP("Browser", "Interval"), "interval",
           lambda r: f"{r.interval}d" if r.due_day is not None else "—", True),
    Column("EF", "easiness", lambda r: f"{r.easiness / 100:.2f}", True),
    Column(QT_TRANSLATE_NOOP("Browser", "Sec."), "section", lambda r: r.section),
    Column(QT_TRANSLATE_NOOP("Browser", "Kind"), "kind", lambda r: card_kind_words(r.kind)),
    Column(QT_TRANSLATE_NOOP("Browser", "Lapses"), "lapses", lambda r: str(r.lapses), True),
    Column(QT_TRANSLATE_NOOP("Browser", "Tags"), "tags", lambda r: ", ".join(r.tags)),
    Column(QT_TRANSLATE_NOOP("Browser", "Modified"), "updated",
           lambda r: r.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")),
)
COLUMN_WIDTHS = (140, 150, 165, 68, 82, 56, 44, 40, 50, 52, 120, 120)
ZH_COLUMN, EN_COLUMN = 1, 2


class CardTableModel(QAbstractTableModel):
    """Rows of a SearchCursor, fetched a page at a time through `fetch_page` (an op)."""

    page_needed = Signal(int, int, int)  # generation, page number, page size
    count_needed = Signal(int)  # generation: scrolled to the end of a capped count ("1,000+")
    sort_requested = Signal(str, bool)  # sort key, descending

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cursor: SearchCursor | None = None
        self.generation = 0  # bumped by each new search; pages of older searches are dropped
        self.pages: dict[int, list[BrowserRow]] = {}
        self._requested: set[int] = set()
        # rows shown: the cursor's total when the search ended; the op thread's count_all
        # changes that total before `grow` tells the view, so the model keeps its own
        self.shown = 0
        self._counting = False
        self.sort_key, self.descending = "id", False

    # ----- data from the searches --------------------------------------------------------------
    def reset(self, cursor: SearchCursor, generation: int) -> None:
        self.beginResetModel()
        self.cursor, self.generation = cursor, generation
        self.shown, self._counting = cursor.total, False
        self.pages = {0: cursor.first_page} if cursor.first_page else {}
        self._requested = set(self.pages)
        self.endResetModel()

    def add_page(self, generation: int, page: int, rows: list[BrowserRow]) -> None:
        if generation != self.generation or self.cursor is None:
            return
        self.pages[page] = rows
        size = self.cursor.page_size
        first = page * size
        last = min(first + size, self.rowCount()) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def grow(self, generation: int, total: int) -> None:
        """The exact count of a capped search: its rows past the cap become rows of the table."""
        if generation != self.generation or total <= self.shown:
            return
        self.beginInsertRows(QModelIndex(), self.shown, total - 1)
        self.shown = total
        self.endInsertRows()

    def row(self, index: int) -> BrowserRow | None:
        if self.cursor is None or not 0 <= index < self.shown:
            return None
        page, offset = divmod(index, self.cursor.page_size)
        rows = self.pages.get(page)
        if rows is None:
            if page not in self._requested:
                self._requested.add(page)
                self.page_needed.emit(self.generation, page, self.cursor.page_size)
            return None
        return rows[offset] if offset < len(rows) else None

    def position_of(self, card_id: str) -> int | None:
        for page, rows in self.pages.items():
            for i, r in enumerate(rows):
                if r.card_id == card_id:
                    return page * (self.cursor.page_size if self.cursor else 0) + i
        return None

    # ----- Qt's model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self.cursor is None else self.shown

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self.cursor is not None and not self.cursor.exact and not self._counting

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore(parent):
            self._counting = True  # once per search: count_all counts every match
            self.count_needed.emit(self.generation)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row(index.row())
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0 and row.deck_update_waiting:
                return self.tr("You edited this card and the deck has a newer version: Compare with the deck…")
            if index.column() == 0 and row.user_edited and row.origin == "deck":
                return self.tr("Edited by you; deck imports leave your version alone")
            return None
        return column.value(row)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section].title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key, self.descending = COLUMNS[column].sort, order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(self.sort_key, self.descending)


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    for value, label in items:
        box.addItem(label, value)
    return box


class BrowserScreen(QWidget):
    searched = Signal(int)  # total matches, after a search's first page is on screen
    detail_shown = Signal(str)  # card id
    error_shown = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("browser-screen")
        self.window_ = window
        self.ctx = window.ctx
        self.math = MathRenderer(parent=self)
        self.model = CardTableModel(self)
        self.model.page_needed.connect(self._fetch_page)
        self.model.count_needed.connect(self._count_all)
        self.detail: CardDetail | None = None
        self.tags_loaded = False
        self._active = False
        self._stale = False  # cards changed while the screen was hidden: search again when shown
        self._generation = 0
        self._keep_selection: str | None = None
        self.editor: CardEditor | None = None  # the open editor or comparison, for tests and focus
        self.compare_dialog: DeckDiffDialog | None = None
        # Replaced by tests; the real ones ask the user.
        self.confirm: Callable[[str, str], bool] = self._ask
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.search)
        self._build()
        self.selection = deck_selection(window)
        self.selection.changed.connect(self._deck_picked)
        # after _build: enabling sorting on the view asks the model to sort once, which must not search
        self.model.sort_requested.connect(lambda _k, _d: self.search())
        self.ctx.ops.changed.connect(self._on_changes)
        if self.ctx.theme is not None:
            self.ctx.theme.changed.connect(lambda name: self.card_view.set_dark(name == "dark"))

    # ----- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("browser-search")
        self.search_box.setPlaceholderText(self.tr("Search the text (中文 or English) or a card id…   (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.search_box.returnPressed.connect(self.search)
        top.addWidget(self.search_box, 3)
        # the sections of the deck in the deck box (every deck's when none): _show_sections
        self.section_box = _combo([("", self.tr("Any section"))]
                                  + [(s, f"{s} {zh}") for s, (zh, _en) in SECTIONS.items()])
        self.section_box.setObjectName("browser-sections")
        self.kind_box = _combo([("", self.tr("Any kind"))] + [(k, card_kind_words(k)) for k in CARD_KINDS])
        self.state_box = _combo([("", self.tr("Any state"))] + [(s, _tr(STATE_LABELS[s])) for s in CARD_STATES])
        self.tag_box = _combo([("", self.tr("Any tag"))])
        self.tag_box.setObjectName("browser-tags")  # the deck's own tags: content, not interface words
        self.origin_box = _combo([(key, _tr(label)) for key, label in ORIGIN_CHOICES])
        # flags as set on the study screen (Alt+1..4); the data is the flag's number as text
        self.flag_box = _combo([("", self.tr("Any flag"))] + [(str(n), f"⚑ {flag_words(n)}") for n in FLAGS])
        # the deck (and its sub-decks): the one picked on the overview, or any other from this box
        self.deck_box = _combo([("", self.tr("All decks"))])
        self.deck_box.setObjectName("browser-deck")
        self._deck_names: list[str] = []
        for box in (self.deck_box, self.section_box, self.kind_box, self.state_box, self.tag_box, self.origin_box,
                    self.flag_box):
            box.currentIndexChanged.connect(lambda _i: self.search())
            top.addWidget(box)
        self.deck_box.currentIndexChanged.connect(lambda _i: self._load_sections())
        outer.addLayout(top)

        more = QHBoxLayout()
        self.due_check = QCheckBox(self.tr("Due from"))
        self.due_from, self.due_to = QDateEdit(), QDateEdit()
        self.ef_check = QCheckBox(self.tr("EF from"))
        self.ef_min, self.ef_max = QDoubleSpinBox(), QDoubleSpinBox()
        for edit in (self.due_from, self.due_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._range_changed(self.due_check))
        for spin, value in ((self.ef_min, 1.3), (self.ef_max, 2.5)):
            spin.setRange(0.0, 9.99)
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            spin.setValue(value)
            spin.valueChanged.connect(lambda _v: self._range_changed(self.ef_check))
        self.due_check.toggled.connect(lambda _on: self.search())
        self.ef_check.toggled.connect(lambda _on: self.search())
        for widget in (self.due_check, self.due_from, QLabel(self.tr("to")), self.due_to, self.ef_check, self.ef_min,
                       QLabel(self.tr("to")), self.ef_max):
            more.addWidget(widget)
        more.addStretch(1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        more.addWidget(self.count_label)
        outer.addLayout(more)
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setObjectName("card-table")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it): focus reaches the editor side
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        split.addWidget(self.table)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        self.detail_title = QLabel(self.tr("Select a card"))
        self.detail_title.setObjectName("demo-title")
        self.detail_title.setWordWrap(True)
        side_layout.addWidget(self.detail_title)
        self.card_view = CardView(self.math, dark=bool(self.ctx.theme and self.ctx.theme.dark))
        self.card_view.setObjectName("card-view")
        side_layout.addWidget(self.card_view, 3)
        self.state_label = QLabel("")
        self.state_label.setWordWrap(True)
        side_layout.addWidget(self.state_label)
        self.history = QTableWidget(0, 5)
        self.history.setObjectName("card-history")
        self.history.setTabKeyNavigation(False)
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Grade"), self.tr("Kind"), self.tr("Interval"),
                                                "EF"])
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        side_layout.addWidget(self.history, 2)
        actions = QHBoxLayout()
        self.add_button = self._button(self.tr("Add card…"), self.add_card)
        self.edit_button = self._button(self.tr("Edit…"), self.edit_selected)
        self.suspend_button = self._button(self.tr("Suspend"), self.toggle_suspend)
        self.reset_button = self._button(self.tr("Reset"), self.reset_selected)
        self.delete_button = self._button(self.tr("Delete…"), self.delete_selected)
        for b in (self.add_button, self.edit_button, self.suspend_button, self.reset_button, self.delete_button):
            actions.addWidget(b)
        side_layout.addLayout(actions)
        self.compare_button = self._button(self.tr("Compare with the deck's newer version…"), self.compare_selected)
        self.compare_button.setVisible(False)
        side_layout.addWidget(self.compare_button)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 380])
        outer.addWidget(split, 1)
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut  # only while this screen is shown
        shortcuts: list[tuple[str | QKeySequence.StandardKey, QWidget, Callable[[], None]]] = [
            ("Ctrl+F", self, self.search_box.setFocus), ("Ctrl+J", self, self.toggle_suspend),
            (QKeySequence.StandardKey.Delete, self.table, self.delete_selected),
            ("Return", self.table, self.edit_selected)]
        for keys, target, slot in shortcuts:
            # Not QShortcut(keys, target, slot, within): PySide6 6.11 drops a context given with a callable.
            shortcut = QShortcut(QKeySequence(keys), target)
            shortcut.setContext(within)
            shortcut.activated.connect(slot)
        self._update_actions()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ----- screen hooks ------------------------------------------------------------------------
    def screen_shown(self) -> None:
        self._active = True
        self._apply_language()
        self.ctx.ops.run(self.ctx.services.decks.names, on_done=self._show_decks, on_error=lambda exc: None)
        self._load_sections()
        if not self.tags_loaded:
            self.ctx.ops.run(lambda: self.ctx.services.browser.all_tags(), on_done=self._show_tags,
                             on_error=lambda exc: None)
        if self._stale:
            self._stale = False
            self.search()
        elif self.model.cursor is None:
            today = day_to_date(local_study_day(self.ctx.now(), self.ctx.settings.day_start_hour))
            for edit in (self.due_from, self.due_to):
                edit.blockSignals(True)
                edit.setDate(QDate(today.year, today.month, today.day))
                edit.blockSignals(False)
            self.search()
        self.search_box.setFocus()

    def screen_hidden(self) -> None:
        self._active = False

    def screen_closing(self) -> None:
        self.math.wait(5000)

    def _apply_language(self) -> None:
        lang = self.ctx.settings.language
        self.table.setColumnHidden(ZH_COLUMN, lang == "en")
        self.table.setColumnHidden(EN_COLUMN, lang == "zh")

    def _show_tags(self, tags: list[str]) -> None:
        self.tags_loaded = True
        current = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("Any tag"), "")
        for tag in tags:
            self.tag_box.addItem(tag, tag)
        self.tag_box.setCurrentIndex(max(0, self.tag_box.findData(current)))
        self.tag_box.blockSignals(False)

    # ----- the deck ---------------------------------------------------------------------------
    def _load_sections(self) -> None:
        deck = self.deck_box.currentData() or None
        self.ctx.ops.run(lambda: self.ctx.services.decks.sections(deck), on_done=self._show_sections,
                         on_error=lambda _exc: None)  # the box keeps what it had

    def _show_sections(self, sections: tuple[DeckSection, ...]) -> None:
        """The section box offers the picked deck's sections; a pick it no longer has goes back to
        "Any section" (and searches again)."""
        current = self.section_box.currentData()
        self.section_box.blockSignals(True)
        self.section_box.clear()
        self.section_box.addItem(self.tr("Any section"), "")
        for section in sections:
            self.section_box.addItem(f"{section.id} {section.title.zh}", section.id)
        index = self.section_box.findData(current)
        self.section_box.setCurrentIndex(max(0, index))
        self.section_box.blockSignals(False)
        if current and index < 0:
            self.search()

    def _show_decks(self, names: list[str]) -> None:
        """The deck box: every deck and parent name; the overview's pick selected."""
        tree = tree_names(names)
        if tree != self._deck_names:
            self._deck_names = tree
            current = self.deck_box.currentData() or self.selection.name
            self.deck_box.blockSignals(True)
            self.deck_box.clear()
            self.deck_box.addItem(self.tr("All decks"), "")
            for name in tree:
                self.deck_box.addItem("    " * name.count("::") + name.rsplit("::", 1)[-1], name)
            self.deck_box.setCurrentIndex(max(0, self.deck_box.findData(current or "")))
            self.deck_box.blockSignals(False)

    def _deck_picked(self, name: str | None) -> None:
        """The overview's pick: the browser shows that deck's cards from now on."""
        index = self.deck_box.findData(name or "")
        if index < 0 and name is not None:
            self.deck_box.addItem(name, name)
            index = self.deck_box.count() - 1
        self.deck_box.setCurrentIndex(max(0, index))  # searches (when it changes)

    # ----- searching ---------------------------------------------------------------------------
    def query(self) -> BrowseQuery:
        def pick(box: QComboBox) -> tuple[str, ...]:
            return (box.currentData(),) if box.currentData() else ()

        def ordinal(edit: QDateEdit) -> int:
            d = edit.date()
            return date(d.year(), d.month(), d.day()).toordinal()

        due = self.due_check.isChecked()
        ef = self.ef_check.isChecked()
        deck = self.deck_box.currentData() or None
        return BrowseQuery(
            deck=deck,
            text=self.search_box.text(), sections=pick(self.section_box), tags=pick(self.tag_box),
            kinds=pick(self.kind_box), states=pick(self.state_box), origins=pick(self.origin_box),  # type: ignore[arg-type]
            flags=tuple(int(f) for f in pick(self.flag_box)),
            due_from=ordinal(self.due_from) if due else None, due_to=ordinal(self.due_to) if due else None,
            ef_min=round(self.ef_min.value() * 100) if ef else None,
            ef_max=round(self.ef_max.value() * 100) if ef else None,
            sort=self.model.sort_key, descending=self.model.descending)

    def _range_changed(self, check: QCheckBox) -> None:
        if check.isChecked():
            self._debounce.start()

    def search(self) -> None:
        self._debounce.stop()
        try:
            query = self.query().validate()
        except InvalidQuery as exc:
            self._show_error(self.tr("Cannot search: {problem}").format(problem=exc))
            return
        self._generation += 1
        generation = self._generation
        self.ctx.ops.run(lambda: self.ctx.services.browser.search(query, count_cap=COUNT_CAP),
                         on_done=lambda cursor: self._show_results(generation, cursor),
                         on_error=lambda exc: self._show_error(
                             self.tr("Search failed: {error}").format(error=describe_error(exc))))

    def _show_results(self, generation: int, cursor: SearchCursor) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        self._show_error("")
        keep = self._keep_selection or (self.detail.card.id if self.detail else None)
        self._keep_selection = None
        self.model.reset(cursor, generation)
        self._show_count(cursor)
        position = self.model.position_of(keep) if keep else None
        if position is not None:
            self.table.selectRow(position)
        else:
            self._selection_changed()
        self.searched.emit(cursor.total)

    def _show_count(self, cursor: SearchCursor) -> None:
        if cursor.exact:
            self.count_label.setText(words().cards(cursor.total))
        else:  # the search counted up to the cap (services/browser.py: COUNT_CAP)
            self.count_label.setText(self.tr("{count}+ cards").format(
                count=QLocale().toString(cursor.total)))

    def _count_all(self, generation: int) -> None:
        cursor = self.model.cursor
        if cursor is None:
            return

        def counted(total: int) -> None:
            if generation == self.model.generation:
                self.model.grow(generation, total)
                self._show_count(cursor)
        self.ctx.ops.run(cursor.count_all, on_done=counted,
                         on_error=lambda exc: self._show_error(
                             self.tr("Search failed: {error}").format(error=describe_error(exc))))

    def _fetch_page(self, generation: int, page: int, size: int) -> None:
        cursor = self.model.cursor
        if cursor is None:
            return
        self.ctx.ops.run(lambda: cursor.rows(page * size, size),
                         on_done=lambda rows: self.model.add_page(generation, page, rows),
                         on_error=lambda exc: self._show_error(f"Could not load cards: {describe_error(exc)}"))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.error_shown.emit(message)

    # ----- selection and detail ----------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_ids(self) -> list[str] | None:
        """Ids of the selected rows, or None when some of them are not loaded yet."""
        out = []
        for index in self.selected_rows():
            row = self.model.row(index)
            if row is None:
                return None
            out.append(row.card_id)
        return out

    def _selection(self) -> tuple[int, Callable[[], list[str]]]:
        """How many rows are selected, and a function for the op thread that returns their ids
        (a selection reaching rows that are not loaded yet, as after Ctrl+A, reads them there)."""
        rows = self.selected_rows()
        ids = self.selected_ids()
        cursor = self.model.cursor
        if ids is not None or cursor is None:
            known = ids or []
            return len(known), lambda: known
        runs: list[tuple[int, int]] = []  # (first row, length) of each contiguous run
        for r in rows:
            if runs and runs[-1][0] + runs[-1][1] == r:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((r, 1))
        return len(rows), lambda: [row.card_id for first, n in runs for row in cursor.rows(first, n)]

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self._update_actions()
        if len(rows) != 1:
            self.detail = None
            self.card_view.clear_card()
            self.history.setRowCount(0)
            self.compare_button.setVisible(False)
            self.detail_title.setText(self.tr("%n card(s) selected", "",
                                              len(rows)) if rows else self.tr("Select a card"))
            self.state_label.setText("")
            return
        row = self.model.row(rows[0])
        if row is not None:
            self.load_detail(row.card_id)

    def load_detail(self, card_id: str) -> None:
        self.ctx.ops.run(lambda: self.ctx.services.cards.detail(card_id), on_done=self._show_detail,
                         on_error=lambda exc: self._show_error(self.tr("Could not open {card}: {error}").format(
                             card=card_id, error=describe_error(exc))))

    def _show_detail(self, detail: CardDetail) -> None:
        self.detail = detail
        card, state = detail.card, detail.state
        flags = ("  ·  ⟳ " + self.tr("deck update waiting") if detail.deck_update_waiting else
                 "  ·  ✎ " + self.tr("edited by you") if detail.user_edited else "")
        self.detail_title.setText(f"{card.id}  ·  {card.section} {card_kind_words(card.kind)}{flags}")
        self.card_view.show_card(card, True, self.ctx.languages())
        due = self.tr("new") if state.due_day is None else self.tr("due {day}").format(
            day=day_to_date(state.due_day).isoformat())
        marks = ("<b>" + self.tr("Suspended") + "</b> · " if detail.suspended else "") + (
            f"⚑ {flag_words(detail.flag)} · " if detail.flag else "")
        self.state_label.setText(marks + self.tr(
            "{due} · interval {interval}d · EF {ef} · {streak} in a row · {lapses} lapses · tags: {tags}").format(
            due=due, interval=state.interval, ef=f"{state.easiness / 100:.2f}", streak=state.repetitions,
            lapses=state.lapses, tags=html.escape(", ".join(card.tags) or "—")))
        self.history.setRowCount(len(detail.history))
        for r, h in enumerate(reversed(detail.history)):  # newest first
            cells = (h.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M"), str(h.grade),
                     review_kind_words(h.kind) + (self.tr(" (undone)") if h.undone else ""), f"{h.interval_after}d",
                     f"{h.easiness_after / 100:.2f}")
            for c, text in enumerate(cells):
                self.history.setItem(r, c, QTableWidgetItem(text))
        self.compare_button.setVisible(detail.deck_update_waiting)
        self._update_actions()
        self.detail_shown.emit(card.id)

    def _update_actions(self) -> None:
        rows = self.selected_rows()
        for b in (self.suspend_button, self.reset_button, self.delete_button):
            b.setEnabled(bool(rows))
        self.edit_button.setEnabled(len(rows) == 1)
        suspended = self.detail is not None and self.detail.suspended and len(rows) == 1
        self.suspend_button.setText(self.tr("Unsuspend") if suspended else self.tr("Suspend"))

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for text, slot, enabled in ((self.tr("Edit…"), self.edit_selected, self.edit_button.isEnabled()),
                                    (self.suspend_button.text(), self.toggle_suspend, self.suspend_button.isEnabled()),
                                    (self.tr("Reset schedule"), self.reset_selected, self.reset_button.isEnabled()),
                                    (self.tr("Delete…"), self.delete_selected, self.delete_button.isEnabled())):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ----- changing cards ----------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _change(self, fn: Callable[[], Changed[Any]], done: Callable[[Any], str]) -> None:
        """Run a change; `done(result value)` is the status line after it."""
        self.ctx.ops.run(fn, on_done=lambda result: self.window_.status(done(result.value), 4000),
                         on_error=lambda exc: self._show_error(describe_error(exc)), origin=self)

    def toggle_suspend(self) -> None:
        count, ids = self._selection()
        if not count:
            return
        suspend = not (self.detail is not None and self.detail.suspended and count == 1)
        self._change(lambda: self.ctx.services.editing.set_suspended(ids(), suspend),
                     lambda n: self.tr("Suspended %n card(s)", "", n) if suspend
                     else self.tr("Unsuspended %n card(s)", "", n))

    def reset_selected(self) -> None:
        count, ids = self._selection()
        if count and self.confirm(self.tr("Reset schedule"),
                                  self.tr("Make %n card(s) new again? Their review history stays.", "", count)):
            self._change(lambda: self.ctx.services.editing.reset_schedule(ids()),
                         lambda n: self.tr("Reset %n card(s)", "", n))

    def delete_selected(self) -> None:
        count, ids = self._selection()
        if not count:
            return
        known = self.selected_ids() or []
        names = (", ".join(known[:3]) + (self.tr(" and {count} more").format(count=count - 3) if count > 3 else "")
                 if known else words().cards(count))
        if self.confirm(self.tr("Delete cards"),
                        self.tr("Delete {names} with their schedules and review history? This cannot be undone. "
                                "Cards of the bundled deck come back as new at the next deck import; suspend them "
                                "instead to hide them for good.").format(names=names)):
            self._change(lambda: self.ctx.services.editing.delete_cards(ids()),
                         lambda n: self.tr("Deleted %n card(s)", "", n))

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids is None or len(ids) != 1:
            return
        card_id = ids[0]
        self.ctx.ops.run(lambda: self.ctx.services.editing.load_for_edit(card_id), on_done=self._open_editor,
                         on_error=lambda exc: self._show_error(describe_error(exc)))

    def _open_editor(self, editable: card_editing.EditableCard) -> None:
        note = self.tr("This card comes from the bundled deck. Your version is kept when the deck is imported "
                       "again; a newer deck version waits for you to compare.") if editable.origin == "deck" else ""
        self._drop_closed_dialogs()
        editor = CardEditor(editable.table, note=note, parent=self)
        card_id = editable.card_id
        editor.submitted.connect(lambda table: self._save(
            editor, lambda: self.ctx.services.editing.edit_card(card_id, table, self.ctx.now()), card_id))
        self.editor = editor
        editor.open()

    def add_card(self) -> None:
        self._drop_closed_dialogs()
        editor = CardEditor(None, note=self.tr("Your own card: it is never changed by a deck import."), parent=self)
        section = self.section_box.currentData()
        if section:
            editor.section.setCurrentIndex(editor.section.findData(section))
        editor.submitted.connect(lambda table: self._save(
            editor, lambda: self.ctx.services.editing.add_card(table, self.ctx.now()), None))
        self.editor = editor
        editor.open()

    def _drop_closed_dialogs(self) -> None:
        """Delete the last editor or comparison once it is closed: each open makes a new dialog
        parented to this screen, which would otherwise live (hidden) as long as the window."""
        if self.editor is not None and not self.editor.isVisible():
            self.editor.deleteLater()
            self.editor = None
        if self.compare_dialog is not None and not self.compare_dialog.isVisible():
            self.compare_dialog.deleteLater()
            self.compare_dialog = None

    def _save(self, editor: CardEditor, fn: Callable[[], Any], card_id: str | None) -> None:
        def saved(result: Any) -> None:  # EditOutcome, or Changed[str] (the new card's id)
            self._keep_selection = card_id or str(result.value)
            editor.accept()
            self.window_.status(self.tr("Saved {card}").format(card=self._keep_selection), 4000)

        def failed(exc: BaseException) -> None:
            problems = exc.problems if isinstance(exc, card_editing.CardInvalid) else [describe_error(exc)]
            editor.show_problems(problems)

        self.ctx.ops.run(fn, on_done=saved, on_error=failed, origin=self)

    def compare_selected(self) -> None:
        if self.detail is None:
            return
        card_id = self.detail.card.id
        self.ctx.ops.run(lambda: self.ctx.services.editing.deck_difference(card_id), on_done=self._open_compare,
                         on_error=lambda exc: self._show_error(describe_error(exc)))

    def _open_compare(self, difference: card_editing.DeckDifference | None) -> None:
        if difference is None:
            self._show_error(self.tr("Nothing to compare: no deck version is waiting for this card"))
            return
        self._drop_closed_dialogs()
        dialog = DeckDiffDialog(difference, self)
        self.compare_dialog = dialog

        def chosen(_result: int) -> None:
            if dialog.choice is not None:
                choice = dialog.choice
                self._keep_selection = difference.card_id
                self._change(lambda: self.ctx.services.editing.resolve_deck_version(difference.card_id, choice,
                                                                       self.ctx.now()),
                             lambda _n: self.tr("Kept your version") if choice == "mine"
                             else self.tr("Took the deck's version"))

        dialog.finished.connect(chosen)
        dialog.open()

    def _on_changes(self, changes: OpChanges) -> None:
        if changes.touches("settings"):
            self._apply_language()
            if self.detail is not None:
                self.card_view.show_card(self.detail.card, True, self.ctx.languages())
        if changes.touches("content"):
            self.tags_loaded = False  # reloaded when the screen is next shown
        if changes.touches("content", "review", "schedule") and self.model.cursor is not None:
            if not self._active:
                self._stale = True  # no search per answer while the user studies elsewhere
                return
            if not self.tags_loaded:
                self.ctx.ops.run(lambda: self.ctx.services.browser.all_tags(), on_done=self._show_tags,
                                 on_error=lambda exc: None)
            self.search()

def install(window: MainWindow) -> None:
    translate = QCoreApplication.translate
    window.add_screen("browser", BrowserScreen(window), translate("Browser", "Browse cards"), menu="View",
                      shortcut="Ctrl+4")
    window.register_shortcuts("Browser", [
        ("Ctrl+F", translate("Browser", "Search")),
        (translate("Browser", "Enter / double-click"), translate("Browser", "Edit the card")),
        ("Ctrl+J", translate("Browser", "Suspend / unsuspend")),
        ("Delete", translate("Browser", "Delete (asks first)"))])
