"""What every screen is given: the services, the op runner, the clock, the settings.

Screens never open the database or call services on the GUI thread themselves; they queue
ops on `ctx.ops` (see quizapp/ui/ops.py) that call `ctx.services` (quizapp/services/bundle.py).
`ctx.settings` is a cached copy of the stored settings, refreshed by `update_settings`
(whose op result tells every screen that the settings changed).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSettings

from quizapp.domain.settings import Settings
from quizapp.services.bundle import Services
from quizapp.services.changes import Changed
from quizapp.services.clock import local_now
from quizapp.ui.ops import OpRunner
from quizapp.ui.theme import ThemeManager


def languages_of(setting: str) -> tuple[str, ...]:
    """The card languages to show, in order, for the language setting (zh | en | both)."""
    return ("zh", "en") if setting == "both" else (setting,)


@dataclass
class AppContext:
    services: Services
    ops: OpRunner
    settings: Settings
    qsettings: QSettings
    clock: Callable[[], datetime] = local_now  # the app's one clock; tests and screenshots pin the time
    theme: ThemeManager | None = None  # set by the app; views that draw pixels follow theme.changed
    # the window's words ("zh" | "en"), installed at start (ui/translation.py); demos and charts follow it
    interface_language: str = "en"

    def now(self) -> datetime:
        return self.clock()

    def update_settings(self, changes: Mapping[str, Any], *, origin: object | None = None,
                        on_done: Callable[[Settings], None] | None = None,
                        on_error: Callable[[BaseException], None] | None = None) -> None:
        """Store settings changes off the GUI thread; then ctx.settings holds the new values
        and listeners of ops.changed see a "settings" change. Without on_error, a refused
        change (InvalidSetting) is reported in the status bar."""
        def stored(result: Changed[Settings]) -> None:
            self.settings = result.value
            if on_done is not None:
                on_done(result.value)

        self.ops.run(lambda: self.services.settings.update(dict(changes)), on_done=stored, on_error=on_error,
                     origin=origin)

    def languages(self) -> tuple[str, ...]:
        """The card languages to show, in order, from the language setting."""
        return languages_of(self.settings.language)
