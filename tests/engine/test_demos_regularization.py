"""Section 7.7 demos: each catalogue fact checked with numbers against a closed form or against
torch itself on the same inputs (l1-vs-l2, weight-decay, early-stopping, dropout,
dropout-bn-variance-shift)."""
from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest
import torch
from torch import nn

from quizapp.engine.demos.dropout_bn_variance_shift import compute as shift
from quizapp.engine.demos.early_stopping import compute as es
from quizapp.engine.demos.l1_vs_l2 import compute as l1_vs_l2
from quizapp.engine.registry import get_spec
from quizapp.engine.result import DemoResult, Frame
from quizapp.engine.runner import run_demo, stream_demo

DEMO_IDS = ["l1-vs-l2", "weight-decay", "early-stopping", "dropout", "dropout-bn-variance-shift"]
SPECS = [get_spec(d) for d in DEMO_IDS]
cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU on this machine")


def run(demo_id: str, device: str = "cpu", **params) -> DemoResult:
    return run_demo(demo_id, params, device=device)


def frames_and_result(demo_id: str, **params) -> tuple[list[Frame], DemoResult]:
    items = list(stream_demo(demo_id, params, device="cpu"))
    assert isinstance(items[-1], DemoResult)
    return items[:-1], items[-1]  # type: ignore[return-value]


# ----------------------------------------------------------------------------------- specs


def test_specs_are_bilingual_and_registered() -> None:
    assert DEMO_IDS == ["l1-vs-l2", "weight-decay", "early-stopping", "dropout", "dropout-bn-variance-shift"]
    for spec in SPECS:
        assert get_spec(spec.id) is spec and spec.section == "7.7"
        assert spec.title_en and spec.title_zh and spec.summary_en and spec.summary_zh
        for p in spec.params:
            assert p.label_en and p.label_zh, (spec.id, p.name)
    # the dropout sliders say which p they are
    for demo_id in ("dropout", "dropout-bn-variance-shift"):
        p = get_spec(demo_id).param("p_drop")
        assert p.label_en == "Drop probability p (PyTorch)" and "丢弃概率" in p.label_zh


# ----------------------------------------------------------------------------------- l1-vs-l2


def test_soft_threshold_equals_torch_softshrink() -> None:
    g = torch.Generator().manual_seed(3)
    z = torch.randn(7, 40, dtype=torch.float64, generator=g)
    for t in (0.0, 0.1, 0.5, 2.0):
        assert torch.equal(l1_vs_l2.soft_threshold(z, t), nn.functional.softshrink(z, t))
    # per-row thresholds (the batched λ path) equal softshrink row by row
    ts = torch.tensor([0.0, 0.05, 0.1, 0.3, 0.7, 1.0, 1.5], dtype=torch.float64)
    batched = l1_vs_l2.soft_threshold(z, ts[:, None])
    for i, t in enumerate(ts.tolist()):
        assert torch.equal(batched[i], nn.functional.softshrink(z[i], t))


@pytest.mark.parametrize("lam", [0.03, 0.1, 0.3, 1.0])
def test_orthonormal_lasso_zero_count_is_closed_form(lam: float) -> None:
    spec = get_spec("l1-vs-l2")
    params = spec.resolve({"lam": lam, "iterations": 200})
    X, y, _ = l1_vs_l2.make_problem(params, np.random.default_rng(params["seed"]))
    n = X.shape[0]
    np.testing.assert_allclose(X.T @ X / n, np.eye(X.shape[1]), atol=1e-12)
    w_ols = X.T @ y / n  # XᵀX/n = I
    expected_zeros = int((np.abs(w_ols) <= lam).sum())
    lasso = np.sign(w_ols) * np.maximum(np.abs(w_ols) - lam, 0.0)  # closed-form lasso S_λ(w_ols)

    r = run("l1-vs-l2", lam=lam, iterations=200)
    m = r.metrics
    assert m["lasso_zeros_closed_form"] == expected_zeros
    assert m["lasso_zeros_ista"] == expected_zeros  # ISTA hits exactly that many exact zeros
    assert m["lasso_zeros_converged"] == expected_zeros
    assert m["lasso_zeros_subgradient"] == 0  # subgradient descent: not a single exact zero
    assert m["subgradient_min_abs_coef"] > 0
    np.testing.assert_allclose(r.series_named("lasso").y, lasso, atol=1e-12)
    assert m["lambda_max"] == pytest.approx(np.abs(w_ols).max(), rel=1e-12)


def test_default_run_numbers() -> None:
    m = run("l1-vs-l2").metrics
    # seed 0: 12 features, 4 true non-zeros; λ = 0.1 zeroes exactly the 8 true zeros
    assert (m["true_zeros"], m["lasso_zeros_closed_form"], m["lasso_zeros_ista"]) == (8, 8, 8)
    assert m["lasso_zeros_subgradient"] == 0 and m["ridge_zeros"] == 0
    assert m["lasso_vs_soft_threshold_max_diff"] < 1e-12


def test_ridge_closed_form_matches_iterative_sgd_weight_decay() -> None:
    lam = 0.2
    spec = get_spec("l1-vs-l2")
    params = spec.resolve({"lam": lam})
    X, y, _ = l1_vs_l2.make_problem(params, np.random.default_rng(params["seed"]))
    w_ols = X.T @ y / X.shape[0]
    r = run("l1-vs-l2", lam=lam)
    # orthonormal design: ridge = w_ols / (1 + λ), never exactly zero
    np.testing.assert_allclose(r.series_named("ridge").y, w_ols / (1 + lam), atol=1e-12)
    assert r.metrics["ridge_zeros"] == 0
    assert r.metrics["ridge_closed_vs_iterative_max_diff"] < 1e-10
    # and a correlated design, where the closed form is a linear solve
    rc = run("l1-vs-l2", lam=lam, design="correlated", correlation=0.8)
    assert rc.metrics["ridge_closed_vs_iterative_max_diff"] < 1e-10


def test_correlated_lasso_satisfies_kkt_and_ista_reaches_it() -> None:
    m = run("l1-vs-l2", design="correlated", correlation=0.6, iterations=3000, step_scale=1.0).metrics
    assert m["lasso_kkt_violation"] < 1e-8
    assert m["lasso_zeros_ista"] == m["lasso_zeros_converged"] > 0
    assert m["ista_vs_converged_max_diff"] < 1e-6
    assert m["lasso_zeros_subgradient"] == 0
    assert "lasso_zeros_closed_form" not in m  # only the orthonormal design has one


def test_l1_user_errors_become_messages() -> None:
    r = run("l1-vs-l2", n_features=5, n_nonzero=9)
    assert r.metrics["true_zeros"] == 0
    assert any("n_nonzero=9" in msg for msg in r.messages)


# ----------------------------------------------------------------------------------- weight-decay


def _tiny_model(seed: int) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1)).double()


def _train(model: nn.Module, opt: torch.optim.Optimizer, lam_in_loss: float, X, y, steps: int) -> list[torch.Tensor]:
    path = []
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(X), y)
        if lam_in_loss:
            loss = loss + lam_in_loss * 0.5 * sum((p * p).sum() for p in model.parameters())
        loss.backward()
        opt.step()
        path.append(nn.utils.parameters_to_vector(model.parameters()).detach().clone())
    return path


def test_sgd_l2_penalty_equals_sgd_weight_decay_float64() -> None:
    g = torch.Generator().manual_seed(1)
    X, y = torch.randn(32, 3, generator=g, dtype=torch.float64), torch.randn(32, 1, generator=g, dtype=torch.float64)
    lam, lr = 0.05, 0.1
    a, b = _tiny_model(0), _tiny_model(0)
    pa = _train(a, torch.optim.SGD(a.parameters(), lr=lr), lam, X, y, 50)
    pb = _train(b, torch.optim.SGD(b.parameters(), lr=lr, weight_decay=lam), 0.0, X, y, 50)
    for ta, tb in zip(pa, pb):
        torch.testing.assert_close(ta, tb, rtol=0, atol=1e-13)
    # torch's Adam(weight_decay) is the coupled L2 penalty too ...
    c, d = _tiny_model(0), _tiny_model(0)
    pc = _train(c, torch.optim.Adam(c.parameters(), lr=0.01), lam, X, y, 50)
    pd = _train(d, torch.optim.Adam(d.parameters(), lr=0.01, weight_decay=lam), 0.0, X, y, 50)
    torch.testing.assert_close(pc[-1], pd[-1], rtol=0, atol=1e-12)
    # ... and AdamW is not
    e = _tiny_model(0)
    pe = _train(e, torch.optim.AdamW(e.parameters(), lr=0.01, weight_decay=lam), 0.0, X, y, 50)
    assert float((pe[-1] - pc[-1]).norm()) > 1e-3


def test_first_adam_step_closed_forms_show_why_they_differ() -> None:
    """Step 1 of Adam is lr·sign-like: m̂/√v̂ = g/|g|. With L2 in the loss, g includes λθ and the
    decay is normalized away; AdamW subtracts lr·λ·θ on top of the normalized step."""
    g = torch.Generator().manual_seed(2)
    X, y = torch.randn(16, 3, generator=g, dtype=torch.float64), torch.randn(16, 1, generator=g, dtype=torch.float64)
    lam, lr, eps = 0.3, 0.01, 1e-8
    base = _tiny_model(5)
    theta0 = nn.utils.parameters_to_vector(base.parameters()).detach().clone()
    probe = copy.deepcopy(base)
    nn.functional.mse_loss(probe(X), y).backward()
    grad = torch.cat([p.grad.reshape(-1) for p in probe.parameters()])

    adam = copy.deepcopy(base)
    (theta_adam,) = _train(adam, torch.optim.Adam(adam.parameters(), lr=lr, eps=eps), lam, X, y, 1)
    g_l2 = grad + lam * theta0
    torch.testing.assert_close(theta_adam, theta0 - lr * g_l2 / (g_l2.abs() + eps), rtol=0, atol=1e-12)

    adamw = copy.deepcopy(base)
    (theta_w,) = _train(adamw, torch.optim.AdamW(adamw.parameters(), lr=lr, weight_decay=lam, eps=eps), 0.0, X, y, 1)
    torch.testing.assert_close(theta_w, theta0 * (1 - lr * lam) - lr * grad / (grad.abs() + eps), rtol=0, atol=1e-12)


def test_weight_decay_demo_equal_for_sgd_different_for_adam() -> None:
    frames, r = frames_and_result("weight-decay", steps=120)
    m = r.metrics
    assert m["steps_run"] == 120 and not m["diverged"]
    # SGD pair: float32 round-off only (ε·‖θ‖ ≈ 6e-7), relative to weights of norm ≈ 5
    assert m["sgd_l2_vs_weight_decay_max_abs_diff"] < 1e-5
    assert m["final_norm_sgd_l2"] == pytest.approx(m["final_norm_sgd_weight_decay"], rel=1e-5)
    assert m["final_loss_sgd_l2"] == pytest.approx(m["final_loss_sgd_weight_decay"], rel=1e-5)
    # Adam pair: a different trajectory, at the scale of the weights themselves
    assert m["adam_l2_vs_adamw_relative_distance"] > 0.1
    assert abs(m["final_norm_adam_l2"] - m["final_norm_adamw"]) > 0.1
    # curves drawn: loss, parameter norm, distance between the pairs
    assert len(r.series_named("SGD(weight_decay)").y) == 120
    assert len(r.series_named("_AdamW(weight_decay) norm").y) == 120
    assert frames and frames[0].progress == 0.0
    assert [s.name for s in frames[0].series] == [s.name for s in r.series if s.kind != "hline"]


# ----------------------------------------------------------------------------------- early-stopping


def test_early_stopper_rule_on_a_known_sequence() -> None:
    model = nn.Linear(1, 1, bias=False)
    stopper = es.EarlyStopper(patience=3)
    vals = [5.0, 4.0, 3.0, 3.5, 2.9, 3.1, 3.0, 2.95, 2.0]
    stop_at = None
    for epoch, v in enumerate(vals):
        with torch.no_grad():
            model.weight.fill_(float(epoch))  # so the stored state tells which epoch it came from
        if stopper.update(epoch, v, model) and stop_at is None:
            stop_at = epoch
            break
    # best 2.9 at epoch 4; epochs 5, 6, 7 do not improve; stop at 4 + 3 = 7 (2.0 at 8 is never seen)
    assert (stopper.best_epoch, stop_at, stopper.stop_epoch) == (4, 7, 7)
    assert stopper.best_loss == 2.9
    assert stopper.best_state is not None and float(stopper.best_state["weight"]) == 4.0


@pytest.mark.parametrize("keep_going", [True, False])
def test_stops_at_validation_minimum_within_patience(keep_going: bool) -> None:
    patience = 40
    r = run("early-stopping", patience=patience, max_epochs=700, hidden=64, continue_after_stop=keep_going)
    m = r.metrics
    val = np.array(r.series_named("validation").y)  # epochs 0 .. stop
    assert m["stopped_early"]
    assert len(val) == m["stop_epoch"] + 1
    assert m["best_epoch"] == int(np.argmin(val))  # the best epoch is the argmin up to the stop
    assert m["stop_epoch"] == m["best_epoch"] + patience
    assert np.all(val[m["best_epoch"] + 1:] >= val[m["best_epoch"]])
    assert m["best_val_loss"] == val[m["best_epoch"]]
    assert m["restored_val_loss"] == m["best_val_loss"]  # the restored weights are the best epoch's
    after = r.series_named("validation, kept going").y
    if keep_going:
        assert m["epochs_trained"] == 700 and len(after) == 700 - m["stop_epoch"] + 1
        assert m["val_loss_without_early_stopping"] == after[-1]
    else:
        assert m["epochs_trained"] == m["stop_epoch"] and after == []


def test_default_early_stopping_numbers() -> None:
    m = run("early-stopping").metrics
    # seed 0 (on this machine: best 576, stop 676): a clear minimum well inside the run, then
    # overfitting (validation loss 0.118 -> 0.30 by epoch 2000)
    assert 200 < m["best_epoch"] < 2000 - 100 and m["stop_epoch"] == m["best_epoch"] + 100
    assert m["val_loss_without_early_stopping"] > 2 * m["best_val_loss"]
    assert m["train_loss_at_best"] < m["best_val_loss"]


def test_max_epochs_before_patience_is_reported() -> None:
    r = run("early-stopping", patience=300, max_epochs=120, hidden=32)
    m = r.metrics
    val = r.series_named("validation").y
    assert not m["stopped_early"] and m["stop_epoch"] == 120 and len(val) == 121
    assert m["best_epoch"] == int(np.argmin(val))
    assert m["restored_val_loss"] == m["best_val_loss"]
    assert any("max_epochs" in msg for msg in r.messages)


# ----------------------------------------------------------------------------------- dropout


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 0.8])
def test_nn_dropout_keeps_x_over_1_minus_p_exactly(dtype: torch.dtype, p: float) -> None:
    x = torch.randn(50_000, generator=torch.Generator().manual_seed(0), dtype=dtype)
    out = nn.Dropout(p).train()(x)
    kept = out != 0
    scale = torch.tensor(1.0 / (1.0 - p), dtype=dtype)
    assert torch.equal(out[kept], x[kept] * scale)  # bit for bit: kept units are x·(1/(1−p))
    # p is the DROP probability: the kept fraction is 1 − p within 5 binomial standard errors
    assert abs(float(kept.double().mean()) - (1 - p)) < 5 * math.sqrt(p * (1 - p) / x.numel())
    assert torch.equal(nn.Dropout(p).eval()(x), x)


@pytest.mark.parametrize("p", [0.2, 0.5, 0.7])
def test_dropout_mean_preserved_variance_not(p: float) -> None:
    M = 100_000
    x = torch.tensor([-1.5, -0.4, 0.3, 1.0, 2.5], dtype=torch.float64)
    torch.manual_seed(11)
    out = nn.Dropout(p).train()(x.expand(M, -1))
    theory_var = x**2 * p / (1 - p)
    # mean: |mean − x| within 5 standard errors √(Var/M) (CLT)
    assert torch.all((out.mean(0) - x).abs() < 5 * (theory_var / M).sqrt())
    # variance: p/(1−p)·x², within 5 standard errors of the sample variance,
    # Var(s²)/σ⁴ = (κ − 1)/M + 2/(M(M − 1)) with κ the kurtosis of a Bernoulli(q)
    q = 1 - p
    kurt = (1 - 3 * p * q) / (p * q)
    rel_se = math.sqrt((kurt - 1) / M + 2 / (M * (M - 1)))
    torch.testing.assert_close(out.var(0), theory_var, rtol=5 * rel_se, atol=0)


def test_dropout_demo_metrics_and_p_semantics() -> None:
    r = run("dropout", p_drop=0.3, steps=150, n_masks=20_000)
    m = r.metrics
    assert m["p_drop"] == 0.3 and m["keep_probability_notes"] == pytest.approx(0.7)
    assert m["kept_scale_theory"] == pytest.approx(1 / 0.7)
    assert m["kept_units_exactly_scaled"] and m["eval_is_identity"]
    assert abs(m["kept_fraction"] - 0.7) < 5 * math.sqrt(0.21 / (20_000 * 16))
    assert m["mean_max_z_score"] < 5  # 16 units, each |z| < 5
    assert m["var_max_rel_error"] < 0.05  # 5 s.e. of a sample variance at M = 20 000 is 3.1 %
    assert m["mc_std_on_data"] > 0.01
    assert any("DROP probability" in msg for msg in r.messages)
    # the one-mask bars: each train output is 0 or x/(1−p)
    x = np.array(r.series_named("input x = eval output").y)
    one = np.array(r.series_named("train output (one mask)").y)
    assert np.all((one == 0) | np.isclose(one, x / 0.7, rtol=1e-15, atol=0))


def test_mc_dropout_without_dropout_has_no_spread_and_same_seed_same_numbers() -> None:
    r0 = run("dropout", p_drop=0.0, steps=60, n_masks=200)
    assert r0.metrics["mc_std_on_data"] == 0.0
    assert r0.metrics["mc_mean_vs_eval_rms"] < 1e-6  # equal up to float32 rounding of a batched pass
    a = run("dropout", steps=80, n_masks=500, mc_samples=20)
    b = run("dropout", steps=80, n_masks=500, mc_samples=20)
    assert a.metrics == b.metrics  # frame previews do not disturb the training RNG
    assert a.series_named("MC mean").y == b.series_named("MC mean").y


# ----------------------------------------------------------------------------------- variance shift


@pytest.mark.parametrize(("p", "c", "v"), [(0.5, 1.0, 1.0), (0.2, 0.0, 1.0), (0.7, -2.0, 0.5), (0.1, 3.0, 4.0)])
def test_variance_shift_ratio_matches_li_et_al(p: float, c: float, v: float) -> None:
    q = 1 - p
    expected = v / ((c * c + v) / q - c * c)
    assert shift.dropout_ratio_theory(p, c, v) == pytest.approx(expected, rel=1e-15)
    m = run("dropout-bn-variance-shift", p_drop=p, mean=c, variance=v, n_samples=200_000).metrics
    # the MC ratio of two sample variances of 2e5 draws: within 3 % (several standard errors)
    assert m["ratio_dropout_mc"] == pytest.approx(expected, rel=0.03)
    assert m["var_train_dropout_mc"] == pytest.approx((c * c + v) / q - c * c, rel=0.03)
    assert m["mean_train_dropout_mc"] == pytest.approx(c, abs=5 * math.sqrt(((c * c + v) / q - c * c) / 200_000))
    # BN learned Var_train; on clean test inputs its output variance is the ratio, not 1
    assert m["bn_train_output_var"] == pytest.approx(1.0, rel=0.01)
    assert m["bn_test_output_var_dropout"] == pytest.approx(expected, rel=0.04)


def test_uout_formula_and_its_smaller_shift() -> None:
    c, v, beta, p = 1.0, 1.0, 0.1, 0.5
    m = run("dropout-bn-variance-shift", p_drop=p, beta=beta, n_samples=200_000).metrics
    expected = v / (v + (c * c + v) * beta**2 / 3)
    assert m["ratio_uout_theory"] == pytest.approx(expected, rel=1e-15)  # 0.99338
    assert m["ratio_uout_mc"] == pytest.approx(expected, rel=0.02)
    assert m["ratio_dropout_theory"] == pytest.approx(1 / 3)
    # Uout's shift is far smaller than dropout's at these usual settings ...
    assert abs(1 - m["ratio_uout_mc"]) < 0.05 * abs(1 - m["ratio_dropout_mc"])
    assert m["bn_test_output_var_uout"] == pytest.approx(expected, rel=0.04)
    # ... because its noise is gentler: at equal noise variance β²/3 = p/(1−p) the shifts coincide
    for pp in (0.1, 0.3, 0.5):
        b = math.sqrt(3 * pp / (1 - pp))
        dropout_ratio = shift.dropout_ratio_theory(pp, 0.7, 1.3)
        assert shift.uout_ratio_theory(b, 0.7, 1.3) == pytest.approx(dropout_ratio, rel=1e-12)


def test_uout_is_x_times_one_plus_uniform_noise() -> None:
    x = torch.randn(200_000, dtype=torch.float64, generator=torch.Generator().manual_seed(4))
    beta = 0.4
    y = shift.uout(x, beta, torch.Generator().manual_seed(9))
    r = torch.rand(x.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(9)) * 2 * beta - beta
    torch.testing.assert_close(y, x * (1 + r), rtol=1e-15, atol=0)
    assert float(r.abs().max()) <= beta
    assert float(r.var()) == pytest.approx(beta**2 / 3, rel=0.02)


# ----------------------------------------------------------------------------------- all demos


FAST = {
    "l1-vs-l2": {"iterations": 50},
    "weight-decay": {"steps": 30},
    "early-stopping": {"max_epochs": 80, "patience": 10, "hidden": 16},
    "dropout": {"steps": 30, "n_masks": 200, "mc_samples": 10},
    "dropout-bn-variance-shift": {"n_samples": 5000},
}


@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_results_are_plain_json_and_deterministic(demo_id: str) -> None:
    a, b = run(demo_id, **FAST[demo_id]), run(demo_id, **FAST[demo_id])
    text = json.dumps(a.to_dict(), allow_nan=False)
    assert text == json.dumps(b.to_dict(), allow_nan=False)  # same seed, same numbers
    assert not a.metrics["diverged"]
    panels = {p.id for p in a.panels}
    assert all(s.panel in panels for s in a.series)
    for p in a.panels:
        assert p.title_en and p.title_zh and p.xlabel and p.ylabel


@pytest.mark.parametrize("demo_id", ["weight-decay", "early-stopping", "dropout"])
def test_streamed_frames_keep_the_final_layout(demo_id: str) -> None:
    frames, result = frames_and_result(demo_id, **FAST[demo_id])
    assert frames and frames[0].progress == 0.0
    final_names = {s.name for s in result.series}
    for f in frames:
        assert [p.id for p in f.panels] == [p.id for p in result.panels]
        assert {s.name for s in f.series} <= final_names


@pytest.mark.parametrize("demo_id", DEMO_IDS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_draw_in_both_languages(demo_id: str, lang: str) -> None:
    from quizapp.plots.demo_figure import DemoFigure

    result = run(demo_id, **FAST[demo_id])
    fig = DemoFigure(spec=get_spec(demo_id), lang=lang)
    fig.draw(result)
    assert set(fig.axes) == {p.id for p in result.panels}
    for ax in fig.axes.values():
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


@cuda
@pytest.mark.parametrize("demo_id", DEMO_IDS)
def test_runs_on_cuda(demo_id: str) -> None:
    r = run(demo_id, device="cuda", **FAST[demo_id])
    assert r.device == "cuda" and not r.metrics["diverged"]
