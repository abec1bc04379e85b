"""The batched-sweep demo: spec.py (what it is and accepts) and compute.py (the run).

Compatibility: bench/sweep.py imports compute names from this package's old module path; they
are forwarded on first use (so importing spec.py still imports no torch). New code imports them
from .compute.
"""
from __future__ import annotations

from typing import Any

_FORWARDED = frozenset({"N_DATA", "BatchedMLPSweep", "make_problem", "train_alone"})


def __getattr__(name: str) -> Any:
    if name in _FORWARDED:
        from quizapp.engine.demos.batched_sweep import compute

        return getattr(compute, name)
    raise AttributeError(name)
