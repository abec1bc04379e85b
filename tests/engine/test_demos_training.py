"""Training demos (engine II-a): toy data, the MLP helper, LR schedules, initialization and
normalization. Each catalogue fact is checked with numbers against a closed form or against
torch's own modules on the same inputs."""
from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
import torch
from torch import nn
from torch.optim import lr_scheduler as sch

from quizapp.engine.demos.batchnorm_rnn import compute as batchnorm_rnn
from quizapp.engine.demos.bn_vs_ln import compute as bn_vs_ln
from quizapp.engine.demos.covariate_shift import compute as covariate_shift
from quizapp.engine.demos.init_signal_propagation import (
    compute as init_signal_propagation,
)
from quizapp.engine.demos.lr_cyclic import compute as lr_cyclic
from quizapp.engine.demos.lr_schedules import compute as lr_schedules
from quizapp.engine.mlp import build_mlp, reset_default, toy_problem, train_steps
from quizapp.engine.registry import get_spec
from quizapp.engine.result import DemoResult, Frame
from quizapp.engine.runner import run_demo, stream_demo
from quizapp.engine.schedule_race import ScheduleRace, lr_curve
from quizapp.engine.toydata import make_moons, make_spirals

DEMOS = ("lr-schedules", "lr-warmup", "lr-cyclic", "init-signal-propagation", "covariate-shift",
         "batchnorm-train-eval", "batchnorm-rnn", "bn-vs-ln")
# small settings so that the generic checks stay fast
QUICK = {
    "lr-schedules": {"steps": 40},
    "lr-warmup": {"steps": 40, "warmup_steps": 8},
    "lr-cyclic": {"steps": 40, "T_0": 5, "step_size_up": 5},
    "init-signal-propagation": {"depth": 6, "width": 32, "batch": 64},
    "covariate-shift": {"steps": 30},
    "batchnorm-train-eval": {"batches": 20},
    "batchnorm-rnn": {"repeats": 20, "max_len": 20},
    "bn-vs-ln": {"max_batch": 8, "draws": 10, "steps": 20},
}


@pytest.fixture(autouse=True)
def _one_torch_thread():
    """Like the runner: tiny tensors gain nothing from intra-op threads, and on a busy CPU their
    spin-waits slow the tests that drive torch directly several-fold."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def lr_series(result: DemoResult, name: str) -> list[float]:
    s = result.series_named(name)
    assert s.panel == "lr" and s.x == list(range(len(s.y)))
    return s.y


# ------------------------------------------------------------------------ toy data and MLP


@pytest.mark.parametrize("make", [lambda n, rng: make_moons(n, 0.1, rng),
                                  lambda n, rng: make_spirals(n, 0.05, 1.5, rng)])
def test_toydata_is_seeded_standardized_and_balanced(make):
    X, y = make(301, np.random.default_rng(5))
    X2, y2 = make(301, np.random.default_rng(5))
    X3, _ = make(301, np.random.default_rng(6))
    assert X.shape == (301, 2) and X.dtype == np.float32 and y.dtype == np.int64
    assert np.array_equal(X, X2) and np.array_equal(y, y2) and not np.array_equal(X, X3)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(X.std(axis=0), 1.0, atol=1e-5)
    assert sorted(np.bincount(y).tolist()) == [150, 151]


def test_moons_without_noise_lie_on_two_unit_half_circles():
    X, y = make_moons(200, 0.0, np.random.default_rng(0))
    # undo the standardization with the raw set's known moments (same n, no noise)
    t = np.linspace(0, np.pi, 100)
    raw = np.concatenate([np.stack([np.cos(t), np.sin(t)], 1), np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)])
    Xr = X * raw.std(axis=0) + raw.mean(axis=0)
    centres = np.where(y[:, None] == 0, [0.0, 0.0], [1.0, 0.5])
    np.testing.assert_allclose(np.linalg.norm(Xr - centres, axis=1), 1.0, atol=1e-5)


def test_reset_default_is_nn_linear_own_init_drawn_from_a_generator():
    a, b = nn.Linear(37, 11), nn.Linear(37, 11)
    torch.manual_seed(123)
    a.reset_parameters()  # the library's init, from the global generator seeded 123
    reset_default(b, torch.Generator().manual_seed(123))
    assert torch.equal(a.weight, b.weight) and torch.equal(a.bias, b.bias)


def test_train_steps_reports_the_lr_each_step_used_and_learns():
    X, y = toy_problem("moons", np.random.default_rng(0), torch.device("cpu"))
    g = torch.Generator().manual_seed(0)
    model = build_mlp(2, [16, 16], 2, "relu", generator=g)
    opt = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)
    T = 60
    # OneCycleLR raises if stepped past total_steps: train_steps must not step after the last step
    steps = list(train_steps(model, X, y, opt, T, scheduler=sch.OneCycleLR(opt, max_lr=0.5, total_steps=T),
                             batch_size=32, generator=g))
    ref = sch.OneCycleLR(torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.5), max_lr=0.5, total_steps=T)
    expected = []
    for _ in range(T):
        expected.append(ref.get_last_lr()[0])
        ref.optimizer.step()
        if len(expected) < T:
            ref.step()
    assert [s.lr for s in steps] == pytest.approx(expected, rel=1e-12)
    assert [s.step for s in steps] == list(range(1, T + 1))
    assert np.mean([s.loss for s in steps[-10:]]) < 0.5 * np.mean([s.loss for s in steps[:5]])


def test_build_mlp_inserts_norm_layers_before_activations():
    m = build_mlp(2, [8, 8], 3, "tanh", norm=lambda w: nn.LayerNorm(w))
    kinds = [type(x).__name__ for x in m]
    assert kinds == ["Linear", "LayerNorm", "Tanh", "Linear", "LayerNorm", "Tanh", "Linear"]


# ------------------------------------------------------------------------ lr-schedules


def test_lr_schedules_match_their_closed_forms_at_every_step():
    p = {"steps": 100, "lr": 0.4, "step_size": 30, "step_gamma": 0.5, "exp_gamma": 0.97, "decay_k": 0.05,
         "eta_min": 0.01}
    r = run_demo("lr-schedules", p, device="cpu")
    lr0, T, k = 0.4, 100, 0.05
    t = np.arange(T)
    closed = {
        "constant": np.full(T, lr0),
        "step": lr0 * 0.5 ** (t // 30),
        "multistep": lr0 * 0.5 ** ((t >= 50).astype(int) + (t >= 75).astype(int)),
        "exponential": lr0 * 0.97**t,
        "natural exp": lr0 * np.exp(-k * t),
        "inverse time": lr0 / (1 + k * t),
        "cosine": 0.01 + (lr0 - 0.01) * (1 + np.cos(np.pi * t / T)) / 2,
    }
    for name, expected in closed.items():
        np.testing.assert_allclose(lr_series(r, name), expected, rtol=1e-9, atol=1e-15, err_msg=name)


def test_cosine_with_T_100_is_at_the_midpoint_at_t_50():
    r = run_demo("lr-schedules", {"steps": 100, "lr": 0.3, "eta_min": 0.02}, device="cpu")
    assert lr_series(r, "cosine")[50] == pytest.approx((0.3 + 0.02) / 2, rel=1e-12)
    assert r.metrics["cosine_lr_at_half"] == pytest.approx(0.16, rel=1e-12)


def test_schedule_race_trains_with_exactly_the_plotted_lr():
    p = get_spec("lr-schedules").resolve({"steps": 30})
    factories = lr_schedules.schedules(p)
    X, y = toy_problem("moons", np.random.default_rng(0), torch.device("cpu"))
    race = ScheduleRace(factories, X=X, y=y, lr=p["lr"], steps=30, batch_size=16, width=8, depth=2, seed=0,
                        device=torch.device("cpu"))
    while not race.done:
        race.advance()
    for runner in race.runners:
        assert runner.lrs == pytest.approx(lr_curve(factories[runner.name], p["lr"], 30), rel=1e-12)
    # the runs differ only by schedule: same init, same batches, so 'constant' and a StepLR that
    # has not stepped yet agree exactly until the first decay
    const, step = race.runners[0].losses, race.runners[1].losses
    assert const[: p["step_size"]] == step[: p["step_size"]]


# ------------------------------------------------------------------------ lr-warmup


@pytest.mark.parametrize("decay", ["cosine", "linear", "constant"])
def test_warmup_starts_at_start_factor_lr_and_reaches_lr_at_its_last_step(decay):
    lr, f, W, T = 0.2, 0.05, 10, 60
    r = run_demo("lr-warmup", {"lr": lr, "start_factor": f, "warmup_steps": W, "steps": T, "decay": decay},
                 device="cpu")
    t = np.arange(W + 1)
    linear, expo = lr_series(r, "linear warmup"), lr_series(r, "exponential warmup")
    np.testing.assert_allclose(linear[: W + 1], lr * (f + (1 - f) * t / W), rtol=1e-9)
    np.testing.assert_allclose(expo[: W + 1], lr * f ** (1 - t / W), rtol=1e-9)
    assert linear[0] == pytest.approx(f * lr) and expo[0] == pytest.approx(f * lr)
    assert linear[W] == pytest.approx(lr, rel=1e-12) and expo[W] == pytest.approx(lr, rel=1e-12)
    # after the warmup, both follow the decay over the remaining T − W steps
    u = np.arange(T - W)
    after = {"cosine": lr * (1 + np.cos(np.pi * u / (T - W))) / 2, "linear": lr * (1 - u / (T - W)),
             "constant": np.full(T - W, lr)}[decay]
    np.testing.assert_allclose(linear[W:], after, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(expo[W:], after, rtol=1e-9, atol=1e-15)


def test_warmup_longer_than_the_run_is_clipped_with_a_message():
    r = run_demo("lr-warmup", {"steps": 30, "warmup_steps": 100}, device="cpu")
    assert r.metrics["warmup_steps"] == 29 and any("warmup_steps=100" in msg for msg in r.messages)
    assert lr_series(r, "linear warmup")[29] == pytest.approx(r.params["lr"])


def test_warmup_prevents_the_early_loss_spike_at_a_large_adam_lr():
    m = run_demo("lr-warmup", {}, device="cpu").metrics  # Adam at lr 0.1, 4 hidden layers
    assert m["early_max_loss_no_warmup"] > 5.0  # blows up in the first steps
    assert m["early_max_loss_linear"] < 1.0 and m["early_max_loss_exponential"] < 1.0
    assert m["lr_at_W_linear"] == pytest.approx(0.1) and m["lr_at_t0_linear"] == pytest.approx(0.001)


# ------------------------------------------------------------------------ lr-cyclic


def test_sgdr_T0_10_Tmult_2_restarts_at_10_30_70():
    lo, hi = 0.01, 0.5
    r = run_demo("lr-cyclic", {"steps": 100, "T_0": 10, "T_mult": 2, "base_lr": lo, "max_lr": hi}, device="cpu")
    assert r.metrics["sgdr_restarts"] == [10, 30, 70]
    sgdr = lr_series(r, "SGDR")
    # closed form: cosine from max_lr to eta_min over each period 10, 20, 40
    expected = []
    for period in (10, 20, 40, 80):  # restarts at 0, 10, 30, 70
        expected += [lo + (hi - lo) * (1 + math.cos(math.pi * i / period)) / 2 for i in range(period)]
    np.testing.assert_allclose(sgdr, expected[:100], rtol=1e-9)
    assert all(sgdr[t] == pytest.approx(hi) for t in (0, 10, 30, 70))


def test_triangular_peaks_at_max_lr_at_step_size_up_and_triangular2_halves():
    lo, hi, s = 0.01, 0.5, 20
    r = run_demo("lr-cyclic", {"steps": 120, "step_size_up": s, "base_lr": lo, "max_lr": hi}, device="cpu")
    tri, tri2 = lr_series(r, "triangular"), lr_series(r, "triangular2")
    assert r.metrics["triangular_peak_step"] == s and tri[s] == pytest.approx(hi, rel=1e-12)
    t = np.arange(120)
    x = np.abs(t / s - 2 * np.floor(1 + t / (2 * s)) + 1)
    np.testing.assert_allclose(tri, lo + (hi - lo) * np.maximum(0, 1 - x), rtol=1e-9)
    # triangular2: the k-th cycle's peak (k = 0, 1, 2) is base + (max − base)/2^k
    for k in range(3):
        assert tri2[s + 2 * s * k] == pytest.approx(lo + (hi - lo) / 2**k, rel=1e-9)


def test_one_cycle_starts_at_base_lr_peaks_at_pct_start_and_ends_at_base_over_100():
    lo, hi, T, pct = 0.01, 0.5, 100, 0.3
    r = run_demo("lr-cyclic", {"steps": T, "base_lr": lo, "max_lr": hi, "pct_start": pct}, device="cpu")
    one = lr_series(r, "1cycle")
    assert one[0] == pytest.approx(lo, rel=1e-12)
    assert r.metrics["one_cycle_peak_step"] == round(pct * T) - 1 and max(one) == pytest.approx(hi)
    assert one[-1] == pytest.approx(lo / lr_cyclic.FINAL_DIV, rel=1e-9)


def test_lr_cyclic_rejects_base_above_max():
    from quizapp.engine.errors import ParamError

    with pytest.raises(ParamError) as info:
        run_demo("lr-cyclic", {"base_lr": 0.5, "max_lr": 0.1}, device="cpu")
    assert info.value.param == "base_lr"


# ------------------------------------------------------------------------ init-signal-propagation


def test_he_keeps_relu_scale_over_20_layers_while_xavier_shrinks_it_by_about_2_to_the_minus_10():
    m = run_demo("init-signal-propagation", {"depth": 20, "width": 256, "activation": "relu"}, device="cpu").metrics
    assert 0.5 < m["std_ratio_last_first_he_fan_in"] < 2.0
    assert 0.5 < m["std_ratio_last_first_he_fan_out"] < 2.0
    # each ReLU layer halves E[a²] under Var(W) = 1/n: 19 layers after the first give 2^-9.5
    for scheme in ("xavier_uniform", "xavier_normal"):
        assert 2.0**-11 < m[f"std_ratio_last_first_{scheme}"] < 2.0**-8
    assert m["std_ratio_last_first_normal"] > 1e10 and m["std_ratio_last_first_small"] < 1e-10


def test_normal_init_saturates_tanh_and_xavier_does_not():
    m = run_demo("init-signal-propagation", {"depth": 20, "width": 256, "activation": "tanh"}, device="cpu").metrics
    assert m["saturated_share_last_normal"] > 0.6  # |a| > 0.99 for most units
    assert m["saturated_share_last_xavier_normal"] < 0.01
    assert m["saturated_share_last_he_fan_in"] < 0.05


THEORY = "theory (Xavier): std₁·(g/√2)^(l−1)"


@pytest.mark.parametrize("gain", [0.7, 2**0.5, 1.9])
def test_xavier_relu_theory_line_follows_the_gain(gain):
    """Issue 14: the line ignored the gain (always ×2^(−1/2) per layer). With gain g Xavier on
    square ReLU layers moves the std by g/√2 per layer; at g = √2 the std stays put."""
    depth = 9
    r = run_demo("init-signal-propagation", {"depth": depth, "width": 512, "batch": 512, "activation": "relu",
                                             "init": "xavier_normal", "gain": gain, "seed": 5}, device="cpu")
    theory = np.array(r.series_named(THEORY).y)
    measured = np.array(r.series_named("Xavier normal").y)
    factor = gain / 2**0.5
    np.testing.assert_allclose(theory, measured[0] * factor ** np.arange(depth), rtol=1e-12)
    assert r.metrics["theory_std_factor_per_layer_xavier"] == pytest.approx(factor, rel=1e-12)
    # measured against theory: each layer's ratio scatters by ~1/√512 around g/√2
    assert measured[-1] / measured[0] == pytest.approx(factor ** (depth - 1), rel=0.3)
    if gain == 2**0.5:
        assert np.ptp(theory) < 1e-12 * theory[0] and 0.7 < measured[-1] / measured[0] < 1.4


def test_normal_init_tanh_gradients_grow_toward_the_input():
    """The fact the deck's init cards state (issue 14 item 1): with N(0,1) weights in a wide tanh
    net the gradient grows toward layer 1, by ~3.5× per layer at width 512."""
    depth = 10
    m = run_demo("init-signal-propagation", {"depth": depth, "width": 512, "batch": 256, "activation": "tanh",
                                             "init": "normal", "seed": 2}, device="cpu").metrics
    assert m["grad_ratio_first_to_last"] == m["grad_ratio_first_to_last_normal"] > 1.0
    per_layer = m["grad_ratio_first_to_last_normal"] ** (1 / (depth - 1))
    assert 2.5 < per_layer < 5.0
    # Xavier with tanh keeps it near 1 per layer
    assert 0.5 < m["grad_ratio_first_to_last_xavier_normal"] ** (1 / (depth - 1)) < 1.5


def test_nn_linear_default_is_not_he_its_weight_variance_is_one_third_over_fan_in():
    torch.manual_seed(0)
    layer = nn.Linear(2048, 1024)
    var = float(layer.weight.detach().var())
    assert var * 3 * 2048 == pytest.approx(1.0, rel=0.01)
    assert var / (2 / 2048) == pytest.approx(1 / 6, rel=0.01)  # He would be 6x larger
    # the demo's 'default' scheme is the same distribution
    ours = nn.Linear(2048, 1024)
    init_signal_propagation.init_layer(ours, "default", 1.0, torch.Generator().manual_seed(1))
    assert float(ours.weight.detach().var()) * 3 * 2048 == pytest.approx(1.0, rel=0.01)


@pytest.mark.parametrize("scheme,expected", [
    ("xavier_normal", lambda fi, fo, g: g * g * 2 / (fi + fo)),
    ("xavier_uniform", lambda fi, fo, g: g * g * 2 / (fi + fo)),
    ("he_fan_in", lambda fi, fo, g: 2 / fi),
    ("he_fan_out", lambda fi, fo, g: 2 / fo),
    ("small", lambda fi, fo, g: 1e-4),
    ("normal", lambda fi, fo, g: 1.0),
])
def test_init_schemes_have_their_textbook_variance(scheme, expected):
    fan_in, fan_out, gain = 1500, 700, 5 / 3
    layer = nn.Linear(fan_in, fan_out)
    init_signal_propagation.init_layer(layer, scheme, gain, torch.Generator().manual_seed(0))
    assert float(layer.weight.detach().var()) == pytest.approx(expected(fan_in, fan_out, gain), rel=0.02)
    assert float(layer.bias.detach().abs().max()) == 0.0


# ------------------------------------------------------------------------ covariate-shift


@pytest.mark.parametrize("a,b", [(3.0, -2.0), (0.05, 10.0), (40.0, 0.0)])
@torch.no_grad()
def test_batchnorm_output_is_invariant_to_affine_rescaling_of_its_input(a, b):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(64, 16, generator=g, dtype=torch.float64) * 2 + 1
    bn = nn.BatchNorm1d(16, dtype=torch.float64).train()
    y1, y2 = bn(x), bn(a * x + b)
    # BN(a·x + b) = (x − μ)/sqrt(σ² + eps/a²): the shift cancels, the scale only moves eps
    mu, var = x.mean(0), x.var(0, unbiased=False)
    assert torch.allclose(y2, (x - mu) / torch.sqrt(var + bn.eps / a**2), atol=1e-9)
    # so BN(a·x + b) − BN(x) is the eps term alone: O(eps/σ²), gone as eps → 0
    eps_effect = ((x - mu).abs() * (1 / torch.sqrt(var + bn.eps) - 1 / torch.sqrt(var + bn.eps / a**2)).abs()).max()
    assert float((y1 - y2).detach().abs().max()) <= float(eps_effect) + 1e-12
    assert float(eps_effect) < 1e-5 * max(1.0, 1 / a**2)
    exact = nn.BatchNorm1d(16, eps=1e-30, dtype=torch.float64).train()  # eps must be > 0
    assert torch.allclose(exact(x), exact(a * x + b), atol=1e-10)
    # a negative scale flips the output: the invariance needs a > 0
    assert torch.allclose(bn(-a * x + b), -y2, atol=1e-9)
    # eval mode uses fixed running statistics, so there it is not invariant
    bn.eval()
    assert float((bn(x) - bn(a * x + b)).abs().max()) > 0.5


def test_covariate_shift_demo_drift_is_far_smaller_with_bn():
    m = run_demo("covariate-shift", {}, device="cpu").metrics
    # the only difference is eps = 1e-5 against the layer's own (small) per-unit variance
    assert m["bn_affine_invariance_max_diff"] < 5 * 1e-5 / m["bn_input_min_var"] + 1e-5
    assert m["final_mean_shift_no_bn"] > 5 * m["final_mean_shift_bn"]
    assert m["final_std_change_no_bn"] > 2 * m["final_std_change_bn"]


def test_probe_leaves_bn_running_statistics_untouched():
    model = build_mlp(2, [8], 2, "sigmoid", generator=torch.Generator().manual_seed(0),
                      norm=lambda w: nn.BatchNorm1d(w))
    bn = model[1]
    before = (bn.running_mean.clone(), bn.running_var.clone(), bn.momentum)
    covariate_shift.probe_input(model, 2, torch.randn(32, 2) * 5 + 3)
    assert torch.equal(bn.running_mean, before[0]) and torch.equal(bn.running_var, before[1])
    assert bn.momentum == before[2]


# ------------------------------------------------------------------------ batchnorm-train-eval


def test_bn_buffers_follow_pytorch_momentum_convention_with_unbiased_variance():
    bn = nn.BatchNorm1d(1, momentum=0.1)
    x = torch.tensor([[1.0], [2.0], [3.0], [6.0]])
    y = bn(x)
    # batch mean 3, biased var 14/4 = 3.5 (normalizes), unbiased var 14/3 (running estimate)
    assert float(bn.running_mean[0]) == pytest.approx(0.9 * 0.0 + 0.1 * 3.0)
    assert float(bn.running_var[0]) == pytest.approx(0.9 * 1.0 + 0.1 * 14 / 3, rel=1e-6)
    assert torch.allclose(y, (x - 3.0) / math.sqrt(3.5 + bn.eps))


def test_batchnorm_train_eval_running_stats_equal_the_recurrence_on_the_demo_batches():
    m_size, mom = 4, 0.1
    r = run_demo("batchnorm-train-eval", {"batch_size": m_size, "momentum": mom, "batches": 300}, device="cpu")
    batch_mean = r.series_named("batch means").y
    biased = r.series_named("batch var (biased, used to normalize)").y
    run_mean, run_var = r.series_named("running_mean").y, r.series_named("running_var (uses unbiased)").y
    rm, rv = 0.0, 1.0
    for k in range(len(batch_mean)):
        rm = (1 - mom) * rm + mom * batch_mean[k]
        rv = (1 - mom) * rv + mom * biased[k] * m_size / (m_size - 1)
        assert run_mean[k] == pytest.approx(rm, rel=1e-4, abs=1e-5)
        assert run_var[k] == pytest.approx(rv, rel=1e-4)
    assert r.metrics["bessel_factor"] == pytest.approx(4 / 3)


def test_unbiased_batch_variance_averages_to_sigma2_and_the_biased_one_to_sigma2_m_minus_1_over_m():
    r = run_demo("batchnorm-train-eval", {"batch_size": 4, "batches": 2000, "std": 3.0}, device="cpu")
    assert r.metrics["avg_batch_var_unbiased"] == pytest.approx(9.0, abs=0.6)
    assert r.metrics["avg_batch_var_biased"] == pytest.approx(9.0 * 3 / 4, abs=0.6)


def test_cumulative_running_mean_is_the_plain_average_of_batch_means():
    r = run_demo("batchnorm-train-eval", {"cumulative": True, "batches": 50, "batch_size": 8}, device="cpu")
    means = r.series_named("batch means").y
    assert r.series_named("running_mean").y[-1] == pytest.approx(sum(means) / len(means), rel=1e-5)


def test_batch_of_one_in_training_mode_is_a_message_not_a_crash():
    r = run_demo("batchnorm-train-eval", {"batch_size": 1}, device="cpu")
    assert r.metrics["batches_used"] == 0
    assert any("batch_size=1" in msg and "training mode" in msg for msg in r.messages)
    assert r.series_named("eval mode (running stats)").y  # eval mode still works


# ------------------------------------------------------------------------ batchnorm-rnn


def test_step_counts_from_lengths():
    assert batchnorm_rnn.step_counts(np.array([1, 3, 3, 5]), 6) == [4, 3, 3, 1, 1, 0]


def test_batchnorm_rnn_counts_and_spread_of_the_per_step_mean():
    p = {"batch_size": 32, "max_len": 60, "mean_len": 12.0, "repeats": 400, "seed": 3}
    r = run_demo("batchnorm-rnn", p, device="cpu")
    lengths = batchnorm_rnn.draw_lengths(32, 12.0, 60, np.random.default_rng(3))
    counts = r.series_named("sequences still running n_t").y
    assert counts == [float(c) for c in batchnorm_rnn.step_counts(lengths, 60)]
    assert counts[0] == 32 and all(a >= b for a, b in zip(counts, counts[1:]))
    # most sequences are short: late steps rest on a handful of samples
    assert r.metrics["first_step_below_min_count"] is not None and r.metrics["steps_below_min_count"] >= 10
    # Var(per-step mean) = σ_t²/n_t: measured std over 400 batches vs the formula
    measured = r.series_named("measured std over batches")
    theory = dict(zip(r.series_named("σ_t/√n_t").x, r.series_named("σ_t/√n_t").y))
    rel = [abs(v / theory[t] - 1) for t, v in zip(measured.x, measured.y) if counts[int(t) - 1] >= 2]
    assert np.median(rel) < 0.05 and max(rel) < 0.25
    # and at the late steps the estimate is several times noisier than at t = 1
    assert theory[max(theory)] > 3 * theory[1]
    assert any("fewer than 5" in msg for msg in r.messages)


# ------------------------------------------------------------------------ bn-vs-ln


@torch.no_grad()
def test_layernorm_output_of_a_sample_is_independent_of_its_batch_mates_batchnorm_is_not():
    g = torch.Generator().manual_seed(0)
    x0 = torch.randn(1, 32, generator=g)
    mates1, mates2 = torch.randn(7, 32, generator=g), torch.randn(7, 32, generator=g) * 3 + 1
    ln, bn = nn.LayerNorm(32), nn.BatchNorm1d(32).train()
    ln_alone = ln(x0)[0]
    assert torch.allclose(ln(torch.cat([x0, mates1]))[0], ln_alone, atol=1e-6)
    assert torch.allclose(ln(torch.cat([x0, mates2]))[0], ln_alone, atol=1e-6)
    assert float((bn(torch.cat([x0, mates1]))[0] - bn(torch.cat([x0, mates2]))[0]).abs().mean()) > 0.3


def test_bn_vs_ln_demo_spread_shrinks_like_one_over_sqrt_b_for_bn_and_is_zero_for_ln():
    r = run_demo("bn-vs-ln", {"steps": 20, "draws": 200}, device="cpu")
    m = r.metrics
    for B in (2, 4, 8, 16, 32, 64, 128):
        assert m[f"ln_output_spread_B{B}"] < 1e-6
    # ~1/sqrt(B) for larger B: 32 -> 128 halves it
    assert m["bn_output_spread_B32"] / m["bn_output_spread_B128"] == pytest.approx(2.0, rel=0.15)
    assert m["bn_output_spread_B2"] > 0.5


def test_bn_vs_ln_batch_of_one_is_a_message_and_ln_still_trains():
    r = run_demo("bn-vs-ln", {"min_batch": 1, "max_batch": 4, "steps": 20, "draws": 10}, device="cpu")
    assert any("Batch of 1" in msg for msg in r.messages)
    assert 1 not in r.series_named("BatchNorm (train mode)").x
    assert 1 in r.series_named("LayerNorm").x and "ln_test_accuracy_B1" in r.metrics


def test_bn_at_batch_2_generalizes_worse_than_ln_in_eval_mode():
    m = run_demo("bn-vs-ln", {"max_batch": 2, "draws": 10}, device="cpu").metrics
    assert m["bn_test_accuracy_B2"] < m["ln_test_accuracy_B2"] - 0.2


def test_batch_sizes_are_powers_of_two_from_the_smallest():
    assert bn_vs_ln.batch_sizes(2, 128) == [2, 4, 8, 16, 32, 64, 128]
    assert bn_vs_ln.batch_sizes(3, 20) == [3, 4, 8, 16]


# ------------------------------------------------------------------------ every demo


@pytest.mark.parametrize("demo", DEMOS)
def test_same_seed_same_numbers_and_json_clean(demo):
    a = run_demo(demo, QUICK[demo], device="cpu").to_dict()
    b = run_demo(demo, QUICK[demo], device="cpu").to_dict()
    assert a == b
    json.dumps(a, allow_nan=False)
    assert a["metrics"]["diverged"] is False


@pytest.mark.parametrize("demo", [d for d in DEMOS if get_spec(d).streams])
def test_streamed_frames_keep_the_final_panels_and_series(demo):
    items = list(stream_demo(demo, QUICK[demo], device="cpu"))
    frames, result = items[:-1], items[-1]
    assert frames and all(isinstance(f, Frame) for f in frames) and isinstance(result, DemoResult)
    for f in frames:
        assert [p.id for p in f.panels] == [p.id for p in result.panels]
        assert [s.name for s in f.series] == [s.name for s in result.series]


@pytest.mark.parametrize("demo", DEMOS)
def test_every_demo_draws_with_its_decorations(demo, tmp_path):
    from quizapp.plots.demo_figure import DemoFigure, save_demo_png

    r = run_demo(demo, QUICK[demo], device="cpu")
    lang = "zh" if DEMOS.index(demo) % 2 else "en"  # both languages are covered across the demos
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")  # every glyph is in the bundled font
        assert save_demo_png(r, tmp_path / "demo.png", get_spec(demo), lang).stat().st_size > 10_000
    fig = DemoFigure(spec=get_spec(demo), lang=lang)
    fig.draw(r)
    for panel in r.panels:  # every panel is labelled in the chosen language
        ax = fig.axes[panel.id]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


@pytest.mark.parametrize("demo,params", [
    ("lr-schedules", {"lr": 3.0, "momentum": 0.99, "steps": 60}),
    ("covariate-shift", {"lr": 2.0, "activation": "relu", "steps": 40}),
])
def test_divergence_ends_normally_with_a_message_and_finite_curves(demo, params):
    r = run_demo(demo, params, device="cpu")
    assert r.metrics["diverged"] is True and any("diverged" in msg.lower() for msg in r.messages)
    json.dumps(r.to_dict(), allow_nan=False)
    assert all(math.isfinite(v) for s in r.series for v in s.y)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
@pytest.mark.parametrize("demo", DEMOS)
def test_runs_on_cuda(demo):
    r = run_demo(demo, QUICK[demo], device="cuda")
    assert r.device == "cuda" and r.metrics["diverged"] is False
    json.dumps(r.to_dict(), allow_nan=False)
