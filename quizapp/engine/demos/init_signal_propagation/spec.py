"""The init-signal-propagation demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction, WorkLimit

# Measured (one thread, float64): ~1.6 ns per unit of depth × width² × batch for the seven schemes,
# and the activations held for backward take ~depth × width × batch × 8 bytes × 3.
LIMITS = (
    WorkLimit(lambda v: v["depth"] * v["width"] ** 2 * v["batch"], 8e9, "depth × width² × batch",
              ("depth", "width", "batch")),
    WorkLimit(lambda v: v["depth"] * v["width"] * v["batch"], 2**23, "depth × width × batch",
              ("depth", "width", "batch")),
)


def _load_run() -> RunFunction:
    from quizapp.engine.demos.init_signal_propagation.compute import run

    return run


SPEC = DemoSpec(
    id="init-signal-propagation", section="7.3",
    title_en="Initialization and signal propagation", title_zh="参数初始化与信号传播",
    load_run=_load_run, limits=LIMITS,
    summary_en=("A deep MLP at initialization: per-layer activation std and gradient norms for N(0,1), "
                "small normal, Xavier, He and nn.Linear's default (torch.nn.init), and the activation "
                "histograms of one scheme."),
    summary_zh=("初始化时的深层 MLP：N(0,1)、小方差正态、Xavier、He 以及 nn.Linear 默认初始化（torch.nn.init）"
                "下各层激活值的标准差与梯度范数，以及某一方案的激活值直方图。"),
    params=(
        Param("depth", "int", 20, "Depth (layers)", "深度（层数）", low=2, high=50,
              help_en="Number of Linear + activation layers.", help_zh="线性层 + 激活层的层数。"),
        Param("width", "int", 256, "Width", "宽度", low=16, high=1024, log=True, unit="units",
              help_en="Units per layer (fan_in = fan_out = width).", help_zh="每层单元数（fan_in = fan_out = 宽度）。"),
        Param("activation", "choice", "relu", "Activation", "激活函数", choices=("relu", "tanh"),
              help_en="ReLU halves the second moment per layer unless the init doubles it (He); "
                      "tanh saturates when pre-activations are large.",
              help_zh="ReLU 每层使二阶矩减半，除非初始化将其加倍（He）；预激活值过大时 tanh 会饱和。"),
        Param("init", "choice", "he_fan_in", "Scheme shown in the histograms", "直方图所示方案",
              choices=("normal", "small", "xavier_uniform", "xavier_normal", "he_fan_in", "he_fan_out",
                       "default"),
              help_en=("normal: N(0,1); small: N(0, 0.01²); xavier: Var = gain²·2/(fan_in+fan_out); "
                       "he: Var = 2/fan (kaiming_normal_); default: nn.Linear's own, Var = 1/(3·fan_in)."),
              help_zh=("normal：N(0,1)；small：N(0, 0.01²)；xavier：Var = gain²·2/(fan_in+fan_out)；"
                       "he：Var = 2/fan（kaiming_normal_）；default：nn.Linear 自带的初始化，Var = 1/(3·fan_in)。")),
        Param("gain", "float", 1.0, "Xavier gain", "Xavier 增益", low=0.1, high=3.0,
              help_en="Gain of the Xavier schemes; calculate_gain gives 5/3 for tanh and √2 for ReLU.",
              help_zh="Xavier 方案的增益；calculate_gain 对 tanh 给出 5/3，对 ReLU 给出 √2。"),
        Param("batch", "int", 128, "Input samples", "输入样本数", low=16, high=4096, log=True, unit="samples",
              help_en="Inputs x ~ N(0, I) pushed through the network.", help_zh="送入网络的输入 x ~ N(0, I)。"),
    ),
)
