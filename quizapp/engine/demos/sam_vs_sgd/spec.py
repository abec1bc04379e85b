"""The sam-vs-sgd demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.sam_vs_sgd.compute import run

    return run


SPEC = DemoSpec(
    id="sam-vs-sgd", section="7.2",
    title_en="SAM vs SGD: sharpness-aware minimization finds the flat minimum",
    title_zh="SAM 与 SGD：锐度感知最小化找到平坦的最小值",
    load_run=_load_run, streams=True,
    params=(
        Param("lr", "float", 0.02, "Learning rate η", "学习率 η", low=1e-3, high=0.2, log=True,
              help_en="Step size of both optimizers (torch.optim.SGD). GD stays at a minimum of curvature λ "
                      "only if η < 2/λ.",
              help_zh="两个优化器的步长（torch.optim.SGD）。只有 η < 2/λ 时梯度下降才能停在曲率为 λ 的极小值。"),
        Param("rho", "float", 0.3, "SAM radius ρ", "SAM 半径 ρ", low=0.01, high=1.0, log=True,
              help_en="SAM first steps uphill to w + ρ·g/‖g‖, then descends from w with the gradient "
                      "found there. That lifts a minimum by about ½ρ²λ: large enough, the sharp one stops "
                      "being a minimum for SAM.",
              help_zh="SAM 先沿梯度方向上升到 w + ρ·g/‖g‖，再用那里的梯度从 w 下降。这使极小值约抬高 ½ρ²λ："
                      "ρ 足够大时，尖锐的那个对 SAM 不再是极小值。"),
        Param("sharp_curvature", "float", 40.0, "Sharp curvature λ_sharp", "尖锐曲率 λ_sharp", low=5.0,
              high=100.0, log=True,
              help_en="Top Hessian eigenvalue at the sharp minimum (−1, 0): the valley's curvature there.",
              help_zh="尖锐最小值 (−1, 0) 处 Hessian 的最大特征值：该处山谷的曲率。"),
        Param("flat_curvature", "float", 1.0, "Flat curvature λ_flat", "平坦曲率 λ_flat", low=0.5, high=4.0,
              log=True, help_en="Top Hessian eigenvalue at the flat minimum (1, 0).",
              help_zh="平坦最小值 (1, 0) 处 Hessian 的最大特征值。"),
        Param("noise", "float", 0.0, "Gradient noise σ", "梯度噪声 σ", low=0.0, high=2.0,
              help_en="Std of Gaussian noise added to every gradient step (the same draws for SGD and SAM).",
              help_zh="每步加到梯度上的高斯噪声标准差（SGD 与 SAM 使用相同的噪声）。"),
        Param("runs", "int", 16, "Runs", "运行次数", low=2, high=64, log=True,
              help_en="Independent starts, half near each minimum; SGD and SAM start from the same points.",
              help_zh="独立的起点，一半在每个极小值附近；SGD 与 SAM 从相同的点出发。"),
        Param("steps", "int", 300, "Steps", "迭代步数", low=20, high=2000, log=True,
              help_en="Optimizer steps of every run.", help_zh="每次运行的优化步数。"),
    ),
    summary_en=("A valley with two minima of equal depth (loss 0), one sharp (top Hessian eigenvalue λ_sharp) "
                "and one flat (λ_flat), behind a low barrier. SGD started near either one stays there: it "
                "reaches both equally. SAM (Foret et al. 2021) descends with the gradient at w + ρ·∇L/‖∇L‖; "
                "bouncing across the valley it feels a loss lifted by about ½ρ²λ, so it leaves the sharp minimum "
                "and ends at the flat one. Sharpness is the Hessian's top eigenvalue (autograd) at the iterates."),
    summary_zh=("一条山谷里有两个深度相同（损失为 0）的极小值，中间隔着低矮的势垒：一个尖锐（Hessian 最大特征值 "
                "λ_sharp），一个平坦（λ_flat）。从任一极小值附近出发的 SGD 都停在那里：两个极小值它同样能到达。"
                "SAM（Foret 等，2021）用 w + ρ·∇L/‖∇L‖ 处的梯度下降；它在山谷两壁间来回，感受到的损失约被抬高 "
                "½ρ²λ，于是离开尖锐最小值、停在平坦最小值。尖锐度为迭代点处 Hessian 的最大特征值（自动微分）。"),
)
