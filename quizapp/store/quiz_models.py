"""ORM tables of quizzes and mock interviews (db/versions/0002_quiz.py builds the same schema).

A session stores what was asked (its items, drawn at start, in order) so a report can be
rebuilt later; each item stores the response and its grade. The review log keeps the SM-2
side of every answer (kind 'quiz'); `review_log_id` links the two.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.store.base import Base
from quizapp.store.dialects import JsonDocument


class QuizSessionRow(Base):
    __tablename__ = "quiz_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mode: Mapped[str] = mapped_column(String(8))  # quiz | mock
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # UTC
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    study_day: Mapped[int] = mapped_column(Integer)
    sections: Mapped[list[str]] = mapped_column(JsonDocument)  # as chosen; empty = all
    kinds: Mapped[list[str]] = mapped_column(JsonDocument)
    seed: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(4))
    seconds_per_item: Mapped[int | None] = mapped_column(Integer, nullable=True)  # mock countdown

    items: Mapped[list["QuizItemRow"]] = relationship(back_populates="session", order_by="QuizItemRow.position",
                                                      cascade="all, delete-orphan")


class QuizItemRow(Base):
    __tablename__ = "quiz_items"
    __table_args__ = (
        UniqueConstraint("session_id", "position", name="uq_quiz_items_position"),
        # "weakest sections" reads each section's latest answers
        Index("ix_quiz_items_section", "section", "answered_at"),
        Index("ix_quiz_items_card", "card_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("quiz_sessions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 0-based order in the session
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    # Copied from the card at start so history stays put if a deck update moves a card.
    section: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(8))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    response: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)  # domain.quiz.response_to_dict
    result: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument, nullable=True)  # domain.quiz.ItemGrade.to_dict
    correct: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fed_back: Mapped[bool] = mapped_column(Boolean, default=False)  # the miss made the card due today
    review_log_id: Mapped[int | None] = mapped_column(ForeignKey("review_log.id", ondelete="SET NULL"),
                                                      nullable=True)

    session: Mapped[QuizSessionRow] = relationship(back_populates="items")
