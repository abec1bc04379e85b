"""Schema migrations at open: refuse a newer schema, back up, then upgrade to head.

The fast path (schema already at HEAD_REVISION) reads one row and never imports Alembic.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from quizapp.store.database import StoreError
from quizapp.store.schema import HEAD_REVISION


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _script_config():  # -> alembic.config.Config
    from alembic.config import Config

    from quizapp.resources import migrations_dir

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def _alembic_config(conn: Connection):  # -> alembic.config.Config
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


def backup_copy(db_path: Path, label: str, backups_dir: Path | None = None) -> Path:
    """A consistent copy of a live SQLite file through SQLite's backup API."""
    folder = backups_dir or db_path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{label}-{stamp}.db"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(conn: Connection, db_path: Path | None) -> Path | None:
    """Bring the schema to head. Returns the path of the backup taken before migrating, if any."""
    current = current_revision(conn)
    if current == HEAD_REVISION:
        return None
    if current is not None and current not in known_revisions():
        raise StoreError(
            f"this database was written by a newer quizapp (schema revision '{current}'; this version "
            f"knows up to '{HEAD_REVISION}'). Upgrade quizapp to open it; the file was left untouched.")
    backup = None
    if current is not None and db_path is not None and db_path.exists():
        conn.commit()
        backup = backup_copy(db_path, f"pre-migrate-{current}")
    from alembic import command

    command.upgrade(_alembic_config(conn), "head")
    conn.commit()
    return backup
