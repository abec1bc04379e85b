"""Per-demo decorations for the optimization demos (§7.1–7.2), drawn after DemoFigure's
generic pass: legends moved off crowded panels, tick labels, short annotations of the fact."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from quizapp.plots.decorations._common import _note

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoData, DemoFigure


def optimizer_race(fig: "DemoFigure", data: "DemoData") -> None:
    fig.legend_under_figure("paths", ncols=4)  # its labels change with the rates: keep the layout
    # mathtext cannot mix with CJK text, so the formula is a note of its own, not in the title;
    # it rides on the contour layer, which frames carry too (frames have no params)
    formula = next((s.style.get("formula") for s in data.series if s.kind == "contour"), None)
    if formula:
        _note(fig, "paths", formula, formula, loc="upper left")


def adaptive_lr(fig: "DemoFigure", data: "DemoData") -> None:
    # the optimizers are the step-size curves of the "time" panel (the others are "theory ..." lines)
    names = [s.name for s in data.series if s.panel == "time" and s.kind == "line"
             and not s.name.startswith("theory")]
    ax = fig.axes.get("coords")
    if ax is not None and names:  # the bars are grouped by optimizer at x = 0, 1, 2, ...
        ax.set_xticks(range(len(names)), names)
        ax.grid(axis="x", visible=False)


DECORATE: dict[str, Callable[["DemoFigure", "DemoData"], None]] = {
    "optimizer-race": optimizer_race,
    "adaptive-lr": adaptive_lr,
}
