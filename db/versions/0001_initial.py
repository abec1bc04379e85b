"""Initial schema: cards, scheduling state, append-only review log, settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# A JSON document: SQLite's JSON; on PostgreSQL the same JSON as text (quizapp/store/dialects.py:
# JsonDocument), so that LIKE, sorting and btree indexes read it as SQLite does.
JSON_DOCUMENT = sa.JSON().with_variant(sa.Text(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("section", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("content", JSON_DOCUMENT, nullable=False),
        sa.Column("front_zh", sa.Text(), nullable=False),
        sa.Column("front_en", sa.Text(), nullable=False),
        sa.Column("back_zh", sa.Text(), nullable=False),
        sa.Column("back_en", sa.Text(), nullable=False),
        sa.Column("tags", JSON_DOCUMENT, nullable=False),
        sa.Column("source", JSON_DOCUMENT, nullable=False),
        sa.Column("demo_id", sa.String(40), nullable=True),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("deck_hash", sa.String(32), nullable=False),
        sa.Column("user_edited", sa.Boolean(), nullable=False),
        sa.Column("deck_content", JSON_DOCUMENT, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cards_section", "cards", ["section"])
    op.create_table(
        "card_state",
        sa.Column("card_id", sa.String(80), sa.ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("repetitions", sa.Integer(), nullable=False),
        sa.Column("easiness", sa.Integer(), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.Integer(), nullable=True),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("redrill_day", sa.Integer(), nullable=True),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("last_reviewed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_card_state_queue", "card_state", ["suspended", "due_day", "position"])
    op.create_index("ix_card_state_redrill", "card_state", ["redrill_day"])
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.String(80), sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("study_day", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("state_before", JSON_DOCUMENT, nullable=False),
        sa.Column("state_after", JSON_DOCUMENT, nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_review_log_card", "review_log", ["card_id", "id"])
    op.create_index("ix_review_log_day", "review_log", ["study_day"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", JSON_DOCUMENT, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("review_log")
    op.drop_table("card_state")
    op.drop_table("cards")
