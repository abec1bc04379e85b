"""What every screen is given: the database, the op runner, the services, the clock, settings.

Screens never open the database or call services on the GUI thread themselves; they queue
ops on `ctx.ops` (see quizapp/ui/ops.py). `ctx.settings` is a cached copy of the stored
settings, refreshed by `update_settings` (which emits the "settings" change).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSettings

from quizapp.domain.settings import Settings
from quizapp.services.clock import local_now
from quizapp.services.settings import update_settings
from quizapp.services.study import StudyService
from quizapp.store.database import Database
from quizapp.ui.ops import OpRunner
from quizapp.ui.theme import ThemeManager


def languages_of(setting: str) -> tuple[str, ...]:
    """The card languages to show, in order, for the language setting (zh | en | both)."""
    return ("zh", "en") if setting == "both" else (setting,)


@dataclass
class AppContext:
    db: Database
    ops: OpRunner
    settings: Settings
    qsettings: QSettings
    clock: Callable[[], datetime] = local_now  # the app's one clock; tests and screenshots pin the time
    theme: ThemeManager | None = None  # set by the app; views that draw pixels follow theme.changed
    study: StudyService = field(init=False)

    def __post_init__(self) -> None:
        self.study = StudyService(self.db)

    def now(self) -> datetime:
        return self.clock()

    def update_settings(self, changes: Mapping[str, Any], *, origin: object | None = None,
                        on_done: Callable[[Settings], None] | None = None,
                        on_error: Callable[[BaseException], None] | None = None) -> None:
        """Store settings changes off the GUI thread; then ctx.settings holds the new values
        and listeners of ops.changed see a "settings" change. Without on_error, a refused
        change (InvalidSetting) is reported in the status bar."""
        def stored(settings: Settings) -> None:
            self.settings = settings
            if on_done is not None:
                on_done(settings)

        self.ops.run(lambda: update_settings(self.db, dict(changes)), on_done=stored, on_error=on_error,
                     changes={"settings"}, origin=origin)

    def languages(self) -> tuple[str, ...]:
        """The card languages to show, in order, from the language setting."""
        return languages_of(self.settings.language)
