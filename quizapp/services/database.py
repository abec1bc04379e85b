"""Opening the user's database: resolve, connect, check it is readable, migrate."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from quizapp.services.errors import DatabaseUnavailable
from quizapp.store.database import Database, StoreError, database_url, make_engine
from quizapp.store.migrate import migrate


def describe_db_error(exc: BaseException, where: str) -> str:
    text = str(getattr(exc, "orig", exc))
    if "locked" in text or "busy" in text:
        return f"database {where} is locked by another process (try again when it has finished)"
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return f"cannot read {where}: it is not a quizapp database or it is damaged ({text})"
    if "readonly" in text or "unable to open" in text:
        return f"cannot open {where} for writing ({text})"
    return f"database error on {where}: {text}"


def open_database(path_or_url: str | Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database. Raises DatabaseUnavailable."""
    try:
        url = database_url(path_or_url)
    except StoreError as exc:
        raise DatabaseUnavailable(str(exc)) from None
    engine = make_engine(url)
    db = Database(engine=engine, url=url)
    where = str(db.path) if db.path else url
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
