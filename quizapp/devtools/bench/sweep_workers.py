"""Benchmark: one chunked batched sweep shared by 1, 2, 4 worker processes.

`python -m quizapp.devtools.bench.sweep_workers [--grid 400x250 --chunks 40 --epochs 4 --workers 1 2 4]`

For each worker count it creates a fresh study of the batched sweep (default 100,000 configs =
400 learning rates x 250 momenta) on its own SQLite Optuna storage, starts that many
`quizapp sweep worker` processes at once and times from their start to the last one's exit
(process start-up and storage traffic included: what a user waits for). It prints the
throughput (configs/s) per worker count, the CPU seconds all workers used (which the machine's
other load does not inflate: the cost of coordination shows there) and checks that every run's per-config results equal
the first run's exactly.

Scaling is bounded by the machine's cores (`os.cpu_count()`, printed): each worker trains with one
intra-op thread, so more workers than free cores only share them.
"""
from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from quizapp.services import sweeps

REPO = Path(__file__).resolve().parents[3]


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(workers: int, args: argparse.Namespace, folder: Path) -> tuple[float, float, sweeps.SweepOutcome]:
    storage = f"sqlite:///{folder / f'optuna-{workers}.db'}"
    spec = sweeps.parse_storage(storage, collection=folder / "collection.db")
    n_lr, n2 = args.grid
    sweeps.create_study("batched-sweep", {"axis2": "momentum", "epochs": args.epochs, "hidden": args.hidden,
                                          "seed": args.seed},
                        spec, "bench", chunks=args.chunks, grid=(n_lr, n2))
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [sys.executable, "-m", "quizapp", "sweep", "worker", "--storage", storage, "--study", "bench",
           "--db", str(folder / "collection.db"), "--json"]
    cpu_before = _children_cpu_s()
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(workers)]
    for p in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"a worker failed: {err.strip().splitlines()[-1] if err.strip() else p.returncode}")
    wall = time.perf_counter() - start
    cpu = _children_cpu_s() - cpu_before
    outcome = sweeps.sweep_outcome(spec, "bench")
    if not outcome.complete:
        raise SystemExit(f"{workers} worker(s): the sweep is incomplete")
    return wall, cpu, outcome


def _same(a: list[float | None], b: list[float | None]) -> bool:
    return all(x == y or (x is not None and y is not None and math.isnan(x) and math.isnan(y)) for x, y in zip(a, b))


def _grid(text: str) -> tuple[int, int]:
    a, _, b = text.lower().partition("x")
    return int(a), int(b)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizapp.devtools.bench.sweep_workers",
                                     description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--grid", type=_grid, default=(400, 250), metavar="LRxN",
                        help="learning rates x momenta (default 400x250 = 100,000 configs)")
    parser.add_argument("--chunks", type=int, default=40)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)
    configs = args.grid[0] * args.grid[1]
    print(f"chunked batched sweep: {configs:,} configs (grid {args.grid[0]}x{args.grid[1]}, MLP 2-{args.hidden}-1, "
          f"{args.epochs} epochs, batch 32) in {args.chunks} chunks; SQLite Optuna storage; "
          f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f} at start")
    rows = []
    reference: list[float | None] | None = None
    with tempfile.TemporaryDirectory(prefix="quizapp-sweep-bench-") as tmp:
        for w in args.workers:
            wall, cpu, outcome = _run(w, args, Path(tmp))
            equal = True if reference is None else _same(outcome.losses, reference)
            reference = reference or outcome.losses
            workers_used = len(set(outcome.chunk_workers.values()))
            rows.append((w, wall, cpu, configs / wall, workers_used, equal))
            print(f"  {w} worker(s): {wall:7.2f} s wall, {cpu:7.2f} s CPU (all workers), load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
    base = rows[0][3]
    print()
    print("| workers | wall (s) | configs/s | speed-up | CPU s (all workers) | configs per CPU s "
          "| workers that took chunks | results equal to the first run |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for w, wall, cpu, rate, used, equal in rows:
        print(f"| {w} | {wall:.2f} | {rate:,.0f} | {rate / base:.2f}x | {cpu:.1f} | {configs / cpu:,.0f} | {used} "
              f"| {'yes' if equal else 'NO'} |")
    return 0 if all(r[5] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
