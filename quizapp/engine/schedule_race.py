"""One small MLP per learning-rate schedule, trained in lockstep on the same problem.

The schedule demos (lr-schedules, lr-warmup, lr-cyclic) compare torch.optim.lr_scheduler
schedules two ways: the learning-rate curve itself (`lr_curve`, on a throw-away optimizer, so the
whole curve is known before training starts) and its effect on training (`ScheduleRace`: every
schedule trains a copy of the same initial model on the same minibatch sequence, so the schedule
is the only difference between the loss curves).
"""
from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from quizapp.engine.mlp import TrainStep, build_mlp, full_loss, train_steps
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import Frame, Panel, Series
from quizapp.engine.toydata import make_moons, make_spirals

# Builds a scheduler for an optimizer (None: constant learning rate).
SchedulerFactory = Callable[[torch.optim.Optimizer], Any]

DATASETS = ("moons", "spirals")
N_POINTS = 256


def lr_curve(make_scheduler: SchedulerFactory, lr: float, steps: int) -> list[float]:
    """The learning rate each of `steps` optimizer steps uses (t = 0 .. steps-1), read from
    param_groups after stepping the scheduler once per step, exactly as training does."""
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr)
    sched = make_scheduler(opt)
    out = []
    for t in range(steps):
        out.append(float(opt.param_groups[0]["lr"]))
        opt.step()  # a no-op without gradients; keeps the scheduler's step-order check quiet
        if sched is not None and t < steps - 1:
            sched.step()
    return out


def toy_problem(dataset: str, rng: Any, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """The seeded 2-D classification set the schedule demos train on, as tensors on `device`."""
    if dataset == "moons":
        X, y = make_moons(N_POINTS, 0.15, rng)
    elif dataset == "spirals":
        X, y = make_spirals(N_POINTS, 0.05, 1.5, rng)
    else:
        raise ValueError(f"unknown dataset '{dataset}'")
    return torch.from_numpy(X).to(device), torch.from_numpy(y).to(device)


@dataclass
class Runner:
    name: str
    steps: Iterator[TrainStep]
    model: nn.Module
    losses: list[float] = field(default_factory=list)  # full-set loss after each step
    lrs: list[float] = field(default_factory=list)  # the lr each step used
    diverged: bool = False


class ScheduleRace:
    """Train one copy of a seeded MLP per named schedule; `advance()` moves all one step."""

    def __init__(self, schedules: dict[str, SchedulerFactory], *, X: torch.Tensor, y: torch.Tensor,
                 lr: float, steps: int, batch_size: int, width: int, depth: int, seed: int,
                 optimizer: str = "sgd", momentum: float = 0.9, device: torch.device) -> None:
        self.X, self.y, self.total = X, y, steps
        self.t = 0
        gen = torch.Generator(device=device).manual_seed(seed)
        base = build_mlp(X.shape[1], [width] * depth, 2, "relu", device=device, generator=gen)
        self.runners: list[Runner] = []
        for name, factory in schedules.items():
            model = copy.deepcopy(base)
            if optimizer == "adam":
                opt: torch.optim.Optimizer = torch.optim.Adam(model.parameters(), lr=lr)
            else:
                opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
            # every runner draws the same minibatch sequence from its own copy of one seed
            batches = torch.Generator(device=device).manual_seed(seed + 1)
            it = train_steps(model, X, y, opt, steps, scheduler=factory(opt), batch_size=batch_size,
                             generator=batches)
            self.runners.append(Runner(name, it, model))

    @property
    def done(self) -> bool:
        return self.t >= self.total

    def advance(self) -> None:
        self.t += 1
        for r in self.runners:
            if r.diverged:
                continue
            rec = next(r.steps)
            loss = full_loss(r.model, self.X, self.y) if math.isfinite(rec.loss) else math.inf
            if not math.isfinite(loss) or loss > 1e3:
                r.diverged = True  # stop here; its curve ends at the last finite value
                continue
            r.losses.append(loss)
            r.lrs.append(rec.lr)


LR_PANEL_ID = "lr"
LOSS_PANEL_ID = "loss"


def race_panels(lr_title: tuple[str, str], log_lr: bool = False) -> list[Panel]:
    return [
        Panel(LR_PANEL_ID, lr_title[0], lr_title[1], xlabel="step t", ylabel=r"learning rate $\eta_t$",
              xlabel_zh="步数 t", ylabel_zh=r"学习率 $\eta_t$", yscale="log" if log_lr else "linear"),
        Panel(LOSS_PANEL_ID, "Training loss (full set, same init and batches)", "训练损失（全数据集，相同初始化与批次）",
              xlabel="step", ylabel="cross-entropy loss", xlabel_zh="步数", ylabel_zh="交叉熵损失", yscale="log"),
    ]


# The no-schedule baseline is drawn grey and dashed in both panels (and takes no palette colour).
BASELINE_STYLE = {"color": "0.45", "ls": "--"}


def race_series(curves: dict[str, list[float]], race: ScheduleRace, labels_zh: dict[str, str],
                styles: dict[str, dict[str, Any]] | None = None) -> list[Series]:
    """The lr curves (whole, known up front) and the loss curves so far; a schedule's loss
    series is named '_<name> loss' (no second legend: the panels assign colours in the same
    order, so it shares its lr curve's colour)."""
    styles = styles or {}
    out = [Series(name, list(range(len(curve))), curve, panel=LR_PANEL_ID,
                  style={"label_zh": labels_zh.get(name, name), **styles.get(name, {})})
           for name, curve in curves.items()]
    for r in race.runners:
        out.append(Series(f"_{r.name} loss", list(range(1, len(r.losses) + 1)), list(r.losses),
                          panel=LOSS_PANEL_ID, style={"lw": 1.4, **styles.get(r.name, {})}))
    return out


def race_metrics(race: ScheduleRace, key: Callable[[str], str]) -> dict[str, Any]:
    """Final full-set loss per schedule (None if it diverged) and the best schedule."""
    metrics: dict[str, Any] = {}
    best, best_loss = None, math.inf
    for r in race.runners:
        final = r.losses[-1] if (r.losses and not r.diverged) else None
        metrics[f"final_loss_{key(r.name)}"] = final
        if r.diverged:
            metrics[f"diverged_{key(r.name)}"] = True
        if final is not None and final < best_loss:
            best, best_loss = r.name, final
    metrics["best_schedule"] = best
    return metrics


def stream_race(race: ScheduleRace, curves: dict[str, list[float]], panels: list[Panel],
                labels_zh: dict[str, str], ctx: Any, extra_series: Callable[[], list[Series]],
                metrics: Callable[[], dict[str, Any]],
                styles: dict[str, dict[str, Any]] | None = None) -> Iterator[Any]:
    """Frames (paced to <= 30/s, the first one before any training) then the DemoResult."""
    pacer = FramePacer()
    while True:
        if pacer.due() or race.done:
            series = race_series(curves, race, labels_zh, styles) + extra_series()
            if race.done:
                yield ctx.result(series, panels, metrics())
                return
            yield Frame(race.t / race.total, series, panels)
        ctx.check_cancelled()
        race.advance()
