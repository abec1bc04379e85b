from __future__ import annotations

import os
import time
from pathlib import Path

# The app reads study days in the machine's local zone (quizapp/services/clock.py). The tests'
# times (tests.support.NOW) are written in UTC+8, the main users' zone, so the whole suite runs
# in that zone on any machine; subprocesses (the CLI tests) inherit it. Tests of other zones
# set TZ themselves (tests/services/test_clock.py).
TEST_ZONE = "Asia/Shanghai"
os.environ["TZ"] = TEST_ZONE
if hasattr(time, "tzset"):
    time.tzset()
# The command line's words follow $QUIZAPP_LANG or the system locale (quizapp/i18n/cli.py); the
# tests that read its English lines must not turn Chinese on a machine with LANG=zh_CN. The
# Chinese ones set QUIZAPP_LANG themselves (tests/cli/test_cli_language.py).
os.environ["QUIZAPP_LANG"] = "en"

import pytest

from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.store.database import Database

from tests.support import NOW, SAMPLE_DECK


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture
def sample_db(db: Database) -> Database:
    import_deck(db, [SAMPLE_DECK], now=NOW)
    return db
