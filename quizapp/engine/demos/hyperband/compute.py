"""Successive halving and Hyperband with Optuna's pruners, on real learning curves of small MLPs.

Random configurations (learning rate, hidden width) train epoch by epoch; each reports its
validation loss to Optuna, whose SuccessiveHalvingPruner or HyperbandPruner stops it once it is
not in the best 1/η of the trials that reached the same rung (1, η, η², … epochs). The bracket
table of Li et al. (2018, Algorithm 1) is computed by `hyperband_brackets`, a pure function.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import build_mlp, full_loss, train_steps
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series, SeriesStyle
from quizapp.engine.toydata import make_moons
from quizapp.i18n.text import DemoText

N_POINTS, N_TRAIN, BATCH = 400, 200, 50  # 4 minibatch steps per epoch
LR_RANGE, WIDTH_RANGE = (1e-3, 1.0), (4, 64)


@dataclass(frozen=True)
class Bracket:
    """One bracket s of Hyperband: successive halving that starts n configs at r resource each."""

    s: int
    rounds: tuple[tuple[int, float], ...]  # (n_i configs, r_i resource each), i = 0 … s

    @property
    def n(self) -> int:
        return self.rounds[0][0]

    @property
    def r(self) -> float:
        return self.rounds[0][1]

    def budget(self) -> float:
        return sum(n * r for n, r in self.rounds)


def hyperband_brackets(max_resource: int, eta: int) -> list[Bracket]:
    """Li et al.'s Algorithm 1: s_max = ⌊log_η R⌋, B = (s_max + 1)·R and, for s = s_max … 0,
    n = ⌈B/R · η^s/(s + 1)⌉, r = R·η^(−s); round i keeps n_i = ⌊n·η^(−i)⌋ configs at r_i = r·η^i."""
    if max_resource < 1 or eta < 2:
        raise ValueError(f"need R >= 1 and eta >= 2, got R={max_resource}, eta={eta}")
    s_max = 0
    while eta ** (s_max + 1) <= max_resource:  # integer log: floating log_η(81) can round down
        s_max += 1
    brackets = []
    for s in range(s_max, -1, -1):
        n = -(-(s_max + 1) * eta**s // (s + 1))  # ceil in integers
        r = max_resource / eta**s
        brackets.append(Bracket(s, tuple((n // eta**i, r * eta**i) for i in range(s + 1))))
    return brackets


@dataclass
class TrialCurve:
    number: int
    lr: float
    width: int
    val_loss: list[float] = field(default_factory=list)  # after epochs 1, 2, …
    state: str = "running"  # running / completed / pruned / diverged


def _train_trial(trial: Any, curve: TrialCurve, data: tuple[torch.Tensor, ...], max_epochs: int,
                 ctx: RunContext) -> None:
    """Train one configuration, reporting the validation loss after every epoch to the pruner."""
    x_tr, y_tr, x_va, y_va = data
    model = build_mlp(2, [curve.width, curve.width], 2, "relu", device=ctx.device, generator=ctx.generator)
    optimizer = torch.optim.SGD(model.parameters(), lr=curve.lr, momentum=0.9)
    steps_per_epoch = N_TRAIN // BATCH
    steps = train_steps(model, x_tr, y_tr, optimizer, max_epochs * steps_per_epoch, batch_size=BATCH,
                        generator=ctx.generator)
    for epoch in range(1, max_epochs + 1):
        ctx.check_cancelled()
        finite = all(math.isfinite(next(steps).loss) for _ in range(steps_per_epoch))
        value = full_loss(model, x_va, y_va)
        if not (finite and math.isfinite(value)):
            curve.state = "diverged"  # a NaN can never win a rung: stop it like the pruner would
            return
        curve.val_loss.append(value)
        trial.report(value, epoch)
        # At the last epoch the trial is done anyway; pruning it there would save nothing.
        if epoch < max_epochs and trial.should_prune():
            curve.state = "pruned"
            return
    curve.state = "completed"


def _series(curves: list[TrialCurve], max_epochs: int, eta: int, method: str,
            brackets: list[Bracket], n_trials: int) -> tuple[list[Series], dict[str, Any]]:
    done = [c for c in curves if c.state == "completed"]
    best = min(done, key=lambda c: c.val_loss[-1]) if done else None
    series: list[Series] = []
    first = {"completed": True, "pruned": True}
    for c in curves:
        if not c.val_loss or c is best:
            continue
        kind = "completed" if c.state == "completed" else "pruned"
        label = {"completed": ("trained to R", "训练满 R 轮"), "pruned": ("stopped early", "提前停止")}[kind]
        name = label[0] if first[kind] else f"_{kind} {c.number}"
        first[kind] = False
        style: SeriesStyle = ({"color": "#0072B2", "lw": 1.3, "alpha": 0.8} if kind == "completed"
                 else {"color": "#D55E00", "lw": 0.9, "alpha": 0.45})
        series.append(Series(name, [float(e) for e in range(1, len(c.val_loss) + 1)], c.val_loss, "curves",
                             style={**style, "label_zh": label[1]}))
    stops = [c for c in curves if c.state == "pruned" and c.val_loss]
    series.append(Series("pruned here", [float(len(c.val_loss)) for c in stops], [c.val_loss[-1] for c in stops],
                         "curves", "scatter", style={"color": "#D55E00", "marker": "x", "size": 22,
                                                     "label_zh": "在此被剪枝"}))
    if best is not None:
        series.append(Series("best configuration", [float(e) for e in range(1, max_epochs + 1)], best.val_loss,
                             "curves", style={"color": "#009E73", "lw": 2.4, "label_zh": "最优配置"}))
    rungs = [float(eta**k) for k in range(0, 12) if eta**k < max_epochs]
    for k, r in enumerate(rungs):
        series.append(Series("rungs (ηᵏ epochs)" if k == 0 else f"_rung {r:g}", [r], [], "curves", "vline",
                             style={"color": "0.6", "ls": ":", "lw": 1.0, "label_zh": "评估级（ηᵏ 轮）"}))
    for b in brackets:
        series.append(Series(f"s={b.s}", [r for _, r in b.rounds], [float(n) for n, _ in b.rounds], "brackets",
                             style={"marker": "o", "ms": 5}))
    used = [len(c.val_loss) for c in curves]
    cumulative = [float(sum(used[: i + 1])) for i in range(len(used))]
    trial_axis = [float(i) for i in range(1, len(curves) + 1)]
    method_label = {"hyperband": ("Hyperband", "Hyperband"),
                    "successive-halving": ("successive halving", "逐次减半")}[method]
    series += [
        Series("train every config to R", trial_axis, [max_epochs * k for k in trial_axis], "budget",
               style={"color": "0.4", "ls": "--", "label_zh": "每个配置都训练满 R 轮"}),
        Series(method_label[0], trial_axis, cumulative, "budget",
               style={"color": "#D55E00", "label_zh": method_label[1]}),
    ]
    full = max_epochs * len(curves)
    metrics: dict[str, Any] = {
        "trials": len(curves),
        "completed": len(done),
        "pruned": sum(c.state == "pruned" for c in curves),
        "diverged_trials": sum(c.state == "diverged" for c in curves),
        "epochs_used": sum(used),
        "epochs_full_training": full,
        "budget_fraction": sum(used) / full if full else 0.0,
        "best_val_loss": best.val_loss[-1] if best else None,
        "best_lr": best.lr if best else None,
        "best_width": best.width if best else None,
        "brackets": len(brackets),
        "n_trials": n_trials,
    }
    return series, metrics


def _panels(max_epochs: int, eta: int, n_trials: int) -> list[Panel]:
    return [
        Panel("curves", "Validation loss per epoch", "每轮的验证损失", "epoch", "validation loss",
              "训练轮数", "验证损失", xlim=(0.8, max_epochs + 0.5), ylim=(0.0, 0.9)),
        Panel("brackets", f"Hyperband brackets (Li et al.), R={max_epochs}, η={eta}",
              f"Hyperband 分组表（Li 等），R={max_epochs}，η={eta}", "epochs per config r_i",
              "configs n_i", "每个配置的训练轮数 r_i", "配置数 n_i", xscale="log", yscale="log"),
        Panel("budget", "Epochs spent", "消耗的训练轮数", "configurations tried", "cumulative epochs",
              "已尝试的配置数", "累计训练轮数", xlim=(0.5, n_trials + 0.5), ylim=(0.0, 1.05 * n_trials * max_epochs)),
    ]


def search(params: dict[str, Any], ctx: RunContext, data: tuple[torch.Tensor, ...]) -> Iterator[list[TrialCurve]]:
    """Sample and train configurations under the chosen pruner; yield all curves after each trial."""
    import optuna
    from optuna.distributions import FloatDistribution, IntDistribution

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    method, eta = str(params["method"]), int(params["eta"])
    max_epochs, n_trials = int(params["max_epochs"]), int(params["n_trials"])
    pruner: Any = (optuna.pruners.HyperbandPruner(min_resource=1, max_resource=max_epochs, reduction_factor=eta)
                   if method == "hyperband"
                   else optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=eta))
    # Hyperband assigns trials to brackets by hashing the study name: fix it for reproducibility.
    study = optuna.create_study(study_name=f"quizapp-hyperband-{ctx.seed}", direction="minimize",
                                sampler=optuna.samplers.RandomSampler(seed=ctx.seed), pruner=pruner)
    space = {"lr": FloatDistribution(*LR_RANGE, log=True), "width": IntDistribution(*WIDTH_RANGE, log=True)}
    curves: list[TrialCurve] = []
    for _ in range(n_trials):
        trial = study.ask(space)
        curve = TrialCurve(trial.number, float(trial.params["lr"]), int(trial.params["width"]))
        curves.append(curve)
        _train_trial(trial, curve, data, max_epochs, ctx)
        if curve.state == "completed":
            study.tell(trial, curve.val_loss[-1])
        elif curve.state == "pruned":
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        yield curves


def make_data(rng: np.random.Generator, device: torch.device) -> tuple[torch.Tensor, ...]:
    """(x_train, y_train, x_val, y_val) of the two-moons set the configurations learn."""
    X, y = make_moons(N_POINTS, 0.25, rng)
    X_t, y_t = torch.as_tensor(X, device=device), torch.as_tensor(y, device=device)
    return X_t[:N_TRAIN], y_t[:N_TRAIN], X_t[N_TRAIN:], y_t[N_TRAIN:]


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    method, eta = str(params["method"]), int(params["eta"])
    max_epochs, n_trials = int(params["max_epochs"]), int(params["n_trials"])
    brackets = hyperband_brackets(max_epochs, eta)
    panels = _panels(max_epochs, eta, n_trials)
    curves: list[TrialCurve] = []
    series, metrics = _series(curves, max_epochs, eta, method, brackets, n_trials)
    yield Frame(0.0, series, panels, metrics)  # before optuna's cold import (~0.2 s)
    pacer = FramePacer(10, started=True)
    for curves in search(params, ctx, make_data(ctx.rng, ctx.device)):
        if len(curves) < n_trials and pacer.due():
            series, metrics = _series(curves, max_epochs, eta, method, brackets, n_trials)
            yield Frame(len(curves) / n_trials, series, panels, metrics)

    series, metrics = _series(curves, max_epochs, eta, method, brackets, n_trials)
    messages = []
    if metrics["diverged_trials"]:
        messages.append(DemoText.tr("%n configuration(s) diverged (learning rate too high); stopped at once",
                                    "", int(metrics["diverged_trials"])))
    yield ctx.result(series, panels, metrics, messages)
