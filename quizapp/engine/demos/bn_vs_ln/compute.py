"""bn-vs-ln: BatchNorm normalizes each feature over the batch, LayerNorm each sample over its
features.

So in training mode a sample's BN output depends on which other samples share its batch (the
batch mean and variance move with them, by ~1/√B), while its LN output is a function of the
sample alone: fixed batch-mates or not, batch of 128 or of 1. BN in training mode cannot take
a batch of one (no variance); LN can. Training MLPs with each at batch sizes down to 2 shows
the practical side: small batches give BN noisy statistics and noisy running estimates for eval.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.errors import ParamError
from quizapp.engine.mlp import accuracy, build_mlp, full_loss, toy_problem, train_steps
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.i18n.text import DemoText

WIDTH = 64


def batch_sizes(lo: int, hi: int) -> list[int]:
    """Powers of two from lo up to hi (lo itself first if it is not one)."""
    out = [lo]
    b = 1 << math.ceil(math.log2(lo))
    if b == lo:
        b *= 2
    while b <= hi:
        out.append(b)
        b *= 2
    return out


def sample_output_spread(norm: nn.Module, x0: torch.Tensor, B: int, draws: int, ctx: RunContext) -> float | None:
    """Std over `draws` random sets of B−1 batch-mates of the normalized output of the fixed
    sample x0 (averaged over features). None if the layer refuses the batch (BN with B = 1)."""
    outs = []
    for _ in range(draws):
        mates = torch.randn(B - 1, x0.shape[0], device=x0.device, generator=ctx.generator)
        batch = torch.cat([x0[None], mates])
        try:
            outs.append(norm(batch)[0])
        except ValueError:
            return None
    return float(torch.stack(outs).std(dim=0).mean())


Points = dict[str, list[tuple[int, float]]]  # "BN"/"LN" -> (batch size, value) pairs


def _output_spread(p: dict[str, Any], ctx: RunContext, sizes: list[int]) -> Points:
    """One sample, many sets of batch-mates (training mode, no affine part): the std of its output."""
    D, dev = p["features"], ctx.device
    bn = nn.BatchNorm1d(D, affine=False, device=dev).train()
    ln = nn.LayerNorm(D, elementwise_affine=False, device=dev)
    x0 = torch.randn(D, device=dev, generator=ctx.generator)
    spread: Points = {"BN": [], "LN": []}
    with torch.no_grad():
        for B in sizes:
            for key, layer in (("BN", bn), ("LN", ln)):
                value = sample_output_spread(layer, x0, B, p["draws"], ctx)
                if value is not None:
                    spread[key].append((B, value))
    return spread


def _train_and_test(p: dict[str, Any], ctx: RunContext, key: str, B: int, data: tuple[torch.Tensor, ...]
                    ) -> tuple[float, float] | None:
    """(test loss, test accuracy) of the MLP with `key` normalization trained at batch size B, in
    eval mode; None when BN cannot train (B = 1) or the loss is not finite."""
    X, y, Xt, yt = data
    norms = {"BN": lambda w: nn.BatchNorm1d(w), "LN": lambda w: nn.LayerNorm(w)}
    gen = torch.Generator(device=ctx.device).manual_seed(ctx.seed + 7)  # same init for BN and LN nets
    model = build_mlp(2, [WIDTH, WIDTH], 2, "relu", device=ctx.device, generator=gen, norm=norms[key])
    opt = torch.optim.SGD(model.parameters(), lr=p["lr"], momentum=0.9)
    batches = torch.Generator(device=ctx.device).manual_seed(ctx.seed + 11)  # same batches too
    try:
        for _ in train_steps(model, X, y, opt, p["steps"], batch_size=B, generator=batches):
            pass
    except ValueError:  # BN with B = 1 in training mode; reported in the messages
        return None
    loss = full_loss(model, Xt, yt)
    return (loss, accuracy(model, Xt, yt)) if math.isfinite(loss) else None


def _series(spread: Points, test_acc: Points, sizes: list[int]) -> list[Series]:
    B_ref = sizes[-1]
    guide_c = dict(spread["BN"]).get(B_ref)
    out = []
    for key, label, zh in (("BN", "BatchNorm (train mode)", "批归一化（训练模式）"), ("LN", "LayerNorm", "层归一化")):
        pts = spread[key]
        out.append(Series(label, [b for b, _ in pts], [v for _, v in pts], panel="spread",
                          style={"label_zh": zh, "marker": "o"}))
    if guide_c is not None:
        guide_b = [b for b in sizes if b >= 2]
        out.append(Series("∝ 1/√B", guide_b, [guide_c * math.sqrt(B_ref / b) for b in guide_b], panel="spread",
                          style={"label_zh": "∝ 1/√B", "color": "0.5", "ls": ":"}))
    for key in ("BN", "LN"):
        pts = test_acc[key]
        out.append(Series(f"_{key} test accuracy", [b for b, _ in pts], [v for _, v in pts], panel="acc",
                          style={"marker": "o"}))
    return out


def _panels(p: dict[str, Any]) -> list[Panel]:
    return [
        Panel("spread", "One sample's output vs its batch-mates", "同一样本的输出随同批样本的变化",
              xlabel="batch size B", ylabel="std of the sample's normalized output", xlabel_zh="批大小 B",
              ylabel_zh="该样本归一化输出的标准差", xscale="log"),
        Panel("acc", f"Test accuracy after {p['steps']} steps (eval mode)",
              f"训练 {p['steps']} 步后的测试准确率（评估模式）", xlabel="batch size B", ylabel="accuracy",
              xlabel_zh="批大小 B", ylabel_zh="准确率", xscale="log", ylim=(0.4, 1.02)),
    ]


def _metrics(spread: Points, test_acc: Points, test_loss: Points) -> dict[str, Any]:
    metrics: dict[str, Any] = {}
    for name, points in (("output_spread", spread), ("test_accuracy", test_acc), ("test_loss", test_loss)):
        for key in ("BN", "LN"):
            for B, v in points[key]:
                metrics[f"{key.lower()}_{name}_B{B}"] = v
    return metrics


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    if p["min_batch"] > p["max_batch"]:
        raise ParamError("min_batch", DemoText.tr("min_batch ({low}) must not exceed max_batch ({high})").format(
            low=p["min_batch"], high=p["max_batch"]))
    sizes = batch_sizes(p["min_batch"], p["max_batch"])
    spread = _output_spread(p, ctx, sizes)
    messages: list[str] = []
    if 1 in sizes:
        messages.append(DemoText.tr("Batch of 1: BatchNorm1d in training mode raises 'Expected more than 1 value "
                                    "per channel when training' (a single sample has no batch variance), so BN has "
                                    "no point at B = 1; LayerNorm normalizes each sample by itself and works."))
    # an MLP trained with each normalization at each batch size, scored in eval mode
    X, y = toy_problem(p["dataset"], ctx.rng, ctx.device)
    Xt, yt = toy_problem(p["dataset"], ctx.rng, ctx.device)  # a fresh draw as the test set
    test_loss: Points = {"BN": [], "LN": []}
    test_acc: Points = {"BN": [], "LN": []}
    panels = _panels(p)
    pacer = FramePacer()
    total, done = len(sizes) * 2, 0
    if pacer.due():
        yield Frame(0.0, _series(spread, test_acc, sizes), panels)
    for B in sizes:
        for key in ("BN", "LN"):
            ctx.check_cancelled()
            scored = _train_and_test(p, ctx, key, B, (X, y, Xt, yt))
            done += 1
            if scored is None:
                continue
            test_loss[key].append((B, scored[0]))
            test_acc[key].append((B, scored[1]))
            if pacer.due():
                yield Frame(done / total, _series(spread, test_acc, sizes), panels)
    yield ctx.result(_series(spread, test_acc, sizes), panels, _metrics(spread, test_acc, test_loss), messages)
