"""Quizzes and mock interviews: sessions and their items (answers, grades, link to the review log).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# A JSON document: SQLite's JSON; on PostgreSQL the same JSON as text (quizapp/store/dialects.py:
# JsonDocument), so that LIKE, sorting and btree indexes read it as SQLite does.
JSON_DOCUMENT = sa.JSON().with_variant(sa.Text(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "quiz_sessions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("study_day", sa.Integer(), nullable=False),
        sa.Column("sections", JSON_DOCUMENT, nullable=False),
        sa.Column("kinds", JSON_DOCUMENT, nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(4), nullable=False),
        sa.Column("seconds_per_item", sa.Integer(), nullable=True),
    )
    op.create_table(
        "quiz_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("quiz_sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.String(80), sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response", JSON_DOCUMENT, nullable=True),
        sa.Column("result", JSON_DOCUMENT, nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("fed_back", sa.Boolean(), nullable=False),
        sa.Column("review_log_id", sa.Integer(), sa.ForeignKey("review_log.id", ondelete="SET NULL"), nullable=True),
        sa.UniqueConstraint("session_id", "position", name="uq_quiz_items_position"),
    )
    op.create_index("ix_quiz_items_section", "quiz_items", ["section", "answered_at"])
    op.create_index("ix_quiz_items_card", "quiz_items", ["card_id"])


def downgrade() -> None:
    op.drop_table("quiz_items")
    op.drop_table("quiz_sessions")
