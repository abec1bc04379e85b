"""Helpers shared by the per-demo decoration modules: notes and legends put under a panel."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoFigure


def _note(fig: "DemoFigure", panel: str, en: str, zh: str, loc: str = "") -> None:
    """A small boxed note with the run's numbers, under the panel, where it covers no data
    (`loc` is where it once sat inside the axes; kept so call sites read as before)."""
    fig.note(panel, en, zh)


def _legend_below(fig: "DemoFigure", panel: str, ncols: int = 4) -> None:
    """Move a panel's legend under its x axis, where it covers no data."""
    fig.legend_outside(panel)
