"""The statistics charts as a person reads them (issue 13): grades in the words of the buttons
pressed (0–5 only in six-grade mode), calendar days parted by gaps, every text inside the figure."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from quizapp.domain.stats import Bin, DayAnswers, Stats
from quizapp.plots.stats_figures import FIGURE_HEIGHT_PX, draw_stats
from quizapp.plots.style import FIGURE_THEMES
from quizapp.plots.text_layout_check import layout_problems

TODAY = 740_000  # a study-day ordinal (2027)


def sample_stats() -> Stats:
    window = range(TODAY - 29, TODAY + 1)
    answers = [DayAnswers(d, new=3, review=(d % 5), redrill=d % 2) for d in window]
    return Stats(today=TODAY, days=30, cards={"total": 131, "new": 80, "learning": 3, "young": 40, "mature": 8,
                                             "suspended": 1, "due_today": 12},
                 answers_per_day=answers, minutes_per_day=[(d, 6.0) for d in window],
                 calendar=[(d, (d * 7) % 11) for d in range(TODAY - 364, TODAY + 1)],
                 retention={"all": 0.9, "young": 0.88, "mature": 0.95},
                 retention_counts={"all": (90, 100), "young": (70, 80), "mature": (19, 20)},
                 forecast=[(TODAY + i, i % 4) for i in range(30)],
                 grades={0: 1, 1: 5, 2: 0, 3: 7, 4: 20, 5: 4},
                 ef_bins=[Bin(130, 150, 2), Bin(150, None, 9)], interval_bins=[Bin(1, 2, 4), Bin(2, None, 6)],
                 streak=1, quiz_answers=0, quiz_minutes=0.0)


def drawn(theme: str = "light", grading: str = "four", width: int = 1100):  # type: ignore[no-untyped-def]
    with rc_context(FIGURE_THEMES[theme]):
        figure = Figure(layout="constrained")
        figure.set_size_inches(width / 100, FIGURE_HEIGHT_PX / 100)
        canvas = FigureCanvasAgg(figure)
        axes = draw_stats(figure, sample_stats(), "both", theme, grading)
        canvas.draw()
        problems = layout_problems(figure)
    return figure, canvas, axes, problems


def test_grades_chart_names_the_buttons_in_four_button_mode() -> None:
    _, _, axes, _ = drawn()
    grades = axes["grades"]
    assert [t.get_text() for t in grades.get_xticklabels()] == ["Again", "Hard", "Good", "Easy"]
    assert [round(p.get_height()) for p in grades.patches] == [6, 7, 20, 4]  # 0, 1 and 2 are all "Again"


def test_grades_chart_shows_0_to_5_in_six_grade_mode() -> None:
    _, _, axes, _ = drawn(grading="six")
    labels = [t.get_text() for t in axes["grades"].get_xticklabels()]
    assert labels == ["0 Blackout", "1 Wrong", "2 Almost", "3 Hard", "4 Good", "5 Perfect"]
    assert [round(p.get_height()) for p in axes["grades"].patches] == [1, 5, 0, 7, 20, 4]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_calendar_days_are_parted_by_gaps_of_the_page_colour(theme: str) -> None:
    figure, canvas, axes, _ = drawn(theme)
    ax = axes["calendar"]
    pixels = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int)
    height = pixels.shape[0]
    page = np.array([round(255 * c) for c in to_rgb(FIGURE_THEMES[theme]["axes.facecolor"])])
    # along the middle of the Wednesday row, from the first full week to the last
    (x0, y), (x1, _) = ax.transData.transform([(1, 2), (50, 2)])
    row = pixels[height - int(round(y)), int(x0):int(x1)]
    is_page = np.all(np.abs(row - page) <= 6, axis=1)
    gaps = int(np.count_nonzero(is_page[1:] & ~is_page[:-1]))  # runs of page colour between cells
    assert gaps >= 45, f"only {gaps} gaps between 49 weeks of cells"


@pytest.mark.parametrize("theme,width", [("light", 1100), ("dark", 760)])
def test_every_text_lies_inside_and_nothing_overlaps(theme: str, width: int) -> None:
    *_, problems = drawn(theme, width=width)
    assert problems == []


def test_calendar_month_labels_share_one_baseline() -> None:
    figure, canvas, axes, _ = drawn()
    renderer = canvas.get_renderer()
    labels = axes["calendar"].get_xticklabels()
    assert len(labels) >= 11
    bottoms = {round(t.get_window_extent(renderer).y0, 1) for t in labels}
    assert len(bottoms) == 1, f"month labels at different heights: {sorted(bottoms)}"


def test_counts_are_ticked_in_whole_numbers_even_when_small() -> None:
    stats = sample_stats()
    stats.forecast = [(TODAY, 2)] + [(TODAY + i, 0) for i in range(1, 30)]  # a fresh collection: 2 cards due
    with rc_context(FIGURE_THEMES["light"]):
        figure = Figure(layout="constrained")
        figure.set_size_inches(11, FIGURE_HEIGHT_PX / 100)
        canvas = FigureCanvasAgg(figure)
        axes = draw_stats(figure, stats, "en", "light")
        canvas.draw()
    for name in ("answers", "forecast", "grades", "ef", "interval"):
        ticks = axes[name].get_yticks()
        assert all(float(t).is_integer() for t in ticks), (name, list(ticks))
    assert all(float(t).is_integer() for t in axes["states"].get_xticks())


def test_an_empty_collection_has_no_negative_axes() -> None:
    stats = sample_stats()
    stats.answers_per_day = [DayAnswers(d.day) for d in stats.answers_per_day]
    stats.minutes_per_day = [(d, 0.0) for d, _ in stats.minutes_per_day]
    stats.forecast = [(d, 0) for d, _ in stats.forecast]
    stats.grades = {g: 0 for g in range(6)}
    with rc_context(FIGURE_THEMES["light"]):
        figure = Figure(layout="constrained")
        figure.set_size_inches(11, FIGURE_HEIGHT_PX / 100)
        canvas = FigureCanvasAgg(figure)
        axes = draw_stats(figure, stats, "en", "light")
        canvas.draw()
    for name in ("answers", "forecast", "time", "grades"):
        low, high = axes[name].get_ylim()
        assert low == 0 and high >= 1, (name, low, high)
        assert min(axes[name].get_yticks()) >= 0, name
