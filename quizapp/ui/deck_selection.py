"""The deck the person picked to study (the overview's deck tree): one per window, shared by the
study, quiz, mock-interview, browser and statistics screens, which show it and honour it.
None means every deck. A screen reads `deck_selection(window).name` when it loads and listens to
`changed` to reload."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from typing import Any

from PySide6.QtWidgets import QWidget

OBJECT_NAME = "deck-selection"


class DeckSelection(QObject):
    changed = Signal(object)  # the new deck name, or None for every deck

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.name: str | None = None

    def select(self, name: str | None) -> None:
        if name != self.name:
            self.name = name
            self.changed.emit(name)

    def label(self) -> str:
        """The selection in the person's words (for a screen's heading)."""
        return self.name if self.name is not None else self.tr("All decks")


def deck_selection(window: QWidget) -> DeckSelection:
    """The window's selection, made on first use (a child of the window, so it lives as long)."""
    found = window.findChild(DeckSelection, OBJECT_NAME)
    return found if found is not None else DeckSelection(window)


def follow_deck(window: QWidget, view: Any) -> None:
    """A quiz or mock-interview screen (ui/quiz_widgets.py: QuestionScreen with a `deck_name`)
    draws from the deck picked on the overview, and reloads its setup page when another is picked."""
    selection = deck_selection(window)
    view.deck_name = lambda: selection.name
    selection.changed.connect(lambda _name: view.refresh() if view.pages.currentIndex() == view.SETUP else None)
