"""The figure renderer blits a change that only moves paths and rewrites legend labels
(optimizer-race's learning rates): no full draw, the legend shows the new learning rates, and
nothing of the old legend text is left in the image."""
from __future__ import annotations

import os

import numpy as np
import pytest

from quizapp.engine.demos.optimizer_race import TUNED_LR
from quizapp.engine.registry import get_spec
from quizapp.engine.runner import run_demo
from quizapp.engine.demos.optimizer_race.spec import OPTIMIZER_NAMES, RACE_OPTIMIZERS
from quizapp.plots.demo_figure import DemoFigure
from quizapp.plots.figure_renderer import FigureRenderer, RenderedFrame

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")
RACE = "optimizer-race"


def _race(lr_scale: float):
    return run_demo(RACE, {"lr_scale": lr_scale}, device=DEVICE)


def _legend_texts(fig: DemoFigure) -> list[str]:
    return [t.get_text() for legend in fig.legends() for t in legend.get_texts()]


def _pixels(frame: RenderedFrame) -> np.ndarray:
    return np.frombuffer(frame.rgba, np.uint8).reshape(frame.height, frame.width, 4)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lr_change_is_blitted_with_the_new_lr_in_the_legend(lang: str) -> None:
    before, after = _race(1.0), _race(0.5)
    surface = after.params["surface"]
    renderer = FigureRenderer(get_spec(RACE), lang, "light", (900, 600), 1.0)
    assert renderer.render(before).full
    frame = renderer.render(after)
    assert not frame.full and renderer.full_draws == 1 and renderer.blits == 1
    texts = _legend_texts(renderer.demo_figure)
    for opt in RACE_OPTIMIZERS:
        name = OPTIMIZER_NAMES[opt][1 if lang == "zh" else 0]
        assert f"{name} (lr={0.5 * TUNED_LR[surface][opt]:.3g})" in texts, texts
        assert f"{name} (lr={TUNED_LR[surface][opt]:.3g})" not in texts, texts
    assert ("极小值" if lang == "zh" else "minimum") in texts
    # the blitted legend looks exactly like the legend of a fresh full draw: no stale text
    fresh = FigureRenderer(get_spec(RACE), lang, "light", (900, 600), 1.0)
    reference = fresh.render(after)
    assert reference.full
    height = reference.height
    for legend in fresh.demo_figure.legends():
        box = legend.get_window_extent()
        rows = slice(int(height - box.y1) - 2, int(height - box.y0) + 2)
        cols = slice(int(box.x0) - 2, int(box.x1) + 2)
        np.testing.assert_array_equal(_pixels(frame)[rows, cols], _pixels(reference)[rows, cols])


def test_label_only_change_updates_the_legend_in_place() -> None:
    before, after = _race(1.0), _race(0.25)
    fig = DemoFigure(spec=get_spec(RACE))
    fig.draw(before)
    legend = fig.legends()[0]
    moved = fig.update(after)
    assert moved is not None and legend in moved  # the legend is reported as changed
    adam = next(s for s in after.series if s.name == "Adam")
    assert adam.style["label"] in _legend_texts(fig)
    assert fig.artists["Adam"].get_label() == adam.style["label"]
    # the series name stays the optimizer's, whatever its lr
    assert {s.name for s in before.series} == {s.name for s in after.series}

