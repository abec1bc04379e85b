"""The catalogue facts of the optimization demos (§7.1–7.2), each asserted with numbers against a
closed form or against torch itself on the same inputs."""
from __future__ import annotations

import itertools
import math
import os
from typing import Any

import numpy as np
import pytest
import torch

from quizapp.engine.demos.batch_gradient_noise import compute as bgn
from quizapp.engine.demos.batch_size_sharpness.compute import top_eigenvalue
from quizapp.engine.demos.momentum_dynamics.compute import (
    optimal_parameters,
    spectral_rate,
)
from quizapp.engine.demos.optimizer_race.compute import TUNED_LR
from quizapp.engine.demos.optimizer_race.spec import RACE_OPTIMIZERS, SURFACE_CHOICES
from quizapp.engine.demos.saddle_escape.compute import momentum_theory
from quizapp.engine.mlp import build_mlp
from quizapp.engine.optim_kernel import OptimConfig, torch_reference
from quizapp.engine.registry import all_specs, get_spec
from quizapp.engine.result import DemoResult, Frame
from quizapp.engine.runner import run_demo, stream_demo
from quizapp.engine.surfaces import SURFACES

SPECS = [get_spec(d) for d in ("saddle-escape", "flat-vs-sharp", "batch-gradient-noise", "batch-size-sharpness",
                               "ema-window", "optimizer-race", "momentum-dynamics", "adaptive-lr")]

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")


def run(demo_id: str, **overrides: Any) -> DemoResult:
    return run_demo(demo_id, overrides, device=DEVICE)


def ys(result: DemoResult, name: str) -> np.ndarray:
    return np.array(result.series_named(name).y)


def xs(result: DemoResult, name: str) -> np.ndarray:
    return np.array(result.series_named(name).x)


# ------------------------------------------------------------------------------ surfaces


def test_spec_surface_choices_are_the_surfaces() -> None:
    assert set(SURFACE_CHOICES) == set(SURFACES)
    assert set(TUNED_LR) == set(SURFACES)


@pytest.mark.parametrize("surface_id", list(SURFACES))
def test_surface_gradients_equal_autograd(surface_id: str) -> None:
    surface = SURFACES[surface_id]
    rng = np.random.default_rng(0)
    pts = torch.tensor(np.column_stack([rng.uniform(*surface.xlim, 50), rng.uniform(*surface.ylim, 50)]),
                       requires_grad=True)
    surface.value(pts[:, 0], pts[:, 1]).sum().backward()
    gx, gy = surface.grad(pts[:, 0].detach(), pts[:, 1].detach())
    np.testing.assert_allclose(torch.stack([gx, gy], 1).numpy(), pts.grad.numpy(), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("surface_id", list(SURFACES))
def test_known_minima_and_saddles(surface_id: str) -> None:
    """Every listed minimum has zero gradient and a positive definite Hessian; every saddle has
    zero gradient and Hessian eigenvalues of both signs."""
    surface = SURFACES[surface_id]
    for point, kind in [(m, "min") for m in surface.minima] + [(s, "saddle") for s in surface.saddles]:
        p = torch.tensor(point, dtype=torch.float64)
        g = torch.tensor(surface.grad(p[0], p[1]))
        assert g.abs().max() < 1e-9, (point, g)
        eig = torch.linalg.eigvalsh(torch.autograd.functional.hessian(lambda q: surface.value(q[0], q[1]), p))
        if kind == "min":
            assert eig.min() > 0
        else:
            assert eig.min() < 0 < eig.max()


def test_notes_cubic_saddle_and_minimum() -> None:
    """§8: x²+y²+y³+xy has its local minimum at the origin and its saddle at (1/4, −1/2)."""
    cubic = SURFACES["cubic"]
    assert cubic.minima == ((0.0, 0.0),)
    assert cubic.saddles == ((0.25, -0.5),)
    assert cubic.grad(0.25, -0.5) == (0.0, 0.0)  # exactly, in floating point too
    hessian = np.array([[2.0, 1.0], [1.0, 2.0 + 6.0 * -0.5]])
    assert np.linalg.det(hessian) == pytest.approx(-3.0)


# ------------------------------------------------------------------------------ saddle-escape


@pytest.mark.parametrize("lr, eps", [(0.1, 1e-4), (0.05, 1e-6), (0.3, 1e-3)])
def test_saddle_gd_grows_like_eps_times_1_plus_2eta(lr: float, eps: float) -> None:
    r = run("saddle-escape", lr=lr, eps=eps, steps=200)
    y = ys(r, "GD from (x0, ε)")
    x = xs(r, "GD from (x0, ε)")
    t = np.arange(len(y))
    assert len(y) > 10
    np.testing.assert_allclose(np.abs(y), eps * (1 + 2 * lr) ** t, rtol=1e-12)
    np.testing.assert_allclose(x, 1.5 * (1 - 2 * lr) ** t, rtol=1e-12, atol=1e-300)
    assert r.metrics["gd_max_rel_error_vs_theory"] < 1e-12
    assert r.metrics["escape_step_gd"] == r.metrics["escape_step_theory"] == math.ceil(
        math.log(1 / eps) / math.log(1 + 2 * lr))
    # started exactly on the stable line, GD never leaves it
    assert np.all(ys(r, "GD from (x0, 0)") == 0.0)


def test_saddle_momentum_and_noise_escape_sooner() -> None:
    r = run("saddle-escape", lr=0.1, eps=1e-4, momentum=0.9, noise=0.01)
    y = np.abs(ys(r, "Momentum from (x0, ε)"))
    np.testing.assert_allclose(y, momentum_theory(1e-4, 0.1, 0.9, len(y) - 1), rtol=1e-9)
    assert r.metrics["momentum_growth_factor"] == pytest.approx(1.5)  # roots of r² − 2.1r + 0.9
    assert r.metrics["escape_step_momentum"] < r.metrics["escape_step_gd"] == 51
    assert r.metrics["escape_step_noise"] is not None


def test_saddle_cubic_runs_from_the_saddle() -> None:
    r = run("saddle-escape", cubic_runs=12, steps=300)
    assert r.metrics["cubic_noiseless_max_move"] == 0.0
    outcomes = [r.metrics[k] for k in ("cubic_runs_to_minimum", "cubic_runs_escaped", "cubic_runs_near_saddle")]
    assert sum(outcomes) == 12
    assert r.metrics["cubic_runs_to_minimum"] > 0 and r.metrics["cubic_runs_escaped"] > 0


# ------------------------------------------------------------------------------ flat-vs-sharp


@pytest.mark.parametrize("ratio, stable", [(0.95, True), (1.05, False)])
def test_gd_is_stable_iff_lr_below_two_over_curvature(ratio: float, stable: bool) -> None:
    lam = 50.0
    lr = ratio * 2.0 / lam
    r = run("flat-vs-sharp", lr=lr, sharp_curvature=lam, offset=0.01, steps=60)
    assert r.metrics["lr_limit_sharp"] == pytest.approx(0.04)
    assert r.metrics["sharp_start_stays"] is stable
    dist = ys(r, "sharp: GD")
    factor = abs(1 - lr * lam)
    n = 60 if stable else 20  # while it is inside the sharp basin the distance is exactly geometric
    np.testing.assert_allclose(dist[:n], 0.01 * factor ** np.arange(n), rtol=1e-9)
    assert r.metrics["flat_start_stays"] is True  # 2/λ_flat = 1 is far above


def test_flat_minimum_is_more_robust_to_weight_noise() -> None:
    r = run("flat-vs-sharp", samples=50000, sigma_max=0.1, seed=3)
    sig = xs(r, "sharp: Monte Carlo")
    for key, lam in (("sharp", 50.0), ("flat", 2.0)):
        mc = ys(r, f"{key}: Monte Carlo")
        # E[λ/2 δ²] = λσ²/2; Monte Carlo error of a mean of χ²₁ over 50000 samples ≈ 0.6 %
        np.testing.assert_allclose(mc, 0.5 * lam * sig**2, rtol=0.04)
    ratio = r.metrics["loss_rise_sharp_at_sigma_max"] / r.metrics["loss_rise_flat_at_sigma_max"]
    assert ratio == pytest.approx(25.0, rel=0.06)


@pytest.mark.parametrize("lr, lam, basin", [(0.2, 5.0, "flat"), (1 / 3, 3.0, "flat"), (0.04, 25.0, "sharp"),
                                             (1 / 64, 64.0, "sharp")])
def test_gd_lands_exactly_on_the_minimum_when_lr_times_curvature_is_one(lr: float, lam: float, basin: str) -> None:
    """Issue 14: the distance was measured to w0 − offset (1.9999999999999998, not 2), a false
    floor of ~1.7e-16. With ηλ = 1 one GD step lands on w* and the distance is exactly 0."""
    curvature = {"flat": "flat_curvature", "sharp": "sharp_curvature"}[basin]
    r = run("flat-vs-sharp", lr=lr, offset=0.07, steps=12, **{curvature: lam})
    assert r.metrics[f"{basin}_distance_after_one_step"] == 0.0
    assert r.metrics[f"{basin}_distance_final"] == 0.0
    assert len(ys(r, f"{basin}: GD")) == 1  # the log axis shows d0 only: exact zeros are not drawn
    assert ys(r, f"{basin}: GD")[0] == pytest.approx(0.07, rel=1e-12)


def test_converged_distance_follows_theory_down_to_exact_zero() -> None:
    """Factor |1 − 0.35·2| = 0.3 per step: the measured distance is 0.01·0.3^t to the last ulp of
    w* = 2, then exactly 0, never a floor at ~1e-16."""
    r = run("flat-vs-sharp", lr=0.35, flat_curvature=2.0, offset=0.01, steps=80)
    dist, t = ys(r, "flat: GD"), xs(r, "flat: GD")
    ulp = np.spacing(2.0)
    np.testing.assert_allclose(dist, 0.01 * 0.3**t, rtol=1e-9, atol=2 * ulp)
    assert dist.min() >= ulp / 2 and r.metrics["flat_distance_final"] == 0.0


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("alpha", [2.4, 2.8, 3.2])
def test_momentum_dynamics_divergence_is_a_result_not_a_warning(alpha: float) -> None:
    """κ = 1, β = 0 is plain GD with factor |1 − α| > 1: it diverges, reported in the metrics,
    with no numpy overflow warning (the norms and ρ^k used to overflow)."""
    r = run("momentum-dynamics", kappa=1.0, alpha=alpha, beta=0.0, steps=2000, resolution=20)
    assert r.metrics["diverged"] is True
    assert r.metrics["rate_chosen"] == pytest.approx(alpha - 1.0, rel=1e-9)
    assert r.messages and "diverges" in r.messages[0]


@pytest.mark.filterwarnings("error")
def test_saddle_escape_at_the_largest_lr_and_steps_runs_without_overflow_warnings() -> None:
    r = run("saddle-escape", lr=0.9, eps=1e-4, steps=1000, cubic_runs=2)
    # leaving along y is escaping downhill, not diverging; the theory line stops at the window
    assert r.metrics["escape_step_gd"] == r.metrics["escape_step_theory"] == math.ceil(math.log(1e4) / math.log(2.8))
    theory = ys(r, "GD theory ε(1+2η)^t")
    assert np.isfinite(theory).all() and theory.max() <= 2.2 * 1.5


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("flat_curvature, diverges", [(2.0, False), (5.0, True)])
def test_flat_vs_sharp_at_lr_one_and_sharpest_curvature(flat_curvature: float, diverges: bool) -> None:
    """lr = 1 throws GD out of the sharp basin (factor 199); in the flat basin the factor is
    |1 − λ_flat|: 1 (it rings forever) or 4 (it blows up: diverged, not a warning)."""
    r = run("flat-vs-sharp", lr=1.0, sharp_curvature=200.0, flat_curvature=flat_curvature, steps=500)
    assert r.metrics["sharp_start_stays"] is False
    assert r.metrics["diverged"] is diverges


# ------------------------------------------------------------------------------ batch-gradient-noise


@pytest.mark.parametrize("model", ["logistic", "linear"])
def test_minibatch_variance_follows_sigma2_over_b(model: str) -> None:
    r = run("batch-gradient-noise", model=model, draws=5000, n_samples=200)
    assert r.metrics["max_rel_dev_with_replacement"] < 0.1
    assert r.metrics["max_rel_dev_without_replacement"] < 0.1
    assert r.metrics["var_without_replacement_at_full_batch"] < 1e-20
    assert r.metrics["max_bias_in_mc_std_units"] < 4.5  # the mean is unbiased
    b = xs(r, "σ²/B")
    np.testing.assert_allclose(ys(r, "σ²/B") * b, r.metrics["sigma2_per_example"], rtol=1e-12)


def test_without_replacement_variance_exact_by_enumeration() -> None:
    """All C(N, B) subsets of a tiny dataset, no sampling: the variance of the minibatch mean is
    exactly σ²/B·(N−B)/(N−1), and the mean of all subset gradients is exactly g."""
    n = 7
    X, y = bgn.make_dataset("logistic", n, 3, torch.Generator().manual_seed(0))
    G = bgn.per_example_gradients("logistic", torch.zeros(3, dtype=torch.float64), X, y)
    g = G.mean(0)
    sigma2 = float(((G - g) ** 2).sum(1).mean())
    for b in range(1, n + 1):
        subsets = torch.tensor(list(itertools.combinations(range(n), b)))
        means = G[subsets].mean(1)
        var = float(((means - g) ** 2).sum(1).mean())
        assert var == pytest.approx(sigma2 / b * (n - b) / (n - 1), rel=1e-10, abs=1e-15)
        torch.testing.assert_close(means.mean(0), g, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("model", ["logistic", "linear"])
def test_per_example_gradients_average_to_the_autograd_gradient(model: str) -> None:
    X, y = bgn.make_dataset(model, 50, 4, torch.Generator().manual_seed(1))
    w = torch.randn(4, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    G = bgn.per_example_gradients(model, w, X, y)
    wr = w.clone().requires_grad_(True)
    if model == "logistic":
        loss = torch.nn.functional.binary_cross_entropy_with_logits(X @ wr, y)
    else:
        loss = 0.5 * ((X @ wr - y) ** 2).mean()
    loss.backward()
    torch.testing.assert_close(G.mean(0), wr.grad, rtol=1e-12, atol=1e-14)


# ------------------------------------------------------------------------------ batch-size-sharpness


def test_power_iteration_finds_the_top_hessian_eigenvalue() -> None:
    """Against the full Hessian (torch.autograd.functional.hessian) of a small MLP, diagonalized."""
    from torch.autograd.functional import hessian
    from torch.func import functional_call

    gen = torch.Generator().manual_seed(0)
    model = build_mlp(2, [6, 6], 1, "relu", generator=gen).double()
    X = torch.randn(64, 2, dtype=torch.float64, generator=gen)
    y = (X[:, 0] * X[:, 1] > 0).double()
    names = [k for k, _ in model.named_parameters()]
    shapes = [p.shape for p in model.parameters()]
    flat = torch.cat([p.detach().reshape(-1) for p in model.parameters()])

    def loss(theta: torch.Tensor) -> torch.Tensor:
        parts = torch.split(theta, [s.numel() for s in shapes])
        params = {k: t.reshape(s) for k, t, s in zip(names, parts, shapes)}
        out = functional_call(model, params, (X,)).squeeze(1)
        return torch.nn.functional.binary_cross_entropy_with_logits(out, y)

    eig = torch.linalg.eigvalsh(hessian(loss, flat))
    top = float(eig[eig.abs().argmax()])
    lam, _ = top_eigenvalue(model, X, y, iters=100, generator=gen)
    assert lam == pytest.approx(top, rel=1e-6)


def test_large_batch_reaches_a_sharper_minimum_at_equal_epochs() -> None:
    for seed in (0, 1, 2):
        r = run("batch-size-sharpness", seed=seed)
        assert r.metrics["steps_small"] == 16 * r.metrics["steps_large"]  # 512/8 vs 512/128 per epoch
        assert r.metrics["sharpness_large"] > 2.0 * r.metrics["sharpness_small"], r.metrics
        assert r.metrics["train_accuracy_small"] > 0.9 and r.metrics["train_accuracy_large"] > 0.9


def test_linear_lr_scaling_equalizes_sharpness() -> None:
    """Same lr/B (the SGD noise scale) for both batch sizes: about the same sharpness."""
    for seed in (0, 1):
        r = run("batch-size-sharpness", seed=seed, lr_scaling="linear")
        assert r.metrics["lr_small"] == pytest.approx(0.5 * 8 / 128) and r.metrics["lr_large"] == 0.5
        assert 0.5 < r.metrics["sharpness_ratio_large_to_small"] < 2.0, r.metrics


def test_stream_frames_match_the_result_figure() -> None:
    items = list(stream_demo("batch-size-sharpness", {"epochs": 4}, device=DEVICE))
    result = items[-1]
    assert isinstance(result, DemoResult)
    assert isinstance(items[0], Frame)
    final_names = {s.name for s in result.series}
    for frame in items[:-1]:  # frames move the final figure's own artists
        assert {p.id for p in frame.panels} == {p.id for p in result.panels}
        assert {s.name for s in frame.series} <= final_names


# ------------------------------------------------------------------------------ ema-window


def test_ema_weight_at_the_window_tends_to_one_over_e() -> None:
    values = [run("ema-window", beta=b, steps=20).metrics["weight_ratio_at_window"] for b in (0.5, 0.9, 0.99, 0.999)]
    assert values[1] == pytest.approx(0.9**10, rel=1e-12)
    assert values == sorted(values)  # increasing towards 1/e
    assert abs(values[-1] - 1 / math.e) < 2e-4
    assert all(v < 1 / math.e for v in values)


def test_bias_corrected_ema_of_a_constant_is_exact() -> None:
    r = run("ema-window", signal="constant", level=3.0, noise=0.0, beta=0.95, steps=300)
    t = np.arange(1, 301)
    np.testing.assert_allclose(ys(r, "bias-corrected v_t/(1−β^t)"), 3.0, rtol=1e-13)
    np.testing.assert_allclose(ys(r, "EMA v_t (from 0)"), 3.0 * (1 - 0.95**t), rtol=1e-12)
    assert r.metrics["corrected_ema_constant_max_abs_error"] < 1e-13
    assert r.metrics["raw_ema_constant_first_step"] == pytest.approx(3.0 * 0.05)


def test_ema_recursion_is_the_weighted_sum_of_past_observations() -> None:
    beta = 0.8
    r = run("ema-window", beta=beta, noise=1.0, steps=60)
    x = ys(r, "observations x_t")
    k = np.arange(len(x))[::-1]
    assert ys(r, "EMA v_t (from 0)")[-1] == pytest.approx(float(np.sum((1 - beta) * beta**k * x)), rel=1e-12)
    np.testing.assert_allclose(ys(r, "weight (1−β)β^k"), (1 - beta) * beta ** xs(r, "weight (1−β)β^k"), rtol=1e-12)


# ------------------------------------------------------------------------------ optimizer-race


@pytest.mark.parametrize("surface_id", SURFACE_CHOICES)
def test_race_trajectories_equal_torch_optim(surface_id: str) -> None:
    """Each path equals torch.optim's trajectory (same lr, same start) step for step — as far
    as torch.optim reproduces itself (see optim_kernel.torch_reference); SGD-type runs always
    over the whole run."""
    r = run("optimizer-race", surface=surface_id)
    surface = SURFACES[surface_id]
    configs = [OptimConfig(kind, r.metrics[f"lr_{kind}"], momentum=0.9, alpha=0.99) for kind in RACE_OPTIMIZERS]
    ref, horizon = torch_reference(configs, surface.value, surface.start, 500)
    paths = [s for s in r.series if s.kind == "path"]
    assert len(paths) == len(RACE_OPTIMIZERS)
    for i, (cfg, path) in enumerate(zip(configs, paths)):
        got = np.column_stack([path.x, path.y])
        n = min(len(got), horizon[i] + 1)
        if cfg.kind in ("sgd", "momentum", "nesterov", "adagrad"):
            assert n == len(got), cfg
        assert n >= min(len(got), 100), cfg
        scale = np.abs(ref[:n, i]).max()
        np.testing.assert_allclose(got[:n], ref[:n, i], rtol=0, atol=1e-6 * scale, err_msg=str(cfg))


def test_race_learning_rates_selection_and_frames() -> None:
    items = list(stream_demo("optimizer-race", {"surface": "beale", "adagrad": False, "lr_scale": 0.5,
                                                "lr_adam": 0.02}, device=DEVICE))
    result = items[-1]
    assert isinstance(result, DemoResult) and isinstance(items[0], Frame)
    assert "lr_adagrad" not in result.metrics
    assert result.metrics["lr_sgd"] == pytest.approx(0.5 * TUNED_LR["beale"]["sgd"])
    assert result.metrics["lr_adam"] == pytest.approx(0.5 * 0.02)
    # a frame's paths are prefixes of the final paths, and the contour is the same static layer
    frame = items[0]
    for s in frame.series:
        final = result.series_named(s.name)
        assert s.kind == final.kind
        if s.kind == "path":
            assert 1 < len(s.x) < len(final.x) and s.x == final.x[: len(s.x)]
        if s.kind == "contour":
            assert s.z == final.z


@pytest.mark.parametrize("demo_id", [s.id for s in SPECS if s.streams])
def test_streamed_frames_update_the_drawn_figure_in_place(demo_id: str) -> None:
    """The Qt canvas draws the first frame, then moves its artists for later frames and the
    result (DemoFigure.update returns them); the static layers are not redrawn."""
    from quizapp.plots.demo_figure import DemoFigure

    items = list(stream_demo(demo_id, {"steps": 60} if demo_id == "optimizer-race" else {"epochs": 3},
                             device=DEVICE))
    assert isinstance(items[0], Frame) and isinstance(items[-1], DemoResult)
    fig = DemoFigure(spec=get_spec(demo_id), lang="zh")
    fig.draw(items[0])
    moved = fig.update(items[-1])
    assert moved, "the result should reuse the frame's figure"
    assert all(a.figure is fig.figure for a in moved)


def test_race_with_no_optimizer_says_so() -> None:
    r = run("optimizer-race", **{opt: False for opt in RACE_OPTIMIZERS})
    assert r.messages and "No optimizer" in r.messages[0]


def test_race_divergence_is_reported_per_optimizer() -> None:
    r = run("optimizer-race", surface="rosenbrock", lr_sgd=0.05)
    assert r.metrics["diverged_sgd"] is True and r.metrics["diverged"] is True
    assert r.metrics["diverged_adam"] is False
    sgd = next(s for s in r.series if s.kind == "path" and s.name.startswith("SGD"))
    assert all(math.isfinite(v) for v in sgd.x + sgd.y)


# ------------------------------------------------------------------------------ momentum-dynamics


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1000.0])
def test_optimal_heavy_ball_rate(kappa: float) -> None:
    r = run("momentum-dynamics", kappa=kappa, steps=1000, resolution=40)
    rho = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    assert r.metrics["rate_theory_optimal"] == pytest.approx(rho, rel=1e-12)
    assert r.metrics["rate_spectral_at_optimum"] == pytest.approx(rho, rel=1e-6)
    assert r.metrics["rate_empirical_at_optimum"] == pytest.approx(rho, rel=1e-3)
    gd = (kappa - 1) / (kappa + 1)
    assert r.metrics["rate_spectral_gd"] == pytest.approx(gd, rel=1e-9)
    assert r.metrics["rate_empirical_gd"] == pytest.approx(gd, rel=1e-6)
    # no (α, β) on the map beats the optimum
    rates = np.array(r.series_named("_rate").z, dtype=float)
    assert np.nanmin(rates) >= rho - 1e-9


def test_spectral_rate_matches_the_characteristic_polynomial() -> None:
    rng = np.random.default_rng(0)
    alpha, beta = rng.uniform(0.01, 3.9, 200), rng.uniform(0.0, 0.99, 200)
    got = spectral_rate(torch.tensor(alpha), torch.tensor(beta), (0.05, 1.0)).numpy()
    want = [max(max(abs(z) for z in np.roots([1.0, -(1.0 + b - a * lam), b])) for lam in (0.05, 1.0))
            for a, b in zip(alpha, beta)]
    np.testing.assert_allclose(got, want, rtol=1e-7)
    a_opt, b_opt, rho = optimal_parameters(0.01, 1.0)
    assert (a_opt, b_opt, rho) == pytest.approx((4 / 1.1**2, (0.9 / 1.1) ** 2, 0.9 / 1.1))


def test_momentum_dynamics_divergent_choice_is_a_message() -> None:
    r = run("momentum-dynamics", alpha=3.9, beta=0.0)
    assert r.metrics["diverged"] is True and r.metrics["rate_chosen"] > 1
    assert "diverges" in r.messages[0]


# ------------------------------------------------------------------------------ adaptive-lr


def test_constant_gradient_adagrad_shrinks_like_inverse_sqrt_t_and_adam_steps_lr() -> None:
    lr, steps = 0.01, 400
    r = run("adaptive-lr", lr=lr, noise=0.0, steps=steps, rms_alpha=0.99)
    t = np.arange(1, steps + 1)
    np.testing.assert_allclose(ys(r, "AdaGrad") * np.sqrt(t), lr, rtol=1e-8)
    np.testing.assert_allclose(ys(r, "Adam"), lr, rtol=1e-7)
    np.testing.assert_allclose(ys(r, "RMSprop"), lr / np.sqrt(1 - 0.99**t), rtol=1e-7)
    np.testing.assert_allclose(ys(r, "SGD"), lr, rtol=1e-12)
    assert r.metrics["sgd_step_spread"] == pytest.approx(100.0)  # spread² for spread 10
    for key in ("adagrad", "rmsprop", "adam"):
        assert r.metrics[f"{key}_step_spread"] == pytest.approx(1.0, abs=1e-5)


def test_every_spec_loads_the_run_function_of_its_own_package() -> None:
    for spec in all_specs():
        assert get_spec(spec.id) is spec
        run = spec.load_run()
        assert run.__name__ == "run"
        assert run.__module__ == f"quizapp.engine.demos.{spec.id.replace('-', '_')}.compute"
