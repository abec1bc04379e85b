"""The dropout-bn-variance-shift demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.dropout_bn_variance_shift.compute import run

    return run


SPEC = DemoSpec(
    id="dropout-bn-variance-shift",
    section="7.7",
    title_en="Dropout before BN: the variance shift, and Uout",
    title_zh="BN 之前的 dropout：方差偏移与 Uout",
    load_run=_load_run,
    summary_en=("Dropout raises a unit's variance during training only, so the running variance BN "
                "learns is too large at test time: Var_test/Var_train = v/((c²+v)/q − c²) with keep "
                "probability q = 1 − p, input mean c and variance v (Li et al. 2019). Uout, "
                "x·(1+r) with r ~ U(−β, β), gives v/(v + (c²+v)β²/3)."),
    summary_zh=("dropout 只在训练时增大单元方差，BN 学到的滑动方差在测试时偏大："
                "Var_test/Var_train = v/((c²+v)/q − c²)，其中保留概率 q = 1 − p，输入均值 c、方差 v"
                "（Li 等，2019）。Uout 即 x·(1+r)，r ~ U(−β, β)，比值为 v/(v + (c²+v)β²/3)。"),
    params=(
        Param("p_drop", "float", 0.5, "Drop probability p (PyTorch)", "丢弃概率 p（PyTorch 定义）",
              low=0.0, high=0.9,
              help_en="nn.Dropout's p (drop). The paper's formula uses the keep probability q = 1 − p.",
              help_zh="nn.Dropout 的 p（丢弃）。论文公式使用保留概率 q = 1 − p。"),
        Param("beta", "float", 0.1, "Uout range β", "Uout 噪声范围 β", low=0.0, high=1.0,
              help_en="Uout multiplies by (1 + r), r ~ U(−β, β).", help_zh="Uout 乘以 (1 + r)，r ~ U(−β, β)。"),
        Param("mean", "float", 1.0, "Input mean c", "输入均值 c", low=-3.0, high=3.0),
        Param("variance", "float", 1.0, "Input variance v", "输入方差 v", low=0.01, high=4.0, log=True),
        Param("n_samples", "int", 100000, "Monte Carlo samples", "蒙特卡洛样本数", low=1000, high=1000000,
              log=True),
    ),
)
