"""Reading and changing the user's settings."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.domain import settings as rules
from quizapp.domain.settings import Settings
from quizapp.services.changes import SETTINGS, Changed
from quizapp.services.errors import InvalidSetting
from quizapp.store.database import Database
from quizapp.store.models import SettingRow
from quizapp.i18n.text import ErrorText


def load_settings(session: Session) -> Settings:
    return rules.from_stored({row.key: row.value for row in session.scalars(select(SettingRow))})


class SettingsService:
    """Reading and changing the stored settings."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> Settings:
        with self.db.read_session() as session:
            return load_settings(session)

    def update(self, changes: Mapping[str, Any]) -> Changed[Settings]:
        """Validate all changes, then store them in one transaction; InvalidSetting names every problem."""
        problems = rules.validate(changes)
        if problems:
            raise InvalidSetting(ErrorText.tr("invalid setting(s): {problems}").format(problems="; ".join(problems)))
        with self.db.session() as session:
            for key, value in changes.items():
                session.merge(SettingRow(key=key, value=value))
            return Changed(load_settings(session), SETTINGS)
