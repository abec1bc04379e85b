"""The peers benchmark compares like with like: the same cards, schedules, daily queue and
search matches in quizapp and in Anki's backend. Runs only where the `bench` extra (anki) is
installed; timings are printed by `python -m quizapp.devtools.bench.peers`, never asserted."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("anki.collection", reason="Anki's backend is not installed (pip install 'quizapp[bench]')")

from quizapp.devtools.bench import peers  # noqa: E402 - imported after the skip


def test_both_collections_hold_the_same_cards_queue_and_matches(tmp_path: Path) -> None:
    db, anki_path = peers.build_pair(tmp_path, 600)
    counts = peers.counts(db, anki_path)
    db.close()
    assert counts["cards"] == (600, 600)
    assert counts["new today"] == (peers.NEW_PER_DAY,) * 2 and 0 < counts["reviews today"][0] <= peers.REVIEWS_PER_DAY
    assert counts["text search, 1 in 25 cards, sorted"] == (24, 24)
    assert counts["text + filters"][0] > 0
    assert all(ours == theirs for ours, theirs in counts.values()), counts


def test_a_tiny_run_times_every_operation_on_both_sides(capsys) -> None:
    rows = peers.run(300, 4, whole=False)
    one, two, answers, at_default = rows[:4]
    assert one.name.startswith("next card (") and two.name.startswith("next card and the one after")
    assert answers.name.startswith("answer -> committed") and "NORMAL" in answers.name
    assert at_default.name.startswith("answer -> committed, each at its default")
    # Anki's next card alternates one card / two; quizapp's step is timed after every answer
    assert len(one.anki) + len(two.anki) == len(one.quizapp) == len(answers.quizapp) == len(answers.anki) == 4
    assert all(len(r.quizapp) >= 2 and len(r.anki) >= 2 and min(r.quizapp + r.anki) > 0 for r in rows)
    peers.print_table(rows, 300)
    table = capsys.readouterr().out
    assert table.count("\n|") == len(rows) + 2 and "DIFFERENT" not in table


def test_the_process_row_runs_both_processes_byte_compiled(tmp_path: Path, monkeypatch) -> None:
    db, anki_path = peers.build_pair(tmp_path, 200)
    db.close()
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # as in the CI image: the row must not pass it on
    calls: list[dict] = []
    real_run = peers.subprocess.run

    def run(*args, **kwargs):
        calls.append(kwargs["env"])
        return real_run(*args, **kwargs)

    monkeypatch.setattr(peers.subprocess, "run", run)
    row = peers.process_row(tmp_path / "quizapp.db", anki_path, repeat=2)
    assert len(row.quizapp) == len(row.anki) == 2 and min(row.quizapp + row.anki) > 0
    assert len(calls) == 6 and not any("PYTHONDONTWRITEBYTECODE" in env for env in calls)
