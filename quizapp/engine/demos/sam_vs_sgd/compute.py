"""sam-vs-sgd: sharpness-aware minimization (SAM) against SGD on two minima of equal depth.

The landscape is a valley whose floor w₂ = 0 holds two minima of loss exactly 0,
    L(w) = c·(w₁² − 1)² + ½·λ(w₁)·w₂²,   λ(−1) = λ_sharp, λ(+1) = λ_flat,
with λ log-interpolated (smoothly, always > 0) along the valley and c = BARRIER small, so the
Hessian at the minima is diag(8c, λ) and the sharpness (its top eigenvalue) is λ_sharp or
λ_flat. Runs start in pairs, one near each minimum; SGD and SAM start from the same points with
the same gradient noise, and SGD ends where it started: it reaches both minima equally.

SAM (Foret et al., 2021): ε = ρ·g/‖g‖ with g = ∇L(w), then w ← w − η·∇L(w + ε) (the descent by
torch.optim.SGD). Across the valley the ascent point sits at about ±ρ from the floor, so along
the valley SAM follows the gradient of V(w₁) + ½·λ(w₁)·(ρ + A)² (A: its bounce across the
valley): the sharp minimum is lifted by ~½ρ²λ_sharp, and once that tilt beats the barrier c, SAM
slides to the flat minimum (Wen et al. 2022, "How does SAM minimize sharpness?"). Sharpness is
the top eigenvalue of the Hessian (per run, by double backward) at the iterates.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from quizapp.engine.context import RunContext
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series, SeriesStyle
from quizapp.i18n.text import DemoText

SHARP_MIN = (-1.0, 0.0)
FLAT_MIN = (1.0, 0.0)
BARRIER = 0.05  # c: the valley's double well V = c(w₁² − 1)²; 8c = 0.4 < λ_flat keeps λ the sharpness
_KAPPA = 1.5  # how quickly λ moves from λ_sharp to λ_flat along the valley
SAM_EPS = 1e-12  # ‖g‖ + this in SAM's normalization (as in the paper's code): g = 0 exactly at a minimum
START_OFFSET = (0.35, 0.5)  # starts: up to this far from their minimum along and across the valley
CHECKPOINTS = 100  # sharpness and basin shares are measured at about this many steps
_BLOWUP = 1e6
XLIM, YLIM = (-1.8, 1.8), (-0.8, 0.8)
SGD_COLOR, SAM_COLOR = "#0072B2", "#D55E00"


def valley_curvature(w1: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    """λ(w₁): λ_sharp at −1, λ_flat at +1, log-interpolated by a tanh (positive everywhere)."""
    k = math.tanh(_KAPPA)
    share = (torch.tanh(-_KAPPA * w1) + k) / (2 * k)  # 1 at w₁ = −1, 0 at +1
    return torch.exp(math.log(lam_flat) + (math.log(lam_sharp) - math.log(lam_flat)) * share)


def loss(w: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    """L at points w of shape (..., 2)."""
    w1, w2 = w[..., 0], w[..., 1]
    return BARRIER * (w1**2 - 1.0) ** 2 + 0.5 * valley_curvature(w1, lam_sharp, lam_flat) * w2**2


def in_flat_basin(w: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    """Whether each point lies on the flat minimum's side of the barrier (w₁ > 0)."""
    return w[..., 0] > 0


def starts(runs: int, rng: np.random.Generator) -> np.ndarray:
    """Pairs of starts: even runs near the sharp minimum, odd ones at the mirror image near the
    flat one (the same loss but for λ), offsets uniform within START_OFFSET."""
    out = np.empty((runs, 2))
    for i in range(0, runs, 2):
        d1, d2 = rng.uniform(-1.0, 1.0, 2) * START_OFFSET
        out[i] = (SHARP_MIN[0] + d1, d2)
        if i + 1 < runs:
            out[i + 1] = (FLAT_MIN[0] - d1, d2)
    return out


def sam_gradient(w: torch.Tensor, rho: float, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    """∇L(w + ρ·g/(‖g‖ + SAM_EPS)), g = ∇L(w), row by row (each row is one run)."""
    x = w.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(loss(x, lam_sharp, lam_flat).sum(), x)
    ascent: torch.Tensor = (w.detach() + rho * g / (g.norm(dim=-1, keepdim=True) + SAM_EPS)).requires_grad_(True)
    (g_sam,) = torch.autograd.grad(loss(ascent, lam_sharp, lam_flat).sum(), ascent)
    return g_sam


def hessians(w: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    """Each run's 2×2 Hessian by double backward (runs are independent, so row i of every
    run's Hessian is the gradient of the sum of the runs' ∂L/∂w_i); (runs, 2, 2)."""
    x = w.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(loss(x, lam_sharp, lam_flat).sum(), x, create_graph=True)
    rows = [torch.autograd.grad(g[:, i].sum(), x, retain_graph=i == 0)[0] for i in range(2)]
    return torch.stack(rows, dim=1).detach()


def top_hessian_eigenvalue(w: torch.Tensor, lam_sharp: float, lam_flat: float) -> torch.Tensor:
    """The largest eigenvalue of each run's Hessian: the sharpness."""
    eigenvalues: torch.Tensor = torch.linalg.eigvalsh(hessians(w, lam_sharp, lam_flat))  # ascending
    return eigenvalues[:, -1]


@dataclass
class Track:
    """One optimizer's runs: checkpoints of the iterates and what was measured there."""

    name: str
    steps: list[int] = field(default_factory=list)
    points: list[np.ndarray] = field(default_factory=list)  # (runs, 2) per checkpoint
    sharpness: list[float] = field(default_factory=list)  # mean over runs
    flat_share: list[float] = field(default_factory=list)
    final_sharpness: np.ndarray | None = None  # per run, at the last checkpoint
    final_in_flat: np.ndarray | None = None


class Race:
    """SGD and SAM from the same starts with the same gradient noise (torch.optim.SGD both)."""

    def __init__(self, p: dict[str, Any], ctx: RunContext) -> None:
        self.p, self.ctx = p, ctx
        self.lam = (p["sharp_curvature"], p["flat_curvature"])
        start = torch.tensor(starts(p["runs"], ctx.rng), dtype=torch.float64, device=ctx.device)
        self.w = {"SGD": start.clone().requires_grad_(True), "SAM": start.clone().requires_grad_(True)}
        self.opt = {k: torch.optim.SGD([w], lr=p["lr"]) for k, w in self.w.items()}
        self.tracks = {k: Track(k) for k in self.w}
        self.t = 0
        self.diverged = False
        self.every = max(1, p["steps"] // CHECKPOINTS)
        self.checkpoint()

    def step(self) -> None:
        noise = self.p["noise"] * torch.randn(self.w["SGD"].shape, dtype=torch.float64, device=self.ctx.device,
                                              generator=self.ctx.generator)
        for name, w in self.w.items():
            self.opt[name].zero_grad(set_to_none=True)
            if name == "SAM":
                w.grad = sam_gradient(w, self.p["rho"], *self.lam) + noise
            else:
                loss(w, *self.lam).sum().backward()
                w.grad += noise
            self.opt[name].step()
            if not torch.isfinite(w).all() or float(w.detach().abs().max()) > _BLOWUP:
                self.diverged = True
        self.t += 1
        if self.t % self.every == 0 or self.t == self.p["steps"] or self.diverged:
            self.checkpoint()

    def checkpoint(self) -> None:
        for name, w in self.w.items():
            track = self.tracks[name]
            sharp = top_hessian_eigenvalue(w, *self.lam)
            flat = in_flat_basin(w.detach(), *self.lam)
            track.steps.append(self.t)
            track.points.append(w.detach().cpu().numpy().copy())
            track.sharpness.append(float(sharp.mean()))
            track.flat_share.append(float(flat.double().mean()))
            track.final_sharpness, track.final_in_flat = sharp.cpu().numpy(), flat.cpu().numpy()

    @property
    def done(self) -> bool:
        return self.t >= self.p["steps"] or self.diverged


def _landscape_series(lam_s: float, lam_f: float) -> list[Series]:
    xs, ys = torch.linspace(*XLIM, 140, dtype=torch.float64), torch.linspace(*YLIM, 100, dtype=torch.float64)
    yy, xx = torch.meshgrid(ys, xs, indexing="ij")
    with torch.no_grad():
        z = loss(torch.stack([xx, yy], dim=-1), lam_s, lam_f)
    z = z - float(z.min())  # ≥ 0 for the log-spaced levels
    levels = np.geomspace(1e-3, float(z.max()), 16).tolist()
    return [
        Series("_L(w)", xs.tolist(), ys.tolist(), "landscape", "contour", z=z.tolist(),
               style={"levels": levels, "cmap": "Greys"}),
        Series(f"sharp minimum (λ = {lam_s:g})", [SHARP_MIN[0]], [SHARP_MIN[1]], "landscape", "scatter",
               style={"color": "black", "marker": "X", "size": 80, "alpha": 1.0,
                      "label_zh": f"尖锐最小值（λ = {lam_s:g}）"}),
        Series(f"flat minimum (λ = {lam_f:g})", [FLAT_MIN[0]], [FLAT_MIN[1]], "landscape", "scatter",
               style={"color": "black", "marker": "*", "size": 140, "alpha": 1.0,
                      "label_zh": f"平坦最小值（λ = {lam_f:g}）"}),
    ]


def _track_series(race: Race) -> list[Series]:
    out: list[Series] = []
    for name, colour in (("SGD", SGD_COLOR), ("SAM", SAM_COLOR)):
        track = race.tracks[name]
        pts = np.stack(track.points)  # (checkpoints, runs, 2)
        style: SeriesStyle = {"color": colour, "lw": 1.0, "alpha": 0.8}
        for r in range(pts.shape[1]):
            out.append(Series(name if r == 0 else f"_{name} run {r}", pts[:, r, 0].tolist(), pts[:, r, 1].tolist(),
                              "landscape", "path", style=style))
        steps = [float(t) for t in track.steps]
        out.append(Series(f"{name}: mean top eigenvalue", steps, track.sharpness, "sharpness", "line",
                          style={"color": colour, "lw": 1.8, "label_zh": f"{name}：最大特征值的均值"}))
        out.append(Series(f"{name}: share in the flat basin", steps, track.flat_share, "share", "step",
                          style={"color": colour, "lw": 1.8, "label_zh": f"{name}：位于平坦盆地的比例"}))
    lam_s, lam_f = race.lam
    out += [
        Series("λ_sharp", [], [lam_s], "sharpness", "hline", style={"color": "0.3", "ls": "--",
                                                                   "label_zh": "λ_sharp（尖锐）"}),
        Series("λ_flat", [], [lam_f], "sharpness", "hline", style={"color": "0.3", "ls": ":",
                                                                  "label_zh": "λ_flat（平坦）"}),
    ]
    return out


def _panels() -> list[Panel]:
    return [
        Panel("landscape", "Two minima of equal loss: SGD and SAM paths", "两个损失相同的极小值：SGD 与 SAM 的路径",
              xlabel="$w_1$", ylabel="$w_2$", xlim=XLIM, ylim=YLIM, equal_aspect=True),
        Panel("sharpness", r"Sharpness $\lambda_{\max}(\nabla^2 L)$ at the iterates",
              "迭代点处的尖锐度 λ_max(∇²L)", xlabel="step $t$",
              ylabel=r"mean $\lambda_{\max}$ over runs", xlabel_zh="迭代步数 t", ylabel_zh="各次运行 λ_max 的均值",
              yscale="log"),
        Panel("share", "Runs in the flat minimum's basin", "位于平坦最小值盆地中的运行比例", xlabel="step $t$",
              ylabel="share of runs", xlabel_zh="迭代步数 t", ylabel_zh="运行比例", ylim=(-0.05, 1.05)),
    ]


def _metrics(race: Race) -> dict[str, Any]:
    p, (lam_s, lam_f) = race.p, race.lam
    m: dict[str, Any] = {"lambda_sharp": lam_s, "lambda_flat": lam_f, "rho": p["rho"], "barrier": BARRIER,
                         # SAM's lift of the sharp minimum over the flat one, against the barrier
                         "sam_tilt": 0.5 * p["rho"] ** 2 * (lam_s - lam_f),
                         "sgd_stable_at_sharp_minimum": p["lr"] * lam_s < 2.0}
    started_flat = in_flat_basin(torch.tensor(race.tracks["SGD"].points[0]), lam_s, lam_f).numpy()
    for name in ("SGD", "SAM"):
        track, key = race.tracks[name], name.lower()
        assert track.final_in_flat is not None and track.final_sharpness is not None
        end = torch.tensor(track.points[-1])
        m[f"{key}_share_at_flat"] = float(track.final_in_flat.mean())
        m[f"{key}_sharpness_final"] = float(track.final_sharpness.mean())
        m[f"{key}_sharpness_final_max"] = float(track.final_sharpness.max())
        with torch.no_grad():
            m[f"{key}_final_loss_max"] = float(loss(end, lam_s, lam_f).max())
        at_flat = end[torch.from_numpy(track.final_in_flat)]
        m[f"{key}_final_loss_max_at_flat"] = (float(loss(at_flat, lam_s, lam_f).max())
                                                if track.final_in_flat.any() else None)
        m[f"{key}_ended_in_start_basin"] = float((track.final_in_flat == started_flat).mean())
    m["started_at_flat_share"] = float(started_flat.mean())
    m["diverged"] = race.diverged
    return m


def run(p: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    race = Race(p, ctx)
    static = _landscape_series(*race.lam)
    panels = _panels()
    yield Frame(0.0, static + _track_series(race), panels)
    pacer = FramePacer(started=True)
    while not race.done:
        ctx.check_cancelled()
        race.step()
        if not race.done and pacer.due():
            yield Frame(race.t / p["steps"], static + _track_series(race), panels)
    messages = []
    if race.diverged:
        messages.append(DemoText.tr("diverged at step {step}: η = {lr} is above 2/λ for the flat minimum too.")
                        .format(step=race.t, lr=f"{p['lr']:g}"))
    elif not p["lr"] * race.lam[0] < 2.0:
        messages.append(DemoText.tr("η·λ_sharp = {product} ≥ 2: plain SGD cannot stay at the sharp minimum "
                                    "either.").format(product=f"{p['lr'] * race.lam[0]:.3g}"))
    yield ctx.result(static + _track_series(race), panels, _metrics(race), messages)
