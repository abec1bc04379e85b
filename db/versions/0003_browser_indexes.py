"""Card browser indexes: one per sortable column, each ending in the card id.

The browser shows the first page of any sort order by walking an index instead of sorting
100k rows (DESIGN.md §6: a search at 100k cards in <= 50 ms). `ix_cards_section` gains the id
as its second column; (suspended, repetitions, due_day) orders cards by state: new (no due
day), learning (repetitions 0), review, then suspended. No data changes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CARD_INDEXES = {"ix_cards_kind": "kind", "ix_cards_front_en": "front_en", "ix_cards_tags": "tags",
                "ix_cards_updated": "updated_at"}
# Sorts by front_zh and, holding every column a text search reads, lets that search scan the
# index instead of the table (whose rows also carry the card's JSON content).
TEXT_INDEX = ["front_zh", "id", "front_en", "back_zh", "back_en", "section", "kind", "tags"]
STATE_INDEXES = {"ix_card_state_due": "due_day", "ix_card_state_interval": "interval",
                 "ix_card_state_easiness": "easiness", "ix_card_state_lapses": "lapses"}


# On PostgreSQL the text search has its own trigram index (0004) and a btree entry must stay under
# ~2.7 kB, which a card's answers may not: ix_cards_text holds only what the sort by front_zh needs.
TEXT_INDEX_POSTGRESQL = ["front_zh", "id"]


def upgrade() -> None:
    op.drop_index("ix_cards_section", table_name="cards")
    op.create_index("ix_cards_section", "cards", ["section", "id"])
    for name, column in CARD_INDEXES.items():
        op.create_index(name, "cards", [column, "id"])
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_index("ix_cards_text", "cards", TEXT_INDEX_POSTGRESQL if postgresql else TEXT_INDEX)
    # SQLite sorts NULL (a new card's due day) first; PostgreSQL last, unless told: the browser asks
    # it for SQLite's order (services/browser.py: _order), which these indexes then hold as they are.
    due_day = sa.text("due_day NULLS FIRST") if postgresql else "due_day"
    for name, column in STATE_INDEXES.items():
        op.create_index(name, "card_state", [due_day if column == "due_day" else column, "card_id"])
    op.create_index("ix_card_state_state", "card_state", ["suspended", "repetitions", due_day, "card_id"])


def downgrade() -> None:
    op.drop_index("ix_card_state_state", table_name="card_state")
    for name in STATE_INDEXES:
        op.drop_index(name, table_name="card_state")
    op.drop_index("ix_cards_text", table_name="cards")
    for name in CARD_INDEXES:
        op.drop_index(name, table_name="cards")
    op.drop_index("ix_cards_section", table_name="cards")
    op.create_index("ix_cards_section", "cards", ["section"])
