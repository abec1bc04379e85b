"""Helpers shared by the per-demo decoration modules: corner notes and legends moved below."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoFigure


def _note(fig: "DemoFigure", panel: str, en: str, zh: str, loc: str = "lower left") -> None:
    """A small boxed text in a panel corner."""
    ax = fig.axes.get(panel)
    if ax is None:
        return
    x, ha = (0.03, "left") if "left" in loc else (0.97, "right")
    y, va = (0.04, "bottom") if "lower" in loc else (0.5, "center") if "center" in loc else (0.96, "top")
    ax.text(x, y, fig.label(en, zh), transform=ax.transAxes, ha=ha, va=va, fontsize=8, zorder=6,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.7", "alpha": 0.9})


def _legend_below(fig: "DemoFigure", panel: str, ncols: int = 4) -> None:
    """Move a panel's legend under the figure, where it covers no data."""
    ax = fig.axes.get(panel)
    if ax is None or ax.get_legend() is None:
        return
    handles, labels = ax.get_legend_handles_labels()
    ax.get_legend().remove()
    fig.figure.legend(handles, labels, loc="outside lower center", ncols=min(ncols, len(labels)))
