"""2-D test surfaces with analytic value and gradient, for the optimizer demos.

`value(x, y)` and `grad(x, y)` use arithmetic operators only, so the same formula evaluates
NumPy arrays, torch tensors (any device, autograd included) and Python floats, batched over
any shape. Each surface carries a plotting window, its known minima (and saddles), a start
point where the optimizers' behaviour differs visibly, and contour levels suited to its range.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

Point = tuple[float, float]
Array = Any  # np.ndarray | torch.Tensor | float


@dataclass(frozen=True)
class Surface:
    id: str
    label_en: str
    label_zh: str
    formula: str  # matplotlib mathtext
    value: Callable[[Array, Array], Array]
    grad: Callable[[Array, Array], tuple[Array, Array]]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    minima: tuple[Point, ...]
    start: Point
    saddles: tuple[Point, ...] = ()
    log_levels: bool = False  # contour levels spaced geometrically (large dynamic range)
    bounded_below: bool = True

    def grad_into(self, p: Array, out: Array) -> None:
        """Gradient of an (R, 2) batch of points, written into `out` (the kernel's grad_fn)."""
        gx, gy = self.grad(p[:, 0], p[:, 1])
        out[:, 0] = gx
        out[:, 1] = gy

    def grid(self, n: int = 120) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(xs, ys, z[row=y][col=x]) over the plotting window, for contour plots."""
        xs = np.linspace(*self.xlim, n)
        ys = np.linspace(*self.ylim, n)
        xx, yy = np.meshgrid(xs, ys)
        return xs, ys, self.value(xx, yy)

    def levels(self, z: np.ndarray, count: int = 24) -> list[float]:
        """Contour levels: geometric from just above the minimum for steep valleys (so the
        valley floor shows), evenly spaced over the window's central range otherwise."""
        if self.log_levels:
            fmin = min(float(self.value(*m)) for m in self.minima) if self.minima else float(z.min())
            span = np.geomspace(1e-2, max(float(z.max()) - fmin, 1e-1), count)
            return [fmin + float(s) for s in span]
        lo, hi = np.percentile(z, [1.0, 99.0])
        return [float(v) for v in np.linspace(lo, hi, count)]

    def in_window(self, x: Array, y: Array, margin: float = 0.5) -> Array:
        """Whether (x, y) lies in the window widened by `margin` of its size on each side
        (elementwise for arrays; NaN is outside)."""
        wx, wy = self.xlim[1] - self.xlim[0], self.ylim[1] - self.ylim[0]
        return ((x >= self.xlim[0] - margin * wx) & (x <= self.xlim[1] + margin * wx)
                & (y >= self.ylim[0] - margin * wy) & (y <= self.ylim[1] + margin * wy))

    def nearest_minimum(self, x: float, y: float) -> tuple[Point | None, float]:
        """The closest known minimum and the distance to it (None, inf for no minima)."""
        best: tuple[Point | None, float] = (None, float("inf"))
        for m in self.minima:
            dist = float(np.hypot(x - m[0], y - m[1]))
            if dist < best[1]:
                best = (m, dist)
        return best


# Ill-conditioned quadratic: curvatures 1 and KAPPA along the axes.
QUADRATIC_KAPPA = 20.0


def _quad_value(x: Array, y: Array) -> Array:
    return 0.5 * (x * x + QUADRATIC_KAPPA * y * y)


def _quad_grad(x: Array, y: Array) -> tuple[Array, Array]:
    return x, QUADRATIC_KAPPA * y


def _rosen_value(x: Array, y: Array) -> Array:
    r = y - x * x
    return (1.0 - x) * (1.0 - x) + 100.0 * r * r


def _rosen_grad(x: Array, y: Array) -> tuple[Array, Array]:
    r = y - x * x
    return -2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r


def _beale_terms(x: Array, y: Array) -> tuple[Array, Array, Array, Array, Array]:
    y2 = y * y
    y3 = y2 * y
    return 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3, y2, y3


def _beale_value(x: Array, y: Array) -> Array:
    a, b, c, _, _ = _beale_terms(x, y)
    return a * a + b * b + c * c


def _beale_grad(x: Array, y: Array) -> tuple[Array, Array]:
    a, b, c, y2, y3 = _beale_terms(x, y)
    gx = 2.0 * (a * (y - 1.0) + b * (y2 - 1.0) + c * (y3 - 1.0))
    gy = 2.0 * x * (a + 2.0 * b * y + 3.0 * c * y2)
    return gx, gy


def _saddle_value(x: Array, y: Array) -> Array:
    return x * x - y * y


def _saddle_grad(x: Array, y: Array) -> tuple[Array, Array]:
    return 2.0 * x, -2.0 * y


def _cubic_value(x: Array, y: Array) -> Array:
    return x * x + y * y + y * y * y + x * y


def _cubic_grad(x: Array, y: Array) -> tuple[Array, Array]:
    return 2.0 * x + y, 2.0 * y + 3.0 * y * y + x


def _himmelblau_value(x: Array, y: Array) -> Array:
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return a * a + b * b


def _himmelblau_grad(x: Array, y: Array) -> tuple[Array, Array]:
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * a * x + 2.0 * b, 2.0 * a + 4.0 * b * y


SURFACES: dict[str, Surface] = {s.id: s for s in (
    Surface("quadratic", f"Ill-conditioned quadratic (κ={QUADRATIC_KAPPA:g})",
            f"病态二次函数 (κ={QUADRATIC_KAPPA:g})",
            r"$\frac{1}{2}(x^2 + %g\,y^2)$" % QUADRATIC_KAPPA, _quad_value, _quad_grad,
            xlim=(-5.0, 5.0), ylim=(-2.5, 2.5), minima=((0.0, 0.0),), start=(-4.5, 2.0)),
    Surface("rosenbrock", "Rosenbrock valley", "Rosenbrock 香蕉谷",
            r"$(1-x)^2 + 100\,(y-x^2)^2$", _rosen_value, _rosen_grad,
            xlim=(-2.0, 2.0), ylim=(-1.0, 3.0), minima=((1.0, 1.0),), start=(-1.2, 1.0),
            log_levels=True),
    Surface("beale", "Beale", "Beale 函数",
            r"$(1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2$", _beale_value, _beale_grad,
            xlim=(-1.0, 4.5), ylim=(-1.5, 2.0), minima=((3.0, 0.5),), start=(1.0, 1.4),
            log_levels=True),
    Surface("saddle", "Saddle", "鞍面", r"$x^2 - y^2$", _saddle_value, _saddle_grad,
            xlim=(-2.0, 2.0), ylim=(-2.0, 2.0), minima=(), start=(1.8, 1e-3), saddles=((0.0, 0.0),),
            bounded_below=False),
    Surface("cubic", "Notes-style cubic", "笔记中的三次函数",
            r"$x^2 + y^2 + y^3 + xy$", _cubic_value, _cubic_grad,
            xlim=(-1.0, 1.0), ylim=(-1.2, 0.8), minima=((0.0, 0.0),), start=(0.9, -0.28),
            saddles=((0.25, -0.5),), bounded_below=False),
    Surface("himmelblau", "Himmelblau (four minima)", "Himmelblau 函数 (四个极小值)",
            r"$(x^2+y-11)^2 + (x+y^2-7)^2$", _himmelblau_value, _himmelblau_grad,
            xlim=(-5.0, 5.0), ylim=(-5.0, 5.0),
            minima=((3.0, 2.0), (-2.805118086952745, 3.131312518250573),
                    (-3.779310253377747, -3.283185991286170), (3.584428340330492, -1.848126526964404)),
            start=(-0.3, -0.9), log_levels=True),
)}


def get_surface(surface_id: str) -> Surface:
    return SURFACES[surface_id]
