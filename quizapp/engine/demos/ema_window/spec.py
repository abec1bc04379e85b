"""The ema-window demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import optimizer_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.ema_window.compute import run

    return run


SPEC = DemoSpec(
    id="ema-window", section="7.2",
    title_en="Exponential moving average", title_zh="指数移动平均（EMA）",
    load_run=_load_run,
    params=(
        Param("beta", "float", 0.9, "Decay β", "衰减率 β", low=0.5, high=0.999,
              help_en="v_t = β v_{t−1} + (1−β) x_t; it averages over roughly the last 1/(1−β) steps.",
              help_zh="v_t = β v_{t−1} + (1−β) x_t；约等于最近 1/(1−β) 步的平均。"),
        Param("signal", "choice", "step", "Signal", "信号", choices=("constant", "step", "cosine"),
              help_en="The clean signal under the noise.", help_zh="噪声下的干净信号。"),
        Param("level", "float", 1.0, "Signal level", "信号幅值", low=-10.0, high=10.0,
              help_en="Value of the constant signal "
                      "(the step goes from +level to −level; the cosine has amplitude level).",
              help_zh="常数信号的值（阶跃从 +level 跳到 −level；余弦的振幅为 level）。"),
        Param("noise", "float", 0.3, "Noise σ", "噪声 σ", low=0.0, high=3.0,
              help_en="Std of the Gaussian noise on each observation.", help_zh="每个观测上的高斯噪声标准差。"),
        optimizer_steps(100, 10, 2000),
    ),
    summary_en="An EMA with decay β weighs the observation k steps back by (1−β)β^k; the weight falls to "
               "1/e of the newest after about 1/(1−β) steps. Started at 0 it is biased low; dividing by "
               "1−β^t removes that bias exactly (a constant is reproduced exactly).",
    summary_zh="衰减率为 β 的 EMA 给 k 步之前的观测权重 (1−β)β^k；约 1/(1−β) 步后权重降到最新的 1/e。"
               "从 0 开始会偏低；除以 1−β^t 可精确消除该偏差（常数被精确还原）。",
)
