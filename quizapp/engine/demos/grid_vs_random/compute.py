"""Grid search vs random search at the same budget (Bergstra & Bengio, 2012).

The validation loss depends strongly on one hyperparameter x and weakly on another y. A k×k grid
(Optuna's GridSampler) spends k² trials but tries only k values of x; k² random trials
(RandomSampler) try k² distinct values of x, so they are far more likely to land in a narrow
good region. The loss is a closed form so the test can check every trial against it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series, SeriesStyle

if TYPE_CHECKING:
    from optuna.trial import FrozenTrial

OPTIMUM_Y = 0.35  # where the unimportant hyperparameter is best (its effect is small anyway)
BROAD_WIDTH = 0.3  # a broad basin under the narrow dip, so the loss is not flat away from it


def loss_fn(x: float | np.ndarray, y: float | np.ndarray, optimum_x: float, width: float,
            unimportant_weight: float) -> Any:
    """Loss in [0, 1 + unimportant_weight]; its minimum 0 is at (optimum_x, OPTIMUM_Y)."""
    d2 = (np.asarray(x) - optimum_x) ** 2
    important = 1.0 - 0.7 * np.exp(-d2 / (2 * width**2)) - 0.3 * np.exp(-d2 / (2 * BROAD_WIDTH**2))
    unimportant = unimportant_weight * ((np.asarray(y) - OPTIMUM_Y) / (1 - OPTIMUM_Y)) ** 2
    return important + unimportant


@dataclass(frozen=True)
class SearchTrace:
    """The trials of one search, in the order they ran."""

    x: list[float]
    y: list[float]
    loss: list[float]

    def best_so_far(self) -> list[float]:
        return [float(v) for v in np.minimum.accumulate(self.loss)]

    def distinct_x(self) -> int:
        return len(set(self.x))


def run_search(sampler: Any, n_trials: int, objective: Callable[[float, float], float]) -> SearchTrace:
    """Run an Optuna study with `sampler` on x, y ∈ [0, 1] and return its trials."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.optimize(lambda t: objective(t.suggest_float("x", 0.0, 1.0), t.suggest_float("y", 0.0, 1.0)),
                   n_trials=n_trials)
    trials = study.trials
    return SearchTrace([t.params["x"] for t in trials], [t.params["y"] for t in trials],
                       [_trial_value(t) for t in trials])


def _trial_value(trial: FrozenTrial) -> float:
    """A finished trial's objective value (every objective here returns a finite float)."""
    if trial.value is None:
        raise ValueError(f"Optuna trial {trial.number} has no value ({trial.state.name})")
    return float(trial.value)


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    import optuna

    k = int(params["per_axis"])
    n_trials = k * k
    shape = dict(optimum_x=float(params["optimum_x"]), width=float(params["width"]),
                 unimportant_weight=float(params["unimportant_weight"]))

    def objective(x: float, y: float) -> float:
        return float(loss_fn(x, y, **shape))

    values = [float(v) for v in np.linspace(0.0, 1.0, k)]
    grid = run_search(optuna.samplers.GridSampler({"x": values, "y": values}, seed=ctx.seed), n_trials, objective)
    ctx.check_cancelled()
    rand = run_search(optuna.samplers.RandomSampler(seed=ctx.seed), n_trials, objective)

    axis = np.linspace(0.0, 1.0, 101)
    surface = loss_fn(axis[None, :], axis[:, None], **shape)  # rows: y, columns: x
    # Marginals (mean over the other hyperparameter), as in Bergstra & Bengio's figure 1.
    marginal_x, marginal_y = surface.mean(axis=0), surface.mean(axis=1)
    trials_axis = [float(i) for i in range(1, n_trials + 1)]
    grid_style: SeriesStyle = {"color": "#D55E00", "marker": "s", "size": 34}
    rand_style: SeriesStyle = {"color": "#0072B2", "marker": "o", "size": 26}
    n_grid, n_rand = grid.distinct_x(), rand.distinct_x()

    series = [
        Series("_loss surface", axis.tolist(), axis.tolist(), "space", "contour", z=surface.tolist(),
               style={"levels": 14, "cmap": "Greys"}),
        Series("grid trials", grid.x, grid.y, "space", "scatter", style={**grid_style, "label_zh": "网格试验"}),
        Series("random trials", rand.x, rand.y, "space", "scatter", style={**rand_style, "label_zh": "随机试验"}),
        Series("optimum", [shape["optimum_x"]], [OPTIMUM_Y], "space", "scatter",
               style={"color": "#009E73", "marker": "*", "size": 160, "label_zh": "最优点"}),
        Series("marginal (mean over y)", axis.tolist(), marginal_x.tolist(), "marginal_x",
               style={"color": "0.3", "label_zh": "边缘（对 y 取平均）"}),
        Series(f"grid: {n_grid} distinct x", grid.x, grid.loss, "marginal_x", "scatter",
               style={**grid_style, "label_zh": f"网格：{n_grid} 个不同的 x"}),
        Series(f"random: {n_rand} distinct x", rand.x, rand.loss, "marginal_x", "scatter",
               style={**rand_style, "label_zh": f"随机：{n_rand} 个不同的 x"}),
        Series("marginal (mean over x)", axis.tolist(), marginal_y.tolist(), "marginal_y",
               style={"color": "0.3", "label_zh": "边缘（对 x 取平均）"}),
        Series("_grid trials (y)", grid.y, grid.loss, "marginal_y", "scatter", style=grid_style),
        Series("_random trials (y)", rand.y, rand.loss, "marginal_y", "scatter", style=rand_style),
        Series("grid search", trials_axis, grid.best_so_far(), "best", "step",
               style={"color": grid_style["color"], "marker": "s", "label_zh": "网格搜索"}),
        Series("random search", trials_axis, rand.best_so_far(), "best", "step",
               style={"color": rand_style["color"], "marker": "o", "label_zh": "随机搜索"}),
        Series("true minimum", [], [0.0], "best", "hline", style={"label_zh": "真实最小值"}),
    ]
    top = 1.0 + shape["unimportant_weight"]
    lim = (-0.03, 1.03)
    panels = [
        Panel("space", "Trials in the search space", "搜索空间中的试验",
              "x (important)", "y (unimportant)", "x（重要）", "y（不重要）",
              xlim=lim, ylim=lim, equal_aspect=True),
        Panel("marginal_x", "Loss along the important x", "沿重要参数 x 的损失",
              "x (important)", "validation loss", "x（重要）", "验证损失", xlim=lim, ylim=(-0.03, top + 0.05)),
        Panel("marginal_y", "Loss along the unimportant y", "沿不重要参数 y 的损失",
              "y (unimportant)", "validation loss", "y（不重要）", "验证损失", xlim=lim, ylim=(-0.03, top + 0.05)),
        Panel("best", f"Best so far, same budget ({n_trials} trials)", f"目前最优（相同预算 {n_trials} 次）",
              "trial", "best validation loss", "试验次数", "最优验证损失",
              xlim=(0.5, n_trials + 0.5), ylim=(-0.03, top + 0.05)),
    ]
    metrics = {
        "n_trials": n_trials,
        "grid_distinct_x": n_grid,
        "random_distinct_x": n_rand,
        "grid_best_loss": min(grid.loss),
        "random_best_loss": min(rand.loss),
        "min_loss": 0.0,
        "grid_best_x_gap": min(abs(x - shape["optimum_x"]) for x in grid.x),
        "random_best_x_gap": min(abs(x - shape["optimum_x"]) for x in rand.x),
    }
    return ctx.result(series, panels, metrics)

