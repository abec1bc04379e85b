"""services/sweeps.py: storages (the collection refused), studies created and worked in this
process, results read back equal to the single-process run, snapshots for the live plot."""
from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from quizapp.engine.demos.grid_vs_random.compute import loss_fn
from quizapp.services import sweeps
from quizapp.services.sweeps import SweepError
from quizapp.store.database import Database


def _same(a: list[float | None], b: list[float]) -> bool:
    """Exact equality, NaN (a diverged config) equal to NaN."""
    return len(a) == len(b) and all(x == y or (x is not None and math.isnan(x) and math.isnan(y))
                                    for x, y in zip(a, b))


@pytest.mark.sqlite_only("the collection's file as a sweep storage")
def test_the_collection_is_refused_as_storage_whatever_the_spelling(db: Database, tmp_path: Path) -> None:
    collection = tmp_path / "test.db"  # the `db` fixture's file, a real migrated collection
    for text in (str(collection), f"sqlite:///{collection}", f"journal:{collection}"):
        with pytest.raises(SweepError, match="collection") as info:
            sweeps.parse_storage(text, collection=collection)
        assert "alembic_version" in str(info.value) and "\n" not in str(info.value)
    # a copy of a collection under another name is refused too: it holds the app's tables
    other = tmp_path / "elsewhere.db"
    with sqlite3.connect(collection) as src, sqlite3.connect(other) as dst:
        src.backup(dst)  # (the collection runs in WAL mode: a byte copy of the file alone may lack its tables)
    with pytest.raises(SweepError, match="collection"):
        sweeps.parse_storage(f"sqlite:///{other}", collection=tmp_path / "unrelated.db")


def test_storage_kinds(tmp_path: Path) -> None:
    rdb = sweeps.parse_storage(f"sqlite:///{tmp_path / 'o.db'}", collection=tmp_path / "c.db")
    assert rdb.has_heartbeat and rdb.journal is None
    journal = sweeps.parse_storage(str(tmp_path / "s.journal"), collection=tmp_path / "c.db")
    assert not journal.has_heartbeat and journal.journal == (tmp_path / "s.journal").resolve()
    assert sweeps.parse_storage(f"journal:{tmp_path / 's.journal'}", collection=None) == journal
    with pytest.raises(SweepError, match="is a folder"):
        sweeps.parse_storage(str(tmp_path), collection=None)
    with pytest.raises(SweepError, match="does not exist"):
        sweeps.parse_storage(str(tmp_path / "no" / "s.journal"), collection=None)


def test_default_storage_is_a_journal_file_beside_the_collection(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sweeps, "default_journal_path", lambda: tmp_path / "sweeps.journal")
    spec = sweeps.parse_storage(None, collection=tmp_path / "c.db")
    assert spec.journal == tmp_path / "sweeps.journal" and not spec.has_heartbeat


@pytest.mark.parametrize("storage", ["sqlite", "journal"])
def test_a_chunked_sweep_worked_here_equals_the_single_process_run(tmp_path: Path, storage: str) -> None:
    text = f"sqlite:///{tmp_path / 'o.db'}" if storage == "sqlite" else str(tmp_path / "o.journal")
    spec = sweeps.parse_storage(text, collection=tmp_path / "c.db")
    params = {"axis2": "momentum", "epochs": 2, "lr_max": 10.0, "seed": 3}
    created = sweeps.create_study("batched-sweep", params, spec, "s", chunks=4, grid=(6, 5))
    assert created.configs == 30 and created.plan.trials == 4
    assert any("heartbeat" in n for n in created.notes) == (storage == "journal")
    half = sweeps.sweep_outcome(spec, "s")
    assert half.losses == [None] * 30 and not half.complete
    first = sweeps.work(spec, "s", heartbeat_s=1, max_trials=1)
    assert first.chunks_run == [0]  # chunks are taken in the order they were enqueued
    rest = sweeps.work(spec, "s", heartbeat_s=1)
    assert rest.chunks_run == [1, 2, 3] and "done" in rest.stopped
    outcome = sweeps.sweep_outcome(spec, "s")
    assert outcome.complete and outcome.retried_chunks == []
    assert _same(outcome.losses, sweeps.run_serially(created.plan))
    assert any(v is not None and math.isnan(v) for v in outcome.losses)  # lr up to 10 diverges somewhere
    i, best = outcome.best()
    assert best == min(v for v in outcome.losses if v is not None and not math.isnan(v))
    assert outcome.configs["momentum"][i] in [0.0, 0.2475, 0.495, 0.7425, 0.99]
    again = sweeps.work(spec, "s")
    assert again.trials_run == 0 and "done" in again.stopped


def test_a_name_taken_is_refused(tmp_path: Path) -> None:
    spec = sweeps.parse_storage(str(tmp_path / "o.journal"), collection=None)
    sweeps.create_study("grid-vs-random", {}, spec, "g")
    with pytest.raises(SweepError, match="already exists"):
        sweeps.create_study("grid-vs-random", {}, spec, "g")
    with pytest.raises(SweepError, match="no study 'h'.*studies there: g"):
        sweeps.work(spec, "h")
    assert sweeps.list_studies(spec) == ["g"]


def test_a_search_study_runs_its_trials_and_the_snapshot_tracks_the_best(tmp_path: Path) -> None:
    spec = sweeps.parse_storage(str(tmp_path / "o.journal"), collection=None)
    sweeps.create_study("grid-vs-random", {"per_axis": 4, "optimum_x": 0.3}, spec, "r", trials=10)
    lines: list[str] = []
    report = sweeps.work(spec, "r", on_trial=lines.append)
    assert report.trials_run == 10 and len(lines) == 10
    snap = sweeps.snapshot(spec, "r")
    assert (snap.demo, snap.kind, snap.planned, snap.finished, snap.workers) == ("grid-vs-random", "search", 10, 10, 1)
    study_values = [v for v in snap.values if v is not None]
    xs, ys = snap.best_so_far()
    assert xs == list(range(10))
    assert ys == [min(study_values[: k + 1]) for k in range(10)]
    import optuna

    study = optuna.load_study(study_name="r", storage=sweeps.open_storage(spec))
    for t in study.trials:
        assert t.value == float(loss_fn(t.params["x"], t.params["y"], 0.3, 0.06, 0.1))
    assert sweeps.work(spec, "r").trials_run == 0  # the study already has its trials


def test_watch_yields_snapshots_until_cancelled(tmp_path: Path) -> None:
    spec = sweeps.parse_storage(str(tmp_path / "o.journal"), collection=None)
    sweeps.create_study("bayesian-optimization", {}, spec, "b", trials=3)
    sweeps.work(spec, "b")
    seen = []
    for snap in sweeps.watch(spec, "b", interval_s=0.01, is_cancelled=lambda: len(seen) >= 3):
        seen.append(snap)
    assert len(seen) == 3 and all(s.finished == 3 for s in seen)


def test_on_journal_storage_a_worker_stops_and_names_the_chunks_running_elsewhere(tmp_path: Path) -> None:
    """Journal storage has no heartbeat: a chunk some other worker holds (dead or alive) is left to it."""
    import optuna

    spec = sweeps.parse_storage(str(tmp_path / "o.journal"), collection=None)
    sweeps.create_study("batched-sweep", {"epochs": 1}, spec, "j", chunks=3, grid=(4, 3))
    held = optuna.load_study(study_name="j", storage=sweeps.open_storage(spec)).ask()  # as a worker that died
    assert held.user_attrs["chunk"] == 0
    report = sweeps.work(spec, "j")
    assert report.chunks_run == [1, 2]
    assert "chunks [0] still run elsewhere" in report.stopped
    outcome = sweeps.sweep_outcome(spec, "j")
    assert not outcome.complete and outcome.losses[:4] == [None] * 4 and None not in outcome.losses[4:]
