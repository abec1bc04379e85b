"""The deck filter as SQL: a deck name covers that deck and its sub-decks ("NNDL" covers
"NNDL::ch07"), read through the index ix_cards_deck. Used by the browser, statistics and
quizzes (the study queue has the same rule as plain SQL in store/queue_sql.py)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, true

from quizapp.domain.deck_header import SEPARATOR
from quizapp.store.models import CardRow, DeckRow


def _like_prefix(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + SEPARATOR + "%"


def deck_ids_within(name: str) -> Select[Any]:
    """The ids of deck `name` and of its sub-decks."""
    return select(DeckRow.id).where(or_(DeckRow.name == name, DeckRow.name.like(_like_prefix(name), escape="\\")))


def cards_within(name: str) -> Select[Any]:
    """The ids of the cards of deck `name` and of its sub-decks."""
    return select(CardRow.id).where(CardRow.deck_id.in_(deck_ids_within(name)))


def card_in_deck(card_id_column: Any, deck: str | None) -> ColumnElement[bool]:
    """`card_id_column` is a card of `deck` (or any card when `deck` is None)."""
    return true() if deck is None else card_id_column.in_(cards_within(deck))
