"""The batchnorm-train-eval demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.batchnorm_train_eval.compute import run

    return run


SPEC = DemoSpec(
    id="batchnorm-train-eval", section="7.5", title_en="BatchNorm: batch vs running statistics",
    title_zh="批归一化：批统计量与滑动统计量",
    load_run=_load_run,
    summary_en=("nn.BatchNorm1d over a stream of batches: training mode normalizes with the batch's own "
                "mean and (biased) variance; the running estimates used in eval mode follow "
                "running ← (1−momentum)·running + momentum·batch, with the unbiased m/(m−1) variance."),
    summary_zh=("nn.BatchNorm1d 处理一串小批量：训练模式用本批的均值和（有偏）方差归一化；评估模式所用的滑动估计按 "
                "running ← (1−momentum)·running + momentum·batch 更新，方差用无偏的 m/(m−1) 修正。"),
    params=(
        Param("batch_size", "int", 4, "Batch size m", "批大小 m", low=1, high=256, log=True, unit="samples",
              help_en="Samples per batch; the unbiased correction m/(m−1) is largest for small m. "
                      "m = 1 cannot be normalized in training mode.",
              help_zh="每批样本数；m 越小，无偏修正 m/(m−1) 越大。m = 1 时训练模式无法归一化。"),
        Param("momentum", "float", 0.1, "BN momentum", "BN 动量", low=0.001, high=1.0, log=True,
              help_en="PyTorch's convention: the weight of the NEW batch (default 0.1); "
                      "Keras' 0.99 weights the old value.",
              help_zh="PyTorch 的约定：新批次的权重（默认 0.1）；Keras 的 0.99 是旧值的权重。"),
        Param("cumulative", "bool", False, "Cumulative average", "累积平均",
              help_en="momentum=None: running statistics become the plain average of all batches.",
              help_zh="momentum=None：滑动统计量变为所有批次的简单平均。"),
        Param("batches", "int", 200, "Batches", "批次数", low=1, high=2000, unit="batches",
              help_en="How many training-mode forward passes update the running statistics.",
              help_zh="更新滑动统计量的训练模式前向次数。"),
        Param("mean", "float", 2.0, "Input mean μ", "输入均值 μ", low=-10.0, high=10.0,
              help_en="Inputs are drawn from N(μ, σ²).", help_zh="输入服从 N(μ, σ²)。"),
        Param("std", "float", 3.0, "Input std σ", "输入标准差 σ", low=0.1, high=10.0,
              help_en="Inputs are drawn from N(μ, σ²).", help_zh="输入服从 N(μ, σ²)。"),
    ),
)
