"""Drawing demo results onto a matplotlib Figure (no pyplot, no Qt).

`DemoFigure.draw` lays out the result's panels and draws every series; `DemoFigure.update`
moves the existing artists to a new frame's data in place and returns them, so a Qt canvas
can blit only what moved (static layers — surfaces, heatmaps, reference lines — stay put).
The CLI and the Qt window both use this module, so a PNG and the window look the same.
"""
from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.engine.spec import DemoSpec
from quizapp.plots.style import apply_style, color

DemoData = Frame | DemoResult
# Per-demo decorations drawn after the generic pass: module quizapp.plots.decorations.<name>
# defines DECORATE: dict[demo_id, Callable[[DemoFigure, DemoData], None]].
_DECORATION_MODULES = ("optimization", "training", "regularization", "search")
_MOVING_KINDS = ("line", "path", "scatter", "step")


def _decorations() -> dict[str, Callable[["DemoFigure", DemoData], None]]:
    out: dict[str, Callable[[DemoFigure, DemoData], None]] = {}
    for name in _DECORATION_MODULES:
        try:
            module = importlib.import_module(f"quizapp.plots.decorations.{name}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(name):
                continue
            raise
        out.update(module.DECORATE)
    return out


def _grid(n: int) -> tuple[int, int]:
    if n <= 3:
        return 1, max(n, 1)
    if n == 4:
        return 2, 2
    return math.ceil(n / 3), 3


class DemoFigure:
    def __init__(self, figure: Figure | None = None, spec: DemoSpec | None = None, lang: str = "en") -> None:
        apply_style()
        self._owns_figure = figure is None  # only a figure we made gets sized to its panels
        self.figure = figure if figure is not None else Figure(layout="constrained")
        self.spec = spec
        self.lang = lang
        self.axes: dict[str, Axes] = {}
        self.artists: dict[str, Artist] = {}
        self._signature: tuple[Any, ...] | None = None

    # ----- helpers for decorations ---------------------------------------------------------
    def label(self, en: str, zh: str | None) -> str:
        return zh if (self.lang == "zh" and zh) else en

    def series_label(self, s: Series) -> str | None:
        if s.name.startswith("_"):
            return None
        return self.label(s.name, s.style.get("label_zh"))

    # ----- drawing --------------------------------------------------------------------------
    @staticmethod
    def _signature_of(data: DemoData) -> tuple[Any, ...]:
        return (tuple(p.id for p in data.panels), tuple((s.name, s.kind, s.panel) for s in data.series))

    def draw(self, data: DemoData) -> None:
        fig = self.figure
        fig.clear()
        self.axes.clear()
        self.artists.clear()
        panels = data.panels or [Panel("main", "", "")]
        rows, cols = _grid(len(panels))
        if self._owns_figure:
            fig.set_size_inches(min(4.6 * cols, 14), 3.8 * rows + 0.5)
        for i, panel in enumerate(panels):
            ax = fig.add_subplot(rows, cols, i + 1)
            self.axes[panel.id] = ax
            self._setup_axes(ax, panel)
        default_panel = panels[0].id
        color_index: dict[str, int] = {}
        for s in data.series:
            ax = self.axes.get(s.panel or default_panel, self.axes[default_panel])
            idx = color_index.setdefault(s.panel or default_panel, 0)
            if self._draw_series(ax, s, idx):
                color_index[s.panel or default_panel] = idx + 1
        for panel in panels:
            ax = self.axes[panel.id]
            if panel.xlim:
                ax.set_xlim(*panel.xlim)
            if panel.ylim:
                ax.set_ylim(*panel.ylim)
            handles, labels = ax.get_legend_handles_labels()
            if labels:
                ax.legend(loc="best")
        if self.spec is not None:
            fig.suptitle(self.spec.title(self.lang), fontsize=13, fontweight="bold")
        hook = _decorations().get(self.spec.id) if self.spec is not None else None
        if hook is not None:
            hook(self, data)
        self._signature = self._signature_of(data)

    def _setup_axes(self, ax: Axes, panel: Panel) -> None:
        ax.set_title(self.label(panel.title_en, panel.title_zh))
        ax.set_xlabel(self.label(panel.xlabel, panel.xlabel_zh))
        ax.set_ylabel(self.label(panel.ylabel, panel.ylabel_zh))
        ax.set_xscale(panel.xscale)
        ax.set_yscale(panel.yscale)
        if panel.equal_aspect:
            ax.set_aspect("equal", adjustable="box")
        ax.__dict__["_quizapp_panel"] = panel

    def _draw_series(self, ax: Axes, s: Series, idx: int) -> bool:
        """Draw one series; return True if it used a palette colour."""
        st = s.style
        label = self.series_label(s)
        c = st.get("color", color(idx))
        if s.kind in ("line", "step", "path"):
            (artist,) = ax.plot(s.x, s.y, label=label, color=c, lw=st.get("lw", 1.8),
                                ls=st.get("ls", "-"), marker=st.get("marker", ""),
                                ms=st.get("ms", 4), alpha=st.get("alpha", 1.0),
                                drawstyle="steps-post" if s.kind == "step" else "default", zorder=3)
            self.artists[s.name] = artist
            if s.kind == "path" and s.x:
                ax.plot(s.x[:1], s.y[:1], "o", color=c, ms=6, zorder=4)
            return "color" not in st
        if s.kind == "scatter":
            self.artists[s.name] = ax.scatter(s.x, s.y, label=label, color=c, s=st.get("size", 16),
                                              alpha=st.get("alpha", 0.8), marker=st.get("marker", "o"),
                                              zorder=3)
            return "color" not in st
        if s.kind == "bar":
            self.artists[s.name] = ax.bar(s.x, s.y, label=label, color=c, alpha=st.get("alpha", 0.85),
                                          width=st.get("width", 0.8))
            return "color" not in st
        if s.kind == "hist":
            self.artists[s.name] = ax.stairs(s.y, s.x, label=label, color=c, fill=st.get("fill", True),
                                             alpha=st.get("alpha", 0.5))
            return "color" not in st
        if s.kind in ("hline", "vline"):
            line = ax.axhline if s.kind == "hline" else ax.axvline
            value = s.y[0] if s.kind == "hline" else s.x[0]
            self.artists[s.name] = line(value, color=st.get("color", "0.35"), ls=st.get("ls", "--"),
                                        lw=st.get("lw", 1.2), label=label, zorder=2)
            return False
        if s.kind in ("heatmap", "contour"):
            assert s.z is not None
            norm = LogNorm() if st.get("log") else None
            if s.kind == "heatmap":
                mesh = ax.pcolormesh(s.x, s.y, s.z, shading="auto", cmap=st.get("cmap", "viridis"),
                                     norm=norm, zorder=1)
                if st.get("colorbar", True):
                    panel: Panel | None = ax.__dict__.get("_quizapp_panel")
                    cb = self.figure.colorbar(mesh, ax=ax)
                    if panel and panel.colorbar_label:
                        cb.set_label(self.label(panel.colorbar_label, panel.colorbar_label_zh))
            else:
                mesh = ax.contourf(s.x, s.y, s.z, levels=st.get("levels", 30), cmap=st.get("cmap", "Greys"),
                                   norm=norm, alpha=st.get("alpha", 0.55), zorder=1)
                ax.contour(s.x, s.y, s.z, levels=st.get("levels", 30), colors="0.4", linewidths=0.4,
                           norm=norm, alpha=0.6, zorder=1)
            self.artists[s.name] = mesh
            return False
        raise ValueError(f"unknown series kind {s.kind!r}")

    def update(self, data: DemoData) -> list[Artist] | None:
        """Move the existing artists to `data`; return them for blitting, or None when the
        figure's structure changed and a full `draw` is needed."""
        if self._signature != self._signature_of(data):
            return None
        changed: list[Artist] = []
        for s in data.series:
            if s.kind not in _MOVING_KINDS:
                continue
            artist = self.artists.get(s.name)
            if artist is None:
                return None
            if s.kind == "scatter":
                artist.set_offsets(list(zip(s.x, s.y)) or [[math.nan, math.nan]])  # type: ignore[attr-defined]
            else:
                artist.set_data(s.x, s.y)  # type: ignore[attr-defined]
            changed.append(artist)
        return changed


def build_demo_figure(data: DemoData, spec: DemoSpec | None = None, lang: str = "en") -> Figure:
    demo_figure = DemoFigure(spec=spec, lang=lang)
    demo_figure.draw(data)
    return demo_figure.figure


def save_demo_png(result: DemoResult, path: str | Path, spec: DemoSpec | None = None, lang: str = "en") -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = build_demo_figure(result, spec, lang)
    FigureCanvasAgg(fig)
    out = Path(path)
    fig.savefig(out)
    return out
