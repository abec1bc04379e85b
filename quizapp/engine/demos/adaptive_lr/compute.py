"""adaptive-lr: the per-coordinate step of AdaGrad, RMSprop and Adam (torch.optim's own).

Three coordinates receive gradients of scale `spread`, 1 and 1/`spread` (optionally noisy).
SGD's step is lr·g, so it spans spread² between coordinates; the adaptive methods divide by a
running root-mean-square of the coordinate's own gradients and take similar steps everywhere.
With a constant gradient g the steps are known exactly:
    AdaGrad  lr·|g| / (√(t g²) + ε)          ≈ lr/√t   (it keeps shrinking)
    RMSprop  lr·|g| / (√((1−α^t) g²) + ε)    ≈ lr/√(1−α^t) → lr (large at first)
    Adam     lr·|g| / (|g| + ε)              ≈ lr      (bias correction makes it exact from t = 1)
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.demos.adaptive_lr.spec import ADAPTIVE_OPTIMIZERS as OPTIMIZERS
from quizapp.engine.demos.optimizer_race.compute import COLORS as RACE_COLORS
from quizapp.engine.result import DemoResult, Panel, Series

COLORS = {name: RACE_COLORS[name.lower()] for name in OPTIMIZERS}  # as in optimizer-race
COORD_COLORS = ("#D55E00", "#009E73", "#0072B2")


def make_optimizers(params: list[torch.Tensor], lr: float, rms_alpha: float,
                    beta2: float) -> dict[str, torch.optim.Optimizer]:
    """One torch.optim optimizer per parameter tensor, in OPTIMIZERS order."""
    return {
        "SGD": torch.optim.SGD([params[0]], lr=lr),
        "AdaGrad": torch.optim.Adagrad([params[1]], lr=lr),
        "RMSprop": torch.optim.RMSprop([params[2]], lr=lr, alpha=rms_alpha),
        "Adam": torch.optim.Adam([params[3]], lr=lr, betas=(0.9, beta2)),
    }


def theory_steps(lr: float, t: np.ndarray, g: float, rms_alpha: float) -> dict[str, np.ndarray]:
    """Exact step sizes for a constant gradient g at steps t = 1, 2, ... (torch's default eps).
    Adam's bias-corrected moments of a constant are exactly g and g², whatever β1 and β2."""
    return {
        "SGD": np.full(t.shape, lr * abs(g)),
        "AdaGrad": lr * abs(g) / (np.sqrt(t * g * g) + 1e-10),
        "RMSprop": lr * abs(g) / (np.sqrt((1.0 - rms_alpha**t) * g * g) + 1e-8),
        "Adam": np.full(t.shape, lr * abs(g) / (abs(g) + 1e-8)),
    }


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    lr, spread, sigma, steps = params["lr"], params["spread"], params["noise"], params["steps"]
    rms_alpha, beta2 = params["rms_alpha"], params["beta2"]
    dev, dt = ctx.device, torch.float64
    scales = torch.tensor([spread, 1.0, 1.0 / spread], dtype=dt, device=dev)
    noise = torch.randn(steps, 3, dtype=dt, device=dev, generator=ctx.generator)
    grads = scales * (1.0 + sigma * noise)  # (steps, 3), the same stream for every optimizer
    thetas = [torch.zeros(3, dtype=dt, device=dev, requires_grad=True) for _ in OPTIMIZERS]
    optims = make_optimizers(thetas, lr, rms_alpha, beta2)
    history = torch.empty(len(OPTIMIZERS), steps + 1, 3, dtype=dt, device=dev)
    for i, p in enumerate(thetas):
        history[i, 0] = p.detach()
    for t in range(steps):
        for i, (p, opt) in enumerate(zip(thetas, optims.values())):
            p.grad = grads[t].clone()
            opt.step()
            history[i, t + 1] = p.detach()
    step_sizes = (history[:, 1:] - history[:, :-1]).abs().cpu().numpy()  # (opt, steps, 3)

    t_axis = np.arange(1, steps + 1, dtype=np.float64)
    theory = theory_steps(lr, t_axis, 1.0, rms_alpha)
    series: list[Series] = []
    for i, name in enumerate(OPTIMIZERS):
        series.append(Series(name, t_axis.tolist(), step_sizes[i, :, 1].tolist(), "time", "line",
                             style={"color": COLORS[name], "lw": 1.6}))
    theory_labels = {"SGD": ("lr", "lr"), "AdaGrad": ("lr/√t", "lr/√t"),
                     "RMSprop": ("lr/√(1−α^t)", "lr/√(1−α^t)"), "Adam": ("lr (Adam)", "lr（Adam）")}
    for name in ("AdaGrad", "RMSprop", "Adam"):
        en, zh = theory_labels[name]
        series.append(Series(f"theory {en}", t_axis.tolist(), theory[name].tolist(), "time", "line",
                             style={"color": COLORS[name], "ls": "--", "lw": 1.0, "label_zh": f"理论 {zh}"}))
    # the last step of each optimizer on each coordinate, grouped by optimizer
    width = 0.26
    for c in range(3):
        scale = float(scales[c])
        label = f"|g| ≈ {scale:.3g}"
        series.append(Series(label, [i + (c - 1) * width for i in range(len(OPTIMIZERS))],
                             step_sizes[:, -1, c].tolist(), "coords", "bar",
                             style={"color": COORD_COLORS[c], "width": width, "alpha": 0.9,
                                    "label_zh": f"|g| ≈ {scale:.3g}"}))
    series.append(Series("lr", [], [lr], "coords", "hline", style={"color": "0.3", "ls": ":"}))

    final = step_sizes[:, -1, :]
    metrics: dict[str, Any] = {"lr": lr, "steps": steps}
    for i, name in enumerate(OPTIMIZERS):
        key = name.lower()
        metrics[f"{key}_first_step"] = float(step_sizes[i, 0, 1])
        metrics[f"{key}_final_step"] = float(final[i, 1])
        metrics[f"{key}_step_spread"] = float(final[i].max() / final[i].min()) if final[i].min() > 0 else None
    metrics["adagrad_final_step_times_sqrt_t"] = float(final[1, 1] * math.sqrt(steps))
    metrics["rmsprop_first_step_theory"] = float(theory["RMSprop"][0])
    panels = [
        Panel("time", "Step size on the coordinate with |g| = 1", "|g| = 1 的坐标上的步长", xlabel="step t",
              ylabel="|Δθ_t|", xlabel_zh="迭代步数 t", ylabel_zh="步长 |Δθ_t|", xscale="log", yscale="log"),
        Panel("coords", "Last step per coordinate: adaptive methods equalize",
              "每个坐标的最后一步：自适应方法使步长趋于一致",
              xlabel="optimizer", ylabel="|Δθ| at the last step", xlabel_zh="优化器", ylabel_zh="最后一步的 |Δθ|",
              yscale="log"),
    ]
    return ctx.result(series, panels, metrics)
