"""`quizapp sweep` with real worker processes on one SQLite Optuna storage (issue 18):

- 3 workers give exactly the single-process result, config for config;
- a worker killed with SIGKILL in the middle of a chunk loses only that chunk: its heartbeat stops,
  another worker fails the trial, Optuna's retry callback re-enqueues it, and the final results
  are complete and equal to the single-process run.

No wall-clock thresholds: waits are generous deadlines for a loaded 2-core machine, never asserts.
"""
from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.services import sweeps

REPO = Path(__file__).resolve().parents[1]
DEADLINE_S = 600  # per wait; a loaded 2-core machine can be 10x slower than an idle one


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _worker(storage: str, collection: Path, *extra: str, heartbeat: int = 30) -> subprocess.Popen[str]:
    """A worker process. The heartbeat is long where no worker dies (a live worker starved of CPU
    for 3 beats would be taken for dead) and short in the kill test (the survivors wait 3 beats)."""
    return subprocess.Popen([sys.executable, "-m", "quizapp", "sweep", "worker", "--storage", storage,
                             "--study", "s", "--db", str(collection), "--heartbeat", str(heartbeat), "--json",
                             *extra],
                            cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _same(a: list[float | None], b: list[float]) -> bool:
    return len(a) == len(b) and all(x == y or (x is not None and math.isnan(x) and math.isnan(y))
                                    for x, y in zip(a, b))


def _create(storage: str, collection: Path, chunks: int, grid: str, epochs: int, capsys) -> None:
    code = main(["sweep", "run", "batched-sweep", "--storage", storage, "--study", "s", "--db", str(collection),
                 "--chunks", str(chunks), "--grid", grid, "--set", "axis2=momentum", "--set", f"epochs={epochs}",
                 "--set", "lr_max=10", "--create-only"])
    out = capsys.readouterr().out
    assert code == 0 and "created" in out and f"{chunks} chunks" in out


def test_sweep_cli_refuses_the_collection_and_bad_grids(tmp_path: Path, capsys) -> None:
    collection = tmp_path / "c.db"
    assert main(["import", "--db", str(collection)]) == 0
    capsys.readouterr()
    code = main(["sweep", "run", "hyperband", "--storage", f"sqlite:///{collection}", "--study", "x",
                 "--db", str(collection)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "collection" in err and "alembic_version" in err
    with pytest.raises(SystemExit):
        main(["sweep", "run", "batched-sweep", "--study", "x", "--grid", "12by3", "--storage", str(tmp_path / "j")])
    assert "expected LRxN" in capsys.readouterr().err


def test_sweep_run_and_show_in_one_process(tmp_path: Path, capsys) -> None:
    storage = str(tmp_path / "o.journal")
    code = main(["sweep", "run", "batched-sweep", "--storage", storage, "--study", "s", "--db", str(tmp_path / "c.db"),
                 "--chunks", "3", "--grid", "4x3", "--set", "epochs=1", "--set", "axis2=weight_decay"])
    out = capsys.readouterr().out
    assert code == 0 and "chunk 2 of 3 done" in out and "best: loss" in out
    assert main(["sweep", "show", "--storage", storage, "--study", "s", "--db", str(tmp_path / "c.db"),
                 "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    outcome = sweeps.sweep_outcome(sweeps.parse_storage(storage), "s")
    i, loss = outcome.best()
    assert shown["complete"] and shown["best"]["config"] == i and shown["best"]["loss"] == loss
    assert shown["best"]["weight_decay"] == outcome.configs["weight_decay"][i]


@pytest.mark.slow
def test_three_worker_processes_equal_the_single_process_run(tmp_path: Path, capsys) -> None:
    storage, collection = f"sqlite:///{tmp_path / 'optuna.db'}", tmp_path / "c.db"
    _create(storage, collection, chunks=6, grid="16x12", epochs=3, capsys=capsys)
    # each worker takes exactly two chunks, so all three really share the sweep
    procs = [_worker(storage, collection, "--max-trials", "2") for _ in range(3)]
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=DEADLINE_S)
        assert p.returncode == 0, err
        reports.append(json.loads(out))
    assert sorted(c for r in reports for c in r["chunks_run"]) == list(range(6))
    assert all(len(r["chunks_run"]) == 2 for r in reports)
    spec = sweeps.parse_storage(storage, collection=collection)
    outcome = sweeps.sweep_outcome(spec, "s")
    assert outcome.complete and len(set(outcome.chunk_workers.values())) == 3
    assert _same(outcome.losses, sweeps.run_serially(outcome.plan))
    assert any(v is not None and math.isnan(v) for v in outcome.losses)  # diverged configs come back as NaN


def _running_chunk_of(spec: sweeps.StorageSpec, worker_pid: int) -> int | None:
    """The trial number the worker with this pid is running a chunk in, if any."""
    import optuna
    from optuna.trial import TrialState

    study = optuna.load_study(study_name="s", storage=sweeps.open_storage(spec))
    for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
        if str(t.user_attrs.get("worker", "")).endswith(f":{worker_pid}"):
            return t.number
    return None


@pytest.mark.slow
def test_a_worker_killed_mid_chunk_loses_only_its_chunk(tmp_path: Path, capsys) -> None:
    import optuna
    from optuna.trial import TrialState

    storage, collection = f"sqlite:///{tmp_path / 'optuna.db'}", tmp_path / "c.db"
    # chunks of 1024 configs x 10 epochs: seconds each, long enough to be killed in the middle of one
    _create(storage, collection, chunks=4, grid="64x64", epochs=10, capsys=capsys)
    spec = sweeps.parse_storage(storage, collection=collection)
    victim = _worker(storage, collection, heartbeat=2)
    deadline = time.monotonic() + DEADLINE_S
    killed_trial = None
    while killed_trial is None and time.monotonic() < deadline and victim.poll() is None:
        killed_trial = _running_chunk_of(spec, victim.pid)
        if killed_trial is None:
            time.sleep(0.02)
    assert killed_trial is not None, "the first worker never started a chunk"
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=DEADLINE_S)
    assert victim.returncode == -signal.SIGKILL

    others = [_worker(storage, collection, heartbeat=2) for _ in range(2)]
    for p in others:
        out, err = p.communicate(timeout=DEADLINE_S)
        assert p.returncode == 0, err
    study = optuna.load_study(study_name="s", storage=sweeps.open_storage(spec))
    dead = study.trials[killed_trial]
    assert dead.state == TrialState.FAIL  # failed by a survivor once its heartbeat stopped
    assert LOSSES not in dead.user_attrs
    outcome = sweeps.sweep_outcome(spec, "s")
    killed_chunk = int(dead.user_attrs["chunk"])
    # (a survivor starved of CPU for 3 beats on a loaded machine could be retried too: harmless, equal numbers)
    assert outcome.complete and killed_chunk in outcome.retried_chunks
    assert not outcome.chunk_workers[killed_chunk].endswith(f":{victim.pid}")
    assert _same(outcome.losses, sweeps.run_serially(outcome.plan))


LOSSES = "losses"
