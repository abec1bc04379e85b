"""weight-decay: an L2 penalty in the loss vs the optimizer's weight decay, for SGD and for Adam.

SGD: the gradient of (λ/2)‖θ‖² is λθ, and SGD(weight_decay=λ) adds exactly λθ to the gradient,
so both take the step θ ← θ − η(∇L + λθ): the trajectories coincide (up to float rounding).
Adam: with the penalty in the loss, λθ enters m and v and is divided by √v̂, so weights with large
gradients are barely decayed; AdamW decays every weight by ηλθ outside the adaptive step
(Loshchilov & Hutter). Same λ, different trajectories.
"""
from __future__ import annotations

import copy
import functools
import math
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import build_mlp
from quizapp.engine.pacing import FramePacer
from quizapp.engine.palette import color
from quizapp.engine.result import DemoResult, Frame, Panel, Series, SeriesStyle
from quizapp.engine.toydata import make_moons
from quizapp.i18n.text import DemoText

N_POINTS = 200
MOONS_NOISE = 0.2


def l2_penalty(model: nn.Module) -> torch.Tensor:
    """(1/2)‖θ‖² over every parameter (biases too, as torch's weight_decay does)."""
    # reduce, not sum(): the same additions in the same order, without sum's int start (typed Tensor | int)
    return 0.5 * functools.reduce(operator.add, ((p * p).sum() for p in model.parameters()))


def param_vector(model: nn.Module) -> torch.Tensor:
    return nn.utils.parameters_to_vector(model.parameters()).detach()


@dataclass
class Variant:
    """One of the four ways to train: its model, optimizer and whether the penalty is in the loss."""

    name: str
    label_zh: str
    model: nn.Module
    optimizer: torch.optim.Optimizer
    penalty_in_loss: bool
    style: SeriesStyle
    losses: list[float] = field(default_factory=list)
    norms: list[float] = field(default_factory=list)


def make_variants(base: nn.Module, lam: float, lr_sgd: float, lr_adam: float) -> list[Variant]:
    """Four copies of the same initialized model with their optimizers."""
    specs: list[tuple[str, str, Callable[[nn.Module], torch.optim.Optimizer], bool, SeriesStyle]] = [
        ("SGD + L2 in loss", "SGD + 损失中的 L2",
         lambda m: torch.optim.SGD(m.parameters(), lr=lr_sgd), True, {"color": color(0), "lw": 3.0, "alpha": 0.5}),
        ("SGD(weight_decay)", "SGD(weight_decay)",
         lambda m: torch.optim.SGD(m.parameters(), lr=lr_sgd, weight_decay=lam), False,
         {"color": color(0), "ls": "--"}),
        ("Adam + L2 in loss", "Adam + 损失中的 L2",
         lambda m: torch.optim.Adam(m.parameters(), lr=lr_adam), True, {"color": color(1)}),
        ("AdamW(weight_decay)", "AdamW(weight_decay)",
         lambda m: torch.optim.AdamW(m.parameters(), lr=lr_adam, weight_decay=lam), False,
         {"color": color(2), "ls": "--"}),
    ]
    out = []
    for name, zh, make_opt, in_loss, style in specs:
        model = copy.deepcopy(base)
        out.append(Variant(name, zh, model, make_opt(model), in_loss, style))
    return out


def train_step(v: Variant, X: torch.Tensor, y: torch.Tensor, lam: float) -> float:
    """One full-batch step; returns the data loss (without the penalty) before the step."""
    v.optimizer.zero_grad(set_to_none=True)
    data_loss = nn.functional.cross_entropy(v.model(X), y)
    loss = data_loss + lam * l2_penalty(v.model) if v.penalty_in_loss else data_loss
    loss.backward()
    v.optimizer.step()
    return float(data_loss.detach())


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    lam = float(params["weight_decay"])
    steps = int(params["steps"])
    X_np, y_np = make_moons(N_POINTS, MOONS_NOISE, ctx.rng)
    X = torch.as_tensor(X_np, device=ctx.device)
    y = torch.as_tensor(y_np, device=ctx.device)
    base = build_mlp(2, [params["hidden"], params["hidden"]], 2, "tanh", device=ctx.device, generator=ctx.generator)
    variants = make_variants(base, lam, params["lr_sgd"], params["lr_adam"])
    sgd_l2, sgd_wd, adam_l2, adamw = variants

    step_axis: list[float] = []
    sgd_gap: list[float] = []  # ‖θ_SGD+L2 − θ_SGD(wd)‖ after each step
    adam_gap: list[float] = []  # ‖θ_Adam+L2 − θ_AdamW‖ after each step
    sgd_max_abs = 0.0
    diverged = False

    def frame_series() -> list[Series]:
        return _series(variants, step_axis, sgd_gap, adam_gap)

    yield Frame(0.0, frame_series(), _panels(), {})
    pacer = FramePacer(started=True)
    for step in range(1, steps + 1):
        ctx.check_cancelled()
        for v in variants:
            v.losses.append(train_step(v, X, y, lam))
            v.norms.append(float(param_vector(v.model).norm()))
        step_axis.append(float(step))
        diff_sgd = param_vector(sgd_l2.model) - param_vector(sgd_wd.model)
        sgd_gap.append(float(diff_sgd.norm()))
        sgd_max_abs = max(sgd_max_abs, float(diff_sgd.abs().max()))
        adam_gap.append(float((param_vector(adam_l2.model) - param_vector(adamw.model)).norm()))
        if not all(math.isfinite(v.losses[-1]) and math.isfinite(v.norms[-1]) for v in variants):
            diverged = True
            break
        if pacer.due():
            yield Frame(step / steps, frame_series(), _panels(), {})

    norm_adam, norm_adamw = adam_l2.norms[-1], adamw.norms[-1]
    metrics: dict[str, Any] = {
        "steps_run": len(step_axis),
        "sgd_l2_vs_weight_decay_max_abs_diff": sgd_max_abs,
        "sgd_l2_vs_weight_decay_final_distance": sgd_gap[-1],
        "adam_l2_vs_adamw_final_distance": adam_gap[-1],
        "adam_l2_vs_adamw_relative_distance": adam_gap[-1] / max(norm_adamw, 1e-12),
        "final_norm_sgd_l2": sgd_l2.norms[-1],
        "final_norm_sgd_weight_decay": sgd_wd.norms[-1],
        "final_norm_adam_l2": norm_adam,
        "final_norm_adamw": norm_adamw,
        "final_loss_sgd_l2": sgd_l2.losses[-1],
        "final_loss_sgd_weight_decay": sgd_wd.losses[-1],
        "final_loss_adam_l2": adam_l2.losses[-1],
        "final_loss_adamw": adamw.losses[-1],
        "diverged": diverged,
    }
    messages = []
    if diverged:
        messages.append(DemoText.tr("training diverged at step {step}; lower the learning rates.").format(
            step=len(step_axis)))
    yield ctx.result(frame_series(), _panels(), metrics, messages)


def _series(variants: list[Variant], steps: list[float], sgd_gap: list[float], adam_gap: list[float]) -> list[Series]:
    out: list[Series] = []
    for v in variants:
        out.append(Series(v.name, list(steps), list(v.losses), "loss", style={**v.style, "label_zh": v.label_zh}))
    for v in variants:
        out.append(Series(f"_{v.name} norm", list(steps), list(v.norms), "norm", style=v.style.copy()))
    out.append(Series("SGD + L2 vs SGD(weight_decay)", list(steps), list(sgd_gap), "gap",
                      style={"color": color(0), "label_zh": "SGD + L2 与 SGD(weight_decay)"}))
    out.append(Series("Adam + L2 vs AdamW", list(steps), list(adam_gap), "gap",
                      style={"color": color(1), "label_zh": "Adam + L2 与 AdamW"}))
    # Round-off scale of the weights: SGD's pair differs only by float rounding, so it stays near here.
    if steps:
        eps = torch.finfo(next(variants[0].model.parameters()).dtype).eps
        out.append(Series("float round-off ε·‖θ‖", [], [eps * variants[1].norms[-1]], "gap", "hline",
                          style={"color": "0.4", "ls": ":", "label_zh": "浮点舍入 ε·‖θ‖"}))
    return out


def _panels() -> list[Panel]:
    return [
        Panel("loss", "Training loss (data term only)", "训练损失（仅数据项）", xlabel="step",
              ylabel="cross-entropy", xlabel_zh="步数", ylabel_zh="交叉熵", yscale="log"),
        Panel("norm", "Parameter norm ‖θ‖₂", "参数范数 ‖θ‖₂", xlabel="step", ylabel="‖θ‖₂", xlabel_zh="步数"),
        Panel("gap", "Distance between the pair's weights", "成对模型参数之间的距离", xlabel="step",
              ylabel="‖θ_a − θ_b‖₂", xlabel_zh="步数", yscale="log"),
    ]
