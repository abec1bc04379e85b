"""The batch-size-sharpness demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# The small-batch run takes epochs × 512/small_batch optimizer steps of ~0.3 ms each (batch 1 for
# 200 epochs: 102 400 steps, 42 s CPU with the sharpness estimates).
LIMITS = (WorkLimit(lambda v: v["epochs"] * 512 / v["small_batch"], 40_000, "epochs × 512 / small_batch",
                    ("epochs", "small_batch")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.batch_size_sharpness.compute import run

    return run


SPEC = DemoSpec(
    id="batch-size-sharpness", section="7.2",
    title_en="Batch size and sharpness", title_zh="批量大小与尖锐度",
    load_run=_load_run, limits=LIMITS, streams=True,
    params=(
        Param("small_batch", "int", 8, "Small batch", "小批量", low=1, high=64, log=True,
              help_en="Batch size of the small-batch run.", help_zh="小批量训练的批量大小。"),
        Param("large_batch", "int", 128, "Large batch", "大批量", low=16, high=512, log=True,
              help_en="Batch size of the large-batch run (512 = the full dataset).",
              help_zh="大批量训练的批量大小（512 即全量数据）。"),
        Param("lr", "float", 0.5, "Learning rate", "学习率", low=1e-3, high=2.0, log=True,
              help_en="SGD learning rate of the large-batch run (and of the small batch, unless scaled).",
              help_zh="大批量训练的 SGD 学习率（小批量也用它，除非按比例缩放）。"),
        Param("lr_scaling", "choice", "none", "LR scaling", "学习率缩放", choices=("none", "linear"),
              help_en="'linear': the small batch uses lr × small/large, so lr/B is the same for both "
                      "(Goyal et al.'s linear scaling rule) — and so, roughly, is the sharpness.",
              help_zh="'linear'：小批量使用 lr × 小批量/大批量，使两者的 lr/B 相同（线性缩放规则），"
                      "尖锐度也因此大致相同。"),
        Param("epochs", "int", 30, "Epochs", "训练轮数", low=1, high=200, log=True,
              help_en="Both runs see the data this many times.", help_zh="两次训练都遍历数据这么多轮。"),
        Param("width", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=128, log=True,
              help_en="Units in each of the MLP's two hidden layers.", help_zh="MLP 两个隐藏层各自的单元数。"),
        Param("power_iters", "int", 20, "Power iterations", "幂迭代次数", low=5, high=200, log=True,
              help_en="Hessian-vector products per sharpness estimate.",
              help_zh="每次尖锐度估计所用的 Hessian-向量积次数。"),
    ),
    summary_en="Train the same MLP on two-moons with a small and a large batch for the same number of "
               "epochs; the sharpness (top Hessian eigenvalue, by power iteration on Hessian-vector "
               "products) ends higher for the large batch. GD cannot stay where sharpness > 2/lr.",
    summary_zh="用小批量和大批量在双月数据上训练同一个 MLP，轮数相同；尖锐度（Hessian 最大特征值，"
               "由 Hessian-向量积的幂迭代求得）在大批量下更高。梯度下降无法停留在尖锐度 > 2/lr 的地方。",
)
