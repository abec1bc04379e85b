"""How well predicted recall probabilities match what happened (docs/fsrs.md § Evidence).

  log loss    mean of -[y log p + (1-y) log(1-p)], p clipped to [EPS, 1-EPS] (a certain wrong
              prediction costs log(1/EPS), not infinity)
  RMSE(bins)  predictions grouped into BINS equal-width probability bins; the root of the
              count-weighted mean squared gap between each bin's mean prediction and its
              observed recall rate (a calibration error, as srs-benchmark reports it)
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

EPS: Final = 1e-7
BINS: Final = 20


def log_loss(predicted: Sequence[float], recalled: Sequence[int]) -> float:
    if len(predicted) != len(recalled) or not predicted:
        raise ValueError("log loss needs as many outcomes as predictions, at least one")
    total = 0.0
    for p, y in zip(predicted, recalled):
        q = min(max(p, EPS), 1 - EPS)
        total -= math.log(q) if y else math.log(1 - q)
    return total / len(predicted)


def rmse_bins(predicted: Sequence[float], recalled: Sequence[int], bins: int = BINS) -> float:
    if len(predicted) != len(recalled) or not predicted:
        raise ValueError("RMSE needs as many outcomes as predictions, at least one")
    sums: dict[int, list[float]] = {}
    for p, y in zip(predicted, recalled):
        b = sums.setdefault(min(int(p * bins), bins - 1), [0.0, 0.0, 0.0])
        b[0] += p
        b[1] += y
        b[2] += 1
    squared = sum(n * (sp / n - sy / n) ** 2 for sp, sy, n in sums.values())
    return math.sqrt(squared / len(predicted))


def sm2_recall(elapsed_days: float, interval_days: int) -> float:
    """SM-2's interval read as a forecast (as srs-benchmark does): recall is 90% on the due date,
    falling exponentially, R = 0.9 ** (elapsed / interval)."""
    return float(0.9 ** (elapsed_days / max(interval_days, 1)))
