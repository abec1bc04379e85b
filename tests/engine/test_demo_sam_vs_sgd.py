"""sam-vs-sgd: SAM's update checked against an independent implementation (torch.func, written
here from the formulas), and the facts it shows, in numbers."""
from __future__ import annotations

import math
import os

import numpy as np
import pytest
import torch
from torch.func import grad, hessian

from quizapp.engine.demos.sam_vs_sgd import compute as sam
from quizapp.engine.result import DemoResult
from quizapp.engine.runner import run_demo

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")


def reference_loss(w: torch.Tensor, lam_s: float, lam_f: float) -> torch.Tensor:
    """L(w) = c(w₁² − 1)² + ½λ(w₁)w₂², λ log-interpolated by tanh between λ_s at −1 and λ_f at +1."""
    c, kappa = 0.05, 1.5
    share = (torch.tanh(-kappa * w[0]) + math.tanh(kappa)) / (2 * math.tanh(kappa))
    lam = lam_f * (lam_s / lam_f) ** share
    return c * (w[0] ** 2 - 1) ** 2 + 0.5 * lam * w[1] ** 2


def reference_sam_path(start: np.ndarray, lr: float, rho: float, lam_s: float, lam_f: float,
                       steps: int) -> np.ndarray:
    """Foret et al.'s SAM step, one run at a time: ε = ρ g/(‖g‖ + 1e-12), w ← w − η ∇L(w + ε)."""
    g_fn = grad(lambda w: reference_loss(w, lam_s, lam_f))
    w = torch.tensor(start, dtype=torch.float64)
    path = [w.clone()]
    for _ in range(steps):
        g = g_fn(w)
        w = w - lr * g_fn(w + rho * g / (g.norm() + 1e-12))
        path.append(w.clone())
    return torch.stack(path).numpy()


def paths(result: DemoResult, name: str) -> list[np.ndarray]:
    return [np.column_stack([s.x, s.y]) for s in result.series
            if s.panel == "landscape" and s.kind == "path" and (s.name == name or s.name.startswith(f"_{name} run"))]


PARAMS = {"lr": 0.015, "rho": 0.4, "sharp_curvature": 60.0, "flat_curvature": 0.8, "runs": 6, "steps": 90,
          "noise": 0.0, "seed": 11}


def test_sam_and_sgd_trajectories_equal_independent_implementations() -> None:
    r = run_demo("sam-vs-sgd", PARAMS, device=DEVICE)  # 90 steps: a checkpoint at every step
    sam_paths, sgd_paths = paths(r, "SAM"), paths(r, "SGD")
    assert len(sam_paths) == len(sgd_paths) == 6
    for sam_path, sgd_path in zip(sam_paths, sgd_paths):
        np.testing.assert_array_equal(sam_path[0], sgd_path[0])  # the same start
        ref = reference_sam_path(sam_path[0], 0.015, 0.4, 60.0, 0.8, 90)
        np.testing.assert_allclose(sam_path, ref, rtol=1e-10, atol=1e-12)
        gd = reference_sam_path(sgd_path[0], 0.015, 0.0, 60.0, 0.8, 90)  # ρ = 0 is plain GD
        np.testing.assert_allclose(sgd_path, gd, rtol=1e-10, atol=1e-12)


def test_minima_have_equal_loss_and_their_curvatures_as_hessian_top_eigenvalue() -> None:
    for w, lam in ((sam.SHARP_MIN, 60.0), (sam.FLAT_MIN, 0.8)):
        point = torch.tensor([w], dtype=torch.float64)
        assert float(sam.loss(point, 60.0, 0.8)) == 0.0
        h_ref = hessian(lambda p: reference_loss(p, 60.0, 0.8))(point[0])
        torch.testing.assert_close(sam.hessians(point, 60.0, 0.8)[0], h_ref, rtol=1e-12, atol=1e-12)
        assert float(sam.top_hessian_eigenvalue(point, 60.0, 0.8)[0]) == pytest.approx(lam, rel=1e-12)
    # and away from the minima too (random points, the demo's Hessians against torch.func's)
    pts = torch.randn(20, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    ref = torch.stack([hessian(lambda p: reference_loss(p, 60.0, 0.8))(p) for p in pts])
    torch.testing.assert_close(sam.hessians(pts, 60.0, 0.8), ref, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("overrides", [{}, {"sharp_curvature": 25.0, "flat_curvature": 1.5, "rho": 0.5,
                                           "lr": 0.03, "runs": 10, "steps": 500, "noise": 0.2, "seed": 4}])
def test_sgd_reaches_both_minima_equally_and_sam_ends_at_the_flat_one(overrides: dict[str, float]) -> None:
    m = run_demo("sam-vs-sgd", overrides, device=DEVICE).metrics
    lam_s, lam_f = m["lambda_sharp"], m["lambda_flat"]
    assert m["started_at_flat_share"] == 0.5
    assert m["sgd_share_at_flat"] == 0.5 and m["sgd_ended_in_start_basin"] == 1.0
    assert m["sgd_final_loss_max"] < 0.02  # both are minima of loss 0 for SGD
    assert m["sgd_sharpness_final_max"] == pytest.approx(lam_s, rel=0.05)
    assert m["sgd_sharpness_final"] == pytest.approx((lam_s + lam_f) / 2, rel=0.1)
    assert m["sam_share_at_flat"] == 1.0
    assert m["sam_sharpness_final_max"] < 3 * lam_f < lam_s / 5  # SAM ends where it is flat
    assert m["diverged"] is False


def test_small_rho_sam_stays_where_sgd_does() -> None:
    """ρ = 0.02 lifts the sharp minimum by ~½ρ²λ = 0.008 < the barrier 0.05: SAM stays in both."""
    m = run_demo("sam-vs-sgd", {"rho": 0.02, "steps": 400, "seed": 7}, device=DEVICE).metrics
    assert m["sam_tilt"] < m["barrier"]
    assert m["sam_share_at_flat"] == 0.5
