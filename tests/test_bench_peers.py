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
    one, two, answers, sql_alone, at_default = rows[:5]
    assert one.name.startswith("next card (") and two.name.startswith("next card and the one after")
    assert answers.name.startswith("answer -> committed") and "NORMAL" in answers.name
    assert at_default.name.startswith("answer -> committed, each at its default")
    assert "SQL alone" in sql_alone.name and sql_alone.anki is answers.anki and len(sql_alone.quizapp) == 4
    # Anki's next card alternates one card / two; quizapp's step is timed after every answer
    assert len(one.anki) + len(two.anki) == len(one.quizapp) == len(answers.quizapp) == len(answers.anki) == 4
    assert all(len(r.quizapp) >= 2 and len(r.anki) >= 2 and min(r.quizapp + r.anki) > 0 for r in rows)
    peers.print_table(rows, 300)
    table = capsys.readouterr().out
    assert table.count("\n|") == len(rows) + 2 and "DIFFERENT" not in table
    assert "answers at NORMAL, mean / slowest: quizapp" in table and "rows: True" in table


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


def test_the_answer_floor_replays_quizapps_answers_row_for_row(tmp_path: Path) -> None:
    from datetime import timedelta

    from quizapp.devtools.bench.store import NOW
    from quizapp.services.study import StudyService

    db, _ = peers.build_pair(tmp_path, 300)
    study = StudyService(db)
    floor = peers.AnswerFloor(tmp_path / "quizapp.db", tmp_path / "floor.db")
    try:
        assert floor.same_rows()
        step = study.step(NOW)
        for i, grade in enumerate((4, 1, 5, 3, 0, 4)):  # misses change lapses and the re-drill day too
            now = NOW + timedelta(seconds=i)
            outcome = study.answer(step.card.id, grade, now, duration_ms=4000)
            assert floor.replay(outcome.card_id, outcome.log_id) > 0
            step = study.step(now, avoid=outcome.card_id)
        assert floor.same_rows()
        study.answer(step.card.id, 4, NOW + timedelta(minutes=1))  # an answer not replayed: the copy differs
        assert not floor.same_rows()
    finally:
        floor.close()
        db.close()


def test_the_import_floor_counts_the_parse_and_the_driver(tmp_path: Path) -> None:
    from quizapp.devtools.bench.store import write_deck

    deck = tmp_path / "deck"
    deck.mkdir()
    write_deck(deck, 200)
    parse, driver = peers.import_floor(tmp_path / "floor.db", deck)
    assert parse > 0 and driver > 0
    from quizapp.services.database import open_database
    db = open_database(tmp_path / "floor.db")
    with db.read_session() as session:
        assert session.scalar(peers.select(peers.func.count()).select_from(peers.CardRow)) == 200
    db.close()
