"""Per-demo decorations drawn after DemoFigure's generic pass, one module per section group.

Each module's DECORATE maps demo ids to a function(DemoFigure, data). They are gathered here
by plain imports, so a renamed or broken module fails at import instead of silently dropping
its demos' decorations.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from quizapp.plots.decorations import optimization, regularization, search, training

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoFigure

Decoration = Callable[["DemoFigure", Any], None]


def _merged(*tables: dict[str, Decoration]) -> dict[str, Decoration]:
    out: dict[str, Decoration] = {}
    for table in tables:
        twice = out.keys() & table.keys()
        if twice:
            raise RuntimeError(f"demo decorations defined twice: {sorted(twice)}")
        out.update(table)
    return out


DECORATIONS: dict[str, Decoration] = _merged(optimization.DECORATE, training.DECORATE,
                                             regularization.DECORATE, search.DECORATE)
