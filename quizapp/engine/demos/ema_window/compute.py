"""ema-window: the exponential moving average, its window and its bias correction.

v_t = β v_{t−1} + (1 − β) x_t with v_0 = 0 is a weighted sum of past observations: x_{t−k} gets
weight (1 − β) β^k. The weight falls to 1/e of the newest after n = 1/(1 − β) steps, since
β^(1/(1−β)) → 1/e as β → 1 — hence "an EMA averages the last 1/(1 − β) steps". The weights of
the first t steps sum to 1 − β^t, so v_t is biased towards 0 early on; v̂_t = v_t / (1 − β^t)
(Adam's bias correction) removes that exactly: the corrected EMA of a constant is the constant.

The update is computed as torch.optim.Adam computes its first moment (exp_avg.lerp_).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series, to_floats

_WEIGHT_BARS = 60  # past steps shown in the weights panel (at least 3 windows when it fits)


def clean_signal(kind: str, level: float, steps: int) -> np.ndarray:
    """x*_t for t = 1..steps: a constant, a step from `level` to −`level` halfway, or a cosine of
    amplitude `level`. All start at `level`, so the start-up bias of an EMA from 0 shows."""
    t = np.arange(1, steps + 1, dtype=np.float64)
    if kind == "constant":
        return np.full(steps, level)
    if kind == "step":
        return np.where(t > steps // 2, -level, level)
    return level * np.cos(2.0 * np.pi * (t - 1.0) / max(steps / 2.0, 2.0))


def ema(x: torch.Tensor, beta: float) -> torch.Tensor:
    """EMA along the last axis from v_0 = 0, with torch.optim.Adam's update (lerp towards x_t)."""
    v = torch.zeros(x.shape[:-1], dtype=x.dtype, device=x.device)
    out = torch.empty_like(x)
    for t in range(x.shape[-1]):
        v.lerp_(x[..., t], 1.0 - beta)
        out[..., t] = v
    return out


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    beta, level, sigma, steps = params["beta"], params["level"], params["noise"], params["steps"]
    clean = clean_signal(params["signal"], level, steps)
    dev = ctx.device
    noise = torch.randn(steps, dtype=torch.float64, device=dev, generator=ctx.generator)
    observed = torch.tensor(clean, device=dev) + sigma * noise
    constant = torch.full((steps,), level, dtype=torch.float64, device=dev)
    raw_obs, raw_const = ema(torch.stack([observed, constant]), beta)
    t = torch.arange(1, steps + 1, dtype=torch.float64, device=dev)
    correction = 1.0 - beta**t
    corrected_obs, corrected_const = raw_obs / correction, raw_const / correction

    window = 1.0 / (1.0 - beta)
    ratio = beta**window  # weight of the step `window` back relative to the newest
    t_list = list(range(1, steps + 1))
    series = [
        Series("observations x_t", t_list, to_floats(observed), "signal", "scatter",
               style={"color": "0.6", "size": 6, "alpha": 0.6, "label_zh": "观测值 x_t"}),
        Series("clean signal", t_list, clean.tolist(), "signal", "line",
               style={"color": "black", "lw": 1.0, "ls": ":", "label_zh": "真实信号"}),
        Series("EMA v_t (from 0)", t_list, to_floats(raw_obs), "signal", "line",
               style={"color": "#D55E00", "label_zh": "EMA v_t（从 0 开始）"}),
        Series("bias-corrected v_t/(1−β^t)", t_list, to_floats(corrected_obs), "signal", "line",
               style={"color": "#0072B2", "label_zh": "偏差修正 v_t/(1−β^t)"}),
    ]
    # weights of past observations in v_T
    k = np.arange(min(steps, max(_WEIGHT_BARS, int(3 * window) + 1)))
    weights = (1.0 - beta) * beta**k
    series += [
        Series("weight (1−β)β^k", k.tolist(), weights.tolist(), "weights", "bar",
               style={"color": "#56B4E9", "width": 0.9, "label_zh": "权重 (1−β)β^k"}),
        Series("k = 1/(1−β)", [window], [], "weights", "vline",
               style={"color": "#D55E00", "ls": "--", "label_zh": "k = 1/(1−β)"}),
        Series("(1−β)/e", [], [(1.0 - beta) / math.e], "weights", "hline",
               style={"color": "0.3", "ls": ":", "label_zh": "(1−β)/e"}),
    ]
    # β^(1/(1−β)) → 1/e
    betas = 1.0 - np.geomspace(0.5, 1e-4, 200)
    series += [
        Series("β^(1/(1−β))", (1.0 / (1.0 - betas)).tolist(), (betas ** (1.0 / (1.0 - betas))).tolist(), "limit",
               "line", style={"color": "#0072B2"}),
        Series("1/e", [], [1.0 / math.e], "limit", "hline", style={"color": "0.3", "ls": "--"}),
        Series("chosen β", [window], [ratio], "limit", "scatter",
               style={"color": "#D55E00", "size": 60, "alpha": 1.0, "label_zh": "所选 β"}),
    ]
    # the constant, for the exactness metrics
    metrics = {
        "beta": beta,
        "window": window,
        "weight_ratio_at_window": ratio,
        "one_over_e": 1.0 / math.e,
        "weight_mass_in_window": 1.0 - beta ** math.ceil(window),
        "raw_ema_constant_first_step": float(raw_const[0]),
        "raw_ema_constant_rel_bias_at_window": float(1.0 - raw_const[min(steps, math.ceil(window)) - 1] / level)
        if level != 0 else 0.0,
        "corrected_ema_constant_max_abs_error": float((corrected_const - level).abs().max()),
        "corrected_ema_final": float(corrected_obs[-1]),
        "raw_ema_final": float(raw_obs[-1]),
    }
    panels = [
        Panel("signal", "Noisy signal and its EMA", "带噪信号及其 EMA", xlabel="step t", ylabel="value",
              xlabel_zh="步数 t", ylabel_zh="数值"),
        Panel("weights", "Weight of the observation k steps back", "k 步之前观测值的权重",
              xlabel="steps back k", ylabel="weight in v_t", xlabel_zh="向前的步数 k", ylabel_zh="在 v_t 中的权重"),
        Panel("limit", "β^(1/(1−β)) → 1/e: the 1/(1−β) window", "β^(1/(1−β)) → 1/e：窗口 1/(1−β)",
              xlabel="window 1/(1−β)", ylabel="β^(1/(1−β))", xlabel_zh="窗口 1/(1−β)", xscale="log"),
    ]
    return ctx.result(series, panels, metrics)
