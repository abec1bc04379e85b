"""The optimizer-race demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.engine.shared_params import optimizer_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction

if TYPE_CHECKING:  # the kernel module imports numpy; listing demos imports neither it nor torch
    from quizapp.engine.optim_kernel import OptimizerKind

# Surface ids of quizapp.engine.surfaces.SURFACES (a test keeps the two in step).
SURFACE_CHOICES = ("quadratic", "rosenbrock", "beale", "saddle", "cubic", "himmelblau")
# The optimizers of optimizer-race, in drawing order (a colour per optimizer).
RACE_OPTIMIZERS: tuple[OptimizerKind, ...] = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
# (English, Chinese) names of the optimizers
OPTIMIZER_NAMES = {"sgd": ("SGD", "SGD"), "momentum": ("Momentum", "动量法"), "nesterov": ("Nesterov", "Nesterov 动量"),
                   "adagrad": ("AdaGrad", "AdaGrad"), "rmsprop": ("RMSprop", "RMSprop"), "adam": ("Adam", "Adam")}


def _race_params() -> tuple[Param, ...]:
    params = [
        Param("surface", "choice", "rosenbrock", "Surface", "曲面", choices=SURFACE_CHOICES,
              help_en="The 2-D loss surface.", help_zh="二维损失曲面。"),
    ]
    for opt in RACE_OPTIMIZERS:
        en, zh = OPTIMIZER_NAMES[opt]
        params.append(Param(opt, "bool", True, en, zh, help_en=f"Race {en}.", help_zh=f"参加比赛：{zh}。"))
    for opt in RACE_OPTIMIZERS:
        en, zh = OPTIMIZER_NAMES[opt]
        params.append(Param(f"lr_{opt}", "float", 0.0, f"{en} learning rate", f"{zh} 学习率", low=0.0, high=10.0,
                            help_en="0 = the value tuned for the chosen surface.",
                            help_zh="0 表示使用针对所选曲面调好的值。"))
    params += [
        Param("lr_scale", "float", 1.0, "Learning-rate scale", "学习率缩放", low=0.01, high=100.0, log=True,
              help_en="Multiplies every optimizer's learning rate.", help_zh="所有优化器的学习率乘以此值。"),
        Param("momentum_beta", "float", 0.9, "Momentum β", "动量 β", low=0.0, high=0.99,
              help_en="Momentum of Momentum and Nesterov.", help_zh="动量法与 Nesterov 的动量系数。"),
        Param("rms_alpha", "float", 0.99, "RMSprop α", "RMSprop α", low=0.5, high=0.9999,
              help_en="Decay of RMSprop's squared-gradient average.", help_zh="RMSprop 平方梯度平均的衰减率。"),
        Param("beta1", "float", 0.9, "Adam β1", "Adam β1", low=0.0, high=0.999,
              help_en="Adam's first-moment decay.", help_zh="Adam 一阶矩的衰减率。"),
        Param("beta2", "float", 0.999, "Adam β2", "Adam β2", low=0.5, high=0.9999,
              help_en="Adam's second-moment decay.", help_zh="Adam 二阶矩的衰减率。"),
        optimizer_steps(500, 10, 2000),
        Param("custom_start", "bool", False, "Custom start", "自定义起点",
              help_en="Start at (x0, y0) instead of the surface's default start.",
              help_zh="从 (x0, y0) 出发，而不是曲面的默认起点。"),
        Param("x0", "float", 0.0, "Start x0", "起点 x0", low=-5.0, high=5.0,
              help_en="Start x when 'Custom start' is on.", help_zh="开启“自定义起点”时的起点 x。"),
        Param("y0", "float", 0.0, "Start y0", "起点 y0", low=-5.0, high=5.0,
              help_en="Start y when 'Custom start' is on.", help_zh="开启“自定义起点”时的起点 y。"),
    ]
    return tuple(params)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.optimizer_race.compute import run

    return run


SPEC = DemoSpec(
    id="optimizer-race", section="7.2",
    title_en="Optimizer race", title_zh="优化器赛跑",
    load_run=_load_run, streams=True,
    params=_race_params(),
    summary_en="SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam on the same surface from the same "
               "start, each with its own learning rate; trajectories equal torch.optim step for step.",
    summary_zh="SGD、动量法、Nesterov、AdaGrad、RMSprop 和 Adam 在同一曲面上从同一起点出发，"
               "各用自己的学习率；轨迹与 torch.optim 逐步一致。",
)
