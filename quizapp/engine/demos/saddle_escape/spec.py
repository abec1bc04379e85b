"""The saddle-escape demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import optimizer_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.saddle_escape.compute import run

    return run


SPEC = DemoSpec(
    id="saddle-escape", section="7.1",
    title_en="Escaping saddle points", title_zh="逃离鞍点",
    load_run=_load_run,
    params=(
        Param("lr", "float", 0.1, "Learning rate η", "学习率 η", low=0.005, high=0.9, log=True,
              help_en="Gradient-descent step size. On x²−y², GD multiplies y by (1+2η) per step.",
              help_zh="梯度下降步长。在 x²−y² 上，每一步 y 被乘以 (1+2η)。"),
        Param("eps", "float", 1e-4, "Initial offset ε", "初始偏移 ε", low=1e-12, high=0.1, log=True,
              help_en="Start at (x0, ε): how far off the saddle's stable line GD begins.",
              help_zh="从 (x0, ε) 出发：起点偏离鞍点稳定方向的距离。"),
        Param("x0", "float", 1.5, "Start x0", "起点 x0", low=0.1, high=2.0,
              help_en="Start coordinate along the stable direction x.", help_zh="沿稳定方向 x 的起点坐标。"),
        Param("noise", "float", 0.01, "Gradient noise σ", "梯度噪声 σ", low=1e-6, high=1.0, log=True,
              help_en="Std of Gaussian noise added to the gradient (stands in for minibatch noise).",
              help_zh="加到梯度上的高斯噪声标准差（模拟小批量噪声）。"),
        Param("momentum", "float", 0.9, "Momentum β", "动量 β", low=0.0, high=0.99,
              help_en="Heavy-ball momentum of the momentum run (torch.optim.SGD convention).",
              help_zh="动量法的动量系数（torch.optim.SGD 的约定）。"),
        Param("cubic_runs", "int", 8, "Noisy runs on the cubic", "三次函数上的噪声运行数", low=1, high=40,
              help_en="Noisy GD runs started exactly at the cubic's saddle (1/4, −1/2).",
              help_zh="从三次函数鞍点 (1/4, −1/2) 出发的带噪声梯度下降次数。"),
        optimizer_steps(100, 10, 1000),
    ),
    summary_en="GD started on a saddle's stable line stays stuck; an ε offset is multiplied by (1+2η) at every step, "
               "and gradient noise or momentum escape faster. The notes-style cubic x²+y²+y³+xy has its "
               "saddle at (1/4, −1/2) and a local minimum at the origin.",
    summary_zh="从鞍点稳定方向出发的梯度下降会停滞；偏移 ε 每一步乘以 (1+2η)，梯度噪声或动量能更快逃离。"
               "笔记中的三次函数 x²+y²+y³+xy 的鞍点在 (1/4, −1/2)，原点是局部极小值。",
)
