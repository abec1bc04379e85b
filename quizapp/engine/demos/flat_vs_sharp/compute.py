"""flat-vs-sharp: a sharp and a flat minimum of equal depth, side by side.

The landscape L(w) = min(λs/2 (w − ws)², λf/2 (w − wf)²) is exactly quadratic inside each basin,
so the facts hold exactly: GD (torch.optim.SGD) near a minimum of curvature λ multiplies the
distance to it by (1 − ηλ) per step — it stays iff η < 2/λ — and a weight perturbation
δ ~ N(0, σ²) raises the loss by λσ²/2 on average. A learning rate that the flat basin tolerates
throws GD out of the sharp one, and the flat minimum is the more robust of the two.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series, SeriesStyle, to_floats

W_SHARP, W_FLAT = -1.0, 2.0  # the two minima, both at L = 0
W_RANGE = (-2.5, 4.5)  # plotted weights; GD runs are cut once they leave it
_BLOWUP = 1e6  # |w| beyond this counts as diverged


def loss(w: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    return torch.minimum(0.5 * lam_sharp * (w - W_SHARP) ** 2, 0.5 * lam_flat * (w - W_FLAT) ** 2)


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    lr, lam_s, lam_f = params["lr"], params["sharp_curvature"], params["flat_curvature"]
    offset, steps = params["offset"], params["steps"]
    dev, dt = ctx.device, torch.float64
    minima = torch.tensor([W_SHARP, W_FLAT], dtype=dt, device=dev)

    # --- GD from next to each minimum (torch.optim.SGD, both runs as one 2-vector) -----------
    w = (minima + offset).clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=lr)
    ws = [w.detach().clone()]
    diverged = False
    for _ in range(steps):
        opt.zero_grad()
        loss(w, lam_s, lam_f).sum().backward()
        opt.step()
        ws.append(w.detach().clone())
        if not torch.isfinite(w).all() or w.abs().max() > _BLOWUP:
            diverged = True
            break
    traj = torch.stack(ws).cpu().numpy()  # (n, 2): column 0 sharp start, column 1 flat start
    with torch.no_grad():
        traj_loss = loss(torch.from_numpy(traj), lam_s, lam_f).numpy()

    # --- robustness: mean loss increase under w* + N(0, σ²) ---------------------------------
    sigmas = np.geomspace(params["sigma_max"] / 30.0, params["sigma_max"], 12)
    noise = torch.randn(len(sigmas), params["samples"], dtype=dt, device=dev, generator=ctx.generator)
    sig = torch.tensor(sigmas, dtype=dt, device=dev)[:, None]
    with torch.no_grad():
        rise = [loss(m + sig * noise, lam_s, lam_f).mean(dim=1) for m in minima]  # L(w*) = 0
    rise_sharp, rise_flat = to_floats(rise[0]), to_floats(rise[1])

    # --- series ------------------------------------------------------------------------------
    grid = torch.linspace(*W_RANGE, 600, dtype=dt)
    with torch.no_grad():
        landscape = loss(grid, lam_s, lam_f)
    top = float(landscape.max())
    runs = (("sharp", "尖锐", "#D55E00", lam_s, 0), ("flat", "平坦", "#0072B2", lam_f, 1))
    series = [Series("L(w)", grid.tolist(), landscape.tolist(), "landscape", "line",
                     style={"color": "0.25", "lw": 1.4, "label_zh": "损失 L(w)"})]
    distance, contraction = [], []
    t = np.arange(len(traj))
    etas = np.geomspace(1e-3, 1.0, 200)
    metrics: dict[str, Any] = {"lambda_sharp": lam_s, "lambda_flat": lam_f, "lr": lr,
                               "lr_limit_sharp": 2.0 / lam_s, "lr_limit_flat": 2.0 / lam_f}
    for key, key_zh, colour, lam, col in runs:
        name, zh = f"from the {key} minimum", f"从{key_zh}最小值出发"
        w_col = traj[:, col]
        inside = (w_col >= W_RANGE[0]) & (w_col <= W_RANGE[1])
        n_in = int(np.argmin(inside)) + 1 if not inside.all() else len(w_col)
        style: SeriesStyle = {"color": colour, "marker": "o", "ms": 3, "lw": 0.9, "label_zh": "GD " + zh}
        series.append(Series("GD " + name, w_col[:n_in].tolist(), traj_loss[:n_in, col].tolist(), "landscape",
                             "path", style=style))
        dist = np.abs(w_col - w_col[0] + offset)  # distance to the minimum it started next to
        distance.append(Series(f"{key}: GD", t.tolist(), np.maximum(dist, 1e-300).tolist(), "distance", "line",
                               style={"color": colour, "label_zh": f"{key_zh}：GD"}))
        factor = abs(1.0 - lr * lam)
        theory = offset * factor ** t
        show = theory <= 10.0
        distance.append(Series(f"{key}: theory |1−ηλ|^t·d0", t[show].tolist(), theory[show].tolist(),
                               "distance", "line", style={"color": colour, "ls": "--", "lw": 1.1,
                                                          "label_zh": f"{key_zh}：理论 |1−ηλ|^t·d0"}))
        contraction.append(Series(f"|1−ηλ|, λ = {lam:g}", etas.tolist(), np.abs(1.0 - etas * lam).tolist(),
                                  "stability", "line",
                                  style={"color": colour, "label_zh": f"|1−ηλ|，λ = {lam:g}"}))
        final = float(w_col[-1])
        metrics[f"contraction_{key}"] = factor
        metrics[f"{key}_start_stays"] = bool(np.isfinite(final) and abs(final - w_col[0] + offset) <= offset)
        metrics[f"{key}_start_final_w"] = final
    contraction += [
        Series("stable iff |1−ηλ| < 1", [], [1.0], "stability", "hline",
               style={"color": "0.3", "ls": ":", "label_zh": "稳定当且仅当 |1−ηλ| < 1"}),
        Series("chosen η", [lr], [], "stability", "vline", style={"color": "#009E73", "ls": "-",
                                                                "label_zh": "所选 η"}),
    ]
    robustness = [
        Series("sharp: Monte Carlo", sigmas.tolist(), rise_sharp, "robustness", "scatter",
               style={"color": "#D55E00", "label_zh": "尖锐：蒙特卡洛"}),
        Series("sharp: λσ²/2", sigmas.tolist(), (0.5 * lam_s * sigmas**2).tolist(), "robustness", "line",
               style={"color": "#D55E00", "ls": "--", "lw": 1.1, "label_zh": "尖锐：λσ²/2"}),
        Series("flat: Monte Carlo", sigmas.tolist(), rise_flat, "robustness", "scatter",
               style={"color": "#0072B2", "label_zh": "平坦：蒙特卡洛"}),
        Series("flat: λσ²/2", sigmas.tolist(), (0.5 * lam_f * sigmas**2).tolist(), "robustness", "line",
               style={"color": "#0072B2", "ls": "--", "lw": 1.1, "label_zh": "平坦：λσ²/2"}),
    ]
    metrics.update(
        sharp_start_ends_in_flat_basin=bool(abs(metrics["sharp_start_final_w"] - W_FLAT) < 0.5),
        loss_rise_sharp_at_sigma_max=rise_sharp[-1],
        loss_rise_flat_at_sigma_max=rise_flat[-1],
        loss_rise_theory_sharp=0.5 * lam_s * float(sigmas[-1]) ** 2,
        loss_rise_theory_flat=0.5 * lam_f * float(sigmas[-1]) ** 2,
        diverged=diverged,
    )
    messages = ["GD diverged (|w| > 1e6): the learning rate is above 2/λ for both basins."] if diverged else []
    panels = [
        Panel("landscape", "Loss landscape and GD iterates", "损失曲面与梯度下降迭代", xlabel="weight w",
              ylabel="loss L(w)", xlabel_zh="参数 w", ylabel_zh="损失 L(w)", xlim=W_RANGE,
              ylim=(-0.03 * min(top, 12.0), min(top, 12.0))),
        Panel("distance", "Distance to the starting minimum", "到出发处最小值的距离", xlabel="step t",
              ylabel="|w_t − w*|", xlabel_zh="迭代步数 t", yscale="log"),
        Panel("stability", "GD factor per step: stable iff η < 2/λ", "每步收缩因子：η < 2/λ 时稳定",
              xlabel="learning rate η", ylabel="|1 − ηλ|", xlabel_zh="学习率 η", ylabel_zh="收缩因子 |1 − ηλ|",
              xscale="log", yscale="log", ylim=(1e-3, 1e3)),
        Panel("robustness", "Loss rise under weight noise N(0, σ²)", "参数扰动 N(0, σ²) 下的损失上升",
              xlabel="perturbation σ", ylabel="E[L(w* + δ)] − L(w*)", xlabel_zh="扰动 σ",
              ylabel_zh="平均损失上升", xscale="log", yscale="log"),
    ]
    return ctx.result(series + distance + contraction + robustness, panels, metrics, messages)
