"""Changing cards from the browser: edit, add, suspend, reset, delete, and resolving a deck
version that arrived while the user had the card edited.

An edit is checked by the deck's own rules (quizapp.domain.deck.parse_card_table), so a card
the user saves is a card the importer would accept. Editing marks the card `user_edited`, which
makes a later deck import park its version in `deck_content` instead of overwriting the
user's (services/importer.py); `deck_difference` shows the two side by side and
`resolve_deck_version` keeps one. Each function is one transaction.
"""
from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal, cast

from sqlalchemy import CursorResult, Result, delete, func, select, update

from quizapp.domain.card_diff import FieldDifference, field_differences
from quizapp.domain.content import Card, content_digest
from quizapp.domain.deck import card_table, parse_card_table
from quizapp.domain.deck_header import BUNDLED_DECK
from quizapp.domain.sm2 import EF_START
from quizapp.services.changes import CONTENT, NOTHING, SCHEDULE, Changed, Changes
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.importer import card_columns, check_demo_params, deck_section_ids, ensure_deck, question_ids
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, DeckRow
from quizapp.i18n.text import ErrorText

_CHUNK = 500  # ids per IN (...) list, far below SQLite's limit on bound parameters


class CardInvalid(UserError):
    """The card breaks the deck's rules; nothing was saved. `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(ErrorText.tr("the card was not saved: {problems}").format(problems="; ".join(problems)))


@dataclass(frozen=True)
class EditableCard:
    """A card as the editor shows it: its deck-file table (see domain.deck.card_table)."""

    card_id: str
    table: dict[str, Any]
    origin: str  # deck | user
    user_edited: bool
    deck_update_waiting: bool


@dataclass(frozen=True)
class EditOutcome:
    card_id: str
    changed: bool  # False: the table held the card as it was
    user_edited: bool  # False when the edit made the card equal to the deck's version again

    @property
    def changes(self) -> Changes:
        return CONTENT if self.changed else NOTHING


@dataclass(frozen=True)
class DeckDifference:
    card_id: str
    mine: Card
    deck: Card
    fields: list[FieldDifference]


def _validate(table: Mapping[str, Any], card_id: str, sections: Sequence[str] | None = None) -> Card:
    card, problems = parse_card_table({**table, "id": card_id}, question_ids(), check_demo_params, sections)
    if card is None:
        raise CardInvalid(problems or [ErrorText.tr("the card is not valid")])
    return card


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for card_id in dict.fromkeys(ids):  # unique, in order
        batch.append(card_id)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched (SQLAlchemy types execute() as a plain Result)."""
    return cast(CursorResult[Any], result).rowcount or 0


def _stamp(now: datetime) -> datetime:
    return now.astimezone(timezone.utc)


def new_card_id(section: str) -> str:
    """A fresh id for a card the user adds, e.g. 'user-7-2-3f9a1c0b' (deck ids never start 'user-')."""
    return f"user-{section.replace('.', '-')}-{secrets.token_hex(4)}"


class CardEditingService:
    """Editing, adding, suspending, resetting and deleting cards; resolving deck versions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def load_for_edit(self, card_id: str) -> EditableCard:
        with self.db.read_session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            return EditableCard(card_id, card_table(Card.from_dict(row.content)), row.origin, row.user_edited,
                                row.deck_content is not None)

    def edit_card(self, card_id: str, table: Mapping[str, Any], now: datetime) -> EditOutcome:
        """Replace a card's content with `table` (the id cannot change). Its schedule and history stay."""
        with self.db.read_session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            sections = deck_section_ids(session, row.deck_id)
        card = _validate(table, card_id, sections)  # against its deck's sections
        content = card.to_dict()
        digest = content_digest(content)
        with self.db.session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            if row.content.get("anki"):  # where the card came from in Anki (docs/anki.md): kept for the export
                content["anki"] = row.content["anki"]
                digest = content_digest(content)
            if content_digest(row.content) == digest:
                return EditOutcome(card_id, False, row.user_edited)
            for key, value in card_columns(card, content).items():
                setattr(row, key, value)
            # Back to exactly the deck's latest version: a deck card again, updated by imports.
            back_to_deck = row.origin == "deck" and digest == row.deck_hash
            row.user_edited = not back_to_deck
            if back_to_deck:
                row.deck_content = None
            row.updated_at = _stamp(now)
            return EditOutcome(card_id, True, row.user_edited)

    def add_card(self, table: Mapping[str, Any], now: datetime, deck: str = BUNDLED_DECK) -> Changed[str]:
        """Add the user's own card (origin 'user', new, after every other new card) to `deck`
        (created when missing); returns its id."""
        card_id = str(table.get("id") or new_card_id(str(table.get("section", "x"))))
        with self.db.read_session() as session:
            known = session.scalar(select(DeckRow.sections).where(DeckRow.name == deck))
        card = _validate(table, card_id, [s["id"] for s in known] if known is not None else None)
        content = card.to_dict()
        stamp = _stamp(now)
        with self.db.session() as session:
            deck_id = ensure_deck(session, deck, "file", None, stamp)
            if session.get(CardRow, card_id) is not None:
                raise CardInvalid([ErrorText.tr(
                    "card {card_id}: a card with this id already exists").format(
                    card_id=card_id)])
            position = (session.scalar(select(func.max(CardStateRow.position))) or 0) + 1
            # user_edited: the content is the user's, so a deck that ever ships this id cannot overwrite it
            session.add(CardRow(id=card_id, deck_id=deck_id, **card_columns(card, content), origin="user",
                                deck_hash="",
                                user_edited=True, deck_content=None, created_at=stamp, updated_at=stamp))
            session.flush()
            session.add(CardStateRow(card_id=card_id, deck_id=deck_id, repetitions=0, easiness=EF_START, interval=0,
                                     due_day=None, lapses=0, redrill_day=None, suspended=False, position=position,
                                     last_reviewed_at=None))
        return Changed(card_id, CONTENT)

    def set_suspended(self, card_ids: Sequence[str], suspended: bool) -> Changed[int]:
        """Suspend (leave out of every queue) or unsuspend; returns how many cards changed."""
        changed = 0
        with self.db.session() as session:
            for batch in _chunks(card_ids):
                changed += _rowcount(session.execute(update(CardStateRow).where(
                    CardStateRow.card_id.in_(batch), CardStateRow.suspended.is_not(suspended))
                    .values(suspended=suspended)))
        return Changed(changed, CONTENT | SCHEDULE)

    def reset_schedule(self, card_ids: Sequence[str]) -> Changed[int]:
        """Make cards new again (repetitions, EF, interval, due day and lapses as on import). Their
        review history stays; an answer from before the reset can no longer be undone."""
        changed = 0
        with self.db.session() as session:
            for batch in _chunks(card_ids):
                changed += _rowcount(session.execute(update(CardStateRow).where(CardStateRow.card_id.in_(batch)).values(
                    repetitions=0, easiness=EF_START, interval=0, due_day=None, lapses=0, redrill_day=None)))
        return Changed(changed, SCHEDULE)

    def delete_cards(self, card_ids: Sequence[str]) -> Changed[int]:
        """Delete cards with their schedules, review history and quiz answers (the UI confirms first).
        A card of the bundled deck comes back, as new, at the next deck import; suspend it to hide it."""
        deleted = 0
        with self.db.session() as session:
            for batch in _chunks(card_ids):
                deleted += _rowcount(session.execute(delete(CardRow).where(CardRow.id.in_(batch))))
        return Changed(deleted, CONTENT | SCHEDULE)

    def deck_difference(self, card_id: str) -> DeckDifference | None:
        """The user's version and the deck's parked newer one, field by field (None: nothing waits)."""
        with self.db.read_session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            if row.deck_content is None:
                return None
            mine, deck = Card.from_dict(row.content), Card.from_dict(row.deck_content)
        return DeckDifference(card_id, mine, deck, field_differences(mine, deck))

    def resolve_deck_version(self, card_id: str, keep: Literal["mine", "deck"], now: datetime) -> Changed[Card]:
        """Keep the user's version (the parked one is dropped; the same deck version will not be
        offered again) or take the deck's (the card follows the deck again). Returns the card kept."""
        if keep not in ("mine", "deck"):
            raise UserError(ErrorText.tr("keep must be 'mine' or 'deck', got {keep}").format(keep=f"{keep!r}"))
        with self.db.session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            if row.deck_content is None:
                raise UserError(ErrorText.tr("card '{card_id}' has no deck version waiting").format(card_id=card_id))
            if keep == "mine":
                # deck_hash already names the parked version (the importer set it), so the next
                # import of that same version finds the card unchanged.
                row.deck_content = None
                return Changed(Card.from_dict(row.content), CONTENT)
            deck = Card.from_dict(row.deck_content)
            for key, value in card_columns(deck, dict(row.deck_content)).items():
                setattr(row, key, value)
            row.user_edited = False
            row.deck_content = None
            row.updated_at = _stamp(now)
            return Changed(deck, CONTENT)
