"""Benchmark: the batched sweep against a loop of separate trainings (`python -m quizapp.devtools.bench.sweep`).

On the CPU it trains N configurations (default 1,024 = 32 learning rates × 32 momenta) of the
batched-sweep demo's MLP at once, and compares with training each configuration alone with
nn.Sequential + torch.optim.SGD. The full loop would take minutes, so a sample of evenly spaced
configurations is timed and the per-configuration time extrapolated to N (the output says so);
the sampled configurations are also checked against the batched run. With --device cuda it
also searches for the largest N whose batched training finishes within --time-limit seconds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

from quizapp.engine.demos.batched_sweep import N_DATA, BatchedMLPSweep, make_problem, train_alone

Weights = dict[str, torch.Tensor]  # a network's initial weights by name


def _configs(n: int, batch_size: int) -> dict[str, list[Any]]:
    """n configurations: a grid of learning rates × momenta (rows of 32 momenta, lr along columns)."""
    n_mom = min(32, n)
    n_lr = -(-n // n_mom)
    lrs = np.geomspace(1e-3, 1.0, n_lr)
    moms = np.linspace(0.0, 0.99, n_mom)
    lr = [float(lrs[i // n_mom]) for i in range(n)]
    mom = [float(moms[i % n_mom]) for i in range(n)]
    return {"lr": lr, "batch_size": [batch_size] * n, "momentum": mom, "weight_decay": [0.0] * n}


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_batched(n: int, X: torch.Tensor, y: torch.Tensor, init: Weights, orders: torch.Tensor,
                 batch_size: int) -> tuple[float, BatchedMLPSweep]:
    cfg = _configs(n, batch_size)
    _sync(X.device)
    start = time.perf_counter()
    sweep = BatchedMLPSweep(init, cfg["lr"], cfg["batch_size"], cfg["momentum"], cfg["weight_decay"])
    for order in orders:
        sweep.train_epoch(X, y, order)
    sweep.full_loss(X, y)
    _sync(X.device)
    return time.perf_counter() - start, sweep


def time_loop(indices: Sequence[int], n: int, X: torch.Tensor, y: torch.Tensor, init: Weights,
              orders: torch.Tensor, batch_size: int, sweep: BatchedMLPSweep) -> tuple[float, float]:
    """Seconds per configuration trained alone, and the largest |difference| from the batched run."""
    cfg = _configs(n, batch_size)
    seconds, worst = [], 0.0
    for i in indices:
        _sync(X.device)
        start = time.perf_counter()
        model = train_alone(X, y, init, orders, cfg["lr"][i], batch_size, cfg["momentum"][i], 0.0)
        _sync(X.device)
        seconds.append(time.perf_counter() - start)
        got = sweep.config_params(i)
        for name, p in model.named_parameters():
            worst = max(worst, float((got[name] - p.detach()).abs().max()))
    return statistics.fmean(seconds), worst


def largest_n_within(limit_s: float, X: torch.Tensor, y: torch.Tensor, init: Weights, orders: torch.Tensor,
                     batch_size: int, start_n: int) -> tuple[int, float]:
    """Double N until a run passes `limit_s` (or memory runs out), then bisect to ~5%."""
    good, good_t, bad = 0, 0.0, None
    n = start_n
    while bad is None:
        t = _try(n, X, y, init, orders, batch_size)
        print(f"  N = {n:>10,}: " + (f"{t:7.2f} s" if t is not None else "out of memory"), flush=True)
        if t is not None and t <= limit_s:
            good, good_t, n = n, t, n * 2
        else:
            bad = n
    while good and bad - good > max(1024, good // 20):
        mid = (good + bad) // 2
        t = _try(mid, X, y, init, orders, batch_size)
        print(f"  N = {mid:>10,}: " + (f"{t:7.2f} s" if t is not None else "out of memory"), flush=True)
        if t is not None and t <= limit_s:
            good, good_t = mid, t
        else:
            bad = mid
    return good, good_t


def _try(n: int, X: torch.Tensor, y: torch.Tensor, init: Weights, orders: torch.Tensor,
         batch_size: int) -> float | None:
    try:
        t, _ = time_batched(n, X, y, init, orders, batch_size)
        return t
    except torch.OutOfMemoryError:
        return None
    finally:
        if X.device.type == "cuda":
            torch.cuda.empty_cache()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizapp.devtools.bench.sweep", description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--configs", type=int, default=1024, help="N, configurations trained at once")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--loop-sample", type=int, default=24,
                        help="configurations trained alone and timed; the loop time is extrapolated to N")
    parser.add_argument("--repeats", type=int, default=3, help="batched runs timed (median reported)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch intra-op threads on the CPU (1: a fair one-core comparison; both sides use it)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="CUDA: seconds for the largest-N search")
    args = parser.parse_args(argv)

    if args.device == "cuda" and not torch.cuda.is_available():
        print("quizapp.devtools.bench.sweep: error: --device cuda, but no CUDA GPU is available", file=sys.stderr)
        return 2
    device = torch.device(args.device)
    torch.set_num_threads(args.threads)
    gen = torch.Generator(device=device).manual_seed(0)
    problem = make_problem(args.hidden, args.epochs, np.random.default_rng(0), gen, device)
    X, y, init, orders = problem.X, problem.y, problem.init, problem.orders
    n = args.configs
    steps = args.epochs * -(-N_DATA // args.batch_size)
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"CPU, {torch.get_num_threads()} thread(s)"
    print(f"batched sweep benchmark on {name} (torch {torch.__version__})")
    print(f"MLP 2-{args.hidden}-1, {N_DATA} points, batch {args.batch_size}, {args.epochs} epochs "
          f"= {steps} SGD steps per configuration")

    time_batched(min(n, 64), X, y, init, orders, args.batch_size)  # warm-up (allocator, kernels)
    runs = [time_batched(n, X, y, init, orders, args.batch_size) for _ in range(max(1, args.repeats))]
    batched_s = statistics.median(t for t, _ in runs)
    sweep = runs[-1][1]
    k = max(1, min(args.loop_sample, n))
    indices = sorted({round(i * (n - 1) / max(1, k - 1)) for i in range(k)})
    train_alone(X, y, init, orders[:1], 0.01, args.batch_size, 0.9, 0.0)  # warm-up
    per_config_s, worst = time_loop(indices, n, X, y, init, orders, args.batch_size, sweep)
    loop_s = per_config_s * n
    print(f"batched: {n:,} configurations at once      {batched_s:8.3f} s  (median of {len(runs)})")
    print(f"loop:    {n:,} separate trainings, est.    {loop_s:8.3f} s  "
          f"({per_config_s * 1e3:.2f} ms each, timed on {len(indices)} of {n:,} and extrapolated)")
    print(f"speed-up: {loop_s / batched_s:.1f}x   (largest |batched - alone| weight difference "
          f"over the timed configurations: {worst:.1e})")

    if device.type == "cuda":
        print(f"largest N whose batched training finishes within {args.time_limit:g} s:")
        best_n, best_t = largest_n_within(args.time_limit, X, y, init, orders, args.batch_size, max(n, 1024))
        print(f"largest N: {best_n:,} configurations in {best_t:.2f} s "
              f"({best_n / best_t:,.0f} configurations/s, {best_n * steps / best_t:,.0f} config-steps/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
