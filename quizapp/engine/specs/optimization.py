"""Compatibility alias, kept while quizapp.plots and the UI tests still import these names here.

The specs moved beside their run functions (quizapp/engine/demos/<demo>/spec.py); import from
there in new code. Pure Python, like the spec modules it re-exports from.
"""
from __future__ import annotations

from quizapp.engine.demos.adaptive_lr.spec import ADAPTIVE_OPTIMIZERS
from quizapp.engine.demos.optimizer_race.spec import (
    OPTIMIZER_NAMES,
    RACE_OPTIMIZERS,
    SURFACE_CHOICES,
)

__all__ = ["ADAPTIVE_OPTIMIZERS", "OPTIMIZER_NAMES", "RACE_OPTIMIZERS", "SURFACE_CHOICES"]
