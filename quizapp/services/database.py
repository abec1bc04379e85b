"""Opening the user's database: resolve, look at the file, connect, migrate when needed.

The look comes first and writes nothing (quizapp.store.migrate.check_file): a file that is not
a quizapp collection, or one from a newer quizapp, is refused untouched, and a collection is
only created where the caller asks for it (`create`; the CLI's read-only commands do not). An
up-to-date collection opens without the write lock, so readers work during a long import.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from quizapp.services.errors import DatabaseUnavailable
from quizapp.store.database import (Database, StoreError, database_path, database_url, is_in_memory, is_postgresql,
                                    make_engine, shown_url)
from quizapp.store.change_feed import ChangeFeed
from quizapp.store.copy_collection import CopyError, TableCopy, copy_collection
from quizapp.store.migrate import check_file, check_server_database, migrate, migrate_shared
from quizapp.i18n.text import ErrorText

__all__ = ["DatabaseUnavailable", "describe_db_error", "is_in_memory_url", "open_database", "created_for_import",
           "copy_collection_to", "shown_location", "location_of", "try_shared_collection", "OtherClients",
           "server_unreachable"]


def describe_db_error(exc: BaseException, where: str) -> str:
    said = str(getattr(exc, "orig", exc)).strip()
    text = said.splitlines()[0] if said else ""  # a server's message may go on with details
    if "connection" in text and ("refused" in text or "failed" in text or "timeout" in text):  # PostgreSQL
        return ErrorText.tr("cannot reach the database server of {where} ({text})").format(where=where, text=text)
    if "locked" in text or "busy" in text:
        return ErrorText.tr(
            "database {where} is locked by another process (try again when it has finished)").format(
            where=where)
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return ErrorText.tr(
            "cannot read {where}: it is not a quizapp database or it is damaged ({text})").format(
            where=where, text=text)
    if "readonly" in text or "unable to open" in text:
        return ErrorText.tr("cannot open {where} for writing ({text})").format(where=where, text=text)
    return ErrorText.tr("database error on {where}: {text}").format(where=where, text=text)


def is_in_memory_url(path_or_url: str | Path | None) -> bool:
    """True for a URL such as `sqlite://` whose database lives only as long as the process."""
    try:
        return is_in_memory(database_url(path_or_url))
    except StoreError:
        return False


def open_database(path_or_url: str | Path | None = None, create: bool = True) -> Database:
    """Open and migrate the database; with `create`, a missing or empty file becomes a new
    collection. Raises DatabaseUnavailable (one line saying why) and then changed nothing."""
    try:
        url = database_url(path_or_url)
    except StoreError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    if is_postgresql(url):
        return _open_shared(url, create)
    path = database_path(url)
    where = str(path) if path else str(url)
    try:
        needs_migration = True
        if path is not None:
            needs_migration = check_file(path, create).needs_migration
        elif not create:
            raise StoreError(ErrorText.tr(
                "an in-memory database holds no collection until something is imported into it"))
    except StoreError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    except (OSError, sqlite3.DatabaseError) as exc:
        raise DatabaseUnavailable(describe_db_error(exc, where)) from None
    engine = make_engine(url)
    db = Database(engine=engine, url=url)
    if not needs_migration:
        return db
    try:
        with engine.connect() as conn:
            migrate(conn, db.path)
    except StoreError as exc:
        db.close()
        raise DatabaseUnavailable(str(exc)) from None
    except (DBAPIError, OperationalError, sqlite3.DatabaseError) as exc:
        db.close()
        raise DatabaseUnavailable(describe_db_error(exc, where)) from None
    return db


def _open_shared(url: URL, create: bool) -> Database:
    """A collection on a PostgreSQL server: look (read only), then migrate under the advisory
    lock if it is new or older (store/migrate.py: migrate_shared)."""
    where = shown_url(url)
    engine = make_engine(url)
    db = Database(engine=engine, url=url)
    try:
        with engine.connect() as conn:
            if check_server_database(conn, create, where).needs_migration:
                conn.rollback()
                migrate_shared(conn)
    except StoreError as exc:
        db.close()
        raise DatabaseUnavailable(str(exc)) from None
    except DBAPIError as exc:
        db.close()
        raise DatabaseUnavailable(describe_db_error(exc, where)) from None
    return db


@contextmanager
def created_for_import(path_or_url: str | Path | None) -> Iterator[Database]:
    """The collection an import writes into, created if it does not exist yet. If it was created
    here and the import fails (a bad deck, say), the new file and its side files are removed:
    a refused import leaves no empty collection behind. An existing collection is never removed."""
    try:
        path = database_path(database_url(path_or_url))
    except StoreError:
        path = None  # open_database says what is wrong with it
    new = path is not None and not path.exists()
    db = open_database(path_or_url, create=True)
    try:
        yield db
    except BaseException:
        if new and path is not None:
            db.close()
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
        raise


def shown_location(path_or_url: str | Path | None) -> str:
    """Where a collection lives, as a person may see it: the file's path, or the URL with its
    password hidden."""
    try:
        url = database_url(path_or_url)
    except StoreError:
        return str(path_or_url)
    path = database_path(url)
    return str(path) if path is not None else shown_url(url)


def location_of(db: Database) -> str:
    """Where the open collection `db` lives, as a person may see it (the password hidden)."""
    return str(db.path) if db.path is not None else shown_url(db.url)


CONNECT_TIMEOUT_S = 8  # a server that does not answer is said so in this time, not after minutes


def try_shared_collection(url_text: str) -> str:
    """Check that `url_text` names a PostgreSQL database quizapp can use as its collection: a
    quizapp collection, or an empty database (the first start makes it one; nothing is created
    here). Returns the URL to keep (as given); raises DatabaseUnavailable, one line saying why."""
    try:
        url = database_url(url_text.strip())
    except StoreError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    if not is_postgresql(url):
        raise DatabaseUnavailable(ErrorText.tr(
            "{url} is not a PostgreSQL URL (postgresql+psycopg://user@host/database)").format(url=url_text.strip()))
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    where = shown_url(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            check_server_database(conn, True, where)
    except StoreError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    except DBAPIError as exc:
        raise DatabaseUnavailable(describe_db_error(exc, where)) from None
    finally:
        engine.dispose()
    return url_text.strip()


def copy_collection_to(source: str | Path | None, target: str | Path) -> list[TableCopy]:
    """`quizapp migrate-to`: copy the collection at `source` into `target` (a PostgreSQL URL or a
    SQLite file; an empty database or a file that does not exist yet becomes the copy), verified
    by each table's row count and SHA-256 (store/copy_collection.py). A target that already
    holds a collection is refused, and then nothing was written; a file created here for a copy
    that failed is removed again. Raises DatabaseUnavailable (one line)."""
    reading = open_database(source, create=False)
    try:
        with created_for_import(target) as writing:
            try:
                return copy_collection(reading, writing)
            except CopyError as exc:
                raise DatabaseUnavailable(_copy_error_text(exc, shown_location(target))) from None
            except DBAPIError as exc:
                raise DatabaseUnavailable(describe_db_error(exc, shown_location(target))) from None
            finally:
                writing.close()
    finally:
        reading.close()


def _copy_error_text(exc: CopyError, target: str) -> str:
    if exc.busy:
        return ErrorText.tr("{target} already holds a collection (rows in {tables}); copy into a new, empty "
                            "database: nothing was written").format(target=target, tables=", ".join(exc.busy))
    if exc.found is not None and exc.expected is not None:
        return ErrorText.tr("the copy of {table} differs from its source ({found} rows where {expected} were "
                            "expected; checksums {found_sum} / {expected_sum}): nothing was written").format(
            table=exc.table, found=exc.found.rows, expected=exc.expected.rows,
            found_sum=exc.found.sha256[:12], expected_sum=exc.expected.sha256[:12])
    return str(exc)


def server_unreachable(exc: BaseException) -> bool:
    """Whether `exc` says the database server went away or cannot be reached (the connection
    was lost, refused or timed out), as opposed to a mistake in what was asked: an op that failed
    so changed nothing (its transaction never committed) and may be tried again later."""
    if isinstance(exc, DatabaseUnavailable):
        return "cannot reach the database server" in str(exc) or getattr(exc, "unreachable", False)
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or isinstance(exc, OperationalError) and "sqlite" not in type(
            exc.orig).__module__
    return type(exc).__module__.startswith("psycopg") and type(exc).__name__ == "OperationalError"


class OtherClients:
    """Other clients' commits to a collection shared on PostgreSQL, for the window
    (store/change_feed.py: ChangeFeed). `open` gives None on SQLite (one writer: nothing to hear);
    `changed(wait_s)` blocks up to `wait_s` seconds, so the window calls it off the GUI thread.
    A lost or refused connection raises DatabaseUnavailable (unreachable) in one line."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.where = shown_url(db.url)
        self._feed: ChangeFeed | None = None
        self._lost = False  # the feed's connection was lost: notices may have been missed

    @classmethod
    def open(cls, db: Database) -> OtherClients | None:
        return cls(db) if is_postgresql(db.url) else None

    def _unavailable(self, exc: BaseException) -> DatabaseUnavailable:
        self.close()
        self._lost = True
        said = str(getattr(exc, "orig", exc)).strip().splitlines()
        error = DatabaseUnavailable(ErrorText.tr("cannot reach the database server of {where} ({text})").format(
            where=self.where, text=said[0] if said else type(exc).__name__))
        error.unreachable = True  # type: ignore[attr-defined]
        return error

    def changed(self, wait_s: float) -> bool:
        """Whether another client committed since the last call (connecting first if needed)."""
        try:
            if self._feed is None:
                self._feed = ChangeFeed(self.db)
                missed, self._lost = self._lost, False
                if missed:
                    return True  # reconnected: what happened meanwhile was not heard, so read again
            return self._feed.changed(wait_s)
        except Exception as exc:
            if isinstance(exc, (DBAPIError, OSError)) or type(exc).__module__.startswith("psycopg"):
                raise self._unavailable(exc) from None  # the server went away or refuses connections
            raise

    def close(self) -> None:
        feed, self._feed = self._feed, None
        if feed is not None:
            try:
                feed.close()
            except Exception:  # noqa: BLE001 - closing a connection the server already dropped
                pass
