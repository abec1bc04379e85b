"""File → Import notes… (content/FORMAT.md § Notes files): pick notes files and a deck name,
see what they become, then import.

Reading and parsing the notes (up to 50 MiB) and comparing them with the collection run on the
op thread (`NotesImportService.preview`), and so does the import. The preview dialog lists
every card with a checkbox (untick to leave it out), shows the selected card's question and
answer for editing, flags the answers that were only a lost picture, lists the questions
without an answer and the duplicates (neither is imported), and asks, one checkbox per match,
whether a reworded question is the old card (ticked: it keeps its schedule).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPlainTextEdit, QSizePolicy, QSplitter, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from quizapp.services.errors import DeckInvalid
from quizapp.ui.ops import describe_error

if TYPE_CHECKING:
    from quizapp.services.notes_import import NotesImportResult, NotesPreview
    from quizapp.ui.main_window import MainWindow

FLAG_COLOR = QColor(255, 236, 179)  # amber: a row that needs a look
CARD_ID_ROLE = Qt.ItemDataRole.UserRole


translate = QCoreApplication.translate  # lupdate reads translate("Context", "…") with a literal context


def install(window: MainWindow) -> None:
    window.add_action("File", translate("NotesImportDialog", "Import &notes…"), lambda: import_notes(window))


def _error_text(exc: BaseException) -> str:
    text = describe_error(exc)
    if isinstance(exc, DeckInvalid) and exc.issues:
        text += " " + exc.issues[0]  # the first problem, named with its file
    return text


def import_notes(window: MainWindow, paths: list[str] | None = None, deck: str | None = None) -> None:
    """Ask for the files and the deck name (unless given), build the preview on the op thread,
    then show the preview dialog (a child of the window)."""
    from quizapp.services.notes_import import default_deck_name

    title = translate("NotesImportDialog", "Import notes")
    if paths is None:
        kinds = translate("NotesImportDialog", "Notes (*.txt *.md *.markdown);;All files (*)")
        paths, _ = QFileDialog.getOpenFileNames(window, title, "", kinds)
        if not paths:
            return
    files = [Path(p) for p in paths]
    if deck is None:
        prompt = translate("NotesImportDialog", "Deck name (levels separated by ::):")
        deck, ok = QInputDialog.getText(window, title, prompt, text=default_deck_name(files))
        if not ok:
            return
    ctx = window.ctx
    service = ctx.services.notes
    window.status(translate("NotesImportDialog", "Reading the notes…"))

    def show(preview: NotesPreview) -> None:
        dialog = NotesImportDialog(window, preview)
        dialog.open()

    def failed(exc: BaseException) -> None:
        window.status(translate("NotesImportDialog", "Import notes failed"))
        QMessageBox.warning(window, title, _error_text(exc))

    ctx.ops.run(lambda: service.preview(files, deck), on_done=show, on_error=failed, origin=window)


class NotesImportDialog(QDialog):
    def __init__(self, window: MainWindow, preview: NotesPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.preview = preview
        self.edits: dict[str, tuple[str, str]] = {}
        self._loading = False
        self._cards = {c.id: c for c in preview.cards}
        self.setWindowTitle(self.tr("Import notes into %1").replace("%1", preview.deck_name))
        self.resize(980, 720)

        layout = QVBoxLayout(self)
        counts = self.tr("%1 cards in %2 sections from %3; the deck file goes to %4")
        self.summary = QLabel(counts.replace("%1", str(len(preview.cards))).replace("%2", str(len(preview.sections)))
                              .replace("%3", ", ".join(Path(f).name for f in preview.files))
                              .replace("%4", str(preview.out)))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.cards_view = QTreeWidget()
        self.cards_view.setHeaderLabels([self.tr("Question"), self.tr("Section"), self.tr("Status"), self.tr("Note")])
        self.cards_view.setRootIsDecorated(False)
        self.cards_view.setColumnWidth(0, 520)
        status_words = {"new": self.tr("new"), "updated": self.tr("updated"), "unchanged": self.tr("unchanged")}
        for card in preview.cards:
            note = self.tr("only a lost picture: write the answer or untick") if card.picture_only else ""
            item = QTreeWidgetItem([card.question, f"{card.section} {preview.section_title(card.section)}",
                                    status_words.get(preview.status[card.id], preview.status[card.id]), note])
            item.setData(0, CARD_ID_ROLE, card.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            if card.picture_only:
                for column in range(4):
                    item.setBackground(column, QBrush(FLAG_COLOR))
            self.cards_view.addTopLevelItem(item)
        splitter.addWidget(self.cards_view)

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(QLabel(self.tr("Question")))
        self.question_edit = QPlainTextEdit()
        self.question_edit.setMaximumHeight(56)
        editor_layout.addWidget(self.question_edit)
        editor_layout.addWidget(QLabel(self.tr("Answer (Markdown, $…$ for math)")))
        self.answer_edit = QPlainTextEdit()
        editor_layout.addWidget(self.answer_edit)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)  # the list of cards gets the room; the editor shows one card
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.renames_view = QListWidget()
        for rename in preview.renames:
            text = self.tr("“%1” → “%2” (%3% alike): the same card, keep its schedule")
            match = QListWidgetItem(text.replace("%1", rename.old_question).replace("%2", rename.new_question)
                                    .replace("%3", str(round(rename.similarity * 100))))
            match.setFlags(match.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            match.setCheckState(Qt.CheckState.Unchecked)
            match.setData(CARD_ID_ROLE, rename.new_id)
            self.renames_view.addItem(match)
        self._group(layout, self.tr("Reworded questions that match earlier cards (tick to keep their schedule)"),
                    self.renames_view, bool(preview.renames))

        self.left_out_view = QListWidget()
        for u in preview.unpaired:
            self.left_out_view.addItem(self.tr("No answer, not imported: %1 (%2)").replace("%1", u.question)
                                       .replace("%2", f"{Path(u.file).name}:{u.line}"))
        for d in preview.duplicates:
            duplicate = QListWidgetItem(self.tr("Duplicate, left out: %1 (%2, first at %3)")
                                        .replace("%1", d.question).replace("%2", f"{Path(d.file).name}:{d.line}")
                                        .replace("%3", d.first))
            duplicate.setBackground(QBrush(FLAG_COLOR))
            self.left_out_view.addItem(duplicate)
        for o in preview.outside:
            self.left_out_view.addItem(self.tr("Text under no question, not imported: %1 (%2)")
                                       .replace("%1", o.question[:120]).replace("%2", f"{Path(o.file).name}:{o.line}"))
        self._group(layout, self.tr("Not imported"), self.left_out_view, self.left_out_view.count() > 0)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.cards_view.currentItemChanged.connect(self._show_card)
        self.question_edit.textChanged.connect(self._edited)
        self.answer_edit.textChanged.connect(self._edited)
        first = self.cards_view.topLevelItem(0)
        if first is not None:
            self.cards_view.setCurrentItem(first)

    def _group(self, layout: QVBoxLayout, title: str, view: QListWidget, visible: bool) -> None:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(view)
        view.setMaximumHeight(110)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # room goes to the cards
        box.setVisible(visible)
        layout.addWidget(box)

    # ----- the selected card ------------------------------------------------------------------
    def _current_id(self) -> str | None:
        item = self.cards_view.currentItem()
        return None if item is None else item.data(0, CARD_ID_ROLE)

    def _show_card(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        card_id = None if item is None else item.data(0, CARD_ID_ROLE)
        if card_id is None:
            return
        card = self._cards[card_id]
        question, answer = self.edits.get(card_id, (card.question, card.answer))
        self._loading = True
        self.question_edit.setPlainText(question)
        self.answer_edit.setPlainText(answer)
        self._loading = False

    def _edited(self) -> None:
        card_id = self._current_id()
        if self._loading or card_id is None:
            return
        card = self._cards[card_id]
        question, answer = self.question_edit.toPlainText(), self.answer_edit.toPlainText()
        if (question, answer) == (card.question, card.answer):
            self.edits.pop(card_id, None)
        else:
            self.edits[card_id] = (question, answer)
        item = self.cards_view.currentItem()
        if item is None:
            return
        item.setText(0, question.strip() or card.question)
        if card.picture_only:
            note = "" if answer.strip() else self.tr("only a lost picture: write the answer or untick")
            item.setText(3, note)

    # ----- what is imported -------------------------------------------------------------------
    def left_out(self) -> set[str]:
        rows = [self.cards_view.topLevelItem(i) for i in range(self.cards_view.topLevelItemCount())]
        return {row.data(0, CARD_ID_ROLE) for row in rows
                if row is not None and row.checkState(0) != Qt.CheckState.Checked}

    def accepted_renames(self) -> set[str]:
        matches = [self.renames_view.item(i) for i in range(self.renames_view.count())]
        return {m.data(CARD_ID_ROLE) for m in matches if m is not None and m.checkState() == Qt.CheckState.Checked}

    def start_import(self) -> None:
        ctx = self.window_.ctx
        service = ctx.services.notes
        preview, skip, edits, accepted = self.preview, self.left_out(), dict(self.edits), self.accepted_renames()
        self.import_button.setEnabled(False)
        ctx.ops.run(lambda: service.import_notes(preview, accept_renames=accepted, skip=skip, edits=edits),
                    on_done=self._imported, on_error=self._failed, origin=self)

    def _imported(self, result: NotesImportResult) -> None:
        text = self.tr("Imported deck %1: %2 new, %3 updated, %4 unchanged cards")
        self.window_.status(text.replace("%1", result.deck_name).replace("%2", str(result.added))
                            .replace("%3", str(result.updated)).replace("%4", str(result.unchanged)), 15000)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        QMessageBox.warning(self, self.tr("Import notes"), _error_text(exc))
