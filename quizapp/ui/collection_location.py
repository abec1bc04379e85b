"""Where the window's collection lives, chosen in Settings (a collection shared on PostgreSQL,
issue 18) and applied at the next start.

The choice is the window's own (QSettings, like its geometry), not the collection's: it says
which collection to open, so it cannot live inside one. `--db` and `$QUIZAPP_DB` still come
first (quizapp/app.py: run_gui); with neither, the stored URL is opened, and with none stored, the
file in the user data folder, as before.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

LOCATION_KEY = "collection/location"  # a PostgreSQL URL; absent: the file in the user data folder


def stored_location(qsettings: QSettings | None = None) -> str | None:
    """The collection chosen in Settings, or None (the default file)."""
    if qsettings is None:
        from quizapp.ui.application import APPLICATION, ORGANIZATION

        qsettings = QSettings(ORGANIZATION, APPLICATION)
    value = qsettings.value(LOCATION_KEY, "")
    return str(value).strip() or None


def store_location(qsettings: QSettings, location: str | None) -> None:
    """Open `location` from the next start (None: the file in the user data folder again)."""
    if location:
        qsettings.setValue(LOCATION_KEY, location)
    else:
        qsettings.remove(LOCATION_KEY)
    qsettings.sync()
