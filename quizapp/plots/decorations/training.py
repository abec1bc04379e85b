"""Decorations for the training demos (schedules, initialization, normalization)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoData, DemoFigure


def _lr_legend_below(fig: "DemoFigure", data: "DemoData") -> None:
    fig.legend_outside("lr")


def _bn_train_eval(fig: "DemoFigure", data: "DemoData") -> None:
    fig.legend_outside("var")


def _batch_axes(fig: "DemoFigure", data: "DemoData") -> None:
    """Batch sizes are powers of two: label them as such."""
    for ax in fig.axes.values():
        if ax.get_xscale() == "log":
            ax.set_xscale("log", base=2)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
            ax.xaxis.set_minor_formatter(NullFormatter())


def _rnn_sparse_steps(fig: "DemoFigure", data: "DemoData") -> None:
    """Shade the time steps whose statistics rest on fewer samples than the threshold."""
    counts = next((s for s in data.series if s.panel == "count" and s.kind == "bar"), None)
    limit = next((s for s in data.series if s.name == "too few below"), None)
    if counts is None or limit is None or not limit.y:
        return
    sparse = [t for t, n in zip(counts.x, counts.y) if n < limit.y[0]]
    if not sparse:
        return
    label = fig.label("too few samples", "样本过少")
    for i, ax in enumerate(fig.axes.values()):
        ax.axvspan(sparse[0] - 0.5, max(counts.x) + 0.5, color="#D55E00", alpha=0.08, zorder=0,
                   label=label if i == 0 else None)
    first = next(iter(fig.axes))
    fig.legend_outside(first)


def _integer_layers(fig: "DemoFigure", data: "DemoData") -> None:
    for panel in ("std", "grad"):
        if panel in fig.axes:
            fig.axes[panel].xaxis.set_major_locator(MaxNLocator(integer=True))


DECORATE: dict[str, Callable[["DemoFigure", Any], None]] = {
    "lr-schedules": _lr_legend_below,
    "lr-cyclic": _lr_legend_below,
    "init-signal-propagation": _integer_layers,
    "batchnorm-train-eval": _bn_train_eval,
    "bn-vs-ln": _batch_axes,
    "batchnorm-rnn": _rnn_sparse_steps,
}
