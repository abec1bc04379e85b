"""Where the window's collection lives, chosen in Settings (a collection shared on PostgreSQL,
issue 18) and applied at the next start.

The choice is the window's own (QSettings, like its geometry), not the collection's: it says
which collection to open, so it cannot live inside one. `--db` and `$QUIZAPP_DB` still come
first (quizapp/app.py: run_gui); with neither, the stored URL is opened, and with none stored, the
file in the user data folder, as before.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

LOCATION_KEY = "collection/location"  # a PostgreSQL URL; absent: the file in the user data folder


def stored_location(qsettings: QSettings | None = None) -> str | None:
    """The collection chosen in Settings, or None (the default file)."""
    if qsettings is None:
        from quizapp.ui.application import APPLICATION, ORGANIZATION

        qsettings = QSettings(ORGANIZATION, APPLICATION)
    value = str(qsettings.value(LOCATION_KEY, "")).strip()
    if value:  # one stored by a quizapp before owner_only may sit in a file others can read
        owner_only(qsettings)
    return value or None


def store_location(qsettings: QSettings, location: str | None) -> None:
    """Open `location` from the next start (None: the file in the user data folder again)."""
    if location:
        qsettings.setValue(LOCATION_KEY, location)
    else:
        qsettings.remove(LOCATION_KEY)
    qsettings.sync()
    if location:
        owner_only(qsettings)


def owner_only(qsettings: QSettings) -> None:
    """Make the settings file readable and writable by its owner alone: a stored URL may hold the
    server's password, as libpq's own password file (~/.pgpass) does, which libpq ignores while
    others may read it. (Qt writes the file with the process's umask, often world-readable. On Windows
    the native settings live in the user's own registry hive; nothing to do there.)"""
    if sys.platform == "win32" and qsettings.format() == QSettings.Format.NativeFormat:
        return
    path = Path(qsettings.fileName())
    try:
        if path.is_file() and stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o600)
    except OSError:  # another user's file, a read-only disk: the collection still opens
        pass
