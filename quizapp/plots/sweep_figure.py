"""The live plot of an Optuna study shared by workers (services/sweeps.py: StudySnapshot).

Left: every trial's value by trial number (finished, pruned, failed; running trials as ticks) and
the best value so far. Right: the learning curves the trials reported (Hyperband, architecture
search) or, for a chunked sweep, which chunks are done. Plain values in, RGBA bytes out: no Qt.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

STATE_COLOURS = {"complete": "#0072B2", "pruned": "#E69F00", "fail": "#D55E00", "running": "#009E73",
                 "waiting": "#999999"}


class StudyProgress(Protocol):
    """What the figure reads (services.sweeps.StudySnapshot has it)."""

    @property
    def name(self) -> str: ...

    @property
    def demo(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def direction(self) -> str: ...

    @property
    def planned(self) -> int: ...

    @property
    def numbers(self) -> list[int]: ...

    @property
    def states(self) -> list[str]: ...

    @property
    def values(self) -> list[float | None]: ...

    @property
    def curves(self) -> list[list[float]]: ...

    def best_so_far(self) -> tuple[list[int], list[float]]: ...


def draw_study(figure: Figure, study: StudyProgress) -> None:
    left, right = figure.subplots(1, 2)
    for state, colour in STATE_COLOURS.items():
        pts = [(n, v) for n, s, v in zip(study.numbers, study.states, study.values)
               if s == state and v is not None and math.isfinite(v)]
        if pts:
            left.scatter([p[0] for p in pts], [p[1] for p in pts], s=16, color=colour, label=state)
    running = [n for n, s in zip(study.numbers, study.states) if s == "running"]
    for n in running:
        left.axvline(n, color=STATE_COLOURS["running"], lw=0.8, ls=":")
    xs, ys = study.best_so_far()
    if xs:
        left.step(xs, ys, where="post", color="#000000", lw=1.4, label="best so far")
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_xlabel("trial")
    left.set_ylabel("value" if study.kind == "search" else "best loss in the chunk")
    finished = sum(s in ("complete", "pruned") for s in study.states)
    what = "trials" if study.kind == "search" else "chunks"
    left.set_title(f"{study.name}: {finished} of {study.planned} {what} finished", fontsize=10)
    if left.get_legend_handles_labels()[0]:
        left.legend(fontsize=8, loc="best")

    if study.kind == "chunks":
        _chunks(right, study)
    else:
        _curves(right, study)


def _curves(ax: Axes, study: StudyProgress) -> None:
    drawn = False
    for state, curve in zip(study.states, study.curves):
        if len(curve) > 1:
            ax.plot(range(1, len(curve) + 1), curve, lw=1.0, alpha=0.7,
                    color=STATE_COLOURS.get(state, "#999999"))
            drawn = True
    title = "reported learning curves" if drawn else f"{study.demo}: no learning curves reported"
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("report")


def _chunks(ax: Axes, study: StudyProgress) -> None:
    latest: dict[int, str] = {}
    for n, s in sorted(zip(study.numbers, study.states)):
        latest[n] = s
    # chunk trials are numbered in enqueue order, retries after; colour each trial by state
    states: Sequence[str] = [latest[n] for n in sorted(latest)]
    ax.bar(range(len(states)), [1] * len(states), color=[STATE_COLOURS.get(s, "#999999") for s in states],
           width=0.9)
    ax.set_yticks([])
    ax.set_ylim(0.0, 1.3)  # room for the legend above the bars
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    present = [st for st in STATE_COLOURS if st in states]
    ax.legend(handles=[Patch(color=STATE_COLOURS[st], label=st) for st in present], fontsize=8, loc="upper right")
    ax.set_xlabel("chunk trial")
    ax.set_title("chunk trials by state", fontsize=10)


def render_study_rgba(study: StudyProgress, width_px: int, height_px: int,
                      dpr: float = 1.0) -> tuple[bytes, int, int]:
    """The whole figure as RGBA8888 bytes of (width, height) device pixels."""
    figure = Figure(layout="constrained", dpi=100 * dpr)
    figure.set_size_inches(max(width_px, 320) / 100, max(height_px, 240) / 100)
    canvas = FigureCanvasAgg(figure)
    draw_study(figure, study)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    return bytes(canvas.buffer_rgba()), width, height
