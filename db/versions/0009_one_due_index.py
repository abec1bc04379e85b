"""One index for today's queue and the browser's sort by due day.

An answer moves its card's entry in every card_state index that holds the due day; at 100k cards
each such index costs an answer about two written pages of the WAL (issue 20: ~17.5 pages an
answer, measured frame by frame). Two indexes held it for two readers:

* ix_card_state_queue (suspended, due_day, position): today's due reviews and new cards;
* ix_card_state_due (due_day, card_id): the browser's sort by due day.

They become one, ix_card_state_due (due_day, position, card_id): the queue reads due reviews and
new cards from it in queue order (the rare suspended card is skipped on its row), and the
browser's sort by due day orders ties in deck order, as the queue shows them. Every list of the
queue now settles ties of position by the card id, on SQLite as on PostgreSQL (it was the rowid
on SQLite) and as the domain rule does (domain/queue.py); ix_card_state_deck_queue ends in the
card id too, so one deck's share is read in that order. No data changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _due_day() -> Any:
    # SQLite sorts NULL (a new card's due day) first; PostgreSQL's index is told to (as 0003's)
    return sa.text("due_day NULLS FIRST") if op.get_bind().dialect.name == "postgresql" else "due_day"


def upgrade() -> None:
    op.drop_index("ix_card_state_queue", table_name="card_state")
    op.drop_index("ix_card_state_due", table_name="card_state")
    op.create_index("ix_card_state_due", "card_state", [_due_day(), "position", "card_id"])
    op.drop_index("ix_card_state_deck_queue", table_name="card_state")
    op.create_index("ix_card_state_deck_queue", "card_state",
                    ["deck_id", "suspended", "due_day", "position", "card_id"])


def downgrade() -> None:
    op.drop_index("ix_card_state_deck_queue", table_name="card_state")
    op.create_index("ix_card_state_deck_queue", "card_state", ["deck_id", "suspended", "due_day", "position"])
    op.drop_index("ix_card_state_due", table_name="card_state")
    op.create_index("ix_card_state_due", "card_state", [_due_day(), "card_id"])
    op.create_index("ix_card_state_queue", "card_state", ["suspended", "due_day", "position"])
