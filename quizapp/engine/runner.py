"""Running a demo: parameter resolution, seeding, device choice, streaming and clean-up.

Each demo's run function (quizapp.engine.spec.RunFunction, found by `spec.load_run()`) has the
signature `run(params, ctx) -> Iterator[Frame | DemoResult]` (a generator whose last item is the
DemoResult) or returns a DemoResult directly.
"""
from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from quizapp.engine.context import DemoCancelled, RunContext
from quizapp.engine.errors import DemoError
from quizapp.engine.registry import get_spec
from quizapp.engine.result import DemoResult, Frame, Series, finite_prefix

__all__ = ["DemoCancelled", "RunContext", "run_demo", "stream_demo", "timed_run"]  # the two re-exported: old home


def _sanitize_series(series: Series) -> bool:
    """Cut a line-like series at its first non-finite value; blank non-finite heatmap cells.
    Returns True if anything non-finite was found (the run diverged)."""
    if series.z is not None:
        bad = False
        for row in series.z:
            for i, v in enumerate(row):
                if v is not None and not math.isfinite(v):
                    row[i] = float("nan")
                    bad = True
        return False if series.kind in ("heatmap", "contour") else bad
    if not series.moves:  # reference lines, bars, histograms: no point sequence to cut
        return False
    y, bad_y = finite_prefix(series.y)
    x, bad_x = finite_prefix(series.x[: len(y)])
    n = min(len(x), len(y))
    series.x, series.y = x[:n], y[:n]
    return bad_y or bad_x


def _finish(result: DemoResult) -> DemoResult:
    diverged = bool(result.metrics.get("diverged", False))
    for s in result.series:
        diverged = _sanitize_series(s) or diverged
    for key, value in list(result.metrics.items()):
        if isinstance(value, float) and not math.isfinite(value):
            result.metrics[key] = None
            diverged = True
    result.metrics["diverged"] = diverged
    return result


def stream_demo(demo_id: str, overrides: Mapping[str, Any] | None = None, device: str = "auto",
                is_cancelled: Callable[[], bool] | None = None) -> Iterator[Frame | DemoResult]:
    """Yield the demo's frames, then its DemoResult. Raises DemoError for bad input."""
    spec = get_spec(demo_id)
    params = spec.resolve(overrides)

    import numpy as np
    import torch

    from quizapp.engine.device import resolve_device

    dev = resolve_device(device)
    seed = int(params.get("seed", 0))
    random.seed(seed)
    # The global RNG (used implicitly by nn.Dropout, randperm without a generator, ...) must not
    # replay ctx.generator's stream: seeded alike, a dropout mask drawn from it was correlated with
    # data drawn from ctx.generator (a "mean-preserving" dropout of N(1, 1) data averaged 1.4).
    torch.manual_seed(int(np.random.SeedSequence(seed).generate_state(1, dtype=np.uint64)[0]))
    gen = torch.Generator(device=dev)
    gen.manual_seed(seed)
    ctx = RunContext(spec=spec, params=params, device=dev, seed=seed, generator=gen,
                     rng=np.random.default_rng(seed), is_cancelled=is_cancelled or (lambda: False))
    # Demo tensors are tiny: intra-op threads only add synchronization, and on a loaded CPU their
    # spin-waits made a small MLP step ~40x slower (0.18 ms -> 7 ms on 2 busy cores). The setting
    # is per thread under OpenMP, so this leaves the caller's other threads alone.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        output = spec.load_run()(params, ctx)
        if isinstance(output, DemoResult):
            yield _finish(output)
            return
        result: DemoResult | None = None
        for item in output:
            if isinstance(item, DemoResult):
                result = item
                break
            for s in item.series:
                _sanitize_series(s)
            yield item
        if result is None:
            raise DemoError(f"demo '{demo_id}' ended without a result")
        yield _finish(result)
    finally:
        torch.set_num_threads(threads)


def run_demo(demo_id: str, overrides: Mapping[str, Any] | None = None, device: str = "auto",
             on_frame: Callable[[Frame], None] | None = None) -> DemoResult:
    """Run a demo to the end and return its result (frames go to `on_frame`, if given)."""
    for item in stream_demo(demo_id, overrides, device):
        if isinstance(item, DemoResult):
            return item
        if on_frame is not None:
            on_frame(item)
    raise DemoError(f"demo '{demo_id}' ended without a result")


def timed_run(demo_id: str, overrides: Mapping[str, Any] | None = None,
              device: str = "auto") -> tuple[DemoResult, float, float]:
    """Run a demo; return (result, seconds to the first item, seconds in all). For benchmarks."""
    start = time.perf_counter()
    first: float | None = None
    for item in stream_demo(demo_id, overrides, device):
        if first is None:
            first = time.perf_counter() - start
        if isinstance(item, DemoResult):
            return item, first, time.perf_counter() - start
    raise DemoError(f"demo '{demo_id}' ended without a result")
