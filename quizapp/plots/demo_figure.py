"""Drawing demo results onto a matplotlib Figure (no pyplot, no Qt).

`DemoFigure.draw` lays out the result's panels and draws every series; `DemoFigure.update`
moves the existing artists to a new frame's data in place and returns them, so a Qt canvas
can blit only what moved (static layers — surfaces, heatmaps, reference lines — stay put).
A series is known by its `name`; what its legend entry says is its display label
(style "label", or "label_zh" in Chinese; the name when there is none), so a label that
changes with a parameter (say "Adam (lr=0.1)") only rewrites the legend text in place.
The CLI and the Qt window both use this module, so a PNG and the window look the same.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, QuadMesh
from matplotlib.colors import LogNorm
from matplotlib.container import BarContainer
from matplotlib.contour import QuadContourSet
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text

from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.engine.spec import DemoSpec
from quizapp.plots.decorations import DECORATIONS
from quizapp.plots.layout import (EXPORT_SIZE, LOGICAL_DPI, font_pt, grid_cells, legend_below, legend_right,
                                  note_below, panel_grid, text_width_px, wrap_text)
from quizapp.plots.mathtext import math_label
from quizapp.plots.style import apply_style, color, readable_color

DemoData = Frame | DemoResult


class DemoFigure:
    def __init__(self, figure: Figure | None = None, spec: DemoSpec | None = None, lang: str = "en") -> None:
        apply_style()
        self._owns_figure = figure is None  # only a figure we made gets sized to its panels
        self.figure = figure if figure is not None else Figure(layout="constrained")
        self.spec = spec
        self.lang = lang
        self.axes: dict[str, Axes] = {}
        # what each series drew: a Line2D (line, step, path), PathCollection (scatter), ...; a bar
        # series draws a BarContainer, a group of patches that is not itself an Artist
        self.artists: dict[str, Artist | BarContainer] = {}
        self.markers: dict[str, Line2D] = {}  # start marker of each "path" series, moved with it
        self._signature: tuple[Any, ...] | None = None
        self._labels: dict[str, str | None] = {}  # series name -> label drawn
        self._legend_texts: dict[str, list[tuple[Legend, Text]]] = {}  # series name -> its legend entries
        self.panel_px: dict[str, tuple[float, float]] = {}  # panel id -> room for its axes (w, h), px

    # ----- helpers for decorations ---------------------------------------------------------
    def label(self, en: str, zh: str | None) -> str:
        return zh if (self.lang == "zh" and zh) else en

    def series_label(self, s: Series) -> str | None:
        if s.name.startswith("_"):
            return None
        return math_label(self.label(s.style.get("label") or s.name, s.style.get("label_zh")))

    def legend_outside(self, panel: str) -> Legend | None:
        """Move a panel's legend off its data: beside a square (equal-aspect) panel, which has
        width to spare, else under the x axis."""
        ax = self.axes.get(panel)
        if ax is None:
            return None
        handles, labels = ax.get_legend_handles_labels()
        if not labels:
            return None
        spec: Panel | None = ax.__dict__.get("_quizapp_panel")
        if spec is not None and spec.equal_aspect and not ax.__dict__.get("_quizapp_colorbar"):
            return legend_right(ax, handles, labels)
        return legend_below(ax, handles, labels, self.panel_px.get(panel, (400.0, 300.0))[0])

    def legend_under_figure(self, panel: str, ncols: int = 4) -> Legend | None:
        """Move a panel's legend under the whole figure. Its size never changes the panels'
        layout, so a label that changes with a parameter (optimizer-race's learning rates) can
        be rewritten in place and blitted (figure_renderer.py)."""
        ax = self.axes.get(panel)
        legend = ax.get_legend() if ax is not None else None
        if ax is None or legend is None:
            return None
        handles, labels = ax.get_legend_handles_labels()
        legend.remove()
        return self.figure.legend(handles, labels, loc="outside lower center", ncols=min(ncols, len(labels)))

    def note(self, panel: str, en: str, zh: str | None = None) -> None:
        """A short boxed note with the run's numbers, under the panel (never on its data)."""
        ax = self.axes.get(panel)
        if ax is not None:
            note_below(ax, math_label(self.label(en, zh)))

    def legends(self) -> list[Legend]:
        """Every legend drawn: the panels' and the figure's (decorations may move them)."""
        out = [leg for ax in self.axes.values() if (leg := ax.get_legend()) is not None]
        return out + list(self.figure.legends)

    def moving_artists(self, data: DemoData) -> list[Artist]:
        """The artists `update` moves for `data`: moving series and the start markers of paths."""
        out: list[Artist] = []
        for s in data.series:
            artist = self.artists.get(s.name)
            if s.moves and isinstance(artist, Artist):  # (a moving series is never a bar)
                out.append(artist)
                if s.name in self.markers:
                    out.append(self.markers[s.name])
        return out

    # ----- drawing --------------------------------------------------------------------------
    @staticmethod
    def _signature_of(data: DemoData) -> tuple[Any, ...]:
        return (tuple(p.id for p in data.panels), tuple((s.name, s.kind, s.panel) for s in data.series))

    def draw(self, data: DemoData) -> None:
        fig = self.figure
        fig.clear()
        self.axes.clear()
        self.artists.clear()
        self.markers.clear()
        panels = data.panels or [Panel("main", "", "")]
        if self._owns_figure:
            fig.set_size_inches(EXPORT_SIZE[0] / LOGICAL_DPI, EXPORT_SIZE[1] / LOGICAL_DPI)
        width_px, height_px = (float(v) * LOGICAL_DPI for v in fig.get_size_inches())
        rows, cols = panel_grid(len(panels), width_px, height_px)
        grid = fig.add_gridspec(rows, cols)
        for panel, (row, columns) in zip(panels, grid_cells(len(panels), rows, cols)):
            ax = fig.add_subplot(grid[row, columns])
            span = columns.stop - columns.start
            self.panel_px[panel.id] = (width_px * span / cols - 90, (height_px - 40) / rows - 95)
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
                # a map, a surface or a cloud of points fills the axes: "best" finds no empty corner
                covered = any((s.panel or default_panel) == panel.id
                              and (s.kind in ("heatmap", "contour") or (s.kind == "scatter" and len(s.x) > 100))
                              for s in data.series)
                self._place_legend(panel.id, ax, labels, inside_ok=not (covered or panel.equal_aspect))
        if self.spec is not None:
            fig.suptitle(wrap_text(self.spec.title(self.lang), width_px - 20, 13), fontsize=13, fontweight="bold")
        hook = DECORATIONS.get(self.spec.id) if self.spec is not None else None
        if hook is not None:
            hook(self, data)
        self._signature = self._signature_of(data)
        self._index_legends(data)

    def _index_legends(self, data: DemoData) -> None:
        """Remember each series' label and the legend texts showing it; a label shared by two
        series or shown nowhere in a legend is left out (changing it needs a full draw)."""
        self._labels = {s.name: self.series_label(s) for s in data.series}
        owners = Counter(label for label in self._labels.values() if label)
        texts: dict[str, list[tuple[Legend, Text]]] = {}
        for legend in self.legends():
            for text in legend.get_texts():
                texts.setdefault(text.get_text(), []).append((legend, text))
        self._legend_texts = {name: texts[label] for name, label in self._labels.items()
                              if label and owners[label] == 1 and label in texts}

    def _place_legend(self, panel: str, ax: Axes, labels: list[str], inside_ok: bool = True) -> None:
        """Inside the axes ("best") when the legend is small against the axes and the panel has
        empty room (not a map or a surface, which fill it); else outside (legend_outside)."""
        width, height = self.panel_px[panel]
        size = font_pt("legend.fontsize")
        legend_w = max(text_width_px(label, size) for label in labels) + 40
        legend_h = len(labels) * size * 1.45 * LOGICAL_DPI / 72 + 12
        if inside_ok and legend_w * legend_h <= 0.10 * width * height and legend_h <= 0.35 * height:
            ax.legend(loc="best")
        else:
            self.legend_outside(panel)

    def _setup_axes(self, ax: Axes, panel: Panel) -> None:
        width, height = self.panel_px.get(panel.id, (400.0, 300.0))
        # the estimate of the axes' size is rough (colorbars, legends beside, aspect): keep a margin;
        # a y label longer than its axes would run into the title above, so it wraps early
        ax.set_title(wrap_text(math_label(self.label(panel.title_en, panel.title_zh)), 0.9 * width,
                               font_pt("axes.titlesize")))
        ax.set_xlabel(wrap_text(math_label(self.label(panel.xlabel, panel.xlabel_zh)), 0.9 * width,
                                font_pt("axes.labelsize")))
        ax.set_ylabel(wrap_text(math_label(self.label(panel.ylabel, panel.ylabel_zh)), 0.6 * height,
                                font_pt("axes.labelsize"), max_lines=2))
        ax.set_xscale(panel.xscale)
        ax.set_yscale(panel.yscale)
        if panel.equal_aspect:
            ax.set_aspect("equal", adjustable="box")
        ax.__dict__["_quizapp_panel"] = panel

    def _draw_series(self, ax: Axes, s: Series, idx: int) -> bool:
        """Draw one series; return True if it used a palette colour."""
        st = s.style
        label = self.series_label(s)
        c = readable_color(st.get("color", color(idx)))
        if s.kind in ("line", "step", "path"):
            (artist,) = ax.plot(s.x, s.y, label=label, color=c, lw=st.get("lw", 1.8),
                                ls=st.get("ls", "-"), marker=st.get("marker", ""),
                                ms=st.get("ms", 4), alpha=st.get("alpha", 1.0),
                                drawstyle="steps-post" if s.kind == "step" else "default", zorder=3)
            self.artists[s.name] = artist
            if s.kind == "path":
                (self.markers[s.name],) = ax.plot(s.x[:1], s.y[:1], "o", color=c, ms=6, zorder=4)
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
            self.artists[s.name] = line(value, color=readable_color(st.get("color", "0.35")), ls=st.get("ls", "--"),
                                        lw=st.get("lw", 1.2), label=label, zorder=2)
            return False
        if s.kind in ("heatmap", "contour"):
            assert s.z is not None
            mesh: QuadMesh | QuadContourSet
            norm = LogNorm() if st.get("log") else None
            if s.kind == "heatmap":
                mesh = ax.pcolormesh(s.x, s.y, s.z, shading="auto", cmap=st.get("cmap", "viridis"),
                                     norm=norm, zorder=1)
                if st.get("colorbar", True):
                    panel: Panel | None = ax.__dict__.get("_quizapp_panel")
                    cb = self.figure.colorbar(mesh, ax=ax)
                    ax.__dict__["_quizapp_colorbar"] = cb  # a legend beside it would part them
                    if panel and panel.colorbar_label:
                        cb.set_label(math_label(self.label(panel.colorbar_label, panel.colorbar_label_zh)))
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
        figure's structure changed and a full `draw` is needed. A series whose label changed
        has its legend text rewritten in place; the legends rewritten are returned too."""
        if self._signature != self._signature_of(data):
            return None
        relabel: list[tuple[str, str]] = []
        for s in data.series:
            label = self.series_label(s)
            if label != self._labels.get(s.name):
                if label is None or s.name not in self._legend_texts:
                    return None  # an entry appears or goes, or the old label is not a legend text
                relabel.append((s.name, label))
        changed: list[Artist] = []
        legends: list[Legend] = []
        for name, label in relabel:
            for legend, text in self._legend_texts[name]:
                text.set_text(label)
                if legend not in legends:
                    legends.append(legend)
            if name in self.artists:
                self.artists[name].set_label(label)
            self._labels[name] = label
        for s in data.series:
            if not s.moves:
                continue
            artist = self.artists.get(s.name)
            if artist is None:
                return None
            if s.kind == "scatter":
                assert isinstance(artist, PathCollection)  # what _draw_series draws for a scatter
                artist.set_offsets(list(zip(s.x, s.y)) or [(math.nan, math.nan)])
            else:
                assert isinstance(artist, Line2D)  # line, step, path
                artist.set_data(s.x, s.y)
            changed.append(artist)
            marker = self.markers.get(s.name)
            if marker is not None:
                marker.set_data(s.x[:1], s.y[:1])
                changed.append(marker)
        return changed + legends


def build_demo_figure(data: DemoData, spec: DemoSpec | None = None, lang: str = "en") -> Figure:
    """The figure at the export size (EXPORT_SIZE), laid out for it."""
    demo_figure = DemoFigure(spec=spec, lang=lang)
    demo_figure.draw(data)
    return demo_figure.figure


def save_demo_png(result: DemoResult, path: str | Path, spec: DemoSpec | None = None, lang: str = "en",
                  format: str | None = None) -> Path:
    """`format` overrides the suffix of `path` (a temporary name may have none)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = build_demo_figure(result, spec, lang)
    FigureCanvasAgg(fig)
    out = Path(path)
    fig.savefig(out, format=format)
    return out
