"""Formulas as PNG images, rendered with matplotlib mathtext and cached on disk.

A formula is rendered once per (source, pixel size, colour, device pixel ratio) into the
user cache folder; showing a card whose formulas are cached only reads the PNG header, so a
launch that shows a card with math does not import matplotlib. Images are rendered at the
screen's device pixel ratio and shown at their logical size, so they stay crisp on high-DPI
screens. Missing formulas are rendered by `MathRenderer` on a background thread.

The cache folder is `$QUIZAPP_CACHE_DIR/math` when that variable is set (tests, screenshots),
else `<platformdirs user cache dir>/quizapp/math`.
"""
from __future__ import annotations

import hashlib
import os
import re
import struct
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_RENDER_VERSION = "3"  # bump when the rendering changes, to leave old images behind
_lock = threading.Lock()  # matplotlib's mathtext parser is not thread-safe
# Limits that bound the time one formula holds the lock, by construction: parsing costs about
# 1 ms a character on a loaded 2-core machine (the deck's longest formula has 113), and a
# formula wider than any window is refused after parsing, before it is drawn. A formula over
# a limit, or one mathtext cannot parse, is shown as its source text.
MAX_FORMULA_CHARS = 500
MAX_FORMULA_WIDTH_PX = 2400
IMAGE_NAME = re.compile(r"^[0-9a-f]{40}\.png$")  # the cache's file names: sha1 digests


def cache_dir() -> Path:
    root = os.environ.get("QUIZAPP_CACHE_DIR")
    if root:
        base = Path(root)
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("quizapp", appauthor=False))
    path = base / "math"
    path.mkdir(parents=True, exist_ok=True)
    return path


# Qt centres an image with `vertical-align: middle` at (font height / 2 - descent) above the
# baseline; for common sans fonts that is ~0.35 em. Views that know their font pass axis_px.
DEFAULT_AXIS_RATIO = 0.35


@dataclass(frozen=True)
class MathKey:
    tex: str
    size_px: int
    colour: str  # "#rrggbb"
    dpr: float
    axis_px: float = 0.0  # where Qt centres an inline image above the text baseline (0: default)

    @property
    def axis(self) -> float:
        return self.axis_px or DEFAULT_AXIS_RATIO * self.size_px

    @property
    def digest(self) -> str:
        raw = "\x1f".join((_RENDER_VERSION, self.tex, str(self.size_px), self.colour, f"{self.dpr:.2f}",
                            f"{self.axis:.1f}"))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class MathImage:
    path: Path
    width: float  # logical pixels
    height: float


def _png_size(path: Path) -> tuple[int, int] | None:
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


class MathCache:
    """Lookup and rendering of formula images in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir()

    def _png(self, key: MathKey) -> Path:
        return self.folder / f"{key.digest}.png"

    def _failed_marker(self, key: MathKey) -> Path:
        return self.folder / f"{key.digest}.err"

    def lookup(self, key: MathKey) -> MathImage | Literal[False] | None:
        """The cached image; False if this formula failed to render before or is too long to
        render (MAX_FORMULA_CHARS); None if not cached."""
        if len(key.tex) > MAX_FORMULA_CHARS:
            return False
        path = self._png(key)
        size = _png_size(path)
        if size is not None:
            return MathImage(path, size[0] / key.dpr, size[1] / key.dpr)
        if self._failed_marker(key).exists():
            return False
        return None

    def render(self, key: MathKey) -> MathImage | None:
        """Render with matplotlib (imported here, on first use); None for invalid mathtext."""
        cached = self.lookup(key)
        if cached is not None:
            return cached or None
        path = self._png(key)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with _lock:
                _render_png(key, tmp)
        except Exception:  # noqa: BLE001 - any formula mathtext cannot draw is shown as text
            self._failed_marker(key).touch()
            tmp.unlink(missing_ok=True)
            return None
        os.replace(tmp, path)  # atomic: a reader never sees half a PNG
        return self.lookup(key) or None


_STAR_SUPERSCRIPT = re.compile(r"([\^_])(?:\\ast\b|\{\\ast\})")
_UNARY_MINUS = re.compile(r"(\\to|\\rightarrow|\\leq?|\\geq?|\\approx|[=<>(\[,])(\s*)-")


def readable_tex(tex: str) -> str:
    """Mathtext adjusted for formulas set inline in a line of text: a fraction outside any
    braces is drawn at display size (mathtext's inline one has tiny digits), `^\\ast` is a
    superscript star rather than a binary operator with spaces, and a minus right after a
    relation or an arrow is a sign, not a binary minus."""
    out, depth, i = [], 0, 0
    while i < len(tex):
        if tex.startswith("\\frac", i) and depth == 0 and not tex[i + 5:i + 6].isalpha():
            out.append("\\dfrac")
            i += 5
            continue
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        out.append(tex[i])
        i += 1
    text = _STAR_SUPERSCRIPT.sub(r"\1{*}", "".join(out))
    return _UNARY_MINUS.sub(r"\1\2{-}", text)


def _render_png(key: MathKey, out: Path) -> None:
    """Draw the formula on a transparent figure, padded so that its vertical centre lies
    `key.axis` above the formula's baseline: Qt's `vertical-align: middle` puts the image's
    centre there above the text's baseline, so both baselines line up."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    prop = FontProperties(size=key.size_px)
    tex = readable_tex(key.tex)
    width, height, depth, _, _ = MathTextParser("path").parse(f"${tex}$", dpi=72, prop=prop)
    if width > MAX_FORMULA_WIDTH_PX:
        raise ValueError(f"formula {width:.0f} px wide (the limit is {MAX_FORMULA_WIDTH_PX})")
    axis = key.axis  # in points, which are pixels at 72 dpi
    pad_bottom = max(0.0, height - 2 * depth - 2 * axis)
    pad_top = max(0.0, 2 * axis + 2 * depth - height)
    total = height + pad_bottom + pad_top
    fig = Figure(figsize=((width + 2) / 72.0, total / 72.0))
    fig.patch.set_alpha(0.0)
    fig.text(1 / (width + 2), (depth + pad_bottom) / total, f"${tex}$", fontproperties=prop,
             color=key.colour)
    fig.savefig(out, dpi=72 * key.dpr, format="png", transparent=True)


class _RenderTask(QRunnable):
    def __init__(self, renderer: "MathRenderer", keys: list[MathKey]) -> None:
        super().__init__()
        self._renderer, self._keys = renderer, keys

    def run(self) -> None:
        try:
            for key in self._keys:
                self._renderer._cache.render(key)
        finally:  # always: a key left pending would keep the renderer busy for good
            try:
                self._renderer._rendered.emit([k.digest for k in self._keys])
            except RuntimeError:  # the renderer was deleted meanwhile (its window closed): no one to tell
                pass


class MathRenderer(QObject):
    """Renders missing formulas on one background thread; `rendered` says when a batch is on disk."""

    rendered = Signal()
    _rendered = Signal(object)

    def __init__(self, cache: MathCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache = cache or MathCache()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: set[str] = set()
        self._rendered.connect(self._done)

    @property
    def cache(self) -> MathCache:
        return self._cache

    def request(self, keys: Iterable[MathKey]) -> int:
        """Queue the keys not cached and not already queued; return how many were queued."""
        todo = [k for k in dict.fromkeys(keys) if k.digest not in self._pending and self._cache.lookup(k) is None]
        if todo:
            self._pending.update(k.digest for k in todo)
            self._pool.start(_RenderTask(self, todo))
        return len(todo)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _done(self, digests: list[str]) -> None:
        self._pending.difference_update(digests)
        self.rendered.emit()
