"""Closed-form reference curves the demos draw beside their measurements.

A growing theory curve (ε(1+2η)^t, ρ^k, |1−ηλ|^t·d0) is plotted only up to its panel's window,
and at in-range parameters its far tail passes the float range (2.8^1000). That tail is
expected, not an error: it comes out as inf (never a RuntimeWarning on stderr), and the demo
shows the part below its window.
"""
from __future__ import annotations

import numpy as np


def geometric(start: float, factor: float, t: np.ndarray) -> np.ndarray:
    """start · factor^t, element-wise over the steps t; terms past the float range are ±inf."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return start * np.power(float(factor), np.asarray(t, dtype=np.float64))
