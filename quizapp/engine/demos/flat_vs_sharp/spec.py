"""The flat-vs-sharp demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.shared_params import optimizer_steps
from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.flat_vs_sharp.compute import run

    return run


SPEC = DemoSpec(
    id="flat-vs-sharp", section="7.1",
    title_en="Flat vs sharp minima", title_zh="平坦最小值与尖锐最小值",
    load_run=_load_run,
    params=(
        Param("lr", "float", 0.05, "Learning rate η", "学习率 η", low=1e-3, high=1.0, log=True,
              help_en="GD step size; GD at curvature λ is stable iff η < 2/λ.",
              help_zh="梯度下降步长；在曲率为 λ 处，当且仅当 η < 2/λ 时稳定。"),
        Param("sharp_curvature", "float", 50.0, "Sharp curvature λ_sharp", "尖锐曲率 λ_sharp",
              low=5.0, high=200.0, log=True, help_en="Second derivative at the sharp minimum (w = −1).",
              help_zh="尖锐最小值（w = −1）处的二阶导数。"),
        Param("flat_curvature", "float", 2.0, "Flat curvature λ_flat", "平坦曲率 λ_flat",
              low=0.1, high=5.0, log=True, help_en="Second derivative at the flat minimum (w = 2).",
              help_zh="平坦最小值（w = 2）处的二阶导数。"),
        Param("offset", "float", 0.01, "Start offset", "起点偏移", low=1e-3, high=0.3, log=True,
              help_en="Each GD run starts this far from its minimum.",
              help_zh="每次梯度下降从距其最小值这么远的地方出发。"),
        Param("sigma_max", "float", 0.3, "Largest perturbation σ", "最大扰动 σ", low=0.01, high=1.0, log=True,
              help_en="Weights are perturbed by N(0, σ²) up to this σ to measure robustness.",
              help_zh="对参数施加 N(0, σ²) 扰动（σ 最大到此值）以衡量鲁棒性。"),
        Param("samples", "int", 4000, "Perturbation samples", "扰动样本数", low=100, high=50000, log=True,
              help_en="Monte Carlo samples per σ.", help_zh="每个 σ 的蒙特卡洛样本数。"),
        optimizer_steps(60, 5, 500),
    ),
    summary_en="On a landscape with a sharp and a flat basin of equal depth, GD with step η can stay only "
               "where the curvature is below 2/η, and perturbing the weights costs λσ²/2: the flat "
               "minimum is both reachable with larger steps and more robust.",
    summary_zh="在深度相同的一个尖锐盆地和一个平坦盆地上，步长为 η 的梯度下降只能停留在曲率低于 2/η 的地方；"
               "对参数扰动的代价为 λσ²/2：平坦最小值既能容纳更大步长，也更鲁棒。",
)
