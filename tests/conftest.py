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

from tests.pg import pg_empty_url, pg_server, pg_url  # noqa: F401 (fixtures)
from tests.support import NOW, SAMPLE_DECK

# The store, service and CLI tests that take a collection (`db`, `sample_db`, `db_target`) run on
# both backends: SQLite (a file) and PostgreSQL (tests/pg.py). A test about the SQLite file itself
# (backups, WAL, the light read path, crash safety of the file) is marked
# `@pytest.mark.sqlite_only("why")` and runs on SQLite alone.
BOTH_BACKENDS = ("tests/store/", "tests/services/", "tests/cli/", "tests/test_cli")
BACKENDS = ("sqlite", "postgresql")


def _on_both(metafunc: pytest.Metafunc) -> bool:
    where = Path(str(metafunc.definition.fspath)).as_posix()
    root = Path(__file__).parent.parent.as_posix() + "/"
    return (where.removeprefix(root).startswith(BOTH_BACKENDS)
            and metafunc.definition.get_closest_marker("sqlite_only") is None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" in metafunc.fixturenames:
        metafunc.parametrize("db_backend", BACKENDS if _on_both(metafunc) else BACKENDS[:1], indirect=True)


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" or "postgresql": which database this run of the test uses."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db_target(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """What `--db` names for this test's new, migrated, empty collection: a file path (SQLite) or
    a PostgreSQL URL."""
    if db_backend == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    target = tmp_path / "test.db"
    open_database(target).close()
    return str(target)


@pytest.fixture
def db(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Database:
    target = request.getfixturevalue("pg_url") if db_backend == "postgresql" else tmp_path / "test.db"
    database = open_database(target)
    yield database
    database.close()


@pytest.fixture
def sample_db(db: Database) -> Database:
    import_deck(db, [SAMPLE_DECK], now=NOW)
    return db
