"""FSRS memory per card (docs/fsrs.md): stability, difficulty, phase, learning step, due and last
review times, for cards scheduled by FSRS. SM-2's card_state is untouched: a card has a row here
only once FSRS has scheduled it, and SM-2 never reads it. No data changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fsrs_state",
        sa.Column("card_id", sa.String(80), sa.ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("stability", sa.Float(), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_review_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fsrs_state")
