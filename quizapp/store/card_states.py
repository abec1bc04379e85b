"""A card's state (domain/browse.py: card_state) as SQL conditions: one copy for every query that
filters or counts cards by state — the browser on its copy `card_order`, the statistics on
`card_state`. Written out in each of them, the rule drifted once: a card with repetitions but no
due day (a deck file's schedule may leave out `due`) counted as new and as review."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_

from quizapp.domain.browse import CardStateName


def card_state_conditions(suspended: Any, due_day: Any, repetitions: Any) -> dict[CardStateName, ColumnElement[bool]]:
    """Each state's condition on the given columns (or column expressions: the browser passes
    `+column` forms), term for term as card_state: suspended overrides; no due day is new; a
    due day with repetitions 0 is learning, with more is review."""
    active, scheduled = suspended.is_(False), due_day.is_not(None)
    return {"new": and_(active, due_day.is_(None)),
            "learning": and_(active, scheduled, repetitions == 0),
            "review": and_(active, scheduled, repetitions > 0),
            "suspended": suspended.is_(True)}
