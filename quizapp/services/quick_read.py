"""`quizapp due`'s light read path: today's queue read with the stdlib `sqlite3` module, without
importing SQLAlchemy or Alembic (about half of a `quizapp due` process's time went to importing
them).

It runs the same SQL as `StudyService.queue` (store/queue_sql.py, the one copy of the queue
rule as SQL) and builds the same view (services/queue_view.py); tests/services/test_queue_paths.py
checks both paths give the same queue. It only takes the cases that need nothing else: a plain
file path (or the default collection) holding a collection at the schema revision this code is
written for. Anything else (a URL, no file, an older or newer schema, a file that is not a
collection, a locked or damaged file) answers None, and the caller takes the full path, which
opens, migrates and explains problems as every other command does.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.domain.deck_header import within
from quizapp.services.clock import local_study_day
from quizapp.services.queue_view import QueueView, queue_view
from quizapp.store.queue_sql import stored_settings
from quizapp.store.schema import HEAD_REVISION

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # as store/database.py tells paths from URLs
BUSY_TIMEOUT_MS = 3000
DECK_NAMES = "SELECT name FROM decks"


@dataclass(frozen=True)
class QuickQueue:
    view: QueueView
    has_cards: bool


def collection_file(db: object) -> Path | None:
    """The file `--db` names when it is a plain path (or the default collection), else None.
    (Like store/database.py: database_url, it takes anything whose text is a path or a URL.)"""
    if db is None or str(db).strip() == "":
        from platformdirs import user_data_dir

        path = Path(user_data_dir("quizapp", appauthor=False)) / "quizapp.db"
    elif not isinstance(db, Path) and _URL_SCHEME.match(str(db)):
        return None
    else:
        path = Path(str(db)).expanduser()
    try:
        path = path.resolve()
        return path if path.is_file() and path.stat().st_size > 0 else None
    except OSError:
        return None


def quick_queue(db: object, now: datetime, limit: int | None,
                scope: StudyScope = TODAYS_QUEUE) -> QuickQueue | None:
    """Today's queue (its first `limit` entries, within `scope`: a deck filter) from the
    collection `db` names, or None when the full path must answer (see the module doc; also
    a deck filter that names no deck: the full path says so)."""
    path = collection_file(db)
    if path is None:
        return None
    try:
        # mode=rw: never creates a file; every statement below only reads
        conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True,
                               isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA query_only = 1")
        conn.execute("BEGIN")  # one snapshot for every read
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if revision != [(HEAD_REVISION,)]:
            return None
        fetch = lambda sql, params: conn.execute(sql, params).fetchall()  # noqa: E731
        settings = stored_settings(fetch)
        if scope.deck is not None and not any(within(name, scope.deck)
                                              for (name,) in conn.execute(DECK_NAMES).fetchall()):
            return None
        view = queue_view(fetch, settings, local_study_day(now, settings.day_start_hour), limit, now, scope)
        has_cards = bool(view.items) or bool(conn.execute("SELECT 1 FROM cards LIMIT 1").fetchall())
        return QuickQueue(view, has_cards)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
