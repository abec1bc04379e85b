"""The composition root of the desktop app: check for a display, open the database, start Qt.

PySide6 is imported only after the display check (through quizapp.ui), so a machine without
a display gets one clear line instead of Qt's abort.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_NO_DISPLAY = 2

NO_DISPLAY_MESSAGE = ("quizapp: no display found (DISPLAY and WAYLAND_DISPLAY are unset); on this machine use "
                      "the headless commands: quizapp due, quizapp answer CARD_ID GRADE, quizapp demo run ID "
                      "(quizapp --help lists them all)")


def display_available(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """False on Linux/BSD with no X11 or Wayland display and no QT_QPA_PLATFORM chosen."""
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if env.get("QT_QPA_PLATFORM"):
        return True  # e.g. offscreen, vnc, eglfs: the user chose a platform plugin
    if plat.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have their native platform


def run_gui(db_url: str | Path | None = None, open_paths: Sequence[str] = (), exit_when_ready: bool = False) -> int:
    """Open the desktop app on the database at `db_url` (default: the user data folder) and offer
    to import `open_paths`; when quizapp already runs on that collection, hand them to it instead."""
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from quizapp.ui.platform_check import xcb_problem_message

    problem = xcb_problem_message()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from quizapp.services.database import open_database

    if db_url is None:  # neither --db nor $QUIZAPP_DB: the collection chosen in Settings, if any
        from quizapp.ui.collection_location import stored_location

        db_url = stored_location()
    db = open_database(db_url)
    from quizapp.ui.application import launch

    return launch(db, open_paths=open_paths, exit_when_ready=exit_when_ready)
