"""Per-demo decorations for the optimization demos (§7.1–7.2), drawn after DemoFigure's
generic pass: legends moved off crowded panels, tick labels, short annotations of the fact."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from quizapp.plots.decorations._common import _legend_below, _note

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoData, DemoFigure


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
