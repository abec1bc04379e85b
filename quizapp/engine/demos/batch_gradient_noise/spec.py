"""The batch-gradient-noise demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.batch_gradient_noise.compute import run

    return run


SPEC = DemoSpec(
    id="batch-gradient-noise", section="7.2",
    title_en="Minibatch gradient noise vs batch size", title_zh="小批量梯度噪声与批量大小",
    load_run=_load_run,
    params=(
        Param("model", "choice", "logistic", "Model", "模型", choices=("logistic", "linear"),
              help_en="Logistic regression (cross-entropy) or linear regression (squared error).",
              help_zh="逻辑回归（交叉熵）或线性回归（平方误差）。"),
        Param("n_samples", "int", 500, "Dataset size N", "数据集大小 N", low=16, high=2000, log=True,
              help_en="Number of training examples.", help_zh="训练样本数。"),
        Param("dim", "int", 5, "Features", "特征数", low=2, high=20,
              help_en="Input dimension of the regression.", help_zh="回归的输入维度。"),
        Param("batch", "int", 16, "Highlighted batch size B", "高亮的批量大小 B", low=1, high=2000, log=True,
              help_en="The batch size whose minibatch gradients are scattered (capped at N).",
              help_zh="散点图所展示的批量大小（不超过 N）。"),
        Param("draws", "int", 2000, "Minibatches per size", "每种大小的小批量数", low=100, high=5000, log=True,
              help_en="Independent minibatches drawn for each batch size.", help_zh="每个批量大小抽取的独立小批量数。"),
    ),
    summary_en="A minibatch gradient is an unbiased estimate of the full gradient; its variance is σ²/B "
               "when sampling with replacement and σ²/B·(N−B)/(N−1) without (zero at B = N).",
    summary_zh="小批量梯度是全量梯度的无偏估计；有放回抽样时方差为 σ²/B，无放回时为 σ²/B·(N−B)/(N−1)（B = N 时为零）。",
)
