"""The card editor: a dialog over a card's deck-file table (quizapp.domain.deck.card_table).

It edits the text in both languages, the choices of a multiple-choice card, the tags and the
demo link; fields it does not show (the note question ids, a correction) pass through
unchanged. It saves nothing itself: `submitted` carries the table to the browser, which runs
the save as an op and calls `show_problems` when the deck's rules refuse it (the dialog stays
open with the user's text) or `accept` when it was saved.
"""
from __future__ import annotations

import tomllib
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from quizapp.domain.catalogue import DEMO_IDS, SECTIONS
from quizapp.domain.content import CARD_KINDS
from quizapp.ui.translation import QT_TRANSLATE_NOOP

KIND_LABELS = {"qa": QT_TRANSLATE_NOOP("CardEditor", "Question and answer"),
               "cloze": QT_TRANSLATE_NOOP("CardEditor", "Cloze ({{c1::…}} blanks)"),
               "mcq": QT_TRANSLATE_NOOP("CardEditor", "Multiple choice")}
CHOICE_COLUMNS = ("中文", "English", QT_TRANSLATE_NOOP("CardEditor", "Correct"),
                  QT_TRANSLATE_NOOP("CardEditor", "Why (中文)"), QT_TRANSLATE_NOOP("CardEditor", "Why (English)"))
NO_DEMO = QT_TRANSLATE_NOOP("CardEditor", "(no demo)")


def _text_box(placeholder: str, lines: int = 3, grow: bool = False) -> QPlainTextEdit:
    """A text box `lines` high; only boxes that `grow` (the answers) take the spare height."""
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setMinimumHeight(height)
    if not grow:
        box.setMaximumHeight(height)
    return box


def params_text(params: dict[str, Any]) -> str:
    """Demo parameters as TOML lines, `name = value`."""
    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return repr(v)

    return "\n".join(f"{k} = {value(v)}" for k, v in params.items())


def parse_params(text: str) -> tuple[dict[str, Any], str | None]:
    """TOML lines -> parameters, or an error message naming the line."""
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as exc:
        return {}, QCoreApplication.translate("CardEditor", "demo parameters: {problem} (write one 'name = value' per "
                                                            "line)").format(problem=exc)


class CardEditor(QDialog):
    submitted = Signal(dict)  # the card's table, to be validated and saved by the caller

    def __init__(self, table: dict[str, Any] | None = None, *, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_new = table is None
        self.original: dict[str, Any] = dict(table or {"section": "7.1", "kind": "qa", "tags": [], "source": []})
        self.setWindowTitle(self.tr("Add a card") if self.is_new
                            else self.tr("Edit card {card}").format(card=self.original.get("id", "")))
        self.resize(760, 720)
        self._build(note)
        self._load(self.original)
        self._kind_changed()

    # ----- layout ------------------------------------------------------------------------------
    def _build(self, note: str) -> None:
        outer = QVBoxLayout(self)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            hint.setObjectName("hint")
            outer.addWidget(hint)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.id_label = QLabel(self.original.get("id", self.tr("assigned when saved")))
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Card id"), self.id_label)
        self.section = QComboBox()
        for section, (zh, en) in SECTIONS.items():
            self.section.addItem(f"{section}  {zh} · {en}", section)
        form.addRow(self.tr("Section"), self.section)
        self.kind = QComboBox()
        for kind in CARD_KINDS:
            self.kind.addItem(self.tr(KIND_LABELS[kind]), kind)
        self.kind.setEnabled(self.is_new)  # an existing card keeps its kind (its fields depend on it)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        form.addRow(self.tr("Kind"), self.kind)
        self.front_zh, self.front_en = _text_box("问题（中文）"), _text_box(self.tr("Question (English)"))
        self.text_zh = _text_box("带空的句子，例如：动量的作用是{{c1::加速收敛}}。", 4, True)
        self.text_en = _text_box(self.tr("Sentence with blanks, e.g. Momentum {{c1::speeds up convergence}}."), 4,
                                 True)
        self.back_zh, self.back_en = _text_box("答案（中文）", 5, True), _text_box(self.tr("Answer (English)"), 5, True)
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, label, widget in (("front_zh", self.tr("Question (中文)"), self.front_zh),
                                   ("front_en", self.tr("Question (English)"), self.front_en),
                                   ("text_zh", self.tr("Text (中文)"), self.text_zh),
                                   ("text_en", self.tr("Text (English)"), self.text_en),
                                   ("back_zh", self.tr("Answer (中文)"), self.back_zh),
                                   ("back_en", self.tr("Answer (English)"), self.back_en)):
            caption = QLabel(label)
            form.addRow(caption, widget)
            self.rows[key] = (caption, widget)
        self.choices = QTableWidget(0, len(CHOICE_COLUMNS))
        self.choices.setHorizontalHeaderLabels([self.tr(c) for c in CHOICE_COLUMNS])
        self.choices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.choices.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.choices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.choices.setMinimumHeight(150)
        choice_box = QWidget()
        choice_layout = QVBoxLayout(choice_box)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(self.choices)
        buttons = QHBoxLayout()
        add, remove = QPushButton(self.tr("Add choice")), QPushButton(self.tr("Remove choice"))
        add.clicked.connect(lambda: self._add_choice({"zh": "", "en": "", "correct": False,
                                                     "why": {"zh": "", "en": ""}}))
        remove.clicked.connect(self._remove_choice)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        choice_layout.addLayout(buttons)
        caption = QLabel(self.tr("Choices"))
        form.addRow(caption, choice_box)
        self.rows["choices"] = (caption, choice_box)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. optimizer, adam"))
        form.addRow(self.tr("Tags"), self.tags)
        self.demo = QComboBox()
        self.demo.addItem(self.tr(NO_DEMO), None)
        for demo_id in DEMO_IDS:
            self.demo.addItem(demo_id, demo_id)
        self.params = _text_box("lr = 0.1\nmomentum = 0.9", 3)
        self.demo.currentIndexChanged.connect(lambda _i: self.params.setEnabled(self.demo.currentData() is not None))
        form.addRow(self.tr("Demo"), self.demo)
        form.addRow(self.tr("Demo parameters"), self.params)
        outer.addLayout(form, 1)
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")  # the theme's red message box
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def _add_choice(self, choice: dict[str, Any]) -> None:
        row = self.choices.rowCount()
        self.choices.insertRow(row)
        why = choice.get("why") or {}
        for col, value in ((0, choice.get("zh", "")), (1, choice.get("en", "")), (3, why.get("zh", "")),
                           (4, why.get("en", ""))):
            self.choices.setItem(row, col, QTableWidgetItem(value))
        box = QCheckBox()
        box.setChecked(bool(choice.get("correct")))
        self.choices.setCellWidget(row, 2, box)

    def _remove_choice(self) -> None:
        rows = sorted({i.row() for i in self.choices.selectedIndexes()}, reverse=True) or \
            ([self.choices.rowCount() - 1] if self.choices.rowCount() else [])
        for row in rows:
            self.choices.removeRow(row)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        visible = {"front_zh": kind != "cloze", "front_en": kind != "cloze", "text_zh": kind == "cloze",
                   "text_en": kind == "cloze", "choices": kind == "mcq"}
        for key, (caption, widget) in self.rows.items():
            shown = visible.get(key, True)
            caption.setVisible(shown)
            widget.setVisible(shown)
        if kind == "mcq" and self.choices.rowCount() == 0:
            for _ in range(3):
                self._add_choice({"zh": "", "en": "", "correct": False, "why": {"zh": "", "en": ""}})

    # ----- values ------------------------------------------------------------------------------
    def _load(self, t: dict[str, Any]) -> None:
        self.section.setCurrentIndex(max(0, self.section.findData(t.get("section"))))
        self.kind.setCurrentIndex(max(0, self.kind.findData(t.get("kind"))))
        for prefix, key in (("front", "front"), ("text", "text"), ("back", "back")):
            pair = t.get(key) or {}
            getattr(self, f"{prefix}_zh").setPlainText(pair.get("zh", ""))
            getattr(self, f"{prefix}_en").setPlainText(pair.get("en", ""))
        for choice in t.get("choices", []):
            self._add_choice(choice)
        self.tags.setText(", ".join(t.get("tags", [])))
        demo = t.get("demo") or {}
        self.demo.setCurrentIndex(max(0, self.demo.findData(demo.get("id"))))
        self.params.setPlainText(params_text(demo.get("params", {})))
        self.params.setEnabled(demo.get("id") is not None)

    def table(self) -> tuple[dict[str, Any], list[str]]:
        """The card as a deck-file table built from the fields, and problems found before saving."""
        kind = self.kind.currentData()
        t = {k: v for k, v in self.original.items() if k not in ("front", "text", "back", "choices", "demo")}
        t.update(section=self.section.currentData(), kind=kind,
                 tags=[tag.strip() for tag in self.tags.text().split(",") if tag.strip()])

        def pair(prefix: str) -> dict[str, str]:
            return {"zh": getattr(self, f"{prefix}_zh").toPlainText().strip(),
                    "en": getattr(self, f"{prefix}_en").toPlainText().strip()}

        if kind == "cloze":
            t["text"] = pair("text")
        else:
            t["front"] = pair("front")
        back = pair("back")
        if kind == "qa" or back["zh"] or back["en"]:  # optional for cloze and mcq
            t["back"] = back
        if kind == "mcq":
            t["choices"] = [self._choice(row) for row in range(self.choices.rowCount())]
        problems = []
        demo_id = self.demo.currentData()
        if demo_id is not None:
            params, problem = parse_params(self.params.toPlainText())
            if problem:
                problems.append(problem)
            t["demo"] = {"id": demo_id, "params": params}
        return t, problems

    def _choice(self, row: int) -> dict[str, Any]:
        def cell(col: int) -> str:
            item = self.choices.item(row, col)
            return item.text().strip() if item is not None else ""

        box = self.choices.cellWidget(row, 2)
        return {"zh": cell(0), "en": cell(1), "correct": isinstance(box, QCheckBox) and box.isChecked(),
                "why": {"zh": cell(3), "en": cell(4)}}

    # ----- saving ------------------------------------------------------------------------------
    def submit(self) -> None:
        table, problems = self.table()
        if problems:
            self.show_problems(problems)
            return
        self.buttons.setEnabled(False)  # until the caller answers with accept() or show_problems()
        self.submitted.emit(table)

    def show_problems(self, problems: list[str]) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(self.tr("Not saved — please fix:") + "\n" + "\n".join(f"• {p}" for p in problems))
        self.error_label.setVisible(True)
