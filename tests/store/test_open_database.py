"""Opening a database changes nothing it should not: a file that is not a quizapp collection is
refused byte-for-byte untouched, read-only commands never create a collection, a newer schema
is refused before the journal mode is touched, paths are paths (not URLs), and a reader never
needs the write lock (issue 21 items 4, 5, 6, 13; `--db sqlite://` from item 14)."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.services.database import open_database
from quizapp.services.errors import DatabaseUnavailable
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from tests.support import NOW, SAMPLE_DECK


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name and p.name.startswith(path.name))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('my own data')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("command", [("due",), ("stats",), ("card", "x-1"), ("import", str(SAMPLE_DECK))])
def test_a_foreign_sqlite_file_is_refused_untouched(capsys, tmp_path: Path, command) -> None:
    path = tmp_path / "other.sqlite"
    _foreign(path)
    before = digest(path)
    code, out, err = run(capsys, *command, "--db", str(path), "--now", "2026-11-26T09:00:00+08:00")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "is not a quizapp collection" in err and "left untouched" in err
    assert digest(path) == before and side_files(path) == []
    with sqlite3.connect(path) as conn:  # still its own journal mode and its own tables only
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
    conn.close()


@pytest.mark.parametrize("command", [("due",), ("stats",), ("card", "x-1")])
def test_read_only_commands_never_create_a_collection(capsys, tmp_path: Path, command) -> None:
    path = tmp_path / "typo.db"
    code, out, err = run(capsys, *command, "--db", str(path))
    assert code == 3 and out == "" and err.count("\n") == 1
    assert f"no quizapp collection at {path}" in err and "quizapp import" in err
    assert list(tmp_path.iterdir()) == []


def test_a_new_or_empty_file_becomes_a_collection(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for path in (empty, tmp_path / "new.db"):
        db = open_database(path)
        try:
            assert import_deck(db, [SAMPLE_DECK], now=NOW).added == 14
        finally:
            db.close()
    with pytest.raises(DatabaseUnavailable, match="no quizapp collection"):
        open_database(tmp_path / "missing.db", create=False)
    empty2 = tmp_path / "empty2.db"
    empty2.touch()
    with pytest.raises(DatabaseUnavailable, match="no quizapp collection"):
        open_database(empty2, create=False)
    assert empty2.stat().st_size == 0


def test_a_newer_schema_in_rollback_journal_mode_is_refused_before_any_change(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # as a copy made by another tool would be
    conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseUnavailable, match="newer quizapp .*'0999'.*left untouched"):
        open_database(path)
    assert digest(path) == before and side_files(path) == []
    assert path.read_bytes()[18:20] == b"\x01\x01"  # header: rollback journal, not WAL


@pytest.mark.parametrize("name", ["what?.db", "pct%41.db", "hash#1.db", "a b.db", "semi;colon.db"])
def test_db_paths_are_paths_not_urls(tmp_path: Path, capsys, name: str) -> None:
    path = tmp_path / name
    assert run(capsys, "import", str(SAMPLE_DECK), "--db", str(path), "--now", "2026-11-26T09:00:00+08:00")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(name + "-")) == [name]
    code, out, _ = run(capsys, "due", "--db", str(path), "--now", "2026-11-26T09:00:00+08:00")
    assert code == 0 and "14 new" in out


def test_an_in_memory_url_is_refused_on_the_command_line(capsys) -> None:
    for command in (("due",), ("import", str(SAMPLE_DECK))):
        code, out, err = run(capsys, *command, "--db", "sqlite://")
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "in-memory" in err and "nothing would be kept" in err


def test_an_in_memory_database_reads_what_it_wrote() -> None:
    db = open_database("sqlite://")
    try:
        import_deck(db, [SAMPLE_DECK], now=NOW)
        assert StudyService(db).queue(NOW).counts["new"] == 14  # the read engine sees the same database
    finally:
        db.close()


def test_readers_do_not_need_the_write_lock(tmp_path: Path, capsys) -> None:
    path = tmp_path / "busy.db"
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    db.close()
    writer = sqlite3.connect(path, timeout=0, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    writer.execute("UPDATE card_state SET position = position + 1000")
    try:
        reader = open_database(path, create=False)
        try:
            assert StudyService(reader).queue(NOW).counts["new"] == 14
        finally:
            reader.close()
        code, out, err = run(capsys, "due", "--db", str(path), "--now", "2026-11-26T09:00:00+08:00")
        assert code == 0 and "14 new" in out, err
        code, out, err = run(capsys, "stats", "--db", str(path), "--now", "2026-11-26T09:00:00+08:00")
        assert code == 0, err
        code, out, err = run(capsys, "card", "sample-71-1", "--db", str(path))
        assert code == 0 and "sample-71-1" in out, err
    finally:
        writer.rollback()
        writer.close()


def _in_read_only_folder(folder: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run argv with `folder` read-only: chmod for a normal user; root ignores permissions, so
    for root a read-only bind mount in a private mount namespace (skipped where not allowed)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=120)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: cannot make a read-only folder")
    script = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 99; shift; '
              'touch "$0/probe" 2>/dev/null && exit 98; exec "$@"')
    proc = subprocess.run(["unshare", "-m", "sh", "-c", script, str(folder), str(folder), *argv],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode in (98, 99):
        pytest.skip("cannot make a read-only bind mount here")
    return proc


def test_in_a_read_only_folder_due_says_why_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "c.db"
    db = open_database(path)
    import_deck(db, [SAMPLE_DECK], now=NOW)
    db.close()
    env_python = [sys.executable, "-m", "quizapp", "due", "--db", str(path)]
    proc = _in_read_only_folder(folder, env_python)
    assert proc.returncode == 3 and proc.stdout == "", proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"its folder {folder} is read-only" in proc.stderr and "c.db-wal" in proc.stderr
