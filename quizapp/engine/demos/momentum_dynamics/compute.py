"""momentum-dynamics: Distill's "Why momentum really works" pad on a quadratic.

On f(w) = ½(μ w₁² + L w₂²) (L = 1, μ = 1/κ), heavy-ball momentum in torch's convention
(z ← βz + ∇f(w); w ← w − αz) acts on each eigen-direction λ through the 2×2 iteration matrix
    M(λ) = [[β, λ], [−αβ, 1 − αλ]],
so it converges at rate ρ(α, β) = max over λ ∈ {μ, L} of the spectral radius of M(λ) (computed
with torch.linalg.eigvals). The best choice α* = (2/(√L + √μ))², β* = ((√κ − 1)/(√κ + 1))²
gives ρ* = (√κ − 1)/(√κ + 1), against (κ − 1)/(κ + 1) for the best plain GD (α = 2/(μ + L)).
Trajectories come from the batched kernel (torch.optim.SGD's momentum rule).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.curves import geometric
from quizapp.engine.optim_kernel import BatchedOptimizer, OptimConfig, to_numpy
from quizapp.engine.result import DemoResult, Panel, Series
from quizapp.i18n.text import DemoText

L_MAX = 1.0
ALPHA_MAX = 4.0  # the heatmap's α range; heavy ball needs α < 2(1 + β)/L < 4/L
START = (1.0, 1.0)
PATH_W1, PATH_W2 = (-0.6, 1.2), (-3.0, 3.0)  # the paths panel: the stiff direction w₂ rings widely


def optimal_parameters(mu: float, L: float) -> tuple[float, float, float]:
    """(α*, β*, ρ*) for heavy ball on a quadratic with curvatures in [μ, L] (Polyak 1964)."""
    alpha = (2.0 / (math.sqrt(L) + math.sqrt(mu))) ** 2
    rate = (math.sqrt(L) - math.sqrt(mu)) / (math.sqrt(L) + math.sqrt(mu))
    return alpha, rate**2, rate


def spectral_rate(alpha: torch.Tensor, beta: torch.Tensor, lambdas: tuple[float, ...]) -> torch.Tensor:
    """max over λ of the spectral radius of M(λ), for α, β tensors of one shape (batched)."""
    rates = []
    for lam in lambdas:
        m = torch.stack([torch.stack([beta, torch.full_like(beta, lam)], dim=-1),
                         torch.stack([-alpha * beta, 1.0 - alpha * lam], dim=-1)], dim=-2)
        rates.append(torch.linalg.eigvals(m).abs().amax(dim=-1))
    return torch.stack(rates).amax(dim=0)


def empirical_rate(norms: np.ndarray, double_root: bool = False) -> float | None:
    """exp of the least-squares slope of log‖w_k‖ over the second half of the run, up to where
    ‖w_k‖ would underflow (robust to the oscillation of complex eigenvalues); None if the run
    overflowed. At the
    optimum both modes are critically damped (a double eigenvalue, so ‖w_k‖ ~ k·ρ^k) and the
    slope of log(‖w_k‖/k) is fitted instead."""
    usable = int(np.argmin(norms > 1e-250)) if not (norms > 1e-250).all() else len(norms)  # before underflow
    k = np.arange(usable)
    half = slice(usable // 2, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(norms[:usable][half]) - (np.log(k[half]) if double_root else 0.0)
    if len(logs) < 2 or not np.isfinite(logs).all():
        return None
    return float(math.exp(np.polyfit(k[half], logs, 1)[0]))


@dataclass
class Rates:
    """The (α, β) rate map, the spectral rates of the three runs and their trajectories."""

    alphas: torch.Tensor
    betas: torch.Tensor
    rate_map: torch.Tensor  # rows β, columns α; NaN where it diverges
    point_rates: list[float]  # chosen, optimal momentum, optimal GD
    traj: np.ndarray  # (steps + 1, 3, 2)
    norms: np.ndarray  # (steps + 1, 3)


def compute(params: dict[str, Any], ctx: RunContext) -> Rates:
    kappa, alpha, beta = params["kappa"], params["alpha"], params["beta"]
    steps, res = params["steps"], params["resolution"]
    mu, L = L_MAX / kappa, L_MAX
    a_opt, b_opt, _ = optimal_parameters(mu, L)
    a_gd = 2.0 / (mu + L)
    dev, dt = ctx.device, torch.float64
    alphas = torch.linspace(ALPHA_MAX / res, ALPHA_MAX, res, dtype=dt, device=dev)
    betas = torch.linspace(0.0, 0.995, res, dtype=dt, device=dev)
    bb, aa = torch.meshgrid(betas, alphas, indexing="ij")  # rows: β, columns: α
    rate_map = spectral_rate(aa, bb, (mu, L))
    rate_map = torch.where(rate_map < 1.0, rate_map, torch.nan)  # diverges: left blank
    point_rates = spectral_rate(torch.tensor([alpha, a_opt, a_gd], dtype=dt, device=dev),
                                torch.tensor([beta, b_opt, 0.0], dtype=dt, device=dev), (mu, L)).tolist()
    # trajectories: chosen, optimal momentum, optimal GD
    configs = [OptimConfig("momentum", alpha, momentum=beta), OptimConfig("momentum", a_opt, momentum=b_opt),
               OptimConfig("sgd", a_gd)]
    opt = BatchedOptimizer(configs, START, device=dev)
    curv_dev = opt.array(np.array([mu, L])[None, :])

    def gradient(p: Any, out: Any) -> None:
        out[...] = curv_dev * p

    traj = to_numpy(opt.run(gradient, steps))
    # hypot: a diverging run's ‖w‖ reaches 1e300 without overflowing in the squares (then inf)
    norms = np.hypot(traj[..., 0], traj[..., 1])  # (steps + 1, 3)
    return Rates(alphas, betas, rate_map, point_rates, traj, norms)


def _series(params: dict[str, Any], r: Rates) -> list[Series]:
    kappa, alpha, beta, steps = params["kappa"], params["alpha"], params["beta"], params["steps"]
    mu, L = L_MAX / kappa, L_MAX
    a_opt, b_opt, _ = optimal_parameters(mu, L)
    a_gd = 2.0 / (mu + L)
    runs = (("chosen (α, β)", "所选 (α, β)", "#D55E00"), ("optimal momentum (α*, β*)", "最优动量 (α*, β*)", "#0072B2"),
            ("optimal GD (β = 0)", "最优 GD（β = 0）", "#009E73"))
    k = np.arange(steps + 1)
    series = [
        Series("_rate", r.alphas.tolist(), r.betas.tolist(), "map", "heatmap", z=r.rate_map.tolist(),
               style={"cmap": "viridis"}),
        Series("chosen (α, β)", [alpha], [beta], "map", "scatter",
               style={"color": "#D55E00", "size": 70, "alpha": 1.0, "label_zh": "所选 (α, β)"}),
        Series("optimum (α*, β*)", [a_opt], [b_opt], "map", "scatter",
               style={"color": "white", "marker": "*", "size": 150, "alpha": 1.0, "label_zh": "最优点 (α*, β*)"}),
        Series("best GD (2/(μ+L), 0)", [a_gd], [0.0], "map", "scatter",
               style={"color": "#009E73", "marker": "s", "size": 50, "alpha": 1.0, "label_zh": "最优 GD (2/(μ+L), 0)"}),
    ]
    w1, w2 = np.linspace(*PATH_W1, 100), np.linspace(*PATH_W2, 100)
    ww1, ww2 = np.meshgrid(w1, w2)
    f = 0.5 * (mu * ww1**2 + L * ww2**2)
    series.append(Series("_f", w1.tolist(), w2.tolist(), "path", "contour", z=f.tolist(),
                         style={"levels": np.geomspace(1e-3, f.max(), 14).tolist(), "cmap": "Greys"}))
    for i, (name, zh, colour) in enumerate(runs):
        series.append(Series(name, k.tolist(), np.maximum(r.norms[:, i], 1e-300).tolist(), "norm", "line",
                             style={"color": colour, "label_zh": zh}))
        theory = geometric(r.norms[0, i], r.point_rates[i], k)
        series.append(Series(f"_theory {name}", k.tolist(), np.maximum(theory, 1e-300).tolist(), "norm", "line",
                             style={"color": colour, "ls": "--", "lw": 1.0}))
        if i < 2:  # the panel's limits clip the overshoots
            series.append(Series(f"_path {name}", r.traj[:, i, 0].tolist(), r.traj[:, i, 1].tolist(), "path",
                                 "path", style={"color": colour, "lw": 1.2}))
    return series


def _metrics(params: dict[str, Any], r: Rates) -> dict[str, Any]:
    kappa = params["kappa"]
    mu, L = L_MAX / kappa, L_MAX
    a_opt, b_opt, rho_opt = optimal_parameters(mu, L)
    rates = r.point_rates
    return {
        "kappa": kappa, "mu": mu, "L": L,
        "alpha_opt": a_opt, "beta_opt": b_opt,
        "rate_theory_optimal": rho_opt,
        "rate_spectral_at_optimum": rates[1],
        "rate_empirical_at_optimum": empirical_rate(r.norms[:, 1], double_root=True),
        "rate_theory_gd": (kappa - 1.0) / (kappa + 1.0),
        "rate_spectral_gd": rates[2],
        "rate_empirical_gd": empirical_rate(r.norms[:, 2]),
        "rate_chosen": rates[0],
        "rate_empirical_chosen": empirical_rate(r.norms[:, 0]),
        "steps_to_1e-6_optimal": math.log(1e-6) / math.log(rho_opt) if rho_opt > 0 else 0.0,
        "steps_to_1e-6_gd": math.log(1e-6) / math.log(rates[2]) if rates[2] > 0 else 0.0,
        "diverged": bool(rates[0] >= 1.0),
    }


def _panels(kappa: float) -> list[Panel]:
    return [
        Panel("map", f"Convergence rate ρ(α, β), κ = {kappa:g}", f"收敛率 ρ(α, β)，κ = {kappa:g}",
              xlabel="step size α", ylabel="momentum β", xlabel_zh="步长 α", ylabel_zh="动量 β",
              xlim=(0.0, ALPHA_MAX), ylim=(0.0, 1.0), colorbar_label="rate ρ (blank: diverges)",
              colorbar_label_zh="收敛率 ρ（空白：发散）"),
        Panel("norm", "Distance to the minimum ‖w_k‖ (dashed: ρ^k)", "到最小值的距离 ‖w_k‖（虚线：ρ^k）",
              xlabel="iteration k", ylabel="‖w_k‖", xlabel_zh="迭代次数 k", yscale="log"),
        Panel("path", "Paths on ½(μw₁² + Lw₂²)", "在 ½(μw₁² + Lw₂²) 上的路径", xlabel="w₁", ylabel="w₂",
              xlim=PATH_W1, ylim=PATH_W2),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    rates = compute(params, ctx)
    metrics = _metrics(params, rates)
    messages = []
    if metrics["diverged"]:
        messages.append(DemoText.tr("(α, β) = ({alpha}, {beta}) diverges: rate {rate} ≥ 1. Heavy ball needs "
                                    "α < 2(1 + β)/L.").format(alpha=f"{params['alpha']:g}", beta=f"{params['beta']:g}",
                                                              rate=f"{rates.point_rates[0]:.3f}"))
    return ctx.result(_series(params, rates), _panels(params["kappa"]), metrics, messages)
