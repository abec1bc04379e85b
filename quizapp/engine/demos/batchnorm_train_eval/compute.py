"""batchnorm-train-eval: what nn.BatchNorm1d normalizes with in training and in eval mode.

Training mode normalizes a batch of m samples with its own mean and *biased* variance
(divide by m), and updates the running estimates, PyTorch's momentum convention weighting the
NEW batch:
    running_mean ← (1 − momentum)·running_mean + momentum·batch_mean
    running_var  ← (1 − momentum)·running_var  + momentum·batch_var·m/(m − 1)   (unbiased)
(momentum=None: a cumulative average, momentum_k = 1/k). Eval mode normalizes with the running
estimates, so one input maps to one output whatever its batch-mates. m = 1 has no variance:
PyTorch refuses it in training mode.
"""
from __future__ import annotations

from typing import Any

import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.result import DemoResult, Panel, Series
from quizapp.i18n.text import DemoText


def _running_average(values: list[float]) -> list[float]:
    out, total = [], 0.0
    for i, v in enumerate(values, 1):
        total += v
        out.append(total / i)
    return out


def _panels(p: dict[str, Any]) -> list[Panel]:
    m = p["batch_size"]
    return [
        Panel("mean", "Running mean vs batch means", "滑动均值与各批均值", xlabel="batch", ylabel="mean",
              xlabel_zh="批次", ylabel_zh="均值"),
        Panel("var", f"Running variance vs batch variances (m = {m})", f"滑动方差与各批方差（m = {m}）",
              xlabel="batch", ylabel="variance", xlabel_zh="批次", ylabel_zh="方差",
              ylim=(0.0, 2.5 * p["std"] ** 2)),  # single small-batch variances reach far higher
        Panel("out", "Last batch: train-mode vs eval-mode output", "最后一批：训练模式与评估模式的输出",
              xlabel="input x", ylabel="BN output", xlabel_zh="输入 x", ylabel_zh="BN 输出"),
    ]


def run(p: dict[str, Any], ctx: RunContext) -> DemoResult:
    m, mu, sigma = p["batch_size"], p["mean"], p["std"]
    momentum = None if p["cumulative"] else p["momentum"]
    bn = nn.BatchNorm1d(1, momentum=momentum, device=ctx.device)
    panels = _panels(p)
    truth = [
        Series("true μ", [], [mu], panel="mean", kind="hline", style={"label_zh": "真实 μ", "color": "0.2"}),
        Series("true σ²", [], [sigma**2], panel="var", kind="hline", style={"label_zh": "真实 σ²", "color": "0.2"}),
    ]
    if m > 1:
        truth.append(Series("σ²·(m−1)/m (biased limit)", [], [sigma**2 * (m - 1) / m], panel="var", kind="hline",
                            style={"label_zh": "σ²·(m−1)/m（有偏极限）", "color": "#D55E00", "ls": ":"}))

    batch_mean, batch_var, batch_var_unbiased, run_mean, run_var = [], [], [], [], []
    x = y_train = torch.empty(0)
    messages: list[str] = []
    bn.train()
    for _ in range(p["batches"]):
        x = mu + sigma * torch.randn(m, 1, device=ctx.device, generator=ctx.generator)
        try:
            y_train = bn(x)
        except ValueError as exc:  # m = 1: "Expected more than 1 value per channel when training"
            messages.append(DemoText.tr("batch_size=1: BatchNorm cannot normalize one sample in training mode "
                                        "(its variance is 0); PyTorch says: {problem}. Only eval mode (running "
                                        "statistics) works; use batches of 2 or more, or LayerNorm.").format(
                problem=exc))
            break
        batch_mean.append(float(x.mean()))
        batch_var.append(float(x.var(unbiased=False)))
        batch_var_unbiased.append(float(x.var(unbiased=True)))
        running_mean, running_var = bn.running_mean, bn.running_var
        assert running_mean is not None and running_var is not None  # built with track_running_stats
        run_mean.append(float(running_mean[0]))
        run_var.append(float(running_var[0]))
    bn.eval()
    with torch.no_grad():
        y_eval = bn(x)

    k = list(range(1, len(batch_mean) + 1))
    series = [
        Series("batch means", k, batch_mean, panel="mean", kind="scatter",
               style={"label_zh": "各批均值", "size": 7, "alpha": 0.45}),
        Series("running_mean", k, run_mean, panel="mean", style={"label_zh": "running_mean（滑动均值）"}),
        Series("batch var (biased, used to normalize)", k, batch_var, panel="var", kind="scatter",
               style={"label_zh": "批方差（有偏，用于归一化）", "size": 7, "alpha": 0.45}),
        Series("running_var (uses unbiased)", k, run_var, panel="var",
               style={"label_zh": "running_var（用无偏方差）"}),
        Series("average of biased batch var", k, _running_average(batch_var), panel="var",
               style={"label_zh": "有偏批方差的平均", "ls": "--"}),
        Series("average of unbiased batch var", k, _running_average(batch_var_unbiased), panel="var",
               style={"label_zh": "无偏批方差的平均", "ls": "--"}),
        *truth,
    ]
    xs = x.flatten().tolist()
    if batch_mean:
        series.append(Series("train mode (batch stats)", xs, y_train.detach().flatten().tolist(), panel="out",
                             kind="scatter", style={"label_zh": "训练模式（批统计量）", "size": 30}))
    series.append(Series("eval mode (running stats)", xs, y_eval.flatten().tolist(), panel="out", kind="scatter",
                         style={"label_zh": "评估模式（滑动统计量）", "size": 30, "marker": "x"}))
    lo, hi = mu - 3 * sigma, mu + 3 * sigma
    series.append(Series("(x − μ)/σ", [lo, hi], [-3.0, 3.0], panel="out",
                         style={"label_zh": "(x − μ)/σ", "color": "0.5", "ls": ":"}))

    metrics: dict[str, Any] = {"batches_used": len(batch_mean), "true_mean": mu, "true_var": sigma**2}
    if batch_mean:
        assert bn.num_batches_tracked is not None  # built with track_running_stats
        metrics.update(
            running_mean=run_mean[-1], running_var=run_var[-1],
            bessel_factor=m / (m - 1),
            avg_batch_var_biased=sum(batch_var) / len(batch_var),
            avg_batch_var_unbiased=sum(batch_var_unbiased) / len(batch_var_unbiased),
            biased_limit=sigma**2 * (m - 1) / m,
            num_batches_tracked=int(bn.num_batches_tracked),
            train_eval_output_gap=float((y_train.detach() - y_eval).abs().max()),
        )
    return ctx.result(series, panels, metrics, messages)
