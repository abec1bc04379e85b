"""Backups of the collection: automatic, rotated, listed, and restored with a safety copy.

A backup is a consistent copy made with SQLite's backup API into `backups/` next to the
database, named `<db>-<label>-<UTC stamp>.db`. It is written under a temporary name, checked
with `PRAGMA quick_check` and only then renamed (quizapp.store.migrate.copy_database), so a
file under a backup's name is always a whole, verified copy, and a damaged database never
rotates good backups away. A failed or killed backup leaves no file under the final name; a
full disk is a BackupError of one line. Rotation keeps the newest `keep` verified backups (the
setting backups_kept), counts nothing else, and sweeps what failed backups left: files under
a backup's name that are not whole SQLite files, side files (-journal, -wal, -shm), and
temporary files older than STALE_TEMP_S. The copies taken before a schema migration are never
rotated (they are the only copy in the old format).

Restoring checks the chosen file first (readable, quick_check ok, a quizapp schema this version
knows) and refuses it with a clear message, changing nothing. It then takes the collection's
write lock (BEGIN IMMEDIATE) and holds it across both steps: the safety copy of the current
state (label pre-restore) and the replacement of every table's rows by the backup's, in one
transaction. An answer another process commits is therefore either before the lock (and in
the safety copy) or after the commit (and in the restored collection); none falls between. A
writer that holds the lock longer than the busy timeout makes the restore refuse, saying so.
An older backup is migrated in a private staging copy first. The backup itself is only read
(immutable): no -wal or -shm is left beside it.

When to back up automatically is `AutoBackupPolicy`: at most once per 30 minutes of use, and
on close, each time only if something changed since the last backup.
"""
from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from quizapp.services.errors import UserError
from quizapp.store.database import BUSY_TIMEOUT_MS, Database, StoreError
from quizapp.store.migrate import (SIDE_SUFFIXES, TEMP_SUFFIX, CopyDamaged, backup_copy, copy_database, migrate,
                                   read_only_uri, remove_with_side_files)
from quizapp.store.schema import HEAD_REVISION
from quizapp.i18n.text import BackupText

AUTO_INTERVAL_S = 30 * 60
STALE_TEMP_S = 10 * 60  # a temporary backup file this old belongs to a backup that was killed
LABELS = {"auto": "automatic", "close": "on close", "manual": "made by you", "pre-restore": "before a restore",
          "pre-delete": "before deleting a deck"}
KEPT_LABEL_PREFIX = "pre-migrate"  # before a schema migration: never rotated
_NAME = re.compile(r"^(?P<stem>.+)-(?P<label>auto|close|manual|pre-restore|pre-delete|pre-migrate-[0-9a-z]+)"
                   r"-(?P<stamp>\d{8}T\d{6}\d{0,6}Z)\.db$")


class BackupError(UserError):
    """No backup was made (the database failed its check, or it is not a file)."""


class BackupInvalid(UserError):
    """The file chosen for a restore cannot be restored; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    label: str
    created: datetime  # UTC
    size: int  # bytes

    @property
    def description(self) -> str:
        if self.label.startswith(KEPT_LABEL_PREFIX):
            return BackupText.tr(
                "before upgrading the schema from {revision}").format(
                revision=self.label.removeprefix(KEPT_LABEL_PREFIX + '-'))
        return LABELS.get(self.label, self.label)

    @property
    def rotated(self) -> bool:
        return not self.label.startswith(KEPT_LABEL_PREFIX)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: BackupInfo  # the state before the restore
    migrated_from: str | None  # the backup's schema revision, when it was older than this version's


@dataclass
class AutoBackupPolicy:
    """When the app backs up by itself: after `interval_s` of use since the last backup, or on
    close, and only if something changed since that backup. Time is passed in (record_use)."""

    interval_s: float = AUTO_INTERVAL_S
    used_s: float = 0.0
    changed: bool = False
    last: datetime | None = None  # when the last automatic backup was made

    def record_use(self, seconds: float) -> None:
        self.used_s += max(0.0, seconds)

    def record_change(self) -> None:
        self.changed = True

    def due(self) -> bool:
        return self.changed and self.used_s >= self.interval_s

    def due_on_close(self) -> bool:
        return self.changed

    def backed_up(self, when: datetime) -> None:
        self.used_s, self.changed, self.last = 0.0, False, when


def database_file(db: Database) -> Path:
    if db.engine.dialect.name == "postgresql":
        raise BackupError(BackupText.tr(
            "file backups are for SQLite collections; back up a PostgreSQL collection with pg_dump"))
    if db.path is None:
        raise BackupError(BackupText.tr("backups need a database file (this one lives in memory)"))
    return db.path


def backups_folder(db: Database) -> Path:
    return database_file(db).parent / "backups"


def _info(path: Path, stem: str) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if m is None or m.group("stem") != stem:
        return None
    stamp = m.group("stamp")
    digits = stamp[:15] + "." + (stamp[15:-1] or "0")
    created = datetime.strptime(digits, "%Y%m%dT%H%M%S.%f").replace(tzinfo=timezone.utc)
    return BackupInfo(path, m.group("label"), created, path.stat().st_size)


def is_whole_sqlite_file(path: Path) -> bool:
    """A cheap check that `path` is a complete SQLite file with no unfinished write: the
    header's magic, its page count times page size equals the file size, and no journal or
    WAL beside it. (Backups are quick_checked before they get their name; this catches what a
    failed backup of an older version left, and files cut short.)"""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages, change, valid_for = (int.from_bytes(header[i:i + 4], "big") for i in (28, 24, 92))
    if page_size < 512 or size % page_size:
        return False
    if change == valid_for and pages * page_size != size:
        return False
    return not any(path.with_name(path.name + s).exists() for s in ("-journal", "-wal"))


def list_backups(db: Database) -> list[BackupInfo]:
    """This database's verified backups, newest first."""
    folder, stem = backups_folder(db), database_file(db).stem
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob(f"{stem}-*.db") if (info := _info(p, stem)) is not None
             and is_whole_sqlite_file(p)]
    return sorted(found, key=lambda b: b.created, reverse=True)


def quick_check(path: Path, read_only: bool = False) -> list[str]:
    """Problems PRAGMA quick_check finds (empty: ok). An unreadable file is one problem.
    `read_only` reads without creating anything beside the file (see read_only_uri)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True) if read_only else sqlite3.connect(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def _sweep(folder: Path, stem: str) -> list[Path]:
    """Remove what failed or killed backups left: files under a backup's name that are not
    whole SQLite files, side files with no backup beside them, stale temporary files."""
    removed = []
    now = time.time()
    for p in list(folder.iterdir()) if folder.is_dir() else []:
        name = p.name
        if name.startswith(f".{stem}-") and TEMP_SUFFIX in name:
            try:
                stale = now - p.stat().st_mtime > STALE_TEMP_S
            except OSError:
                continue
            if stale:
                p.unlink(missing_ok=True)
                removed.append(p)
        elif _info(p, stem) is not None and not is_whole_sqlite_file(p):
            remove_with_side_files(p)
            removed.append(p)
        elif name.startswith(f"{stem}-") and name.endswith(SIDE_SUFFIXES):
            base = p.with_name(name[:name.rindex("-")])
            if not base.exists():
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


def rotate(db: Database, keep: int) -> list[Path]:
    """Delete all but the newest `keep` verified rotated backups (with their side files) and
    sweep failed backups' leftovers; return the deleted paths."""
    rotated = [b for b in list_backups(db) if b.rotated]
    removed = []
    for old in rotated[max(1, keep):]:
        remove_with_side_files(old.path)
        removed.append(old.path)
    return removed + _sweep(backups_folder(db), database_file(db).stem)


def create_backup(db: Database, label: str, keep: int) -> BackupInfo:
    """Copy, check, rotate. BackupError (and no file) when the check or the copy fails."""
    if label not in LABELS:
        raise ValueError(BackupText.tr("unknown backup label {label}").format(label=f"{label!r}"))
    path = database_file(db)
    try:
        copy = backup_copy(path, label, backups_folder(db))
    except CopyDamaged as exc:
        raise BackupError(BackupText.tr(
            "no backup made: the database failed its quick check ({problems}). The existing backups were kept; "
            "restore one from Tools → Backups.").format(
            problems="; ".join(exc.problems[:3]))) from None
    except StoreError as exc:
        raise BackupError(BackupText.tr(
            "no backup made: {error}. The existing backups were kept.").format(
            error=exc)) from None
    rotate(db, keep)
    info = _info(copy, path.stem)
    assert info is not None  # backup_copy writes names _NAME reads
    return info


def verify_backup(path: Path) -> str:
    """The backup's schema revision if it can be restored, else BackupInvalid saying why."""
    name = path.name
    if not path.is_file():
        raise BackupInvalid(BackupText.tr("cannot restore {name}: the file does not exist").format(name=name))
    problems = quick_check(path, read_only=True)
    if problems:
        raise BackupInvalid(BackupText.tr(
            "cannot restore {name}: it is damaged or not a database ({problem}). Nothing was changed.").format(
            name=name, problem=problems[0]))
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupInvalid(BackupText.tr(
            "cannot restore {name}: {error}. Nothing was changed.").format(
            name=name, error=exc)) from None
    if revision is None or not {"cards", "card_state", "review_log"} <= tables:
        raise BackupInvalid(BackupText.tr(
            "cannot restore {name}: it is not a quizapp collection. Nothing was changed.").format(
            name=name))
    from quizapp.store.migrate import known_revisions

    if revision[0] != HEAD_REVISION and revision[0] not in known_revisions():
        raise BackupInvalid(BackupText.tr(
            "cannot restore {name}: it was written by a newer quizapp (schema '{revision}'). Nothing was "
            "changed.").format(
            name=name, revision=revision[0]))
    return str(revision[0])


def _stage(backup: Path, revision: str, folder: Path) -> Path:
    """A private copy of the backup at this version's schema, to read rows from."""
    from sqlalchemy import URL, create_engine

    staged = folder / f".restore-{time.time_ns()}.db{TEMP_SUFFIX}"
    src = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        copy_database(src, staged)
    finally:
        src.close()
    if revision != HEAD_REVISION:
        engine = create_engine(URL.create("sqlite", database=str(staged)))  # a path, never parsed as a URL
        try:
            with engine.connect() as conn:
                migrate(conn, None)
        finally:
            engine.dispose()
    return staged


def _columns(conn: sqlite3.Connection, schema: str) -> dict[str, list[str]]:
    """The plain tables of `schema` and their columns. Virtual tables (the browser's FTS5 text
    index) and their shadow tables are left out: triggers on the cards table keep the index in
    step as the cards' rows are replaced, and FTS5 refuses a plain DELETE of its rows."""
    rows = list(conn.execute(f"SELECT name, sql FROM {schema}.sqlite_master "
                             "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    tables = [name for name, _ in rows
              if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)]
    return {t: [r[1] for r in conn.execute(f'PRAGMA {schema}.table_info("{t}")')] for t in tables}


def _replace_rows(conn: sqlite3.Connection) -> None:
    """Inside the caller's transaction: every table of `main` gets the rows of `staged`."""
    live, staged = _columns(conn, "main"), _columns(conn, "staged")
    if live != staged:
        raise BackupInvalid(BackupText.tr(
            "cannot restore: after migration its tables still differ from the collection's ({tables}). Nothing "
            "was changed.").format(
            tables=sorted(set(live) ^ set(staged)) or 'columns differ'))
    for table, cols in live.items():
        names = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'DELETE FROM main."{table}"')
        conn.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM staged."{table}"')
    sequences = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE name = 'sqlite_sequence'")}
    if sequences:  # AUTOINCREMENT counters, so new log ids continue from the backup's
        conn.execute("DELETE FROM main.sqlite_sequence")
        if conn.execute("SELECT 1 FROM staged.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
            conn.execute("INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM staged.sqlite_sequence")


def restore_backup(db: Database, backup: Path, keep: int) -> RestoreResult:
    """Replace the collection with a backup, after saving the current state as a backup; both
    under one hold of the write lock (see the module doc)."""
    revision = verify_backup(backup)
    live = database_file(db)
    folder = backups_folder(db)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staged = _stage(backup, revision, folder)
    except StoreError as exc:
        raise BackupError(BackupText.tr(
            "cannot restore {name}: {error}. Nothing was changed.").format(
            name=backup.name, error=exc)) from None
    try:
        safety = _swap_in(live, staged, folder)
    finally:
        remove_with_side_files(staged)
    saved, restored = _info(safety, live.stem), _info(backup, live.stem)
    assert saved is not None
    if restored is None:  # a file from elsewhere, not named like this database's backups
        restored = BackupInfo(backup, "manual", datetime.fromtimestamp(backup.stat().st_mtime, timezone.utc),
                              backup.stat().st_size)
    rotate(db, keep)
    return RestoreResult(restored, saved, revision if revision != HEAD_REVISION else None)


def _swap_in(live: Path, staged: Path, folder: Path) -> Path:
    """Under the write lock: the safety copy of `live`, then `live`'s rows replaced by `staged`'s."""
    from quizapp.store.migrate import backup_name

    conn = sqlite3.connect(live, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS staged", (str(staged),))  # not allowed inside a transaction
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise BackupError(BackupText.tr(
                "cannot restore now: another process is writing to the collection ({error}); nothing was "
                "changed. Try again when it has finished.").format(
                error=exc)) from None
        try:
            # The safety copy reads through a second connection: we hold the write lock but have
            # written nothing, so it sees exactly the last committed state, and no one can commit
            # another answer until our transaction ends.
            target = folder / backup_name(live, "pre-restore")
            reader = sqlite3.connect(live, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                copy_database(reader, target)
            finally:
                reader.close()
            _replace_rows(conn)
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, StoreError):
                raise BackupError(BackupText.tr(
                    "cannot restore: no safety copy could be made ({error}). Nothing was changed.").format(
                    error=exc)) \
                    from None
            raise
        conn.execute("DETACH DATABASE staged")
        return target
    finally:
        conn.close()
