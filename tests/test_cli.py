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
def dbpath(db_target: str, capsys) -> str:
    """The sample deck imported into a new collection: a file, or a PostgreSQL database (the
    `db_backend` of tests/conftest.py); `--db` takes either."""
    assert run(capsys, "import", str(SAMPLE_DECK), "--db", db_target, "--now", NOW)[0] == 0
    return db_target


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


def _dump(path: str) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def _log_rows(target: str) -> int:
    from sqlalchemy import func, select

    from quizapp.services.database import open_database
    from quizapp.store.models import ReviewLogRow

    db = open_database(target, create=False)
    try:
        with db.read_session() as session:
            return session.scalar(select(func.count()).select_from(ReviewLogRow)) or 0
    finally:
        db.close()


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


@pytest.mark.sqlite_only("a junk file and SQLite's write lock")
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


@pytest.mark.parametrize("name, message", [
    ("missing/fig.png", "does not exist"),
    ("fig.txt", "ending in .png"),
    (".", "is a folder"),
])
def test_demo_out_that_cannot_be_a_png_is_one_line_and_writes_nothing(capsys, tmp_path: Path, name: str,
                                                                    message: str) -> None:
    before = sorted(tmp_path.rglob("*"))
    code, out, err = run(capsys, "demo", "run", "ema-window", "--out", str(tmp_path / name))
    assert code == 2 and message in err and "Traceback" not in err and err.count("\n") == 1
    assert sorted(tmp_path.rglob("*")) == before


def test_demo_out_writes_the_png_and_no_temporary_file(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "demo", "run", "ema-window", "--out", str(tmp_path / "ema.png"))
    assert code == 0 and "figure written" in out
    assert [p.name for p in tmp_path.iterdir()] == ["ema.png"]
    assert (tmp_path / "ema.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_early_easy_answers_stay_within_the_interval_cap_and_print(capsys, dbpath: str) -> None:
    for _ in range(40):  # "easy" again and again before the card is due (issue 21 item 3)
        code, out, err = run(capsys, "answer", "sample-71-1", "easy", "--db", dbpath, "--now", NOW, "--json")
        assert code == 0, err
    state = json.loads(out)
    assert state["interval"] == 36_500 and state["due"] == "2126-11-02"
    code, out, err = run(capsys, "card", "sample-71-1", "--db", dbpath, "--now", NOW)
    assert code == 0 and "2126-11-02" in out, err
    code, _, err = run(capsys, "stats", "--db", dbpath, "--now", NOW)
    assert code == 0, err
    code, out, err = run(capsys, "due", "--db", dbpath, "--now", "2999-12-31T12:00:00+08:00")
    assert code == 0 and "1 due" in out, err


def test_the_interval_cap_setting_applies_to_answers(capsys, dbpath: str) -> None:
    from quizapp.services.database import open_database
    from quizapp.services.settings import SettingsService

    db = open_database(dbpath)
    SettingsService(db).update({"max_interval_days": 30})
    db.close()
    for _ in range(8):
        code, out, err = run(capsys, "answer", "sample-71-1", "easy", "--db", dbpath, "--now", NOW, "--json")
        assert code == 0, err
    assert json.loads(out)["interval"] == 30


@pytest.mark.parametrize("now, message", [
    ("9999-12-31T23:59:59", "outside the supported range 1970-01-01 to 2999-12-31"),
    ("0001-01-01", "outside the supported range 1970-01-01 to 2999-12-31"),
    ("0001-01-01T00:00:00+14:00", "outside the supported range 1970-01-01 to 2999-12-31"),
    ("9999-12-31T23:00:00-12:00", "outside the supported range 1970-01-01 to 2999-12-31"),
    ("2026-11-26T09:00:00-14:00", "UTC offset -14:00 is outside -12:00 to +14:00"),
    ("+14:00", "is not an ISO 8601 date-time"),
    ("2026-11-26T09:00:00+15:00", "UTC offset +15:00 is outside -12:00 to +14:00"),
])
def test_now_out_of_range_is_one_line(capsys, dbpath: str, now: str, message: str) -> None:
    code, out, err = run(capsys, "answer", "sample-71-1", "easy", "--db", dbpath, "--now", now)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err
    assert _log_rows(dbpath) == 0


def test_now_at_the_edges_of_real_time_zones_works(capsys, dbpath: str) -> None:
    for now in ("2026-11-26T09:00:00+14:00", "2026-11-26T09:00:00-12:00"):
        code, out, err = run(capsys, "due", "--db", dbpath, "--now", now)
        assert code == 0 and "14 new" in out, err


@pytest.mark.parametrize("grade", ["³", "３", "٣", "3.0", "+3", " 3 x", "ＥＡＳＹ"])
def test_grades_are_ascii_digits_or_words_only(capsys, dbpath: str, grade: str) -> None:
    code, out, err = run(capsys, "answer", "sample-71-1", grade, "--db", dbpath, "--now", NOW)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"grade must be 0-5 or one of again/hard/good/easy, got '{grade}'" in err
    assert _log_rows(dbpath) == 0


def test_output_into_a_closed_pipe_is_quiet(dbpath: str) -> None:
    """`quizapp stats | head -1`: the reader is gone before the output is written."""
    for args in (["stats"], ["due"], ["card", "sample-71-1"]):
        proc = subprocess.Popen([sys.executable, "-m", "quizapp", *args, "--db", dbpath, "--now", NOW],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        proc.stdout.close()  # long before the process has imported anything
        _, err = proc.communicate(timeout=60)
        assert err == "" and proc.returncode == 0, err


def test_a_duration_too_large_for_the_database_counts_one_minute(capsys, dbpath: str) -> None:
    code, out, err = run(capsys, "answer", "sample-71-1", "good", "--duration-ms", str(10**20), "--db", dbpath,
                         "--now", NOW)
    assert code == 0 and "Traceback" not in err, err
    assert _durations(dbpath) == [60_000]


def _durations(target: str) -> list[int]:
    from sqlalchemy import select

    from quizapp.services.database import open_database
    from quizapp.store.models import ReviewLogRow

    db = open_database(target, create=False)
    try:
        with db.read_session() as session:
            return list(session.scalars(select(ReviewLogRow.duration_ms)))
    finally:
        db.close()


def test_a_refused_import_into_a_new_path_leaves_no_collection_behind(capsys, tmp_path: Path) -> None:
    deck = tmp_path / "bad.toml"
    deck.write_text('[[card]]\nid = "x1"\nsection = "7.1"\nkind = "qa"\nfront.zh = "a\\u0000b"\n'
                    'front.en = "q"\nback.zh = "b"\nback.en = "b"\n', encoding="utf-8")
    target = tmp_path / "new.sqlite"
    code, _, err = run(capsys, "import", str(deck), "--db", str(target))
    assert code == 4 and "control character U+0000" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]  # no file, no -wal/-shm


@pytest.mark.sqlite_only("compares the SQLite file's dump")
def test_a_refused_import_into_an_existing_collection_keeps_it(capsys, tmp_path: Path, dbpath: str) -> None:
    deck = tmp_path / "bad.toml"
    deck.write_text("[[card]]\nid = \n", encoding="utf-8")
    before = _dump(dbpath)
    code, _, err = run(capsys, "import", str(deck), "--db", dbpath)
    assert code == 4 and Path(dbpath).exists() and _log_rows(dbpath) == 0
    # Compared by content, not file size: a checkpoint of the WAL may legally grow the file.
    assert _dump(dbpath) == before


def _subparsers(parser) -> dict:
    """Each command's subparser, by name (argparse keeps them in a private action class)."""
    import argparse

    return {name: sub for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name, sub in action.choices.items()}


def test_a_command_built_alone_is_the_command_of_the_whole_parser() -> None:
    from quizapp.cli import COMMAND_MODULES, COMMANDS, REGISTERING_MODULES, build_parser

    whole = _subparsers(build_parser())
    assert set(whole) == COMMANDS  # the table names every command, and no command is missing from it
    assert set(COMMAND_MODULES.values()) == set(REGISTERING_MODULES)
    for name in sorted(COMMANDS):
        alone = _subparsers(build_parser(name))
        assert name in alone and len(alone) <= 2  # install-desktop comes with uninstall-desktop, export with import
        assert alone[name].format_help() == whole[name].format_help(), name
        # a subcommand's own subcommands (deck list, fsrs use ...) alike
        for sub_name, sub in _subparsers(whole[name]).items():
            assert _subparsers(alone[name])[sub_name].format_help() == sub.format_help(), (name, sub_name)


@pytest.mark.parametrize(("argv", "command"), [
    (["due", "--limit", "3"], "due"),
    (["--db", "x.db", "due"], "due"),
    (["--db=x.db", "deck", "list"], "deck"),
    (["--exit-when-ready"], None),
    (["--help"], None),
    (["-h", "due"], None),
    ([], None),
    (["notes.apkg"], None),  # a file to open: the whole parser (cli_desktop.split_open_paths) answers
    (["dew"], None),  # an unknown word: the whole parser says which commands there are
    (["--db", "due"], None),  # "due" is --db's value here
])
def test_the_command_a_command_line_runs(argv: list[str], command: str | None) -> None:
    from quizapp.cli import command_in

    assert command_in(argv) == command


def test_due_builds_only_its_own_subparser(dbpath: str) -> None:
    """`quizapp due` (the light process) neither builds nor imports the other commands."""
    code = ("import sys; from quizapp.cli import main; main(['due', '--db', sys.argv[1]]); "
            "print('LOADED', sorted(m for m in sys.modules if m.startswith('quizapp.cli_')))")
    proc = subprocess.run([sys.executable, "-c", code, dbpath], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in proc.stdout, proc.stdout + proc.stderr


def test_an_unknown_command_still_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["dew"])
    err = capsys.readouterr().err
    assert "invalid choice: 'dew'" in err and "'due'" in err and "'sweep'" in err
