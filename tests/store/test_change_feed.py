"""Other clients' changes to a PostgreSQL collection reach a client as they commit
(store/change_feed.py, the triggers of db/versions/0007_decks.py); its own do not."""
from __future__ import annotations

import subprocess
import sys

import pytest

from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from quizapp.store.change_feed import ChangeFeed
from quizapp.store.database import Database
from tests.support import NOW, SAMPLE_DECK


def test_another_clients_commit_is_noticed_and_its_own_is_not(pg_url: str) -> None:
    mine, theirs = open_database(pg_url), open_database(pg_url)
    import_deck(mine, [SAMPLE_DECK], now=NOW)
    feed = ChangeFeed.open(mine)
    assert feed is not None
    try:
        assert feed.changed() is False  # nothing since it started listening
        StudyService(theirs).answer("sample-71-1", 4, NOW)
        assert feed.changed(wait_s=10) is True
        assert feed.changed() is False  # taken: the next question starts afresh
        StudyService(mine).answer("sample-71-2", 4, NOW)  # its own answer
        StudyService(theirs).queue(NOW)  # a read writes nothing
        assert feed.changed(wait_s=0.5) is False
        # another process (the command line) is another client too
        done = subprocess.run([sys.executable, "-m", "quizapp", "answer", "sample-72-1", "good", "--db", pg_url,
                               "--now", NOW.isoformat()], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert feed.changed(wait_s=10) is True
    finally:
        feed.close()
        mine.close()
        theirs.close()


@pytest.mark.sqlite_only("the file's side: SQLite sends no notices")
def test_a_file_collection_has_no_feed(db: Database) -> None:
    assert db.path is not None and ChangeFeed.open(db) is None
