"""covariate-shift: how a hidden layer's input distribution moves while the layers below learn.

Two copies of one MLP (identical Linear initialization) train on the same batches; one has
nn.BatchNorm1d between each hidden Linear and its nonlinearity. We follow the input to the last
hidden nonlinearity on the whole training set: the 15/50/85th percentiles of one unit (Ioffe &
Szegedy 2015, Fig. 1) and, over all units, how far the per-unit mean and scale have moved since
initialization. Without BN they wander as the lower weights change; with BN they are pinned to
the learned β and γ, because BN(a·h + b) = BN(h) for any a > 0, b: rescaling or shifting by the
layers below cannot reach the next layer.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import (
    ACTIVATIONS,
    build_mlp,
    full_loss,
    toy_problem,
    train_steps,
)
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.i18n.text import DemoText

PERCENTILES = (0.15, 0.50, 0.85)
NET_COLORS = {"plain": "#0072B2", "bn": "#D55E00"}  # one colour per net across the drift and loss panels


def last_activation_index(model: nn.Sequential, activation: str) -> int:
    kind = type(ACTIVATIONS[activation]())
    return max(i for i, m in enumerate(model) if isinstance(m, kind))


@contextmanager
def frozen_running_stats(model: nn.Module) -> Iterator[None]:
    """Training-mode BN (normalizing with the batch's own statistics) that leaves the running
    estimates as they are: momentum 0 makes running = 1·running + 0·batch."""
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
    saved = [bn.momentum for bn in bns]
    for bn in bns:
        bn.momentum = 0.0
    try:
        yield
    finally:
        for bn, mom in zip(bns, saved):
            bn.momentum = mom


@torch.no_grad()
def probe_input(model: nn.Sequential, idx: int, X: torch.Tensor) -> torch.Tensor:
    """The input to module `idx` on X, as training mode computes it (BN with X's statistics)."""
    with frozen_running_stats(model):
        inputs: torch.Tensor = model[:idx](X)
        return inputs


class Tracker:
    """Percentiles of one unit and the drift of all units' mean and scale, per step."""

    def __init__(self, unit: int) -> None:
        self.unit = unit
        self.steps: list[int] = []
        self.pct: list[list[float]] = [[] for _ in PERCENTILES]
        self.mean_shift: list[float] = []
        self.scale_change: list[float] = []
        self._mu0: torch.Tensor | None = None
        self._sd0: torch.Tensor | None = None  # per-unit mean and std at step 0

    def record(self, step: int, h: torch.Tensor) -> None:
        q = torch.quantile(h[:, self.unit], torch.tensor(PERCENTILES, device=h.device, dtype=h.dtype))
        mu, sd = h.mean(dim=0), h.std(dim=0)
        if self._mu0 is None:
            self._mu0, self._sd0 = mu, sd
        assert self._sd0 is not None
        self.steps.append(step)
        for lst, v in zip(self.pct, q.tolist()):
            lst.append(v)
        # in the nonlinearity's own input units: its shape is fixed, so a move of its input
        # distribution by 1 changes what the unit computes whatever the layer's initial spread
        self.mean_shift.append(float((mu - self._mu0).abs().mean()))
        self.scale_change.append(float((sd - self._sd0).abs().mean()))


@dataclass
class SideBySide:
    """The plain and the BN net, trained on the same batches from the same Linear weights."""

    unit: int
    nets: dict[str, nn.Sequential]
    idx: dict[str, int]  # index of the tracked nonlinearity in each net
    trackers: dict[str, Tracker]
    losses: dict[str, list[float]] = field(default_factory=lambda: {"plain": [], "bn": []})
    loss_steps: dict[str, list[int]] = field(default_factory=lambda: {"plain": [], "bn": []})
    diverged: dict[str, int] = field(default_factory=dict)  # net -> step at which it diverged (it stops)


def _build(p: dict[str, Any], ctx: RunContext) -> SideBySide:
    dev, act, width = ctx.device, p["activation"], p["width"]
    nets: dict[str, nn.Sequential] = {}
    for key, norm in (("plain", None), ("bn", lambda w: nn.BatchNorm1d(w))):
        gen = torch.Generator(device=dev).manual_seed(ctx.seed + 3)  # same Linear weights in both
        nets[key] = build_mlp(2, [width] * p["depth"], 2, act, device=dev, generator=gen, norm=norm)
    unit = p["unit"] % width
    return SideBySide(unit, nets, {k: last_activation_index(m, act) for k, m in nets.items()},
                      {k: Tracker(unit) for k in nets})


def _panels(p: dict[str, Any], unit: int) -> list[Panel]:
    act_name = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}[p["activation"]]
    titles = {
        "plain": (f"Without BN: input to unit {unit}'s {act_name}", f"无 BN：单元 {unit} 的 {act_name} 输入"),
        "bn": (f"With BN: input to unit {unit}'s {act_name}", f"有 BN：单元 {unit} 的 {act_name} 输入"),
    }
    return [
        *(Panel(k, *titles[k], xlabel="step", ylabel="value (15/50/85th percentile)", xlabel_zh="步数",
                ylabel_zh="取值（第 15/50/85 百分位）") for k in ("plain", "bn")),
        Panel("drift", "Drift of the layer's input since step 0", "该层输入分布自第 0 步起的漂移", xlabel="step",
              ylabel="mean over units of |change|", xlabel_zh="步数", ylabel_zh="各单元变化量的平均"),
        Panel("loss", "Training loss (full set)", "训练损失（全数据集）", xlabel="step", ylabel="cross-entropy loss",
              xlabel_zh="步数", ylabel_zh="交叉熵损失", yscale="log"),
    ]


_PERCENTILES = (("15th percentile", "第 15 百分位"), ("median", "中位数"), ("85th percentile", "第 85 百分位"))
_NET_LABELS = {"plain": ("no BN", "无 BN"), "bn": ("BN", "有 BN")}


def _series(run: SideBySide) -> list[Series]:
    out = []
    for key in ("plain", "bn"):
        tr = run.trackers[key]
        for i, (name, zh) in enumerate(_PERCENTILES):
            out.append(Series(name if key == "plain" else f"_{name} (BN)", tr.steps, tr.pct[i], panel=key,
                              style={"label_zh": zh, "lw": 2.2 if i == 1 else 1.4}))
    for key in ("plain", "bn"):
        tr, (en, zh), c = run.trackers[key], _NET_LABELS[key], NET_COLORS[key]
        out.append(Series(f"|μ − μ₀| ({en})", tr.steps, tr.mean_shift, panel="drift",
                          style={"label_zh": f"|μ − μ₀|（{zh}）", "color": c}))
        out.append(Series(f"|σ − σ₀| ({en})", tr.steps, tr.scale_change, panel="drift",
                          style={"label_zh": f"|σ − σ₀|（{zh}）", "ls": "--", "color": c}))
    for key in ("plain", "bn"):
        en, zh = _NET_LABELS[key]
        out.append(Series(en, run.loss_steps[key], run.losses[key], panel="loss",
                          style={"label_zh": zh, "color": NET_COLORS[key]}))
    return out


def _metrics(run: SideBySide, X: torch.Tensor) -> dict[str, Any]:
    # the fact behind the picture, on this run's own layer: BN(a·h + b) = BN(h) for a > 0
    bn_net = run.nets["bn"]
    h_pre = probe_input(bn_net, run.idx["bn"] - 1, X)  # the BN layer's input
    bn_layer = bn_net[run.idx["bn"] - 1]
    with torch.no_grad(), frozen_running_stats(bn_layer):
        out_plain, out_affine = bn_layer(h_pre), bn_layer(3.0 * h_pre - 2.0)
    metrics: dict[str, Any] = {"diverged": bool(run.diverged)}
    for key, suffix in (("plain", "no_bn"), ("bn", "bn")):
        ok = key not in run.diverged  # a diverged net has no final value
        metrics[f"final_mean_shift_{suffix}"] = run.trackers[key].mean_shift[-1] if ok else None
        metrics[f"final_std_change_{suffix}"] = run.trackers[key].scale_change[-1] if ok else None
        metrics[f"final_loss_{suffix}"] = run.losses[key][-1] if ok else None
    metrics.update({
        "bn_affine_invariance_max_diff": float((out_plain - out_affine).abs().max()),
        # what that difference is made of: eps against the smallest per-unit variance of BN's input
        "bn_input_min_var": float(h_pre.var(dim=0, unbiased=False).min()),
    })
    return metrics


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    X, y = toy_problem(p["dataset"], ctx.rng, ctx.device)
    sbs = _build(p, ctx)
    steppers = {}
    for key, model in sbs.nets.items():
        opt = torch.optim.SGD(model.parameters(), lr=p["lr"], momentum=0.9)
        batches = torch.Generator(device=ctx.device).manual_seed(ctx.seed + 5)  # same batches in both
        steppers[key] = train_steps(model, X, y, opt, p["steps"], batch_size=p["batch_size"], generator=batches)
    for key, model in sbs.nets.items():
        sbs.trackers[key].record(0, probe_input(model, sbs.idx[key], X))
    panels = _panels(p, sbs.unit)
    pacer = FramePacer()
    for step in range(1, p["steps"] + 1):
        if pacer.due():
            yield Frame((step - 1) / p["steps"], _series(sbs), panels)
        ctx.check_cancelled()
        for key, model in sbs.nets.items():
            if key in sbs.diverged:
                continue
            next(steppers[key])
            loss = full_loss(model, X, y)
            if not math.isfinite(loss) or loss > 1e3:
                sbs.diverged[key] = step
                continue
            sbs.trackers[key].record(step, probe_input(model, sbs.idx[key], X))
            sbs.losses[key].append(loss)
            sbs.loss_steps[key].append(step)
    messages = [(DemoText.tr("The BN net diverged at step {step}; its curves stop there. Lower the learning rate.")
                 if k == "bn" else
                 DemoText.tr("The plain net diverged at step {step}; its curves stop there. Lower the learning rate."))
                .format(step=t) for k, t in sbs.diverged.items()]
    yield ctx.result(_series(sbs), panels, _metrics(sbs, X), messages)
