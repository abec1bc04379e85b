"""The corners of a demo's parameter space, for the promise that ranges make (issue 21 item 12):
every in-range combination finishes within the demo budget (≤ 3 s at the defaults, ≤ 30 s and a
bounded memory at the largest allowed sizes, on a 2-core machine), or the spec's WorkLimits
refuse it. Tests run the corners; `python -m quizapp.bench.engine --extremes` times them.
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


def _scaled(p: Param, s: float) -> float | int:
    """The point a share s ∈ [0, 1] of the way from low to high (geometric on log ranges)."""
    low, high = float(p.low), float(p.high)  # type: ignore[arg-type]
    value = low * (high / low) ** s if p.log or low > 0 else low + (high - low) * s
    return math.floor(value) if p.kind == "int" else value


def largest_allowed(spec: DemoSpec) -> dict[str, Any]:
    """All-maxima, except that the parameters of each WorkLimit the maxima break are lowered
    together (the same share of their ranges) to the largest point the limit allows."""
    values = extreme_params(spec, "max")
    for limit in spec.limits:
        resolved = spec.defaults() | values
        if limit.problem(spec.id, resolved) is None:
            continue
        params = [spec.param(n) for n in limit.params]
        lo, hi = 0.0, 1.0
        for _ in range(40):  # bisection on the shared share of the range
            mid = (lo + hi) / 2
            trial = resolved | {p.name: _scaled(p, mid) for p in params}
            lo, hi = (mid, hi) if limit.problem(spec.id, trial) is None else (lo, mid)
        values.update({p.name: _scaled(p, lo) for p in params})
    return values


def refusal(spec: DemoSpec, overrides: dict[str, Any]) -> ParamError | None:
    """The ParamError resolving `overrides` raises, if any."""
    try:
        spec.resolve(overrides)
    except ParamError as exc:
        return exc
    return None
