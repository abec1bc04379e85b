"""The statistics screen's charts, drawn onto one matplotlib Figure (no pyplot, no Qt).

`draw_stats(figure, stats, lang, theme)` lays out a year's calendar heatmap across the top and
eight panels below it: answers per day by kind, the 30-day forecast, time spent, retention
(young vs mature), grade counts, the EF and interval distributions, and the cards by state.
Titles are bilingual when lang is "both". The Qt screen renders it off the GUI thread; a PNG
from `save_stats_png` looks the same.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from quizapp.domain.sm2 import PASSING_GRADE
from quizapp.domain.stats import Bin, Stats
from quizapp.domain.studyday import day_to_date
from quizapp.domain.words import grade_bars
from quizapp.plots.style import FIGURE_THEMES, apply_style, color

ROW_HEIGHT_PX = 250  # each row of panels; the calendar row is a little shorter
CALENDAR_HEIGHT_PX = 190
PANEL_ROWS = 4
FIGURE_HEIGHT_PX = CALENDAR_HEIGHT_PX + PANEL_ROWS * ROW_HEIGHT_PX  # whatever the width: rows stay readable
KIND_COLOURS = {"new": color(0), "review": color(2), "redrill": color(1)}
STATE_COLOURS = {"new": color(0), "learning": color(1), "young": color(5), "mature": color(2), "suspended": "#9aa3b0"}

CELL_GAP_PT = 1.5  # the line between two days of the calendar
_EMPTY_CELL = {"light": "#ebedf0", "dark": "#30353e"}
_HEAT = {"light": ("#c6e48b", "#7bc96f", "#239a3b", "#196127"), "dark": ("#0e4429", "#006d32", "#26a641", "#39d353")}

# (English, Chinese) for every title and label
TEXT = {
    "calendar": ("Study days — last 365 days", "学习日历（近一年）"),
    "answers": ("Answers per day", "每日答题数"),
    "forecast": ("Due in the next 30 days", "未来 30 天到期"),
    "time": ("Time spent", "学习时长"),
    "retention": ("Retention of reviews", "复习保持率"),
    "grades": ("Grades given", "评分分布"),
    "ef": ("Easiness factor (EF)", "难度系数 EF 分布"),
    "interval": ("Intervals (days)", "间隔分布（天）"),
    "states": ("Cards by state", "卡片状态"),
    "new": ("new", "新卡"), "review": ("review", "复习"), "redrill": ("re-drill", "重练"),
    "learning": ("learning", "学习中"), "young": ("young", "年轻"), "mature": ("mature", "成熟"),
    "suspended": ("suspended", "暂停"), "all": ("all", "全部"),
    "cards": ("cards", "卡片"), "answers_axis": ("answers", "答题"), "minutes": ("minutes per day", "分钟/天"),
    "min": ("min", "分钟"), "days": ("days", "天"), "streak": ("streak", "连续"), "due": ("due", "到期"),
    "per_answer": ("s/answer", "秒/题"),
    "no_data": ("no answers in this period yet", "这段时间还没有答题"),
}
# the grade words of domain/words.py in Chinese (the window's words: quizapp/i18n/quizapp_zh_CN.ts)
GRADE_ZH = {"Again": "重来", "Hard": "困难", "Good": "良好", "Easy": "简单", "Blackout": "完全遗忘", "Wrong": "错误",
            "Almost": "差一点", "Perfect": "完美"}


def _grade_label(label: str, lang: str) -> str:
    """'Good' or '4 Good' in the figure's language."""
    if lang != "zh":
        return label
    number, _, word = label.rpartition(" ")
    return (number + " " if number else "") + GRADE_ZH.get(word, word)


def _t(key: str, lang: str, title: bool = False) -> str:
    en, zh = TEXT[key]
    if lang == "zh":
        return zh
    return f"{zh} · {en}" if lang == "both" and title else en


def draw_stats(figure: Figure, stats: Stats, lang: str = "en", theme: str = "light",
               grading: str = "four") -> dict[str, Axes]:
    """Draw every chart onto `figure` (cleared first); returns the axes by panel name."""
    apply_style()
    figure.clear()
    grid = figure.add_gridspec(1 + PANEL_ROWS, 2, height_ratios=[CALENDAR_HEIGHT_PX] + [ROW_HEIGHT_PX] * PANEL_ROWS)
    axes = {"calendar": figure.add_subplot(grid[0, :])}
    for i, name in enumerate(("answers", "forecast", "time", "retention", "grades", "ef", "interval", "states")):
        axes[name] = figure.add_subplot(grid[1 + i // 2, i % 2])
    _calendar(axes["calendar"], stats, lang, theme)
    _answers(axes["answers"], stats, lang)
    _forecast(axes["forecast"], stats, lang)
    _time(axes["time"], stats, lang)
    _retention(axes["retention"], stats, lang)
    _grades(axes["grades"], stats, lang, grading)
    _bins(axes["ef"], stats.ef_bins, 100, "ef", lang, color(4))
    _bins(axes["interval"], stats.interval_bins, 1, "interval", lang, color(5))
    _states(axes["states"], stats, lang)
    for name in ("answers", "forecast", "grades", "ef", "interval", "time"):
        ax = axes[name]  # counts and minutes start at 0, also with nothing to show (not -0.045 … 0.045)
        ax.set_ylim(0, max(ax.get_ylim()[1], 1))
        if name != "time":  # counts of cards or answers: whole numbers
            ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    axes["states"].xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    return axes


def _title(ax: Axes, key: str, lang: str, detail: str = "") -> None:
    """The panel's name on the left, its headline numbers on the right."""
    ax.set_title(_t(key, lang, title=True), loc="left")
    if detail:
        ax.set_title(detail, loc="right", fontsize=9)


def _date_axis(ax: Axes, days: list[int]) -> None:
    """Ticks on a few dates (month-day), never more than ~7 labels."""
    step = max(1, len(days) // 6)
    ticks = list(range(0, len(days), step))
    ax.set_xticks(ticks, [day_to_date(days[i]).strftime("%m-%d") for i in ticks])
    ax.set_xlim(-0.6, len(days) - 0.4)


def _no_data(ax: Axes, lang: str) -> None:
    ax.text(0.5, 0.5, _t("no_data", lang), transform=ax.transAxes, ha="center", va="center", alpha=0.6)


def _calendar(ax: Axes, stats: Stats, lang: str, theme: str) -> None:
    days = [d for d, _ in stats.calendar]
    counts = dict(stats.calendar)
    first = day_to_date(days[0])
    start = first - timedelta(days=first.weekday())  # the Monday of the first week
    weeks = (day_to_date(days[-1]) - start).days // 7 + 1
    grid = np.full((7, weeks), np.nan)
    for d in days:
        offset = (day_to_date(d) - start).days
        grid[offset % 7, offset // 7] = counts[d]
    top = max(counts.values()) if counts else 0
    # levels: 0 (no answers), then four shades by share of the busiest day
    levels = np.where(np.isnan(grid), np.nan, np.where(grid > 0, 1 + np.minimum(3, (grid * 4 / max(top, 1)) // 1), 0))
    cmap = ListedColormap([_EMPTY_CELL[theme], *_HEAT[theme]]).with_extremes(bad=(0.0, 0.0, 0.0, 0.0))
    # one cell per day, parted by lines of the page's colour (an image would read as one slab)
    ax.pcolormesh(np.arange(weeks + 1) - 0.5, np.arange(8) - 0.5, np.ma.masked_invalid(levels), cmap=cmap,
                  vmin=0, vmax=4, edgecolors=FIGURE_THEMES[theme]["axes.facecolor"], linewidth=CELL_GAP_PT)
    ax.set_ylim(6.5, -0.5)  # Monday on top
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_yticks([0, 2, 4, 6], ["Mon", "Wed", "Fri", "Sun"] if lang != "zh" else ["周一", "周三", "周五", "周日"])
    mondays = [(w, start + timedelta(weeks=w)) for w in range(weeks)]
    months = [(w, f"{monday.month}月" if lang == "zh" else monday.strftime("%b"))
              for w, monday in mondays if monday.day <= 7]  # the first week of each month
    ax.set_xticks([w for w, _ in months], [m for _, m in months])
    ax.tick_params(length=0, axis="x", pad=12)
    ax.tick_params(length=0, axis="y")
    for label in ax.get_xticklabels():  # on one baseline: top-aligned, "Feb" and "Jul" sat lower than "Mar"
        label.set_verticalalignment("baseline")
    studied = sum(1 for _, n in stats.calendar if n)
    _title(ax, "calendar", lang, f"{studied}/{len(days)} {_t('days', lang)} · {_t('streak', lang)} {stats.streak}")


def _answers(ax: Axes, stats: Stats, lang: str) -> None:
    data = stats.answers_per_day
    days = [d.day for d in data]
    x = np.arange(len(days))
    bottom = np.zeros(len(days))
    for kind in ("new", "review", "redrill"):
        values = np.array([getattr(d, kind) for d in data], dtype=float)
        ax.bar(x, values, bottom=bottom, width=0.85, color=KIND_COLOURS[kind], label=_t(kind, lang), linewidth=0)
        bottom += values
    _date_axis(ax, days)
    ax.set_ylabel(_t("answers_axis", lang))
    _title(ax, "answers", lang, f"{stats.answers} · {len(days)} {_t('days', lang)}")
    if stats.answers:
        ax.set_ylim(0, max(bottom) * 1.3)  # head-room for the legend
        ax.legend(loc="upper right", ncols=3)
    else:
        _no_data(ax, lang)


def _forecast(ax: Axes, stats: Stats, lang: str) -> None:
    days = [d for d, _ in stats.forecast]
    values = [n for _, n in stats.forecast]
    bars = ax.bar(np.arange(len(days)), values, width=0.85, color=color(0), linewidth=0)
    if values:
        bars[0].set_color(color(1))  # today, with the overdue cards
    _date_axis(ax, days)
    ax.set_ylabel(_t("cards", lang))
    _title(ax, "forecast", lang, f"{sum(values)} · {_t('due', lang)} {values[0] if values else 0}")


def _time(ax: Axes, stats: Stats, lang: str) -> None:
    days = [d for d, _ in stats.minutes_per_day]
    minutes = [m for _, m in stats.minutes_per_day]
    ax.bar(np.arange(len(days)), minutes, width=0.85, color=color(3), linewidth=0)
    _date_axis(ax, days)
    ax.set_ylabel(_t("minutes", lang))
    per_answer = f" · {stats.minutes * 60 / stats.answers:.0f} {_t('per_answer', lang)}" if stats.answers else ""
    _title(ax, "time", lang, f"{stats.minutes:.0f} {_t('min', lang)}{per_answer}")
    if not stats.answers:
        _no_data(ax, lang)


def _retention(ax: Axes, stats: Stats, lang: str) -> None:
    names = ("young", "mature", "all")
    shares = [stats.retention.get(n) for n in names]
    x = np.arange(len(names))
    ax.bar(x, [100 * (s or 0) for s in shares], width=0.6, color=[color(5), color(2), color(0)], linewidth=0)
    for i, (name, share) in enumerate(zip(names, shares)):
        passed, total = stats.retention_counts.get(name, (0, 0))
        label = f"{100 * share:.0f}%\n{passed}/{total}" if share is not None else "–"
        ax.text(i, min(100 * (share or 0), 100) + 3, label, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [_t(n, lang) for n in names])
    ax.set_ylim(0, 125)
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_ylabel("%")
    _title(ax, "retention", lang)


def _grades(ax: Axes, stats: Stats, lang: str, grading: str) -> None:
    """Answers per grade in the user's terms: Again / Hard / Good / Easy, or 0–5 in six-grade mode."""
    bars = grade_bars(stats.grades, grading)
    x = np.arange(len(bars))
    values = [n for _, n, _ in bars]
    colours = [color(1) if low < PASSING_GRADE else (color(4) if low == PASSING_GRADE else color(2))
               for _, _, low in bars]
    ax.bar(x, values, width=0.7, color=colours, linewidth=0)
    for i, n in enumerate(values):
        if n:
            ax.text(i, n, str(n), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [_grade_label(label, lang) for label, _, _ in bars])
    ax.set_ylabel(_t("answers_axis", lang))
    ax.margins(y=0.15)
    _title(ax, "grades", lang, str(sum(values)))


def _bin_label(b: Bin, scale: int) -> str:
    """EF bins as 1.3–1.5 (from, up to); whole-day bins as 2–3 (both inclusive)."""
    if scale != 1:
        low = f"{b.low / scale:.1f}"
        return f"{low}+" if b.high is None else f"{low}–{b.high / scale:.1f}"
    if b.high is None:
        return f"{b.low}+"
    return str(b.low) if b.high == b.low + 1 else f"{b.low}–{b.high - 1}"


def _bins(ax: Axes, bins: list[Bin], scale: int, key: str, lang: str, colour: str) -> None:
    x = np.arange(len(bins))
    ax.bar(x, [b.count for b in bins], width=0.8, color=colour, linewidth=0)
    ax.set_xticks(x, [_bin_label(b, scale) for b in bins], rotation=40, ha="right", rotation_mode="anchor")
    ax.set_ylabel(_t("cards", lang))
    _title(ax, key, lang, str(sum(b.count for b in bins)))


def _states(ax: Axes, stats: Stats, lang: str) -> None:
    names = ("new", "learning", "young", "mature", "suspended")
    counts = [stats.cards.get(n, 0) for n in names]
    y = np.arange(len(names))
    ax.barh(y, counts, color=[STATE_COLOURS[n] for n in names], height=0.65, linewidth=0)
    for i, n in enumerate(counts):
        ax.text(n, i, f" {n}", va="center", fontsize=8)
    ax.set_yticks(y, [_t(n, lang) for n in names])
    ax.invert_yaxis()
    ax.margins(x=0.15)
    _title(ax, "states", lang, f"{stats.cards.get('total', 0)} · {_t('due', lang)} {stats.cards.get('due_today', 0)}")


def render_rgba(stats: Stats, width_px: int, lang: str = "en", theme: str = "light",
                dpr: float = 1.0, grading: str = "four") -> tuple[bytes, int, int]:
    """The whole figure as RGBA8888 bytes of (width, height) device pixels."""
    theme = theme if theme in FIGURE_THEMES else "light"
    with rc_context(FIGURE_THEMES[theme]):
        figure = Figure(layout="constrained", dpi=100 * dpr)
        figure.set_size_inches(max(width_px, 480) / 100, FIGURE_HEIGHT_PX / 100)
        canvas = FigureCanvasAgg(figure)
        draw_stats(figure, stats, lang, theme, grading)
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        return bytes(canvas.buffer_rgba()), width, height


def save_stats_png(stats: Stats, path: str | Path, width_px: int = 1100, lang: str = "en",
                   theme: str = "light", grading: str = "four") -> Path:
    theme = theme if theme in FIGURE_THEMES else "light"
    with rc_context(FIGURE_THEMES[theme]):
        figure = Figure(layout="constrained")
        figure.set_size_inches(width_px / 100, FIGURE_HEIGHT_PX / 100)
        draw_stats(figure, stats, lang, theme, grading)
        FigureCanvasAgg(figure).print_png(str(path))
    return Path(path)
