"""batch-size-sharpness: small- vs large-batch SGD on the same MLP, same data, same epochs.

Sharpness is the top eigenvalue of the training loss's Hessian, found by power iteration on
Hessian-vector products (autograd's double backward — the Hessian is never formed). With the same
learning rate, the small batch's gradient noise keeps it out of sharp regions, while the large
batch settles where the curvature is several times higher, up towards GD's stability limit
2/lr. With linear LR scaling (the small batch's lr = lr × B_small / B_large, so both have the
same lr/B, the SGD noise scale) the two end about equally sharp.
"""
from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.func import functional_call

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import build_mlp
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series, SeriesStyle
from quizapp.engine.toydata import make_moons
from quizapp.i18n.text import DemoText

N_SAMPLES = 512  # two-moons training set
MOONS_NOISE = 0.2
_SLICE = np.linspace(-1.0, 1.0, 41)  # step sizes along the top eigenvector for the loss slice
_POINTS = 10  # sharpness is measured at about this many epochs along the way

Params = dict[str, torch.Tensor]


def _loss_fn(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> Callable[[Params], torch.Tensor]:
    """The full-batch loss as a function of a {name: tensor} parameter dict (torch.func style)."""
    def f(params: Params) -> torch.Tensor:
        return nn.functional.binary_cross_entropy_with_logits(functional_call(model, params, (X,)).squeeze(1), y)
    return f


def _dot(a: list[torch.Tensor], b: list[torch.Tensor]) -> torch.Tensor:
    return sum((x * y).sum() for x, y in zip(a, b))  # type: ignore[return-value]


def top_eigenvalue(model: nn.Module, X: torch.Tensor, y: torch.Tensor, iters: int,
                   v0: list[torch.Tensor] | None = None,
                   generator: torch.Generator | None = None) -> tuple[float, list[torch.Tensor]]:
    """The Hessian eigenvalue of largest magnitude of the full-batch loss at the model's weights
    and its unit eigenvector (one tensor per parameter), by `iters` power iterations.

    Each Hessian-vector product is one backward pass through the gradient's graph (autograd's
    double backward), built once per call: on this small MLP that is ~5x cheaper than
    torch.func's jvp-of-grad, which re-traces the gradient for every product."""
    params = list(model.parameters())
    loss = nn.functional.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    v = v0 if v0 is not None else [torch.randn(p.shape, dtype=p.dtype, device=p.device, generator=generator)
                                   for p in params]
    lam = 0.0
    for _ in range(iters):
        norm = torch.sqrt(_dot(v, v))
        v = [t / norm for t in v]
        hv = torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)
        lam = float(_dot(list(hv), v))  # Rayleigh quotient of the unit vector
        v = list(hv)
    norm = torch.sqrt(_dot(v, v))
    return lam, [t.detach() / norm for t in v]


@torch.no_grad()
def _full_loss_and_accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    logits = model(X).squeeze(1)
    loss = float(nn.functional.binary_cross_entropy_with_logits(logits, y))
    return loss, float(((logits > 0).to(y.dtype) == y).to(torch.float64).mean())


@torch.no_grad()
def _loss_slice(model: nn.Module, X: torch.Tensor, y: torch.Tensor, direction: list[torch.Tensor]) -> list[float]:
    """L(θ + a·v) − L(θ) for a in _SLICE, v the unit top eigenvector."""
    names = [k for k, _ in model.named_parameters()]
    params = {k: p.detach() for k, p in model.named_parameters()}
    f = _loss_fn(model, X, y)
    base = float(f(params))
    return [float(f({k: params[k] + float(a) * d for k, d in zip(names, direction)})) - base for a in _SLICE]


class _Run:
    """One SGD training run and its measured history."""

    def __init__(self, key: str, model: nn.Module, batch: int, lr: float) -> None:
        self.key, self.model, self.batch, self.lr = key, model, batch, lr
        self.opt = torch.optim.SGD(model.parameters(), lr=lr)
        self.epochs: list[int] = []
        self.losses: list[float] = []
        self.sharp_epochs: list[int] = []
        self.sharpness: list[float] = []
        self.vector: list[torch.Tensor] | None = None
        self.diverged_at: int | None = None
        self.steps = 0

    def epoch(self, X: torch.Tensor, y: torch.Tensor, generator: torch.Generator) -> None:
        if self.diverged_at is not None:
            return
        order = torch.randperm(X.shape[0], device=X.device, generator=generator)
        for start in range(0, X.shape[0], self.batch):
            idx = order[start:start + self.batch]
            self.opt.zero_grad()
            loss = nn.functional.binary_cross_entropy_with_logits(self.model(X[idx]).squeeze(1), y[idx])
            loss.backward()
            self.opt.step()
            self.steps += 1

    def record(self, epoch: int, X: torch.Tensor, y: torch.Tensor, iters: int | None,
               generator: torch.Generator) -> None:
        if self.diverged_at is not None:
            return
        loss, _ = _full_loss_and_accuracy(self.model, X, y)
        if not math.isfinite(loss):
            self.diverged_at = epoch
            return
        self.epochs.append(epoch)
        self.losses.append(loss)
        if iters:
            lam, self.vector = top_eigenvalue(self.model, X, y, iters, self.vector, generator)
            self.sharp_epochs.append(epoch)
            self.sharpness.append(lam)


_STYLE = {"small": ("#0072B2", "小批量"), "large": ("#D55E00", "大批量")}


def _series(runs: list[_Run], slices: dict[str, list[float]] | None = None) -> list[Series]:
    out: list[Series] = []
    for r in runs:
        colour, zh = _STYLE[r.key]
        name = f"{r.key} batch B={r.batch}, lr={r.lr:.3g}"
        label_zh = f"{zh} B={r.batch}，lr={r.lr:.3g}"
        out.append(Series(name, r.epochs, r.losses, "loss", "line", style={"color": colour, "label_zh": label_zh}))
        out.append(Series(f"_sharpness {r.key}", r.sharp_epochs, r.sharpness, "sharpness", "line",
                          style={"color": colour, "marker": "o", "ms": 4}))
        if r is runs[0] or r.lr != runs[0].lr:  # one line when both runs share the lr
            shared = all(q.lr == r.lr for q in runs)
            limit_style: SeriesStyle = {"color": "0.3" if shared else colour, "ls": ":",
                                        "label_zh": "GD 稳定极限 2/lr" + ("" if shared else f"（{zh}）")}
            out.append(Series("GD stability limit 2/lr" + ("" if shared else f" ({r.key})"), [], [2.0 / r.lr],
                              "sharpness", "hline", style=limit_style))
        # empty until the end, so every frame has the result's series and the figure updates in place
        slice_y = (slices or {}).get(r.key, [])
        out.append(Series(f"_slice {r.key}", _SLICE.tolist()[: len(slice_y)], slice_y, "slice", "line",
                          style={"color": colour}))
    return out


def _panels() -> list[Panel]:
    return [
        Panel("loss", "Training loss (full batch)", "训练损失（全量）", xlabel="epoch", ylabel="loss",
              xlabel_zh="训练轮数", ylabel_zh="损失", yscale="log"),
        Panel("sharpness", "Sharpness: top Hessian eigenvalue", "尖锐度：Hessian 最大特征值", xlabel="epoch",
              ylabel="λ_max", xlabel_zh="训练轮数"),
        Panel("slice", "Loss along the top eigenvector (end)", "沿最大特征向量方向的损失（训练结束）",
              xlabel="step a along v", ylabel="L(θ + a·v) − L(θ)", xlabel_zh="沿 v 的步长 a",
              ylabel_zh="损失增量"),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    small, large = params["small_batch"], params["large_batch"]
    lr, epochs, iters = params["lr"], params["epochs"], params["power_iters"]
    messages = []
    if large <= small:
        messages.append(DemoText.tr("The large batch ({large}) is not larger than the small batch ({small}).").format(
            large=large, small=small))
    lr_small = lr * small / large if params["lr_scaling"] == "linear" else lr
    X_np, y_np = make_moons(N_SAMPLES, MOONS_NOISE, ctx.rng)
    X = torch.tensor(X_np, device=ctx.device)
    y = torch.tensor(y_np, dtype=torch.float32, device=ctx.device)
    base = build_mlp(2, [params["width"], params["width"]], 1, "relu", device=ctx.device, generator=ctx.generator)
    runs = [_Run("small", base, small, lr_small), _Run("large", copy.deepcopy(base), large, lr)]
    panels = _panels()
    every = max(1, epochs // _POINTS)
    pacer = FramePacer()
    for r in runs:
        r.record(0, X, y, iters, ctx.generator)
    for epoch in range(1, epochs + 1):
        if pacer.due():
            yield Frame((epoch - 1) / epochs, _series(runs), panels)
        ctx.check_cancelled()
        for r in runs:
            r.epoch(X, y, ctx.generator)
            measure = epoch % every == 0 or epoch == epochs
            r.record(epoch, X, y, iters if measure else None, ctx.generator)

    slices = {r.key: _loss_slice(r.model, X, y, r.vector) for r in runs if r.diverged_at is None and r.vector}
    metrics: dict[str, Any] = {"lr_small": lr_small, "lr_large": lr, "steps_small": runs[0].steps,
                               "steps_large": runs[1].steps}
    for r in runs:
        if r.diverged_at is not None:
            run = (DemoText.tr("The small-batch run diverged in epoch {epoch} (lr={lr}); lower the learning rate.")
                   if r.key == "small" else
                   DemoText.tr("The large-batch run diverged in epoch {epoch} (lr={lr}); lower the learning rate."))
            messages.append(run.format(epoch=r.diverged_at, lr=f"{r.lr:.3g}"))
            metrics[f"sharpness_{r.key}"] = None
            continue
        loss, acc = _full_loss_and_accuracy(r.model, X, y)
        metrics[f"sharpness_{r.key}"] = r.sharpness[-1]
        metrics[f"final_loss_{r.key}"] = loss
        metrics[f"train_accuracy_{r.key}"] = acc
        metrics[f"stability_limit_{r.key}"] = 2.0 / r.lr
    if metrics["sharpness_small"] and metrics["sharpness_large"]:
        metrics["sharpness_ratio_large_to_small"] = metrics["sharpness_large"] / metrics["sharpness_small"]
    metrics["diverged"] = any(r.diverged_at is not None for r in runs)
    yield ctx.result(_series(runs, slices), panels, metrics, messages)
