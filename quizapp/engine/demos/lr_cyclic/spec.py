"""The lr-cyclic demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import (
    BATCH_SIZE,
    HIDDEN_WIDTH,
    SGD_MOMENTUM,
    TOY_DATASET,
    schedule_lr,
    training_steps,
)
from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Four MLPs on the same batches: ~1 ns per unit of steps × batch_size × width² (the maxima took
# 34 s CPU).
LIMITS = (WorkLimit(lambda v: v["steps"] * v["batch_size"] * v["width"] ** 2, 1.2e10, "steps × batch_size × width²",
                    ("steps", "batch_size", "width")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.lr_cyclic.compute import run

    return run


SPEC = DemoSpec(
    id="lr-cyclic", section="7.2", title_en="Cyclic learning rates: triangular, SGDR, 1cycle",
    title_zh="周期性学习率：三角、SGDR、1cycle",
    load_run=_load_run, limits=LIMITS, streams=True,
    summary_en=("CyclicLR (triangular, triangular2), CosineAnnealingWarmRestarts (SGDR) and OneCycleLR "
                "from torch.optim.lr_scheduler, and their effect on training a small MLP."),
    summary_zh=("torch.optim.lr_scheduler 中的 CyclicLR（triangular、triangular2）、"
                "CosineAnnealingWarmRestarts（SGDR）和 OneCycleLR，以及它们对训练小型 MLP 的影响。"),
    params=(
        schedule_lr(0.01, name="base_lr", en="Base (lowest) learning rate", zh="基础（最低）学习率",
                    low=1e-4, high=1.0),
        schedule_lr(0.5, name="max_lr", en="Maximum learning rate", zh="最大学习率"),
        training_steps(300),
        Param("step_size_up", "int", 25, "Half cycle (CyclicLR)", "半周期（CyclicLR）", low=1, high=1000,
              unit="steps",
              help_en="CyclicLR climbs from base_lr to max_lr in this many steps, then back down; "
                      "triangular2 halves the amplitude every cycle.",
              help_zh="CyclicLR 用这么多步从 base_lr 升到 max_lr，再降回；triangular2 每个周期振幅减半。"),
        Param("T_0", "int", 20, "SGDR first period T₀", "SGDR 首个周期 T₀", low=1, high=1000, unit="steps",
              help_en="CosineAnnealingWarmRestarts: the first cosine run lasts T₀ steps.",
              help_zh="CosineAnnealingWarmRestarts：第一段余弦持续 T₀ 步。"),
        Param("T_mult", "int", 2, "SGDR period multiplier", "SGDR 周期倍数", low=1, high=4,
              help_en="Each SGDR period is T_mult times the previous: restarts at T₀, T₀(1+T_mult), …",
              help_zh="每个 SGDR 周期是上一个的 T_mult 倍：在 T₀、T₀(1+T_mult)… 处重启。"),
        Param("pct_start", "float", 0.3, "1cycle warm-up share", "1cycle 上升比例", low=0.05, high=0.95,
              help_en="OneCycleLR rises to max_lr over this share of T, then anneals (cosine) to base_lr/100.",
              help_zh="OneCycleLR 在 T 的这一比例内升到 max_lr，随后余弦退火到 base_lr/100。"),
        TOY_DATASET, BATCH_SIZE, HIDDEN_WIDTH, SGD_MOMENTUM,
    ),
)
