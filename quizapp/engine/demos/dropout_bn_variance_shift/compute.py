"""dropout-bn-variance-shift: why dropout before BatchNorm hurts at test time (Li et al. 2019,
"Understanding the Disharmony between Dropout and Batch Normalization by Variance Shift").

A unit x with mean c and variance v goes through inverted dropout with keep probability q:
y = x·m/q, m ~ Bernoulli(q). Then E[y] = c but E[y²] = (c² + v)/q, so
    Var_train = (c² + v)/q − c²,   Var_test = v   (dropout is the identity at test time),
    Var_test / Var_train = v / ((c² + v)/q − c²) < 1.
BN's running variance is learned from Var_train, so at test time BN's output variance is this ratio
instead of 1: the "variance shift". Uout multiplies by (1 + r), r ~ U(−β, β), whose noise variance
β²/3 is small for usual β, giving Var_train = v + (c² + v)β²/3. (With the same noise variance,
β²/3 = (1 − q)/q, the two shifts are identical: Uout helps because its noise is gentler.)
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.palette import color
from quizapp.engine.result import DemoResult, Panel, Series, to_floats
from quizapp.i18n.text import DemoText

DTYPE = torch.float64
CURVE_POINTS = 91
MC_POINTS = 10
BN_BATCH = 256
HIST_BINS = 60


def dropout_ratio_theory(p_drop: float, c: float, v: float) -> float:
    """Var_test / Var_train for inverted dropout with keep probability q = 1 − p_drop."""
    q = 1.0 - p_drop
    return v / ((c * c + v) / q - c * c)


def uout_ratio_theory(beta: float, c: float, v: float) -> float:
    return v / (v + (c * c + v) * beta * beta / 3.0)


def uout(x: torch.Tensor, beta: float, generator: torch.Generator) -> torch.Tensor:
    """Uout (Li et al. 2019): x·(1 + r), r ~ U(−β, β) elementwise. No torch layer implements it."""
    r = (2.0 * torch.rand(x.shape, dtype=x.dtype, device=x.device, generator=generator) - 1.0) * beta
    return x * (1.0 + r)


def variance_ratio(x: torch.Tensor, noisy: torch.Tensor) -> float:
    """Monte Carlo Var_test / Var_train: the clean input's variance over the noisy one's."""
    return float(x.var() / noisy.var())


def bn_after_noise(x_train: torch.Tensor, x_test: torch.Tensor,
                   noise: nn.Module | Any) -> tuple[torch.Tensor, torch.Tensor]:
    """Train BatchNorm1d (cumulative running stats) on noise(x) in minibatches, then apply it in eval
    mode to clean test inputs. Returns (train-mode outputs, eval-mode outputs)."""
    bn = nn.BatchNorm1d(1, momentum=None, affine=False, dtype=x_train.dtype, device=x_train.device).train()
    train_out = [bn(noise(batch)) for batch in x_train.reshape(-1, BN_BATCH, 1)]
    bn.eval()
    return torch.cat(train_out).reshape(-1), bn(x_test.reshape(-1, 1)).reshape(-1)


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    p, beta = float(params["p_drop"]), float(params["beta"])
    c, v = float(params["mean"]), float(params["variance"])
    n = int(params["n_samples"])
    dev, gen = ctx.device, ctx.generator

    def sample(count: int) -> torch.Tensor:
        return c + math.sqrt(v) * torch.randn(count, dtype=DTYPE, device=dev, generator=gen)

    x = sample(n)
    drop = nn.Dropout(p).train()
    y_drop = drop(x)
    y_uout = uout(x, beta, gen)
    metrics: dict[str, Any] = {
        "keep_probability": 1.0 - p,
        "ratio_dropout_theory": dropout_ratio_theory(p, c, v),
        "ratio_dropout_mc": variance_ratio(x, y_drop),
        "ratio_uout_theory": uout_ratio_theory(beta, c, v),
        "ratio_uout_mc": variance_ratio(x, y_uout),
        "var_train_dropout_theory": (c * c + v) / (1.0 - p) - c * c,
        "var_train_dropout_mc": float(y_drop.var()),
        "var_train_uout_theory": v + (c * c + v) * beta * beta / 3.0,
        "var_train_uout_mc": float(y_uout.var()),
        "var_test_mc": float(x.var()),
        "mean_train_dropout_mc": float(y_drop.mean()),
        # the β at which Uout's noise variance β²/3 equals dropout's (1 − q)/q = p/(1 − p)
        "uout_beta_matching_dropout": math.sqrt(3.0 * p / (1.0 - p)),
    }
    ctx.check_cancelled()

    # Monte Carlo points along both curves (fewer samples each; the curves are the closed forms).
    n_curve = max(1000, n // MC_POINTS)
    p_mc = np.linspace(0.0, 0.9, MC_POINTS)
    b_mc = np.linspace(0.0, 1.0, MC_POINTS)
    mc_drop = [variance_ratio(xs, nn.Dropout(float(pp)).train()(xs)) for pp in p_mc for xs in [sample(n_curve)]]
    mc_uout = [variance_ratio(xs, uout(xs, float(bb), gen)) for bb in b_mc for xs in [sample(n_curve)]]
    ctx.check_cancelled()

    # BN trained behind the noise, evaluated on clean inputs.
    n_bn = (n // BN_BATCH) * BN_BATCH
    messages = []
    if n_bn < BN_BATCH * 4:
        messages.append(DemoText.tr("n_samples={n} gives few BN batches of {batch}; the BN histograms are rough.")
                        .format(n=n, batch=BN_BATCH))
    x_test = sample(n)
    bn_train, bn_test_drop = bn_after_noise(x[:n_bn], x_test, drop)
    _, bn_test_uout = bn_after_noise(x[:n_bn], x_test, lambda b: uout(b, beta, gen))
    metrics.update({
        "bn_train_output_var": float(bn_train.var()),
        "bn_test_output_var_dropout": float(bn_test_drop.var()),
        "bn_test_output_var_uout": float(bn_test_uout.var()),
    })

    p_grid = np.linspace(0.0, 0.9, CURVE_POINTS)
    b_grid = np.linspace(0.0, 1.0, CURVE_POINTS)
    series = [
        Series("theory v/((c²+v)/q − c²)", _fl(p_grid), [dropout_ratio_theory(float(pp), c, v) for pp in p_grid],
               "dropout", style={"color": color(0), "label_zh": "理论 v/((c²+v)/q − c²)"}),
        Series("Monte Carlo", _fl(p_mc), mc_drop, "dropout", "scatter",
               style={"color": color(1), "size": 28, "label_zh": "蒙特卡洛"}),
        Series("no shift", [], [1.0], "dropout", "hline", style={"color": "0.5", "ls": ":", "label_zh": "无偏移"}),
        Series("chosen p", [p], [], "dropout", "vline", style={"color": "0.2", "ls": "--", "label_zh": "所选 p"}),
        Series("theory v/(v + (c²+v)β²/3)", _fl(b_grid), [uout_ratio_theory(float(bb), c, v) for bb in b_grid],
               "uout", style={"color": color(2), "label_zh": "理论 v/(v + (c²+v)β²/3)"}),
        Series("Monte Carlo (Uout)", _fl(b_mc), mc_uout, "uout", "scatter",
               style={"color": color(1), "size": 28, "label_zh": "蒙特卡洛（Uout）"}),
        Series("_no shift (Uout)", [], [1.0], "uout", "hline", style={"color": "0.5", "ls": ":"}),
        Series("chosen β", [beta], [], "uout", "vline", style={"color": "0.2", "ls": "--", "label_zh": "所选 β"}),
    ]
    hists = _histograms(bn_train, bn_test_drop, bn_test_uout)
    # Dropped units pile up in one spike of the train histogram; scale the axis to the test ones.
    top = 1.25 * max(max(h.y) for h in hists[1:])
    return ctx.result(series + hists, _panels(c, v, top), metrics, messages)


def _fl(a: np.ndarray) -> list[float]:
    return [float(v) for v in a]


def _histograms(train: torch.Tensor, test_drop: torch.Tensor, test_uout: torch.Tensor) -> list[Series]:
    lo, hi = -4.0, 4.0
    edges = torch.linspace(lo, hi, HIST_BINS + 1, dtype=train.dtype, device=train.device)
    width = (hi - lo) / HIST_BINS

    def density(t: torch.Tensor) -> list[float]:
        counts = torch.histc(t, bins=HIST_BINS, min=lo, max=hi)
        return to_floats(counts / (t.numel() * width))

    return [
        Series("train: batch stats, var ≈ 1 (spike: dropped units)", to_floats(edges), density(train), "bn", "hist",
               style={"color": "0.55", "alpha": 0.35, "label_zh": "训练：批统计量，方差≈1（尖峰：被丢弃的单元）"}),
        Series("test after dropout", to_floats(edges), density(test_drop), "bn", "hist",
               style={"color": color(0), "alpha": 0.45, "label_zh": "测试：之前用 dropout"}),
        Series("test after Uout", to_floats(edges), density(test_uout), "bn", "hist",
               style={"color": color(2), "fill": False, "alpha": 1.0, "label_zh": "测试：之前用 Uout"}),
    ]


def _panels(c: float, v: float, hist_top: float) -> list[Panel]:
    return [
        Panel("dropout", f"Dropout: Var_test/Var_train (c = {c:g}, v = {v:g})",
              f"Dropout：Var_test/Var_train（c = {c:g}，v = {v:g}）",
              xlabel="drop probability p (q = 1 − p)", ylabel="Var_test / Var_train",
              xlabel_zh="丢弃概率 p（q = 1 − p）", ylim=(0.0, 1.08)),
        Panel("uout", "Uout x·(1+r), r ~ U(−β, β)", "Uout：x·(1+r)，r ~ U(−β, β)",
              xlabel="β", ylabel="Var_test / Var_train", ylim=(0.0, 1.08)),
        Panel("bn", "BN output at test time (running stats)", "测试时 BN 的输出（滑动统计量）",
              xlabel="BN output", ylabel="density", xlabel_zh="BN 输出", ylabel_zh="密度", ylim=(0.0, hist_top)),
    ]
