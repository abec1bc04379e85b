"""The batched-sweep demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.batched_sweep.compute import run

    return run


SPEC = DemoSpec(
    id="batched-sweep", section="7.6", title_en="A batched hyperparameter sweep",
    title_zh="批量化超参数扫描", load_run=_load_run, streams=True,
    summary_en=("Every (learning rate, second hyperparameter) configuration of a small MLP trained at "
                "once as one vectorized computation over stacked per-configuration weights; each "
                "configuration follows exactly the run it would have trained alone with torch.optim.SGD."),
    summary_zh=("小型 MLP 的所有（学习率，第二个超参数）配置堆叠各自的权重，作为一次向量化计算同时训练；"
                "每个配置与单独用 torch.optim.SGD 训练的结果完全一致。"),
    params=(
        Param("axis2", "choice", "batch_size", "Second hyperparameter", "第二个超参数",
              choices=("batch_size", "momentum", "weight_decay"),
              help_en=("Rows of the heatmap: batch size (powers of two, 4 … 256), momentum (0 … 0.99) "
                       "or weight decay (1e-5 … 1e-1, log)."),
              help_zh="热力图的行：批大小（2 的幂，4 … 256）、动量（0 … 0.99）或权重衰减（1e-5 … 1e-1，对数）。"),
        Param("n_lr", "int", 32, "Learning rates", "学习率个数", low=2, high=64, unit="values",
              help_en="Log-spaced learning rates from lr_min to lr_max (heatmap columns).",
              help_zh="从 lr_min 到 lr_max 按对数均匀取的学习率个数（热力图的列）。"),
        Param("n_axis2", "int", 7, "Second-axis values", "第二轴取值数", low=2, high=16, unit="values",
              help_en="Values of the second hyperparameter (batch size has at most 7: 4, 8, …, 256).",
              help_zh="第二个超参数的取值个数（批大小最多 7 个：4、8、…、256）。"),
        Param("lr_min", "float", 1e-3, "Smallest learning rate", "最小学习率", low=1e-4, high=1.0, log=True),
        Param("lr_max", "float", 3.0, "Largest learning rate", "最大学习率", low=1e-3, high=10.0, log=True),
        Param("batch_size", "int", 32, "Batch size (when not swept)", "批大小（不扫描时）", low=4, high=256,
              log=True, unit="samples",
              help_en="Used for every configuration unless the second axis is the batch size.",
              help_zh="第二轴不是批大小时，所有配置都用此批大小。"),
        Param("momentum", "float", 0.9, "Momentum (when not swept)", "动量（不扫描时）", low=0.0, high=0.99,
              help_en="SGD momentum for every configuration unless the second axis is momentum.",
              help_zh="第二轴不是动量时，所有配置的 SGD 动量。"),
        Param("weight_decay", "float", 0.0, "Weight decay (when not swept)", "权重衰减（不扫描时）",
              low=0.0, high=0.1,
              help_en="SGD weight decay for every configuration unless the second axis is weight decay.",
              help_zh="第二轴不是权重衰减时，所有配置的 SGD 权重衰减。"),
        Param("epochs", "int", 10, "Epochs", "训练轮数", low=1, high=20, unit="epochs",
              help_en="Passes over the 256 training points; every configuration sees the same order.",
              help_zh="遍历 256 个训练点的轮数；所有配置看到相同的数据顺序。"),
        Param("hidden", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=32, log=True, unit="units",
              help_en="Units of the MLP's one ReLU hidden layer (2 → hidden → 1 logit).",
              help_zh="MLP 唯一 ReLU 隐藏层的单元数（2 → hidden → 1 个 logit）。"),
    ),
)
