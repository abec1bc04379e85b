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
from quizapp.engine.result import Frame, Panel, Series, SeriesStyle
from quizapp.i18n.text import DemoText, language

# Builds a scheduler for an optimizer (None: constant learning rate).
SchedulerFactory = Callable[[torch.optim.Optimizer], Any]



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


@dataclass(frozen=True)
class _Training:
    """What every runner of a race trains with (only the schedule differs)."""

    lr: float
    batch_size: int
    width: int
    depth: int
    seed: int
    optimizer: str
    momentum: float
    device: torch.device


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
        self.schedules = schedules
        self.names = list(schedules)
        self.X, self.y, self.total = X, y, steps
        self._config = _Training(lr=lr, batch_size=batch_size, width=width, depth=depth, seed=seed,
                                 optimizer=optimizer, momentum=momentum, device=device)
        self.t = 0
        self.runners: list[Runner] = []

    def _start(self) -> None:
        """Build the models and optimizers. Deferred to the first step so a demo's first frame
        (the lr curves) does not wait for them: the first torch.optim.Adam in a process imports
        torch._dynamo, which takes seconds."""
        c = self._config
        device = c.device
        gen = torch.Generator(device=device).manual_seed(c.seed)
        base = build_mlp(self.X.shape[1], [c.width] * c.depth, 2, "relu", device=device, generator=gen)
        for name, factory in self.schedules.items():
            model = copy.deepcopy(base)
            if c.optimizer == "adam":
                opt: torch.optim.Optimizer = torch.optim.Adam(model.parameters(), lr=c.lr)
            else:
                opt = torch.optim.SGD(model.parameters(), lr=c.lr, momentum=c.momentum)
            # every runner draws the same minibatch sequence from its own copy of one seed
            batches = torch.Generator(device=device).manual_seed(c.seed + 1)
            it = train_steps(model, self.X, self.y, opt, self.total, scheduler=factory(opt),
                             batch_size=c.batch_size, generator=batches)
            self.runners.append(Runner(name, it, model))

    @property
    def done(self) -> bool:
        return self.t >= self.total

    def advance(self) -> None:
        if not self.runners:
            self._start()
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
              xlabel_zh="步数 t", ylabel_zh="学习率 η", yscale="log" if log_lr else "linear"),
        Panel(LOSS_PANEL_ID, "Training loss (full set, same init and batches)",
              "训练损失（全数据集，相同初始化与批次）",
              xlabel="step", ylabel="cross-entropy loss", xlabel_zh="步数", ylabel_zh="交叉熵损失", yscale="log"),
    ]


# The no-schedule baseline is drawn grey and dashed in both panels (and takes no palette colour).
BASELINE_STYLE: SeriesStyle = {"color": "0.45", "ls": "--"}


def race_series(curves: dict[str, list[float]], race: ScheduleRace, labels_zh: dict[str, str],
                styles: dict[str, SeriesStyle] | None = None) -> list[Series]:
    """The lr curves (whole, known up front) and the loss curves so far; a schedule's loss
    series is named '_<name> loss' (no second legend: the panels assign colours in the same
    order, so it shares its lr curve's colour)."""
    styles = styles or {}
    out = [Series(name, list(range(len(curve))), curve, panel=LR_PANEL_ID,
                  style={"label_zh": labels_zh.get(name, name), **styles.get(name, {})})
           for name, curve in curves.items()]
    losses = {r.name: r.losses for r in race.runners}
    for name in race.names:
        loss = list(losses.get(name, []))
        out.append(Series(f"_{name} loss", list(range(1, len(loss) + 1)), loss,
                          panel=LOSS_PANEL_ID, style={"lw": 1.4, **styles.get(name, {})}))
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
    metrics["diverged"] = any(r.diverged for r in race.runners)
    return metrics


def race_messages(race: ScheduleRace, labels_zh: dict[str, str] | None = None) -> list[str]:
    """The runs that diverged, each named as the legend names it (`labels_zh` in Chinese)."""
    gone = [r for r in race.runners if r.diverged]
    if not gone:
        return []
    shown = (labels_zh or {}) if language() == "zh" else {}
    names = DemoText.tr(", ").join(DemoText.tr("{name} (step {step})").format(name=shown.get(r.name, r.name),
                                                                              step=len(r.losses) + 1) for r in gone)
    return [DemoText.tr("Diverged: {names}; each curve stops at its last finite loss. A smaller learning rate "
                        "(or warmup) keeps them stable.").format(names=names)]


def stream_race(race: ScheduleRace, curves: dict[str, list[float]], panels: list[Panel],
                labels_zh: dict[str, str], ctx: Any, extra_series: Callable[[], list[Series]],
                metrics: Callable[[], dict[str, Any]],
                styles: dict[str, SeriesStyle] | None = None, notes: list[str] | None = None) -> Iterator[Any]:
    """Frames (paced to <= 30/s, the first one before any training) then the DemoResult
    (its messages: `notes` about the parameters, then the race's own)."""
    pacer = FramePacer()
    while True:
        if pacer.due() or race.done:
            series = race_series(curves, race, labels_zh, styles) + extra_series()
            if race.done:
                yield ctx.result(series, panels, metrics(), list(notes or []) + race_messages(race, labels_zh))
                return
            yield Frame(race.t / race.total, series, panels)
        ctx.check_cancelled()
        race.advance()
