"""Bayesian optimization on a 1-D black box: an exact GP posterior, expected improvement, the next point.

The black box is the Forrester function f(x) = (6x − 2)²·sin(12x − 4) on [0, 1] (a standard 1-D
test problem with a local and a global minimum). The GP has a unit-variance RBF kernel on the
standardized observations and a tiny noise term (jitter); EI for minimization has the closed form

    EI(x) = (f* − μ − ξ)·Φ(z) + σ·φ(z),   z = (f* − μ − ξ)/σ,

with f* the best value observed so far. Beside the step-by-step picture, Optuna's model-based
sampler (TPE, or GP when SciPy is installed) races random search at the same budget.
"""
from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series
from quizapp.i18n.text import DemoText

if TYPE_CHECKING:
    from optuna.trial import FrozenTrial

X_GRID_POINTS = 501  # EI is maximized over this grid of [0, 1]; fine enough for a 1-D demo
FORRESTER_MIN_X = 0.757249  # argmin of the Forrester function on [0, 1]
_JITTERS = (1e-6, 1e-5, 1e-4, 1e-3, 1e-2)  # relative noise, raised only if Cholesky fails


def forrester(x: float | np.ndarray) -> Any:
    x = np.asarray(x, dtype=np.float64)
    return (6.0 * x - 2.0) ** 2 * np.sin(12.0 * x - 4.0)


FORRESTER_MIN = float(forrester(FORRESTER_MIN_X))


def rbf_kernel(a: torch.Tensor, b: torch.Tensor, lengthscale: float) -> torch.Tensor:
    """k(a, b) = exp(−(a − b)²/(2ℓ²)) for 1-D inputs: a (n,), b (m,) -> (n, m)."""
    return torch.exp(-0.5 * (a[:, None] - b[None, :]) ** 2 / lengthscale**2)


def gp_posterior(x_obs: torch.Tensor, y_obs: torch.Tensor, x_query: torch.Tensor, lengthscale: float,
                 noise: float = _JITTERS[0]) -> tuple[torch.Tensor, torch.Tensor]:
    """Posterior mean and standard deviation of f at `x_query` (exact GP regression).

    y is standardized first (zero mean, unit variance), so the kernel's unit signal variance and
    `noise` (a variance, relative to the data's) are scale-free; the result is in y's units.
    """
    y_mean = y_obs.mean()
    y_std = y_obs.std(unbiased=False) if len(y_obs) > 1 else torch.ones((), dtype=y_obs.dtype, device=y_obs.device)
    y_std = torch.where(y_std > 0, y_std, torch.ones_like(y_std))
    y_n = (y_obs - y_mean) / y_std
    k_xx = rbf_kernel(x_obs, x_obs, lengthscale)
    eye = torch.eye(len(x_obs), dtype=x_obs.dtype, device=x_obs.device)
    for jitter in (j for j in _JITTERS if j >= noise):
        chol, info = torch.linalg.cholesky_ex(k_xx + jitter * eye)
        if int(info) == 0:
            break
    k_xq = rbf_kernel(x_obs, x_query, lengthscale)
    alpha = torch.cholesky_solve(y_n[:, None], chol)
    mean = (k_xq.T @ alpha).squeeze(1)
    v = torch.linalg.solve_triangular(chol, k_xq, upper=False)
    var = (1.0 - (v * v).sum(dim=0)).clamp_min(0.0)
    return y_mean + y_std * mean, y_std * var.sqrt()


def expected_improvement(mean: torch.Tensor, std: torch.Tensor, best: float, xi: float) -> torch.Tensor:
    """Closed-form EI of minimization: E[max(best − ξ − f, 0)] for f ~ N(mean, std²)."""
    improvement = best - xi - mean
    safe_std = std.clamp_min(1e-12)
    z = improvement / safe_std
    pdf = torch.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    ei = improvement * torch.special.ndtr(z) + safe_std * pdf
    return torch.where(std > 1e-12, ei, improvement.clamp_min(0.0))


def run_bo(x_init: list[float], total: int, lengthscale: float, xi: float,
           device: torch.device) -> list[float]:
    """GP-EI search: the random `x_init`, then each next x = argmax EI over the grid. Returns the xs."""
    grid = torch.linspace(0.0, 1.0, X_GRID_POINTS, dtype=torch.float64, device=device)
    xs = list(x_init[:total])
    ys = [float(forrester(x)) for x in xs]
    while len(xs) < total:
        x_t = torch.tensor(xs, dtype=torch.float64, device=device)
        y_t = torch.tensor(ys, dtype=torch.float64, device=device)
        mean, std = gp_posterior(x_t, y_t, grid, lengthscale)
        x_next = float(grid[int(torch.argmax(expected_improvement(mean, std, min(ys), xi)))])
        xs.append(x_next)
        ys.append(float(forrester(x_next)))
    return xs


def _optuna_trace(sampler: Any, budget: int) -> list[float]:
    import optuna

    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.optimize(lambda t: float(forrester(t.suggest_float("x", 0.0, 1.0))), n_trials=budget)
    return [_trial_value(t) for t in study.trials]


def _trial_value(trial: FrozenTrial) -> float:
    """A finished trial's objective value (every objective here returns a finite float)."""
    if trial.value is None:
        raise ValueError(f"Optuna trial {trial.number} has no value ({trial.state.name})")
    return float(trial.value)


def regret(values: list[float]) -> list[float]:
    """Best value so far minus the true minimum (floored so a log axis can show an exact hit)."""
    return [max(float(v) - FORRESTER_MIN, 1e-9) for v in np.minimum.accumulate(values)]


@dataclass
class Picture:
    """The GP posterior and EI after t trials, and where EI looks next."""

    t: int
    xs: list[float]  # every trial of the GP-EI search (max(t, budget) of them)
    ys: list[float]
    grid: torch.Tensor
    mean: torch.Tensor
    std: torch.Tensor
    ei: torch.Tensor
    i_next: int

    @property
    def x_next(self) -> float:
        return float(self.grid[self.i_next])


def picture(params: dict[str, Any], ctx: RunContext) -> Picture:
    t, n_init, budget = int(params["trials"]), int(params["n_init"]), int(params["budget"])
    lengthscale, xi = float(params["lengthscale"]), float(params["xi"])
    x_init = [float(v) for v in ctx.rng.uniform(0.0, 1.0, size=n_init)]
    xs = run_bo(x_init, max(t, budget), lengthscale, xi, ctx.device)
    ys = [float(forrester(x)) for x in xs]
    grid = torch.linspace(0.0, 1.0, X_GRID_POINTS, dtype=torch.float64, device=ctx.device)
    x_obs = torch.tensor(xs[:t], dtype=torch.float64, device=ctx.device)
    y_obs = torch.tensor(ys[:t], dtype=torch.float64, device=ctx.device)
    mean, std = gp_posterior(x_obs, y_obs, grid, lengthscale)
    ei = expected_improvement(mean, std, min(ys[:t]), xi)
    return Picture(t, xs, ys, grid, mean, std, ei, int(torch.argmax(ei)))


def optuna_race(params: dict[str, Any], ctx: RunContext,
                messages: list[str]) -> tuple[str, str, list[float], list[float]]:
    """Optuna's model-based sampler and its RandomSampler at the same budget: (label, label_zh,
    model values, random values)."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    n_init, budget = int(params["n_init"]), int(params["budget"])
    sampler_name = str(params["sampler"])
    if sampler_name == "gp" and importlib.util.find_spec("scipy") is None:
        messages.append(DemoText.tr("Optuna's GPSampler needs SciPy, which is not installed; TPESampler is used "
                                    "instead"))
        sampler_name = "tpe"
    if sampler_name == "gp":
        model_sampler: Any = optuna.samplers.GPSampler(seed=ctx.seed, n_startup_trials=n_init)
        label = "Optuna GPSampler"
    else:
        model_sampler = optuna.samplers.TPESampler(seed=ctx.seed, n_startup_trials=n_init)
        label = "Optuna TPESampler"
    model_values = _optuna_trace(model_sampler, budget)
    ctx.check_cancelled()
    return label, label, model_values, _optuna_trace(optuna.samplers.RandomSampler(seed=ctx.seed), budget)


def _series(pic: Picture, budget: int, race: tuple[str, str, list[float], list[float]]) -> list[Series]:
    t, xs, ys, x_next = pic.t, pic.xs, pic.ys, pic.x_next
    model_label, model_label_zh, model_values, random_values = race
    g = pic.grid.cpu().numpy()
    mean_np, std_np = pic.mean.cpu().numpy(), pic.std.cpu().numpy()
    trial_axis = [float(i) for i in range(1, budget + 1)]
    return [
        Series("black box f(x)", g.tolist(), forrester(g).tolist(), "posterior",
               style={"color": "0.45", "ls": "--", "lw": 1.2, "label_zh": "黑箱函数 f(x)"}),
        Series("GP mean", g.tolist(), mean_np.tolist(), "posterior",
               style={"color": "#0072B2", "label_zh": "GP 后验均值"}),
        Series("mean + 2σ", g.tolist(), (mean_np + 2 * std_np).tolist(), "posterior",
               style={"color": "#56B4E9", "lw": 0.8, "label_zh": "均值 ± 2σ"}),
        Series("_mean - 2σ", g.tolist(), (mean_np - 2 * std_np).tolist(), "posterior",
               style={"color": "#56B4E9", "lw": 0.8}),
        Series(f"{t} observations", xs[:t], ys[:t], "posterior", "scatter",
               style={"color": "#000000", "size": 30, "label_zh": f"{t} 个观测"}),
        Series("next point", [x_next], [], "posterior", "vline",
               style={"color": "#D55E00", "ls": ":", "lw": 1.6, "label_zh": "下一个点"}),
        Series("expected improvement", g.tolist(), pic.ei.cpu().numpy().tolist(), "ei",
               style={"color": "#009E73", "label_zh": "期望改进 EI"}),
        Series("_next point (EI)", [x_next], [], "ei", "vline", style={"color": "#D55E00", "ls": ":", "lw": 1.6}),
        Series("GP + EI (this demo)", trial_axis, regret(ys[:budget]), "race", "step",
               style={"color": "#0072B2", "label_zh": "GP + EI（本演示）"}),
        Series(model_label, trial_axis, regret(model_values), "race", "step",
               style={"color": "#CC79A7", "label_zh": model_label_zh}),
        Series("random search", trial_axis, regret(random_values), "race", "step",
               style={"color": "#E69F00", "label_zh": "随机搜索"}),
    ]


def _panels(t: int, budget: int) -> list[Panel]:
    return [
        Panel("posterior", f"GP posterior after {t} trials", f"{t} 次试验后的 GP 后验",
              "x", "f(x)", ylim=(-12.0, 20.0)),
        Panel("ei", "Expected improvement", "期望改进（EI）", "x", "EI(x)"),
        Panel("race", f"Same budget ({budget} trials): gap to the minimum", f"相同预算（{budget} 次）：与最小值的差距",
              "trial", "best f so far − min f", "试验次数", "目前最优 f − 最小 f", yscale="log",
              xlim=(0.5, budget + 0.5)),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    t, n_init, budget = int(params["trials"]), int(params["n_init"]), int(params["budget"])
    messages: list[str] = []
    pic = picture(params, ctx)
    ctx.check_cancelled()
    if float(pic.ei[pic.i_next]) < 1e-12:
        messages.append(DemoText.tr("EI is zero everywhere: the GP is sure nothing beats the best point (often a "
                                    "length scale too long for this function); try a smaller ℓ or a larger ξ"))
    if t < n_init:
        messages.append(DemoText.tr("trial {trial} is still one of the {initial} random initial trials; the marked "
                                    "point is where EI would look").format(trial=t + 1, initial=n_init))
    race = optuna_race(params, ctx, messages)
    metrics = {
        "trials": t,
        "best_so_far": min(pic.ys[:t]),
        "next_x": pic.x_next,
        "max_ei": float(pic.ei[pic.i_next]),
        "sigma_at_next": float(pic.std[pic.i_next]),
        "true_min": FORRESTER_MIN,
        "true_argmin": FORRESTER_MIN_X,
        "gp_ei_best": min(pic.ys[:budget]),
        "optuna_best": min(race[2]),
        "random_best": min(race[3]),
    }
    return ctx.result(_series(pic, budget, race), _panels(t, budget), metrics, messages)
