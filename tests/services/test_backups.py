"""Backups: made only after PRAGMA quick_check passes, rotated, automatic at most every 30
minutes of use and on close (only after a change), restored with a safety copy first; a damaged,
foreign or newer backup is refused with a clear message and nothing changes."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from quizapp.services.backups import (AUTO_INTERVAL_S, AutoBackupPolicy, BackupError, BackupInvalid, create_backup,
                                      list_backups, quick_check, restore_backup, verify_backup)
from quizapp.services.bundle import Backups
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from quizapp.store.database import Database
from quizapp.store.migrate import _alembic_config, backup_copy
from quizapp.store.schema import HEAD_REVISION
from tests.support import NOW, SAMPLE_DECK

# backups are copies of the SQLite file; a PostgreSQL collection is backed up with pg_dump
# (test_postgresql_collection_says_pg_dump below)
pytestmark = pytest.mark.sqlite_only("backups copy the SQLite file")

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


# ----------------------------------------------------------------------------- failed and killed backups


class _FailingBackupSource:
    """A stand-in for sqlite3.connect's connection whose `backup` fails part-way, as a full
    disk or a crash would: 'full' caps the target file at 4 pages (SQLite's own SQLITE_FULL);
    'crash' copies two pages, then raises out of the copy."""

    def __init__(self, real: sqlite3.Connection, mode: str) -> None:
        self._real, self._mode = real, mode

    def backup(self, target: sqlite3.Connection, **kwargs) -> None:
        if self._mode == "full":
            target.execute("PRAGMA max_page_count = 4")
            return self._real.backup(target, **kwargs)

        def crash(_status: int, _remaining: int, _total: int) -> None:
            raise KeyboardInterrupt("killed mid-copy")
        return self._real.backup(target, pages=2, progress=crash)

    def __getattr__(self, name: str):
        return getattr(self._real, name)


def _fail_backups(monkeypatch, sample_db: Database, mode: str) -> None:
    """Make every backup copied *from* the live database fail in the given way."""
    import types

    import quizapp.store.migrate as store_migrate

    live = str(sample_db.path)
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        conn = real_connect(database, *args, **kwargs)
        return _FailingBackupSource(conn, mode) if str(database) == live else conn
    monkeypatch.setattr(store_migrate, "sqlite3", types.SimpleNamespace(**{**vars(sqlite3), "connect": connect}))


def _stray_files(folder: Path, good: list[Path]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in good)


@pytest.mark.parametrize("mode", ["full", "crash"])
def test_a_failed_backup_leaves_nothing_and_rotates_nothing_away(sample_db: Database, monkeypatch, mode) -> None:
    good = [create_backup(sample_db, "auto", keep=2).path for _ in range(2)]
    _fail_backups(monkeypatch, sample_db, mode)
    for _ in range(2):  # with keep=2, two failures must not push the good backups out
        if mode == "full":
            with pytest.raises(BackupError) as info:
                create_backup(sample_db, "auto", keep=2)
            message = str(info.value)
            assert "\n" not in message and "disk is full" in message and "existing backups were kept" in message
        else:
            with pytest.raises(KeyboardInterrupt):
                create_backup(sample_db, "auto", keep=2)
    assert [b.path for b in list_backups(sample_db)] == list(reversed(good))
    assert all(p.exists() and quick_check(p) == [] for p in good)
    assert _stray_files(good[0].parent, good) == []  # no partial file, no -journal, no temp


KILLED_BACKUP = r"""
import sqlite3, sys, time, types
import quizapp.store.migrate as m
from quizapp.services.backups import create_backup
from quizapp.services.database import open_database
db = open_database(sys.argv[1])
real = sqlite3.connect
class Slow:
    def __init__(self, c): self.c = c
    def backup(self, target, **kw):
        def progress(*a):
            print("copying", flush=True)
            time.sleep(0.2)
        return self.c.backup(target, pages=1, progress=progress)
    def __getattr__(self, n): return getattr(self.c, n)
def connect(d, *a, **k):
    c = real(d, *a, **k)
    return Slow(c) if str(d) == sys.argv[1] else c
m.sqlite3 = types.SimpleNamespace(**{**vars(sqlite3), "connect": connect})
create_backup(db, "auto", keep=2)
"""


def test_a_killed_backup_is_never_listed_and_its_leftovers_are_swept(sample_db: Database) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    good = [create_backup(sample_db, "auto", keep=2).path for _ in range(2)]
    for _ in range(2):
        child = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, str(sample_db.path)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "copying"
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
    folder = good[0].parent
    assert [b.path for b in list_backups(sample_db)] == list(reversed(good))
    leftovers = _stray_files(folder, good)
    assert leftovers and all(name.startswith(".") for name in leftovers)  # temp names, never the final one
    an_hour_ago = time.time() - 3600
    for name in leftovers:
        os.utime(folder / name, (an_hour_ago, an_hour_ago))
    newest = create_backup(sample_db, "auto", keep=2).path
    assert [b.path for b in list_backups(sample_db)] == [newest, good[1]]
    assert _stray_files(folder, [newest, good[1]]) == []


def test_rotation_counts_only_verified_backups(sample_db: Database) -> None:
    good = [create_backup(sample_db, "auto", keep=2).path for _ in range(2)]
    folder = good[0].parent
    # what an older quizapp's failed backups left under final names: an empty and a cut-off file
    (folder / "test-auto-29990101T000000000000Z.db").write_bytes(b"")
    (folder / "test-auto-29990101T000001000000Z.db").write_bytes(good[0].read_bytes()[:4096])
    (folder / "test-auto-29990101T000001000000Z.db-journal").write_bytes(b"\0" * 512)
    assert [b.path for b in list_backups(sample_db)] == list(reversed(good))
    create_backup(sample_db, "auto", keep=2)
    assert good[1].exists() and not good[0].exists()
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 2 and not any(name.startswith("test-auto-2999") for name in left)  # the junk was swept


def test_reading_a_backup_leaves_no_side_files_beside_it(sample_db: Database) -> None:
    StudyService(sample_db).answer("sample-71-1", 5, NOW)
    saved = create_backup(sample_db, "manual", keep=10)
    assert saved.path.read_bytes()[18:20] == b"\x01\x01"  # a self-contained rollback-journal file
    verify_backup(saved.path)
    restore_backup(sample_db, saved.path, keep=10)
    folder = saved.path.parent
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(saved.path.name)) == [saved.path.name]


# ----------------------------------------------------------------------------- restore while answering

ANSWERING = r"""
import itertools, sys
from datetime import datetime, timedelta
from quizapp.services.database import open_database
from quizapp.services.study import StudyService
db = open_database(sys.argv[1])
study = StudyService(db)
cards = sys.argv[2].split(",")
start = datetime.fromisoformat(sys.argv[3])
print("ready", flush=True)
for i in itertools.count():
    try:
        study.answer(cards[i % len(cards)], 4, start + timedelta(seconds=i))
    except Exception as exc:  # locked for longer than the busy timeout: not committed, not reported
        print(f"skipped {i}: {exc}", file=sys.stderr, flush=True)
        continue
    print(i, flush=True)
"""
RESTORES = 12


def _answers(path: Path) -> set[tuple[str, datetime]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {(card, datetime.fromisoformat(at)) for card, at in conn.execute(
            "SELECT card_id, reviewed_at FROM review_log")}
    finally:
        conn.close()


def test_restore_while_another_process_answers_loses_no_committed_answer(sample_db: Database) -> None:
    import subprocess
    import sys
    import threading
    import time

    base = create_backup(sample_db, "manual", keep=100)
    cards = [f"sample-7{s}-{j}" for s in range(1, 8) for j in (1, 2)]
    start = NOW
    child = subprocess.Popen([sys.executable, "-c", ANSWERING, str(sample_db.path), ",".join(cards), start.isoformat()],
                             stdout=subprocess.PIPE, text=True, bufsize=1)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    reported: list[int] = []
    reader = threading.Thread(target=lambda: reported.extend(int(line) for line in child.stdout), daemon=True)
    reader.start()
    safety_copies = []
    try:
        for k in range(RESTORES):
            while len(reported) < 10 * (k + 1) and child.poll() is None:
                time.sleep(0.005)
            safety_copies.append(restore_backup(sample_db, base.path, keep=100).safety_copy.path)
        target = len(reported) + 10
        while len(reported) < target and child.poll() is None:
            time.sleep(0.005)
    finally:
        child.kill()
        child.wait()
        reader.join(timeout=30)
    kept = _answers(sample_db.path).union(*(_answers(p) for p in safety_copies))
    committed = {(cards[i % len(cards)], (start + timedelta(seconds=i)).astimezone(timezone.utc).replace(tzinfo=None))
                 for i in reported}
    assert len(committed) >= 10 * RESTORES
    lost = committed - kept
    assert not lost, f"{len(lost)} of {len(committed)} committed answers are in neither the live file nor a safety copy"


def test_restore_refuses_while_another_writer_holds_the_lock(sample_db: Database) -> None:
    saved = create_backup(sample_db, "manual", keep=10)
    StudyService(sample_db).answer("sample-71-1", 5, NOW)
    before, backups = dump(sample_db.path), list_backups(sample_db)
    holder = sqlite3.connect(sample_db.path, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long import, say
    try:
        with pytest.raises(BackupError, match="another process is writing to the collection") as info:
            restore_backup(sample_db, saved.path, keep=10)
    finally:
        holder.rollback()
        holder.close()
    assert "\n" not in str(info.value) and "nothing was changed" in str(info.value)
    assert dump(sample_db.path) == before and list_backups(sample_db) == backups
    assert [p.name for p in saved.path.parent.iterdir() if p.name.startswith(".")] == []  # staging copy removed


def test_a_restore_whose_safety_copy_hits_a_full_disk_changes_nothing(sample_db: Database, monkeypatch) -> None:
    import types

    import quizapp.services.backups as service

    saved = create_backup(sample_db, "manual", keep=10)
    StudyService(sample_db).answer("sample-71-1", 5, NOW)
    before, backups = dump(sample_db.path), list_backups(sample_db)
    live, real_connect = str(sample_db.path), sqlite3.connect

    def connect(database, *args, **kwargs):
        conn = real_connect(database, *args, **kwargs)
        return _FailingBackupSource(conn, "full") if str(database) == live else conn
    monkeypatch.setattr(service, "sqlite3", types.SimpleNamespace(**{**vars(sqlite3), "connect": connect}))
    with pytest.raises(BackupError) as info:
        restore_backup(sample_db, saved.path, keep=10)
    message = str(info.value)
    assert "\n" not in message and "disk is full" in message and "Nothing was changed" in message
    assert dump(sample_db.path) == before and list_backups(sample_db) == backups
    assert [p.name for p in saved.path.parent.iterdir() if p.name.startswith(".")] == []


def test_text_search_finds_the_restored_cards_and_not_the_replaced_ones(sample_db: Database, tmp_path: Path) -> None:
    """The FTS5 text index is not copied row by row (FTS5 refuses that): the cards table's
    triggers rebuild it as the rows are replaced, so searches see exactly the restored cards."""
    from quizapp.domain.browse import BrowseQuery
    from quizapp.services.card_editing import CardEditingService
    from quizapp.services.browser import BrowserService

    saved = create_backup(sample_db, "manual", keep=10)
    editing = CardEditingService(sample_db)
    table = editing.load_for_edit("sample-71-1").table
    table["front"] = {**table["front"], "en": "zygomorphic flashcard wording"}
    editing.edit_card("sample-71-1", table, NOW)
    browser = BrowserService(sample_db)
    assert browser.search(BrowseQuery(text="zygomorphic")).total == 1

    restore_backup(sample_db, saved.path, keep=10)
    assert browser.search(BrowseQuery(text="zygomorphic")).total == 0
    assert browser.search(BrowseQuery(text="sample-71-1")).total >= 1
    assert quick_check(sample_db.path) == []
    with sqlite3.connect(sample_db.path) as conn:  # FTS5's own consistency check of the index
        conn.execute("INSERT INTO card_search (card_search, rank) VALUES ('integrity-check', 1)")


def test_postgresql_collection_says_pg_dump(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        with pytest.raises(BackupError, match="^file backups are for SQLite collections; back up a PostgreSQL "
                                              "collection with pg_dump$"):
            create_backup(db, "manual", keep=5)
        assert Backups(db).available is False
    finally:
        db.close()
