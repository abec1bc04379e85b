"""Shared test constants (importable as tests.support: the repo root is on pytest's pythonpath)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.store.database import Database

SAMPLE_DECK = Path(__file__).parent / "fixtures" / "deck"
CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=CST)


def db_arg(db: Database) -> str:
    """What `--db` names for an open collection: its file (SQLite) or its URL (PostgreSQL)."""
    return str(db.path) if db.path is not None else db.url.render_as_string(hide_password=False)


def replay_mismatches(db: Database, start: dict[str, object] | None = None) -> list[str]:
    """Replay the review log serially with the reference rule (domain/review.py: review_card),
    card by card in log order from each card's first logged state (or `start`), and say where
    it disagrees with what is stored: a row whose state before is not the state the answers
    before it left (an answer applied to a stale state, i.e. one lost), a row whose state after
    is not review_card's, or a card whose stored state is not the last answer's."""
    from sqlalchemy import select

    from quizapp.domain.review import review_card
    from quizapp.domain.sm2 import CardState
    from quizapp.store.models import CardStateRow, ReviewLogRow
    from quizapp.store.reviews import state_of

    problems: list[str] = []
    current: dict[str, CardState] = {}
    with db.read_session() as session:
        rows = session.execute(select(ReviewLogRow.id, ReviewLogRow.card_id, ReviewLogRow.grade,
                                      ReviewLogRow.study_day, ReviewLogRow.state_before, ReviewLogRow.state_after)
                               .where(ReviewLogRow.undone.is_(False)).order_by(ReviewLogRow.id)).all()
        for log_id, card_id, grade, day, before, after in rows:
            state = current.get(card_id) or CardState.from_dict(before if start is None else start)
            if CardState.from_dict(before) != state:
                problems.append(f"#{log_id} {card_id}: logged before {before}, replay has {state.to_dict()}")
            replayed = review_card(state, grade, day).after
            if CardState.from_dict(after) != replayed:
                problems.append(f"#{log_id} {card_id}: logged after {after}, review_card gives {replayed.to_dict()}")
            current[card_id] = replayed
        for card_id, state in current.items():
            row = session.get(CardStateRow, card_id)
            if row is None or state_of(row) != state:
                problems.append(f"{card_id}: stored {None if row is None else state_of(row).to_dict()}, "
                                f"replay ends at {state.to_dict()}")
    return problems
