"""Log loss and RMSE(bins) (domain/recall_metrics.py) against torch and numpy on the same inputs."""
from __future__ import annotations

import random

import numpy as np
import pytest

from quizapp.domain.recall_metrics import BINS, log_loss, rmse_bins, sm2_recall


def _sample(n: int = 500, seed: int = 3) -> tuple[list[float], list[int]]:
    rng = random.Random(seed)
    p = [rng.random() for _ in range(n)]
    return p, [int(rng.random() < x ** 0.7) for x in p]


def test_log_loss_is_torchs_binary_cross_entropy() -> None:
    torch = pytest.importorskip("torch")
    p, y = _sample()
    expected = torch.nn.functional.binary_cross_entropy(torch.tensor(p, dtype=torch.float64),
                                                        torch.tensor(y, dtype=torch.float64)).item()
    assert log_loss(p, y) == pytest.approx(expected, rel=1e-9)


def test_rmse_bins_is_the_count_weighted_calibration_gap() -> None:
    p, y = _sample()
    pa, ya = np.array(p), np.array(y)
    bins = np.minimum((pa * BINS).astype(int), BINS - 1)
    gaps = [(pa[bins == b].mean() - ya[bins == b].mean()) ** 2 * (bins == b).sum() for b in np.unique(bins)]
    assert rmse_bins(p, y) == pytest.approx(float(np.sqrt(np.sum(gaps) / len(p))), rel=1e-9)
    assert rmse_bins([0.3] * 10, [0] * 7 + [1] * 3) == pytest.approx(0.0, abs=1e-12)  # calibrated


def test_sm2_forecast_is_ninety_percent_on_the_due_date() -> None:
    assert sm2_recall(6, 6) == pytest.approx(0.9)
    assert sm2_recall(12, 6) == pytest.approx(0.81)
    assert sm2_recall(0, 6) == 1.0


def test_mismatched_or_empty_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        log_loss([0.5], [1, 0])
    with pytest.raises(ValueError):
        rmse_bins([], [])
