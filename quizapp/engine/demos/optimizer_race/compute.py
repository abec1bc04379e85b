"""optimizer-race: SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam on one 2-D surface.

All chosen optimizers advance together in the batched kernel (quizapp.engine.optim_kernel),
which reproduces torch.optim step for step (tests/engine/test_demos_optimization.py checks the
trajectories against torch.optim) at a fraction of its cost. The surface is a static contour
layer; frames carry the growing paths.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from quizapp.engine.context import RunContext
from quizapp.engine.demos.optimizer_race.spec import OPTIMIZER_NAMES as NAMES
from quizapp.engine.demos.optimizer_race.spec import RACE_OPTIMIZERS
from quizapp.engine.optim_kernel import BatchedOptimizer, OptimConfig, to_numpy
from quizapp.engine.pacing import FramePacer
from quizapp.engine.palette import PALETTE
from quizapp.engine.result import DemoResult, Frame, Panel, Series, SeriesStyle
from quizapp.engine.surfaces import Surface, get_surface
from quizapp.i18n.text import DemoText

# One fixed colour per optimizer, whichever subset races (adaptive-lr uses the same ones).
COLORS: dict[str, str] = dict(zip(RACE_OPTIMIZERS, PALETTE))  # by optimizer id

# Learning rates tuned per surface so that, from the surface's default start, each optimizer
# behaves typically within 500 steps (SGD near its stability limit, Adam at a common setting).
TUNED_LR: dict[str, dict[str, float]] = {
    "quadratic": dict(sgd=0.09, momentum=0.02, nesterov=0.02, adagrad=0.5, rmsprop=0.02, adam=0.1),
    "rosenbrock": dict(sgd=1e-3, momentum=5e-4, nesterov=5e-4, adagrad=0.5, rmsprop=0.01, adam=0.1),
    "beale": dict(sgd=0.01, momentum=2e-3, nesterov=2e-3, adagrad=0.5, rmsprop=0.01, adam=0.05),
    "saddle": dict(sgd=0.01, momentum=2e-3, nesterov=2e-3, adagrad=0.05, rmsprop=2e-3, adam=5e-3),
    "cubic": dict(sgd=0.01, momentum=2e-3, nesterov=2e-3, adagrad=0.02, rmsprop=2e-3, adam=5e-3),
    "himmelblau": dict(sgd=0.01, momentum=2e-3, nesterov=2e-3, adagrad=0.3, rmsprop=0.01, adam=0.05),
}
_FRAMES = 10  # chunks the run is computed in; a frame may follow each (paced to <= 30/s)


def race_configs(params: dict[str, Any]) -> list[OptimConfig]:
    """The optimizer configurations the parameters ask for, in RACE_OPTIMIZERS order."""
    tuned = TUNED_LR[params["surface"]]
    configs = []
    for opt in RACE_OPTIMIZERS:
        if not params[opt]:
            continue
        lr = (params[f"lr_{opt}"] or tuned[opt]) * params["lr_scale"]
        configs.append(OptimConfig(opt, lr, momentum=params["momentum_beta"], alpha=params["rms_alpha"],
                                   betas=(params["beta1"], params["beta2"])))
    return configs


def start_point(params: dict[str, Any], surface: Surface) -> tuple[float, float]:
    return (params["x0"], params["y0"]) if params["custom_start"] else surface.start


def _kept_length(path: np.ndarray, surface: Surface) -> tuple[int, bool]:
    """How many points of an (n, 2) path to draw — up to and including the first point that
    leaves the (widened) window — and whether the run diverged: jumped from inside the window
    straight to inf/NaN, or left the window of a surface that is bounded below. (Leaving the
    window of the saddle or the cubic is escaping downhill.)"""
    finite = np.isfinite(path).all(axis=1)
    with np.errstate(invalid="ignore"):
        inside = surface.in_window(path[:, 0], path[:, 1], margin=1.0)
    if inside.all():
        return len(path), False
    first_out = int(np.argmin(inside))
    if not finite[first_out]:
        return max(first_out, 1), True
    # far outside the window of a surface bounded below means blowing up, not escaping downhill
    return first_out + 1, surface.bounded_below


def _panels(surface: Surface) -> list[Panel]:
    loss_label = "f(x, y) − f*" if surface.bounded_below else "f(x, y)"
    return [
        Panel("paths", surface.label_en, surface.label_zh,
              xlabel="x", ylabel="y", xlim=surface.xlim, ylim=surface.ylim),
        Panel("loss", "Loss vs step", "损失随迭代步数的变化", xlabel="step", ylabel=loss_label,
              xlabel_zh="迭代步数", ylabel_zh=("损失 " + loss_label),
              yscale="log" if surface.bounded_below else "linear"),
    ]


def _static_series(surface: Surface) -> list[Series]:
    xs, ys, z = surface.grid(120)
    zz = z - _loss_floor(surface) if surface.log_levels else z
    levels = surface.levels(zz)
    out = [Series("_surface", xs.tolist(), ys.tolist(), "paths", "contour", z=zz.tolist(),
                  style={"levels": levels, "cmap": "Greys", "formula": surface.formula})]
    if surface.minima:
        out.append(Series("minimum", [m[0] for m in surface.minima], [m[1] for m in surface.minima], "paths",
                          "scatter", style={"color": "black", "marker": "*", "size": 120, "alpha": 1.0,
                                            "label_zh": "极小值"}))
    if surface.saddles:
        out.append(Series("saddle point", [s[0] for s in surface.saddles], [s[1] for s in surface.saddles],
                          "paths", "scatter", style={"color": "black", "marker": "X", "size": 70, "alpha": 1.0,
                                                     "label_zh": "鞍点"}))
    return out


def _loss_floor(surface: Surface) -> float:
    return min((float(surface.value(*m)) for m in surface.minima), default=0.0) if surface.bounded_below else 0.0


def _trajectory_series(traj: np.ndarray, upto: int, configs: list[OptimConfig], surface: Surface) -> list[Series]:
    """Paths and loss curves of the first `upto` + 1 points of each run."""
    paths, losses = [], []
    floor = _loss_floor(surface)
    for r, cfg in enumerate(configs):
        en, zh = NAMES[cfg.kind]
        keep, _ = _kept_length(traj[: upto + 1, r], surface)
        pts = traj[:keep, r]
        with np.errstate(all="ignore"):
            loss = surface.value(pts[:, 0], pts[:, 1]) - floor
        if surface.bounded_below:  # log axis: an exact 0 (converged to the minimum) shows as 1e-300
            loss = np.maximum(loss, 1e-300)
        style: SeriesStyle = {"color": COLORS[cfg.kind], "lw": 1.6}
        # the name stays put when the lr changes (the figure is then blitted); the label says the lr
        paths.append(Series(en, pts[:, 0].tolist(), pts[:, 1].tolist(), "paths", "path",
                            style={**style, "label": f"{en} (lr={cfg.lr:.3g})", "label_zh": f"{zh} (lr={cfg.lr:.3g})"}))
        losses.append(Series(f"_loss {en}", list(range(keep)), loss.tolist(), "loss", "line", style=style))
    return paths + losses


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    surface = get_surface(params["surface"])
    configs = race_configs(params)
    panels = _panels(surface)
    static = _static_series(surface)
    if not configs:
        yield ctx.result(static, panels, {}, ["No optimizer is selected: switch at least one on."])
        return
    steps = params["steps"]
    opt = BatchedOptimizer(configs, start_point(params, surface), device=ctx.device, dtype="float64")
    traj_dev = opt.array(np.zeros((steps + 1, len(configs), 2)))
    traj = np.empty((steps + 1, len(configs), 2))
    pacer = FramePacer()
    bounds = np.linspace(0, steps, _FRAMES + 1).astype(int)
    for k0, k1 in zip(bounds[:-1], bounds[1:]):
        ctx.check_cancelled()
        opt.run(surface.grad_into, int(k1 - k0), trajectory=traj_dev[k0:k1 + 1])
        traj[k0:k1 + 1] = to_numpy(traj_dev[k0:k1 + 1])
        if k1 < steps and pacer.due():
            yield Frame(float(k1) / steps, static + _trajectory_series(traj, int(k1), configs, surface), panels)

    metrics: dict[str, Any] = {}
    messages = []
    floor = _loss_floor(surface)
    any_diverged = False
    for r, cfg in enumerate(configs):
        keep, diverged = _kept_length(traj[:, r], surface)
        left = keep < steps + 1
        x, y = traj[keep - 1, r]
        metrics[f"lr_{cfg.kind}"] = cfg.lr
        metrics[f"final_loss_{cfg.kind}"] = float(surface.value(x, y)) - floor
        _, dist = surface.nearest_minimum(x, y)
        if surface.minima:
            metrics[f"distance_to_minimum_{cfg.kind}"] = dist
        metrics[f"left_window_{cfg.kind}"] = left
        metrics[f"diverged_{cfg.kind}"] = diverged
        any_diverged |= diverged
        if diverged:
            messages.append(DemoText.tr("{optimizer} diverged at step {step} (lr={lr}): lower its learning rate.")
                            .format(optimizer=NAMES[cfg.kind][0], step=keep, lr=f"{cfg.lr:.3g}"))
        elif left:
            messages.append(DemoText.tr("{optimizer} escaped downhill out of the window at step {step}.").format(
                optimizer=NAMES[cfg.kind][0], step=keep - 1))
    metrics["diverged"] = any_diverged
    yield ctx.result(static + _trajectory_series(traj, steps, configs, surface), panels, metrics, messages)
