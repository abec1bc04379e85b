"""Helpers for scripts that drive the app (screenshots, benchmarks): wait on the event loop,
and settings in a file of their own. Kept here so that only quizapp.ui imports PySide6."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer


def wait_until(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Run the event loop until `condition()`. The loop sleeps between events as the app's own
    does: a busy loop would hold the GIL and a core, and slow the workers being waited for."""
    app = QCoreApplication.instance()
    assert app is not None, "create the application first"
    tick = QTimer(interval=5)  # wakes the loop even when no event comes
    tick.start()
    end = time.monotonic() + timeout_s
    try:
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the app did not reach the expected state in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        tick.stop()


def file_settings(path: str | Path) -> QSettings:
    """QSettings in an INI file (not the user's own settings)."""
    return QSettings(str(path), QSettings.Format.IniFormat)
