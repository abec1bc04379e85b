"""Other clients' changes to a collection shared on PostgreSQL, as they commit (LISTEN/NOTIFY).

Every statement that writes one of the collection's tables sends a notice on commit (the
triggers of db/versions/0007_decks.py), carrying the writer's application name, which is each
client's own (store/database.py: make_engine). A `ChangeFeed` listens on a connection of its own
and says whether another client committed a change since it last asked; the client's own writes
are left out (it knows what it changed). A screen that keeps what it shows (the study queue, the
browser's page, the deck counts) reads again when `changed()` says so.

SQLite has no such notices (a desktop file has one writer at a time); there `ChangeFeed.open`
gives None.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import text

from quizapp.store.database import Database, is_postgresql

CHANNEL = "quizapp_changes"  # as db/versions/0007_decks.py: CHANGES_CHANNEL


class ChangeFeed:
    """Notices of other clients' commits to one PostgreSQL collection."""

    def __init__(self, db: Database) -> None:
        import psycopg

        with db.engine.connect() as conn:
            self.me = str(conn.execute(text("SELECT current_setting('application_name')")).scalar_one())
        conninfo = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)  # libpq's URI
        self._conn: Any = psycopg.connect(conninfo, autocommit=True, application_name=f"{self.me} feed")
        self._conn.execute(f"LISTEN {CHANNEL}")

    @classmethod
    def open(cls, db: Database) -> ChangeFeed | None:
        """A feed for `db`; None where the database sends no notices (SQLite)."""
        return cls(db) if is_postgresql(db.url) else None

    def changed(self, wait_s: float = 0.0) -> bool:
        """Whether another client committed a change since the last call, waiting up to `wait_s`
        seconds for one. Every notice that arrived meanwhile is taken."""
        others = False
        timeout = wait_s
        while True:
            got = False
            for notice in self._conn.notifies(timeout=max(timeout, 0.0001), stop_after=1):
                got = True
                others = others or notice.payload != self.me
            if not got or others:
                break
            timeout = 0.0  # only my own so far: take what else is there, without waiting again
        if others:  # take the rest of the burst now, so the next call starts afresh
            for _ in self._conn.notifies(timeout=0.0001):
                pass
        return others

    def close(self) -> None:
        self._conn.close()
