"""What a demo hands back: plain numbers only (no tensors leave the engine).

A demo's run function yields `Frame`s while it computes (training-style demos) and yields a
`DemoResult` as its last item. Both carry `Series` grouped into `Panel`s, which the plot
builders in `quizapp.plots` draw.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

SeriesKind = Literal["line", "scatter", "step", "bar", "hist", "heatmap", "contour", "path", "hline", "vline"]


@dataclass
class Series:
    """Named data on one panel.

    line/scatter/step/bar/path: `x`, `y` of equal length. hist: bin `x` edges (len n+1) and
    counts `y` (len n). heatmap/contour: `x` (columns), `y` (rows), `z[row][col]`.
    hline/vline: a reference value in `y[0]` / `x[0]`.
    `style` holds optional drawing hints (color, linestyle, marker, alpha, label_zh, levels, ...).
    """

    name: str
    x: list[float]
    y: list[float]
    panel: str | None = None
    kind: SeriesKind = "line"
    z: list[list[float]] | None = None
    style: dict[str, Any] = field(default_factory=dict)

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
