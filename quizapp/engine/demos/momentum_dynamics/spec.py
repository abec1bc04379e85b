"""The momentum-dynamics demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import optimizer_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.momentum_dynamics.compute import run

    return run


SPEC = DemoSpec(
    id="momentum-dynamics", section="7.2",
    title_en="Why momentum works", title_zh="动量为什么有效",
    load_run=_load_run,
    params=(
        Param("kappa", "float", 100.0, "Condition number κ", "条件数 κ", low=1.0, high=1000.0, log=True,
              help_en="Ratio of the quadratic's largest to smallest curvature (L = 1, μ = 1/κ).",
              help_zh="二次函数最大与最小曲率之比（L = 1，μ = 1/κ）。"),
        Param("alpha", "float", 2.0, "Step size α", "步长 α", low=0.001, high=4.0, log=True,
              help_en="Learning rate of heavy-ball momentum.", help_zh="重球动量法的学习率。"),
        Param("beta", "float", 0.8, "Momentum β", "动量 β", low=0.0, high=0.999,
              help_en="z ← βz + ∇f(w); w ← w − αz (torch.optim.SGD's momentum).",
              help_zh="z ← βz + ∇f(w)；w ← w − αz（torch.optim.SGD 的动量形式）。"),
        Param("resolution", "int", 100, "Heatmap resolution", "热图分辨率", low=20, high=300, log=True,
              help_en="Grid points per axis of the (α, β) rate map.", help_zh="(α, β) 收敛率图每个轴的格点数。"),
        optimizer_steps(200, 10, 2000),
    ),
    summary_en="On a quadratic with condition number κ, heavy-ball momentum converges at the spectral "
               "radius of its 2×2 iteration matrix; the best choice α* = 4/(√L+√μ)², β* = ((√κ−1)/(√κ+1))² "
               "gives rate (√κ−1)/(√κ+1), against (κ−1)/(κ+1) for the best plain GD.",
    summary_zh="在条件数为 κ 的二次函数上，重球动量法的收敛率是其 2×2 迭代矩阵的谱半径；最优的 α* = 4/(√L+√μ)²、"
               "β* = ((√κ−1)/(√κ+1))² 给出收敛率 (√κ−1)/(√κ+1)，而最优的普通梯度下降只有 (κ−1)/(κ+1)。",
)
