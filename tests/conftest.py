from __future__ import annotations

from pathlib import Path

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
