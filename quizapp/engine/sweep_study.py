"""The search demos and the batched sweep as Optuna studies that any number of workers share.

A study on shared storage is planned once (`plan_study`: the demo, its resolved parameters, what a
trial is) and the plan travels in the study's user attributes (`StudyPlan.to_attrs`), so a worker
that knows only the storage and the study name rebuilds the same objective (`objective_for`).

- Search demos (grid-vs-random, bayesian-optimization, hyperband, architecture-search): one trial
  is one point of the demo's search space, evaluated by the demo's own functions. The data of a
  trial depend only on the demo's seed and the trial's number, never on the worker that ran it.
  Which points a sampler proposes does depend on the order workers ask (Optuna's samplers read the
  trials finished so far), so a search over several workers is not reproducible point by point.
- The batched sweep: its configurations (`sweep_grid`) are split into contiguous chunks; one
  trial is one chunk (its number enqueued as the trial's user attribute "chunk"), trained by the
  demo's BatchedMLPSweep from the same seeded problem. A chunk's result depends only on the seed
  and the chunk, so N workers give exactly what one process gives (`run_chunks_serially`).

torch and optuna are imported when a study runs, never at import time of this module.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizapp.engine.errors import DemoError
from quizapp.engine.registry import get_spec
from quizapp.i18n.text import SweepText

if TYPE_CHECKING:
    import optuna

    from quizapp.engine.context import RunContext

SEARCH_DEMOS = ("grid-vs-random", "bayesian-optimization", "hyperband", "architecture-search")
CHUNKED_DEMOS = ("batched-sweep",)
STUDY_DEMOS = SEARCH_DEMOS + CHUNKED_DEMOS
SAMPLERS = {"grid-vs-random": ("random", "grid"), "bayesian-optimization": ("tpe", "gp", "random"),
            "hyperband": ("random",), "architecture-search": ("random",)}
MAX_GRID_CONFIGS = 10_000_000  # a study may sweep a larger grid than the panel; this bounds memory per chunk list
CHUNK_ATTR = "chunk"  # user attribute of an enqueued chunk trial: its index
LOSSES_ATTR = "losses"  # user attribute of a finished chunk trial: final loss per config (NaN: diverged)
WORKER_ATTR = "worker"  # user attribute: "host:pid" of the worker that ran (or runs) the trial
PLAN_ATTR = "quizapp_plan"  # study user attribute holding StudyPlan.to_attrs()


@dataclass(frozen=True)
class StudyPlan:
    """What a study computes: enough for any worker to rebuild its objective."""

    demo: str
    params: dict[str, Any]  # the demo's resolved parameters (seed included)
    kind: str  # "search" or "chunks"
    direction: str  # "minimize" / "maximize"
    trials: int  # search: trials to finish; chunks: number of chunks
    sampler: str = "random"
    grid: tuple[int, int] | None = None  # chunks: (learning rates, second-axis values)

    @property
    def seed(self) -> int:
        return int(self.params.get("seed", 0))

    def to_attrs(self) -> dict[str, Any]:
        return {"demo": self.demo, "params": self.params, "kind": self.kind, "direction": self.direction,
                "trials": self.trials, "sampler": self.sampler,
                "grid": list(self.grid) if self.grid else None}

    @classmethod
    def from_attrs(cls, attrs: Mapping[str, Any]) -> StudyPlan:
        grid = attrs.get("grid")
        return cls(str(attrs["demo"]), dict(attrs["params"]), str(attrs["kind"]), str(attrs["direction"]),
                   int(attrs["trials"]), str(attrs.get("sampler", "random")),
                   (int(grid[0]), int(grid[1])) if grid else None)


def plan_study(demo_id: str, overrides: Mapping[str, Any] | None = None, *, trials: int | None = None,
               chunks: int | None = None, grid: tuple[int, int] | None = None,
               sampler: str | None = None) -> StudyPlan:
    """Check and plan a study of `demo_id`. DemoError (one line) for anything a study cannot run."""
    if demo_id not in STUDY_DEMOS:
        raise DemoError(SweepText.tr("demo '{demo}' cannot run as a study; these can: {demos}").format(
            demo=demo_id, demos=", ".join(STUDY_DEMOS)))
    params = get_spec(demo_id).resolve(overrides)
    if demo_id in CHUNKED_DEMOS:
        if trials is not None or sampler is not None:
            raise DemoError(SweepText.tr("demo '{demo}' is a sweep of fixed configurations: give --chunks, not "
                                         "--trials or --sampler").format(demo=demo_id))
        n_lr, n2 = grid if grid is not None else (int(params["n_lr"]), int(params["n_axis2"]))
        if n_lr < 1 or n2 < 1 or n_lr * n2 > MAX_GRID_CONFIGS:
            raise DemoError(SweepText.tr("grid {grid}: each side must be at least 1 and the grid at most {most} "
                                         "configurations").format(grid=f"{n_lr}x{n2}", most=f"{MAX_GRID_CONFIGS:,}"))
        n_configs = len(sweep_grid({**params, "n_lr": n_lr, "n_axis2": n2})[0]["lr"])
        n_chunks = chunks if chunks is not None else min(n_configs, 8)
        if not 1 <= n_chunks <= n_configs:
            raise DemoError(SweepText.tr("--chunks {chunks}: must be between 1 and the {configs} "
                                         "configurations").format(chunks=n_chunks, configs=n_configs))
        return StudyPlan(demo_id, params, "chunks", "minimize", n_chunks, "chunks", (n_lr, n2))
    if chunks is not None or grid is not None:
        raise DemoError(SweepText.tr("demo '{demo}' is a search: give --trials, not --chunks or --grid").format(
            demo=demo_id))
    choices = SAMPLERS[demo_id]
    chosen = sampler or (str(params["sampler"]) if demo_id == "bayesian-optimization" else choices[0])
    if chosen not in choices:
        raise DemoError(SweepText.tr("--sampler {sampler}: demo '{demo}' samples with {choices}").format(
            sampler=chosen, demo=demo_id, choices=SweepText.tr(" or ").join(choices)))
    n_trials = trials if trials is not None else _default_trials(demo_id, params)
    if n_trials < 1:
        raise DemoError(SweepText.tr("--trials {trials}: must be at least 1").format(trials=n_trials))
    direction = "maximize" if demo_id == "architecture-search" else "minimize"
    return StudyPlan(demo_id, params, "search", direction, n_trials, chosen)


def _default_trials(demo_id: str, params: Mapping[str, Any]) -> int:
    if demo_id == "grid-vs-random":
        return int(params["per_axis"]) ** 2
    if demo_id == "bayesian-optimization":
        return int(params["budget"])
    return int(params["n_trials"])


# ------------------------------------------------------------------- samplers, pruners, seeds

def trial_seed(seed: int, number: int) -> int:
    """The seed of trial `number`'s own randomness (initial weights, batches): the same whichever
    worker runs it."""
    import numpy as np

    return int(np.random.SeedSequence([seed, number]).generate_state(1, dtype=np.uint32)[0])


def make_sampler(plan: StudyPlan, worker_seed: int | None) -> optuna.samplers.BaseSampler:
    """The sampler a worker uses. GridSampler reads the storage for the points already taken, so
    it splits the grid between workers; random and model-based samplers get `worker_seed` (give
    each worker its own, or they propose the same points)."""
    import optuna

    if plan.kind == "chunks":
        return optuna.samplers.RandomSampler(seed=0)  # never consulted: every chunk trial is enqueued
    if plan.sampler == "grid":
        k = int(plan.params["per_axis"])
        values = [i / (k - 1) for i in range(k)]
        return optuna.samplers.GridSampler({"x": values, "y": values}, seed=plan.seed)
    if plan.sampler == "tpe":
        return optuna.samplers.TPESampler(seed=worker_seed, n_startup_trials=int(plan.params["n_init"]))
    if plan.sampler == "gp":
        return optuna.samplers.GPSampler(seed=worker_seed, n_startup_trials=int(plan.params["n_init"]))
    return optuna.samplers.RandomSampler(seed=worker_seed)


def make_pruner(plan: StudyPlan) -> optuna.pruners.BasePruner:
    import optuna

    p = plan.params
    if plan.demo == "hyperband":
        eta, max_epochs = int(p["eta"]), int(p["max_epochs"])
        if p["method"] == "hyperband":
            return optuna.pruners.HyperbandPruner(min_resource=1, max_resource=max_epochs, reduction_factor=eta)
        return optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=eta)
    if plan.demo == "architecture-search" and p["method"] == "hyperband":
        from quizapp.engine.demos.architecture_search.compute import REPORT_EVERY

        return optuna.pruners.HyperbandPruner(min_resource=REPORT_EVERY, max_resource=int(p["steps"]),
                                              reduction_factor=3)
    return optuna.pruners.NopPruner()


def _trial_context(plan: StudyPlan, number: int, device: str) -> RunContext:
    """A RunContext for one trial: the demo's seed for its data, the trial's own seed for the rest."""
    import numpy as np
    import torch

    from quizapp.engine.context import RunContext
    from quizapp.engine.device import resolve_device

    dev = resolve_device(device)
    gen = torch.Generator(device=dev)
    gen.manual_seed(trial_seed(plan.seed, number))
    return RunContext(spec=get_spec(plan.demo), params=dict(plan.params), device=dev, seed=plan.seed,
                      generator=gen, rng=np.random.default_rng(plan.seed))


# ------------------------------------------------------------------------- search objectives

Objective = Callable[["optuna.Trial"], float]


def grid_vs_random_objective(plan: StudyPlan) -> Objective:
    from quizapp.engine.demos.grid_vs_random.compute import loss_fn

    p = plan.params
    shape = dict(optimum_x=float(p["optimum_x"]), width=float(p["width"]),
                 unimportant_weight=float(p["unimportant_weight"]))

    def objective(trial: optuna.Trial) -> float:
        return float(loss_fn(trial.suggest_float("x", 0.0, 1.0), trial.suggest_float("y", 0.0, 1.0), **shape))

    return objective


def bayesian_optimization_objective(plan: StudyPlan) -> Objective:
    from quizapp.engine.demos.bayesian_optimization.compute import forrester

    def objective(trial: optuna.Trial) -> float:
        return float(forrester(trial.suggest_float("x", 0.0, 1.0)))

    return objective


def hyperband_objective(plan: StudyPlan, device: str = "cpu") -> Objective:
    """One configuration (lr, width) trained epoch by epoch, reporting its validation loss to the
    study's pruner: the demo's `_train_trial` on the demo's data."""
    import optuna

    from quizapp.engine.demos.hyperband.compute import LR_RANGE, WIDTH_RANGE, TrialCurve, _train_trial, make_data

    max_epochs = int(plan.params["max_epochs"])

    def objective(trial: optuna.Trial) -> float:
        ctx = _trial_context(plan, trial.number, device)
        data = make_data(ctx.rng, ctx.device)
        curve = TrialCurve(trial.number, trial.suggest_float("lr", *LR_RANGE, log=True),
                           trial.suggest_int("width", *WIDTH_RANGE, log=True))
        _train_trial(trial, curve, data, max_epochs, ctx)
        trial.set_user_attr("state", curve.state)
        if curve.state != "completed":  # pruned, or diverged (stopped at once, like a pruned trial)
            raise optuna.TrialPruned(curve.state)
        return curve.val_loss[-1]

    return objective


def architecture_search_objective(plan: StudyPlan, device: str = "cpu") -> Objective:
    """One network (depth, width, activation) trained with the demo's `_train`; the value is its
    validation accuracy, its parameter count a user attribute."""
    import optuna
    import torch

    from quizapp.engine.demos.architecture_search.compute import (
        ACTIVATIONS, N_TRAIN, ArchTrial, _dataset, _train, param_count)
    from quizapp.engine.mlp import build_mlp

    p = plan.params
    prune = p["method"] == "hyperband"

    def objective(trial: optuna.Trial) -> float:
        ctx = _trial_context(plan, trial.number, device)
        X, y = _dataset(str(p["dataset"]), ctx.rng)
        X_t, y_t = torch.as_tensor(X, device=ctx.device), torch.as_tensor(y, device=ctx.device)
        data = (X_t[:N_TRAIN], y_t[:N_TRAIN], X_t[N_TRAIN:], y_t[N_TRAIN:])
        depth = trial.suggest_int("depth", 1, int(p["max_depth"]))
        width = trial.suggest_int("width", 2, int(p["max_width"]), log=True)
        act = str(trial.suggest_categorical("activation", ACTIVATIONS))
        arch = ArchTrial(trial.number, depth, width, act, param_count(depth, width))
        trial.set_user_attr("n_params", arch.n_params)
        model = build_mlp(2, [width] * depth, 2, act, device=ctx.device, generator=ctx.generator)
        _train(trial, arch, model, data, int(p["steps"]), prune, ctx)
        if arch.state == "pruned":
            raise optuna.TrialPruned(f"pruned at step {arch.steps}")
        return arch.val_acc

    return objective


# --------------------------------------------------------------------- the chunked batched sweep

def sweep_grid(params: Mapping[str, Any]) -> tuple[dict[str, list[Any]], list[str]]:
    """Every configuration of the batched sweep (row-major: second-axis value, then learning rate)
    and the demo's notes about the axes."""
    from quizapp.engine.demos.batched_sweep.compute import _configs, sweep_axes

    axes, messages = sweep_axes(dict(params))
    return _configs(axes, dict(params)), messages


def chunk_bounds(n_configs: int, chunks: int) -> list[tuple[int, int]]:
    """Contiguous [start, stop) ranges of nearly equal size covering 0 … n_configs."""
    edges = [round(i * n_configs / chunks) for i in range(chunks + 1)]
    return [(edges[i], edges[i + 1]) for i in range(chunks)]


def grid_params(plan: StudyPlan) -> dict[str, Any]:
    """The demo's parameters with the study's grid size (which may exceed the panel's ranges)."""
    assert plan.grid is not None
    return {**plan.params, "n_lr": plan.grid[0], "n_axis2": plan.grid[1]}


def run_chunk(params: Mapping[str, Any], start: int, stop: int, device: str = "cpu",
              is_cancelled: Callable[[], bool] | None = None) -> list[float]:
    """Train configurations start … stop-1 of the sweep with BatchedMLPSweep from the demo's seeded
    problem, as the demo does (diverged configs frozen after each epoch); the final full-set loss
    of each (NaN where it diverged). One intra-op thread: the result must not depend on how many
    cores the worker's machine has."""
    import numpy as np
    import torch

    from quizapp.engine.demos.batched_sweep.compute import DIVERGED_LOSS, BatchedMLPSweep, make_problem
    from quizapp.engine.device import resolve_device

    cfg, _ = sweep_grid(params)
    seed, epochs = int(params.get("seed", 0)), int(params["epochs"])
    dev = resolve_device(device)
    gen = torch.Generator(device=dev)
    gen.manual_seed(seed)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        problem = make_problem(int(params["hidden"]), epochs, np.random.default_rng(seed), gen, dev)
        sweep = BatchedMLPSweep(problem.init, cfg["lr"][start:stop], cfg["batch_size"][start:stop],
                                cfg["momentum"][start:stop], cfg["weight_decay"][start:stop])
        loss = sweep.full_loss(problem.X, problem.y)
        for e in range(epochs):
            if is_cancelled is not None and is_cancelled():
                raise DemoError("chunk cancelled")
            sweep.train_epoch(problem.X, problem.y, problem.orders[e])
            loss = sweep.full_loss(problem.X, problem.y)
            sweep.freeze(~torch.isfinite(loss) | (loss > DIVERGED_LOSS))
        final = torch.where(sweep.alive, loss, torch.full_like(loss, math.nan))
        return [float(v) for v in final.cpu().tolist()]
    finally:
        torch.set_num_threads(threads)


def run_chunks_serially(plan: StudyPlan, device: str = "cpu") -> list[float]:
    """The single-process run: every chunk in order, in this process. What N workers must equal."""
    params = grid_params(plan)
    n_configs = len(sweep_grid(params)[0]["lr"])
    out: list[float] = []
    for start, stop in chunk_bounds(n_configs, plan.trials):
        out += run_chunk(params, start, stop, device)
    return out


def chunk_objective(plan: StudyPlan, device: str = "cpu", on_start: Callable[[optuna.Trial], None] | None = None
                    ) -> Objective:
    """Run the chunk a trial was enqueued with; its losses go to the trial's user attributes and
    its value is the chunk's best loss (inf when every config diverged). A trial that was not
    enqueued (the queue ran dry between a worker's look and its ask) is pruned as a spare."""
    import optuna

    params = grid_params(plan)
    n_configs = len(sweep_grid(params)[0]["lr"])
    bounds = chunk_bounds(n_configs, plan.trials)

    def objective(trial: optuna.Trial) -> float:
        if CHUNK_ATTR not in trial.user_attrs:
            raise optuna.TrialPruned("spare: no chunk was waiting")
        chunk = int(trial.user_attrs[CHUNK_ATTR])
        if on_start is not None:
            on_start(trial)
        losses = run_chunk(params, *bounds[chunk], device)
        trial.set_user_attr(LOSSES_ATTR, losses)
        finite = [v for v in losses if math.isfinite(v)]
        return min(finite) if finite else math.inf

    return objective


def objective_for(plan: StudyPlan, device: str = "cpu",
                  on_start: Callable[[optuna.Trial], None] | None = None) -> Objective:
    """The objective of a planned study, by its demo id."""
    if plan.kind == "chunks":
        return chunk_objective(plan, device, on_start)
    if plan.demo == "grid-vs-random":
        return grid_vs_random_objective(plan)
    if plan.demo == "bayesian-optimization":
        return bayesian_optimization_objective(plan)
    if plan.demo == "hyperband":
        return hyperband_objective(plan, device)
    if plan.demo == "architecture-search":
        return architecture_search_objective(plan, device)
    raise DemoError(f"demo '{plan.demo}' cannot run as a study")


def configs_of(plan: StudyPlan) -> dict[str, list[Any]]:
    return sweep_grid(grid_params(plan))[0]
