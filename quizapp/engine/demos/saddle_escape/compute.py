"""saddle-escape: gradient descent near a saddle point, and what gets it out.

On f = x² − y², GD multiplies x by (1 − 2η) and y by (1 + 2η) each step, so from (x0, 0) it
slides into the saddle and stays, while from (x0, ε) it leaves along y once ε(1 + 2η)^t is
large. Gradient noise (minibatch noise's stand-in) and heavy-ball momentum get out sooner. The
notes-style cubic x² + y² + y³ + xy shows the same at a saddle with a basin next to it: noisy
runs started exactly on the saddle (1/4, −1/2) fall either into the local minimum at the
origin or off the cliff towards y → −∞.

Every run goes through the batched kernel (torch.optim's SGD rule; see optim_kernel).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from quizapp.engine.context import RunContext
from quizapp.engine.curves import geometric
from quizapp.engine.optim_kernel import BatchedOptimizer, OptimConfig, to_numpy
from quizapp.engine.result import DemoResult, Panel, Series, SeriesStyle
from quizapp.engine.surfaces import Surface, get_surface

ESCAPED = 1.0  # |y| at which a run on x² − y² counts as having left the saddle
_WINDOW = 2.2  # half-width of the x² − y² plot; paths are cut once they leave it


def momentum_growth_rate(lr: float, beta: float) -> tuple[float, float]:
    """Roots r+ >= r- of r² − (1 + β + 2η) r + β = 0: heavy ball on −y² is the recursion
    y_{t+1} = (1 + β + 2η) y_t − β y_{t−1} (torch's convention: buf = β buf + g, p −= η buf)."""
    b = 1.0 + beta + 2.0 * lr
    root = math.sqrt(b * b - 4.0 * beta)
    return (b + root) / 2.0, (b - root) / 2.0


def momentum_theory(eps: float, lr: float, beta: float, steps: int) -> np.ndarray:
    """Exact y_t of heavy ball on −y² from y_0 = ε (y_1 = (1 + 2η) ε: the first buffer is g)."""
    rp, rm = momentum_growth_rate(lr, beta)
    y1 = (1.0 + 2.0 * lr) * eps
    a = (y1 - rm * eps) / (rp - rm)
    t = np.arange(steps + 1, dtype=np.float64)
    # rm = β/rp < 1, so only the rp term can pass the float range (to +inf, no warning)
    return geometric(a, rp, t) + (eps - a) * rm**t


def _run_noisy(configs: list[OptimConfig], start: np.ndarray, surface: Surface, steps: int,
               noise: np.ndarray, ctx: RunContext) -> np.ndarray:
    """Kernel run whose gradient gets `noise[t]` (an (R, 2) array per step) added."""
    opt = BatchedOptimizer(configs, start, device=ctx.device)
    noise_dev = opt.array(noise)
    t = 0

    def noisy_grad(p: Any, out: Any) -> None:
        nonlocal t
        surface.grad_into(p, out)
        out += noise_dev[t]
        t += 1

    return to_numpy(opt.run(noisy_grad, steps))


def _cut(path: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """The path up to and including its first point outside (or non-finite)."""
    bad = ~inside | ~np.isfinite(path).all(axis=1)
    return path[: int(np.argmax(bad)) + 1] if bad.any() else path


def _first_escape(y: np.ndarray) -> int | None:
    hit = np.abs(y) >= ESCAPED
    return int(np.argmax(hit)) if hit.any() else None


def _contour(surface: Surface, panel: str, xlim: tuple[float, float], ylim: tuple[float, float]) -> Series:
    xs, ys = np.linspace(*xlim, 120), np.linspace(*ylim, 120)
    xx, yy = np.meshgrid(xs, ys)
    z = surface.value(xx, yy)
    low, high = np.percentile(z, [1.0, 99.0])
    levels = [float(v) for v in np.linspace(low, high, 24)]
    return Series("_surface " + panel, xs.tolist(), ys.tolist(), panel, "contour", z=z.tolist(),
                  style={"levels": levels, "cmap": "Greys"})


def _marker(name: str, zh: str, pts: tuple[tuple[float, float], ...], panel: str, marker: str) -> Series:
    return Series(name, [p[0] for p in pts], [p[1] for p in pts], panel, "scatter",
                  style={"color": "black", "marker": marker, "size": 90, "alpha": 1.0, "label_zh": zh})


def _saddle_runs(params: dict[str, Any], ctx: RunContext) -> tuple[list[Series], list[Series], dict[str, Any]]:
    """x² − y²: stuck on the stable line, an ε offset, noise and momentum; their paths, the
    growth of |y| against theory, and the escape metrics."""
    lr, eps, x0, sigma, beta = params["lr"], params["eps"], params["x0"], params["noise"], params["momentum"]
    steps = params["steps"]
    saddle = get_surface("saddle")

    runs = [  # (name, zh, config, start y, noisy, colour)
        ("GD from (x0, 0)", "GD 从 (x0, 0) 出发", OptimConfig("sgd", lr), 0.0, False, "#777777"),
        ("GD from (x0, ε)", "GD 从 (x0, ε) 出发", OptimConfig("sgd", lr), eps, False, "#0072B2"),
        ("GD + noise from (x0, 0)", "GD + 噪声 从 (x0, 0) 出发", OptimConfig("sgd", lr), 0.0, True, "#E69F00"),
        ("Momentum from (x0, ε)", "动量法 从 (x0, ε) 出发", OptimConfig("momentum", lr, momentum=beta), eps, False,
         "#D55E00"),
    ]
    start = np.array([[x0, y0] for _, _, _, y0, _, _ in runs])
    noise = np.zeros((steps, len(runs), 2))
    for r, run_ in enumerate(runs):
        if run_[4]:
            noise[:, r] = sigma * ctx.rng.standard_normal((steps, 2))
    traj = _run_noisy([r[2] for r in runs], start, saddle, steps, noise, ctx)

    series: list[Series] = [_contour(saddle, "saddle", (-_WINDOW, _WINDOW), (-_WINDOW, _WINDOW)),
                            _marker("saddle point", "鞍点", ((0.0, 0.0),), "saddle", "X")]
    growth: list[Series] = []
    metrics: dict[str, Any] = {}
    for r, (name, zh, _, _, _, colour) in enumerate(runs):
        path = _cut(traj[:, r], (np.abs(traj[:, r]) <= _WINDOW).all(axis=1))
        style: SeriesStyle = {"color": colour, "label_zh": zh}
        series.append(Series(name, path[:, 0].tolist(), path[:, 1].tolist(), "saddle", "path", style=style))
        t = np.arange(len(path))
        y_abs = np.abs(path[:, 1])
        keep = y_abs > 0  # log axis: the stuck run's exact zeros cannot be drawn
        growth.append(Series("_|y| " + name, t[keep].tolist(), y_abs[keep].tolist(), "growth", "line",
                             style={"color": colour, "marker": "o" if r == 1 else "", "ms": 3,
                                    "ls": "none" if r == 1 else "-"}))
    t_all = np.arange(steps + 1)
    gd_theory = geometric(eps, 1.0 + 2.0 * lr, t_all)
    mom_theory = momentum_theory(eps, lr, beta, steps)
    show = gd_theory <= _WINDOW * 1.5
    growth.append(Series("GD theory ε(1+2η)^t", t_all[show].tolist(), gd_theory[show].tolist(), "growth", "line",
                         style={"color": "#0072B2", "ls": "--", "lw": 1.2, "label_zh": "GD 理论值 ε(1+2η)^t"}))
    show = mom_theory <= _WINDOW * 1.5
    growth.append(Series("momentum theory", t_all[show].tolist(), mom_theory[show].tolist(), "growth", "line",
                         style={"color": "#D55E00", "ls": "--", "lw": 1.2, "label_zh": "动量法理论值"}))
    growth.append(Series("escaped: |y| = 1", [], [ESCAPED], "growth", "hline",
                         style={"color": "0.3", "ls": ":", "label_zh": "已逃离：|y| = 1"}))

    gd_y = traj[:, 1, 1]
    inside = np.abs(gd_y) <= _WINDOW
    rel_err = np.abs(np.abs(gd_y[inside]) - gd_theory[inside]) / gd_theory[inside]
    rp, _ = momentum_growth_rate(lr, beta)
    metrics.update(
        gd_growth_factor=1.0 + 2.0 * lr,
        gd_max_rel_error_vs_theory=float(rel_err.max()),
        gd_stuck_final_y=float(traj[-1, 0, 1]),
        gd_stuck_final_x=float(traj[-1, 0, 0]),
        escape_step_theory=math.ceil(math.log(ESCAPED / eps) / math.log(1.0 + 2.0 * lr)),
        escape_step_gd=_first_escape(traj[:, 1, 1]),
        escape_step_noise=_first_escape(traj[:, 2, 1]),
        escape_step_momentum=_first_escape(traj[:, 3, 1]),
        momentum_growth_factor=rp,
    )
    return series, growth, metrics


def _cubic_runs(params: dict[str, Any], ctx: RunContext) -> tuple[list[Series], dict[str, Any]]:
    """The notes-style cubic: noisy runs started exactly on its saddle, and where they end."""
    lr, sigma, steps, n_cubic = params["lr"], params["noise"], params["steps"], params["cubic_runs"]
    series: list[Series] = []
    metrics: dict[str, Any] = {}
    cubic = get_surface("cubic")
    s0 = cubic.saddles[0]
    cfgs = [OptimConfig("sgd", lr)] * (n_cubic + 1)
    c_noise = np.zeros((steps, n_cubic + 1, 2))
    c_noise[:, 1:] = sigma * ctx.rng.standard_normal((steps, n_cubic, 2))
    c_traj = _run_noisy(cfgs, np.array(s0), cubic, steps, c_noise, ctx)
    series += [_contour(cubic, "cubic", cubic.xlim, cubic.ylim),
               _marker("local minimum (0, 0)", "局部极小值 (0, 0)", cubic.minima, "cubic", "*"),
               _marker("saddle (1/4, −1/2)", "鞍点 (1/4, −1/2)", cubic.saddles, "cubic", "X")]
    outcomes = {"minimum": 0, "escaped": 0, "near saddle": 0}
    labels = {"minimum": ("noisy GD → minimum", "带噪 GD → 极小值", "#009E73"),
              "escaped": ("noisy GD → y → −∞", "带噪 GD → y → −∞", "#CC79A7"),
              "near saddle": ("noisy GD, still near the saddle", "带噪 GD，仍在鞍点附近", "#E69F00")}
    for r in range(1, n_cubic + 1):
        inside = cubic.in_window(c_traj[:, r, 0], c_traj[:, r, 1], margin=0.0)
        path = _cut(c_traj[:, r], inside)
        end = path[-1]
        if len(path) < steps + 1 or not np.isfinite(end).all():
            outcome = "escaped"
        elif math.hypot(end[0], end[1]) < 0.05:
            outcome = "minimum"
        else:
            outcome = "near saddle"
        en, zh, colour = labels[outcome]
        first = outcomes[outcome] == 0
        outcomes[outcome] += 1
        series.append(Series(en if first else f"_{en} {r}", path[:, 0].tolist(), path[:, 1].tolist(), "cubic",
                             "path", style={"color": colour, "lw": 1.2, "alpha": 0.85, "label_zh": zh}))
    stuck = c_traj[:, 0]
    series.append(Series("GD without noise (stays)", stuck[-1:, 0].tolist(), stuck[-1:, 1].tolist(), "cubic",
                         "scatter", style={"color": "#0072B2", "marker": "o", "size": 30, "alpha": 1.0,
                                           "label_zh": "无噪声 GD（停在鞍点）"}))
    metrics.update(
        cubic_runs_to_minimum=outcomes["minimum"],
        cubic_runs_escaped=outcomes["escaped"],
        cubic_runs_near_saddle=outcomes["near saddle"],
        cubic_noiseless_max_move=float(np.abs(stuck - np.array(s0)).max()),
    )
    return series, metrics


def _panels() -> list[Panel]:
    cubic = get_surface("cubic")
    return [
        Panel("saddle", "x² − y²: paths from near the saddle", "x² − y²：鞍点附近出发的路径", xlabel="x", ylabel="y",
              xlim=(-_WINDOW, _WINDOW), ylim=(-_WINDOW, _WINDOW), equal_aspect=True),
        Panel("growth", "Escape along y (log scale)", "沿 y 方向的逃离（对数坐标）", xlabel="step t", ylabel="|y_t|",
              xlabel_zh="迭代步数 t", yscale="log"),
        Panel("cubic", "x²+y²+y³+xy: noisy GD from the saddle", "x²+y²+y³+xy：从鞍点出发的带噪 GD",
              xlabel="x", ylabel="y",
              xlim=cubic.xlim, ylim=cubic.ylim, equal_aspect=True),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    series, growth, metrics = _saddle_runs(params, ctx)
    cubic_series, cubic_metrics = _cubic_runs(params, ctx)
    return ctx.result(series + cubic_series + growth, _panels(), metrics | cubic_metrics)
