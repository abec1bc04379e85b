"""l1-vs-l2: lasso and ridge on a sparse-truth linear regression.

Objective: f(w) = (1/2n)‖y − Xw‖², plus λ‖w‖₁ (L1) or (λ/2)‖w‖² (L2).

* The L1 path is computed with proximal gradient steps, whose prox is the soft-threshold
  S_t(z) = sign(z)·max(|z| − t, 0) (torch's F.softshrink; our batched version takes a per-row
  threshold and is tested against it). With XᵀX/n = I the lasso is S_λ(w_ols) in closed form,
  so its exact zeros are the coefficients with |w_ols| ≤ λ.
* Subgradient descent (torch.optim.SGD with autograd through |w|) on the same objective makes the
  zero coefficients jitter around 0 with amplitude ~ηλ but never land on it.
* The L2 path is the ridge closed form, checked against torch.optim.SGD(weight_decay=λ).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.palette import color
from quizapp.engine.result import DemoResult, Panel, Series, SeriesStyle, to_floats
from quizapp.i18n.text import DemoText

DTYPE = torch.float64  # a tiny problem; float64 makes "exactly zero" and closed-form checks crisp
PATH_POINTS = 60
PATH_TOL = 1e-11
PATH_MAX_ITERS = 5000


def soft_threshold(z: torch.Tensor, t: torch.Tensor | float) -> torch.Tensor:
    """S_t(z) = sign(z)·max(|z| − t, 0), with `t` broadcast against `z` (F.softshrink takes only
    a scalar threshold; the path needs one per λ)."""
    t = torch.as_tensor(t, dtype=z.dtype, device=z.device)
    return torch.where(z > t, z - t, torch.where(z < -t, z + t, torch.zeros_like(z)))


def make_problem(params: dict[str, Any], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X, y, w_true) from the seeded NumPy generator, so CPU and GPU runs see the same data."""
    n, d = params["n_samples"], params["n_features"]
    k = min(params["n_nonzero"], d)
    z = rng.standard_normal((n, d))
    if params["design"] == "orthonormal":
        q, _ = np.linalg.qr(z)
        X = q * math.sqrt(n)  # XᵀX/n = I exactly (up to rounding)
    else:
        rho = params["correlation"]
        idx = np.arange(d)
        cov = rho ** np.abs(idx[:, None] - idx[None, :])
        X = z @ np.linalg.cholesky(cov).T
    w_true = np.zeros(d)
    w_true[:k] = rng.choice([-1.0, 1.0], size=k) * rng.uniform(0.3, 2.0, size=k)
    y = X @ w_true + params["noise"] * rng.standard_normal(n)
    return X, y, w_true


def lasso_path(G: torch.Tensor, b: torch.Tensor, lams: torch.Tensor, L: float) -> tuple[torch.Tensor, int]:
    """Lasso solutions for every λ in `lams` at once (rows), by FISTA with step 1/L.

    G = XᵀX/n, b = Xᵀy/n, so ∇f(w) = Gw − b. Returns (W, iterations used)."""
    step = 1.0 / L
    thresholds = (step * lams)[:, None]
    w = torch.zeros(len(lams), len(b), dtype=G.dtype, device=G.device)
    v, t = w.clone(), 1.0
    for it in range(1, PATH_MAX_ITERS + 1):
        w_next = soft_threshold(v - step * (v @ G - b), thresholds)
        t_next = (1.0 + math.sqrt(1.0 + 4.0 * t * t)) / 2.0
        v = w_next + ((t - 1.0) / t_next) * (w_next - w)
        change = float((w_next - w).abs().max())
        w, t = w_next, t_next
        if change < PATH_TOL:
            return w, it
    return w, PATH_MAX_ITERS


def ista(G: torch.Tensor, b: torch.Tensor, lam: float, step: float, w0: torch.Tensor,
         iterations: int) -> tuple[torch.Tensor, list[int]]:
    """ISTA from w0; returns the final w and the number of exact zeros after each iteration."""
    w = w0.clone()
    zeros = [int((w == 0).sum())]
    for _ in range(iterations):
        w = soft_threshold(w - step * (G @ w - b), step * lam)
        zeros.append(int((w == 0).sum()))
    return w, zeros


def subgradient_descent(X: torch.Tensor, y: torch.Tensor, lam: float, step: float, w0: torch.Tensor,
                        iterations: int) -> tuple[torch.Tensor, list[int]]:
    """torch.optim.SGD on f(w) + λ‖w‖₁ (autograd takes sign(w) as the subgradient of |w|)."""
    w = w0.clone().requires_grad_(True)
    opt = torch.optim.SGD([w], lr=step)
    n = X.shape[0]
    zeros = [int((w == 0).sum())]
    for _ in range(iterations):
        opt.zero_grad()
        loss = 0.5 * ((X @ w - y) ** 2).sum() / n + lam * w.abs().sum()
        loss.backward()
        opt.step()
        zeros.append(int((w.detach() == 0).sum()))
    return w.detach(), zeros


def ridge_closed_form(G: torch.Tensor, b: torch.Tensor, lams: torch.Tensor) -> torch.Tensor:
    """argmin f(w) + (λ/2)‖w‖² = (XᵀX/n + λI)⁻¹ Xᵀy/n, one row per λ."""
    eye = torch.eye(len(b), dtype=G.dtype, device=G.device)
    A = G[None] + lams[:, None, None] * eye[None]
    w: torch.Tensor = torch.linalg.solve(A, b.expand(len(lams), -1))
    return w


def ridge_iterative(X: torch.Tensor, y: torch.Tensor, lam: float, G: torch.Tensor,
                    max_iters: int = 5000, tol: float = 1e-13) -> tuple[torch.Tensor, int]:
    """torch.optim.SGD(weight_decay=λ) on f(w), heavy-ball with the optimal step and momentum for
    the spectrum of G + λI (so even a badly conditioned design converges in a few hundred steps)."""
    eig = torch.linalg.eigvalsh(G)
    mu, L = float(eig[0]) + lam, float(eig[-1]) + lam
    lr = 4.0 / (math.sqrt(L) + math.sqrt(mu)) ** 2
    momentum = ((math.sqrt(L) - math.sqrt(mu)) / (math.sqrt(L) + math.sqrt(mu))) ** 2
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=momentum, weight_decay=lam)
    n = X.shape[0]
    for it in range(1, max_iters + 1):
        before = w.detach().clone()
        opt.zero_grad()
        (0.5 * ((X @ w - y) ** 2).sum() / n).backward()
        opt.step()
        if float((w.detach() - before).abs().max()) < tol:
            return w.detach(), it
    return w.detach(), max_iters


def kkt_violation(G: torch.Tensor, b: torch.Tensor, w: torch.Tensor, lam: float) -> float:
    """How far w is from lasso optimality: the residual correlation c = b − Gw must equal λ·sign(w_j)
    where w_j ≠ 0 and satisfy |c_j| ≤ λ where w_j = 0."""
    c = b - G @ w
    nonzero = w != 0
    on = (c - lam * torch.sign(w)).abs()[nonzero]
    off = (c.abs() - lam).clamp(min=0)[~nonzero]
    return float(torch.cat([on, off]).max()) if len(w) else 0.0


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    messages: list[str] = []
    d = params["n_features"]
    if params["n_nonzero"] > d:
        messages.append(DemoText.tr("n_nonzero={nonzero} is more than n_features={features}; using {features}.")
                        .format(nonzero=params["n_nonzero"], features=d))
    k = min(params["n_nonzero"], d)
    lam = float(params["lam"])
    X_np, y_np, w_true_np = make_problem(params, ctx.rng)
    dev = ctx.device
    X = torch.as_tensor(X_np, dtype=DTYPE, device=dev)
    y = torch.as_tensor(y_np, dtype=DTYPE, device=dev)
    n = X.shape[0]
    G = X.T @ X / n
    b = X.T @ y / n
    L = float(torch.linalg.eigvalsh(G)[-1])
    w_ols = torch.linalg.solve(G, b)
    lam_max = float(b.abs().max())  # the smallest λ whose lasso solution is all zeros

    # Paths over λ (log grid around λ_max), lasso by proximal gradient, ridge in closed form.
    lams = torch.logspace(math.log10(lam_max) - 3, math.log10(lam_max) + 0.3, PATH_POINTS, dtype=DTYPE, device=dev)
    W_lasso, path_iters = lasso_path(G, b, lams, L)
    W_ridge = ridge_closed_form(G, b, lams)
    ctx.check_cancelled()

    # The user's λ: ISTA vs subgradient from the same random start, same step.
    step = params["step_scale"] / L
    w0 = torch.as_tensor(ctx.rng.standard_normal(d), dtype=DTYPE, device=dev)
    w_ista, zeros_ista = ista(G, b, lam, step, w0, params["iterations"])
    w_sub, zeros_sub = subgradient_descent(X, y, lam, step, w0, params["iterations"])
    ctx.check_cancelled()
    w_lasso_exact, _ = lasso_path(G, b, torch.tensor([lam], dtype=DTYPE, device=dev), L)
    w_lasso_exact = w_lasso_exact[0]
    w_ridge_closed = ridge_closed_form(G, b, torch.tensor([lam], dtype=DTYPE, device=dev))[0]
    w_ridge_iter, ridge_iters = ridge_iterative(X, y, lam, G)

    metrics: dict[str, Any] = {
        "lambda": lam,
        "lambda_max": lam_max,
        "true_zeros": d - k,
        "lasso_zeros_ista": zeros_ista[-1],
        "lasso_zeros_subgradient": zeros_sub[-1],
        "lasso_zeros_converged": int((w_lasso_exact == 0).sum()),
        "subgradient_min_abs_coef": float(w_sub.abs().min()),
        "ista_vs_converged_max_diff": float((w_ista - w_lasso_exact).abs().max()),
        "lasso_kkt_violation": kkt_violation(G, b, w_lasso_exact, lam),
        "ridge_zeros": int((w_ridge_closed == 0).sum()),
        "ridge_closed_vs_iterative_max_diff": float((w_ridge_closed - w_ridge_iter).abs().max()),
        "ridge_iterations": ridge_iters,
        "path_iterations": path_iters,
    }
    if params["design"] == "orthonormal":
        # Closed form: lasso = S_λ(w_ols); its zeros are exactly the |w_ols_j| ≤ λ.
        metrics["lasso_zeros_closed_form"] = int((w_ols.abs() <= lam).sum())
        metrics["lasso_vs_soft_threshold_max_diff"] = float((w_lasso_exact - soft_threshold(w_ols, lam)).abs().max())
    if zeros_ista[-1] != metrics["lasso_zeros_converged"]:
        messages.append(DemoText.tr("ISTA has not converged after {iterations} iterations at step η·L = {step}; "
                                    "raise iterations or the step to see all exact zeros.").format(
            iterations=params["iterations"], step=f"{params['step_scale']:g}"))

    return ctx.result(_series(params, lam, lam_max, lams, W_lasso, W_ridge, zeros_ista, zeros_sub, metrics,
                              w_true_np, w_lasso_exact, w_sub, w_ridge_closed),
                      _panels(), metrics, messages)


def _series(params: dict[str, Any], lam: float, lam_max: float, lams: torch.Tensor, W_lasso: torch.Tensor,
            W_ridge: torch.Tensor, zeros_ista: list[int], zeros_sub: list[int], metrics: dict[str, Any],
            w_true: np.ndarray, w_lasso: torch.Tensor, w_sub: torch.Tensor, w_ridge: torch.Tensor) -> list[Series]:
    d = params["n_features"]
    lam_x = to_floats(lams)
    out: list[Series] = []
    for j in range(d):
        # One colour per coefficient, shared by both path panels; coefficients that are zero in the
        # truth are dashed and left out of the legend (a leading "_" hides a series' label).
        nonzero = w_true[j] != 0
        style: SeriesStyle = ({"color": color(j), "lw": 1.4} if nonzero
                              else {"color": color(j), "ls": "--", "lw": 1.0, "alpha": 0.7})
        out.append(Series(f"w{j + 1}" if nonzero else f"_w{j + 1}", lam_x, to_floats(W_lasso[:, j]), "l1_path",
                          style=style.copy()))
        out.append(Series(f"_w{j + 1}_ridge", lam_x, to_floats(W_ridge[:, j]), "l2_path", style=style.copy()))
    out.append(Series("chosen λ", [lam], [], "l1_path", "vline",
                      style={"color": "0.2", "ls": "-", "lw": 1.0, "label_zh": "所选 λ"}))
    out.append(Series("_chosen λ (ridge)", [lam], [], "l2_path", "vline", style={"color": "0.2", "ls": "-", "lw": 1.0}))
    out.append(Series("λ_max (all zero)", [lam_max], [], "l1_path", "vline",
                      style={"color": "0.5", "ls": ":", "label_zh": "λ_max（全为零）"}))

    its = [float(i) for i in range(len(zeros_ista))]
    out.append(Series("ISTA (proximal)", its, [float(z) for z in zeros_ista], "zeros", "step",
                      style={"color": color(0), "label_zh": "ISTA（近端）"}))
    out.append(Series("subgradient (SGD)", its, [float(z) for z in zeros_sub], "zeros", "step",
                      style={"color": color(1), "ls": "--", "label_zh": "次梯度（SGD）"}))
    if "lasso_zeros_closed_form" in metrics:
        out.append(Series("closed form #|w_ols| ≤ λ", [], [float(metrics["lasso_zeros_closed_form"])], "zeros",
                          "hline", style={"color": "0.3", "label_zh": "闭式 #|w_ols| ≤ λ"}))
    out.append(Series("true zeros", [], [float(metrics["true_zeros"])], "zeros", "hline",
                      style={"color": color(2), "ls": ":", "label_zh": "真实零系数个数"}))

    idx = np.arange(1, d + 1, dtype=float)
    bars = (("true", "真实值", w_true, -0.3, color(7)),
            ("lasso", "lasso", to_floats(w_lasso), -0.1, color(0)),
            ("subgradient", "次梯度", to_floats(w_sub), 0.1, color(1)),
            ("ridge", "ridge", to_floats(w_ridge), 0.3, color(2)))
    for name, zh, values, offset, c in bars:
        out.append(Series(name, [float(v) for v in idx + offset], [float(v) for v in values], "coefs", "bar",
                          style={"color": c, "width": 0.2, "label_zh": zh}))
    return out


def _panels() -> list[Panel]:
    return [
        Panel("l1_path", "L1 (lasso) path: exact zeros", "L1（lasso）路径：精确为零",
              xlabel="λ", ylabel="coefficient", ylabel_zh="系数", xscale="log"),
        Panel("l2_path", "L2 (ridge) path: shrinks, never zero", "L2（ridge）路径：只收缩、不为零",
              xlabel="λ", ylabel="coefficient", ylabel_zh="系数", xscale="log"),
        Panel("zeros", "Exact zeros at λ: proximal vs subgradient", "λ 处的精确零：近端 vs 次梯度",
              xlabel="iteration", ylabel="# coefficients exactly 0", xlabel_zh="迭代次数",
              ylabel_zh="恰为 0 的系数个数", xscale="symlog"),
        Panel("coefs", "Coefficients at λ", "λ 处的系数",
              xlabel="coefficient index j", ylabel="$w_j$", xlabel_zh="系数编号 j"),
    ]
