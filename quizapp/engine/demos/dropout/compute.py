"""dropout: PyTorch's inverted dropout, its moments, and MC dropout.

nn.Dropout(p) zeroes each unit with probability p (the DROP probability; the notes' p is the
KEEP probability q = 1 − p) and multiplies the kept units by 1/(1 − p) while training; in eval
mode it is the identity. Per unit, y = x·m/(1−p) with m ~ Bernoulli(1−p), so
E[y] = x (the mean is preserved) and Var[y] = x²·p/(1−p) (the variance is not).
MC dropout keeps dropout on at test time and averages many stochastic passes; the spread of
those passes is a cheap uncertainty estimate.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import reset_default
from quizapp.engine.pacing import FramePacer
from quizapp.engine.palette import color
from quizapp.engine.result import DemoResult, Frame, Panel, Series, to_floats
from quizapp.i18n.text import DemoText

N_UNITS = 16  # the vector the mask statistics are shown on
N_TRAIN = 40
NOISE = 0.1
LR = 0.01
GRID = np.linspace(-1.6, 1.6, 161)  # wider than the data, to show the spread grow off the data
N_SHOWN_SAMPLES = 8


def mask_statistics(x: torch.Tensor, p: float, n_masks: int) -> dict[str, torch.Tensor]:
    """Push `n_masks` copies of x through nn.Dropout(p) in training mode."""
    drop = nn.Dropout(p).train()
    out = drop(x.expand(n_masks, -1))
    return {"one_mask": out[0], "mean": out.mean(0), "var": out.var(0), "outputs": out}


def dropout_mlp(hidden: int, p: float, device: torch.device, generator: torch.Generator) -> nn.Sequential:
    """1 → h → h → 1 ReLU net with nn.Dropout after each hidden layer (seeded init)."""
    model = nn.Sequential(nn.Linear(1, hidden), nn.ReLU(), nn.Dropout(p),
                          nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(p),
                          nn.Linear(hidden, 1)).to(device)
    with torch.no_grad():
        for m in model:
            if isinstance(m, nn.Linear):
                reset_default(m, generator)
    return model


@torch.no_grad()
def mc_predict(model: nn.Module, x: torch.Tensor, samples: int) -> torch.Tensor:
    """`samples` stochastic passes (dropout on) in one batch: shape (samples, len(x))."""
    was_training = model.training
    model.train()
    out: torch.Tensor = model(x.repeat(samples, 1)).reshape(samples, -1)
    model.train(was_training)
    return out


@torch.no_grad()
def eval_predict(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    was_training = model.training
    model.eval()
    out: torch.Tensor = model(x).reshape(-1)
    model.train(was_training)
    return out


def make_data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Noisy sin(3x) on two clusters with a gap in the middle, so the spread shows where data is."""
    half = N_TRAIN // 2
    x = np.concatenate([rng.uniform(-1.0, -0.25, half), rng.uniform(0.25, 1.0, N_TRAIN - half)])
    return x, np.sin(3.0 * x) + NOISE * rng.standard_normal(N_TRAIN)


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    p = float(params["p_drop"])
    dev = ctx.device
    M = params["n_masks"]

    # --- the mask and its moments, on a fixed vector (float64 so the statistics are clean)
    x_vec = torch.as_tensor(np.sort(ctx.rng.uniform(-2.0, 2.0, N_UNITS)), dtype=torch.float64, device=dev)
    stats = mask_statistics(x_vec, p, M)
    out = stats["outputs"]
    kept = out != 0
    scale = 1.0 / (1.0 - p)
    scaled = (x_vec * scale).expand_as(out)
    theory_var = x_vec**2 * p / (1.0 - p)
    sd_of_mean = theory_var.sqrt() / math.sqrt(M)
    z = (stats["mean"] - x_vec).abs() / sd_of_mean.clamp(min=1e-300)
    eval_out = nn.Dropout(p).eval()(x_vec)
    mask_metrics = {
        "p_drop": p,
        "keep_probability_notes": 1.0 - p,
        "kept_scale_theory": scale,
        # bit for bit: every non-zero output is x·(1/(1−p)) (the others are the dropped units)
        "kept_units_exactly_scaled": bool(torch.equal(out[kept], scaled[kept])),
        "kept_fraction": float(kept.double().mean()),
        "mean_max_abs_error": float((stats["mean"] - x_vec).abs().max()),
        "mean_max_z_score": float(z.max()) if p > 0 else 0.0,
        "var_max_rel_error": float(((stats["var"] - theory_var).abs() / theory_var).max()) if p > 0 else 0.0,
        "eval_is_identity": bool(torch.equal(eval_out, x_vec)),
    }
    del out, stats["outputs"]
    static = _mask_series(x_vec, stats, p, M)
    ctx.check_cancelled()

    # --- MC dropout on a small regression
    x_tr, y_tr = make_data(ctx.rng)
    Xtr = torch.as_tensor(x_tr, dtype=torch.float32, device=dev).reshape(-1, 1)
    Ytr = torch.as_tensor(y_tr, dtype=torch.float32, device=dev).reshape(-1, 1)
    Xg = torch.as_tensor(GRID, dtype=torch.float32, device=dev).reshape(-1, 1)
    model = dropout_mlp(params["hidden"], p, dev, ctx.generator)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    steps, T = params["steps"], params["mc_samples"]

    def series() -> list[Series]:
        # A preview must not consume the global RNG that draws the training masks, or the number of
        # frames (a matter of timing) would change the trained model: same seed, same numbers.
        with torch.random.fork_rng(devices=[dev] if dev.type == "cuda" else [], device_type=dev.type):
            preview = mc_predict(model, Xg, T)
        return static + _mc_series(preview, eval_predict(model, Xg), x_tr, y_tr)

    yield Frame(0.0, series(), _panels(p), mask_metrics)
    pacer = FramePacer(started=True)
    diverged = False
    model.train()
    for step in range(1, steps + 1):
        ctx.check_cancelled()
        opt.zero_grad(set_to_none=True)
        loss = nn.functional.mse_loss(model(Xtr), Ytr)
        if not math.isfinite(loss.item()):
            diverged = True
            break
        loss.backward()
        opt.step()
        if pacer.due():
            yield Frame(step / steps, series(), _panels(p), mask_metrics)

    samples = mc_predict(model, Xg, T)
    det = eval_predict(model, Xg)
    std = samples.std(0) if T > 1 else torch.zeros_like(det)
    on_data = torch.as_tensor((np.abs(GRID) >= 0.25) & (np.abs(GRID) <= 1.0), device=dev)
    metrics = dict(mask_metrics)
    metrics.update({
        "mc_std_on_data": float(std[on_data].mean()),
        "mc_std_off_data": float(std[~on_data].mean()),
        "mc_mean_vs_eval_rms": float((samples.mean(0) - det).pow(2).mean().sqrt()),
        "train_mse_eval_mode": float(nn.functional.mse_loss(eval_predict(model, Xtr), Ytr.reshape(-1))),
        "diverged": diverged,
    })
    messages = [DemoText.tr("PyTorch's p = {p} is the DROP probability; the notes' keep probability is 1 − p = "
                            "{keep}.").format(p=f"{p:g}", keep=f"{1 - p:g}")]
    if p == 0:
        messages.append(DemoText.tr("p = 0: dropout is the identity, so the MC ensemble has no spread."))
    yield ctx.result(static + _mc_series(samples, det, x_tr, y_tr), _panels(p), metrics, messages)


def _mask_series(x: torch.Tensor, stats: dict[str, torch.Tensor], p: float, n_masks: int) -> list[Series]:
    idx = [float(i) for i in range(1, len(x) + 1)]
    xs = to_floats(x)
    scale = 1.0 / (1.0 - p)
    x_line = np.linspace(min(xs), max(xs), 101)
    # CLT: the mean of M masked copies has standard error |x|·√(p/(1−p))/√M
    band = 4.0 * np.abs(x_line) * math.sqrt(p / (1.0 - p) / n_masks)
    return [
        Series("input x = eval output", [i - 0.2 for i in idx], xs, "mask", "bar",
               style={"color": "0.55", "width": 0.4, "label_zh": "输入 x = 推理输出"}),
        Series("train output (one mask)", [i + 0.2 for i in idx], to_floats(stats["one_mask"]), "mask", "bar",
               style={"color": color(0), "width": 0.4, "label_zh": "训练输出（一个掩码）"}),
        Series("x/(1−p) if kept", [i + 0.2 for i in idx], [v * scale for v in xs], "mask", "scatter",
               style={"color": color(1), "marker": "_", "size": 120, "label_zh": "保留时 x/(1−p)"}),
        Series("mean preserved: 0", [], [0.0], "mean", "hline",
               style={"color": "0.4", "ls": "--", "label_zh": "均值保持：0"}),
        Series("±4 s.e. = ±4·|x|·√(p/(1−p)/M)", [float(v) for v in x_line], [float(v) for v in band], "mean",
               style={"color": "0.5", "ls": ":", "label_zh": "±4 标准误 = ±4·|x|·√(p/(1−p)/M)"}),
        Series("_-4 s.e.", [float(v) for v in x_line], [float(-v) for v in band], "mean",
               style={"color": "0.5", "ls": ":"}),
        Series("mean over masks − x", xs, to_floats(stats["mean"] - x), "mean", "scatter",
               style={"color": color(0), "label_zh": "多个掩码上的均值 − x"}),
        Series("theory p/(1−p)·x²", [float(v) for v in x_line], [float(v * v * p / (1 - p)) for v in x_line],
               "var", style={"color": "0.4", "ls": "--", "label_zh": "理论 p/(1−p)·x²"}),
        Series("variance over masks", xs, to_floats(stats["var"]), "var", "scatter",
               style={"color": color(1), "label_zh": "多个掩码上的方差"}),
        Series("eval mode: 0", [], [0.0], "var", "hline",
               style={"color": color(2), "ls": ":", "label_zh": "推理模式：0"}),
    ]


def _mc_series(samples: torch.Tensor, det: torch.Tensor, x_tr: np.ndarray, y_tr: np.ndarray) -> list[Series]:
    g = [float(v) for v in GRID]
    mean = samples.mean(0)
    std = samples.std(0) if samples.shape[0] > 1 else torch.zeros_like(mean)
    out = [Series("MC samples" if k == 0 else f"_mc sample {k}", g, to_floats(samples[k]), "mc",
                  style={"color": color(5), "lw": 0.7, "alpha": 0.45, "label_zh": "MC 采样"})
           for k in range(min(N_SHOWN_SAMPLES, samples.shape[0]))]
    out += [
        Series("MC mean ± 2 std", g, to_floats(mean + 2 * std), "mc",
               style={"color": color(0), "ls": "--", "lw": 1.0, "label_zh": "MC 均值 ± 2 标准差"}),
        Series("_mc lower", g, to_floats(mean - 2 * std), "mc", style={"color": color(0), "ls": "--", "lw": 1.0}),
        Series("MC mean", g, to_floats(mean), "mc", style={"color": color(0), "lw": 2.0, "label_zh": "MC 均值"}),
        Series("eval mode (no dropout)", g, to_floats(det), "mc",
               style={"color": color(1), "lw": 1.5, "label_zh": "推理模式（无 dropout）"}),
        Series("train points", [float(v) for v in x_tr], [float(v) for v in y_tr], "mc", "scatter",
               style={"color": "k", "size": 14, "label_zh": "训练点"}),
    ]
    return out


def _panels(p: float) -> list[Panel]:
    return [
        Panel("mask", f"One mask, drop p = {p:g}: kept units ×1/(1−p)",
              f"一个掩码，丢弃概率 p = {p:g}：保留单元 ×1/(1−p)",
              xlabel="unit j", ylabel="value", xlabel_zh="单元 j", ylabel_zh="数值"),
        Panel("mean", "Mean over masks − x: preserved (within CLT)", "多个掩码上的均值 − x：保持（在 CLT 范围内）",
              xlabel="input x", ylabel="mean of dropout(x) − x", xlabel_zh="输入 x", ylabel_zh="dropout(x) 的均值 − x"),
        Panel("var", "Variance over masks: not preserved", "多个掩码上的方差：不保持",
              xlabel="input x", ylabel="variance of dropout(x)", xlabel_zh="输入 x", ylabel_zh="dropout(x) 的方差"),
        Panel("mc", "MC dropout: ensemble mean and spread", "MC dropout：集成均值与离散程度",
              xlabel="x", ylabel="y"),
    ]
