"""The statistics screen's FSRS charts, drawn onto one matplotlib Figure (no pyplot, no Qt).

`draw_fsrs(figure, outlook, lang)` draws four panels from the plain numbers that
`quizapp stats --json --fsrs` prints (services/fsrs_service.py: Outlook.to_dict): which
scheduler predicts the person better (log loss and RMSE(bins) of SM-2, FSRS default and FSRS
fitted on the later part of the log), each card's predicted recall today, FSRS's reviews per
day for the next 30 days, and the retention-vs-workload curve to pick a desired retention.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from quizapp.plots.style import FIGURE_THEMES, apply_style, color

FIGURE_HEIGHT_PX = 620  # two rows of panels; the screen passes the height it has (at least MIN_HEIGHT_PX)
MIN_HEIGHT_PX = 480

MODELS = ("sm2", "fsrs_default", "fsrs_fitted")
MODEL_COLOURS = {"sm2": color(3), "fsrs_default": color(0), "fsrs_fitted": color(2)}

# (English, Chinese) for every title and label
TEXT = {
    "evidence": ("Which predicts you better (lower is better)", "哪种算法更准（越低越好）"),
    "recall": ("Predicted recall of each card today", "今日每张卡的预测回忆率"),
    "reviews": ("FSRS reviews per day, next {days} days", "未来 {days} 天每日复习量"),
    "curve": ("Desired retention: workload vs recall", "目标保持率：工作量与回忆率"),
    "sm2": ("SM-2", "SM-2"), "fsrs_default": ("FSRS default", "FSRS 默认"), "fsrs_fitted": ("FSRS fitted", "FSRS 拟合"),
    "log_loss": ("log loss", "对数损失"), "rmse_bins": ("RMSE (bins)", "RMSE（分箱）"),
    "cards": ("cards", "卡片"), "reviews_axis": ("reviews", "复习"), "day": ("days from today", "距今天数"),
    "total": ("reviews in total", "复习总数"), "recall_end": ("mean recall at the end", "期末平均回忆率"),
    "recall_axis": ("predicted recall", "预测回忆率"), "mean": ("mean", "平均"), "now": ("now", "当前"),
    "test_answers": ("{n} test answers", "{n} 个测试答案"),
    "at_retention": ("{total} reviews at {retention} retention", "保持率 {retention}：共 {total} 次"),
    "no_evidence": ("not enough answers a day apart yet",
                                                                           "间隔一天以上的答案还不够"),
    "no_cards": ("no card seen yet", "还没有学过的卡片"),
    "not_fitted": ("not fitted: too few answers", "未拟合：答案太少"),
}


def _t(key: str, lang: str, title: bool = False, **values: object) -> str:
    en, zh = TEXT[key]
    en, zh = en.format(**values), zh.format(**values)
    if lang == "zh":
        return zh
    return f"{zh} · {en}" if lang == "both" and title else en


def _title(ax: Axes, key: str, lang: str, detail: str = "", **values: object) -> None:
    """The panel's name above it; its headline number inside, top right (bilingual titles are
    long: a right-hand title would run into them)."""
    ax.set_title(_t(key, lang, title=True, **values), loc="left")
    if detail:
        ax.text(0.99, 0.97, detail, transform=ax.transAxes, ha="right", va="top", fontsize=9,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": ax.get_facecolor(), "edgecolor": "none",
                      "alpha": 0.85})


def _note(ax: Axes, words: str) -> None:
    ax.text(0.5, 0.5, words, transform=ax.transAxes, ha="center", va="center", alpha=0.6)


def draw_fsrs(figure: Figure, outlook: dict[str, Any], lang: str = "en") -> dict[str, Axes]:
    """Draw the four FSRS panels onto `figure` (cleared first); returns the axes by name."""
    apply_style()
    figure.clear()
    grid = figure.add_gridspec(2, 2)
    axes = {name: figure.add_subplot(grid[i // 2, i % 2])
            for i, name in enumerate(("evidence", "recall", "reviews", "curve"))}
    _evidence(axes["evidence"], outlook["evidence"], lang)
    forecast = outlook["forecast"]
    _recall(axes["recall"], forecast, lang)
    _reviews(axes["reviews"], forecast, lang)
    _curve(axes["curve"], forecast, lang)
    return axes


def _evidence(ax: Axes, evidence: dict[str, Any], lang: str) -> None:
    scores = evidence["scores"]
    models = [m for m in MODELS if m in scores]
    n = max((s["reviews"] for s in scores.values()), default=0)
    _title(ax, "evidence", lang)
    if not models:
        _note(ax, _t("no_evidence", lang))
        ax.set_xticks([])
        ax.set_yticks([])
        return
    metrics = ("log_loss", "rmse_bins")
    width = 0.8 / len(models)
    x = np.arange(len(metrics))
    for i, model in enumerate(models):
        values = [scores[model][m] for m in metrics]
        bars = ax.bar(x + (i - (len(models) - 1) / 2) * width, values, width * 0.95, color=MODEL_COLOURS[model],
                      label=_t(model, lang), linewidth=0)
        ax.bar_label(bars, [f"{v:.3f}" for v in values], fontsize=8, padding=2)
    ax.set_xticks(x, [_t(m, lang) for m in metrics])
    ax.set_ylim(0, max(scores[m][k] for m in models for k in metrics) * 1.3)
    ax.legend(loc="upper right", ncols=len(models), fontsize=8, title=_t("test_answers", lang, n=n),
              title_fontsize=8)
    if "fsrs_fitted" not in scores:
        ax.text(0.99, 0.80, _t("not_fitted", lang), transform=ax.transAxes, ha="right", fontsize=8, alpha=0.7)


def _recall(ax: Axes, forecast: dict[str, Any], lang: str) -> None:
    histogram = forecast["recall_today_histogram"]
    counts, bins = histogram["cards"], histogram["bins"]
    mean = forecast["recall_today"]
    _title(ax, "recall", lang, "" if mean is None else f"{_t('mean', lang)} {mean:.0%}")
    edges = np.linspace(0, 1, bins + 1)
    ax.bar(edges[:-1], counts, width=1 / bins, align="edge", color=color(5), linewidth=0.4, edgecolor="none")
    if mean is None:
        _note(ax, _t("no_cards", lang))
    else:
        ax.axvline(mean, color=color(1), linewidth=1.5, linestyle="--")
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(_t("recall_axis", lang))
    ax.set_ylabel(_t("cards", lang))
    ax.set_ylim(0, max(max(counts, default=0), 1) * 1.1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def _reviews(ax: Axes, forecast: dict[str, Any], lang: str) -> None:
    values = forecast["reviews_per_day"]
    total = sum(values)
    retention = forecast["desired_retention"]
    _title(ax, "reviews", lang, _t("at_retention", lang, total=total, retention=f"{retention:.0%}"),
           days=forecast["days"])
    bars = ax.bar(np.arange(len(values)), values, width=0.85, color=color(0), linewidth=0)
    if values:
        bars[0].set_color(color(1))  # today
    ax.set_xlabel(_t("day", lang))
    ax.set_ylabel(_t("reviews_axis", lang))
    ax.set_xlim(-0.6, len(values) - 0.4)
    ax.set_ylim(0, max(max(values, default=0), 1) * 1.1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))


def _curve(ax: Axes, forecast: dict[str, Any], lang: str) -> None:
    points = forecast["retention_vs_workload"]
    current = forecast["desired_retention"]
    _title(ax, "curve", lang, f"{_t('now', lang)} {current:.0%}")
    totals = [p["reviews"] for p in points]
    recall = [p["recall_at_end"] for p in points]
    ax.plot(totals, recall, marker="o", color=color(2), linewidth=1.8, markersize=5)
    for p in points:
        chosen = abs(p["desired_retention"] - current) < 1e-9
        ax.annotate(f"{p['desired_retention']:.0%}", (p["reviews"], p["recall_at_end"]), textcoords="offset points",
                    xytext=(6, -12), fontsize=8, fontweight="bold" if chosen else "normal")
        if chosen:
            ax.plot([p["reviews"]], [p["recall_at_end"]], marker="o", markersize=10, fillstyle="none",
                    color=color(1), linewidth=0)
    ax.set_xlabel(_t("total", lang))
    ax.set_ylabel(_t("recall_end", lang))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if totals:
        span = max(totals) - min(totals) or 1
        ax.set_xlim(min(totals) - 0.08 * span, max(totals) + 0.15 * span)
        low, high = min(recall), max(recall)
        pad = (high - low or 0.01) * 0.15
        ax.set_ylim(low - pad, high + 2 * pad)  # room for the labels under the points and the note above


def render_fsrs_rgba(outlook: dict[str, Any], width_px: int, lang: str = "en", theme: str = "light",
                     dpr: float = 1.0, height_px: int = FIGURE_HEIGHT_PX) -> tuple[bytes, int, int]:
    """The FSRS figure as RGBA8888 bytes of (width, height) device pixels."""
    theme = theme if theme in FIGURE_THEMES else "light"
    with rc_context(FIGURE_THEMES[theme]):
        figure = Figure(layout="constrained", dpi=100 * dpr)
        figure.set_size_inches(max(width_px, 480) / 100, max(height_px, MIN_HEIGHT_PX) / 100)
        canvas = FigureCanvasAgg(figure)
        draw_fsrs(figure, outlook, lang)
        canvas.draw()
        width, height = canvas.get_width_height(physical=True)
        return bytes(canvas.buffer_rgba()), width, height


def save_fsrs_png(outlook: dict[str, Any], path: str | Path, width_px: int = 1100, lang: str = "en",
                  theme: str = "light") -> Path:
    theme = theme if theme in FIGURE_THEMES else "light"
    with rc_context(FIGURE_THEMES[theme]):
        figure = Figure(layout="constrained")
        figure.set_size_inches(width_px / 100, FIGURE_HEIGHT_PX / 100)
        draw_fsrs(figure, outlook, lang)
        FigureCanvasAgg(figure).print_png(str(path))
    return Path(path)
