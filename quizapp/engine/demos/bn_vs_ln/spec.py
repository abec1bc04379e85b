"""The bn-vs-ln demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import TOY_DATASET, schedule_lr
from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# The batch-mate draws are normalized all at once: draws × max_batch × features float64 values
# (the maxima held 1.2 GB).
LIMITS = (WorkLimit(lambda v: v["draws"] * v["max_batch"] * v["features"], 2**25, "draws × max_batch × features",
                    ("draws", "max_batch", "features")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.bn_vs_ln.compute import run

    return run


SPEC = DemoSpec(
    id="bn-vs-ln", section="7.5", title_en="BatchNorm vs LayerNorm across batch sizes",
    title_zh="不同批大小下的批归一化与层归一化",
    load_run=_load_run, limits=LIMITS, streams=True,
    summary_en=("One sample's normalized output changes with its batch-mates under BatchNorm1d (training "
                "mode) but not under LayerNorm; and MLPs trained with BN or LN at batch sizes down to 2."),
    summary_zh=("在 BatchNorm1d（训练模式）下，同一个样本的归一化输出随同批的其他样本而变，在 LayerNorm 下不变；"
                "以及在批大小小到 2 时分别用 BN 和 LN 训练的 MLP。"),
    params=(
        Param("min_batch", "int", 2, "Smallest batch", "最小批大小", low=1, high=64, log=True, unit="samples",
              help_en="Batch sizes go in powers of two from here; 1 shows BN's training-mode failure.",
              help_zh="批大小从这里开始按 2 的幂增加；取 1 可看到 BN 训练模式的失败。"),
        Param("max_batch", "int", 128, "Largest batch", "最大批大小", low=2, high=256, log=True, unit="samples",
              help_en="Largest batch size compared.", help_zh="比较的最大批大小。"),
        Param("features", "int", 32, "Features", "特征数", low=2, high=256, log=True, unit="features",
              help_en="Width of the normalized layer.", help_zh="被归一化的层的宽度。"),
        Param("draws", "int", 200, "Batch-mate draws", "同批样本抽取次数", low=10, high=2000,
              help_en="How many random sets of batch-mates the fixed sample is normalized with.",
              help_zh="固定样本与多少组随机同批样本一起归一化。"),
        schedule_lr(0.1, low=1e-4, high=1.0),
        Param("steps", "int", 200, "Training steps per model", "每个模型的训练步数", low=20, high=2000,
              unit="steps",
              help_en="SGD steps each MLP trains (the same for every batch size).",
              help_zh="每个 MLP 的 SGD 训练步数（各批大小相同）。"),
        TOY_DATASET,
    ),
)
