"""What a demo hands back: plain numbers only (no tensors leave the engine).

A demo's run function yields `Frame`s while it computes (training-style demos) and yields a
`DemoResult` as its last item. Both carry `Series` grouped into `Panel`s, which the plot
builders in `quizapp.plots` draw.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypedDict

SeriesKind = Literal["line", "scatter", "step", "bar", "hist", "heatmap", "contour", "path", "hline", "vline"]

# THE definition of "which series move": kinds whose x/y are a sequence of points that a later
# frame may extend or change. A figure redraws these in place from each frame (plots'
# DemoFigure.update / moving_artists), and the runner cuts them at their first non-finite point.
# Every other kind is a static layer (surfaces, heatmaps, reference lines, bars, histograms):
# drawn once, and a frame that changes one needs a full redraw.
MOVING_KINDS: Final[frozenset[SeriesKind]] = frozenset({"line", "path", "scatter", "step"})

LineStyle = Literal["-", "--", ":", "-.", "none", ""]


class SeriesStyle(TypedDict, total=False):
    """Drawing hints a series may carry; the plots layer applies them, the engine never draws.
    Every key is optional (the plot picks a palette colour, solid line, ... when absent)."""

    color: str  # a matplotlib colour: "#0072B2", "black", "0.35"
    ls: LineStyle
    lw: float
    marker: str  # a matplotlib marker: "o", "s", "*", "X", ""
    ms: float  # marker size of line-like kinds
    size: float  # point area of scatter
    alpha: float
    width: float  # bar width
    fill: bool  # hist: filled stairs
    cmap: str  # heatmap / contour colour map
    levels: int | list[float]  # contour levels
    log: bool  # heatmap / contour: logarithmic colour scale
    colorbar: bool  # heatmap: draw a colour bar (default True)
    formula: str  # contour: the surface's formula in mathtext, shown by the figure
    label: str  # the legend text in English when it differs from the name (the name stays the key)
    label_zh: str  # the legend text in Chinese


@dataclass
class Series:
    """Named data on one panel.

    line/scatter/step/bar/path: `x`, `y` of equal length. hist: bin `x` edges (len n+1) and
    counts `y` (len n). heatmap/contour: `x` (columns), `y` (rows), `z[row][col]`.
    hline/vline: a reference value in `y[0]` / `x[0]`.
    `style` holds optional drawing hints (SeriesStyle: color, ls, marker, alpha, label_zh, levels, ...).
    """

    name: str
    # read-only sequences of plain numbers (lists in practice): an integer axis (steps, epochs,
    # batch sizes) is passed as it is, a list[int] being a Sequence[float] but not a list[float]
    x: Sequence[float]
    y: Sequence[float]
    panel: str | None = None
    kind: SeriesKind = "line"
    z: list[list[float]] | None = None
    style: SeriesStyle = field(default_factory=lambda: SeriesStyle())

    @property
    def moves(self) -> bool:
        """Whether a frame may move this series (see MOVING_KINDS)."""
        return self.kind in MOVING_KINDS

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "x": self.x, "y": self.y}
        if self.panel is not None:
            d["panel"] = self.panel
        if self.kind != "line":
            d["kind"] = self.kind
        if self.z is not None:
            # blank (non-finite) cells as None: JSON has no NaN, and the CLI prints strict JSON
            d["z"] = [[v if v is not None and math.isfinite(v) else None for v in row] for row in self.z]
        return d


@dataclass(frozen=True)
class Panel:
    """One set of axes of the demo figure, with its labels in both languages."""

    id: str
    title_en: str
    title_zh: str
    xlabel: str = ""
    ylabel: str = ""
    xlabel_zh: str | None = None
    ylabel_zh: str | None = None
    xscale: str = "linear"
    yscale: str = "linear"
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None
    equal_aspect: bool = False
    colorbar_label: str = ""
    colorbar_label_zh: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title_en": self.title_en, "title_zh": self.title_zh,
                "xlabel": self.xlabel, "ylabel": self.ylabel,
                "xscale": self.xscale, "yscale": self.yscale}


@dataclass
class Frame:
    """A snapshot while a demo runs: the series so far and how far along it is (0..1)."""

    progress: float
    series: list[Series]
    panels: list[Panel]
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass
class DemoResult:
    demo: str
    params: dict[str, Any]
    device: str
    series: list[Series]
    panels: list[Panel]
    metrics: dict[str, Any] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)  # notes for the user, e.g. "batch of 1 ..."

    def to_dict(self) -> dict[str, Any]:
        return {
            "demo": self.demo, "params": self.params, "device": self.device,
            "series": [s.to_dict() for s in self.series],
            "metrics": self.metrics,
            "panels": [p.to_dict() for p in self.panels],
            "messages": self.messages,
        }

    def series_named(self, name: str) -> Series:
        for s in self.series:
            if s.name == name:
                return s
        raise KeyError(name)


def finite_prefix(values: Sequence[float]) -> tuple[list[float], bool]:
    """The values up to (not including) the first NaN/inf, and whether one was found."""
    out: list[float] = []
    for v in values:
        f = float(v)
        if not math.isfinite(f):
            return out, True
        out.append(f)
    return out, False


def to_floats(values: Any) -> list[float]:
    """A tensor / array / sequence as a list of Python floats (tensors moved to the CPU)."""
    if hasattr(values, "detach"):
        values = values.detach().cpu().tolist()
    elif hasattr(values, "tolist"):
        values = values.tolist()
    return [float(v) for v in values]
