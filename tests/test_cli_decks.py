"""The command line with two decks side by side (issue 15's done-when): separate and overall
counts, --deck on due / quiz / stats / search, and `quizapp deck list|rename|delete|set`, and
`quizapp export --format toml` read back by `quizapp import`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main

NOW = "2026-11-26T09:00:00+08:00"
CH02 = Path(__file__).parent / "fixtures" / "decks" / "ch02.toml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def dbpath(db_target: str, capsys) -> str:
    path = db_target
    assert run(capsys, "import", "--db", path, "--now", NOW)[0] == 0  # the bundled deck
    code, out, _ = run(capsys, "import", str(CH02), "--db", path, "--now", NOW)
    assert code == 0 and "into deck Notes::ch02: 5 new" in out
    return path


def _decks(capsys, dbpath: str, now: str = NOW) -> dict:
    code, out, _ = run(capsys, "deck", "list", "--db", dbpath, "--now", now, "--json")
    assert code == 0
    data = json.loads(out)
    return {d["name"] or "*": (d["new"], d["learn"], d["review"], d["total"])
            for d in data["decks"] + [data["overall"]]}


def test_two_decks_side_by_side_with_separate_and_overall_counts(capsys, dbpath: str) -> None:
    decks = _decks(capsys, dbpath)
    bundled = decks["NNDL::ch07"][3]
    assert bundled > 20  # the whole bundled deck
    assert decks["NNDL::ch07"][:3] == (20, 0, 0)  # the collection's 20 new a day
    assert decks["Notes::ch02"] == (5, 0, 0, 5)
    assert decks["*"] == (20, 0, 0, bundled + 5)  # overall: capped by the collection's limit

    code, out, _ = run(capsys, "due", "--deck", "Notes", "--db", dbpath, "--now", NOW, "--json")
    due = json.loads(out)
    assert due["counts"]["new"] == 5 and {c["card_id"][:9] for c in due["cards"]} == {"notes-ch0"}
    first = due["cards"][0]["card_id"]
    assert run(capsys, "answer", first, "again", "--db", dbpath, "--now", NOW)[0] == 0
    assert run(capsys, "deck", "set", "NNDL::ch07", "--new-per-day", "3", "--db", dbpath)[0] == 0
    decks = _decks(capsys, dbpath)
    assert decks["Notes::ch02"][:2] == (4, 1)  # one new done, one to re-drill
    assert decks["NNDL::ch07"][:2] == (3, 0)  # its own limit
    assert decks["*"][:2] == (7, 1)  # 3 + 4 within the collection's 19 left

    code, out, _ = run(capsys, "deck", "list", "--db", dbpath, "--now", NOW)
    assert "Notes" in out and "  ch02" in out and "all decks" in out and "(new per day 3)" in out
    code, out, _ = run(capsys, "stats", "--deck", "Notes::ch02", "--db", dbpath, "--now", NOW, "--json")
    assert json.loads(out)["cards"]["total"] == 5
    code, out, _ = run(capsys, "search", "question", "--deck", "Notes", "--db", dbpath, "--json")
    assert json.loads(out)["total"] == 5
    code, out, err = run(capsys, "due", "--deck", "Nope", "--db", dbpath, "--now", NOW)
    assert code == 2 and "no deck named 'Nope'" in err


def test_quiz_draws_from_one_deck(capsys, dbpath: str, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, _ = run(capsys, "quiz", "--deck", "Notes::ch02", "--size", "3", "--seed", "1", "--db", dbpath,
                       "--now", NOW, "--json")
    items = json.loads(out)["items"]
    assert code == 0 and len(items) == 3
    assert all(i["card_id"].startswith("notes-ch02-") for i in items)


def test_rename_delete_and_export(capsys, dbpath: str, tmp_path: Path, db_backend: str) -> None:
    assert run(capsys, "deck", "rename", "Notes", "Mine", "--db", dbpath)[0] == 0
    assert "Mine::ch02" in _decks(capsys, dbpath)
    out_file = tmp_path / "ch02.toml"
    code, out, _ = run(capsys, "export", str(out_file), "--deck", "Mine::ch02", "--with-scheduling", "--db", dbpath)
    assert code == 0 and "5 cards, with their schedules" in out
    code, _, err = run(capsys, "deck", "delete", "Mine", "--db", dbpath)
    assert code == 2 and "add --yes" in err  # stdin is not a terminal: it asks for --yes
    assert "Mine::ch02" in _decks(capsys, dbpath)
    code, out, _ = run(capsys, "deck", "delete", "Mine", "--yes", "--db", dbpath, "--json")
    deleted = json.loads(out)
    assert deleted["deleted"] == ["Mine::ch02"] and deleted["cards"] == 5
    # a file collection is copied first; a PostgreSQL one is the server's to back up (pg_dump)
    assert Path(deleted["backup"]).is_file() if db_backend == "sqlite" else deleted["backup"] is None
    assert "Mine::ch02" not in _decks(capsys, dbpath)
    code, out, _ = run(capsys, "import", str(out_file), "--db", dbpath, "--now", NOW)
    assert code == 0 and "Mine::ch02" in out
    assert _decks(capsys, dbpath)["Mine::ch02"][3] == 5
