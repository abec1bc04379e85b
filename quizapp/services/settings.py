"""Reading and changing the user's settings."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.domain import settings as rules
from quizapp.domain.settings import Settings
from quizapp.services.errors import InvalidSetting
from quizapp.store.database import Database
from quizapp.store.models import SettingRow


def load_settings(session: Session) -> Settings:
    return rules.from_stored({row.key: row.value for row in session.scalars(select(SettingRow))})


def get_settings(db: Database) -> Settings:
    with db.read_session() as session:
        return load_settings(session)


def update_settings(db: Database, changes: Mapping[str, Any]) -> Settings:
    """Validate all changes, then store them in one transaction; InvalidSetting names every problem."""
    problems = rules.validate(changes)
    if problems:
        raise InvalidSetting("invalid setting(s): " + "; ".join(problems))
    with db.session() as session:
        for key, value in changes.items():
            session.merge(SettingRow(key=key, value=value))
        return load_settings(session)
