"""Checks that a drawn figure's text fits: every title, axis label, legend and note lies inside
the figure, and no two of them overlap (used by the tests and by the figure-review script)."""
from __future__ import annotations

from itertools import combinations
from typing import Any

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox, BboxBase


def text_artists(figure: Figure) -> list[tuple[str, Artist]]:
    """(what, artist) for the figure's titles, axis labels, legends, colorbar labels and notes."""
    out: list[tuple[str, Artist]] = []
    if figure._suptitle is not None and figure._suptitle.get_text():  # type: ignore[attr-defined]
        out.append(("suptitle", figure._suptitle))  # type: ignore[attr-defined]
    for i, ax in enumerate(figure.axes):
        name = f"axes{i}"
        for what, artist in ((f"{name} title", ax.title), (f"{name} xlabel", ax.xaxis.label),
                             (f"{name} ylabel", ax.yaxis.label)):
            if artist.get_text() and artist.get_visible():
                out.append((what, artist))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            out.append((f"{name} legend", legend))
        for j, text in enumerate(ax.texts):
            if text.get_visible() and text.get_text() and _is_note(text):
                out.append((f"{name} note{j}", text))
    for k, legend in enumerate(figure.legends):
        out.append((f"figure legend{k}", legend))
    return out


def _is_note(text: Text) -> bool:
    return text.get_bbox_patch() is not None  # boxed notes; small point labels may touch


def _extent(artist: Artist, renderer: Any) -> Bbox:
    patch = artist.get_bbox_patch() if isinstance(artist, Text) else None
    if patch is not None:  # a boxed note: its box, not only its text
        return patch.get_window_extent(renderer)
    return artist.get_window_extent(renderer)


def layout_problems(figure: Figure, tolerance_px: float = 1.0) -> list[str]:
    """What does not fit, in words; [] when every text artist is inside and none overlap.
    Draws the figure first (the layout engine places artists at draw time)."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = figure.bbox
    items = [(what, _extent(artist, renderer)) for what, artist in text_artists(figure)]
    problems = []
    for what, ext in items:
        if (ext.x0 < box.x0 - tolerance_px or ext.y0 < box.y0 - tolerance_px
                or ext.x1 > box.x1 + tolerance_px or ext.y1 > box.y1 + tolerance_px):
            problems.append(f"{what} leaves the figure ({_fmt(ext)} vs {_fmt(box)})")
    for (a, ea), (b, eb) in combinations(items, 2):
        overlap = Bbox.intersection(ea, eb)
        if overlap is not None and overlap.width > tolerance_px and overlap.height > tolerance_px:
            problems.append(f"{a} overlaps {b} by {overlap.width:.0f}x{overlap.height:.0f} px")
    return problems


def _fmt(b: BboxBase) -> str:
    return f"[{b.x0:.0f},{b.y0:.0f} {b.x1:.0f},{b.y1:.0f}]"

