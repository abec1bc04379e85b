"""lr-cyclic: cyclic and restart schedules from torch.optim.lr_scheduler.

    triangular   CyclicLR(base_lr, max_lr, step_size_up): linear up over step_size_up steps to
                 max_lr, linear back down, repeat (peaks at t = step_size_up, 3·step_size_up, …)
    triangular2  the same with the amplitude halved after every cycle
    SGDR         CosineAnnealingWarmRestarts(T_0, T_mult, eta_min=base_lr): cosine from max_lr
                 down over T_0 steps, then restart at max_lr with the period times T_mult;
                 restarts at T_0, T_0(1+T_mult), T_0(1+T_mult+T_mult²), …
    1cycle       OneCycleLR(max_lr, total_steps=T, pct_start): from base_lr up to max_lr at
                 t ≈ pct_start·T − 1, then cosine annealing to base_lr/100
Momentum is held fixed (cycle_momentum=False), so the learning rate is the only thing that cycles.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from torch.optim import lr_scheduler as sch

from quizapp.engine.context import RunContext
from quizapp.engine.errors import ParamError
from quizapp.engine.mlp import toy_problem
from quizapp.engine.result import DemoResult, Frame, Series
from quizapp.engine.schedule_race import (
    LR_PANEL_ID,
    ScheduleRace,
    SchedulerFactory,
    lr_curve,
    race_metrics,
    race_panels,
    stream_race,
)
from quizapp.i18n.text import DemoText

LABELS_ZH = {"triangular": "三角（triangular）", "triangular2": "三角减半（triangular2）",
             "SGDR": "SGDR（余弦热重启）", "1cycle": "1cycle（单周期）"}
KEYS = {"triangular": "triangular", "triangular2": "triangular2", "SGDR": "sgdr", "1cycle": "one_cycle"}
FINAL_DIV = 100.0  # 1cycle ends at base_lr / FINAL_DIV


def one_cycle_pct(p: dict[str, Any]) -> float:
    """OneCycleLR divides by its warm-up length pct_start·T − 1 (in steps), so the warm-up
    needs more than one step: at least 2 (20 steps × pct_start 0.05 divided by zero)."""
    pct: float = max(p["pct_start"], 2.0 / p["steps"])
    return pct


def schedules(p: dict[str, Any]) -> dict[str, SchedulerFactory]:
    lo, hi, up = p["base_lr"], p["max_lr"], p["step_size_up"]
    return {
        "triangular": lambda opt: sch.CyclicLR(opt, base_lr=lo, max_lr=hi, step_size_up=up, mode="triangular",
                                               cycle_momentum=False),
        "triangular2": lambda opt: sch.CyclicLR(opt, base_lr=lo, max_lr=hi, step_size_up=up, mode="triangular2",
                                                cycle_momentum=False),
        "SGDR": lambda opt: sch.CosineAnnealingWarmRestarts(opt, T_0=p["T_0"], T_mult=p["T_mult"], eta_min=lo),
        "1cycle": lambda opt: sch.OneCycleLR(opt, max_lr=hi, total_steps=p["steps"], pct_start=one_cycle_pct(p),
                                             div_factor=hi / lo, final_div_factor=FINAL_DIV,
                                             cycle_momentum=False),
    }


def restarts(curve: list[float]) -> list[int]:
    """The steps where the lr jumps back up (a warm restart)."""
    return [t for t in range(1, len(curve)) if curve[t] > curve[t - 1] + 1e-12]


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    if p["base_lr"] >= p["max_lr"]:
        raise ParamError("base_lr", DemoText.tr("base_lr ({low}) must be below max_lr ({high})").format(
            low=f"{p['base_lr']:g}", high=f"{p['max_lr']:g}"))
    factories = schedules(p)
    curves = {name: lr_curve(f, p["max_lr"], p["steps"]) for name, f in factories.items()}
    X, y = toy_problem(p["dataset"], ctx.rng, ctx.device)
    race = ScheduleRace(factories, X=X, y=y, lr=p["max_lr"], steps=p["steps"], batch_size=p["batch_size"],
                        width=p["width"], depth=2, seed=ctx.seed, momentum=p["momentum"], device=ctx.device)
    panels = race_panels(("Learning rate per step", "每步的学习率"))
    sgdr_restarts = restarts(curves["SGDR"])

    def extra() -> list[Series]:
        return [Series("max_lr", [], [p["max_lr"]], panel=LR_PANEL_ID, kind="hline",
                       style={"label_zh": "最大学习率", "ls": ":"}),
                Series("base_lr", [], [p["base_lr"]], panel=LR_PANEL_ID, kind="hline",
                       style={"label_zh": "基础学习率", "ls": "-.", "color": "0.6"})]

    def metrics() -> dict[str, Any]:
        m = race_metrics(race, KEYS.__getitem__)
        tri = curves["triangular"]
        m["triangular_peak_step"] = max(range(len(tri)), key=tri.__getitem__)
        m["triangular_peak_lr"] = max(tri)
        m["sgdr_restarts"] = sgdr_restarts
        one = curves["1cycle"]
        m["one_cycle_peak_step"] = max(range(len(one)), key=one.__getitem__)
        m["one_cycle_final_lr"] = one[-1]
        return m

    notes = []
    if one_cycle_pct(p) != p["pct_start"]:
        notes.append(DemoText.tr("pct_start={pct} gives 1cycle less than 2 warm-up steps of {steps}; using {used}.")
                     .format(pct=f"{p['pct_start']:g}", steps=p["steps"], used=f"{one_cycle_pct(p):.3g}"))
    yield from stream_race(race, curves, panels, LABELS_ZH, ctx, extra, metrics, notes=notes)
