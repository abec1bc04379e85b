"""The weight-decay demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Four copies of the MLP on 200 points: ~1 µs per unit of steps × hidden² at the largest sizes
# (1387 steps at hidden 134 took 25 s CPU, so the limit is half that).
LIMITS = (WorkLimit(lambda v: v["steps"] * v["hidden"] ** 2, 1.2e7, "steps × hidden²", ("steps", "hidden")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.weight_decay.compute import run

    return run


SPEC = DemoSpec(
    id="weight-decay",
    section="7.7",
    title_en="L2 penalty vs weight decay: equal for SGD, different for Adam",
    title_zh="L2 正则与权重衰减：SGD 下等价，Adam 下不同",
    load_run=_load_run, limits=LIMITS,
    streams=True,
    summary_en=("The same MLP, data and initialization trained four ways: SGD on loss + (λ/2)‖θ‖², "
                "torch.optim.SGD(weight_decay=λ), Adam on loss + (λ/2)‖θ‖², and AdamW(weight_decay=λ). "
                "The two SGD runs coincide step for step; Adam divides the L2 gradient by √v, AdamW "
                "does not, so they part ways."),
    summary_zh=("同一个 MLP、同样的数据和初始化，四种训练：SGD 优化 loss + (λ/2)‖θ‖²、"
                "torch.optim.SGD(weight_decay=λ)、Adam 优化 loss + (λ/2)‖θ‖²、AdamW(weight_decay=λ)。"
                "两个 SGD 逐步重合；Adam 会把 L2 梯度除以 √v，AdamW 不会，于是两者分道扬镳。"),
    params=(
        Param("weight_decay", "float", 0.01, "Penalty / decay λ", "正则 / 衰减系数 λ", low=1e-4, high=0.5, log=True,
              help_en="λ for the L2 penalty (λ/2)‖θ‖² and the optimizers' weight_decay argument.",
              help_zh="L2 惩罚 (λ/2)‖θ‖² 与优化器 weight_decay 参数共用的 λ。"),
        Param("lr_sgd", "float", 0.5, "SGD learning rate", "SGD 学习率", low=1e-3, high=1.0, log=True),
        Param("lr_adam", "float", 0.01, "Adam/AdamW learning rate", "Adam/AdamW 学习率", low=1e-4, high=0.1,
              log=True),
        Param("steps", "int", 300, "Training steps", "训练步数", low=20, high=3000, log=True,
              help_en="Full-batch steps on 200 two-moons points.", help_zh="在 200 个双月牙样本上的全批量步数。"),
        Param("hidden", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=256, log=True,
              help_en="A 2 → h → h → 2 tanh MLP.", help_zh="2 → h → h → 2 的 tanh MLP。"),
    ),
)
