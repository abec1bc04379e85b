"""The command line: each command's output, --json, and one-line errors that change nothing."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli import main
from tests.support import SAMPLE_DECK

NOW = "2026-11-26T09:00:00+08:00"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def dbpath(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "cli.db")
    assert run(capsys, "import", str(SAMPLE_DECK), "--db", path, "--now", NOW)[0] == 0
    return path


def test_import_due_answer_card_stats(capsys, dbpath: str) -> None:
    code, out, _ = run(capsys, "due", "--db", dbpath, "--now", NOW, "--json")
    due = json.loads(out)
    assert code == 0 and due["counts"] == {"review": 0, "redrill": 0, "new": 14}
    first = due["cards"][0]["card_id"]
    code, out, _ = run(capsys, "answer", first, "easy", "--db", dbpath, "--now", NOW, "--json")
    state = json.loads(out)
    assert (state["repetitions"], state["easiness"], state["interval"], state["due"]) == (1, 2.6, 1, "2026-11-27")
    code, out, _ = run(capsys, "answer", first, "4", "--db", dbpath, "--now", "2026-11-27T09:00:00+08:00")
    assert "repetitions=2 EF=2.60 interval=6d due=2026-12-03" in out
    code, out, _ = run(capsys, "card", first, "--db", dbpath, "--json")
    detail = json.loads(out)
    assert [h["grade"] for h in detail["history"]] == [5, 4] and detail["state"]["interval"] == 6
    code, out, _ = run(capsys, "stats", "--db", dbpath, "--now", "2026-11-27T10:00:00+08:00", "--json")
    stats = json.loads(out)
    assert stats["cards"]["total"] == 14 and stats["grades"]["5"] == 1
    assert sum(d["count"] for d in stats["reviews_per_day"]) == 2
    assert stats["forecast"][6] == {"day": "2026-12-03", "due": 1}


def _log_rows(path: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM review_log").fetchone()[0]


@pytest.mark.parametrize("args,message", [
    (("answer", "no-such-card", "3"), "no card with id 'no-such-card'"),
    (("answer", "sample-71-1", "7"), "grade must be 0-5"),
    (("answer", "sample-71-1", "good", "--now", "yesterday"), "--now: 'yesterday' is not an ISO 8601"),
    (("card", "missing"), "no card with id 'missing'"),
])
def test_errors_are_one_line_and_change_nothing(capsys, dbpath: str, args, message: str) -> None:
    code, out, err = run(capsys, *args, "--db", dbpath)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and message in err
    assert _log_rows(dbpath) == 0


def test_unreadable_and_locked_database(capsys, tmp_path: Path, dbpath: str) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    code, _, err = run(capsys, "due", "--db", str(junk))
    assert code == 3 and "not a quizapp database" in err and err.count("\n") == 1
    holder = sqlite3.connect(dbpath, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        code, _, err = run(capsys, "answer", "sample-71-1", "4", "--db", dbpath, "--now", NOW)
    finally:
        holder.rollback()
        holder.close()
    assert code == 3 and "locked" in err and err.count("\n") == 1
    assert _log_rows(dbpath) == 0


def test_bad_deck_reports_file_and_line(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[card]]\nid = "x-1"\nsection = "7.1"\nkind = "quiz"\n', encoding="utf-8")
    code, _, err = run(capsys, "import", str(bad), "--db", str(tmp_path / "x.db"))
    assert code == 4 and f"{bad}:4: card x-1: unknown kind 'quiz'" in err


def test_entry_point_runs_as_a_process(dbpath: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "quizapp", "due", "--db", dbpath, "--now", NOW, "--limit", "2"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "14 new" in proc.stdout and len(proc.stdout.strip().splitlines()) == 3


def test_due_does_not_import_torch_or_qt(dbpath: str) -> None:
    code = ("import sys; from quizapp.cli import main; main(['due', '--db', sys.argv[1]]); "
            "bad = [m for m in ('torch', 'PySide6', 'matplotlib') if m in sys.modules]; "
            "print('HEAVY', bad)")
    proc = subprocess.run([sys.executable, "-c", code, dbpath], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr


def test_deck_render_to_a_folder_is_one_line_and_writes_nothing(capsys, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.mkdir()
    code, out, err = run(capsys, "deck", "render", str(SAMPLE_DECK), "--out", str(target))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("quizapp: error:") and "is a folder" in err
    assert list(tmp_path.iterdir()) == [target] and list(target.iterdir()) == []


def test_due_on_an_empty_collection_says_how_to_import(capsys, tmp_path: Path) -> None:
    from quizapp.services.database import open_database

    open_database(tmp_path / "empty.db").close()  # a collection with no cards yet
    code, out, _ = run(capsys, "due", "--db", str(tmp_path / "empty.db"))
    assert code == 0 and "run 'quizapp import'" in out
