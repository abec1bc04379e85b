"""Custom study (Anki's "study more"), opened from the study screen once today's queue is done:
more new cards today, one section, or today's failed cards again."""
from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QRadioButton,
                               QSpinBox, QVBoxLayout, QWidget)

from quizapp.domain.custom_study import MAX_EXTRA_NEW, StudyScope
from quizapp.services.custom_study import CustomStudyOptions

DEFAULT_EXTRA_NEW = 10


class CustomStudyDialog(QDialog):
    """`choice()` after acceptance: a StudyScope, or "failed" for today's failed cards."""

    def __init__(self, options: CustomStudyOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Custom study"))
        self.options = options
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.group = QButtonGroup(self)
        self.more_new = QRadioButton(self.tr("More new cards today"))
        self.more_count = QSpinBox()
        self.more_count.setRange(1, max(1, min(MAX_EXTRA_NEW, options.new_available)))
        self.more_count.setValue(min(DEFAULT_EXTRA_NEW, self.more_count.maximum()))
        self.more_count.setSuffix(self.tr("  of {available} new").format(available=options.new_available))
        self.section = QRadioButton(self.tr("One section"))
        self.section_box = QComboBox()
        for sec in dict.fromkeys([*options.new_by_section, *options.due_by_section]):  # the deck's sections
            new, due = options.new_by_section.get(sec, 0), options.due_by_section.get(sec, 0)
            if new or due:
                self.section_box.addItem(self.tr("{section}  ({due} due, {new} new)").format(section=sec, due=due,
                                                                                             new=new), sec)
        self.section_new = QSpinBox()
        self.section_new.setRange(0, MAX_EXTRA_NEW)
        self.section_new.setValue(DEFAULT_EXTRA_NEW)
        self.section_new.setPrefix(self.tr("with up to "))
        self.section_new.setSuffix(self.tr(" new cards"))
        self.failed = QRadioButton(self.tr("Today's failed cards again ({count})").format(count=options.failed_today))
        rows: tuple[tuple[QRadioButton, list[QWidget]], ...] = (
            (self.more_new, [self.more_count]), (self.section, [self.section_box, self.section_new]), (self.failed, []))
        for row, (radio, widgets) in enumerate(rows):
            self.group.addButton(radio, row)
            grid.addWidget(radio, row, 0)
            for col, w in enumerate(widgets, start=1):
                grid.addWidget(w, row, col)
        layout.addLayout(grid)
        self.more_new.setEnabled(options.new_available > 0)
        self.more_count.setEnabled(options.new_available > 0)
        self.section.setEnabled(self.section_box.count() > 0)
        self.failed.setEnabled(options.failed_today > 0)
        first = next((r for r in (self.more_new, self.section, self.failed) if r.isEnabled()), None)
        if first is not None:
            first.setChecked(True)
        note = QLabel(self.tr("A custom session lasts until its cards are done or you leave the study screen; "
                      "failed cards go back into today's re-drill (their schedule does not move)."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def choice(self) -> StudyScope | str | None:
        if self.more_new.isChecked():
            return StudyScope(extra_new=self.more_count.value())
        if self.section.isChecked() and self.section_box.currentData():
            return StudyScope(extra_new=self.section_new.value(), section=self.section_box.currentData())
        if self.failed.isChecked():
            return "failed"
        return None
