"""The architecture-search demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.architecture_search.compute import run

    return run


SPEC = DemoSpec(
    id="architecture-search", section="7.6", title_en="A small architecture search",
    title_zh="小规模网络结构搜索", load_run=_load_run, streams=True,
    summary_en=("Optuna samples MLP depth, width and activation on a toy set (random search, or random "
                "search with Hyperband pruning); validation accuracy against parameter count, with the "
                "Pareto front of small-and-accurate models."),
    summary_zh=("Optuna 在玩具数据集上抽取 MLP 的深度、宽度和激活函数（随机搜索，或带 Hyperband 剪枝的随机搜索）；"
                "画出验证准确率与参数量的关系以及“又小又准”的帕累托前沿。"),
    params=(
        Param("method", "choice", "random", "Search", "搜索方式", choices=("random", "hyperband"),
              help_en="random: every sampled network trains fully; hyperband: HyperbandPruner stops weak ones.",
              help_zh="random：每个抽到的网络都完整训练；hyperband：HyperbandPruner 提前停掉较差的网络。"),
        Param("n_trials", "int", 25, "Architectures tried", "尝试的结构数", low=5, high=30, unit="trials",
              help_en="Networks Optuna samples.", help_zh="Optuna 抽取的网络数量。"),
        Param("max_depth", "int", 4, "Maximum depth", "最大深度", low=1, high=6, unit="hidden layers",
              help_en="Hidden layers are drawn from 1 … this.", help_zh="隐藏层数在 1 到此值之间抽取。"),
        Param("max_width", "int", 64, "Maximum width", "最大宽度", low=4, high=64, log=True, unit="units",
              help_en="Hidden width is drawn log-uniformly from 2 … this (same width in every layer).",
              help_zh="隐藏层宽度在 2 到此值之间按对数均匀抽取（各层宽度相同）。"),
        Param("steps", "int", 120, "Training steps", "训练步数", low=20, high=150, unit="steps",
              help_en="Full-batch Adam steps (lr 0.02) each network trains for.",
              help_zh="每个网络训练的全批量 Adam 步数（学习率 0.02）。"),
        Param("dataset", "choice", "spirals", "Toy data set", "玩具数据集", choices=("spirals", "moons"),
              help_en="Seeded 2-D two-class set: 300 training and 300 validation points.",
              help_zh="固定随机种子的二维二分类数据：300 个训练点和 300 个验证点。"),
    ),
)
