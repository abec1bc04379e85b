"""plots/sweep_figure.py draws what a study snapshot says: the values by state, the best so far."""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from quizapp.plots.sweep_figure import STATE_COLOURS, draw_study, render_study_rgba
from quizapp.services.sweeps import StudySnapshot


def _snapshot(kind: str = "search") -> StudySnapshot:
    return StudySnapshot("s", "hyperband", kind, "minimize", 8, numbers=[0, 1, 2, 3, 4, 5],
                         states=["complete", "pruned", "complete", "fail", "complete", "running"],
                         values=[0.5, 0.7, 0.3, None, 0.4, None],
                         curves=[[0.9, 0.5], [0.9, 0.7], [0.8, 0.3], [], [0.7, 0.4], [0.8]], workers=2)


def test_values_by_state_and_the_best_so_far() -> None:
    figure = Figure()
    snap = _snapshot()
    draw_study(figure, snap)
    left, right = figure.axes
    offsets = {c.get_label(): c.get_offsets() for c in left.collections}
    np.testing.assert_array_equal(offsets["complete"], [[0, 0.5], [2, 0.3], [4, 0.4]])
    np.testing.assert_array_equal(offsets["pruned"], [[1, 0.7]])
    best = next(line for line in left.get_lines() if line.get_label() == "best so far")
    assert list(best.get_xdata()) == [0, 1, 2, 4] and list(best.get_ydata()) == [0.5, 0.5, 0.3, 0.3]
    assert snap.best_so_far() == ([0, 1, 2, 4], [0.5, 0.5, 0.3, 0.3])
    assert len(right.get_lines()) == 4  # the curves with two reports or more
    assert "4 of 8 trials finished" in left.get_title()


def test_chunks_panel_colours_each_chunk_trial_by_state() -> None:
    figure = Figure()
    draw_study(figure, _snapshot("chunks"))
    bars = figure.axes[1].patches
    assert len(bars) == 6
    from matplotlib.colors import to_hex

    assert [to_hex(b.get_facecolor()) for b in bars[:2]] == [STATE_COLOURS["complete"].lower(),
                                                             STATE_COLOURS["pruned"].lower()]
    rgba, w, h = render_study_rgba(_snapshot("chunks"), 640, 320)
    assert len(rgba) == 4 * w * h and (w, h) == (640, 320)
