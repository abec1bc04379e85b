"""batch-gradient-noise: the mean and variance of a minibatch gradient, measured.

A logistic (or linear) regression on a seeded synthetic dataset, evaluated at w = 0. Per-example
gradients g_i come from torch.func (vmap of grad); the full gradient is their mean g, and
σ² = (1/N) Σ ‖g_i − g‖². A minibatch gradient ĝ_B (mean over B examples) satisfies
    E[ĝ_B] = g,   E‖ĝ_B − g‖² = σ²/B                    (sampling with replacement)
                  E‖ĝ_B − g‖² = σ²/B · (N − B)/(N − 1)   (without replacement; 0 at B = N).
The demo draws many minibatches of every size both ways and compares.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch.func import grad, vmap

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series
from quizapp.i18n.text import DemoText

_CLOUD = 400  # minibatch gradients shown in the scatter panel


def make_dataset(model: str, n: int, dim: int, g: torch.Generator,
                 dev: torch.device | str = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """Gaussian features; labels from a random true weight vector (Bernoulli for logistic,
    Gaussian noise of std 0.5 for linear regression)."""
    X = torch.randn(n, dim, dtype=torch.float64, device=dev, generator=g)
    w_true = 2.0 * torch.randn(dim, dtype=torch.float64, device=dev, generator=g) / dim**0.5
    z = X @ w_true
    if model == "logistic":
        y = (torch.rand(n, dtype=torch.float64, device=dev, generator=g) < torch.sigmoid(z)).double()
    else:
        y = z + 0.5 * torch.randn(n, dtype=torch.float64, device=dev, generator=g)
    return X, y


def example_loss(model: str) -> Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]:
    """The loss of one example (x, y) at weights w."""

    def logistic(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.binary_cross_entropy_with_logits(x @ w, y)

    def linear(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return 0.5 * (x @ w - y) ** 2

    return logistic if model == "logistic" else linear


def per_example_gradients(model: str, w: torch.Tensor, X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(N, d) gradients of each example's loss, by torch.func."""
    grads: torch.Tensor = vmap(grad(example_loss(model)), in_dims=(None, 0, 0))(w, X, y)
    return grads


def minibatch_means(G: torch.Tensor, order: torch.Tensor, sizes: list[int]) -> list[torch.Tensor]:
    """For each B in `sizes` (ascending): the (K, d) means of G over the first B indices of each
    row of `order` (K, >= max B). Counts are accumulated size by size, so every B costs one
    (K, N) @ (N, d) product."""
    K, N = order.shape[0], G.shape[0]
    counts = torch.zeros(K, N, dtype=G.dtype, device=G.device)
    out, done = [], 0
    for b in sizes:
        new = order[:, done:b]
        counts.scatter_add_(1, new, torch.ones_like(new, dtype=G.dtype))
        done = b
        out.append(counts @ G / b)
    return out


@dataclass
class Sampling:
    """Minibatch gradient means at every batch size, with and without replacement."""

    n: int
    draws: int
    sizes: list[int]
    shown_b: int  # the highlighted batch size (capped at N)
    g: torch.Tensor  # the full gradient
    sigma2: float  # per-example gradient variance (trace)
    results: dict[str, tuple[list[torch.Tensor], list[float], list[float]]]  # scheme -> (means, var, bias)

    @property
    def b(self) -> np.ndarray:
        return np.array(self.sizes, dtype=np.float64)

    @property
    def theory_with(self) -> np.ndarray:
        return self.sigma2 / self.b

    @property
    def theory_without(self) -> np.ndarray:
        return self.theory_with * (self.n - self.b) / (self.n - 1) if self.n > 1 else np.zeros_like(self.b)

    @property
    def positive(self) -> np.ndarray:
        """B < N: without replacement, B = N has zero variance (off a log axis)."""
        return self.b < self.n


def sample(params: dict[str, Any], shown_b: int, ctx: RunContext) -> Sampling:
    model, n, dim, draws = params["model"], params["n_samples"], params["dim"], params["draws"]
    X, y = make_dataset(model, n, dim, ctx.generator, ctx.device)
    w = torch.zeros(dim, dtype=torch.float64, device=ctx.device)
    G = per_example_gradients(model, w, X, y)
    g = G.mean(dim=0)
    sigma2 = float(((G - g) ** 2).sum(dim=1).mean())
    sizes = sorted({int(b) for b in np.unique(np.round(np.geomspace(1, n, 14)))} | {shown_b})
    gen, dev = ctx.generator, ctx.device
    with_repl = torch.randint(n, (draws, n), device=dev, generator=gen)
    without_repl = torch.rand(draws, n, device=dev, generator=gen).argsort(dim=1)
    results = {}
    for scheme, order in (("with", with_repl), ("without", without_repl)):
        means = minibatch_means(G, order, sizes)
        var = [float(((m - g) ** 2).sum(dim=1).mean()) for m in means]
        bias = [float((m.mean(dim=0) - g).norm()) for m in means]
        results[scheme] = (means, var, bias)
    return Sampling(n, draws, sizes, shown_b, g, sigma2, results)


def _variance_series(sm: Sampling) -> list[Series]:
    var_with, var_without = np.array(sm.results["with"][1]), np.array(sm.results["without"][1])
    pos, b = sm.positive, sm.b
    return [
        Series("with replacement (measured)", sm.sizes, var_with.tolist(), "variance", "scatter",
               style={"color": "#0072B2", "label_zh": "有放回（实测）"}),
        Series("σ²/B", sm.sizes, sm.theory_with.tolist(), "variance", "line",
               style={"color": "#0072B2", "ls": "--", "lw": 1.2}),
        Series("without replacement (measured)", b[pos].tolist(), var_without[pos].tolist(),
               "variance", "scatter", style={"color": "#D55E00", "marker": "s", "label_zh": "无放回（实测）"}),
        Series("σ²/B · (N−B)/(N−1)", b[pos].tolist(), sm.theory_without[pos].tolist(), "variance",
               "line", style={"color": "#D55E00", "ls": "--", "lw": 1.2}),
        Series(f"B = {sm.shown_b}", [sm.shown_b], [], "variance", "vline", style={"color": "#009E73", "ls": ":"}),
    ]


def _cloud_series(sm: Sampling) -> list[Series]:
    """The cloud of minibatch gradients of the highlighted size (first two coordinates)."""
    i_shown = sm.sizes.index(sm.shown_b)
    cloud = sm.results["with"][0][i_shown][:_CLOUD].cpu().numpy()
    mean_shown = sm.results["with"][0][i_shown].mean(dim=0).cpu().numpy()
    g_np = sm.g.cpu().numpy()
    return [
        Series(f"minibatch gradients, B = {sm.shown_b}", cloud[:, 0].tolist(), cloud[:, 1].tolist(), "cloud",
               "scatter", style={"color": "#56B4E9", "size": 8, "alpha": 0.5,
                                 "label_zh": f"小批量梯度，B = {sm.shown_b}"}),
        Series("full gradient", [float(g_np[0])], [float(g_np[1])], "cloud", "scatter",
               style={"color": "black", "marker": "*", "size": 160, "alpha": 1.0, "label_zh": "全量梯度"}),
        Series(f"mean of {sm.draws} minibatch gradients", [float(mean_shown[0])], [float(mean_shown[1])], "cloud",
               "scatter", style={"color": "#D55E00", "marker": "x", "size": 80, "alpha": 1.0,
                                 "label_zh": f"{sm.draws} 个小批量梯度的均值"}),
    ]


def _bias_series(sm: Sampling) -> list[Series]:
    """|mean of K minibatch gradients − g| against its Monte Carlo noise sqrt(var/K)."""
    g_norm = float(sm.g.norm())
    out = []
    for scheme, colour, marker, zh in (("with", "#0072B2", "o", "有放回"), ("without", "#D55E00", "s", "无放回")):
        bias = np.array(sm.results[scheme][2])
        keep = (bias > 0) & (sm.positive if scheme == "without" else True)  # B = N without: exactly g
        out.append(Series(f"{scheme} replacement: ‖mean − g‖", sm.b[keep].tolist(), (bias[keep] / g_norm).tolist(),
                          "bias", "scatter", style={"color": colour, "marker": marker,
                                                    "label_zh": f"{zh}：‖均值 − g‖"}))
    out.append(Series("Monte Carlo noise √(σ²/(BK))", sm.sizes, (np.sqrt(sm.theory_with / sm.draws) / g_norm).tolist(),
                      "bias", "line", style={"color": "0.3", "ls": "--", "lw": 1.2,
                                             "label_zh": "蒙特卡洛噪声 √(σ²/(BK))"}))
    return out


def _metrics(sm: Sampling) -> dict[str, Any]:
    var_with, var_without = np.array(sm.results["with"][1]), np.array(sm.results["without"][1])
    theory_with, theory_without, pos = sm.theory_with, sm.theory_without, sm.positive
    i_shown = sm.sizes.index(sm.shown_b)
    z_with = np.array(sm.results["with"][2]) / np.sqrt(theory_with / sm.draws)
    return {
        "n_samples": sm.n, "sigma2_per_example": sm.sigma2, "full_gradient_norm": float(sm.g.norm()),
        "batch": sm.shown_b,
        "var_with_replacement": float(var_with[i_shown]),
        "var_with_replacement_theory": float(theory_with[i_shown]),
        "var_without_replacement": float(var_without[i_shown]),
        "var_without_replacement_theory": float(theory_without[i_shown]),
        "max_rel_dev_with_replacement": float(np.max(np.abs(var_with / theory_with - 1.0))),
        "max_rel_dev_without_replacement": float(np.max(np.abs(var_without[pos] / theory_without[pos] - 1.0)))
        if pos.any() else 0.0,
        "var_without_replacement_at_full_batch": float(var_without[-1]),
        "max_bias_in_mc_std_units": float(z_with.max()),
    }


def _panels(shown_b: int) -> list[Panel]:
    return [
        Panel("variance", "Minibatch gradient variance vs batch size", "小批量梯度方差与批量大小",
              xlabel="batch size B", ylabel="E‖ĝ_B − g‖²", xlabel_zh="批量大小 B", xscale="log", yscale="log"),
        Panel("cloud", f"Minibatch gradients (B = {shown_b}) around the full gradient",
              f"全量梯度周围的小批量梯度（B = {shown_b}）", xlabel="∂L/∂w₁", ylabel="∂L/∂w₂"),
        Panel("bias", "Mean is unbiased: ‖mean − g‖ / ‖g‖", "均值无偏：‖均值 − g‖ / ‖g‖",
              xlabel="batch size B", ylabel="relative bias", xlabel_zh="批量大小 B", ylabel_zh="相对偏差",
              xscale="log", yscale="log"),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> DemoResult:
    n, messages = params["n_samples"], []
    shown_b = params["batch"]
    if shown_b > n:
        messages.append(DemoText.tr("The highlighted batch size {batch} is larger than the dataset (N = {n}); "
                                    "showing B = {n}.").format(batch=shown_b, n=n))
        shown_b = n
    sm = sample(params, shown_b, ctx)
    series = _variance_series(sm) + _cloud_series(sm) + _bias_series(sm)
    return ctx.result(series, _panels(shown_b), _metrics(sm), messages)
