"""Opening the database: URL resolution, SQLite pragmas, migrations, sessions.

A path is a path: it becomes a URL through `URL.create`, so `what?.db` or `pct%41.db` open the
file of that name; only text starting with a scheme (`sqlite://`, `postgresql://`) is a URL.
A PostgreSQL collection (`postgresql+psycopg://user@host/db`) is a shared one: see
docs/architecture.md § PostgreSQL.

SQLite runs in WAL mode with foreign keys on. synchronous=NORMAL: in WAL mode a committed
transaction survives a killed process (tests/store/test_crash_safety.py kills a writer 50
times); only an OS crash or power cut can lose the last few answers, never corrupt the file.
FULL would fsync on every answer and cost ~4 ms of the 5 ms answer budget. A busy timeout
turns a briefly locked file into a short wait instead of an error.
"""
from __future__ import annotations

import os
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from quizapp.i18n.text import ErrorText

BUSY_TIMEOUT_MS = 3000
POSTGRESQL = "postgresql"
# PostgreSQL readers: one snapshot per transaction, as a BEGIN DEFERRED reader of SQLite has
READ_SNAPSHOT = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}


def as_utc(value: datetime) -> datetime:
    """SQLite keeps no time zone: every stored time is UTC, so attach it when reading."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class StoreError(Exception):
    """The database cannot be used (unreadable, locked, newer schema, bad URL)."""


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizapp", appauthor=False)) / "quizapp.db"


_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def database_url(path_or_url: str | Path | None) -> URL:
    """A path or a SQLAlchemy URL -> a SQLAlchemy URL (default: the user data folder)."""
    if path_or_url is None or str(path_or_url).strip() == "":
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    text = str(path_or_url)
    if not isinstance(path_or_url, Path) and _URL_SCHEME.match(text):
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise StoreError(ErrorText.tr("not a valid database URL: {url} ({problem})").format(
                url=text, problem=exc)) from None
        backend = url.get_backend_name()
        if backend == POSTGRESQL:
            return postgresql_url(url)
        if backend != "sqlite":
            raise StoreError(ErrorText.tr("only SQLite and PostgreSQL databases are supported, got '{backend}'").format(
                backend=backend))
        return url
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise StoreError(ErrorText.tr("database path {path} is a folder, not a file").format(path=path))
    if not path.parent.exists():
        raise StoreError(ErrorText.tr("folder {folder} does not exist").format(folder=path.parent))
    return URL.create("sqlite", database=str(path))


def postgresql_url(url: URL) -> URL:
    """A PostgreSQL URL driven by psycopg 3 (`postgresql://` and `postgresql+psycopg2://` too:
    quizapp ships only the psycopg extra); StoreError when psycopg is not installed."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreError(ErrorText.tr(
            "a PostgreSQL collection needs psycopg 3: pip install 'quizapp[postgres]'")) from None
    if not url.database:
        raise StoreError(ErrorText.tr("the PostgreSQL URL names no database: {url}").format(
            url=url.render_as_string(hide_password=True)))
    return url.set(drivername="postgresql+psycopg")


def is_postgresql(url: URL) -> bool:
    return url.get_backend_name() == POSTGRESQL


def shown_url(url: URL) -> str:
    """The URL as messages show it (no password)."""
    return url.render_as_string(hide_password=True)


def is_in_memory(url: URL) -> bool:
    """An SQLite URL with no file behind it (`sqlite://`, `sqlite:///:memory:`)."""
    if url.get_backend_name() != "sqlite":
        return False
    db = url.database
    return not db or db == ":memory:" or "mode=memory" in str(url)


def database_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, None for an in-memory database or a server's (PostgreSQL)."""
    if url.get_backend_name() != "sqlite" or is_in_memory(url):
        return None
    db = url.database or ""
    if db.startswith("file:"):  # a URI filename (?uri=true)
        db = db.removeprefix("file:").split("?", 1)[0]
    return Path(db)


def set_pragmas(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """The pragmas of every connection quizapp opens to an SQLite file (an engine's connect event)."""
    # Let SQLAlchemy drive transactions (pysqlite's own BEGIN handling defers too much).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Only switch when needed: the file was checked to be a quizapp collection before any engine
    # connects (quizapp.store.migrate.check_file), and WAL mode persists in the file, so this is
    # a read on every open but the first.
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode not in ("wal", "memory"):
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    # The default checkpoint every 1000 WAL pages (~200 answers) fsyncs the database inside an
    # answer's commit: 6 ms p99 against a 5 ms budget. 10000 pages (~40 MB of WAL) defers that
    # to ~2000 answers; SQLite also checkpoints when the last connection closes.
    cursor.execute("PRAGMA wal_autocheckpoint = 10000")
    cursor.close()


def _begin_immediate(conn: object) -> None:
    # Writers take the lock at BEGIN, so two processes never deadlock on a read->write upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]


def _begin(conn: object) -> None:
    conn.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]


def make_engine(url: URL | str, immediate: bool = True) -> Engine:
    """SQLite: an engine whose transactions start with BEGIN IMMEDIATE (writers) or BEGIN
    (readers), with the pragmas above. PostgreSQL: no pragmas; a pooled connection is checked
    before use (the server may have restarted), and readers get one snapshot per transaction
    (REPEATABLE READ, read only), as a BEGIN DEFERRED reader of SQLite does."""
    url = make_url(url) if isinstance(url, str) else url
    if is_postgresql(url):
        # Times come back in UTC, as every stored time is (SQLite's are naive UTC; these are aware UTC).
        # The application name is this client's own: the collection's change notices carry it
        # (store/change_feed.py), so that a client can tell its own changes from others'.
        client = f"quizapp {os.getpid()} {secrets.token_hex(4)}"
        engine = create_engine(url, pool_pre_ping=True,
                               connect_args={"options": "-c timezone=UTC", "application_name": client})
        if not immediate:
            return engine.execution_options(**READ_SNAPSHOT)
        return engine
    engine = create_engine(url)
    event.listen(engine, "connect", set_pragmas)
    event.listen(engine, "begin", _begin_immediate if immediate else _begin)
    return engine


@dataclass
class Database:
    """An open, migrated database: the engine and a session factory."""

    engine: Engine
    url: URL  # a URL string is accepted and parsed

    def __post_init__(self) -> None:
        if isinstance(self.url, str):
            self.url = make_url(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # An in-memory database exists once per connection: reads must use the writer's.
        self._read_engine: Engine
        if is_postgresql(self.url):  # the same pool, each read transaction one snapshot
            self._read_engine = self.engine.execution_options(**READ_SNAPSHOT)
        else:
            self._read_engine = self.engine if self.path is None else make_engine(self.url, immediate=False)
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        return database_path(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session whose block is one transaction (BEGIN IMMEDIATE): committed at the
        end, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A read-only snapshot (BEGIN DEFERRED): never waits for the write lock."""
        with self._read_sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
        self._read_engine.dispose()
