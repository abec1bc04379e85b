"""`quizapp quiz` end to end with piped stdin: questions printed, answers read line by line,
score at the end, --json report, --history, errors as one line with nothing written."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.cli import main
from quizapp.store.database import Database
from quizapp.store.quiz_models import QuizSessionRow
from tests.conftest import SAMPLE_DECK
from tests.support import db_arg

NOW = "2026-11-26T09:00:00+08:00"


@pytest.fixture
def db_path(sample_db: Database) -> str:
    return db_arg(sample_db)


def run_cli(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_piped_stdin_quiz_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "QUIZAPP_DB": str(tmp_path / "cli.db"), "PYTHONIOENCODING": "utf-8"}
    cmd = [sys.executable, "-m", "quizapp"]
    subprocess.run(cmd + ["import", str(SAMPLE_DECK), "--now", NOW], env=env, check=True, capture_output=True)
    # 7.2 and 7.5 have one mcq each, both right at option 1: the first answer is right, the second wrong
    done = subprocess.run(cmd + ["quiz", "--sections", "7.2,7.5", "--kinds", "mcq", "--seed", "1", "--now", NOW,
                                 "--lang", "en"],
                          env=env, input="1\n2\n", capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "[1/2] 7" in out and "[2/2] 7" in out and "Which option is about" in out
    assert "answer (1-3)> 1\n✓ right" in out and "answer (1-3)> 2\n✗ missed" in out
    assert "Right answer: 1. Option 1 — Right: sample explanation." in out
    assert "Score: 1/2 (50%) · 1 right, 1 missed, 0 unanswered" in out
    assert done.stderr == ""


def test_mixed_kinds_json_report(monkeypatch, capsys, db_path: str) -> None:
    base = ["quiz", "--db", db_path, "--sections", "7.1", "--seed", "4", "--now", NOW, "--lang", "en"]
    # With no input at all, every question stays unanswered; the report still comes, in order.
    code, out, err = run_cli(monkeypatch, capsys, base + ["--json"])
    assert code == 0 and "input ended; 2 questions left unanswered" in err
    order = [item["kind"] for item in json.loads(out)["items"]]
    assert sorted(order) == ["cloze", "qa"]
    answers = {"cloze": "Saddle Point。\n", "qa": "a point where the gradient is zero\n4\n"}
    code, out, err = run_cli(monkeypatch, capsys, base + ["--json"], "".join(answers[k] for k in order))
    assert code == 0
    report = json.loads(out)  # stdout holds only the JSON; the prompts went to stderr
    assert report["score"]["percent"] == 100.0 and report["score"]["answered"] == 2
    qa = next(i for i in report["items"] if i["kind"] == "qa")
    assert qa["response"] == {"type": "self", "grade": 4, "typed": "a point where the gradient is zero",
                              "timed_out": False}
    assert qa["demo"] == {"id": "saddle-escape", "params": {}}
    assert "Model answer:" in err and "This card is about […]." in err


def test_bad_input_is_asked_again_and_misses_are_explained(monkeypatch, capsys, db_path: str) -> None:
    args = ["quiz", "--db", db_path, "--sections", "7.3", "--kinds", "mcq", "--now", NOW, "--lang", "en"]
    code, out, _ = run_cli(monkeypatch, capsys, args, "9\nx\n3\n")
    assert code == 0
    assert out.count("type a number from 1 to 3") == 2
    assert "Your answer: 3. Option 3 — Wrong: sample explanation." in out
    assert "To review:\n- [1] sample-73-2 (7.3 mcq)" in out


def test_history_after_quizzes(monkeypatch, capsys, db_path: str) -> None:
    code, out, _ = run_cli(monkeypatch, capsys, ["quiz", "--db", db_path, "--history"])
    assert code == 0 and "no quizzes yet" in out
    for answer in ("1\n", "2\n", "3\n"):
        run_cli(monkeypatch, capsys, ["quiz", "--db", db_path, "--sections", "7.5", "--kinds", "mcq", "--now", NOW],
                answer)
    code, out, _ = run_cli(monkeypatch, capsys, ["quiz", "--db", db_path, "--history", "--json"])
    data = json.loads(out)
    assert [h["score"]["percent"] for h in data["history"]] == [0.0, 0.0, 100.0]
    assert data["weakest"] == [{"section": "7.5", "items": 3, "correct": 1, "points": 1.0, "percent": 33.3}]
    code, out, _ = run_cli(monkeypatch, capsys, ["quiz", "--db", db_path, "--history"])
    assert "Recent quizzes:" in out and "7.5 Layer-wise normalization" in out


@pytest.mark.parametrize("args, message", [
    (["--sections", "7.9"], "unknown section '7.9'"),
    (["--kinds", "essay"], "unknown card kind 'essay'"),
    (["--size", "0"], "quiz size must be 1 to"),
    (["--sections", "7.1", "--kinds", "mcq"], "no cards to quiz in section 7.1; kind mcq"),
    (["--now", "yesterday"], "is not an ISO 8601 date-time"),
])
def test_errors_are_one_line_and_write_nothing(monkeypatch, capsys, db_path: str, sample_db: Database,
                                               args: list[str], message: str) -> None:
    code, out, err = run_cli(monkeypatch, capsys, ["quiz", "--db", db_path, *args], "1\n")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("quizapp: error: ")
    with sample_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(QuizSessionRow)) == 0
