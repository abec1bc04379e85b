"""Every demo's figure fits the canvas it gets (issue 13 item 3): at the demo panel's canvas in
the default 1180x780 window, at the canvas of a 1600x1000 window and at the export size, every
title, axis label, legend and note lies inside the figure and no two of them overlap. Plus the
pieces: the panel grid, title wrapping and plain-text formulas drawn as mathtext."""
from __future__ import annotations

import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg

from quizapp.plots.demo_figure import DemoFigure
from quizapp.plots.figure_renderer import FigureRenderer
from quizapp.plots.layout import EXPORT_SIZE, panel_grid, text_width_px, wrap_text
from quizapp.plots.mathtext import math_label
from quizapp.plots.style import FIGURE_THEMES, apply_style
from quizapp.plots.text_layout_check import layout_problems
from quizapp.services import demos

# the PlotView's size in the demo panel (measured with a demo open: its summary takes two lines)
DEFAULT_CANVAS = (806, 574)  # window 1180x780, the default
LARGE_CANVAS = (1226, 812)  # window 1600x1000
SPECS = demos.list_demos()


@pytest.mark.slow
@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_text_fits_at_window_canvases_and_export(spec, default_result) -> None:
    result = default_result(spec.id)
    problems = []
    for size, lang, theme in ((DEFAULT_CANVAS, "en", "light"), (DEFAULT_CANVAS, "zh", "dark"),
                              (LARGE_CANVAS, "en", "dark")):
        renderer = FigureRenderer(spec, lang, theme, size, 1.0)
        renderer.render(result)
        with rc_context(FIGURE_THEMES[theme]):
            problems += [f"{size} {lang}: {p}" for p in layout_problems(renderer.figure)]
    exported = DemoFigure(spec=spec)  # the export path (CLI --out): EXPORT_SIZE
    exported.draw(result)
    FigureCanvasAgg(exported.figure)
    assert tuple(round(v * 100) for v in exported.figure.get_size_inches()) == EXPORT_SIZE
    problems += [f"export: {p}" for p in layout_problems(exported.figure)]
    assert problems == []


def test_layout_check_sees_an_overlap_and_a_cut_title() -> None:
    """The check above can fail: two panels' titles run into each other, one leaves the figure."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2)
    left.set_title("a title much too long for its narrow panel")
    right.set_title("and another one that runs off the figure")
    problems = layout_problems(fig)
    assert any("overlaps" in p for p in problems) and any("leaves the figure" in p for p in problems)


def test_three_panels_wrap_at_the_default_canvas_and_sit_in_a_row_when_wide() -> None:
    assert panel_grid(3, *DEFAULT_CANVAS) == (2, 2)  # three 180 px columns would be too narrow
    assert panel_grid(3, 1800, 600) == (1, 3)
    assert panel_grid(2, *DEFAULT_CANVAS) == (1, 2)
    assert panel_grid(4, *LARGE_CANVAS) == (2, 2)


def test_titles_wrap_to_their_width() -> None:
    apply_style()
    title = "Last batch: train-mode vs eval-mode output of the BatchNorm layer"
    wrapped = wrap_text(title, 250, 11)
    assert "\n" in wrapped and wrapped.replace("\n", " ") == title
    assert all(text_width_px(line, 11) <= 250 for line in wrapped.split("\n"))
    assert wrap_text("Running variance (m = 4)", 150, 11).split("\n")[-1] != "4)"  # no orphan
    for width in range(150, 300, 10):  # a closing bracket never starts a line, an opening one never ends one
        lines = wrap_text("训练 200 步后的测试准确率（评估模式）", width, 11).split("\n")
        assert not any(line.startswith("）") or line.endswith("（") for line in lines), lines


@pytest.mark.parametrize(("plain", "math"), [
    ("|y_t|", "$|y_{t}|$"),
    ("|Δθ_t|", "$|Δθ_{t}|$"),
    ("GD theory ε(1+2η)^t", "GD theory $ε(1+2η)^{t}$"),
    ("‖w_k‖", "$‖w_{k}‖$"),
    ("Distance to the minimum ‖w_k‖ (dashed: ρ^k)", "Distance to the minimum $‖w_{k}‖$ (dashed: $ρ^{k}$)"),
    ("configs n_i", "configs $n_{i}$"),
    ("λ_max (all zero)", r"$λ_{\mathrm{max}}$ (all zero)"),
    ("|w_t − w*|", r"$|w_{t}\ −\ w^*|$"),
    # identifiers are not formulas; Chinese text gets Unicode scripts (mathtext has no CJK glyphs)
    ("running_mean", "running_mean"),
    ("He (fan_in)", "He (fan_in)"),
    ("SGD(weight_decay)", "SGD(weight_decay)"),
    ("观测值 x_t", "观测值 xₜ"),
    ("到最小值的距离 ‖w_k‖（虚线：ρ^k）", "到最小值的距离 ‖wₖ‖（虚线：ρᵏ）"),
    ("learning rate $\\eta_t$", "learning rate $\\eta_t$"),
])
def test_plain_text_formulas_become_mathtext(plain: str, math: str) -> None:
    assert math_label(plain) == math


@pytest.mark.parametrize("demo_id", ["batchnorm-train-eval", "l1-vs-l2", "architecture-search"])
def test_grey_lines_stay_visible_on_the_dark_theme(demo_id: str, default_result) -> None:
    """The demos mark references in black or dark grey ("true μ", "chosen λ", "Pareto front"),
    which vanished on the dark theme's background."""
    from matplotlib.colors import to_rgb
    from matplotlib.lines import Line2D

    def luminance(c) -> float:
        r, g, b = to_rgb(c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    renderer = FigureRenderer(demos.demo_spec(demo_id), "en", "dark", DEFAULT_CANVAS, 1.0)
    renderer.render(default_result(demo_id))
    background = luminance(FIGURE_THEMES["dark"]["axes.facecolor"])
    faint = []
    for ax in renderer.figure.axes:
        for line in ax.get_children():
            if isinstance(line, Line2D) and line.get_label() and not line.get_label().startswith("_"):
                r, g, b = to_rgb(line.get_color())
                if max(r, g, b) - min(r, g, b) <= 0.08 and abs(luminance((r, g, b)) - background) < 0.3:
                    faint.append(line.get_label())
    assert faint == []
