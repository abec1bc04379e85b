"""Off-screen drawing of a demo figure with blitting (matplotlib Agg; no Qt here).

The demo panel calls `render` on a worker thread, never on the GUI thread: a full matplotlib
draw of a multi-panel figure takes a few hundred ms on a slow machine. Most frames take the
fast path (matplotlib's blitting recipe, docs/architecture.md § One slider value): the moving artists are `animated`, a
full draw caches the background without them, and each new frame only restores that
background, moves the artists with `DemoFigure.update` and draws them again. Legends are
kept out of a second, bare background: a parameter that changes only legend labels
(optimizer-race's learning rates) restores the bare background, draws the legends with their
new text and caches that as the background — still a blit, and no stale legend text remains.

A full draw happens when the figure's structure or its static layers change, when the size or
theme changes, or when moving data leaves the axes; streaming frames get head-room on axes
without fixed limits so that a growing curve needs only a few full draws per run.
"""
from __future__ import annotations

import threading
import time
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from quizapp.engine.result import Frame
from quizapp.engine.spec import DemoSpec
from quizapp.plots.demo_figure import DemoData, DemoFigure
from quizapp.plots.style import FIGURE_THEMES, font_rc

HEADROOM = 0.6  # a streamed axis that overflows grows by this share of its span


@dataclass(frozen=True)
class RenderedFrame:
    """One rendered image: RGBA8888 bytes of `width` x `height` device pixels."""

    rgba: bytes
    width: int
    height: int
    dpr: float
    full: bool  # a full draw (False: blitted)
    seconds: float
    data: DemoData


class FigureRenderer:
    """One demo's figure, drawn off-screen. Thread-safe: calls are serialized by a lock."""

    def __init__(self, spec: DemoSpec | None, lang: str = "en", theme: str = "light",
                 size: tuple[int, int] = (900, 600), dpr: float = 1.0) -> None:
        self._lock = threading.RLock()
        self.spec = spec
        self.lang = lang
        self.theme = theme if theme in FIGURE_THEMES else "light"
        self._size = size
        self._dpr = dpr
        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.demo_figure = DemoFigure(self.figure, spec, lang)
        self._background: Any = None  # the figure without the moving artists
        self._bare_background: Any = None  # ... and without the legends
        self._moving: list[Artist] = []
        self._legends: list[Legend] = []
        self._static_key: Any = None
        self._dirty = True  # the next render must be a full draw
        self._headroom = False  # the axes were widened for streaming: redraw tight at the end
        self._x_extent: dict[int, float] = {}  # per axes: largest moving x at the last full draw
        self._wanted_size = (size, dpr)
        self._wanted_theme = self.theme
        self.last: DemoData | None = None
        self.full_draws = 0
        self.blits = 0
        self._apply_size()

    # ----- settings (any thread; never waits for a draw in progress) --------------------------
    def set_size(self, width: int, height: int, dpr: float) -> None:
        """Takes effect at the next render; the GUI thread must not wait for the lock."""
        self._wanted_size = ((max(200, width), max(150, height)), dpr)

    def set_theme(self, theme: str) -> None:
        if theme in FIGURE_THEMES:
            self._wanted_theme = theme

    def _apply_wanted(self) -> None:  # under the lock
        size, dpr = self._wanted_size
        if size != self._size or dpr != self._dpr:
            self._size, self._dpr = size, dpr
            self._apply_size()
            self._dirty = True
        if self._wanted_theme != self.theme:
            self.theme = self._wanted_theme
            self._dirty = True

    def set_spec(self, spec: DemoSpec | None, lang: str) -> None:
        with self._lock:
            self.spec, self.lang = spec, lang
            self.demo_figure = DemoFigure(self.figure, spec, lang)
            self.last = None
            self._dirty = True

    def _apply_size(self) -> None:
        dpi = 100 * self._dpr
        self.figure.set_dpi(dpi)
        self.figure.set_size_inches(self._size[0] / 100, self._size[1] / 100)

    # ----- drawing ------------------------------------------------------------------------
    @contextmanager
    def _themed(self) -> Iterator[None]:
        # the fonts too: rcParams are global, and another thread's rc_context (the statistics
        # charts) may restore them to what they were before apply_style, without the CJK font
        with rc_context({**font_rc(), **FIGURE_THEMES[self.theme]}):
            yield

    def render(self, data: DemoData) -> RenderedFrame:
        with self._lock:
            start = time.perf_counter()
            self._apply_wanted()
            full = (self._dirty or self._static_key != _static_key(data)
                    or (self._headroom and not isinstance(data, Frame)))
            changed = None
            if not full:
                changed = self.demo_figure.update(data)
                full = changed is None or self._overflows(data)
            if full:
                self._full_draw(data)
            else:
                self._blit(relabelled=any(isinstance(a, Legend) for a in changed or ()))
            self.last = data
            return self._image(full, time.perf_counter() - start, data)

    def _full_draw(self, data: DemoData) -> None:
        with self._themed():
            self.figure.set_facecolor(FIGURE_THEMES[self.theme]["figure.facecolor"])
            self.demo_figure.draw(data)
            self._moving = self.demo_figure.moving_artists(data)
            self._legends = self.demo_figure.legends()  # animated: out of the bare background
            self._headroom = False
            if isinstance(data, Frame):
                self._add_headroom(data)
            else:
                self._x_extent = {}
            for artist in self._moving + self._legends:
                artist.set_animated(True)
            self.canvas.draw()
            self._cache_backgrounds(bare=True)
            self._draw_moving()
        self._static_key = _static_key(data)
        self._dirty = False
        self.full_draws += 1

    def _cache_backgrounds(self, bare: bool) -> None:
        """Cache the canvas as the background (after drawing the legends on it); with `bare`,
        first cache it as the bare background, which has no legends."""
        if bare:
            self._bare_background = self.canvas.copy_from_bbox(self.figure.bbox)
        if self._legends:
            for legend in self._legends:
                (legend.axes or self.figure).draw_artist(legend)
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self._background = self._bare_background

    def _blit(self, relabelled: bool = False) -> None:
        with self._themed():
            if relabelled:  # legend text changed: redraw the legends on the bare background
                self.canvas.restore_region(self._bare_background)
                self._cache_backgrounds(bare=False)
            else:
                self.canvas.restore_region(self._background)
            self._draw_moving()
        self.blits += 1

    def _draw_moving(self) -> None:
        for artist in self._moving:
            axes = artist.axes
            if axes is not None:
                axes.draw_artist(artist)

    def _image(self, full: bool, seconds: float, data: DemoData) -> RenderedFrame:
        width, height = self.canvas.get_width_height(physical=True)
        return RenderedFrame(bytes(self.canvas.buffer_rgba()), width, height, self._dpr, full, seconds, data)

    # ----- axis limits for streamed frames --------------------------------------------------
    def _panel_axes(self) -> Iterator[tuple[Axes, Any]]:
        for axes in self.demo_figure.axes.values():
            yield axes, axes.__dict__.get("_quizapp_panel")

    def _add_headroom(self, frame: Frame) -> None:
        """Widen unfixed axes beyond the data so later frames can be blitted: y a little on both
        sides; x only where it is a time axis (whole-number steps from 0 or 1, or a range that
        grew since the last full draw), projected to the end of the run from the frame's
        progress. Static x ranges are left as they are."""
        grown_before = self._x_extent
        self._x_extent = {}
        for key, (axes, panel) in enumerate(self._panel_axes()):
            if panel is None:
                continue
            xs = [x for artist in self._moving if artist.axes is axes for x in _artist_data(artist)[0].tolist()]
            if xs:
                self._x_extent[key] = max(xs)
            previous = grown_before.get(key)
            grew = previous is not None and bool(xs) and max(xs) > previous
            if panel.xlim is None and xs and (grew or _looks_like_steps(xs)):
                lo, hi = axes.get_xlim()
                if axes.get_xscale() == "linear":
                    end = lo + (max(xs) - lo) / max(frame.progress, 0.05)
                    axes.set_xlim(lo, max(hi, end + 0.03 * (end - lo)))
                else:
                    axes.set_xlim(*_grow((lo, hi), axes.get_xscale(), both=False))
            if panel.ylim is None:
                axes.set_ylim(*_grow(axes.get_ylim(), axes.get_yscale(), both=True))
        self._headroom = True

    def _overflows(self, _data: DemoData) -> bool:
        """True if a moving series now lies (partly) outside its axes' view."""
        for artist in self._moving:
            axes = artist.axes
            if axes is None:
                continue
            panel = axes.__dict__.get("_quizapp_panel")
            free_x, free_y = panel is None or panel.xlim is None, panel is None or panel.ylim is None
            if not (free_x or free_y):
                continue  # fixed limits (a 2-D surface): the data may leave the view
            xs, ys = _artist_data(artist)
            if not xs.size:
                continue
            x0, x1 = sorted(axes.get_xlim())
            y0, y1 = sorted(axes.get_ylim())
            if free_x and (xs.min() < x0 or xs.max() > x1):
                return True
            if free_y and (ys.min() < y0 or ys.max() > y1):
                return True
        return False

    # ----- export -------------------------------------------------------------------------
    def save_png(self, path: str | Path, dpi: int = 150) -> Path:
        with self._lock:
            with self._themed():
                self.figure.savefig(path, dpi=dpi, facecolor=self.figure.get_facecolor())
            self._dirty = True  # savefig re-laid the figure out at another dpi
            return Path(path)


def _artist_data(artist: Artist) -> tuple[np.ndarray, np.ndarray]:
    """The finite points of a moving artist, as x and y arrays."""
    if hasattr(artist, "get_offsets"):
        xy = np.asarray(artist.get_offsets(), dtype=float).reshape(-1, 2)
        x, y = xy[:, 0], xy[:, 1]
    elif hasattr(artist, "get_data"):
        xd, yd = artist.get_data()
        x, y = np.asarray(xd, dtype=float).ravel(), np.asarray(yd, dtype=float).ravel()
        n = min(x.size, y.size)
        x, y = x[:n], y[:n]
    else:
        return np.empty(0), np.empty(0)
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep], y[keep]


def _looks_like_steps(xs: list[float]) -> bool:
    """Epoch or step numbers: whole numbers counting up from 0 or 1."""
    return min(xs) in (0.0, 1.0) and all(float(x).is_integer() for x in xs[:50]) and max(xs) > min(xs)


def _grow(lim: tuple[float, float], scale: str, both: bool) -> tuple[float, float]:
    """Limits widened for streaming: a log axis by a decade on each side (losses fall by
    orders of magnitude), a linear one by a share of its span."""
    lo, hi = lim
    if scale == "log" and lo > 0 and hi > 0:
        return (lo / 10, hi * 10) if both else (lo, hi * 10)
    span = (hi - lo) or 1.0
    if both:
        return lo - span * HEADROOM / 2, hi + span * HEADROOM / 2
    return lo, hi + span * HEADROOM


def _static_key(data: DemoData) -> tuple[Any, ...]:
    """What the cached background shows: panels and the non-moving series' data."""
    return (tuple(p.id for p in data.panels),
            tuple((s.name, s.kind, s.panel, _packed(s.x), _packed(s.y),
                   _packed([v for row in s.z for v in row]) if s.z is not None else None)
                  for s in data.series if not s.moves))


def _packed(values: Sequence[float]) -> bytes:
    # bytes compare NaN cells as equal, where float tuples would not (nan != nan)
    return array("d", values).tobytes()

