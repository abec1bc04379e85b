"""The dropout demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Training the 1-h-h-1 MC-dropout net dominates: ~30 ns per unit of steps × hidden² (one thread;
# 1000 steps at hidden 512 took 7.8 s CPU).
LIMITS = (WorkLimit(lambda v: v["steps"] * v["hidden"] ** 2, 4e8, "steps × hidden²", ("steps", "hidden")),)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.dropout.compute import run

    return run


SPEC = DemoSpec(
    id="dropout",
    section="7.7",
    title_en="Inverted dropout: train vs eval, mean kept, variance not; MC dropout",
    title_zh="反向 dropout：训练与推理、均值保持而方差不保持；MC dropout",
    load_run=_load_run, limits=LIMITS,
    streams=True,
    summary_en=("PyTorch's nn.Dropout(p) DROPS each unit with probability p and scales the kept ones by "
                "1/(1−p) while training, so nothing is rescaled at test time. (The notes' p is the KEEP "
                "probability.) The mean is preserved, the variance grows by p/(1−p)·x². Sampling "
                "dropout at test time (MC dropout) gives an ensemble mean and spread."),
    summary_zh=("PyTorch 的 nn.Dropout(p) 以概率 p 丢弃每个单元，训练时把保留的单元乘以 1/(1−p)，"
                "因此测试时无需再缩放。（笔记中的 p 是保留概率。）均值保持不变，方差增加 p/(1−p)·x²。"
                "测试时仍采样 dropout（MC dropout）可得到集成的均值与离散程度。"),
    params=(
        Param("p_drop", "float", 0.3, "Drop probability p (PyTorch)", "丢弃概率 p（PyTorch 定义）",
              low=0.0, high=0.9,
              help_en="PyTorch's nn.Dropout(p): p is the probability of DROPPING a unit. The notes' keep "
                      "probability is 1 − p.",
              help_zh="PyTorch 的 nn.Dropout(p)：p 是丢弃单元的概率。笔记中的保留概率为 1 − p。"),
        Param("n_masks", "int", 20000, "Masks for the statistics", "统计所用掩码数", low=100, high=200000,
              log=True),
        Param("mc_samples", "int", 100, "MC-dropout samples", "MC dropout 采样数", low=2, high=1000, log=True),
        Param("steps", "int", 600, "Training steps", "训练步数", low=20, high=5000, log=True),
        Param("hidden", "int", 64, "Hidden width", "隐藏层宽度", low=8, high=512, log=True,
              help_en="A 1 → h → h → 1 ReLU MLP with dropout after each hidden layer.",
              help_zh="1 → h → h → 1 的 ReLU MLP，每个隐藏层后接 dropout。"),
    ),
)
