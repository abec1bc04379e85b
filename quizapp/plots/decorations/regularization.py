"""Per-demo decorations for the regularization demos (§7.7), drawn after DemoFigure's generic
pass: shaded bands and short notes that state each card's fact with the run's numbers.

Decorations run on a full draw only (DemoFigure.update moves lines, not these), so anything that
depends on the data while a demo streams is drawn for the final result only.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from matplotlib import rcParams

from quizapp.engine.result import DemoResult
from quizapp.plots.decorations._common import _legend_below, _note

if TYPE_CHECKING:
    from quizapp.plots.demo_figure import DemoData, DemoFigure


def _series_y(data: "DemoData", name: str) -> tuple[Sequence[float], Sequence[float]] | None:
    for s in data.series:
        if s.name == name:
            return s.x, s.y
    return None


def l1_vs_l2(fig: "DemoFigure", data: "DemoData") -> None:
    m = data.metrics
    if "lasso_zeros_ista" not in m:
        return
    closed = m.get("lasso_zeros_closed_form")
    closed_en = f"closed form #|w_ols| ≤ λ: {closed}\n" if closed is not None else ""
    closed_zh = f"闭式 #|w_ols| ≤ λ：{closed}\n" if closed is not None else ""
    _note(fig, "zeros",
          f"{closed_en}ISTA exact zeros: {m['lasso_zeros_ista']}\n"
          f"subgradient exact zeros: {m['lasso_zeros_subgradient']}\n"
          f"(its smallest |w_j| = {m['subgradient_min_abs_coef']:.1e})",
          f"{closed_zh}ISTA 精确零：{m['lasso_zeros_ista']}\n"
          f"次梯度精确零：{m['lasso_zeros_subgradient']}\n"
          f"（其最小 |w_j| = {m['subgradient_min_abs_coef']:.1e}）", loc="lower right")
    _note(fig, "l2_path", f"ridge exact zeros: {m['ridge_zeros']}",
          f"ridge 精确零：{m['ridge_zeros']}", loc="lower right")


def weight_decay(fig: "DemoFigure", data: "DemoData") -> None:
    _legend_below(fig, "gap", ncols=3)
    m = data.metrics
    if "sgd_l2_vs_weight_decay_max_abs_diff" not in m:
        return
    _note(fig, "gap",
          f"SGD pair: max |Δθ| = {m['sgd_l2_vs_weight_decay_max_abs_diff']:.1e} (rounding)\n"
          f"Adam pair: ‖Δθ‖/‖θ‖ = {m['adam_l2_vs_adamw_relative_distance']:.2f}",
          f"SGD 对：max |Δθ| = {m['sgd_l2_vs_weight_decay_max_abs_diff']:.1e}（舍入误差）\n"
          f"Adam 对：‖Δθ‖/‖θ‖ = {m['adam_l2_vs_adamw_relative_distance']:.2f}", loc="center left")


def early_stopping(fig: "DemoFigure", data: "DemoData") -> None:
    _legend_below(fig, "loss")
    if not isinstance(data, DemoResult):
        return
    m = data.metrics
    ax = fig.axes.get("loss")
    if ax is None or "best_epoch" not in m:
        return
    if m.get("stopped_early"):
        # the theme's grid colour: a light grey band glared on the dark theme
        ax.axvspan(m["best_epoch"], m["stop_epoch"], color=rcParams["grid.color"], alpha=0.35, zorder=0, lw=0)
    _note(fig, "loss",
          f"best epoch {m['best_epoch']}, stop {m['stop_epoch']} (patience {m['patience']})\n"
          f"best val {m['best_val_loss']:.4g} = restored val {m['restored_val_loss']:.4g}",
          f"最佳轮次 {m['best_epoch']}，停止于 {m['stop_epoch']}（耐心值 {m['patience']}）\n"
          f"最佳验证损失 {m['best_val_loss']:.4g} = 恢复后 {m['restored_val_loss']:.4g}", loc="lower left")


def dropout(fig: "DemoFigure", data: "DemoData") -> None:
    m = data.metrics
    if "p_drop" in m:
        _note(fig, "mask",
              f"PyTorch p = {m['p_drop']:g} (drop); notes' keep prob. = {m['keep_probability_notes']:g}\n"
              f"kept × 1/(1−p) = {m['kept_scale_theory']:.4g}",
              f"PyTorch p = {m['p_drop']:g}（丢弃）；笔记中的保留概率 = {m['keep_probability_notes']:g}\n"
              f"保留单元 × 1/(1−p) = {m['kept_scale_theory']:.4g}", loc="lower right")
    if not isinstance(data, DemoResult):
        return
    upper, lower = _series_y(data, "MC mean ± 2 std"), _series_y(data, "_mc lower")
    ax = fig.axes.get("mc")
    if ax is not None and upper and lower:
        ax.fill_between(upper[0], lower[1], upper[1], color="#0072B2", alpha=0.12, lw=0, zorder=1)


def dropout_bn_variance_shift(fig: "DemoFigure", data: "DemoData") -> None:
    _legend_below(fig, "bn", ncols=3)
    m = data.metrics
    if "ratio_dropout_theory" not in m:
        return
    _note(fig, "dropout", f"ratio: theory {m['ratio_dropout_theory']:.4f}, MC {m['ratio_dropout_mc']:.4f}",
          f"比值：理论 {m['ratio_dropout_theory']:.4f}，蒙特卡洛 {m['ratio_dropout_mc']:.4f}", loc="center right")
    _note(fig, "uout", f"ratio: theory {m['ratio_uout_theory']:.4f}, MC {m['ratio_uout_mc']:.4f}",
          f"比值：理论 {m['ratio_uout_theory']:.4f}，蒙特卡洛 {m['ratio_uout_mc']:.4f}", loc="lower left")
    _note(fig, "bn",
          f"test output var: {m['bn_test_output_var_dropout']:.3f} after dropout,\n"
          f"{m['bn_test_output_var_uout']:.3f} after Uout (1 = no shift)",
          f"测试输出方差：dropout 后 {m['bn_test_output_var_dropout']:.3f}，\n"
          f"Uout 后 {m['bn_test_output_var_uout']:.3f}（1 = 无偏移）", loc="upper left")


DECORATE: dict[str, Callable[["DemoFigure", "DemoData"], None]] = {
    "l1-vs-l2": l1_vs_l2,
    "weight-decay": weight_decay,
    "early-stopping": early_stopping,
    "dropout": dropout,
    "dropout-bn-variance-shift": dropout_bn_variance_shift,
}
