"""Comparing the user's edit of a card with the deck's newer version, and choosing one.

Shows each differing field side by side, the words only one version has marked (struck out in
red on the user's side, green on the deck's). `choice` is "mine", "deck" or None (decide later);
the browser resolves it as an op (services.card_editing.resolve_deck_version).
"""
from __future__ import annotations

import html
from typing import Literal

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from quizapp.domain.card_diff import FieldDifference
from quizapp.services.card_editing import DeckDifference
from quizapp.ui.fonts import css_font_stack

REMOVED = "color:#b42318;text-decoration:line-through;background:#fdecea"
ADDED = "color:#14603a;background:#e6f5ec"


def side_html(diff: FieldDifference, side: str) -> str:
    """One side of a field: the text with the words only this side has marked."""
    parts = []
    for kind, text in diff.segments():
        escaped = html.escape(text).replace("\n", "<br>")
        if kind == "same":
            parts.append(escaped)
        elif kind == "removed" and side == "mine":
            parts.append(f"<span style='{REMOVED}'>{escaped}</span>")
        elif kind == "added" and side == "deck":
            parts.append(f"<span style='{ADDED}'>{escaped}</span>")
    return "".join(parts) or "<i>(empty)</i>"


DeckChoice = Literal["mine", "deck"]  # CardEditingService.resolve_deck_version's `keep`


class DeckDiffDialog(QDialog):
    def __init__(self, difference: DeckDifference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.difference = difference
        self.choice: DeckChoice | None = None
        self.setWindowTitle(self.tr("Deck update for {card}").format(card=difference.card_id))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("You edited {card}, and the deck has a newer version of it. %n field(s) differ. "
                               "Keep yours, or take the deck's (your edit is then replaced; the card's schedule "
                               "and history stay either way).", "", len(difference.fields)).format(
                                   card=f"<b>{html.escape(difference.card_id)}</b>"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(difference.fields), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Yours"), self.tr("The deck's")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        font = css_font_stack()
        for row, diff in enumerate(difference.fields):
            self.table.setItem(row, 0, QTableWidgetItem(diff.field))
            for col, side in ((1, "mine"), (2, "deck")):
                view = QTextBrowser()
                view.setObjectName("deck-diff-field")  # the card's text, either version
                view.setHtml(f"<div style=\"font-family:{html.escape(font)}\">{side_html(diff, side)}</div>")
                view.setFrameStyle(0)
                self.table.setCellWidget(row, col, view)
            self.table.setRowHeight(row, 84)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep mine"))
        self.take_button = QPushButton(self.tr("Take the deck's"))
        later = QPushButton(self.tr("Decide later"))
        self.keep_button.clicked.connect(lambda: self._choose("mine"))
        self.take_button.clicked.connect(lambda: self._choose("deck"))
        later.clicked.connect(self.reject)
        buttons.addStretch(1)
        for b in (later, self.keep_button, self.take_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    def _choose(self, choice: DeckChoice) -> None:
        self.choice = choice
        self.accept()
