"""Backups: made only after PRAGMA quick_check passes, rotated, automatic at most every 30
minutes of use and on close (only after a change), restored with a safety copy first; a damaged,
foreign or newer backup is refused with a clear message and nothing changes."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from quizapp.services.backups import (AUTO_INTERVAL_S, AutoBackupPolicy, BackupError, BackupInvalid, create_backup,
                                      list_backups, quick_check, restore_backup, verify_backup)
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from quizapp.store.database import Database
from quizapp.store.migrate import _alembic_config, backup_copy
from quizapp.store.schema import HEAD_REVISION
from tests.support import NOW, SAMPLE_DECK

TABLES = ("cards", "card_state", "review_log", "settings")


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}
    finally:
        conn.close()


def damage(path: Path, table_or_index: str = "ix_cards_tags") -> None:
    """Break one b-tree page's free-block pointer: the file still opens, quick_check fails."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table_or_index,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    offset = (root - 1) * page_size
    data[offset + 1:offset + 3] = b"\xff\xff"
    path.write_bytes(bytes(data))


def test_backup_is_a_consistent_copy_listed_newest_first(sample_db: Database) -> None:
    StudyService(sample_db).answer("sample-71-1", 4, NOW)
    first = create_backup(sample_db, "manual", keep=5)
    second = create_backup(sample_db, "auto", keep=5)
    assert first.path.parent == sample_db.path.parent / "backups"
    assert first.path.name.startswith("test-manual-") and first.label == "manual"
    assert [b.path for b in list_backups(sample_db)] == [second.path, first.path]
    assert dump(first.path) == dump(sample_db.path) and quick_check(first.path) == []
    assert verify_backup(first.path) == HEAD_REVISION


def test_rotation_keeps_the_newest_n_and_never_the_pre_migration_copies(sample_db: Database) -> None:
    pre_migrate = backup_copy(sample_db.path, "pre-migrate-0001", sample_db.path.parent / "backups")
    made = [create_backup(sample_db, label, keep=3) for label in ("auto", "manual", "close", "auto", "auto")]
    left = list_backups(sample_db)
    assert [b.path for b in left if b.rotated] == [m.path for m in reversed(made[-3:])]
    assert pre_migrate in [b.path for b in left] and not made[0].path.exists()
    create_backup(sample_db, "auto", keep=1)
    assert len([b for b in list_backups(sample_db) if b.rotated]) == 1 and pre_migrate.exists()


def test_no_backup_when_quick_check_fails_and_old_backups_are_kept(sample_db: Database, tmp_path: Path) -> None:
    good = create_backup(sample_db, "auto", keep=2)
    path = sample_db.path
    sample_db.close()
    damage(path)
    db = open_database(path)  # a damaged index page: the file still opens
    try:
        assert quick_check(path)
        with pytest.raises(BackupError, match="failed its quick check") as info:
            create_backup(db, "auto", keep=1)
        assert "existing backups were kept" in str(info.value)
        assert [b.path for b in list_backups(db)] == [good.path] and good.path.exists()
    finally:
        db.close()


def test_automatic_cadence_is_30_minutes_of_use_and_on_close_only_after_changes() -> None:
    policy = AutoBackupPolicy()
    policy.record_use(2 * AUTO_INTERVAL_S)
    assert not policy.due() and not policy.due_on_close()  # nothing changed: nothing to save
    policy.record_change()
    assert policy.due() and policy.due_on_close()
    policy.backed_up(NOW)
    policy.record_change()
    policy.record_use(AUTO_INTERVAL_S - 60)
    assert not policy.due() and policy.due_on_close()  # changed, but not 30 minutes of use yet
    policy.record_use(60)
    assert policy.due()
    policy.backed_up(NOW)
    assert policy.used_s == 0 and not policy.due_on_close() and policy.last == NOW


def test_restore_backs_up_the_current_state_first(sample_db: Database) -> None:
    study = StudyService(sample_db)
    study.answer("sample-71-1", 5, NOW)
    saved = create_backup(sample_db, "manual", keep=10)
    then = dump(sample_db.path)
    study.answer("sample-72-1", 2, NOW)
    study.answer("sample-73-1", 4, NOW)
    now_state = dump(sample_db.path)
    assert now_state != then

    result = restore_backup(sample_db, saved.path, keep=10)
    assert dump(sample_db.path) == then
    assert result.safety_copy.label == "pre-restore" and dump(result.safety_copy.path) == now_state
    assert result.restored.path == saved.path and result.migrated_from is None
    assert quick_check(sample_db.path) == []
    # the open Database keeps working on the restored content
    assert [h.card_id for h in [study.answer("sample-72-1", 4, NOW)]] == ["sample-72-1"]
    assert study.card("sample-71-1")[1].repetitions == 1


def test_restoring_an_older_schema_migrates_it(sample_db: Database, tmp_path: Path) -> None:
    old = tmp_path / "backups-elsewhere" / "old.db"
    old.parent.mkdir()
    StudyService(sample_db).answer("sample-71-1", 5, NOW)
    backup = create_backup(sample_db, "manual", keep=10)
    old.write_bytes(backup.path.read_bytes())
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0002")
    engine.dispose()
    assert verify_backup(old) == "0002"
    result = restore_backup(sample_db, old, keep=10)
    assert result.migrated_from == "0002"
    assert StudyService(sample_db).card("sample-71-1")[1].repetitions == 1
    with sample_db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION


def _not_a_collection(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()


def _newer(path: Path, source: Path) -> None:
    path.write_bytes(source.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.close()


@pytest.mark.parametrize("make, message", [
    (lambda p, src: p.write_bytes(b"this is not SQLite" * 500), "damaged or not a database"),
    (lambda p, src: (p.write_bytes(src.read_bytes()), damage(p)), "damaged or not a database"),
    (lambda p, src: p.write_bytes(src.read_bytes()[:8192]), "damaged or not a database"),
    (lambda p, src: _not_a_collection(p), "not a quizapp collection"),
    (lambda p, src: _newer(p, src), "written by a newer quizapp"),
    (lambda p, src: None, "does not exist"),
], ids=["garbage", "damaged-page", "truncated", "foreign-db", "newer-schema", "missing"])
def test_a_bad_backup_is_refused_and_nothing_changes(sample_db: Database, tmp_path: Path, make, message) -> None:
    StudyService(sample_db).answer("sample-71-1", 5, NOW)
    good = create_backup(sample_db, "manual", keep=10)
    bad = tmp_path / "candidate.db"
    make(bad, good.path)
    before, backups = dump(sample_db.path), list_backups(sample_db)
    with pytest.raises(BackupInvalid, match=message) as info:
        restore_backup(sample_db, bad, keep=10)
    assert "candidate.db" in str(info.value)
    assert dump(sample_db.path) == before and list_backups(sample_db) == backups  # no safety copy either
    assert quick_check(sample_db.path) == []


def test_memory_database_cannot_be_backed_up() -> None:
    db = open_database("sqlite://")
    try:
        import_deck(db, [SAMPLE_DECK], now=NOW)
        with pytest.raises(BackupError, match="database file"):
            create_backup(db, "auto", keep=3)
    finally:
        db.close()
