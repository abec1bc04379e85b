"""Deck actions of the window (the overview's buttons): rename, delete (asks first; the service
makes a backup before it deletes anything) and the deck's options (its daily limits). Every
write is an op; a bad name or value comes back as one line in the status bar or under the field."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QSpinBox, QVBoxLayout,
                               QWidget)

from quizapp.services.decks import MAX_DAILY_LIMIT, DeckCounts, DeletedDeck
from quizapp.ui.context import AppContext
from quizapp.ui.ops import describe_error

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…") calls


def rename_dialog(parent: QWidget, name: str) -> QInputDialog:
    """The rename dialog, opened (not run): its textValue() on `accepted`."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(translate("DeckDialogs", "Rename deck"))
    dialog.setLabelText(translate("DeckDialogs", "New name for “{name}” (use :: for a sub-deck, e.g. Books::NNDL):")
                        .format(name=name))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(name)
    return dialog


def delete_dialog(parent: QWidget, deck: DeckCounts) -> QMessageBox:
    """The delete confirmation, opened by the caller: Yes deletes; the default is No."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("DeckDialogs", "Delete deck"),
                      translate("DeckDialogs", "Delete “{name}” with its sub-decks and all {count} cards, their "
                                "schedules and review history?").format(name=deck.name, count=deck.total),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText(translate("DeckDialogs", "A backup of the whole collection is made first "
                                     "(Tools → Backups can restore it)."))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


class DeckOptionsDialog(QDialog):
    """A deck's daily limits and scheduler: each either the deck's own choice or none (then its
    parents' and the collection's apply). `updates()` after acceptance."""

    def __init__(self, deck: DeckCounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deck-options")
        self.setWindowTitle(self.tr("Deck options: {name}").format(name=deck.name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.limits: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        for key, label in (("new_per_day", self.tr("New cards a day")),
                           ("reviews_per_day", self.tr("Reviews a day"))):
            own = QCheckBox(self.tr("own limit"))
            spin = QSpinBox()
            spin.setRange(0, MAX_DAILY_LIMIT)
            value = deck.options.get(key)
            own.setChecked(isinstance(value, int))
            spin.setValue(value if isinstance(value, int) else (20 if key == "new_per_day" else 200))
            spin.setEnabled(own.isChecked())
            own.toggled.connect(spin.setEnabled)
            row = QHBoxLayout()
            row.addWidget(own)
            row.addWidget(spin, 1)
            form.addRow(label, row)
            self.limits[key] = (own, spin)
        # the scheduler: inherited, SM-2 or FSRS; FSRS's desired retention only when the deck sets one
        self.scheduler = QComboBox()
        self.scheduler.setObjectName("deck-scheduler")
        for data, text in ((None, self.tr("As the parent deck or the collection")), ("sm2", self.tr("SM-2")),
                           ("fsrs", self.tr("FSRS"))):
            self.scheduler.addItem(text, data)
        self.scheduler.setCurrentIndex(max(0, self.scheduler.findData(deck.options.get("scheduler"))))
        form.addRow(self.tr("Scheduler"), self.scheduler)
        self.own_retention = QCheckBox(self.tr("own retention"))
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.70, 0.99)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        retention = deck.options.get("desired_retention")
        self.own_retention.setChecked(isinstance(retention, (int, float)))
        self.retention.setValue(float(retention) if isinstance(retention, (int, float)) else 0.9)
        self.retention.setEnabled(self.own_retention.isChecked())
        self.own_retention.toggled.connect(self.retention.setEnabled)
        retention_row = QHBoxLayout()
        retention_row.addWidget(self.own_retention)
        retention_row.addWidget(self.retention, 1)
        form.addRow(self.tr("FSRS desired retention"), retention_row)
        layout.addLayout(form)
        note = QLabel(self.tr("A deck's limit also caps its sub-decks; the collection's limits (Tools → Settings) "
                              "cap every deck."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def updates(self) -> dict[str, int | float | str | None]:
        chosen: dict[str, int | float | str | None] = {
            key: spin.value() if own.isChecked() else None for key, (own, spin) in self.limits.items()}
        chosen["scheduler"] = self.scheduler.currentData()
        chosen["desired_retention"] = round(self.retention.value(), 2) if self.own_retention.isChecked() else None
        return chosen


class DeckActions:
    """The three actions over `ctx.services.decks`, each an op that reports in the status bar."""

    def __init__(self, parent: QWidget, ctx: AppContext, status: Callable[[str], None],
                 renamed: Callable[[str, str], None] | None = None) -> None:
        self.parent, self.ctx, self.status = parent, ctx, status
        self.renamed = renamed or (lambda _old, _new: None)
        self.dialog: QWidget | None = None  # the open dialog (tests drive it)

    def _failed(self, exc: BaseException) -> None:
        self.status(translate("DeckDialogs", "Could not change the deck: {why}").format(why=describe_error(exc)))

    def _renamed(self, old: str, new: str) -> None:
        self.renamed(old, new)
        self.status(translate("DeckDialogs", "Renamed {old} to {new}").format(old=old, new=new))

    def _deleted(self, name: str, deleted: DeletedDeck) -> None:
        self.renamed(name, "")
        self.status(translate("DeckDialogs", "Deleted {names} ({count} cards); backup: {backup}").format(
            names=", ".join(deleted.names), count=deleted.cards,
            backup=deleted.backup or translate("DeckDialogs", "none")))

    def rename(self, name: str) -> QInputDialog:
        dialog = rename_dialog(self.parent, name)
        decks = self.ctx.services.decks

        def done() -> None:
            new = dialog.textValue().strip()
            if new and new != name:
                self.ctx.ops.run(lambda: decks.rename(name, new), on_error=self._failed,
                                 on_done=lambda _r: self._renamed(name, new))
        dialog.accepted.connect(done)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete(self, deck: DeckCounts) -> QMessageBox:
        box = delete_dialog(self.parent, deck)
        decks = self.ctx.services.decks

        def answered(button: int) -> None:
            if button != QMessageBox.StandardButton.Yes:
                return
            self.ctx.ops.run(lambda: decks.delete(deck.name), on_error=self._failed,
                             on_done=lambda result: self._deleted(deck.name, result.value))
        box.finished.connect(answered)
        self.dialog = box
        box.open()
        return box

    def options(self, deck: DeckCounts) -> DeckOptionsDialog:
        dialog = DeckOptionsDialog(deck, self.parent)
        decks = self.ctx.services.decks
        dialog.accepted.connect(lambda: self.ctx.ops.run(
            lambda: decks.set_options(deck.name, dialog.updates()), on_error=self._failed,
            on_done=lambda _r: self.status(
                translate("DeckDialogs", "Saved the options of {name}").format(name=deck.name))))
        self.dialog = dialog
        dialog.open()
        return dialog
