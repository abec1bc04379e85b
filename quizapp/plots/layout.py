"""Laying a demo figure out for the canvas it gets (no pyplot, no Qt).

The window gives a demo ~800x560 px at its default size and ~1230x780 px maximized; an export
is EXPORT_SIZE. `panel_grid` picks the rows and columns that give the smallest panel the most
room at that size (three panels side by side at 800 px would be ~180 px wide each), titles and
labels are wrapped to their panel's width, and legends and notes that would sit on the data go
under their panel's x axis, where constrained layout makes room for them.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.text import Annotation
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Bbox

LOGICAL_DPI = 100  # figure inches x this = the logical pixels the window gives the canvas
EXPORT_SIZE = (1200, 800)  # logical px of an exported PNG (saved at savefig.dpi)
# room the decorations of one panel take around its axes (tick labels, labels, title), px
_AROUND_W, _AROUND_H = 90, 95
_SUPTITLE_H = 40
BELOW_GAP_PT = 4.0  # between an x axis (or a legend under it) and what is placed below it


def panel_grid(n: int, width_px: float, height_px: float) -> tuple[int, int]:
    """Rows and columns for `n` panels on a `width_px` x `height_px` canvas: the grid whose
    smallest axes is largest (height weighs a little less: plots are wider than tall)."""
    if n <= 1:
        return 1, 1
    best: tuple[float, int, int] | None = None
    for cols in range(1, min(n, 4) + 1):
        rows = math.ceil(n / cols)
        w = width_px / cols - _AROUND_W
        h = (height_px - _SUPTITLE_H) / rows - _AROUND_H
        score = min(w, 1.5 * h) - 8 * (rows * cols - n)  # an empty cell is a small waste
        if best is None or score > best[0]:
            best = (score, rows, cols)
    assert best is not None
    return best[1], best[2]


def grid_cells(n: int, rows: int, cols: int) -> list[tuple[int, slice]]:
    """(row, column slice) of each panel, row by row; the last panel spans the columns left
    over in its row, so an odd panel out gets the full width instead of an empty cell beside it."""
    cells = []
    for i in range(n):
        r, c = divmod(i, cols)
        span = cols - c if i == n - 1 else 1
        cells.append((r, slice(c, c + span)))
    return cells


# ----------------------------------------------------------------------------- text


def text_width_px(text: str, fontsize_pt: float) -> float:
    """The drawn width of one line of `text` (mathtext included) in logical px."""
    return max((_line_width(line, round(fontsize_pt, 1)) for line in text.split("\n")), default=0.0)


@lru_cache(maxsize=8192)
def _line_width(line: str, fontsize_pt: float) -> float:
    prop = FontProperties(family=rcParams["font.family"], size=fontsize_pt)
    ismath = line.count("$") >= 2 and line.count("$") % 2 == 0
    try:
        width, _height, _descent = _TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=ismath)
    except ValueError:  # a formula mathtext cannot parse is drawn as plain text
        width, _height, _descent = _TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=False)
    return float(width) * LOGICAL_DPI / 72  # TextToPath measures in points


_TEXT_TO_PATH = TextToPath()


def wrap_text(text: str, width_px: float, fontsize_pt: float, max_lines: int = 3) -> str:
    """`text` broken into lines no wider than `width_px` at `fontsize_pt` (words kept whole,
    a $…$ formula kept whole; Chinese may break between any two characters)."""
    if not text or "\n" in text or text_width_px(text, fontsize_pt) <= width_px:
        return text
    words = _words(text)
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = line + word
        short = len(word.strip()) <= 2 and word.startswith(" ")  # "(m = 4)": keep "4)" with "="
        if line and not short and text_width_px(candidate.rstrip(), fontsize_pt) > width_px:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]
    return "\n".join(lines)


def _words(text: str) -> list[str]:
    """Breakable pieces: words with the space before them, single CJK characters, formulas."""
    out: list[str] = []
    current = ""
    in_math = False
    for ch in text:
        if ch == "$":
            in_math = not in_math
            current += ch
            continue
        if in_math:
            current += ch
            continue
        if ch == " ":
            if current:
                out.append(current)
            current = " "
        elif ch in _CLOSING and (current.strip() or out):
            if current.strip():  # a closing mark never starts a line: it stays with what it closes
                current += ch
            else:
                out[-1] += current + ch
                current = ""
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            if current and current[-1] in _OPENING:
                out.append(current + ch)
                current = ""
                continue
            if current.strip():
                out.append(current)
                current = ""
            if ch in _OPENING:  # an opening mark never ends a line: it waits for what it opens
                current += ch
                continue
            out.append(current + ch)
            current = ""
        else:
            current += ch
    if current:
        out.append(current)
    return out


_CLOSING = set("）】」』，。、：；！？)]},.:;!?")
_OPENING = set("（【「『")


def font_pt(key: str) -> float:
    """An rcParams font size in points (rcParams may hold 'medium' and the like)."""
    return float(FontProperties(size=rcParams[key]).get_size_in_points())  # type: ignore[index]


# ----------------------------------------------------------------------------- below the axes


def _below_axis_y(ax: Axes, renderer: Any) -> float:
    """Display y just under the axes' x axis: its tick labels and label (or the axes' bottom).
    The label sits under the tick labels and is cheap to measure (matplotlib places it before it
    measures or draws a legend); only an axis without a label has its tick labels measured."""
    bottom = ax.bbox.y0
    label = ax.xaxis.label
    if label.get_text() and label.get_visible() and ax.xaxis.get_label_position() == "bottom":
        return min(bottom, label.get_window_extent(renderer).y0)
    tight = ax.xaxis.get_tightbbox(renderer)
    if tight is not None and np.isfinite(tight.y0):
        bottom = min(bottom, tight.y0)
    return bottom


class LegendBelowAxes(Legend):
    """An axes legend anchored under the axes' x-axis label, wherever layout moves it: it covers
    no data, and constrained layout counts it as part of the axes, so nothing overlaps it."""

    def get_bbox_to_anchor(self) -> Bbox:  # noqa: D102 - matplotlib's hook, computed each time
        ax = self.axes
        renderer = ax.figure._get_renderer()  # type: ignore[union-attr]
        gap = BELOW_GAP_PT * ax.figure.dpi / 72
        y = _below_axis_y(ax, renderer) - gap
        return Bbox.from_extents(ax.bbox.x0, y, ax.bbox.x1, y)


def legend_right(ax: Axes, handles: list[Any], labels: list[str]) -> Legend:
    """The axes' legend beside its right edge (for square panels, which have width to spare)."""
    old = ax.get_legend()
    if old is not None:
        old.remove()
    return ax.legend(handles, labels, loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False,
                     borderaxespad=0.0)


def legend_columns(labels: list[str], width_px: float) -> int:
    """The most columns (entries filled row by row, as matplotlib does with ncols) whose widths
    add up to no more than `width_px`."""
    size = font_pt("legend.fontsize")
    em = size * LOGICAL_DPI / 72
    # + handle (2 em), its pad (0.8 em) and the spacing between columns (2 em)
    widths = [text_width_px(label, size) + 4.8 * em for label in labels]
    for ncols in range(len(labels), 1, -1):
        rows = math.ceil(len(labels) / ncols)
        # matplotlib fills a legend column by column: entry i goes to column i // rows
        columns = [max(widths[c * rows:(c + 1) * rows], default=0) for c in range(ncols)]
        if sum(columns) <= width_px:
            return ncols
    return 1


def legend_below(ax: Axes, handles: list[Any], labels: list[str], width_px: float) -> Legend:
    """Replace the axes' legend by a LegendBelowAxes with as many columns as fit `width_px`."""
    old = ax.get_legend()
    title = old.get_title().get_text() if old is not None else ""
    if old is not None:
        old.remove()
    ncols = legend_columns(labels, width_px)
    legend = LegendBelowAxes(ax, handles, labels, loc="upper center", ncols=ncols, frameon=False,
                             title=title or None, borderaxespad=0.0)
    ax.legend_ = legend
    legend._remove_method = ax._remove_legend  # type: ignore[attr-defined]
    return legend


def below_anchor(ax: Axes) -> Callable[[Any], Bbox]:
    """A callable for Annotation's xycoords: the box of everything under the axes so far (the
    x axis, a legend placed below, the notes before this one), so a note goes under all of it."""
    earlier = list(ax.__dict__.get("_quizapp_notes", []))

    def anchor(renderer: Any) -> Bbox:
        y = _below_axis_y(ax, renderer)
        legend = ax.get_legend()
        if isinstance(legend, LegendBelowAxes) and legend.get_visible():
            y = min(y, legend.get_window_extent(renderer).y0)
        for note in earlier:
            if note.get_visible() and note.get_text():
                y = min(y, note.get_window_extent(renderer).y0)
        return Bbox.from_extents(ax.bbox.x0, y, ax.bbox.x1, y)
    return anchor


def note_below(ax: Axes, text: str, fontsize: float = 8.0) -> Annotation:
    """A note under the axes (under its legend and earlier notes), in the legend's colours."""
    face, edge = rcParams["legend.facecolor"], rcParams["legend.edgecolor"]
    face = rcParams["axes.facecolor"] if face == "inherit" else face
    edge = rcParams["axes.edgecolor"] if edge == "inherit" else edge
    note = ax.annotate(text, xy=(0.5, 0.0), xycoords=below_anchor(ax), xytext=(0, -BELOW_GAP_PT - 2),
                       textcoords="offset points", ha="center", va="top", fontsize=fontsize,
                       annotation_clip=False, zorder=6,
                       bbox={"boxstyle": "round,pad=0.3", "fc": face, "ec": edge, "alpha": 0.95})
    ax.__dict__.setdefault("_quizapp_notes", []).append(note)
    return note
