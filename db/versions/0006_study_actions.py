"""Review-screen actions (issue 13): bury a card until tomorrow and flag it.

* `card_state.buried_day`: the study day the card is buried on (it is out of that day's queue,
  back the next day by itself); NULL when not buried.
* `card_state.flag`: 0 for none, 1-4 for Anki's red / orange / green / blue.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN: SQLite adds a nullable column or one with a constant default in place
    op.add_column("card_state", sa.Column("buried_day", sa.Integer(), nullable=True))
    op.add_column("card_state", sa.Column("flag", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("card_state") as batch:
        batch.drop_column("flag")
        batch.drop_column("buried_day")
