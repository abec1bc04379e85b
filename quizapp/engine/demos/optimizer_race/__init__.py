"""The optimizer-race demo: spec.py (what it is and accepts) and compute.py (the run).

Compatibility: bench/engine.py and tests/ui import a few compute names from this package's old
module path; they are forwarded on first use (so importing spec.py still imports no torch).
New code imports them from .compute.
"""
from __future__ import annotations

from typing import Any

_FORWARDED = frozenset({"COLORS", "TUNED_LR", "race_configs", "start_point"})


def __getattr__(name: str) -> Any:
    if name in _FORWARDED:
        from quizapp.engine.demos.optimizer_race import compute

        return getattr(compute, name)
    raise AttributeError(name)
