"""The lr-warmup demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import (
    BATCH_SIZE,
    TOY_DATASET,
    schedule_lr,
    training_steps,
)
from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Three MLPs of `depth` hidden layers on the same batches: the cost of lr-schedules' per layer.
LIMITS = (WorkLimit(lambda v: v["steps"] * v["batch_size"] * v["width"] ** 2 * v["depth"], 2e10,
                    "steps × batch_size × width² × depth", ("steps", "batch_size", "width", "depth")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.lr_warmup.compute import run

    return run


SPEC = DemoSpec(
    id="lr-warmup", section="7.2", title_en="Learning-rate warmup", title_zh="学习率预热",
    load_run=_load_run, limits=LIMITS, streams=True,
    summary_en=("Linear warmup (LinearLR) and exponential warmup (LambdaLR) chained into a decay with "
                "SequentialLR, against the same decay with no warmup, on a deeper MLP at a large "
                "learning rate."),
    summary_zh=("线性预热（LinearLR）和指数预热（LambdaLR）通过 SequentialLR 接入衰减，"
                "与不预热的同一衰减对比：在较大学习率下训练较深的 MLP。"),
    params=(
        schedule_lr(0.1, en="Peak learning rate η", zh="峰值学习率 η"),
        training_steps(300),
        Param("warmup_steps", "int", 40, "Warmup steps W", "预热步数 W", low=1, high=1000, unit="steps",
              help_en="The lr rises from start_factor·η at t = 0 to η at t = W, then decays.",
              help_zh="学习率从 t = 0 时的 start_factor·η 升到 t = W 时的 η，之后衰减。"),
        Param("start_factor", "float", 0.01, "Warmup start factor", "预热起始因子", low=1e-3, high=1.0, log=True,
              help_en="Warmup starts at start_factor·η (LinearLR's start_factor).",
              help_zh="预热从 start_factor·η 开始（即 LinearLR 的 start_factor）。"),
        Param("decay", "choice", "cosine", "Decay after warmup", "预热后的衰减",
              choices=("cosine", "linear", "constant"),
              help_en="What follows the warmup: CosineAnnealingLR, LinearLR to 0, or a constant lr.",
              help_zh="预热之后：余弦衰减 CosineAnnealingLR、线性降到 0（LinearLR）或保持不变。"),
        Param("optimizer", "choice", "adam", "Optimizer", "优化器", choices=("adam", "sgd"),
              help_en="Adam (warmup is standard for adaptive methods) or SGD with momentum 0.9.",
              help_zh="Adam（自适应方法常配合预热）或动量 0.9 的 SGD。"),
        Param("depth", "int", 4, "Hidden layers", "隐藏层数", low=1, high=8,
              help_en="ReLU hidden layers of the MLP; deeper nets are more sensitive to a large early lr.",
              help_zh="MLP 的 ReLU 隐藏层数；越深越容易被初期过大的学习率破坏。"),
        TOY_DATASET, BATCH_SIZE,
        Param("width", "int", 64, "Hidden width", "隐藏层宽度", low=4, high=256, log=True, unit="units",
              help_en="Units in each hidden layer.", help_zh="每个隐藏层的单元数。"),
    ),
)
