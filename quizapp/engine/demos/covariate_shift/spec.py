"""The covariate-shift demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import TOY_DATASET, schedule_lr, training_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Two MLPs trained side by side: ~1.8 ns per unit of steps × batch × width² × depth (one thread).
LIMITS = (
    WorkLimit(lambda v: v["steps"] * v["batch_size"] * v["width"] ** 2 * v["depth"], 8e9,
              "steps × batch_size × width² × depth", ("steps", "batch_size", "width", "depth")),
)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.covariate_shift.compute import run

    return run


SPEC = DemoSpec(
    id="covariate-shift", section="7.5", title_en="Internal covariate shift with and without BN",
    title_zh="有无批归一化时的内部协变量偏移",
    load_run=_load_run, limits=LIMITS, streams=True,
    summary_en=("Two MLPs trained side by side, one with BatchNorm1d before each nonlinearity: the "
                "15/50/85th percentiles of one hidden unit's input to its nonlinearity drift during "
                "training without BN and stay put with it (Ioffe & Szegedy, Fig. 1)."),
    summary_zh=("并排训练两个 MLP，其中一个在每个非线性之前加 BatchNorm1d：某隐藏单元输入（非线性之前）的"
                "第 15/50/85 百分位数在训练中不加 BN 时漂移，加 BN 时基本不动（Ioffe & Szegedy 图 1）。"),
    params=(
        schedule_lr(0.2, low=1e-3, high=2.0),
        training_steps(400),
        Param("activation", "choice", "sigmoid", "Activation", "激活函数", choices=("sigmoid", "tanh", "relu"),
              help_en="Nonlinearity whose input is tracked (the BN paper used sigmoid).",
              help_zh="被跟踪输入的非线性函数（BN 论文用的是 sigmoid）。"),
        Param("depth", "int", 3, "Hidden layers", "隐藏层数", low=1, high=6,
              help_en="Hidden layers; the last one's nonlinearity input is tracked.",
              help_zh="隐藏层数；跟踪最后一层非线性的输入。"),
        Param("width", "int", 64, "Hidden width", "隐藏层宽度", low=4, high=256, log=True, unit="units",
              help_en="Units per hidden layer.", help_zh="每个隐藏层的单元数。"),
        Param("batch_size", "int", 64, "Batch size", "批大小", low=2, high=256, log=True, unit="samples",
              help_en="Minibatch size (both nets see the same batches).",
              help_zh="小批量大小（两个网络看到相同的批）。"),
        TOY_DATASET,
        Param("unit", "int", 0, "Tracked unit", "跟踪的单元", low=0, high=255,
              help_en="Index of the hidden unit whose percentiles are plotted (taken modulo the width).",
              help_zh="绘制百分位数的隐藏单元编号（对宽度取模）。"),
    ),
)
