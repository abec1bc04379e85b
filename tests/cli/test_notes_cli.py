"""`quizapp notes import`: the dry run prints every card and the lists and writes nothing; the
import writes the deck file and the cards; a bad file is one line on stderr and creates nothing."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from quizapp.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notes"
CHAPTER_7 = FIXTURES / "nndl-ch07-notes.txt"


def test_the_dry_run_prints_every_card_and_the_flagged_ones_and_writes_nothing(tmp_path, capsys):
    db, out = tmp_path / "c.db", tmp_path / "d.toml"
    code = main(["notes", "import", str(CHAPTER_7), "--deck", "NNDL::ch07-notes", "--dry-run",
                 "--db", str(db), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert not db.exists() and not out.exists()
    lines = printed.splitlines()
    assert lines[1] == f"deck: NNDL::ch07-notes -> {out} (dry run: nothing written)"
    assert lines[2] == "cards: 28 (28 new) in 6 sections"
    assert len(re.findall(r"^  nndl-ch07-notes-[0-9a-f]{10}  line \d+ ", printed, re.M)) == 28
    assert len(re.findall(r"^    Q: ", printed, re.M)) == 28 and len(re.findall(r"^    A: ", printed, re.M)) == 28
    assert [line for line in lines if line.startswith("[")] == [
        "[7.1] 网络优化 (3)", "[7.2] 优化算法 (10)", "[7.3] 参数初始化 (2)", "[7.5] 逐层归一化 (7)",
        "[7.6] 超参数优化 (1)", "[7.7] 网络正则化 (5)"]
    assert "questions without an answer (not imported): none" in lines
    start = lines.index("answers that were only a lost picture (imported, flagged picture-lost) (2):")
    assert lines[start + 1:start + 3] == [f"  {CHAPTER_7}:42  学习率的衰减有哪些方法?预热有哪些方法?",
                                          f"  {CHAPTER_7}:46  EMA的公式是什么?为什么相当于最近1/(1-beta)的平均值?"]
    assert "duplicates (left out; the first is the card): none" in lines
    start = lines.index("text under no question (not imported) (2):")
    link = "https://www.bilibili.com/video/BV1Qx41177Wh?from=search&seid=1912611513980043125"
    assert lines[start + 1:] == [f"  {CHAPTER_7}:3  {link}", f"  {CHAPTER_7}:4  优化算法"]


def test_import_then_dry_run_again_shows_every_card_unchanged(tmp_path, capsys):
    db, out = tmp_path / "c.db", tmp_path / "d.toml"
    args = [str(CHAPTER_7), "--deck", "NNDL::ch07-notes", "--db", str(db), "--out", str(out)]
    assert main(["notes", "import", *args]) == 0
    assert capsys.readouterr().out.startswith("imported the notes into deck NNDL::ch07-notes: 28 new, 0 updated")
    assert out.is_file() and db.is_file()
    assert main(["notes", "import", *args, "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["cards"]) == 28 and {c["status"] for c in report["cards"]} == {"unchanged"}
    assert [c["line"] for c in report["picture_only"]] == [42, 46]
    assert main(["due", "--db", str(db), "--json", "--now", "2026-12-03T09:00:00+08:00"]) == 0
    due = json.loads(capsys.readouterr().out)["cards"]
    assert len(due) == 20 and all(item["card_id"].startswith("nndl-ch07-notes-") for item in due)  # new-card limit


def test_a_reworded_question_needs_the_persons_word(tmp_path, capsys):
    notes, db, out = tmp_path / "n.txt", tmp_path / "c.db", tmp_path / "d.toml"
    shutil.copy(CHAPTER_7, notes)
    args = [str(notes), "--deck", "Mine", "--db", str(db), "--out", str(out)]
    assert main(["notes", "import", *args]) == 0
    notes.write_text(notes.read_text(encoding="utf-8").replace("什么是Xavier初始化?", "什么是 Xavier 初始化方法?"),
                     encoding="utf-8")
    capsys.readouterr()
    assert main(["notes", "import", *args, "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"^  mine-[0-9a-f]{10}: 什么是Xavier初始化\? -> 什么是 Xavier 初始化方法\?  \(\d+% alike\)$",
                     printed, re.M)
    before = out.read_bytes()
    assert main(["notes", "import", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rerun with --accept-renames" in err and out.read_bytes() == before
    assert main(["notes", "import", *args, "--accept-renames"]) == 0
    assert "(schedules kept for 1 reworded question)" in capsys.readouterr().out


def test_a_bad_file_is_one_line_and_creates_no_collection(tmp_path, capsys):
    bad, db, out = tmp_path / "bad.txt", tmp_path / "c.db", tmp_path / "d.toml"
    bad.write_bytes(b"\x00\x01binary")
    assert main(["notes", "import", str(bad), "--db", str(db), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"quizapp: error: {bad}: a binary file, not text notes (a UTF-16 file needs its byte-order mark)\n"
    assert not db.exists() and not out.exists() and not list(tmp_path.glob("c.db*"))
