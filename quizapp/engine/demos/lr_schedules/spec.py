"""The lr-schedules demo: its parameters and texts. Pure Python (listing demos imports no torch);
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

# Seven MLPs (six schedules and the baseline) on the same batches: ~1.6 ns per unit of
# steps × batch_size × width² (one thread; the maxima took 53 s CPU).
LIMITS = (WorkLimit(lambda v: v["steps"] * v["batch_size"] * v["width"] ** 2, 8e9, "steps × batch_size × width²",
                    ("steps", "batch_size", "width")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.lr_schedules.compute import run

    return run


SPEC = DemoSpec(
    id="lr-schedules", section="7.2", title_en="Learning-rate decay schedules", title_zh="学习率衰减调度",
    load_run=_load_run, limits=LIMITS, streams=True,
    summary_en=("Step, multistep, exponential, natural-exponential, inverse-time and cosine decay, all "
                "from torch.optim.lr_scheduler, and what each does to training a small MLP. Decay "
                "lowers the learning rate on a schedule; the gradient itself is untouched."),
    summary_zh=("分段常数（step / multistep）、指数、自然指数、逆时和余弦衰减（均来自 torch.optim.lr_scheduler），"
                "以及它们对训练小型 MLP 的影响。衰减降低的是学习率，而不是梯度。"),
    params=(
        schedule_lr(0.3),
        training_steps(300),
        Param("step_size", "int", 75, "Step decay period s", "分段衰减周期 s", low=1, high=1000, unit="steps",
              help_en="StepLR multiplies the lr by γ every s steps: η_t = η₀·γ^⌊t/s⌋.",
              help_zh="StepLR 每 s 步将学习率乘以 γ：η_t = η₀·γ^⌊t/s⌋。"),
        Param("step_gamma", "float", 0.5, "Step decay factor γ", "分段衰减因子 γ", low=0.01, high=1.0,
              help_en="Factor of StepLR and of MultiStepLR (milestones at 50% and 75% of T).",
              help_zh="StepLR 与 MultiStepLR（里程碑在 T 的 50% 和 75%）的衰减因子。"),
        Param("exp_gamma", "float", 0.99, "Exponential decay γ (per step)", "指数衰减 γ（每步）",
              low=0.9, high=1.0,
              help_en="ExponentialLR: η_t = η₀·γ^t.", help_zh="ExponentialLR：η_t = η₀·γ^t。"),
        Param("decay_k", "float", 0.02, "Decay rate k", "衰减率 k", low=1e-4, high=1.0, log=True, unit="1/step",
              help_en=("Natural exponential η₀·e^(−kt) (ExponentialLR with γ = e^(−k)) and inverse time "
                       "η₀/(1 + kt) (LambdaLR)."),
              help_zh="自然指数衰减 η₀·e^(−kt)（ExponentialLR，γ = e^(−k)）与逆时衰减 η₀/(1 + kt)（LambdaLR）。"),
        Param("eta_min", "float", 0.0, "Cosine floor η_min", "余弦衰减下限 η_min", low=0.0, high=1.0,
              help_en="CosineAnnealingLR with T_max = T: η_t = η_min + (η₀ − η_min)(1 + cos(πt/T))/2.",
              help_zh="CosineAnnealingLR，T_max = T：η_t = η_min + (η₀ − η_min)(1 + cos(πt/T))/2。"),
        TOY_DATASET, BATCH_SIZE, HIDDEN_WIDTH, SGD_MOMENTUM,
    ),
)
