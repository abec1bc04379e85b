"""The early-stopping demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Full-batch Adam on a 1-h-h-1 net: ~80 ns per unit of max_epochs × hidden² (one thread).
LIMITS = (WorkLimit(lambda v: v["max_epochs"] * v["hidden"] ** 2, 1.6e8, "max_epochs × hidden²",
                    ("max_epochs", "hidden")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.early_stopping.compute import run

    return run


SPEC = DemoSpec(
    id="early-stopping",
    section="7.7",
    title_en="Early stopping: patience, best epoch, restored weights",
    title_zh="提前停止：耐心值、最佳轮次与恢复的权重",
    load_run=_load_run, limits=LIMITS,
    streams=True,
    summary_en=("An over-parameterized MLP fits a few noisy points. The validation loss falls, then "
                "rises as the net fits the noise; training stops `patience` epochs after the last "
                "improvement and the weights of the best epoch are restored."),
    summary_zh=("一个参数过多的 MLP 拟合少量带噪样本。验证损失先降后升（开始拟合噪声）；"
                "在最后一次改进之后再等 patience 轮即停止，并恢复最佳轮次的权重。"),
    params=(
        Param("patience", "int", 100, "Patience (epochs)", "耐心值（轮）", low=1, high=500, log=True,
              unit="epochs",
              help_en="Stop after this many epochs without a new validation minimum.",
              help_zh="验证损失连续这么多轮没有创新低就停止。"),
        Param("max_epochs", "int", 2000, "Max epochs", "最大轮数", low=50, high=5000, log=True, unit="epochs",
              help_en="One epoch is one full-batch Adam step on the training set.",
              help_zh="每轮是在训练集上的一次全批量 Adam 更新。"),
        Param("n_train", "int", 25, "Training points", "训练样本数", low=5, high=200, log=True),
        Param("noise", "float", 0.3, "Label noise std", "标签噪声标准差", low=0.0, high=1.0),
        Param("hidden", "int", 128, "Hidden width", "隐藏层宽度", low=8, high=512, log=True,
              help_en="A 1 → h → h → 1 tanh MLP.", help_zh="1 → h → h → 1 的 tanh MLP。"),
        Param("lr", "float", 0.003, "Adam learning rate", "Adam 学习率", low=1e-4, high=0.1, log=True),
        Param("continue_after_stop", "bool", True, "Show training past the stop", "显示停止后的继续训练",
              help_en="Keep training (for the plot only) to show what early stopping avoided.",
              help_zh="继续训练（仅用于作图），展示提前停止避免了什么。"),
    ),
)
