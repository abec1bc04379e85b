"""Backups of the collection: automatic, rotated, listed, and restored with a safety copy.

A backup is a consistent copy made with SQLite's backup API (quizapp.store.migrate.backup_copy)
into `backups/` next to the database, named `<db>-<label>-<UTC stamp>.db`. It is only made after
`PRAGMA quick_check` passes, so a damaged database never rotates good backups away. Rotation
keeps the newest `keep` backups (the setting backups_kept); the copies taken before a schema
migration are never rotated (they are the only copy in the old format).

Restoring checks the chosen file first (readable, quick_check ok, a quizapp schema this version
knows) and refuses it with a clear message, changing nothing; then it backs up the current
state (label pre-restore) and copies the backup into the live database, again through the
backup API so other connections see the new content; an older schema is migrated as at open.

When to back up automatically is `AutoBackupPolicy`: at most once per 30 minutes of use, and
on close, each time only if something changed since the last backup.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from quizapp.services.errors import UserError
from quizapp.store.database import Database
from quizapp.store.migrate import backup_copy, migrate
from quizapp.store.schema import HEAD_REVISION

AUTO_INTERVAL_S = 30 * 60
LABELS = {"auto": "automatic", "close": "on close", "manual": "made by you", "pre-restore": "before a restore"}
KEPT_LABEL_PREFIX = "pre-migrate"  # before a schema migration: never rotated
_NAME = re.compile(r"^(?P<stem>.+)-(?P<label>auto|close|manual|pre-restore|pre-migrate-[0-9a-z]+)"
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
            return f"before upgrading the schema from {self.label.removeprefix(KEPT_LABEL_PREFIX + '-')}"
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
    if db.path is None:
        raise BackupError("backups need a database file (this one lives in memory)")
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


def list_backups(db: Database) -> list[BackupInfo]:
    """This database's backups, newest first."""
    folder, stem = backups_folder(db), database_file(db).stem
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob(f"{stem}-*.db") if (info := _info(p, stem)) is not None]
    return sorted(found, key=lambda b: b.created, reverse=True)


def quick_check(path: Path, read_only: bool = False) -> list[str]:
    """Problems PRAGMA quick_check finds (empty: ok). An unreadable file is one problem."""
    uri = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    try:
        conn = sqlite3.connect(uri, uri=read_only)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def rotate(db: Database, keep: int) -> list[Path]:
    """Delete all but the newest `keep` rotated backups; return the deleted paths."""
    rotated = [b for b in list_backups(db) if b.rotated]
    removed = []
    for old in rotated[max(1, keep):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def create_backup(db: Database, label: str, keep: int) -> BackupInfo:
    """Check the database, copy it, rotate. BackupError (and no file) when the check fails."""
    if label not in LABELS:
        raise ValueError(f"unknown backup label {label!r}")
    path = database_file(db)
    problems = quick_check(path)
    if problems:
        raise BackupError(f"no backup made: the database failed its quick check ({'; '.join(problems[:3])}). "
                          "The existing backups were kept; restore one from Tools → Backups.")
    copy = backup_copy(path, label, backups_folder(db))
    rotate(db, keep)
    info = _info(copy, path.stem)
    assert info is not None  # backup_copy writes names _NAME reads
    return info


def verify_backup(path: Path) -> str:
    """The backup's schema revision if it can be restored, else BackupInvalid saying why."""
    name = path.name
    if not path.is_file():
        raise BackupInvalid(f"cannot restore {name}: the file does not exist")
    problems = quick_check(path, read_only=True)
    if problems:
        raise BackupInvalid(f"cannot restore {name}: it is damaged or not a database ({problems[0]}). "
                            "Nothing was changed.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupInvalid(f"cannot restore {name}: {exc}. Nothing was changed.") from None
    if revision is None or not {"cards", "card_state", "review_log"} <= tables:
        raise BackupInvalid(f"cannot restore {name}: it is not a quizapp collection. Nothing was changed.")
    from quizapp.store.migrate import known_revisions

    if revision[0] != HEAD_REVISION and revision[0] not in known_revisions():
        raise BackupInvalid(f"cannot restore {name}: it was written by a newer quizapp (schema "
                            f"'{revision[0]}'). Nothing was changed.")
    return str(revision[0])


def restore_backup(db: Database, backup: Path, keep: int) -> RestoreResult:
    """Replace the collection with a backup, after saving the current state as a backup."""
    revision = verify_backup(backup)
    live = database_file(db)
    safety = backup_copy(live, "pre-restore", backups_folder(db))
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(live)
        try:
            src.backup(dst)  # one write transaction on the live file; other connections then see it
        finally:
            dst.close()
    finally:
        src.close()
    migrated_from = None
    if revision != HEAD_REVISION:
        with db.engine.connect() as conn:
            migrate(conn, live)
        migrated_from = revision
    saved, restored = _info(safety, live.stem), _info(backup, live.stem)
    assert saved is not None
    if restored is None:  # a file from elsewhere, not named like this database's backups
        restored = BackupInfo(backup, "manual", datetime.fromtimestamp(backup.stat().st_mtime, timezone.utc),
                              backup.stat().st_size)
    rotate(db, keep)
    return RestoreResult(restored, saved, migrated_from)
