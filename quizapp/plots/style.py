"""The shared look of every figure: fonts (with the bundled CJK font), colours, sizes."""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from quizapp.engine.palette import PALETTE, color  # noqa: F401  (re-exported for figures)

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # the names rcParams knows

RC: dict[RcKeyType, Any] = {
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 8,
    "legend.framealpha": 0.8,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.unicode_minus": False,  # the CJK font lacks U+2212; use ASCII minus
}

# rcParams for figures shown in the window, in the colours of the app's light and dark palettes
# (quizapp/ui/theme.py), so charts and demo plots sit on the window's own background.
FIGURE_THEMES: dict[str, dict[RcKeyType, str]] = {
    "light": {"figure.facecolor": "#ffffff", "axes.facecolor": "#ffffff", "savefig.facecolor": "#ffffff",
              "text.color": "#1d2330", "axes.labelcolor": "#1d2330", "axes.edgecolor": "#4a5260",
              "xtick.color": "#4a5260", "ytick.color": "#4a5260", "grid.color": "#b0b6c0",
              "legend.facecolor": "#ffffff", "legend.edgecolor": "#c5cad3"},
    "dark": {"figure.facecolor": "#262a31", "axes.facecolor": "#262a31", "savefig.facecolor": "#262a31",
             "text.color": "#e3e6ea", "axes.labelcolor": "#e3e6ea", "axes.edgecolor": "#9aa3b0",
             "xtick.color": "#c0c6cf", "ytick.color": "#c0c6cf", "grid.color": "#5a6270",
             "legend.facecolor": "#30353e", "legend.edgecolor": "#454c57"},
}


def readable_color(value: object) -> object:
    """A grey the demo chose for a light page ("black", "0.2", "0.35") is nearly invisible on the
    dark theme's background: such a grey becomes the theme's text colour. Other colours (the
    palette's) read on both themes and are kept."""
    import matplotlib
    from matplotlib.colors import to_rgb

    try:
        r, g, b = to_rgb(value)  # type: ignore[arg-type]
        face = to_rgb(matplotlib.rcParams["axes.facecolor"])
    except ValueError:
        return value
    if max(r, g, b) - min(r, g, b) > 0.08:
        return value  # a colour, not a grey
    def luminance(c: tuple[float, float, float]) -> float:
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    if abs(luminance((r, g, b)) - luminance(face)) < 0.3:
        return matplotlib.rcParams["text.color"]
    return value


@cache
def cjk_family() -> str | None:
    """Register the bundled CJK font with matplotlib once; return its family name."""
    from matplotlib import font_manager

    from quizapp.resources import cjk_font_path

    path = cjk_font_path()
    if not path.exists():
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def apply_style() -> None:
    """Set matplotlib's rcParams for quizapp's figures (idempotent)."""
    import logging

    import matplotlib

    # Bold titles fall back to the CJK font's regular weight for Chinese glyphs (the bundled
    # subset has one weight); matplotlib would log that on every figure.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    matplotlib.rcParams.update(RC)
    matplotlib.rcParams.update(font_rc())


def font_rc() -> dict[Any, Any]:  # rcParams keys are typed as Literals
    """The font families of every figure, for rcParams or an rc_context.

    DejaVu first for Latin and math glyphs, the CJK font as the fallback for Chinese. The
    families must be listed in font.family itself: matplotlib's per-glyph fallback walks that
    list, while the generic "sans-serif" resolves to one font only (no CJK glyphs)."""
    family = cjk_family()
    fonts = ["DejaVu Sans"] + ([family] if family else [])
    return {"font.family": fonts, "font.sans-serif": fonts}



def prime_text_rendering() -> None:
    """Draw a tiny figure once with Latin, Chinese and mathtext, so the fonts, the glyph caches
    and the mathtext parser are loaded before the first demo figure (part of the warm-up)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    apply_style()
    figure = Figure(figsize=(2, 1.5), layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.plot([1, 10], [1, 10], label="$|y_{t}|$")
    ax.set_yscale("log")
    ax.set_title("Warm-up 预热")
    ax.legend()
    figure.canvas.draw()
