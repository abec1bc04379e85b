"""A small architecture search: Optuna samples MLP depth, width and activation on a toy set.

Each sampled network trains with full-batch Adam; its validation accuracy is plotted against its
parameter count, and the Pareto front marks the networks no other network beats on both (as
accurate or more with as few parameters or fewer). With method=hyperband, Optuna's
HyperbandPruner stops weak networks early (their partial accuracy is shown apart and kept off
the front). Parameter counts use the closed form an interviewer asks for; the test checks it
against sum(p.numel()) of the very models built.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import accuracy, build_mlp
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.engine.toydata import make_moons, make_spirals
from quizapp.i18n.text import DemoText

ACTIVATIONS = ("relu", "tanh", "gelu")
ACTIVATION_STYLE = {"relu": ("#0072B2", "o"), "tanh": ("#D55E00", "s"), "gelu": ("#009E73", "^")}
N_TRAIN = N_VAL = 300
LEARNING_RATE = 0.02
REPORT_EVERY = 5  # steps between accuracy reports to the pruner (Hyperband's minimum resource)
BOUNDARY_GRID = 80  # resolution of the decision-region picture


def param_count(depth: int, width: int, d_in: int = 2, d_out: int = 2) -> int:
    """Weights and biases of Linear(d_in, w) → (depth − 1) × Linear(w, w) → Linear(w, d_out)."""
    return (d_in + 1) * width + (depth - 1) * (width + 1) * width + (width + 1) * d_out


@dataclass
class ArchTrial:
    number: int
    depth: int
    width: int
    activation: str
    n_params: int
    val_acc: float = float("nan")
    steps: int = 0  # steps actually trained
    state: str = "running"  # completed / pruned


def pareto_front(points: list[tuple[int, float]]) -> list[int]:
    """Indices of the points no other point dominates (fewer-or-equal params and higher-or-equal
    accuracy, better in at least one), ordered by parameter count."""
    front = []
    for i, (p_i, a_i) in enumerate(points):
        dominated = any((p_j <= p_i and a_j >= a_i) and (p_j < p_i or a_j > a_i) for p_j, a_j in points)
        if not dominated:
            front.append(i)
    return sorted(front, key=lambda i: (points[i][0], -points[i][1]))


def _dataset(name: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    if name == "spirals":
        return make_spirals(N_TRAIN + N_VAL, 0.04, 2.0, rng)
    return make_moons(N_TRAIN + N_VAL, 0.25, rng)


def _train(trial: Any, arch: ArchTrial, model: torch.nn.Module, data: tuple[torch.Tensor, ...], steps: int,
           prune: bool, ctx: RunContext) -> None:
    x_tr, y_tr, x_va, y_va = data
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, foreach=True)  # fewer kernel calls
    for step in range(1, steps + 1):
        optimizer.zero_grad(set_to_none=True)
        torch.nn.functional.cross_entropy(model(x_tr), y_tr).backward()
        optimizer.step()
        arch.steps = step
        if step % REPORT_EVERY == 0 or step == steps:
            ctx.check_cancelled()
            arch.val_acc = accuracy(model, x_va, y_va)
            trial.report(arch.val_acc, step)
            if prune and step < steps and trial.should_prune():
                arch.state = "pruned"
                return
    arch.state = "completed"


def _decision_surface(model: torch.nn.Module, lim: float,
                      device: torch.device) -> tuple[list[float], list[list[float]]]:
    axis = torch.linspace(-lim, lim, BOUNDARY_GRID, device=device)
    gx, gy = torch.meshgrid(axis, axis, indexing="xy")  # rows: y, columns: x
    with torch.no_grad():
        model.eval()
        prob = torch.softmax(model(torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1)), dim=1)[:, 1]
    return axis.cpu().tolist(), prob.reshape(BOUNDARY_GRID, BOUNDARY_GRID).cpu().tolist()


def _series(trials: list[ArchTrial], best_surface: tuple[list[float], list[list[float]]] | None,
            data_np: tuple[np.ndarray, np.ndarray]) -> tuple[list[Series], dict[str, Any]]:
    done = [t for t in trials if t.state == "completed"]
    series: list[Series] = []
    for act in ACTIVATIONS:
        pts = [t for t in done if t.activation == act]
        c, m = ACTIVATION_STYLE[act]
        series.append(Series(act, [float(t.n_params) for t in pts], [t.val_acc for t in pts], "pareto", "scatter",
                             style={"color": c, "marker": m, "size": 30}))
    pruned = [t for t in trials if t.state == "pruned"]
    if pruned:
        series.append(Series("pruned (accuracy when stopped)", [float(t.n_params) for t in pruned],
                             [t.val_acc for t in pruned], "pareto", "scatter",
                             style={"color": "0.6", "marker": "x", "size": 22, "label_zh": "被剪枝（停止时的准确率）"}))
    front = [done[i] for i in pareto_front([(t.n_params, t.val_acc) for t in done])]
    series.append(Series("Pareto front", [float(t.n_params) for t in front], [t.val_acc for t in front], "pareto",
                         "step", style={"color": "#000000", "lw": 1.4, "label_zh": "帕累托前沿"}))
    best = max(done, key=lambda t: (t.val_acc, -t.n_params)) if done else None
    if best_surface is not None:
        axis, prob = best_surface
        series.append(Series("_P(class 1)", axis, axis, "boundary", "heatmap", z=prob,
                             style={"cmap": "RdBu_r", "alpha": 0.6}))
    X_va, y_va = data_np
    for label, zh, color in ((0, "类别 0", "#0072B2"), (1, "类别 1", "#D55E00")):
        sel = X_va[y_va == label]
        series.append(Series(f"class {label}", sel[:, 0].tolist(), sel[:, 1].tolist(), "boundary", "scatter",
                             style={"color": color, "size": 8, "alpha": 0.7, "label_zh": zh}))
    metrics: dict[str, Any] = {
        "trials": len(trials),
        "completed": len(done),
        "pruned": len(pruned),
        "pareto_size": len(front),
        "best_val_accuracy": best.val_acc if best else None,
        "best_depth": best.depth if best else None,
        "best_width": best.width if best else None,
        "best_params": best.n_params if best else None,
        "smallest_on_front_params": front[0].n_params if front else None,
        "smallest_on_front_accuracy": front[0].val_acc if front else None,
        "steps_trained": sum(t.steps for t in trials),
    }
    return series, metrics


def search_trials(params: dict[str, Any], ctx: RunContext, X: np.ndarray,
                  y: np.ndarray) -> Iterator[tuple[list[ArchTrial], Any]]:
    """Run the search on (X, y) (the first N_TRAIN points train, the rest validate); after each
    trial yield (all trials so far, decision surface of the most accurate network so far)."""
    import optuna
    from optuna.distributions import CategoricalDistribution, IntDistribution

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    steps, n_trials = int(params["steps"]), int(params["n_trials"])
    prune = params["method"] == "hyperband"
    X_t, y_t = torch.as_tensor(X, device=ctx.device), torch.as_tensor(y, device=ctx.device)
    data = (X_t[:N_TRAIN], y_t[:N_TRAIN], X_t[N_TRAIN:], y_t[N_TRAIN:])
    lim = _plot_limit(X)
    pruner: Any = (optuna.pruners.HyperbandPruner(min_resource=REPORT_EVERY, max_resource=steps, reduction_factor=3)
                   if prune else optuna.pruners.NopPruner())
    study = optuna.create_study(study_name=f"quizapp-architecture-{ctx.seed}", direction="maximize",
                                sampler=optuna.samplers.RandomSampler(seed=ctx.seed), pruner=pruner)
    space = {"depth": IntDistribution(1, int(params["max_depth"])),
             "width": IntDistribution(2, int(params["max_width"]), log=True),
             "activation": CategoricalDistribution(ACTIVATIONS)}
    trials: list[ArchTrial] = []
    best_key: tuple[float, int] | None = None
    surface = None
    for _ in range(n_trials):
        trial = study.ask(space)
        depth, width, act = int(trial.params["depth"]), int(trial.params["width"]), str(trial.params["activation"])
        arch = ArchTrial(trial.number, depth, width, act, param_count(depth, width))
        trials.append(arch)
        model = build_mlp(2, [width] * depth, 2, act, device=ctx.device, generator=ctx.generator)
        _train(trial, arch, model, data, steps, prune, ctx)
        if arch.state == "completed":
            study.tell(trial, arch.val_acc)
            key = (arch.val_acc, -arch.n_params)
            if best_key is None or key > best_key:
                best_key, surface = key, _decision_surface(model, lim, ctx.device)
        else:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        yield trials, surface


def _plot_limit(X: np.ndarray) -> float:
    return float(np.abs(X).max()) * 1.1


def _panels(params: dict[str, Any], lim: float, best: ArchTrial | None = None) -> list[Panel]:
    """Fixed axis limits, so streamed frames can move points without rescaling the axes."""
    dataset = str(params["dataset"])
    smallest = param_count(1, 2)
    largest = param_count(int(params["max_depth"]), int(params["max_width"]))
    name_zh = "螺旋" if dataset == "spirals" else "双月"
    if best is None:
        title_en, title_zh = f"Most accurate network on {dataset}", f"{name_zh}数据上最准确的网络"
    else:
        arch = f"{best.depth}×{best.width} {best.activation}"
        title_en = f"Most accurate: {arch}, {best.n_params} params, acc {best.val_acc:.1%}"
        title_zh = f"最准确：{arch}，{best.n_params} 个参数，准确率 {best.val_acc:.1%}"
    return [
        Panel("pareto", "Accuracy against size", "准确率与模型大小", "parameters (log scale)",
              "validation accuracy", "参数量（对数坐标）", "验证准确率", xscale="log",
              xlim=(smallest / 1.5, largest * 1.5), ylim=(0.4, 1.02)),
        Panel("boundary", title_en, title_zh, "x₁", "x₂", xlim=(-lim, lim), ylim=(-lim, lim), equal_aspect=True,
              colorbar_label="P(class 1)", colorbar_label_zh="P(类别 1)"),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    n_trials = int(params["n_trials"])
    X, y = _dataset(str(params["dataset"]), ctx.rng)
    data_np = (X[N_TRAIN:], y[N_TRAIN:])
    panels = _panels(params, _plot_limit(X))
    series, metrics = _series([], None, data_np)
    yield Frame(0.0, series, panels, metrics)
    pacer = FramePacer(started=True)
    trials: list[ArchTrial] = []
    surface = None
    for progress in search_trials(params, ctx, X, y):
        trials, surface = progress  # the last pair: every trial, the best network's surface
        if len(trials) < n_trials and pacer.due():
            series, metrics = _series(trials, None, data_np)
            yield Frame(len(trials) / n_trials, series, panels, metrics)
    series, metrics = _series(trials, surface, data_np)
    done = [t for t in trials if t.state == "completed"]
    best = max(done, key=lambda t: (t.val_acc, -t.n_params)) if done else None
    messages = [] if done else [DemoText.tr("every network was pruned before finishing; raise n_trials or steps")]
    yield ctx.result(series, _panels(params, _plot_limit(X), best), metrics, messages)
