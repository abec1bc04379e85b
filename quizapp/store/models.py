"""ORM tables of cards, their scheduling state, the review log and settings (quiz tables:
quiz_models.py; all of them: tables.py). The Alembic scripts in db/ build exactly this schema (a test compares them)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.store.base import Base
from quizapp.store.dialects import JsonDocument


class DeckRow(Base):
    """One deck of the collection (db/versions/0007_decks.py). `name` is hierarchical, Anki's way:
    "NNDL::ch07" is the deck "ch07" inside "NNDL"; a parent needs no row of its own. `sections`
    holds the deck's sections ([{"id": "7.2", "title": {"zh": …, "en": …}}, …], domain/deck_header.py);
    `options` its own settings (daily limits; keys written by others later: scheduler,
    desired_retention, maximum_interval_days), empty for "as the collection"."""

    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    origin: Mapped[str] = mapped_column(String(8))  # bundled | notes | file | anki
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)
    options: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CardRow(Base):
    __tablename__ = "cards"
    # One index per column the card browser sorts by, ending in the id so that ties are ordered
    # by the index too: a sorted first page at 100k cards then reads ~100 index entries instead
    # of sorting the table (db/versions/0003_browser_indexes.py).
    __table_args__ = (
        Index("ix_cards_section", "section", "id"),
        Index("ix_cards_kind", "kind", "id"),
        # also the text search's covering index: scanning it reads a fifth of the table's bytes
        Index("ix_cards_text", "front_zh", "id", "front_en", "back_zh", "back_en", "section", "kind", "tags"),
        Index("ix_cards_front_en", "front_en", "id"),
        Index("ix_cards_tags", "tags", "id"),
        Index("ix_cards_updated", "updated_at", "id"),
        # a deck's cards in id order (the deck filter, the deck list's sizes), covering the text columns
        # as ix_cards_text does: a text search inside one deck scans that deck's entries alone (0007)
        Index("ix_cards_deck", "deck_id", "id", "front_zh", "front_en", "back_zh", "back_en", "section", "kind",
              "tags"),
    )

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id", name="fk_cards_deck_id"))
    section: Mapped[str] = mapped_column(String(32))  # one of its deck's section ids
    kind: Mapped[str] = mapped_column(String(8))
    # The card's content (quizapp.domain.content.Card.to_dict()) and its searchable text columns.
    content: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    front_zh: Mapped[str] = mapped_column(Text, default="")
    front_en: Mapped[str] = mapped_column(Text, default="")
    back_zh: Mapped[str] = mapped_column(Text, default="")
    back_en: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    source: Mapped[list[str]] = mapped_column(JsonDocument, default=list)
    demo_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    origin: Mapped[str] = mapped_column(String(8), default="deck")  # 'deck' (bundled/imported) or 'user'
    deck_hash: Mapped[str] = mapped_column(String(32), default="")  # hash of the deck version last imported
    user_edited: Mapped[bool] = mapped_column(Boolean, default=False)
    # When the user edited a card and a later deck import brings a different version, that
    # version waits here (not applied) until the user resolves the difference.
    deck_content: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    state: Mapped["CardStateRow"] = relationship(back_populates="card", uselist=False, cascade="all, delete-orphan")


class CardStateRow(Base):
    """SM-2 state of one card (quizapp.domain.sm2.CardState) plus the user's marks
    (quizapp.domain.card_marks.CardMarks: suspended, buried today, flag)."""

    __tablename__ = "card_state"
    __table_args__ = (
        # Today's due reviews and new cards (store/queue_sql.py) and the browser's sort by due day,
        # in one index: the queue's order (due day, then deck order, then card id) is the
        # browser's too. An answer moves a card's entry in every index with its due day; one index
        # for both saved two of an answer's ~17 written pages (db/versions/0009_one_due_index.py).
        Index("ix_card_state_due", "due_day", "position", "card_id"),
        Index("ix_card_state_redrill", "redrill_day"),
        # (The card browser's other sort orders are indexed on its copy, CardOrderRow: off the answer path.)
        # the queue of one deck (the deck filter, per-deck limits): Anki's (did, queue, due)
        Index("ix_card_state_deck_queue", "deck_id", "suspended", "due_day", "position", "card_id"),
    )

    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    # A copy of cards.deck_id, so that one index answers "this deck's next cards" (a card never
    # changes deck; whoever inserts a state gives its card's deck).
    deck_id: Mapped[int] = mapped_column(Integer)
    repetitions: Mapped[int] = mapped_column(Integer, default=0)
    easiness: Mapped[int] = mapped_column(Integer, default=250)  # hundredths
    interval: Mapped[int] = mapped_column(Integer, default=0)  # days
    due_day: Mapped[int | None] = mapped_column(Integer, nullable=True)  # study-day ordinal; NULL = new
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    redrill_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_day: Mapped[int | None] = mapped_column(Integer, nullable=True)  # out of this study day's queue
    # server-side default only: an insert that names no flag (rows written for an older schema) still works
    flag: Mapped[int] = mapped_column(Integer, server_default="0")  # 0 none, 1-4 (card_marks.FLAGS)
    # Order in the deck: new cards are introduced in this order. It lives here, not on `cards`,
    # so the index (due_day, position, card_id) answers "next new cards" on its own.
    position: Mapped[int] = mapped_column(Integer, default=0)
    last_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    card: Mapped[CardRow] = relationship(back_populates="state")


class CardOrderRow(Base):
    """The card browser's copy of each card's state columns, with an index per sort order
    (store/browse_order.py, db/versions/0010_browse_order.py). Those indexes are off the answer
    path: an answer writes card_state, a trigger appends the card's id to `card_order_stale`,
    and the browser copies the marked cards' columns here before it searches."""

    __tablename__ = "card_order"
    __table_args__ = (
        Index("ix_card_order_due", "due_day", "position", "card_id"),
        Index("ix_card_order_interval", "interval", "card_id"),
        Index("ix_card_order_easiness", "easiness", "card_id"),
        Index("ix_card_order_lapses", "lapses", "card_id"),
        # state order: new (no due day), learning (repetitions 0), review, then suspended
        Index("ix_card_order_state", "suspended", "repetitions", "due_day", "card_id"),
    )

    card_id: Mapped[str] = mapped_column(String(80), primary_key=True)  # card_state's key
    suspended: Mapped[bool] = mapped_column(Boolean)
    repetitions: Mapped[int] = mapped_column(Integer)
    due_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    interval: Mapped[int] = mapped_column(Integer)
    easiness: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)
    flag: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)


class CardOrderStaleRow(Base):
    """A card whose state columns changed since the browser last copied them (card_order):
    appended by triggers on card_state, emptied by store/browse_order.py."""

    __tablename__ = "card_order_stale"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(String(80))


class FsrsStateRow(Base):
    """FSRS memory of one card (quizapp.domain.scheduler.FsrsMemory), kept beside its SM-2 row once
    FSRS has scheduled it (db/versions/0005_fsrs.py). It is current while `last_review_at` equals
    the card state's `last_reviewed_at`; otherwise FSRS rebuilds it from the review log."""

    __tablename__ = "fsrs_state"

    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    stability: Mapped[float] = mapped_column(Float)
    difficulty: Mapped[float] = mapped_column(Float)
    phase: Mapped[int] = mapped_column(Integer)  # 1 learning, 2 review, 3 relearning (py-fsrs State)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_review_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReviewLogRow(Base):
    """Append-only: one row per answer. Undo only sets `undone`; rows are never rewritten
    otherwise, so the history can be replayed or fed to another scheduler."""

    __tablename__ = "review_log"
    __table_args__ = (
        Index("ix_review_log_card", "card_id", "id"),
        Index("ix_review_log_day", "study_day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    grade: Mapped[int] = mapped_column(Integer)  # SM-2 quality 0-5
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # UTC
    study_day: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(8))  # new | review | redrill | quiz
    state_before: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    state_after: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JsonDocument, nullable=False)
