"""The adaptive-lr demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import optimizer_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction

# The optimizers adaptive-lr compares, in bar order (also its x tick labels).
ADAPTIVE_OPTIMIZERS = ("SGD", "AdaGrad", "RMSprop", "Adam")


def _load_run() -> RunFunction:
    from quizapp.engine.demos.adaptive_lr.compute import run

    return run


SPEC = DemoSpec(
    id="adaptive-lr", section="7.2",
    title_en="Adaptive learning rates", title_zh="自适应学习率",
    load_run=_load_run,
    params=(
        Param("lr", "float", 0.01, "Learning rate", "学习率", low=1e-4, high=1.0, log=True,
              help_en="The same lr for SGD, AdaGrad, RMSprop and Adam.",
              help_zh="SGD、AdaGrad、RMSprop 和 Adam 使用同一学习率。"),
        Param("spread", "float", 10.0, "Gradient-scale spread", "梯度尺度差异", low=1.0, high=1000.0, log=True,
              help_en="The three coordinates see gradients of scale spread, 1 and 1/spread.",
              help_zh="三个坐标的梯度尺度分别为 spread、1 和 1/spread。"),
        Param("noise", "float", 0.0, "Gradient noise", "梯度噪声", low=0.0, high=2.0,
              help_en="Relative Gaussian noise on each gradient (0 = constant gradients).",
              help_zh="每个梯度上的相对高斯噪声（0 表示恒定梯度）。"),
        Param("rms_alpha", "float", 0.99, "RMSprop α", "RMSprop α", low=0.5, high=0.9999,
              help_en="Decay of RMSprop's squared-gradient average.", help_zh="RMSprop 平方梯度平均的衰减率。"),
        Param("beta2", "float", 0.999, "Adam β2", "Adam β2", low=0.5, high=0.9999,
              help_en="Adam's second-moment decay.", help_zh="Adam 二阶矩的衰减率。"),
        optimizer_steps(500, 10, 5000),
    ),
    summary_en="Per-coordinate steps of AdaGrad, RMSprop and Adam on gradients of very different scales: "
               "adaptive methods take similar steps on every coordinate. With a constant gradient AdaGrad's "
               "step shrinks like lr/√t while Adam's step is lr.",
    summary_zh="在尺度差异很大的梯度上比较 AdaGrad、RMSprop 和 Adam 的逐坐标步长：自适应方法在每个坐标上步长相近。"
               "梯度恒定时，AdaGrad 的步长按 lr/√t 衰减，而 Adam 的步长等于 lr。",
)
