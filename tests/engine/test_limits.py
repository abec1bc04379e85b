"""Ranges are promises (issue 21 item 12): every demo runs at all-minima and at its largest
allowed sizes — all-maxima, or where a WorkLimit refuses those, the largest point it allows —
within a memory bound, and a refused combination gets one message naming the parameters and
the limit. Times are not asserted (a shared machine): `python -m quizapp.devtools.bench.engine
--extremes` measures them."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from quizapp.engine.budget import (
    costliest_params,
    extreme_params,
    largest_allowed,
    refusal,
)
from quizapp.engine.registry import all_specs
from quizapp.engine.spec import DemoSpec

SPECS = all_specs()
IDS = [s.id for s in SPECS]
LIMITED = [s for s in SPECS if s.limits]
PEAK_RSS_MB = 1500  # the memory bound of one run, Python and torch included


def test_the_demos_that_ran_for_minutes_at_their_maxima_have_limits() -> None:
    """Found by running every demo at its maxima (issue 21 item 12 and the bench)."""
    assert {"init-signal-propagation", "batchnorm-rnn", "covariate-shift", "weight-decay",
            "early-stopping"} <= {s.id for s in LIMITED}


@pytest.mark.parametrize("spec", LIMITED, ids=[s.id for s in LIMITED])
def test_the_costliest_corner_is_refused_naming_the_params_and_the_limit(spec: DemoSpec) -> None:
    maxima = costliest_params(spec)  # all-maxima, but small_batch at its minimum, say
    exc = refusal(spec, maxima)
    assert exc is not None, "the limit never bites: drop it or lower the range"
    message = str(exc)
    broken = [lim for lim in spec.limits if lim.problem(spec.id, spec.defaults() | maxima)]
    assert exc.param in broken[0].params
    assert "limit" in message and broken[0].formula in message and "\n" not in message
    for name in broken[0].params:
        assert f"{name}={maxima[name]}" in message
    assert spec.problems(maxima) == [message]  # the deck validator reports the same line


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_defaults_minima_and_the_largest_allowed_point_are_accepted(spec: DemoSpec) -> None:
    for values in ({}, extreme_params(spec, "min"), largest_allowed(spec)):
        assert refusal(spec, values) is None, values
        resolved = spec.resolve(values)
        for lim in spec.limits:  # the work bound itself
            assert lim.cost(resolved) <= lim.limit
    if not spec.limits:  # no limit: the maxima themselves are the promise
        assert largest_allowed(spec) == costliest_params(spec) == extreme_params(spec, "max")


_RUN_ONE = """
import json, resource, sys
from quizapp.engine.runner import stream_demo
from quizapp.engine.result import DemoResult
demo, params = sys.argv[1], json.loads(sys.argv[2])
items = list(stream_demo(demo, params, device="cpu"))
result = items[-1]
assert isinstance(result, DemoResult)
json.dumps(result.to_dict(), allow_nan=False)
print(json.dumps({"frames": len(items) - 1, "diverged": result.metrics["diverged"],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("corner", ["min", "largest"])
@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_demo_runs_at_its_corners_within_the_memory_bound(spec: DemoSpec, corner: str) -> None:
    params = extreme_params(spec, "min") if corner == "min" else largest_allowed(spec)
    env = dict(os.environ, PYTHONWARNINGS="error::RuntimeWarning")
    out = subprocess.run([sys.executable, "-c", _RUN_ONE, spec.id, json.dumps(params)], capture_output=True,
                         text=True, env=env, timeout=1800, check=False)
    assert out.returncode == 0, f"{spec.id} {params}: {out.stderr[-2000:]}"
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["peak_rss_mb"] <= PEAK_RSS_MB, (params, report)
