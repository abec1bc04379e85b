"""The bayesian-optimization demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.bayesian_optimization.compute import run

    return run


SPEC = DemoSpec(
    id="bayesian-optimization", section="7.6", title_en="Bayesian optimization: GP and expected improvement",
    title_zh="贝叶斯优化：高斯过程与期望改进", load_run=_load_run,
    summary_en=("A Gaussian-process posterior (RBF kernel, exact) over a 1-D black box after t trials, "
                "its expected-improvement curve and the next point EI picks; beside it Optuna's "
                "model-based sampler against random search at the same budget."),
    summary_zh=("对一维黑箱函数在 t 次试验后的高斯过程后验（RBF 核，精确推断）、期望改进（EI）曲线"
                "以及 EI 选出的下一个点；旁边是同样预算下 Optuna 基于模型的采样器与随机搜索的对比。"),
    params=(
        Param("trials", "int", 5, "Trials so far t", "已完成试验数 t", low=1, high=30, unit="trials",
              help_en="Step the search: the posterior and EI are shown after t evaluations.",
              help_zh="逐步推进搜索：显示 t 次评估之后的后验与 EI。"),
        Param("n_init", "int", 3, "Random initial trials", "随机初始试验数", low=1, high=10, unit="trials",
              help_en="Trials drawn uniformly at random before the GP starts choosing.",
              help_zh="高斯过程开始选点之前均匀随机抽取的试验数。"),
        Param("lengthscale", "float", 0.1, "RBF length scale ℓ", "RBF 长度尺度 ℓ", low=0.02, high=1.0,
              log=True,
              help_en="k(x, x') = σ²·exp(−(x − x')²/(2ℓ²)): small ℓ trusts wiggles, large ℓ smooths.",
              help_zh="k(x, x') = σ²·exp(−(x − x')²/(2ℓ²))：ℓ 小则相信细小起伏，ℓ 大则更平滑。"),
        Param("xi", "float", 0.01, "Exploration margin ξ", "探索裕量 ξ", low=0.0, high=1.0,
              help_en="EI counts only improvements beyond best − ξ; larger ξ explores more.",
              help_zh="EI 只计入超过 best − ξ 的改进；ξ 越大越偏向探索。"),
        Param("budget", "int", 20, "Comparison budget", "对比预算", low=5, high=50, unit="trials",
              help_en="Trials each method gets in the best-so-far comparison.",
              help_zh="“目前最优”对比中每种方法可用的试验次数。"),
        Param("sampler", "choice", "tpe", "Optuna model-based sampler", "Optuna 基于模型的采样器",
              choices=("tpe", "gp"),
              help_en=("TPESampler, or GPSampler (needs SciPy; without it the demo falls back to TPE "
                       "and says so)."),
              help_zh="TPESampler，或 GPSampler（需要 SciPy；缺少时演示会改用 TPE 并给出提示）。"),
    ),
)
