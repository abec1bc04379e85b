"""Schema migrations at open: look before touching, refuse a newer schema, back up, upgrade.

`check_file` reads the file through a plain read (no write lock, no journal-mode change) and
decides: a missing or empty file may become a collection (only when the caller creates one);
a quizapp collection at this version's schema opens as it is (the fast path: one row read,
Alembic never imported); an older one is migrated; a newer one and any other SQLite file are
refused, byte-for-byte untouched.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from quizapp.i18n.text import ErrorText
from quizapp.store.database import BUSY_TIMEOUT_MS, StoreError
from quizapp.store.schema import HEAD_REVISION

if TYPE_CHECKING:  # Alembic is imported only when a migration runs (the fast path never needs it)
    from alembic.config import Config


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _script_config() -> Config:
    from alembic.config import Config

    from quizapp.resources import migrations_dir

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def _alembic_config(conn: Connection) -> Config:
    cfg = _script_config()
    cfg.attributes["connection"] = conn
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_script_config()).walk_revisions()}


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_script_config()).get_current_head()
    assert head is not None
    return head


TEMP_SUFFIX = ".partial"  # a copy being written: `.<final name>.partial`, never listed as a backup
SIDE_SUFFIXES = ("-journal", "-wal", "-shm")


class CopyDamaged(StoreError):
    """The copy failed PRAGMA quick_check, and so does its source: the backup API copies pages."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the database failed its quick check (" + "; ".join(problems[:3]) + ")")


def remove_with_side_files(path: Path) -> None:
    for p in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
        p.unlink(missing_ok=True)


def read_only_uri(path: Path) -> str:
    """A URI that reads a file nobody writes (a backup) without leaving -wal/-shm beside it
    (immutable). A file with a non-empty -wal beside it is read normally, so that content counts."""
    wal = path.with_name(path.name + "-wal")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if wal.exists() and wal.stat().st_size > 0 else uri + "&immutable=1"


def _fsync(path: Path, directory: bool = False) -> None:
    if directory and os.name == "nt":
        return  # Windows cannot open a folder for fsync; its renames are journaled by NTFS
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy_error(target: Path, exc: BaseException) -> str:
    text = str(getattr(exc, "strerror", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "full" in text.lower() or getattr(exc, "errno", None) == 28:  # ENOSPC
        return ErrorText.tr("could not write {name}: the disk is full ({problem})").format(name=target.name,
                                                                                           problem=text)
    return ErrorText.tr("could not write {name} in {folder}: {problem}").format(name=target.name, folder=target.parent,
                                                                               problem=text)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy `source`'s database to `target`, whole or not at all.

    The copy is written to a temporary name beside `target` through SQLite's backup API, set to
    rollback-journal mode (a self-contained file: reading it later creates no -wal/-shm), checked
    with PRAGMA quick_check, flushed to disk, and only then renamed to `target`. On any failure
    the temporary file and its journal are removed and StoreError (one line: a full disk says so)
    or CopyDamaged is raised; a killed process leaves at most the temporary file, which backup
    rotation sweeps away later.
    """
    temp = target.with_name(f".{target.name}{TEMP_SUFFIX}")
    try:
        dst = sqlite3.connect(temp, isolation_level=None)
        try:
            source.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dst.execute("PRAGMA quick_check").fetchall()]
        finally:
            dst.close()
        if problems != ["ok"]:
            raise CopyDamaged(problems)
        _fsync(temp)
        os.replace(temp, target)
        _fsync(target.parent, directory=True)
    except BaseException as exc:
        remove_with_side_files(temp)
        if isinstance(exc, StoreError):
            raise
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise StoreError(_copy_error(target, exc)) from None
        raise


def backup_name(db_path: Path, label: str) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{db_path.stem}-{label}-{stamp}.db"


def backup_copy(db_path: Path, label: str, backups_dir: Path | None = None) -> Path:
    """A consistent, checked copy of a live SQLite file (see copy_database) named
    `<stem>-<label>-<UTC stamp>.db` in `backups_dir` (default: `backups/` beside it)."""
    folder = backups_dir or db_path.parent / "backups"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(ErrorText.tr("cannot create the backups folder {folder}: {problem}").format(
            folder=folder, problem=exc.strerror or exc)) from None
    target = folder / backup_name(db_path, label)
    src = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        copy_database(src, target)
    finally:
        src.close()
    return target


QUIZAPP_TABLES = frozenset({"cards", "card_state", "review_log"})  # in every revision since 0001


@dataclass(frozen=True)
class FileSchema:
    """What `check_file` found: `revision` None means a new (missing or empty) file."""

    revision: str | None

    @property
    def is_new(self) -> bool:
        return self.revision is None

    @property
    def needs_migration(self) -> bool:
        return self.revision != HEAD_REVISION


def _newer_message(revision: str | None) -> str:
    return ErrorText.tr("this database was written by a newer quizapp (schema revision '{revision}'; this version "
                        "knows up to '{head}'). Upgrade quizapp to open it; the file was left untouched.").format(
        revision=revision, head=HEAD_REVISION)


def _read_only_folder_message(path: Path) -> str:
    return ErrorText.tr("cannot open {path}: its folder {folder} is read-only, and a quizapp collection (SQLite in "
                        "WAL mode) must create {name}-wal and {name}-shm beside it, even to read. "
                        "Copy the file to a writable folder, or make this one writable").format(
        path=path, folder=path.parent, name=path.name)


def _peek(path: Path) -> tuple[set[str], str | None]:
    """The file's table names and alembic revision, read without writing anything."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
        # a view, index or trigger without tables is still somebody's schema, not an empty file
        tables = {name for kind, name in objects if kind == "table"} or {f"{k} {n}" for k, n in objects}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return tables, revision
    finally:
        conn.close()


def check_file(path: Path, create: bool) -> FileSchema:
    """Decide whether `path` may be opened (see the module doc). StoreError says why not; in
    that case nothing was written: not the file, not its journal mode, no side file."""
    size = path.stat().st_size if path.exists() else 0
    try:
        tables, revision = _peek(path) if size else (set(), None)
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if ("unable to open" in text or "readonly" in text) and not os.access(path.parent, os.W_OK):
            raise StoreError(_read_only_folder_message(path)) from None
        raise
    if not tables:
        if not create:
            message = (ErrorText.tr("no quizapp collection at {path} (the file is empty): run 'quizapp import' to "
                                    "create one there, or check --db / QUIZAPP_DB") if path.exists()
                       else ErrorText.tr("no quizapp collection at {path} (the file does not exist): run 'quizapp "
                                         "import' to create one there, or check --db / QUIZAPP_DB"))
            raise StoreError(message.format(path=path))
        return FileSchema(None)
    if revision is not None and QUIZAPP_TABLES <= tables:
        if revision == HEAD_REVISION or revision in known_revisions():
            return FileSchema(revision)
        raise StoreError(_newer_message(revision))
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    raise StoreError(ErrorText.tr("{path} is not a quizapp collection (an SQLite database with its own schema: "
                                  "{tables}); it was left untouched. Give the path of a quizapp collection, or a "
                                  "new file name").format(path=path, tables=shown))


# The key of the advisory lock that PostgreSQL clients take to migrate a shared collection
# (any 64-bit number no other tool of the same database uses: "quizapp" in ASCII)
MIGRATION_LOCK_KEY = 0x7175697A617070


def check_server_database(conn: Connection, create: bool, where: str) -> FileSchema:
    """`check_file` for a database on a server (PostgreSQL): an empty database may become a
    collection (with `create`), a quizapp collection opens (migrated when older), a newer one
    or another application's tables are refused untouched. Reads only."""
    tables = set(inspect(conn).get_table_names())
    if not tables:
        if not create:
            raise StoreError(ErrorText.tr(
                "no quizapp collection in {where} (the database is empty): run 'quizapp import' to create one there, "
                "or check --db / QUIZAPP_DB").format(where=where))
        return FileSchema(None)
    revision = current_revision(conn)
    if revision is not None and QUIZAPP_TABLES <= tables:
        if revision == HEAD_REVISION or revision in known_revisions():
            return FileSchema(revision)
        raise StoreError(ErrorText.tr(
            "this database was written by a newer quizapp (schema revision '{revision}'; this version knows up to "
            "'{head}'). Upgrade quizapp to open it; it was left untouched.").format(
            revision=revision, head=HEAD_REVISION))
    if revision is not None and tables == {"alembic_version"}:
        return FileSchema(revision)  # another client is creating the collection right now
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    raise StoreError(ErrorText.tr("{where} is not a quizapp collection (it holds other tables: {tables}); it was left "
                                  "untouched. Give a new, empty database for a collection").format(where=where,
                                                                                                 tables=shown))


def migrate_shared(conn: Connection) -> None:
    """Bring a PostgreSQL collection to head, once, whoever comes first: every client that
    finds it behind waits for the advisory lock, then looks again (the first one migrated it
    meanwhile) and migrates only if still needed. The lock is the transaction's: Alembic's
    upgrade runs in that same transaction (PostgreSQL's DDL is transactional), so a client
    killed halfway leaves the collection as it was, and the lock goes with it."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    migrate(conn, None)
    conn.commit()


def migrate(conn: Connection, db_path: Path | None) -> Path | None:
    """Bring the schema to head. Returns the path of the backup taken before migrating, if any."""
    current = current_revision(conn)
    if current == HEAD_REVISION:
        return None
    if current is not None and current not in known_revisions():
        raise StoreError(_newer_message(current))
    backup = None
    if current is not None and db_path is not None and db_path.exists():
        conn.commit()
        backup = backup_copy(db_path, f"pre-migrate-{current}")
    from alembic import command

    with _foreign_keys_off(conn):
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()
    return backup


@contextmanager
def _foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite: run the block with foreign keys off, as Alembic's batch mode asks (a table rebuilt
    by copy-drop-rename would otherwise cascade its drop to every row that references it; see
    db/versions/0007_decks.py), then check every reference and turn them back on. The pragma
    only works outside a transaction, so the one open is committed first."""
    if conn.dialect.name != "sqlite":
        yield
        return
    conn.commit()
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(ErrorText.tr("the migration left %n broken reference(s) (first: {first})", "",
                                              len(broken)).format(first=broken[0]))
    finally:
        raw.execute("PRAGMA foreign_keys = ON")
