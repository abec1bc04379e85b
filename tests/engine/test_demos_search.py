"""Hyperparameter-search demos (engine III, section 7.6). Each catalogue fact is asserted with
numbers against a closed form, an independent re-derivation, or torch trained alone on the
same inputs: grid vs random coverage, EI against Monte Carlo, Li et al.'s Hyperband table and
the successive-halving promotion rule, parameter counts, and the batched sweep's exactness."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from quizapp.engine.context import RunContext
from quizapp.engine.demos.architecture_search import compute as arch
from quizapp.engine.demos.batched_sweep import compute as bs
from quizapp.engine.demos.bayesian_optimization import compute as bo
from quizapp.engine.demos.grid_vs_random import compute as gvr
from quizapp.engine.demos.hyperband import compute as hb
from quizapp.engine.errors import ParamError
from quizapp.engine.mlp import build_mlp
from quizapp.engine.registry import get_spec
from quizapp.engine.result import DemoResult, Frame
from quizapp.engine.runner import run_demo, stream_demo

CPU = torch.device("cpu")
cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU on this machine")


@pytest.fixture(autouse=True)
def _one_thread() -> Any:
    """Tiny tensors: run the demos' building blocks on one intra-op thread, as the runner does."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def make_ctx(demo_id: str, overrides: dict[str, Any] | None = None,
             device: torch.device = CPU) -> tuple[dict[str, Any], RunContext]:
    """A RunContext seeded as the runner seeds it, for calling a demo's building blocks directly."""
    spec = get_spec(demo_id)
    params = spec.resolve(overrides or {})
    seed = int(params["seed"])
    gen = torch.Generator(device=device).manual_seed(seed)
    return params, RunContext(spec=spec, params=params, device=device, seed=seed, generator=gen,
                              rng=np.random.default_rng(seed))


# ----------------------------------------------------------------------------- grid vs random

def test_nine_grid_trials_test_three_values_nine_random_trials_test_nine() -> None:
    r = run_demo("grid-vs-random", {"per_axis": 3}, device="cpu")
    assert r.metrics["n_trials"] == 9
    assert r.metrics["grid_distinct_x"] == 3
    assert r.metrics["random_distinct_x"] == 9
    grid, rand = r.series_named("grid trials"), r.series_named("random trials")
    assert len(grid.x) == len(rand.x) == 9
    assert sorted(set(grid.x)) == [0.0, 0.5, 1.0]  # the only values of the important x tried
    assert len(set(rand.x)) == 9
    # GridSampler visits every cell of the 3x3 grid exactly once
    assert sorted(zip(grid.x, grid.y)) == sorted((a, b) for a in (0.0, 0.5, 1.0) for b in (0.0, 0.5, 1.0))
    # legends state the count
    assert r.series_named("grid: 3 distinct x") and r.series_named("random: 9 distinct x")


def test_trial_losses_and_best_so_far_match_the_closed_form() -> None:
    params = {"per_axis": 4, "optimum_x": 0.3, "width": 0.05, "unimportant_weight": 0.2}
    r = run_demo("grid-vs-random", params, device="cpu")
    shape = {k: params[k] for k in ("optimum_x", "width", "unimportant_weight")}
    for name in ("grid", "random"):
        pts = r.series_named(f"{name} trials")
        marg = next(s for s in r.series if s.name.startswith(f"{name}: "))
        expected = [float(gvr.loss_fn(x, y, **shape)) for x, y in zip(pts.x, pts.y)]
        np.testing.assert_allclose(marg.y, expected, rtol=1e-12)
        best = r.series_named(f"{name} search").y
        np.testing.assert_allclose(best, np.minimum.accumulate(expected), rtol=1e-12)
        assert r.metrics[f"{name}_best_loss"] == pytest.approx(min(expected))
    assert r.metrics["grid_distinct_x"] == 4 and r.metrics["random_distinct_x"] == 16
    # the loss's minimum is 0 at (optimum_x, OPTIMUM_Y)
    assert float(gvr.loss_fn(0.3, gvr.OPTIMUM_Y, **shape)) == pytest.approx(0.0, abs=1e-12)


def test_k_by_k_grid_tries_k_values_random_tries_k_squared() -> None:
    for k in (2, 5):
        r = run_demo("grid-vs-random", {"per_axis": k, "seed": 3}, device="cpu")
        assert (r.metrics["grid_distinct_x"], r.metrics["random_distinct_x"]) == (k, k * k)


# ----------------------------------------------------------------------------- Bayesian optimization

def _posterior_fixture() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    x_obs = torch.tensor([0.05, 0.3, 0.55, 0.7, 0.95], dtype=torch.float64)
    y_obs = torch.as_tensor(bo.forrester(x_obs.numpy()))
    x_q = torch.tensor([0.0, 0.12, 0.42, 0.62, 0.76, 0.83, 1.0], dtype=torch.float64)
    mean, std = bo.gp_posterior(x_obs, y_obs, x_q, lengthscale=0.15)
    return x_obs, y_obs, mean, std


def test_expected_improvement_closed_form_matches_monte_carlo() -> None:
    _, y_obs, mean, std = _posterior_fixture()
    best, xi = float(y_obs.min()), 0.05
    ei = bo.expected_improvement(mean, std, best, xi)
    gen = torch.Generator().manual_seed(0)
    n = 400_000
    f = mean[:, None] + std[:, None] * torch.randn(len(mean), n, generator=gen, dtype=torch.float64)
    gain = (best - xi - f).clamp_min(0.0)
    mc, se = gain.mean(dim=1), gain.std(dim=1) / math.sqrt(n)
    assert bool((std > 0.1).all())  # a real test: no query sits on an observation
    for closed, estimate, err in zip(ei.tolist(), mc.tolist(), se.tolist()):
        assert abs(closed - estimate) <= 4 * err + 1e-9, (closed, estimate, err)
    # and EI is never below the improvement of the mean itself (Jensen), never negative
    assert bool((ei >= (best - xi - mean).clamp_min(0.0) - 1e-12).all())


def test_gp_posterior_matches_numpy_and_interpolates() -> None:
    x_obs, y_obs, mean, std = _posterior_fixture()
    x_q = np.array([0.0, 0.12, 0.42, 0.62, 0.76, 0.83, 1.0])
    ell, jitter = 0.15, 1e-6
    xo, yo = x_obs.numpy(), y_obs.numpy()
    mu, sd = yo.mean(), yo.std()
    k = lambda a, b: np.exp(-0.5 * (a[:, None] - b[None, :]) ** 2 / ell**2)  # noqa: E731
    K = k(xo, xo) + jitter * np.eye(len(xo))
    Ks = k(xo, x_q)
    mean_ref = mu + sd * Ks.T @ np.linalg.solve(K, (yo - mu) / sd)
    var_ref = 1.0 - np.einsum("ij,ij->j", Ks, np.linalg.solve(K, Ks))
    np.testing.assert_allclose(mean.numpy(), mean_ref, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(std.numpy(), sd * np.sqrt(np.clip(var_ref, 0, None)), rtol=1e-6, atol=1e-9)
    m_at, s_at = bo.gp_posterior(x_obs, y_obs, x_obs, lengthscale=ell)
    np.testing.assert_allclose(m_at.numpy(), yo, atol=1e-3)  # noise 1e-6·var: near-exact interpolation
    assert float(s_at.max()) < 0.01 * sd


def test_bo_demo_next_point_is_the_argmax_of_ei() -> None:
    r = run_demo("bayesian-optimization", {"trials": 6, "budget": 8}, device="cpu")
    ei = r.series_named("expected improvement")
    i = int(np.argmax(ei.y))
    assert r.metrics["next_x"] == pytest.approx(ei.x[i])
    assert r.series_named("next point").x == [pytest.approx(ei.x[i])]
    assert r.metrics["max_ei"] == pytest.approx(ei.y[i])
    obs = r.series_named("6 observations")
    np.testing.assert_allclose(obs.y, bo.forrester(np.array(obs.x)), rtol=1e-12)
    assert r.metrics["best_so_far"] == pytest.approx(min(obs.y))
    # Forrester's minimum, −6.0207 at x ≈ 0.7572 (checked on a fine grid)
    grid = np.linspace(0, 1, 1_000_001)
    assert bo.FORRESTER_MIN == pytest.approx(bo.forrester(grid).min(), abs=1e-9)
    assert bo.FORRESTER_MIN == pytest.approx(-6.02074, abs=1e-5)
    # regret curves are non-increasing and positive (log axis)
    for name in ("GP + EI (this demo)", "random search"):
        y = r.series_named(name).y
        assert len(y) == 8 and all(b <= a for a, b in zip(y, y[1:])) and min(y) > 0


def test_bo_notes_initial_random_phase_and_gp_fallback() -> None:
    r = run_demo("bayesian-optimization", {"trials": 2, "n_init": 3, "budget": 5}, device="cpu")
    assert any("random initial" in m for m in r.messages)
    import importlib.util
    if importlib.util.find_spec("scipy") is None:
        r = run_demo("bayesian-optimization", {"sampler": "gp", "budget": 5}, device="cpu")
        assert any("SciPy" in m for m in r.messages)
        assert "Optuna TPESampler" in [s.name for s in r.series]


# ----------------------------------------------------------------------------- Hyperband

LI_ET_AL_R81_ETA3 = {  # Li et al. (2018), Table 1: (n_i, r_i) per round of each bracket s
    4: [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)],
    3: [(34, 3), (11, 9), (3, 27), (1, 81)],
    2: [(15, 9), (5, 27), (1, 81)],
    1: [(8, 27), (2, 81)],
    0: [(5, 81)],
}


def test_hyperband_bracket_table_r81_eta3_is_li_et_al() -> None:
    brackets = hb.hyperband_brackets(81, 3)
    assert [b.s for b in brackets] == [4, 3, 2, 1, 0]
    assert {b.s: [(n, r) for n, r in b.rounds] for b in brackets} == LI_ET_AL_R81_ETA3
    assert [(b.n, b.r) for b in brackets] == [(81, 1), (34, 3), (15, 9), (8, 27), (5, 81)]
    # each bracket spends at most B = (s_max + 1)·R = 405 epochs
    assert [b.budget() for b in brackets] == [405, 363, 351, 378, 405]


def test_hyperband_brackets_integer_log_and_fractional_resources() -> None:
    assert [b.s for b in hb.hyperband_brackets(27, 3)] == [3, 2, 1, 0]
    assert [b.s for b in hb.hyperband_brackets(243, 3)] == [5, 4, 3, 2, 1, 0]  # float log_3(243) < 5
    b = hb.hyperband_brackets(10, 3)[0]  # R not a power of η: r = 10/9 epochs
    assert b.s == 2 and b.rounds[0] == (9, pytest.approx(10 / 9)) and b.rounds[-1] == (1, pytest.approx(10.0))
    with pytest.raises(ValueError):
        hb.hyperband_brackets(9, 1)


def _final_curves(overrides: dict[str, Any]) -> tuple[dict[str, Any], list[hb.TrialCurve]]:
    params, ctx = make_ctx("hyperband", overrides)
    *_, curves = hb.search(params, ctx, hb.make_data(ctx.rng, ctx.device))  # the last yield: every curve
    return params, curves


def test_successive_halving_keeps_the_best_1_over_eta_at_each_rung() -> None:
    """Re-derive every stop from the curves with the (asynchronous) SHA rule: at rung epoch η^k a
    trial goes on iff its loss is within the best ⌊n/η⌋ of the n trials that reached that rung so far."""
    eta, R = 3, 9
    params, curves = _final_curves({"method": "successive-halving", "max_epochs": R, "eta": eta, "n_trials": 14})
    rungs = [eta**k for k in range(5) if eta**k < R]
    seen: dict[int, list[float]] = {r: [] for r in rungs}
    for c in curves:
        assert c.state in ("completed", "pruned")
        stop = R
        for r in rungs:
            value = c.val_loss[r - 1]
            seen[r].append(value)
            keep = max(len(seen[r]) // eta - 1, 0)
            if value > sorted(seen[r])[keep]:
                stop = r
                break
        assert len(c.val_loss) == stop, (c.number, len(c.val_loss), stop)
        assert c.state == ("completed" if stop == R else "pruned")
    assert sum(c.state == "pruned" for c in curves) >= 8


def test_hyperband_run_budget_and_rungs() -> None:
    overrides = {"method": "hyperband", "max_epochs": 9, "eta": 3, "n_trials": 10}
    r = run_demo("hyperband", overrides, device="cpu")
    _, curves = _final_curves(overrides)
    lengths = [len(c.val_loss) for c in curves]
    assert r.metrics["epochs_used"] == sum(lengths)
    assert r.metrics["epochs_full_training"] == 10 * 9
    assert r.metrics["budget_fraction"] == pytest.approx(sum(lengths) / 90)
    assert r.metrics["budget_fraction"] < 1
    for c in curves:  # Hyperband's brackets only stop trials at rungs 1, 3 (never at 9 = R)
        assert len(c.val_loss) in ((1, 3) if c.state == "pruned" else (9,))
    cumulative = r.series_named("Hyperband").y
    assert cumulative == [float(v) for v in np.cumsum(lengths)]
    table = {s.name: list(zip(s.y, s.x)) for s in r.series if s.panel == "brackets"}
    assert table == {"s=2": [(9.0, 1.0), (3.0, 3.0), (1.0, 9.0)], "s=1": [(5.0, 3.0), (1.0, 9.0)],
                     "s=0": [(3.0, 9.0)]}


def test_hyperband_streams_a_first_frame_with_the_final_panels() -> None:
    items = list(stream_demo("hyperband", {"max_epochs": 4, "n_trials": 6}, device="cpu"))
    assert isinstance(items[0], Frame) and items[0].progress == 0.0
    assert isinstance(items[-1], DemoResult)
    assert [p.id for p in items[0].panels] == [p.id for p in items[-1].panels]


# ----------------------------------------------------------------------------- architecture search

def test_param_count_closed_form_equals_numel() -> None:
    for depth in range(1, 7):
        for width in (2, 3, 7, 16, 64, 128):
            model = build_mlp(2, [width] * depth, 2, "relu")
            assert arch.param_count(depth, width) == sum(p.numel() for p in model.parameters())


def test_reported_parameter_counts_match_the_models_trained() -> None:
    overrides = {"n_trials": 8, "steps": 20, "max_width": 16, "method": "random"}
    params, ctx = make_ctx("architecture-search", overrides)
    X, y = arch._dataset(str(params["dataset"]), ctx.rng)
    *_, (trials, _) = arch.search_trials(params, ctx, X, y)  # the last yield: every trial
    assert len(trials) == 8
    for t in trials:
        model = build_mlp(2, [t.width] * t.depth, 2, t.activation)
        assert t.n_params == sum(p.numel() for p in model.parameters())
    r = run_demo("architecture-search", overrides, device="cpu")
    reported = sorted(x for a in arch.ACTIVATIONS for x in r.series_named(a).x)
    assert reported == sorted(float(t.n_params) for t in trials if t.state == "completed")
    assert r.metrics["completed"] == 8 and r.metrics["pruned"] == 0


def test_pareto_front_is_exactly_the_non_dominated_set() -> None:
    r = run_demo("architecture-search", {"n_trials": 10, "steps": 30, "max_width": 32}, device="cpu")
    pts = [(x, y) for a in arch.ACTIVATIONS for x, y in zip(r.series_named(a).x, r.series_named(a).y)]
    front = r.series_named("Pareto front")
    on_front = set(zip(front.x, front.y))

    def dominated(p: tuple[float, float]) -> bool:
        return any(q[0] <= p[0] and q[1] >= p[1] and q != p for q in pts)

    assert on_front == {p for p in pts if not dominated(p)}
    assert front.x == sorted(front.x) and front.y == sorted(front.y)  # fewer params, less accuracy
    assert r.metrics["pareto_size"] == len(front.x)
    assert arch.pareto_front([(10, 0.5), (20, 0.9), (20, 0.8), (30, 0.9), (5, 0.4)]) == [4, 0, 1]


def test_architecture_search_with_hyperband_prunes() -> None:
    r = run_demo("architecture-search", {"n_trials": 12, "steps": 45, "method": "hyperband", "max_width": 16},
                 device="cpu")
    assert r.metrics["pruned"] > 0
    assert r.metrics["completed"] + r.metrics["pruned"] == 12
    assert r.metrics["steps_trained"] < 12 * 45


# ----------------------------------------------------------------------------- batched sweep

def test_sgd_kernel_equals_torch_optim_sgd() -> None:
    gen = torch.Generator().manual_seed(1)
    p0 = torch.randn(3, 5, 4, generator=gen, dtype=torch.float64)
    lr, mom, wd = torch.tensor([0.1, 0.05, 0.3]), torch.tensor([0.9, 0.0, 0.5]), torch.tensor([0.0, 0.01, 1e-3])
    p, buf = p0.clone(), torch.zeros_like(p0)
    refs = [torch.nn.Parameter(p0[i].clone()) for i in range(3)]
    opts = [torch.optim.SGD([refs[i]], lr=float(lr[i]), momentum=float(mom[i]), weight_decay=float(wd[i]))
            for i in range(3)]
    for _ in range(4):
        g = torch.randn(p0.shape, generator=gen, dtype=torch.float64)
        p, buf = bs.sgd_step(p, g, buf, lr.double().view(-1, 1, 1), mom.double().view(-1, 1, 1),
                             wd.double().view(-1, 1, 1))
        for i in range(3):
            refs[i].grad = g[i].clone()
            opts[i].step()
    for i in range(3):
        torch.testing.assert_close(p[i], refs[i].detach(), rtol=0, atol=1e-15)


def test_micro_schedule_updates_once_per_batch() -> None:
    sch = bs.micro_schedule([4, 32, 100, 256], 256, CPU, torch.float64)
    assert sch.size == 4  # gcd(4, 32, 100, 256)
    assert sch.update.sum(dim=0).tolist() == [64, 8, 3, 1]  # ceil(256 / B) steps per epoch
    # the last batch of B=100 holds 56 rows: its micro-batches are scaled by 1/56
    assert float(sch.scale[-1, 2]) == pytest.approx(1 / 56) and float(sch.scale[0, 2]) == pytest.approx(1 / 100)


@pytest.mark.parametrize("dtype, atol", [(torch.float64, 1e-12), (torch.float32, 2e-5)])
def test_batched_configs_equal_the_same_configs_trained_alone(dtype: torch.dtype, atol: float) -> None:
    rng = np.random.default_rng(7)
    n = 12
    cfg = {"lr": np.geomspace(1e-3, 0.5, n)[rng.permutation(n)].tolist(),
           "batch_size": rng.choice([4, 8, 12, 32, 100, 256], size=n).tolist(),
           "momentum": rng.choice([0.0, 0.5, 0.9], size=n).tolist(),
           "weight_decay": rng.choice([0.0, 1e-3, 1e-2], size=n).tolist()}
    prob = bs.make_problem(16, 3, np.random.default_rng(0), torch.Generator().manual_seed(0), CPU, dtype)
    sweep = bs.BatchedMLPSweep(prob.init, cfg["lr"], cfg["batch_size"], cfg["momentum"], cfg["weight_decay"])
    for order in prob.orders:
        sweep.train_epoch(prob.X, prob.y, order)
    assert sweep.schedule.size == 4
    for i in rng.choice(n, size=5, replace=False).tolist():  # K random configurations
        alone = bs.train_alone(prob.X, prob.y, prob.init, prob.orders, cfg["lr"][i], int(cfg["batch_size"][i]),
                               cfg["momentum"][i], cfg["weight_decay"][i])
        got = sweep.config_params(i)
        for name, p in alone.named_parameters():
            torch.testing.assert_close(got[name], p.detach(), rtol=0, atol=atol)


def test_heatmap_cells_equal_the_configs_trained_alone() -> None:
    overrides = {"n_lr": 5, "n_axis2": 3, "epochs": 2, "hidden": 8, "lr_max": 1.0}
    r = run_demo("batched-sweep", overrides, device="cpu")
    params = get_spec("batched-sweep").resolve(overrides)
    axes, _ = bs.sweep_axes(params)
    assert axes.values == [4.0, 32.0, 256.0]
    cfg = bs._configs(axes, params)
    prob = bs.make_problem(8, 2, np.random.default_rng(0), torch.Generator().manual_seed(0), CPU)
    z = r.series_named("_final loss").z
    assert z is not None and len(z) == 3 and len(z[0]) == 5
    for row, col in ((0, 0), (1, 3), (2, 4), (0, 2)):
        i = row * 5 + col
        model = bs.train_alone(prob.X, prob.y, prob.init, prob.orders, cfg["lr"][i], cfg["batch_size"][i],
                               cfg["momentum"][i], cfg["weight_decay"][i])
        with torch.no_grad():
            loss = float(F.binary_cross_entropy_with_logits(model(prob.X).squeeze(1), prob.y))
        assert z[row][col] == pytest.approx(loss, rel=1e-5)
    assert r.metrics["configs"] == 15 and r.metrics["micro_batch"] == 4


def test_diverged_configs_are_blank_and_do_not_touch_the_others() -> None:
    overrides = {"axis2": "momentum", "n_lr": 4, "n_axis2": 2, "lr_min": 0.05, "lr_max": 10.0, "epochs": 3,
                 "hidden": 32, "batch_size": 4}
    r = run_demo("batched-sweep", overrides, device="cpu")
    z = np.array(r.series_named("_final loss").z, dtype=float)
    assert r.metrics["diverged_configs"] == int(np.isnan(z).sum()) > 0
    assert r.metrics["diverged"] is False  # the demo itself ran fine
    params = get_spec("batched-sweep").resolve(overrides)
    axes, _ = bs.sweep_axes(params)
    cfg = bs._configs(axes, params)
    prob = bs.make_problem(32, 3, np.random.default_rng(0), torch.Generator().manual_seed(0), CPU)
    for row, col in ((0, 0), (0, 2), (1, 0)):  # finite cells, next to diverged ones in the same batch
        i = row * 4 + col
        assert math.isfinite(z[row][col])
        model = bs.train_alone(prob.X, prob.y, prob.init, prob.orders, cfg["lr"][i], 4, cfg["momentum"][i], 0.0)
        with torch.no_grad():
            loss = float(F.binary_cross_entropy_with_logits(model(prob.X).squeeze(1), prob.y))
        assert z[row][col] == pytest.approx(loss, rel=1e-5)


def test_batched_sweep_reads_a_reversed_lr_range_as_a_range() -> None:
    quick = {"n_lr": 3, "n_axis2": 2, "epochs": 1, "hidden": 4}
    r = run_demo("batched-sweep", {**quick, "lr_min": 0.5, "lr_max": 0.02}, device="cpu")
    assert any("swept 0.02 … 0.5" in m for m in r.messages)
    assert r.series_named("best lr per row").panel == "heatmap"
    one = run_demo("batched-sweep", {**quick, "lr_min": 0.1, "lr_max": 0.1}, device="cpu")
    assert one.metrics["configs"] == 2 and any("one learning rate" in m for m in one.messages)
    with pytest.raises(ParamError) as err:  # a single value out of range is still refused, by name
        run_demo("batched-sweep", {"lr_max": 100.0}, device="cpu")
    assert err.value.param == "lr_max"


def test_same_seed_same_numbers() -> None:
    for demo, overrides in (("batched-sweep", {"n_lr": 4, "n_axis2": 2, "epochs": 2}),
                            ("hyperband", {"max_epochs": 4, "n_trials": 6}),
                            ("bayesian-optimization", {"budget": 6})):
        a, b = run_demo(demo, overrides, device="cpu"), run_demo(demo, overrides, device="cpu")
        assert a.to_dict() == b.to_dict()


def test_bench_sweep_runs_and_reports_the_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    from quizapp.devtools.bench import sweep

    threads = torch.get_num_threads()
    try:
        assert sweep.main(["--configs", "32", "--epochs", "1", "--loop-sample", "2", "--repeats", "1"]) == 0
    finally:
        torch.set_num_threads(threads)
    out = capsys.readouterr().out
    assert "speed-up:" in out and "extrapolated" in out


@cuda
def test_batched_sweep_on_cuda_equals_alone_on_cuda() -> None:
    dev = torch.device("cuda")
    prob = bs.make_problem(16, 2, np.random.default_rng(0), torch.Generator(device=dev).manual_seed(0), dev,
                           torch.float64)
    cfg = {"lr": [0.05, 0.2, 0.01], "batch_size": [4, 32, 100], "momentum": [0.9, 0.0, 0.5],
           "weight_decay": [0.0, 1e-3, 0.0]}
    sweep = bs.BatchedMLPSweep(prob.init, cfg["lr"], cfg["batch_size"], cfg["momentum"], cfg["weight_decay"])
    for order in prob.orders:
        sweep.train_epoch(prob.X, prob.y, order)
    for i in range(3):
        alone = bs.train_alone(prob.X, prob.y, prob.init, prob.orders, cfg["lr"][i], cfg["batch_size"][i],
                               cfg["momentum"][i], cfg["weight_decay"][i])
        got = sweep.config_params(i)
        for name, p in alone.named_parameters():
            torch.testing.assert_close(got[name], p.detach(), rtol=0, atol=1e-10)


@cuda
@pytest.mark.parametrize("demo", ["grid-vs-random", "bayesian-optimization", "hyperband", "architecture-search",
                                  "batched-sweep"])
def test_demos_run_on_cuda(demo: str) -> None:
    quick = {"hyperband": {"max_epochs": 4, "n_trials": 6}, "architecture-search": {"n_trials": 5, "steps": 20},
             "batched-sweep": {"n_lr": 4, "n_axis2": 2, "epochs": 1}, "bayesian-optimization": {"budget": 5}}
    r = run_demo(demo, quick.get(demo, {}), device="cuda")
    assert r.device == "cuda" and r.metrics["diverged"] is False
