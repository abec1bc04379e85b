"""Benchmark of the demo engine (`python -m quizapp.devtools.bench.engine [--device cpu|cuda]`).

Prints medians of:
  1. optimizer-race's compute — 6 optimizers × 500 steps on Rosenbrock in the batched kernel —
     against a plain torch.optim loop doing the same work, and the ratio (budget: ≤ 20 ms);
  2. every registered demo's default run: time to its first frame and in all;
  3. rendering each demo's default result to PNG;
  4. with --extremes: every demo at all-minima and at its largest allowed sizes (all-maxima, or
     the most its WorkLimits allow), each in a fresh process: wall and CPU seconds, time to the
     first frame and peak memory (budget: ≤ 30 s on a 2-core machine; issue 21 item 12).
The first run of each demo is a warm-up (imports, first-use initialization) and is not counted.
Budgets are in docs/architecture.md § Budgets; this is a benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

RACE_STEPS = 500


def _median_seconds(fn: Callable[[], Any], repeats: int, sync: Callable[[], None]) -> float:
    times = []
    for _ in range(repeats):
        sync()
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_race(device: str, repeats: int) -> dict[str, float]:
    """The kernel vs torch.optim on optimizer-race's default problem (same configs, same start)."""
    from quizapp.engine.demos.optimizer_race import race_configs, start_point
    from quizapp.engine.device import resolve_device
    from quizapp.engine.optim_kernel import BatchedOptimizer, to_numpy, torch_optim_trajectories
    from quizapp.engine.registry import get_spec
    from quizapp.engine.runner import run_demo
    from quizapp.engine.surfaces import get_surface

    dev = resolve_device(device)
    sync = _sync_for(dev)
    params = get_spec("optimizer-race").resolve({"steps": RACE_STEPS})
    surface = get_surface(params["surface"])
    configs = race_configs(params)
    start = start_point(params, surface)

    def kernel() -> None:
        to_numpy(BatchedOptimizer(configs, start, device=dev).run(surface.grad_into, RACE_STEPS))

    def loop() -> None:
        torch_optim_trajectories(configs, surface.value, start, RACE_STEPS, device=dev)

    kernel()  # warm-up
    loop()
    run_demo("optimizer-race", {"steps": RACE_STEPS}, device=device)
    k = _median_seconds(kernel, repeats * 5, sync)
    t = _median_seconds(loop, max(1, repeats), sync)
    demo = _median_seconds(lambda: run_demo("optimizer-race", {"steps": RACE_STEPS}, device=device),
                           repeats * 3, sync)
    return {"optimizers": len(configs), "steps": RACE_STEPS, "kernel_ms": k * 1e3, "torch_optim_loop_ms": t * 1e3,
            "speedup": t / k, "demo_end_to_end_ms": demo * 1e3}


def _sync_for(dev: Any) -> Callable[[], None]:
    import torch

    if dev.type == "cuda":
        return lambda: torch.cuda.synchronize(dev)
    return lambda: None


def bench_demos(device: str, repeats: int, ids: Sequence[str], png: bool) -> list[dict[str, Any]]:
    from quizapp.engine.registry import all_specs
    from quizapp.engine.runner import timed_run
    from quizapp.plots.demo_figure import save_demo_png

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in all_specs():
            if ids and spec.id not in ids:
                continue
            result, _, _ = timed_run(spec.id, device=device)  # warm-up
            firsts, totals = [], []
            for _ in range(repeats):
                result, first, total = timed_run(spec.id, device=device)
                firsts.append(first)
                totals.append(total)
            row: dict[str, Any] = {"demo": spec.id, "streams": spec.streams,
                                   "first_frame_ms": statistics.median(firsts) * 1e3,
                                   "total_ms": statistics.median(totals) * 1e3}
            if png:
                out = Path(tmp) / f"{spec.id}.png"
                save_demo_png(result, out, spec)  # warm-up (fonts, caches)
                row["png_ms"] = _median_seconds(partial(save_demo_png, result, out, spec), repeats, lambda: None) * 1e3
            rows.append(row)
    return rows


_EXTREME_RUN = """
import json, resource, sys, time
from quizapp.engine.runner import stream_demo
import torch  # imported before the clock starts: the run, not the import, is measured
demo, params, device = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
wall, cpu, first = time.perf_counter(), time.process_time(), None
for item in stream_demo(demo, params, device=device):
    if first is None:
        first = time.perf_counter() - wall
print(json.dumps({"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "first_s": first,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_extremes(device: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    """One run per corner in a fresh process (so peak memory is the run's own)."""
    import subprocess

    from quizapp.engine.budget import extreme_params, largest_allowed
    from quizapp.engine.registry import all_specs

    rows = []
    for spec in all_specs():
        if ids and spec.id not in ids:
            continue
        for corner, params in (("min", extreme_params(spec, "min")), ("largest", largest_allowed(spec))):
            out = subprocess.run([sys.executable, "-c", _EXTREME_RUN, spec.id, json.dumps(params), device],
                                 capture_output=True, text=True)
            row: dict[str, Any] = {"demo": spec.id, "corner": corner, "params": params}
            if out.returncode == 0:
                row.update(json.loads(out.stdout.strip().splitlines()[-1]))
            else:
                row["error"] = (out.stderr.strip().splitlines() or ["?"])[-1]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)  # progress: the whole table takes minutes
    return rows


def _print_extremes(rows: list[dict[str, Any]]) -> None:
    header = f"{'demo':28} {'corner':8} {'wall':>8} {'CPU':>8} {'1st frame':>10} {'peak RSS':>9}"
    print("\n" + header)
    print("-" * len(header))
    for row in rows:
        if "error" in row:
            print(f"{row['demo']:28} {row['corner']:8} error: {row['error']}")
            continue
        print(f"{row['demo']:28} {row['corner']:8} {row['wall_s']:6.2f} s {row['cpu_s']:6.2f} s "
              f"{row['first_s']:8.2f} s {row['peak_rss_mb']:6.0f} MB")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizapp.devtools.bench.engine", description=__doc__.split("\n")[0])
    parser.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (median)")
    parser.add_argument("--demo", action="append", default=[], metavar="ID", help="only these demos")
    parser.add_argument("--no-png", action="store_true", help="skip PNG rendering times")
    parser.add_argument("--no-race", action="store_true", help="skip the kernel vs torch.optim comparison")
    parser.add_argument("--extremes", action="store_true",
                        help="also time every demo at all-minima and at its largest allowed sizes")
    parser.add_argument("--only-extremes", action="store_true", help="only the --extremes table")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    from quizapp.engine.device import resolve_device
    from quizapp.engine.errors import DemoError

    try:
        device = resolve_device(args.device).type
    except DemoError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    report: dict[str, Any] = {"device": device}
    if args.only_extremes:
        report["extremes"] = bench_extremes(device, args.demo)
        if args.json:
            print(json.dumps(report, indent=2))
        else:
            _print_extremes(report["extremes"])
        return 0
    if not args.no_race:
        report["optimizer_race"] = bench_race(device, args.repeats)
    report["demos"] = bench_demos(device, args.repeats, args.demo, not args.no_png)
    if args.extremes:
        report["extremes"] = bench_extremes(device, args.demo)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"quizapp engine benchmark on {device} (medians of {args.repeats} runs after a warm-up)\n")
    race = report.get("optimizer_race")
    if race:
        print(f"optimizer-race, {race['optimizers']} optimizers x {race['steps']} steps:")
        print(f"  batched kernel      {race['kernel_ms']:9.2f} ms   (budget 20 ms)")
        print(f"  torch.optim loop    {race['torch_optim_loop_ms']:9.2f} ms")
        print(f"  speed-up            {race['speedup']:9.1f} x")
        print(f"  whole demo run      {race['demo_end_to_end_ms']:9.2f} ms   (kernel + series + contour)\n")
    header = f"{'demo':28} {'first frame':>12} {'total':>10}" + ("" if args.no_png else f" {'PNG':>9}")
    print(header)
    print("-" * len(header))
    for row in report["demos"]:
        line = f"{row['demo']:28} {row['first_frame_ms']:9.1f} ms {row['total_ms']:7.1f} ms"
        if "png_ms" in row:
            line += f" {row['png_ms']:6.1f} ms"
        print(line + ("  (streams)" if row["streams"] else ""))
    if "extremes" in report:
        _print_extremes(report["extremes"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
