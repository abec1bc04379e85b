"""batchnorm-rnn: BN statistics per time step over a batch of variable-length sequences.

Recurrent BN (Cooijmans et al. 2017) keeps separate statistics for every time step t, computed
over the sequences that are still running at t. With lengths L_i, step t rests on
n_t = #{i : L_i ≥ t} samples, and the batch mean there estimates μ_t with variance σ_t²/n_t.
Most sequences are short, so late steps rest on a handful of samples (or one: no variance at
all; or none). We run a tanh nn.RNN over random inputs: a large population gives the true
per-step μ_t and σ_t of hidden unit 0; `repeats` batches with the demo's lengths but fresh
inputs measure how much the per-step mean estimate scatters, next to σ_t/√n_t.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series
from quizapp.i18n.text import DemoText

INPUT_SIZE = 4
POPULATION = 4096  # sequences giving the reference μ_t, σ_t
SHOWN_BATCHES = 5


def draw_lengths(batch: int, mean_len: float, max_len: int, rng: np.random.Generator) -> np.ndarray:
    """1 + a geometric count (mean `mean_len` before capping), capped at max_len."""
    p = min(1.0, 1.0 / mean_len)
    return np.minimum(rng.geometric(p, size=batch), max_len).astype(np.int64)


def step_counts(lengths: np.ndarray, max_len: int) -> list[int]:
    """n_t for t = 1..max_len: how many sequences reach time step t."""
    return [int((lengths >= t).sum()) for t in range(1, max_len + 1)]


def make_rnn(hidden: int, device: torch.device, generator: torch.Generator) -> nn.RNN:
    rnn = nn.RNN(INPUT_SIZE, hidden, batch_first=True, device=device)
    k = 1.0 / math.sqrt(hidden)
    with torch.no_grad():
        for w in rnn.parameters():  # nn.RNN's own U(−k, k) init, from the demo's generator
            nn.init.uniform_(w, -k, k, generator=generator)
    return rnn


@torch.no_grad()
def unit0_states(rnn: nn.RNN, n: int, T: int, device: torch.device, generator: torch.Generator) -> torch.Tensor:
    """Hidden unit 0 of the RNN over n random input sequences of length T: shape (n, T). A
    causal RNN's h_t does not depend on where the sequence ends, so padding to T and masking
    later gives exactly what a variable-length batch computes."""
    x = torch.randn(n, T, INPUT_SIZE, device=device, generator=generator)
    out, _ = rnn(x)
    unit0: torch.Tensor = out[:, :, 0]
    return unit0


def run(p: dict[str, Any], ctx: RunContext) -> DemoResult:
    B, T, R = p["batch_size"], p["max_len"], p["repeats"]
    dev = ctx.device
    lengths = draw_lengths(B, p["mean_len"], T, ctx.rng)
    counts = step_counts(lengths, T)
    rnn = make_rnn(p["hidden"], dev, ctx.generator)

    pop = unit0_states(rnn, POPULATION, T, dev, ctx.generator)
    mu_t = pop.mean(dim=0)
    sd_t = pop.std(dim=0)

    # R batches with these lengths: mask[i, t] = sequence i still running at step t+1
    steps = torch.arange(1, T + 1, device=dev)
    mask = (torch.as_tensor(lengths, device=dev)[:, None] >= steps[None, :]).float()  # (B, T)
    n_t = mask.sum(dim=0)  # = counts
    h = unit0_states(rnn, R * B, T, dev, ctx.generator).reshape(R, B, T)
    est = (h * mask).sum(dim=1) / n_t.clamp_min(1)  # (R, T): per-batch, per-step BN mean
    est = torch.where(n_t > 0, est, torch.full_like(est, float("nan")))
    spread = est.std(dim=0)  # across the R batches

    t_axis = list(range(1, T + 1))
    valid = [t for t, n in zip(t_axis, counts) if n > 0]
    theory = [float(sd_t[t - 1]) / math.sqrt(counts[t - 1]) for t in valid]
    full = [float(sd_t[t - 1]) / math.sqrt(B) for t in valid]
    mu_l, band = [float(mu_t[t - 1]) for t in valid], [2 * v for v in theory]

    series = [
        Series("sequences still running n_t", t_axis, [float(c) for c in counts], panel="count", kind="bar",
               style={"label_zh": "仍在运行的序列数 n_t", "width": 0.9}),
        Series("batch size", [], [float(B)], panel="count", kind="hline", style={"label_zh": "批大小"}),
        Series("too few below", [], [float(p["min_count"])], panel="count", kind="hline",
               style={"label_zh": "样本过少阈值", "color": "#D55E00", "ls": ":"}),
    ]
    for r in range(min(SHOWN_BATCHES, R)):
        series.append(Series("per-step mean, one batch" if r == 0 else f"_batch {r + 1}", valid,
                             [float(est[r, t - 1]) for t in valid], panel="mean",
                             style={"label_zh": "单批逐步均值", "color": "0.6", "lw": 0.9, "alpha": 0.8}))
    series += [
        Series("true μ_t", valid, mu_l, panel="mean", style={"label_zh": "真实 μ_t", "color": "#0072B2", "lw": 2.2}),
        Series("μ_t ± 2σ_t/√n_t", valid, [m + b for m, b in zip(mu_l, band)], panel="mean",
               style={"label_zh": "μ_t ± 2σ_t/√n_t", "color": "#D55E00", "ls": "--"}),
        Series("_lower band", valid, [m - b for m, b in zip(mu_l, band)], panel="mean",
               style={"color": "#D55E00", "ls": "--"}),
        Series("measured std over batches", valid, [float(spread[t - 1]) for t in valid], panel="spread",
               kind="scatter", style={"label_zh": f"{R} 批实测标准差", "size": 14}),
        Series("σ_t/√n_t", valid, theory, panel="spread", style={"label_zh": "σ_t/√n_t", "color": "#D55E00"}),
        Series("σ_t/√B (if all ran to t)", valid, full, panel="spread",
               style={"label_zh": "σ_t/√B（若全部序列都到 t）", "color": "0.5", "ls": ":"}),
    ]
    panels = [
        Panel("count", "Samples behind each step's statistics", "每个时间步统计量所依据的样本数", xlabel="time step t",
              ylabel="sequences with length ≥ t", xlabel_zh="时间步 t", ylabel_zh="长度 ≥ t 的序列数"),
        Panel("mean", "Per-step BN mean of hidden unit 0", "隐藏单元 0 的逐步 BN 均值", xlabel="time step t",
              ylabel="batch mean at step t", xlabel_zh="时间步 t", ylabel_zh="第 t 步的批均值"),
        Panel("spread", "Spread of the per-step mean estimate", "逐步均值估计的离散程度", xlabel="time step t",
              ylabel="std of the estimate", xlabel_zh="时间步 t", ylabel_zh="估计值的标准差", yscale="log"),
    ]

    few = [t for t, n in zip(t_axis, counts) if n < p["min_count"]]
    ones = [t for t, n in zip(t_axis, counts) if n == 1]
    none = [t for t, n in zip(t_axis, counts) if n == 0]
    messages = []
    if few:
        messages.append(DemoText.tr("From time step {step} on, fewer than {least} of the {sequences} sequences are "
                                    "still running ({few} of {steps} steps): their BN statistics are unreliable.")
                        .format(step=few[0], least=p["min_count"], sequences=B, few=len(few), steps=T))
    if ones:
        messages.append(DemoText.tr("%n time step(s) with a single sequence (first: t = {first}): its batch "
                                    "variance is 0, so BN cannot normalize there in training mode.", "",
                                    len(ones)).format(first=ones[0]))
    if none:
        messages.append(DemoText.tr("No sequence reaches steps {first}–{last}: BN has no statistics there at all.")
                        .format(first=none[0], last=T))
    rel = [abs(float(spread[t - 1]) / th - 1) for t, th in zip(valid, theory) if counts[t - 1] >= 2 and th > 0]
    metrics: dict[str, Any] = {
        "mean_length": float(lengths.mean()), "longest": int(lengths.max()),
        "count_at_step_1": counts[0],
        "first_step_below_min_count": few[0] if few else None,
        "steps_below_min_count": len(few), "steps_with_one_sample": len(ones), "steps_with_no_sample": len(none),
        "median_rel_error_spread_vs_theory": float(np.median(rel)) if rel else None,
    }
    return ctx.result(series, panels, metrics, messages)
