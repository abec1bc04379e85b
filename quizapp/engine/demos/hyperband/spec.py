"""The hyperband demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.hyperband.compute import run

    return run


SPEC = DemoSpec(
    id="hyperband", section="7.6", title_en="Successive halving and Hyperband",
    title_zh="逐次减半与 Hyperband", load_run=_load_run, streams=True,
    summary_en=("Random configurations of a small MLP (learning rate, width) trained epoch by epoch "
                "while Optuna's SuccessiveHalvingPruner or HyperbandPruner stops the weak ones early; "
                "the Hyperband bracket table of Li et al. and the epochs saved."),
    summary_zh=("随机抽取小型 MLP 的配置（学习率、宽度）逐轮训练，Optuna 的 SuccessiveHalvingPruner 或 "
                "HyperbandPruner 提前停掉较差的配置；并给出 Li 等人的 Hyperband 分组（bracket）表和节省的训练轮数。"),
    params=(
        Param("method", "choice", "hyperband", "Pruner", "剪枝器", choices=("hyperband", "successive-halving"),
              help_en=("successive-halving: one bracket, rungs at 1, η, η², … epochs (asynchronous, "
                       "as in Optuna); hyperband: several such brackets with different first rungs."),
              help_zh=("successive-halving：单个分组，在第 1、η、η²…… 轮评估（Optuna 中为异步版本）；"
                       "hyperband：多个首轮不同的此类分组。")),
        Param("max_epochs", "int", 27, "Maximum epochs R", "最大训练轮数 R", low=4, high=81, unit="epochs",
              help_en="The resource: a configuration that is never pruned trains for R epochs.",
              help_zh="资源上限：从未被剪枝的配置训练 R 轮。"),
        Param("eta", "int", 3, "Reduction factor η", "缩减因子 η", low=2, high=4,
              help_en="Each rung keeps the best 1/η of the trials that reach it.",
              help_zh="每一级只保留到达该级试验中最好的 1/η。"),
        Param("n_trials", "int", 40, "Configurations tried", "尝试的配置数", low=6, high=50, unit="trials",
              help_en="Random configurations (learning rate, hidden width) Optuna samples.",
              help_zh="Optuna 随机抽取的配置（学习率、隐藏层宽度）数量。"),
    ),
)
