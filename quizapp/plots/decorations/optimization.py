"""Per-demo decorations for the optimization demos (§7.1–7.2), drawn after DemoFigure's
generic pass: legends moved off crowded panels, tick labels, short annotations of the fact."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoData, DemoFigure


def _legend_below(fig: "DemoFigure", panel: str, ncols: int = 4) -> None:
    """Move a panel's legend under the figure, where it covers no data."""
    ax = fig.axes.get(panel)
    if ax is None or ax.get_legend() is None:
        return
    handles, labels = ax.get_legend_handles_labels()
    ax.get_legend().remove()
    fig.figure.legend(handles, labels, loc="outside lower center", ncols=min(ncols, len(labels)))


def _note(fig: "DemoFigure", panel: str, en: str, zh: str, loc: str = "lower left") -> None:
    """A small boxed text in a panel corner."""
    ax = fig.axes.get(panel)
    if ax is None:
        return
    x, ha = (0.03, "left") if "left" in loc else (0.97, "right")
    y, va = (0.04, "bottom") if "lower" in loc else (0.96, "top")
    ax.text(x, y, fig.label(en, zh), transform=ax.transAxes, ha=ha, va=va, fontsize=8, zorder=6,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.7", "alpha": 0.9})


def optimizer_race(fig: "DemoFigure", data: "DemoData") -> None:
    _legend_below(fig, "paths", ncols=4)
    # mathtext cannot mix with CJK text, so the formula is a note of its own, not in the title;
    # it rides on the contour layer, which frames carry too (frames have no params)
    formula = next((s.style.get("formula") for s in data.series if s.kind == "contour"), None)
    if formula:
        _note(fig, "paths", formula, formula, loc="upper left")


def adaptive_lr(fig: "DemoFigure", data: "DemoData") -> None:
    from quizapp.engine.specs.optimization import ADAPTIVE_OPTIMIZERS as OPTIMIZERS

    ax = fig.axes.get("coords")
    if ax is not None:  # the bars are grouped by optimizer at x = 0, 1, 2, ...
        ax.set_xticks(range(len(OPTIMIZERS)), OPTIMIZERS)
        ax.grid(axis="x", visible=False)


DECORATE: dict[str, Callable[["DemoFigure", "DemoData"], None]] = {
    "optimizer-race": optimizer_race,
    "adaptive-lr": adaptive_lr,
}
