"""The grid-vs-random demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.grid_vs_random.compute import run

    return run


SPEC = DemoSpec(
    id="grid-vs-random", section="7.6", title_en="Grid search vs random search",
    title_zh="网格搜索与随机搜索", load_run=_load_run,
    summary_en=("Optuna's GridSampler and RandomSampler spend the same budget on a validation loss "
                "where one hyperparameter matters and the other barely does (Bergstra & Bengio, 2012). "
                "A k×k grid tries only k values of the important one; k² random trials try k²."),
    summary_zh=("Optuna 的 GridSampler 与 RandomSampler 以相同预算搜索一个验证损失：一个超参数很重要，"
                "另一个几乎无关（Bergstra & Bengio, 2012）。k×k 网格只试了重要参数的 k 个取值，"
                "k² 次随机试验则试了 k² 个。"),
    params=(
        Param("per_axis", "int", 3, "Grid values per hyperparameter k", "每个超参数的网格取值数 k",
              low=2, high=8, unit="values",
              help_en="The grid is k×k; both searches get the same budget of k² trials.",
              help_zh="网格为 k×k；两种搜索的预算相同，均为 k² 次试验。"),
        Param("optimum_x", "float", 0.72, "Best value of the important hyperparameter",
              "重要超参数的最优值", low=0.0, high=1.0,
              help_en="Where the loss dips along the important axis (the grid may straddle it).",
              help_zh="损失沿重要坐标轴下降到最低的位置（网格可能恰好跨过它）。"),
        Param("width", "float", 0.06, "Width of the good region", "最优区域的宽度", low=0.01, high=0.3,
              log=True,
              help_en="Standard deviation of the loss dip along the important axis: narrow dips punish grids.",
              help_zh="损失低谷沿重要坐标轴的标准差：低谷越窄，网格越吃亏。"),
        Param("unimportant_weight", "float", 0.1, "Effect of the unimportant hyperparameter",
              "不重要超参数的影响", low=0.0, high=1.0,
              help_en="How much the second hyperparameter moves the loss (0: not at all).",
              help_zh="第二个超参数对损失的影响幅度（0 表示完全无影响）。"),
    ),
)
