"""Every demo link of the deck shows, in numbers, the point its card makes.

A card that opens a demo preset promises that the plots back the card up. For each linked card
this module runs the demo with the card's own preset (through `run_demo`, one run per distinct
(demo, preset), cached) and states the card's point as a check on the demo's metrics and
series. A link whose demo cannot show the card's point in numbers is not a link: the card must
drop it (test_every_link_has_a_stated_point fails for a link without a check, and for a check
left behind by a removed link).

The checks read the numbers a learner sees; tolerances are loose enough for the seeded Monte
Carlo parts and tight where the demo computes a closed form.
"""
from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable
from typing import Any

import pytest

from quizapp.domain.content import Card
from quizapp.engine.result import DemoResult, Series
from quizapp.resources import deck_dir
from quizapp.services.importer import parse_files

Check = Callable[[Card, DemoResult], None]

# Demos that take seconds each on a loaded 2-core machine (dropout trains with an MC preview per
# frame; the others train small nets): their links run only in the slow suite.
SLOW_DEMOS = {"dropout", "bn-vs-ln", "covariate-shift", "lr-schedules", "lr-warmup", "hyperband",
              "architecture-search", "early-stopping", "weight-decay", "batch-size-sharpness"}


def _cards() -> dict[str, Card]:
    cards, issues = parse_files(sorted(deck_dir().glob("*.toml")))
    assert not issues, issues
    return {c.id: c for c in cards}


CARDS = _cards()
_RUNS: dict[str, DemoResult] = {}


def _run(demo_id: str, params: dict[str, Any]) -> DemoResult:
    from quizapp.engine.runner import run_demo

    key = json.dumps([demo_id, params], sort_keys=True)
    if key not in _RUNS:
        _RUNS[key] = run_demo(demo_id, params, device="cpu")
    return _RUNS[key]


def _series(result: DemoResult, name: str, panel: str | None = None) -> Series:
    found = [s for s in result.series if s.name == name and (panel is None or s.panel == panel)]
    assert len(found) == 1, \
        f"{result.demo}: no single series {name!r} (panel {panel}) in {[s.name for s in result.series]}"
    return found[0]


def _close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * abs(b)


# ------------------------------------------------------------------ init-signal-propagation


def _grad_norms(result: DemoResult, init: str) -> list[float]:
    """Per-layer weight-gradient norms of the chosen init, read from the demo's gradient panel
    (layer 1 first), so the check does not depend on how a summary metric is named."""
    from quizapp.engine.demos.init_signal_propagation.compute import LABELS

    series = [s for s in result.series if s.panel == "grad" and LABELS[init] in s.name]
    assert len(series) == 1, [s.name for s in result.series if s.panel == "grad"]
    assert series[0].x == sorted(series[0].x) and series[0].x[0] == 1
    return series[0].y


def check_tanh_normal_explodes_toward_input(card: Card, r: DemoResult) -> None:
    """N(0,1) in a wide tanh net: ~90% of units saturated, yet the gradient GROWS toward the input
    by about √(n·E[tanh′(z)²]) ≈ 3.5 per layer at width 512."""
    m, p = r.metrics, r.params
    assert p["init"] == "normal" and p["activation"] == "tanh"
    grads = _grad_norms(r, "normal")
    ratio = grads[0] / grads[-1]  # layer 1 over layer L
    assert ratio > 1.0
    per_layer = ratio ** (1.0 / (len(grads) - 1))
    assert 2.5 < per_layer < 5.0, per_layer  # card: "≈ 3.5 per layer", "grows like 3.5^L"
    assert all(a > b for a, b in zip(grads, grads[1:])), "the gradient must grow at every layer toward the input"
    assert ratio > 1e4  # "four to five orders of magnitude" over 10 layers
    assert m["saturated_share_last_normal"] > 0.8  # "about nine units in ten sit at ±1"
    # the tiny init: gradients far below Xavier's but level across layers
    small = _grad_norms(r, "small")
    xavier = _grad_norms(r, "xavier_normal")
    assert max(small) < 1e-3 * min(xavier)
    assert max(small) / min(small) < 1.5


def check_xavier_tanh_gradients_level(card: Card, r: DemoResult) -> None:
    m = r.metrics
    init = r.params["init"]
    grads = _grad_norms(r, init)
    grad_ratio = grads[0] / grads[-1]
    assert 0.5 < grad_ratio < 2.0  # gradient scale level over depth
    std_ratio = m[f"std_ratio_last_first_{init}"]
    assert abs(math.log(grad_ratio)) < abs(math.log(std_ratio))  # more level than the activations
    assert m["saturated_share_last_normal"] > 0.8 and m[f"saturated_share_last_{init}"] < 0.01
    assert m["std_ratio_last_first_small"] < 1e-6  # too small collapses


def check_xavier_uniform_equals_normal(card: Card, r: DemoResult) -> None:
    # same variance 2/(n_in+n_out), whether sampled uniform on ±√(6/(n_in+n_out)) or normal
    m = r.metrics
    assert abs(m["std_ratio_last_first_xavier_uniform"] - m["std_ratio_last_first_xavier_normal"]) < 0.05
    check_xavier_tanh_gradients_level(card, r)


def check_he_keeps_relu_scale(card: Card, r: DemoResult) -> None:
    m, depth = r.metrics, r.params["depth"]
    assert 0.5 < m["std_ratio_last_first_he_fan_in"] < 2.0
    halving = 2 ** (-(depth - 1) / 2)  # 1/n_in loses half the second moment per ReLU layer
    assert halving / 3 < m["std_ratio_last_first_xavier_normal"] < 3 * halving


def check_linear_default_is_not_he(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert r.params["init"] == "default" and r.params["activation"] == "relu"
    assert m["std_ratio_last_first_default"] < 0.2  # variance 1/(3 n_in): the signal shrinks
    assert 0.5 < m["std_ratio_last_first_he_fan_in"] < 2.0  # 2/n_in keeps it


# ------------------------------------------------------------------ saddle-escape and flat-vs-sharp


def check_saddle_plateau(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert abs(m["gd_stuck_final_y"]) < 1e-9  # started on the stable manifold, GD converges to the saddle
    assert m["escape_step_gd"] > 2 * m["escape_step_noise"]  # the long plateau that noise shortens


def check_noise_and_momentum_escape(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert abs(m["gd_stuck_final_y"]) < 1e-9 and abs(m["gd_stuck_final_x"]) < 1e-9
    assert m["escape_step_noise"] < m["escape_step_gd"]
    assert m["escape_step_momentum"] < m["escape_step_gd"]


def check_saddle_escape_rate(card: Card, r: DemoResult) -> None:
    m, lr, eps = r.metrics, r.params["lr"], r.params["eps"]
    assert m["gd_growth_factor"] == pytest.approx(1 + 2 * lr)
    assert m["escape_step_gd"] == m["escape_step_theory"] == math.ceil(math.log(1 / eps) / math.log(1 + 2 * lr))


def check_saddle_min_and_max_directions(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert abs(m["gd_stuck_final_x"]) < 1e-9 and abs(m["gd_stuck_final_y"]) < 1e-9  # along x: a minimum
    assert m["escape_step_gd"] is not None  # along y: a maximum, any offset grows


def check_saddle_fails_without_noise(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["escape_step_gd"] is None and abs(m["gd_stuck_final_y"]) < 1e-9  # tiny offset, no noise: stuck
    assert m["escape_step_noise"] is not None and m["escape_step_momentum"] is not None


def check_cubic_origin_is_a_minimum(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["cubic_noiseless_max_move"] == 0.0  # the origin is a critical point
    assert m["cubic_runs_to_minimum"] >= 1  # noisy runs settle back into it: a minimum, not a saddle
    assert m["cubic_runs_to_minimum"] + m["cubic_runs_escaped"] + m["cubic_runs_near_saddle"] == r.params["cubic_runs"]
    saddle = _series(r, "saddle (1/4, −1/2)", "cubic")
    assert saddle.x == [0.25] and saddle.y == [-0.5]


def check_sharp_minimum_thrown_out(card: Card, r: DemoResult) -> None:
    m, lr = r.metrics, r.params["lr"]
    assert lr > 2 / m["lambda_sharp"] and lr < 2 / m["lambda_flat"]
    assert m["contraction_sharp"] == pytest.approx(abs(1 - lr * m["lambda_sharp"])) and m["contraction_sharp"] > 1
    assert not m["sharp_start_stays"] and m["sharp_start_ends_in_flat_basin"] and m["flat_start_stays"]


def check_flat_more_robust(card: Card, r: DemoResult) -> None:
    check_sharp_minimum_thrown_out(card, r)
    assert r.metrics["loss_rise_sharp_at_sigma_max"] > 10 * r.metrics["loss_rise_flat_at_sigma_max"]


def check_stable_below_two_over_lambda(card: Card, r: DemoResult) -> None:
    m, lr = r.metrics, r.params["lr"]
    assert m["lr_limit_sharp"] == pytest.approx(2 / 50) and lr < m["lr_limit_sharp"]
    assert m["contraction_sharp"] == pytest.approx(abs(1 - lr * 50)) and m["sharp_start_stays"]


# ------------------------------------------------------------------ batch size


def check_gradient_variance_over_b(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert _close(m["var_with_replacement"], m["var_with_replacement_theory"], 0.06)  # σ²/B
    assert _close(m["var_without_replacement"], m["var_without_replacement_theory"], 0.06)  # ·(N−B)/(N−1)
    assert m["max_bias_in_mc_std_units"] < 4  # unbiased
    measured = _series(r, "with replacement (measured)", "variance")
    assert all(_close(b * v, m["sigma2_per_example"], 0.1) for b, v in zip(measured.x, measured.y))  # std ∝ 1/√B


def check_full_batch_without_replacement(card: Card, r: DemoResult) -> None:
    assert r.params["batch"] == r.params["n_samples"]
    m = r.metrics
    assert m["var_without_replacement_theory"] == 0.0  # (N−B)/(N−1) = 0
    assert m["var_without_replacement"] < 1e-20 * m["sigma2_per_example"]  # zero up to float round-off


def check_linear_scaling(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params
    k = p["large_batch"] / p["small_batch"]
    assert m["lr_large"] == pytest.approx(k * m["lr_small"])
    assert m["steps_small"] == k * m["steps_large"]
    assert _close(m["final_loss_large"], m["final_loss_small"], 0.15)  # the two runs end alike


def check_large_batch_sharper(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params
    assert p["lr_scaling"] == "none"
    assert m["sharpness_ratio_large_to_small"] > 2
    assert m["steps_small"] == (p["large_batch"] / p["small_batch"]) * m["steps_large"]  # B_large/B_small fewer updates


def check_power_iteration_sharpness(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["sharpness_small"] < m["stability_limit_small"] and m["sharpness_large"] < m["stability_limit_large"]
    more = _run("batch-size-sharpness", {**card.demo.params, "power_iters": 3 * r.params["power_iters"]})
    assert _close(more.metrics["sharpness_large"], m["sharpness_large"], 1e-3)  # a few dozen iterations suffice
    assert _close(more.metrics["sharpness_small"], m["sharpness_small"], 1e-3)


# ------------------------------------------------------------------ schedules


_DECAYS = ("step", "multistep", "exponential", "natural exp", "inverse time", "cosine")


def check_decay_lowers_the_lr(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert set(_series(r, "constant", "lr").y) == {r.params["lr"]}
    for name in _DECAYS:
        lr = _series(r, name, "lr").y
        assert all(b <= a + 1e-12 for a, b in zip(lr, lr[1:])) and lr[-1] < lr[0], name
    key = {"natural exp": "natural_exp", "inverse time": "inverse_time"}
    assert all(m[f"final_loss_{key.get(n, n)}"] < m["final_loss_constant"] for n in _DECAYS)


def check_decay_formulas(card: Card, r: DemoResult) -> None:
    p, m = r.params, r.metrics
    step = _series(r, "step", "lr")
    s = p["step_size"]
    assert step.y[s] == pytest.approx(p["lr"] * p["step_gamma"]) and step.y[s - 1] == pytest.approx(p["lr"])
    exp = _series(r, "exponential", "lr")
    assert exp.y[10] == pytest.approx(p["lr"] * p["exp_gamma"] ** 10)
    assert m["cosine_lr_at_half"] == pytest.approx(m["cosine_midpoint_theory"])


def check_cosine_midpoint(card: Card, r: DemoResult) -> None:
    assert r.metrics["cosine_lr_at_half"] == pytest.approx((r.params["lr"] + r.params["eta_min"]) / 2)


def check_warmup_tames_the_start(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params
    assert m["lr_at_t0_linear"] == pytest.approx(p["start_factor"] * p["lr"])
    assert m["lr_at_W_linear"] == pytest.approx(p["lr"])
    assert m["early_max_loss_no_warmup"] > 10 * m["early_max_loss_linear"]
    # warmup shapes only the start: it does not raise the rate, whose peak is lr with or without it
    assert max(_series(r, "no warmup", "lr").y) == pytest.approx(p["lr"])
    assert max(_series(r, "linear warmup", "lr").y) == pytest.approx(p["lr"])


def check_linearlr_values(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params
    assert m["lr_at_t0_linear"] == pytest.approx(p["start_factor"] * p["lr"])
    assert m["lr_at_W_linear"] == pytest.approx(p["lr"])
    assert m["final_loss_linear"] < m["final_loss_no_warmup"]


def check_sgdr_restarts(card: Card, r: DemoResult) -> None:
    assert r.metrics["sgdr_restarts"] == [10, 30, 70]


# ------------------------------------------------------------------ EMA


def check_ema_window(card: Card, r: DemoResult) -> None:
    m, beta = r.metrics, r.params["beta"]
    assert m["window"] == pytest.approx(1 / (1 - beta))
    assert m["weight_ratio_at_window"] == pytest.approx(beta ** m["window"])
    assert abs(m["weight_ratio_at_window"] - 1 / math.e) < 0.03
    assert abs(m["weight_mass_in_window"] - (1 - 1 / math.e)) < 0.06


def check_ema_bias_correction(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params
    assert m["raw_ema_constant_first_step"] == pytest.approx((1 - p["beta"]) * p["level"])  # v_1 = (1−β)c
    assert m["corrected_ema_constant_max_abs_error"] < 1e-9  # v_t/(1−β^t) = c exactly


# ------------------------------------------------------------------ momentum and adaptive methods


def _heavy_ball_rate(kappa: float) -> float:
    return (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)


def check_momentum_speeds_up(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["rate_chosen"] < m["rate_theory_gd"]
    assert _close(m["rate_empirical_chosen"], m["rate_chosen"], 0.01)
    assert m["rate_theory_optimal"] == pytest.approx(_heavy_ball_rate(m["kappa"]))


def check_heavy_ball_rates(card: Card, r: DemoResult) -> None:
    m = r.metrics
    kappa = m["kappa"]
    assert m["rate_theory_gd"] == pytest.approx((kappa - 1) / (kappa + 1))
    assert m["rate_theory_optimal"] == pytest.approx(_heavy_ball_rate(kappa))
    assert m["beta_opt"] == pytest.approx(_heavy_ball_rate(kappa) ** 2)  # the coefficient is the square of the rate
    assert _close(m["rate_empirical_chosen"], m["rate_theory_optimal"], 0.05)
    assert m["steps_to_1e-6_gd"] / m["steps_to_1e-6_optimal"] > math.sqrt(kappa) / 2  # O(κ) vs O(√κ)


def check_nesterov_closer(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["distance_to_minimum_nesterov"] < m["distance_to_minimum_momentum"]


def check_ill_conditioned_gd(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params
    assert p["beta"] == 0.0 and p["alpha"] < 2.0  # plain GD just under the 2/λ_max limit (L = 1)
    assert m["rate_empirical_chosen"] == pytest.approx((m["kappa"] - 1) / (m["kappa"] + 1), rel=1e-3)
    assert m["steps_to_1e-6_gd"] > m["kappa"]  # O(κ) steps


def check_adagrad_decays(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["adagrad_final_step_times_sqrt_t"] == pytest.approx(m["lr"], rel=1e-3)  # step α/√t
    assert m["adagrad_step_spread"] == pytest.approx(1.0) and m["sgd_step_spread"] > 10  # per-coordinate scaling


def check_rmsprop_does_not_decay(card: Card, r: DemoResult) -> None:
    m, alpha = r.metrics, r.params.get("rms_alpha")
    assert m["rmsprop_final_step"] > 10 * m["adagrad_final_step"]
    assert _close(m["rmsprop_final_step"], m["lr"], 0.05)
    if alpha is not None:
        assert m["rmsprop_first_step"] == pytest.approx(m["lr"] / math.sqrt(1 - alpha), rel=1e-3)


def check_adam_constant_step(card: Card, r: DemoResult) -> None:
    m = r.metrics
    check_adagrad_decays(card, r)
    assert m["adam_first_step"] == pytest.approx(m["lr"]) and m["adam_final_step"] == pytest.approx(m["lr"])
    assert m["adam_step_spread"] == pytest.approx(1.0)  # whatever the size of g


def check_rmsprop_without_bias_correction(card: Card, r: DemoResult) -> None:
    m, alpha = r.metrics, r.params["rms_alpha"]
    assert m["rmsprop_first_step"] / m["lr"] == pytest.approx(1 / math.sqrt(1 - alpha), rel=1e-3)  # 31.6 for 0.999
    assert m["adam_first_step"] == pytest.approx(m["lr"])  # corrected Adam: α from step 1


def check_adam_beats_sgd_on_beale(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["final_loss_adam"] < m["final_loss_sgd"] and m["final_loss_adam"] < m["final_loss_rmsprop"]


# ------------------------------------------------------------------ weight decay


def check_decay_sgd_same_adam_differs(card: Card, r: DemoResult) -> None:
    m = r.metrics
    # SGD: L2 ≡ weight decay, up to float32 round-off on ‖θ‖
    assert m["sgd_l2_vs_weight_decay_max_abs_diff"] < 1e-6 * max(1.0, m["final_norm_sgd_l2"])
    assert m["adam_l2_vs_adamw_relative_distance"] > 0.5  # Adam: they end far apart


def check_same_lambda_not_same_strength(card: Card, r: DemoResult) -> None:
    check_decay_sgd_same_adam_differs(card, r)
    m = r.metrics
    assert m["final_norm_adamw"] > 3 * m["final_norm_adam_l2"]  # 14.2 vs 2.0 at λ = 0.05
    assert m["final_loss_adamw"] < m["final_loss_adam_l2"]


# ------------------------------------------------------------------ normalization


def check_bn_pins_the_input(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["final_mean_shift_bn"] < m["final_mean_shift_no_bn"] / 5
    assert m["final_loss_bn"] < m["final_loss_no_bn"]


def check_bn_scale_invariance(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["bn_affine_invariance_max_diff"] < 1e-3  # BN(aWx) = BN(Wx)
    assert m["final_loss_bn"] < m["final_loss_no_bn"] / 5  # tolerates the large learning rate


def check_bn_train_uses_batch_stats(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert _close(m["avg_batch_var_biased"], m["biased_limit"], 0.05)  # normalizes with the biased variance
    assert m["train_eval_output_gap"] > 0.1  # train output depends on the batch; eval uses fixed statistics


def check_bn_running_statistics(card: Card, r: DemoResult) -> None:
    m, b = r.metrics, r.params["batch_size"]
    assert m["bessel_factor"] == pytest.approx(b / (b - 1))
    assert _close(m["avg_batch_var_unbiased"], m["true_var"], 0.05)
    assert _close(m["avg_batch_var_biased"], m["biased_limit"], 0.05)


def check_pytorch_running_var_unbiased(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert r.params["momentum"] == 0.1
    running = _series(r, "running_var (uses unbiased)", "var").y
    late = statistics.mean(running[len(running) // 2:])
    assert _close(late, m["true_var"], 0.15) and late > 1.15 * m["biased_limit"]


def check_cumulative_running_var(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert r.params["cumulative"] is True
    assert m["running_var"] == pytest.approx(m["avg_batch_var_unbiased"])
    assert _close(m["running_var"], m["true_var"], 0.05) and m["avg_batch_var_biased"] < 0.6 * m["true_var"]


def check_bn_removes_the_offset(card: Card, r: DemoResult) -> None:
    out = _series(r, "train mode (batch stats)", "out")
    assert r.metrics["true_mean"] == 8.0 and statistics.fmean(out.x) > 5
    assert abs(statistics.fmean(out.y)) < 1e-5  # a constant offset (a bias) is subtracted exactly


def check_eval_mode_matters(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["train_eval_output_gap"] > 0.3
    assert m["num_batches_tracked"] == r.params["batches"]  # every training-mode pass rewrote the running stats


def check_rnn_bn_statistics_thin_out(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["count_at_step_1"] == r.params["batch_size"]
    assert m["steps_with_one_sample"] > 0 and m["steps_with_no_sample"] > 0


def check_ln_batch_independent(card: Card, r: DemoResult) -> None:
    m = r.metrics
    ln = [v for k, v in m.items() if k.startswith("ln_output_spread_B")]
    assert ln and max(ln) == 0.0  # LN: the same output whatever the batch
    assert m["bn_output_spread_B2"] > 0.5  # BN: depends on batch-mates


def check_bn_vs_ln_choice(card: Card, r: DemoResult) -> None:
    m = r.metrics
    check_ln_batch_independent(card, r)
    assert m["bn_test_accuracy_B2"] < m["ln_test_accuracy_B2"] - 0.2  # tiny batches: LN
    assert m["bn_test_accuracy_B64"] >= m["ln_test_accuracy_B64"] - 0.01  # large batches: BN is fine


# ------------------------------------------------------------------ hyperparameter search


def check_random_tests_more_values(card: Card, r: DemoResult) -> None:
    m, k = r.metrics, r.params["per_axis"]
    assert m["grid_distinct_x"] == k and m["random_distinct_x"] == k * k
    assert m["random_best_loss"] < m["grid_best_loss"]


def check_bo_beats_random(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["gp_ei_best"] < m["random_best"] and abs(m["gp_ei_best"] - m["true_min"]) < 0.05


def check_next_point_maximizes_ei(card: Card, r: DemoResult) -> None:
    ei = _series(r, "expected improvement", "ei")
    assert ei.x[max(range(len(ei.y)), key=ei.y.__getitem__)] == pytest.approx(r.metrics["next_x"])
    assert r.metrics["max_ei"] > 0


def _first_bracket_sizes(r: DemoResult) -> list[float]:
    return [_series(r, f"s={s}", "brackets").y[0] for s in range(4, -1, -1)]


def check_hyperband_brackets(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["brackets"] == 5 and _first_bracket_sizes(r) == [81, 34, 15, 8, 5]
    assert m["budget_fraction"] < 0.5 and m["pruned"] > m["completed"]


def check_successive_halving_rounds(card: Card, r: DemoResult) -> None:
    s4 = _series(r, "s=4", "brackets")
    assert list(zip(s4.x, s4.y)) == [(1, 81), (3, 27), (9, 9), (27, 3), (81, 1)]


def check_multi_fidelity_nas(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["completed"] + m["pruned"] == m["trials"] and m["pruned"] > m["completed"]
    assert m["best_val_accuracy"] > 0.9 and m["smallest_on_front_params"] <= m["best_params"]


def check_mlp_parameter_count(card: Card, r: DemoResult) -> None:
    m = r.metrics
    # the demo's nets map 2 inputs to 2 classes; count with (n_in + 1)·n_out per layer
    widths = [2] + [m["best_width"]] * m["best_depth"] + [2]
    assert sum((a + 1) * b for a, b in zip(widths, widths[1:])) == m["best_params"]


def check_batched_sweep_grid(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["configs"] == r.params["n_lr"] * 7 and m["best_loss"] < 0.2


# ------------------------------------------------------------------ regularization


def check_l1_exact_zeros(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["lasso_zeros_ista"] == m["lasso_zeros_converged"] > 0  # the proximal step lands on 0
    assert m["lasso_zeros_subgradient"] == 0 and m["subgradient_min_abs_coef"] > 0  # hops around 0
    assert m["ridge_zeros"] == 0


def check_soft_threshold_closed_form(card: Card, r: DemoResult) -> None:
    check_l1_exact_zeros(card, r)
    m = r.metrics
    assert m["lasso_vs_soft_threshold_max_diff"] < 1e-9 and m["lasso_zeros_closed_form"] == m["lasso_zeros_ista"]


def check_early_stopping(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["stop_epoch"] - m["best_epoch"] == m["patience"] == r.params["patience"]
    assert m["restored_val_loss"] == m["best_val_loss"] < m["val_loss_without_early_stopping"]


def check_inverted_dropout_moments(card: Card, r: DemoResult) -> None:
    m, p = r.metrics, r.params["p_drop"]
    assert abs(m["kept_fraction"] - (1 - p)) < 0.01  # PyTorch's p drops
    assert m["kept_units_exactly_scaled"] and m["kept_scale_theory"] == pytest.approx(1 / (1 - p))
    assert m["mean_max_z_score"] < 5  # the mean is kept
    assert m["var_max_rel_error"] < 0.05  # the variance is p/(1−p)·x², not kept
    assert m["eval_is_identity"]


def check_mc_dropout_spread(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["eval_is_identity"]  # eval mode: one deterministic pass, no spread
    assert m["mc_std_on_data"] > 0.05 and m["mc_std_off_data"] > 0.05  # dropout kept on: the T passes differ
    # the single weight-scaled pass is close to the MC average but not equal to it (deep net: an approximation)
    assert 0 < m["mc_mean_vs_eval_rms"] < 0.5 * m["mc_std_on_data"]


def check_variance_shift(card: Card, r: DemoResult) -> None:
    m = r.metrics
    q = m["keep_probability"]
    c, v = r.params["mean"], r.params["variance"]
    assert m["ratio_dropout_theory"] == pytest.approx(v / ((c * c + v) / q - c * c))
    assert abs(m["ratio_dropout_mc"] - m["ratio_dropout_theory"]) < 0.02
    assert abs(m["bn_test_output_var_dropout"] - m["ratio_dropout_theory"]) < 0.03


def check_higher_drop_rate_more_shift(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert r.params["p_drop"] > 0.5 and m["ratio_dropout_theory"] < 0.5
    assert abs(m["bn_test_output_var_dropout"] - m["ratio_dropout_theory"]) < 0.03


def check_uout_small_shift(card: Card, r: DemoResult) -> None:
    m = r.metrics
    assert m["ratio_uout_theory"] > 0.9 > m["ratio_dropout_theory"]
    assert abs(m["ratio_uout_mc"] - m["ratio_uout_theory"]) < 0.02


def check_sam_leaves_the_sharp_minimum(card: Card, r: DemoResult) -> None:
    m, sharp = r.metrics, r.params["sharp_curvature"]
    # SGD stays in whichever minimum it starts near: half the runs end at the sharp one, at its curvature
    assert m["sgd_ended_in_start_basin"] == 1.0 and m["sgd_share_at_flat"] == pytest.approx(0.5)
    assert m["sgd_sharpness_final_max"] == pytest.approx(sharp, rel=0.05)
    # SAM's gradient at w + ρ·g/‖g‖ pushes it out of the sharp valley: every run ends at the flat one
    assert m["sam_share_at_flat"] == 1.0 and m["sam_sharpness_final_max"] < sharp / 10


def check_one_dropout_mask_per_sequence(card: Card, r: DemoResult) -> None:
    m, q, steps = r.metrics, r.metrics["keep_probability"], r.params["seq_len"]
    assert m["per_sequence_mask_constant_over_time"]  # variational: the same mask at every step
    assert abs(m["kept_all_steps_per_sequence"] - q) < 0.05  # a unit kept once is kept throughout
    # a fresh mask each step: a unit survives all steps with probability q^(T-1), about none of them
    assert m["kept_all_steps_theory_per_step"] == pytest.approx(q ** (steps - 1))
    assert m["kept_all_steps_per_step"] < 0.01
    assert abs(m["per_step_mask_changed_share"] - 2 * q * (1 - q)) < 0.03  # noise injected anew each step


POINTS: dict[str, Check] = {
    # 7.1
    "opt-low-vs-high-dim": check_saddle_plateau,
    "saddle-point-escape": check_noise_and_momentum_escape,
    "saddle-gd-escape-rate": check_saddle_escape_rate,
    "saddle-cubic-critical-points": check_cubic_origin_is_a_minimum,
    "saddle-cloze-cubic": check_cubic_origin_is_a_minimum,
    "saddle-mcq-cubic-origin": check_cubic_origin_is_a_minimum,
    "saddle-cloze-definition": check_saddle_min_and_max_directions,
    "saddle-cloze-x2-y2-escape": check_saddle_escape_rate,
    "saddle-mcq-what-fails": check_saddle_fails_without_noise,
    "flat-vs-sharp-minima": check_flat_more_robust,
    "sharpness-top-eigenvalue": check_power_iteration_sharpness,
    "flat-gd-stability-curvature": check_sharp_minimum_thrown_out,
    "flat-cloze-gd-stability": check_sharp_minimum_thrown_out,
    "flat-mcq-max-stable-lr": check_stable_below_two_over_lambda,
    "sam-update": check_sam_leaves_the_sharp_minimum,
    "sam-cloze": check_sam_leaves_the_sharp_minimum,
    # 7.2
    "batch-gradient-mean-variance": check_gradient_variance_over_b,
    "batch-cloze-variance": check_gradient_variance_over_b,
    "batch-mcq-std-scaling": check_gradient_variance_over_b,
    "batch-mcq-without-replacement": check_full_batch_without_replacement,
    "batch-lr-linear-scaling": check_linear_scaling,
    "batch-cloze-linear-scaling": check_linear_scaling,
    "batch-size-flat-sharp": check_large_batch_sharper,
    "batch-mcq-large-batch-sharp": check_large_batch_sharper,
    "lr-decay-warmup-cyclic-meaning": check_decay_lowers_the_lr,
    "lr-mcq-decay-target": check_decay_lowers_the_lr,
    "lr-decay-methods": check_decay_formulas,
    "lr-cloze-cosine-midpoint": check_cosine_midpoint,
    "lr-warmup-methods": check_warmup_tames_the_start,
    "lr-mcq-warmup-reason": check_warmup_tames_the_start,
    "lr-cloze-warmup-linear": check_linearlr_values,
    "lr-mcq-linearlr-values": check_linearlr_values,
    "lr-cyclic-sgdr": check_sgdr_restarts,
    "lr-cloze-sgdr-restarts": check_sgdr_restarts,
    "ema-formula-window": check_ema_window,
    "ema-cloze-window": check_ema_window,
    "ema-mcq-window-size": check_ema_window,
    "ema-bias-correction": check_ema_bias_correction,
    "ema-cloze-bias-correction": check_ema_bias_correction,
    "momentum-sgd": check_momentum_speeds_up,
    "momentum-heavy-ball-rate": check_heavy_ball_rates,
    "momentum-cloze-heavy-ball-rate": check_heavy_ball_rates,
    "momentum-nesterov": check_nesterov_closer,
    "adagrad-update": check_adagrad_decays,
    "rmsprop-update": check_rmsprop_does_not_decay,
    "rmsprop-mcq-key-change": check_rmsprop_does_not_decay,
    "adaptive-cloze-constant-gradient": check_adam_constant_step,
    "adaptive-mcq-constant-gradient": check_adam_constant_step,
    "adam-update": check_adam_beats_sgd_on_beale,
    "adam-bias-correction": check_rmsprop_without_bias_correction,
    "adamw-decoupled-weight-decay": check_same_lambda_not_same_strength,
    "adamw-mcq-vs-l2": check_decay_sgd_same_adam_differs,
    # 7.3
    "init-xavier": check_xavier_tanh_gradients_level,
    "init-xavier-tanh-depth-mcq": check_xavier_tanh_gradients_level,
    "init-xavier-variance-cloze": check_xavier_uniform_equals_normal,
    "init-he": check_he_keeps_relu_scale,
    "init-he-variance-cloze": check_he_keeps_relu_scale,
    "init-linear-default-mcq": check_linear_default_is_not_he,
    "init-signal-propagation-scale": check_tanh_normal_explodes_toward_input,
    "init-tanh-saturation-cloze": check_tanh_normal_explodes_toward_input,
    # 7.4
    "prep-why-scale-matters": check_ill_conditioned_gd,
    "prep-conditioning-cloze": check_ill_conditioned_gd,
    # 7.5
    "bn-internal-covariate-shift": check_bn_pins_the_input,
    "norm-why-normalization-helps": check_bn_scale_invariance,
    "bn-scale-invariance-cloze": check_bn_scale_invariance,
    "bn-transform": check_bn_train_uses_batch_stats,
    "bn-transform-cloze": check_bn_train_uses_batch_stats,
    "bn-train-vs-inference": check_bn_running_statistics,
    "bn-running-stats-cloze": check_pytorch_running_var_unbiased,
    "bn-running-var-unbiased-mcq": check_cumulative_running_var,
    "bn-bias-redundant-mcq": check_bn_removes_the_offset,
    "bn-eval-mode-mcq": check_eval_mode_matters,
    "bn-plain-rnn": check_rnn_bn_statistics_thin_out,
    "ln-layer-norm": check_ln_batch_independent,
    "norm-bn-vs-ln-choice": check_bn_vs_ln_choice,
    "norm-group-instance": check_ln_batch_independent,
    "norm-axes-cloze": check_ln_batch_independent,
    # 7.6
    "hpo-methods": check_random_tests_more_values,
    "hpo-grid-vs-random": check_random_tests_more_values,
    "hpo-grid-random-distinct-cloze": check_random_tests_more_values,
    "hpo-bayesian-optimization": check_bo_beats_random,
    "hpo-expected-improvement-cloze": check_next_point_maximizes_ei,
    "hpo-acquisition-role-mcq": check_next_point_maximizes_ei,
    "hpo-hyperband": check_hyperband_brackets,
    "hpo-hyperband-brackets-cloze": check_hyperband_brackets,
    "hpo-successive-halving-survivors-mcq": check_successive_halving_rounds,
    "hpo-neural-architecture-search": check_multi_fidelity_nas,
    "hpo-mlp-parameter-count-cloze": check_mlp_parameter_count,
    "hpo-batched-sweep": check_batched_sweep_grid,
    # 7.7
    "reg-common-methods": check_decay_sgd_same_adam_differs,
    "reg-weight-decay-vs-l2": check_same_lambda_not_same_strength,
    "reg-adamw-cloze": check_decay_sgd_same_adam_differs,
    "reg-adam-l2-mcq": check_decay_sgd_same_adam_differs,
    "reg-l1-vs-l2": check_soft_threshold_closed_form,
    "reg-soft-threshold-cloze": check_soft_threshold_closed_form,
    "reg-l1-proximal-step": check_l1_exact_zeros,
    "reg-l1-l2-gradient-cloze": check_l1_exact_zeros,
    "reg-exact-zeros-mcq": check_l1_exact_zeros,
    "reg-early-stopping": check_early_stopping,
    "reg-early-stopping-patience-mcq": check_early_stopping,
    "reg-dropout": check_inverted_dropout_moments,
    "reg-inverted-dropout-cloze": check_inverted_dropout_moments,
    "reg-inverted-dropout-moments-mcq": check_inverted_dropout_moments,
    "reg-pytorch-dropout-p-mcq": check_inverted_dropout_moments,
    "reg-dropout-ensemble-bayesian": check_mc_dropout_spread,
    "reg-mc-dropout-mcq": check_mc_dropout_spread,
    "reg-dropout-with-batchnorm": check_variance_shift,
    "reg-variance-shift-cloze": check_variance_shift,
    "reg-dropout-bn-placement-mcq": check_higher_drop_rate_more_shift,
    "reg-uout-mcq": check_uout_small_shift,
    "reg-rnn-dropout-variational": check_one_dropout_mask_per_sequence,
    "reg-rnn-dropout-cloze": check_one_dropout_mask_per_sequence,
}


def test_every_link_has_a_stated_point() -> None:
    linked = {cid for cid, c in CARDS.items() if c.demo is not None}
    assert sorted(linked - set(POINTS)) == [], \
        "a demo link without a check of the card's point: add one or drop the link"
    assert sorted(set(POINTS) - linked) == [], "a check for a card that no longer links a demo"


def _params() -> list[Any]:
    out = []
    for cid in sorted(POINTS):
        card = CARDS.get(cid)
        demo = card.demo.id if card is not None and card.demo is not None else ""
        marks = [pytest.mark.slow] if demo in SLOW_DEMOS else []
        out.append(pytest.param(cid, marks=marks, id=cid))
    return out


@pytest.mark.parametrize("card_id", _params())
def test_demo_preset_shows_the_cards_point(card_id: str) -> None:
    card = CARDS[card_id]
    assert card.demo is not None
    result = _run(card.demo.id, dict(card.demo.params))
    assert not result.metrics.get("diverged"), f"{card_id}: the preset diverges"
    POINTS[card_id](card, result)


def test_init_tanh_normal_card_agrees_with_its_demo() -> None:
    """Item 1 of issue 14: the two N(0,1)-tanh cards say the gradient grows toward the input, and
    their preset's per-layer gradient norms show a layer-1 / layer-L ratio above 1."""
    for cid in ("init-signal-propagation-scale", "init-tanh-saturation-cloze"):
        card = CARDS[cid]
        assert card.demo is not None and card.demo.params["init"] == "normal"
        text = " ".join([card.back.en, card.cloze.en if card.cloze else ""])
        assert "vanish" not in text and ("grow toward the input" in text or "explode toward the input" in text)
        result = _run(card.demo.id, dict(card.demo.params))
        grads = _grad_norms(result, "normal")
        assert grads[0] / grads[-1] > 1.0
