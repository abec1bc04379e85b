"""The corners of a demo's parameter space, for the promise that ranges make (issue 21 item 12):
every in-range combination finishes within the demo budget (≤ 3 s at the defaults, ≤ 30 s and a
bounded memory at the largest allowed sizes, on a 2-core machine), or the spec's WorkLimits
refuse it. Tests run the corners; `python -m quizapp.devtools.bench.engine --extremes` times them.
Pure Python (no torch): corners are parameter dicts.
"""
from __future__ import annotations

import math
from typing import Any, Literal

from quizapp.engine.errors import ParamError
from quizapp.engine.spec import DemoSpec, Param

Corner = Literal["max", "min"]


def extreme_params(spec: DemoSpec, corner: Corner) -> dict[str, Any]:
    """Every numeric parameter (but the seed) at the top or the bottom of its range; choices
    and switches keep their defaults."""
    return {p.name: (p.high if corner == "max" else p.low) for p in spec.params
            if p.kind in ("int", "float") and p.name != "seed"}


def _between(p: Param, cheap: float, dear: float, s: float) -> float | int:
    """The point a share s ∈ [0, 1] of the way from `cheap` to `dear` (geometric on log ranges)."""
    value = cheap * (dear / cheap) ** s if p.log or min(cheap, dear) > 0 else cheap + (dear - cheap) * s
    if p.kind != "int":
        return value
    return math.floor(value) if dear >= cheap else math.ceil(value)


def _dear_ends(spec: DemoSpec, values: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """For every parameter of a WorkLimit: (cheap end, dear end) of its range — usually (low,
    high), but (high, low) where the cost falls as the parameter grows (epochs × 512/small_batch)."""
    ends: dict[str, tuple[float, float]] = {}
    for limit in spec.limits:
        for name in limit.params:
            p = spec.param(name)
            low, high = float(p.low), float(p.high)  # type: ignore[arg-type]
            base = spec.defaults() | values
            cost_low, cost_high = limit.cost(base | {name: p.low}), limit.cost(base | {name: p.high})
            ends[name] = (low, high) if cost_high >= cost_low else (high, low)
    return ends


def costliest_params(spec: DemoSpec) -> dict[str, Any]:
    """All-maxima, except the WorkLimits' parameters at the ends that cost the most."""
    values = extreme_params(spec, "max")
    for name, (_, dear) in _dear_ends(spec, values).items():
        values[name] = int(dear) if spec.param(name).kind == "int" else dear
    return values


def _lowered(params: list[Param], ends: dict[str, tuple[float, float]], current: dict[str, Any],
             share: float) -> dict[str, Any]:
    """`params` a share of the way from their cheap to their dear ends — never dearer than
    `current` (where an earlier limit already left them)."""
    out: dict[str, Any] = {}
    for p in params:
        cheap, dear = ends[p.name]
        value = _between(p, cheap, dear, share)
        out[p.name] = min(value, current[p.name]) if dear >= cheap else max(value, current[p.name])
    return out


def largest_allowed(spec: DemoSpec) -> dict[str, Any]:
    """The costliest corner, except that the parameters of each WorkLimit it breaks are moved
    together (the same share of their ranges) towards their cheap ends, to the costliest point
    the limit allows."""
    values = costliest_params(spec)
    ends = _dear_ends(spec, extreme_params(spec, "max"))
    for limit in spec.limits:
        resolved = spec.defaults() | values
        if limit.problem(spec.id, resolved) is None:
            continue
        params = [spec.param(n) for n in limit.params]
        lo, hi = 0.0, 1.0  # share of the way from the cheap to the dear ends
        for _ in range(40):
            mid = (lo + hi) / 2
            trial = resolved | _lowered(params, ends, resolved, mid)
            lo, hi = (mid, hi) if limit.problem(spec.id, trial) is None else (lo, mid)
        values.update(_lowered(params, ends, resolved, lo))
    return values


def refusal(spec: DemoSpec, overrides: dict[str, Any]) -> ParamError | None:
    """The ParamError resolving `overrides` raises, if any."""
    try:
        spec.resolve(overrides)
    except ParamError as exc:
        return exc
    return None
