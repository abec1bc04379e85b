"""The queue SQL reads each of today's lists through its own index (store/queue_sql.py): without
statistics SQLite's planner once walked every active card to find the day's few re-drills (~35
ms at 100k cards instead of ~0.05), a choice that came and went between runs."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.store import queue_sql
from quizapp.store.database import Database
from tests.support import NOW

TODAY = NOW.date().toordinal()
INDEX_OF = {"review": "ix_card_state_due", "redrill": "ix_card_state_redrill", "new": "ix_card_state_due"}


def plans(db: Database, kind: str, **options: Any) -> list[str]:
    """The query plan lines of `ranked(kind, ...)`'s statement."""
    seen: list[str] = []
    with db.engine.connect() as conn:
        def explain(sql: str, params: Any) -> list[Any]:
            seen.extend(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql), dict(params)))
            return []

        queue_sql.ranked(explain, kind, TODAY, options.pop("scope", TODAYS_QUEUE), **options)
    return seen


@pytest.mark.sqlite_only("SQLite's query plans")
@pytest.mark.parametrize("kind", ["review", "redrill", "new"])
@pytest.mark.parametrize("options", [{}, {"scope": StudyScope(section="7.2")}, {"deck_ids": (1, 2)}, {"limit": 32}],
                         ids=["whole", "section", "decks", "limit"])
def test_each_list_is_read_through_its_index(sample_db: Database, kind: str, options: dict[str, Any]) -> None:
    lines = plans(sample_db, kind, **options)
    assert any(INDEX_OF[kind] in line for line in lines), lines
    if kind == "redrill":  # never every active card's row
        assert not any("ix_card_state_due" in line or "ix_card_state_state" in line for line in lines), lines
    elif "deck_ids" not in options:  # read in queue order from the index: no sort of the list
        assert not any("TEMP B-TREE" in line for line in lines), lines


@pytest.mark.sqlite_only("SQLite's query plans")
@pytest.mark.parametrize("kind", ["review", "redrill", "new"])
def test_placing_one_card_reads_that_card_by_its_key(sample_db: Database, kind: str) -> None:
    lines = plans(sample_db, kind, card_id="any")
    assert any("sqlite_autoindex_card_state_1" in line for line in lines), lines


@pytest.mark.sqlite_only("SQLite's query plans")
@pytest.mark.parametrize("statement", [queue_sql.DECK_REVIEWS, queue_sql.DECK_NEW], ids=["reviews", "new"])
def test_one_decks_share_is_read_in_order_from_the_deck_index(sample_db: Database, statement: str) -> None:
    """Per-deck limits read each deck's share from ix_card_state_deck_queue, in queue order."""
    sql = "EXPLAIN QUERY PLAN " + statement.format(section=queue_sql._IN_DECK)
    with sample_db.engine.connect() as conn:
        lines = [row[-1] for row in conn.execute(text(sql), {"today": TODAY, "deck_id": 1, "limit": 20})]
    assert any("ix_card_state_deck_queue" in line for line in lines), lines
    assert not any("TEMP B-TREE" in line for line in lines), lines
