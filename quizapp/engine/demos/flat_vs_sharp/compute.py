"""flat-vs-sharp: a sharp and a flat minimum of equal depth, side by side.

The landscape L(w) = min(λs/2 (w − ws)², λf/2 (w − wf)²) is exactly quadratic inside each basin,
so the facts hold exactly: GD (torch.optim.SGD) near a minimum of curvature λ multiplies the
distance to it by (1 − ηλ) per step — it stays iff η < 2/λ — and a weight perturbation
δ ~ N(0, σ²) raises the loss by λσ²/2 on average. A learning rate that the flat basin tolerates
throws GD out of the sharp one, and the flat minimum is the more robust of the two.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.curves import geometric
from quizapp.engine.result import DemoResult, Panel, Series, SeriesStyle, to_floats
from quizapp.i18n.text import DemoText

W_SHARP, W_FLAT = -1.0, 2.0  # the two minima, both at L = 0
MINIMA = (W_SHARP, W_FLAT)  # in the order of the GD runs' columns
W_RANGE = (-2.5, 4.5)  # plotted weights; GD runs are cut once they leave it
_BLOWUP = 1e6  # |w| beyond this counts as diverged


def loss(w: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    return torch.minimum(0.5 * lam_sharp * (w - W_SHARP) ** 2, 0.5 * lam_flat * (w - W_FLAT) ** 2)


@dataclass
class Descent:
    """GD from next to each minimum: iterates (n, 2), column 0 from the sharp, 1 from the flat one."""

    w: np.ndarray
    loss: np.ndarray
    diverged: bool


def descend(params: dict[str, Any], ctx: RunContext) -> Descent:
    """torch.optim.SGD from w* + offset at both minima (one 2-vector), stopped if it blows up."""
    lam_s, lam_f = params["sharp_curvature"], params["flat_curvature"]
    minima = torch.tensor(MINIMA, dtype=torch.float64, device=ctx.device)
    w = (minima + params["offset"]).clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=params["lr"])
    ws = [w.detach().clone()]
    diverged = False
    for _ in range(params["steps"]):
        opt.zero_grad()
        loss(w, lam_s, lam_f).sum().backward()
        opt.step()
        ws.append(w.detach().clone())
        if not torch.isfinite(w).all() or w.abs().max() > _BLOWUP:
            diverged = True
            break
    traj = torch.stack(ws).cpu().numpy()
    with torch.no_grad():
        traj_loss = loss(torch.from_numpy(traj), lam_s, lam_f).numpy()
    return Descent(traj, traj_loss, diverged)


def loss_rise(params: dict[str, Any], ctx: RunContext) -> tuple[np.ndarray, list[float], list[float]]:
    """σ grid and the mean loss increase E[L(w* + σδ)] − L(w*), δ ~ N(0, 1), at each minimum."""
    sigmas = np.geomspace(params["sigma_max"] / 30.0, params["sigma_max"], 12)
    dt, dev = torch.float64, ctx.device
    noise = torch.randn(len(sigmas), params["samples"], dtype=dt, device=dev, generator=ctx.generator)
    sig = torch.tensor(sigmas, dtype=dt, device=dev)[:, None]
    with torch.no_grad():  # L(w*) = 0
        rise = [loss(m + sig * noise, params["sharp_curvature"], params["flat_curvature"]).mean(dim=1)
                for m in torch.tensor(MINIMA, dtype=dt, device=dev)]
    return sigmas, to_floats(rise[0]), to_floats(rise[1])


def distance_to_minimum(w: np.ndarray, minimum: float) -> np.ndarray:
    """|w_t − w*| against the exact minimum (not w_0 − offset, which is off by an ulp: a false
    floor of ~1e-16 on the log axis). At ηλ = 1 GD lands on w* in one step: exactly 0."""
    return np.abs(w - minimum)


def _runs(params: dict[str, Any]) -> tuple[tuple[str, str, str, float, int], ...]:
    return (("sharp", "尖锐", "#D55E00", params["sharp_curvature"], 0),
            ("flat", "平坦", "#0072B2", params["flat_curvature"], 1))


def _descent_series(params: dict[str, Any], d: Descent) -> tuple[list[Series], list[Series]]:
    """The GD iterates on the landscape, and the distance panel (measured and |1−ηλ|^t·d0)."""
    lr, offset = params["lr"], params["offset"]
    on_landscape, distance = [], []
    t = np.arange(len(d.w))
    for key, key_zh, colour, lam, col in _runs(params):
        w_col = d.w[:, col]
        inside = (w_col >= W_RANGE[0]) & (w_col <= W_RANGE[1])
        n_in = int(np.argmin(inside)) + 1 if not inside.all() else len(w_col)
        style: SeriesStyle = {"color": colour, "marker": "o", "ms": 3, "lw": 0.9,
                              "label_zh": "GD 从" + key_zh + "最小值出发"}
        on_landscape.append(Series(f"GD from the {key} minimum", w_col[:n_in].tolist(), d.loss[:n_in, col].tolist(),
                                   "landscape", "path", style=style))
        dist = distance_to_minimum(w_col, MINIMA[col])
        shown = dist > 0  # the log axis cannot draw an exact hit of the minimum
        distance.append(Series(f"{key}: GD", t[shown].tolist(), dist[shown].tolist(), "distance", "line",
                               style={"color": colour, "label_zh": f"{key_zh}：GD"}))
        theory = geometric(offset, abs(1.0 - lr * lam), t)
        shown = (theory <= 10.0) & (theory > 0)
        distance.append(Series(f"{key}: theory |1−ηλ|^t·d0", t[shown].tolist(), theory[shown].tolist(),
                               "distance", "line", style={"color": colour, "ls": "--", "lw": 1.1,
                                                          "label_zh": f"{key_zh}：理论 |1−ηλ|^t·d0"}))
    return on_landscape, distance


def _stability_series(params: dict[str, Any]) -> list[Series]:
    etas = np.geomspace(1e-3, 1.0, 200)
    out = [Series(f"|1−ηλ|, λ = {lam:g}", etas.tolist(), np.abs(1.0 - etas * lam).tolist(), "stability", "line",
                  style={"color": colour, "label_zh": f"|1−ηλ|，λ = {lam:g}"})
           for _, _, colour, lam, _ in _runs(params)]
    return out + [
        Series("stable iff |1−ηλ| < 1", [], [1.0], "stability", "hline",
               style={"color": "0.3", "ls": ":", "label_zh": "稳定当且仅当 |1−ηλ| < 1"}),
        Series("chosen η", [params["lr"]], [], "stability", "vline", style={"color": "#009E73", "ls": "-",
                                                                          "label_zh": "所选 η"}),
    ]


def _robustness_series(params: dict[str, Any], sigmas: np.ndarray, rise_sharp: list[float],
                       rise_flat: list[float]) -> list[Series]:
    lam_s, lam_f = params["sharp_curvature"], params["flat_curvature"]
    return [
        Series("sharp: Monte Carlo", sigmas.tolist(), rise_sharp, "robustness", "scatter",
               style={"color": "#D55E00", "label_zh": "尖锐：蒙特卡洛"}),
        Series("sharp: λσ²/2", sigmas.tolist(), (0.5 * lam_s * sigmas**2).tolist(), "robustness", "line",
               style={"color": "#D55E00", "ls": "--", "lw": 1.1, "label_zh": "尖锐：λσ²/2"}),
        Series("flat: Monte Carlo", sigmas.tolist(), rise_flat, "robustness", "scatter",
               style={"color": "#0072B2", "label_zh": "平坦：蒙特卡洛"}),
        Series("flat: λσ²/2", sigmas.tolist(), (0.5 * lam_f * sigmas**2).tolist(), "robustness", "line",
               style={"color": "#0072B2", "ls": "--", "lw": 1.1, "label_zh": "平坦：λσ²/2"}),
    ]


def _metrics(params: dict[str, Any], d: Descent, sigmas: np.ndarray, rise_sharp: list[float],
             rise_flat: list[float]) -> dict[str, Any]:
    lr, lam_s, lam_f, offset = params["lr"], params["sharp_curvature"], params["flat_curvature"], params["offset"]
    metrics: dict[str, Any] = {"lambda_sharp": lam_s, "lambda_flat": lam_f, "lr": lr,
                               "lr_limit_sharp": 2.0 / lam_s, "lr_limit_flat": 2.0 / lam_f}
    for key, _, _, lam, col in _runs(params):
        final = float(d.w[-1, col])
        dist = distance_to_minimum(d.w[:, col], MINIMA[col])
        metrics[f"contraction_{key}"] = abs(1.0 - lr * lam)
        metrics[f"{key}_start_stays"] = bool(np.isfinite(final) and dist[-1] <= offset)
        metrics[f"{key}_start_final_w"] = final
        metrics[f"{key}_distance_after_one_step"] = float(dist[1]) if len(dist) > 1 else None
        metrics[f"{key}_distance_final"] = float(dist[-1])
    s_max = float(sigmas[-1])
    metrics.update(
        sharp_start_ends_in_flat_basin=bool(abs(metrics["sharp_start_final_w"] - W_FLAT) < 0.5),
        loss_rise_sharp_at_sigma_max=rise_sharp[-1], loss_rise_flat_at_sigma_max=rise_flat[-1],
        loss_rise_theory_sharp=0.5 * lam_s * s_max**2, loss_rise_theory_flat=0.5 * lam_f * s_max**2,
        diverged=d.diverged,
    )
    return metrics


def _panels(params: dict[str, Any]) -> list[Panel]:
    grid = torch.linspace(*W_RANGE, 600, dtype=torch.float64)
    top = min(float(loss(grid, params["sharp_curvature"], params["flat_curvature"]).max()), 12.0)
    return [
        Panel("landscape", "Loss landscape and GD iterates", "损失曲面与梯度下降迭代", xlabel="weight $w$",
              ylabel="loss $L(w)$", xlabel_zh="参数 w", ylabel_zh="损失 L(w)", xlim=W_RANGE,
              ylim=(-0.03 * top, top)),
        Panel("distance", "Distance to the starting minimum", "到出发处最小值的距离", xlabel="step $t$",
              ylabel="$|w_t - w^*|$", xlabel_zh="迭代步数 t", yscale="log"),
        Panel("stability", r"GD factor per step: stable iff $\eta < 2/\lambda$",
              "每步收缩因子：η < 2/λ 时稳定", xlabel=r"learning rate $\eta$",
              ylabel=r"$|1 - \eta\lambda|$", xlabel_zh="学习率 η", ylabel_zh="收缩因子 |1 − ηλ|",
              xscale="log", yscale="log", ylim=(1e-3, 1e3)),
        Panel("robustness", r"Loss rise under weight noise $N(0, \sigma^2)$", "参数扰动 N(0, σ²) 下的损失上升",
              xlabel=r"perturbation $\sigma$", ylabel=r"$E[L(w^* + \delta)] - L(w^*)$", xlabel_zh="扰动 σ",
              ylabel_zh="平均损失上升", xscale="log", yscale="log"),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    descent = descend(params, ctx)
    sigmas, rise_sharp, rise_flat = loss_rise(params, ctx)
    grid = torch.linspace(*W_RANGE, 600, dtype=torch.float64)
    with torch.no_grad():
        landscape = loss(grid, params["sharp_curvature"], params["flat_curvature"])
    on_landscape, distance = _descent_series(params, descent)
    series = [Series("L(w)", grid.tolist(), landscape.tolist(), "landscape", "line",
                     style={"color": "0.25", "lw": 1.4, "label_zh": "损失 L(w)"})]
    series += on_landscape + distance + _stability_series(params)
    series += _robustness_series(params, sigmas, rise_sharp, rise_flat)
    messages = ([DemoText.tr("GD diverged (|w| > 1e6): the learning rate is above 2/λ for both basins.")]
                if descent.diverged else [])
    return ctx.result(series, _panels(params), _metrics(params, descent, sigmas, rise_sharp, rise_flat), messages)
