"""lr-warmup: linear and exponential warmup chained into a decay, against no warmup.

    linear warmup       η_t = η·(f + (1−f)·t/W)   for t ≤ W   LinearLR(start_factor=f, total_iters=W)
    exponential warmup  η_t = η·f^(1 − t/W)       for t ≤ W   LambdaLR
then SequentialLR hands over at t = W to the decay (cosine / linear to 0 / constant), which starts
at η. Both warmups start at f·η and reach η exactly at t = W. Large early steps on freshly
initialized deep nets (and Adam's noisy second-moment estimate in its first steps) are what
warmup protects against.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch.optim import lr_scheduler as sch

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import toy_problem
from quizapp.engine.result import DemoResult, Frame, Series, SeriesStyle
from quizapp.engine.schedule_race import (
    BASELINE_STYLE,
    LOSS_PANEL_ID,
    LR_PANEL_ID,
    ScheduleRace,
    SchedulerFactory,
    lr_curve,
    race_metrics,
    race_panels,
    stream_race,
)
from quizapp.i18n.text import DemoText

LABELS_ZH = {"no warmup": "无预热", "linear warmup": "线性预热", "exponential warmup": "指数预热"}
KEYS = {"no warmup": "no_warmup", "linear warmup": "linear", "exponential warmup": "exponential"}


def decay_factory(kind: str, steps: int) -> Callable[[torch.optim.Optimizer], Any]:
    """The decay phase, lasting `steps` steps and starting at the optimizer's base lr."""
    if kind == "cosine":
        return lambda opt: sch.CosineAnnealingLR(opt, T_max=max(1, steps))
    if kind == "linear":
        return lambda opt: sch.LinearLR(opt, start_factor=1.0, end_factor=0.0, total_iters=max(1, steps))
    if kind == "constant":
        return lambda opt: sch.ConstantLR(opt, factor=1.0, total_iters=0)
    raise ValueError(f"unknown decay '{kind}'")


def exponential_warmup_factor(t: int, start_factor: float, warmup_steps: int) -> float:
    """f^(1 − t/W): geometric growth from f at t = 0 to 1 at t = W."""
    factor: float = start_factor ** (1.0 - min(t, warmup_steps) / warmup_steps)  # (float ** float: Any in typeshed)
    return factor


def schedules(p: dict[str, Any]) -> dict[str, SchedulerFactory]:
    T, W, f = p["steps"], min(p["warmup_steps"], p["steps"] - 1), p["start_factor"]
    decay_all = decay_factory(p["decay"], T)
    decay_rest = decay_factory(p["decay"], T - W)

    def linear(opt: torch.optim.Optimizer) -> Any:
        warm = sch.LinearLR(opt, start_factor=f, end_factor=1.0, total_iters=W)
        return sch.SequentialLR(opt, [warm, decay_rest(opt)], milestones=[W])

    def exponential(opt: torch.optim.Optimizer) -> Any:
        warm = sch.LambdaLR(opt, lambda t: exponential_warmup_factor(t, f, W))
        return sch.SequentialLR(opt, [warm, decay_rest(opt)], milestones=[W])

    return {"no warmup": decay_all, "linear warmup": linear, "exponential warmup": exponential}


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    factories = schedules(p)
    W = min(p["warmup_steps"], p["steps"] - 1)
    curves = {name: lr_curve(f, p["lr"], p["steps"]) for name, f in factories.items()}
    X, y = toy_problem(p["dataset"], ctx.rng, ctx.device)
    race = ScheduleRace(factories, X=X, y=y, lr=p["lr"], steps=p["steps"], batch_size=p["batch_size"],
                        width=p["width"], depth=p["depth"], seed=ctx.seed, optimizer=p["optimizer"],
                        device=ctx.device)
    panels = race_panels(("Learning rate per step", "每步的学习率"))
    messages = []
    if W < p["warmup_steps"]:
        messages.append(DemoText.tr("warmup_steps={asked} is not shorter than the run; using W = {used}.").format(
            asked=p["warmup_steps"], used=W))

    def extra() -> list[Series]:
        mark: SeriesStyle = {"label_zh": "预热结束", "ls": ":"}
        return [Series("end of warmup", [W], [], panel=LR_PANEL_ID, kind="vline", style=mark),
                Series("_end of warmup (loss)", [W], [], panel=LOSS_PANEL_ID, kind="vline", style=mark)]

    def metrics() -> dict[str, Any]:
        m = race_metrics(race, KEYS.__getitem__)
        m["warmup_steps"] = W
        m["lr_at_t0_linear"] = curves["linear warmup"][0]
        m["lr_at_W_linear"] = curves["linear warmup"][W]
        m["lr_at_t0_exponential"] = curves["exponential warmup"][0]
        m["lr_at_W_exponential"] = curves["exponential warmup"][W]
        # the early loss spike warmup prevents: the worst full-set loss during the first W steps
        for r in race.runners:
            head = r.losses[:W] or [float("nan")]
            m[f"early_max_loss_{KEYS[r.name]}"] = max(head)
        return m

    for item in stream_race(race, curves, panels, LABELS_ZH, ctx, extra, metrics,
                            styles={"no warmup": BASELINE_STYLE}):
        if isinstance(item, DemoResult):
            item.messages[:0] = messages
        yield item
