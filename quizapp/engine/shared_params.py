"""Parameters several demos share (the same wording and range wherever they appear). Pure Python."""
from __future__ import annotations

from quizapp.engine.spec import Param


def optimizer_steps(default: int, low: int = 10, high: int = 1000) -> Param:
    """Steps of a 2-D / toy optimizer run (the optimization demos of §7.1–7.2)."""
    return Param("steps", "int", default, "Steps", "迭代步数", low=low, high=high, log=True,
                 help_en="Number of optimizer steps.", help_zh="优化器迭代的步数。")


def schedule_lr(default: float, name: str = "lr", en: str = "Base learning rate η₀", zh: str = "基础学习率 η₀",
                low: float = 1e-3, high: float = 3.0) -> Param:
    """The learning rate a schedule starts from (or peaks at) and scales."""
    return Param(name, "float", default, en, zh, low=low, high=high, log=True,
                 help_en="The learning rate the schedule starts from (or peaks at) and scales.",
                 help_zh="调度所基于（或达到峰值）的学习率。")


def training_steps(default: int) -> Param:
    """Optimizer steps of a small-MLP training run; schedules advance once per step."""
    return Param("steps", "int", default, "Training steps T", "训练步数 T", low=20, high=2000, unit="steps",
                 help_en="Optimizer steps; the schedule advances once per step (t = 0 … T−1).",
                 help_zh="优化器的更新步数；每步调度器前进一次（t = 0 … T−1）。")


TOY_DATASET = Param("dataset", "choice", "moons", "Toy data set", "玩具数据集", choices=("moons", "spirals"),
                    help_en="Seeded 2-D two-class set (256 points) the small MLPs are trained on.",
                    help_zh="训练小型 MLP 所用的二维二分类数据（256 个点，固定随机种子）。")
BATCH_SIZE = Param("batch_size", "int", 32, "Batch size", "批大小", low=2, high=256, log=True, unit="samples",
                   help_en="Minibatch size of the training panel; every schedule sees the same batches.",
                   help_zh="训练面板的小批量大小；所有调度看到相同的小批量。")
HIDDEN_WIDTH = Param("width", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=256, log=True, unit="units",
                     help_en="Units in each of the MLP's two hidden ReLU layers.",
                     help_zh="MLP 两个 ReLU 隐藏层每层的单元数。")
SGD_MOMENTUM = Param("momentum", "float", 0.9, "SGD momentum", "SGD 动量", low=0.0, high=0.99,
                     help_en="Momentum of the SGD optimizer that every schedule drives (kept fixed).",
                     help_zh="各调度所驱动的 SGD 优化器的动量（固定不变）。")
