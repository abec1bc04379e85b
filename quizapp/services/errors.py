"""Errors a user can cause; the CLI prints them as one line, the UI shows them in a dialog."""
from __future__ import annotations

from quizapp.engine.errors import DemoError  # a bad demo id, parameter or device: the engine's own words
from quizapp.i18n.text import ErrorText

__all__ = ["DemoError", "UserError", "CardNotFound", "DatabaseUnavailable", "DeckInvalid", "InvalidSetting"]


class UserError(Exception):
    exit_code = 2


class CardNotFound(UserError):
    def __init__(self, card_id: str) -> None:
        super().__init__(ErrorText.tr("no card with id '{card_id}' (see 'quizapp due' or the browser for ids)")
                         .format(card_id=card_id))
        self.card_id = card_id


class DatabaseUnavailable(UserError):
    exit_code = 3


class DeckInvalid(UserError):
    """The deck has errors; nothing was imported. `issues` lists them all (FILE:LINE: message)."""

    exit_code = 4

    def __init__(self, issues: list[str]) -> None:
        self.issues = issues
        head = ErrorText.tr("the deck has %n error(s); nothing was imported:", "", len(issues))
        super().__init__(head + "\n" + "\n".join(f"  {i}" for i in issues))


class InvalidSetting(UserError):
    pass
