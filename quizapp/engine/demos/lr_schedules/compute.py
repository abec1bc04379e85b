"""lr-schedules: the learning-rate decay families, each a torch.optim.lr_scheduler object.

    constant      η_t = η₀
    step          η_t = η₀·γ^⌊t/s⌋                       StepLR(step_size=s, gamma=γ)
    multistep     η_t = η₀·γ^(number of milestones ≤ t)   MultiStepLR(milestones=[T/2, 3T/4])
    exponential   η_t = η₀·γ^t                            ExponentialLR(gamma)
    natural exp   η_t = η₀·e^(−kt)                        ExponentialLR(gamma=e^(−k))
    inverse time  η_t = η₀/(1 + kt)                       LambdaLR(lambda t: 1/(1 + k t))
    cosine        η_t = η_min + (η₀−η_min)(1+cos(πt/T))/2 CosineAnnealingLR(T_max=T, eta_min)
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from torch.optim import lr_scheduler as sch

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import toy_problem
from quizapp.engine.result import DemoResult, Frame
from quizapp.engine.schedule_race import (
    BASELINE_STYLE,
    ScheduleRace,
    SchedulerFactory,
    lr_curve,
    race_metrics,
    race_panels,
    stream_race,
)

LABELS_ZH = {
    "constant": "常数", "step": "分段常数（StepLR）", "multistep": "多里程碑（MultiStepLR）",
    "exponential": "指数衰减", "natural exp": "自然指数衰减", "inverse time": "逆时衰减", "cosine": "余弦衰减",
}


def multistep_milestones(steps: int) -> list[int]:
    return sorted({max(1, steps // 2), max(1, (3 * steps) // 4)})


def schedules(p: dict[str, Any]) -> dict[str, SchedulerFactory]:
    T, k = p["steps"], p["decay_k"]
    return {
        "constant": lambda opt: None,
        "step": lambda opt: sch.StepLR(opt, step_size=p["step_size"], gamma=p["step_gamma"]),
        "multistep": lambda opt: sch.MultiStepLR(opt, milestones=multistep_milestones(T), gamma=p["step_gamma"]),
        "exponential": lambda opt: sch.ExponentialLR(opt, gamma=p["exp_gamma"]),
        "natural exp": lambda opt: sch.ExponentialLR(opt, gamma=math.exp(-k)),
        "inverse time": lambda opt: sch.LambdaLR(opt, lambda t: 1.0 / (1.0 + k * t)),
        "cosine": lambda opt: sch.CosineAnnealingLR(opt, T_max=T, eta_min=p["eta_min"]),
    }


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    factories = schedules(p)
    curves = {name: lr_curve(f, p["lr"], p["steps"]) for name, f in factories.items()}
    X, y = toy_problem(p["dataset"], ctx.rng, ctx.device)
    race = ScheduleRace(factories, X=X, y=y, lr=p["lr"], steps=p["steps"], batch_size=p["batch_size"],
                        width=p["width"], depth=2, seed=ctx.seed, momentum=p["momentum"], device=ctx.device)
    panels = race_panels(("Learning rate per step", "每步的学习率"))
    half = p["steps"] // 2

    def metrics() -> dict[str, Any]:
        m = race_metrics(race, lambda n: n.replace(" ", "_"))
        m["cosine_lr_at_half"] = curves["cosine"][half]  # = (η₀ + η_min)/2 when T is even
        m["cosine_midpoint_theory"] = (p["lr"] + p["eta_min"]) / 2 if p["steps"] % 2 == 0 else None
        return m

    yield from stream_race(race, curves, panels, LABELS_ZH, ctx, lambda: [], metrics,
                           styles={"constant": BASELINE_STYLE})
