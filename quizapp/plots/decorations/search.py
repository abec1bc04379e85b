"""Per-demo annotations for the hyperparameter-search demos (7.6), drawn after the generic pass."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.ticker import FixedLocator, MaxNLocator, NullLocator

from quizapp.engine.result import DemoResult, Frame, Series

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoFigure

DemoData = Frame | DemoResult


def _find(data: DemoData, name: str) -> Series | None:
    return next((s for s in data.series if s.name == name), None)


def _integer_x(fig: "DemoFigure", panel: str) -> None:
    if panel in fig.axes:
        fig.axes[panel].xaxis.set_major_locator(MaxNLocator(integer=True))


def _grid_vs_random(fig: "DemoFigure", data: DemoData) -> None:
    space = fig.axes.get("space")
    if space is not None:  # the legend would sit on the grid's corner points: put it underneath
        fig.legend_outside("space")
    grid = _find(data, "grid trials")
    ax = fig.axes.get("marginal_x")
    if grid is not None and ax is not None:
        for x in sorted(set(grid.x)):  # the only values of the important parameter the grid tried
            ax.axvline(x, color="#D55E00", alpha=0.25, lw=6, zorder=0)
    _integer_x(fig, "best")


def _bayesian_optimization(fig: "DemoFigure", data: DemoData) -> None:
    upper, lower = _find(data, "mean + 2σ"), _find(data, "_mean - 2σ")
    ax = fig.axes.get("posterior")
    if upper is not None and lower is not None and ax is not None:
        ax.fill_between(upper.x, lower.y, upper.y, color="#56B4E9", alpha=0.25, lw=0, zorder=1)
    _integer_x(fig, "race")


def _hyperband(fig: "DemoFigure", data: DemoData) -> None:
    ax = fig.axes.get("brackets")
    if ax is not None:
        rs = sorted({r for s in data.series if s.panel == "brackets" for r in s.x})
        ns = sorted({n for s in data.series if s.panel == "brackets" for n in s.y})
        for s in data.series:
            if s.panel != "brackets":
                continue
            for r, n in zip(s.x, s.y):  # the table's numbers next to its points
                ax.annotate(f"{n:g}", (r, n), textcoords="offset points", xytext=(5, 3), fontsize=7)
        if rs:
            ax.xaxis.set_major_locator(FixedLocator(rs))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xticklabels([f"{r:.3g}" for r in rs])
            ax.set_xlim(rs[0] / 1.6, rs[-1] * 1.9)
        if ns:
            ticks = [ns[0]]
            for n in ns[1:]:  # skip labels that would touch on the log axis (e.g. 8 and 9)
                if n >= 1.25 * ticks[-1]:
                    ticks.append(n)
            ns = ticks
            ax.yaxis.set_major_locator(FixedLocator(ns))
            ax.yaxis.set_minor_locator(NullLocator())
            ax.set_yticklabels([f"{n:g}" for n in ns])
            ax.set_ylim(min(ns) / 1.6, max(ns) * 1.9)
        ax.legend(loc="upper right", title="bracket" if fig.lang == "en" else "分组", fontsize=7, title_fontsize=7)
        fig.legend_outside("brackets")
    budget = fig.axes.get("budget")
    if budget is not None and isinstance(data, DemoResult) and data.metrics.get("epochs_full_training"):
        m = data.metrics
        fig.note("budget", f"{m['epochs_used']} of {m['epochs_full_training']} epochs ({m['budget_fraction']:.0%})",
                 f"用了 {m['epochs_used']} / {m['epochs_full_training']} 轮（{m['budget_fraction']:.0%}）")
    _integer_x(fig, "budget")


def _architecture_search(fig: "DemoFigure", data: DemoData) -> None:
    ax = fig.axes.get("boundary")
    mesh = fig.artists.get("_P(class 1)")  # a heatmap
    if isinstance(mesh, QuadMesh):
        mesh.set_alpha(0.55)  # keep the validation points readable on top
        colorbar = getattr(mesh, "colorbar", None)
        if colorbar is not None and colorbar.solids is not None:
            colorbar.solids.set_alpha(0.55)  # and the colour scale matching the map
    if ax is not None:
        ax.grid(False)
    for name in ("class 0", "class 1"):
        pts = fig.artists.get(name)  # a scatter
        if isinstance(pts, PathCollection):
            pts.set_edgecolor("white")
            pts.set_linewidth(0.3)


def _batched_sweep(fig: "DemoFigure", data: DemoData) -> None:
    ax = fig.axes.get("heatmap")
    if ax is None:
        return
    ax.grid(False)
    best = _find(data, "best lr per row")
    if best is not None and ax.get_yscale() == "log":
        rows = sorted(set(best.y))
        ax.yaxis.set_major_locator(FixedLocator(rows))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_yticklabels([f"{v:g}" for v in rows])


DECORATE: dict[str, Callable[["DemoFigure", DemoData], None]] = {
    "grid-vs-random": _grid_vs_random,
    "bayesian-optimization": _bayesian_optimization,
    "hyperband": _hyperband,
    "architecture-search": _architecture_search,
    "batched-sweep": _batched_sweep,
}
