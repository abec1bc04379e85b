"""Fixtures for the desktop app's tests: offscreen Qt, an isolated formula cache and QSettings."""
from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display needed, and formulas go to a throw-away cache.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QUIZAPP_CACHE_DIR", tempfile.mkdtemp(prefix="quizapp-test-cache-"))

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from quizapp.store.database import Database  # noqa: E402
from tests.support import NOW  # noqa: E402

WAIT_MS = 15_000


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, sample_db: Database, qsettings: QSettings) -> Iterator["MainWindow"]:  # noqa: F821
    from quizapp.ui.application import build_window

    win = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()  # waits for queued ops; the demo panel aborts its run
    win.ctx.ops.wait_idle(WAIT_MS)


@pytest.fixture(autouse=True)
def _services_speak_the_environments_language_after_each_test() -> Iterator[None]:
    """A window built in Chinese sets the services' language (quizapp/i18n/text.py: set_language);
    the next test starts from the environment's again (QUIZAPP_LANG=en, tests/conftest.py)."""
    yield
    from quizapp.i18n import text

    text.set_language(None)
