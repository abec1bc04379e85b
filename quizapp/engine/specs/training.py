"""Specs of the training demos: learning-rate schedules (7.2), initialization (7.3) and
normalization (7.5). Pure Python: no torch here (listing demos must stay light)."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param

_DEMOS = "quizapp.engine.demos"

# ------------------------------------------------------------------ shared training params


def _lr(default: float, name: str = "lr", en: str = "Base learning rate η₀", zh: str = "基础学习率 η₀",
        low: float = 1e-3, high: float = 3.0) -> Param:
    return Param(name, "float", default, en, zh, low=low, high=high, log=True,
                 help_en="The learning rate the schedule starts from (or peaks at) and scales.",
                 help_zh="调度所基于（或达到峰值）的学习率。")


def _steps(default: int) -> Param:
    return Param("steps", "int", default, "Training steps T", "训练步数 T", low=20, high=2000, unit="steps",
                 help_en="Optimizer steps; the schedule advances once per step (t = 0 … T−1).",
                 help_zh="优化器的更新步数；每步调度器前进一次（t = 0 … T−1）。")


_DATASET = Param("dataset", "choice", "moons", "Toy data set", "玩具数据集", choices=("moons", "spirals"),
                 help_en="Seeded 2-D two-class set (256 points) the small MLPs are trained on.",
                 help_zh="训练小型 MLP 所用的二维二分类数据（256 个点，固定随机种子）。")
_BATCH = Param("batch_size", "int", 32, "Batch size", "批大小", low=2, high=256, log=True, unit="samples",
               help_en="Minibatch size of the training panel; every schedule sees the same batches.",
               help_zh="训练面板的小批量大小；所有调度看到相同的小批量。")
_WIDTH = Param("width", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=256, log=True, unit="units",
               help_en="Units in each of the MLP's two hidden ReLU layers.",
               help_zh="MLP 两个 ReLU 隐藏层每层的单元数。")
_MOMENTUM = Param("momentum", "float", 0.9, "SGD momentum", "SGD 动量", low=0.0, high=0.99,
                  help_en="Momentum of the SGD optimizer that every schedule drives (kept fixed).",
                  help_zh="各调度所驱动的 SGD 优化器的动量（固定不变）。")

LR_SCHEDULES = DemoSpec(
    id="lr-schedules", section="7.2", title_en="Learning-rate decay schedules", title_zh="学习率衰减调度",
    entry=f"{_DEMOS}.lr_schedules:run", streams=True,
    summary_en=("Step, multistep, exponential, natural-exponential, inverse-time and cosine decay, all "
                "from torch.optim.lr_scheduler, and what each does to training a small MLP. Decay "
                "lowers the learning rate on a schedule; the gradient itself is untouched."),
    summary_zh=("分段常数（step / multistep）、指数、自然指数、逆时和余弦衰减（均来自 torch.optim.lr_scheduler），"
                "以及它们对训练小型 MLP 的影响。衰减降低的是学习率，而不是梯度。"),
    params=(
        _lr(0.3),
        _steps(300),
        Param("step_size", "int", 75, "Step decay period s", "分段衰减周期 s", low=1, high=1000, unit="steps",
              help_en="StepLR multiplies the lr by γ every s steps: η_t = η₀·γ^⌊t/s⌋.",
              help_zh="StepLR 每 s 步将学习率乘以 γ：η_t = η₀·γ^⌊t/s⌋。"),
        Param("step_gamma", "float", 0.5, "Step decay factor γ", "分段衰减因子 γ", low=0.01, high=1.0,
              help_en="Factor of StepLR and of MultiStepLR (milestones at 50% and 75% of T).",
              help_zh="StepLR 与 MultiStepLR（里程碑在 T 的 50% 和 75%）的衰减因子。"),
        Param("exp_gamma", "float", 0.99, "Exponential decay γ (per step)", "指数衰减 γ（每步）",
              low=0.9, high=1.0,
              help_en="ExponentialLR: η_t = η₀·γ^t.", help_zh="ExponentialLR：η_t = η₀·γ^t。"),
        Param("decay_k", "float", 0.02, "Decay rate k", "衰减率 k", low=1e-4, high=1.0, log=True, unit="1/step",
              help_en=("Natural exponential η₀·e^(−kt) (ExponentialLR with γ = e^(−k)) and inverse time "
                       "η₀/(1 + kt) (LambdaLR)."),
              help_zh="自然指数衰减 η₀·e^(−kt)（ExponentialLR，γ = e^(−k)）与逆时衰减 η₀/(1 + kt)（LambdaLR）。"),
        Param("eta_min", "float", 0.0, "Cosine floor η_min", "余弦衰减下限 η_min", low=0.0, high=1.0,
              help_en="CosineAnnealingLR with T_max = T: η_t = η_min + (η₀ − η_min)(1 + cos(πt/T))/2.",
              help_zh="CosineAnnealingLR，T_max = T：η_t = η_min + (η₀ − η_min)(1 + cos(πt/T))/2。"),
        _DATASET, _BATCH, _WIDTH, _MOMENTUM,
    ),
)

LR_WARMUP = DemoSpec(
    id="lr-warmup", section="7.2", title_en="Learning-rate warmup", title_zh="学习率预热",
    entry=f"{_DEMOS}.lr_warmup:run", streams=True,
    summary_en=("Linear warmup (LinearLR) and exponential warmup (LambdaLR) chained into a decay with "
                "SequentialLR, against the same decay with no warmup, on a deeper MLP at a large "
                "learning rate."),
    summary_zh=("线性预热（LinearLR）和指数预热（LambdaLR）通过 SequentialLR 接入衰减，"
                "与不预热的同一衰减对比：在较大学习率下训练较深的 MLP。"),
    params=(
        _lr(0.1, en="Peak learning rate η", zh="峰值学习率 η"),
        _steps(300),
        Param("warmup_steps", "int", 40, "Warmup steps W", "预热步数 W", low=1, high=1000, unit="steps",
              help_en="The lr rises from start_factor·η at t = 0 to η at t = W, then decays.",
              help_zh="学习率从 t = 0 时的 start_factor·η 升到 t = W 时的 η，之后衰减。"),
        Param("start_factor", "float", 0.01, "Warmup start factor", "预热起始因子", low=1e-3, high=1.0, log=True,
              help_en="Warmup starts at start_factor·η (LinearLR's start_factor).",
              help_zh="预热从 start_factor·η 开始（即 LinearLR 的 start_factor）。"),
        Param("decay", "choice", "cosine", "Decay after warmup", "预热后的衰减", choices=("cosine", "linear", "constant"),
              help_en="What follows the warmup: CosineAnnealingLR, LinearLR to 0, or a constant lr.",
              help_zh="预热之后：余弦衰减 CosineAnnealingLR、线性降到 0（LinearLR）或保持不变。"),
        Param("optimizer", "choice", "adam", "Optimizer", "优化器", choices=("adam", "sgd"),
              help_en="Adam (warmup is standard for adaptive methods) or SGD with momentum 0.9.",
              help_zh="Adam（自适应方法常配合预热）或动量 0.9 的 SGD。"),
        Param("depth", "int", 4, "Hidden layers", "隐藏层数", low=1, high=8,
              help_en="ReLU hidden layers of the MLP; deeper nets are more sensitive to a large early lr.",
              help_zh="MLP 的 ReLU 隐藏层数；越深越容易被初期过大的学习率破坏。"),
        _DATASET, _BATCH,
        Param("width", "int", 64, "Hidden width", "隐藏层宽度", low=4, high=256, log=True, unit="units",
              help_en="Units in each hidden layer.", help_zh="每个隐藏层的单元数。"),
    ),
)

LR_CYCLIC = DemoSpec(
    id="lr-cyclic", section="7.2", title_en="Cyclic learning rates: triangular, SGDR, 1cycle",
    title_zh="周期性学习率：三角、SGDR、1cycle",
    entry=f"{_DEMOS}.lr_cyclic:run", streams=True,
    summary_en=("CyclicLR (triangular, triangular2), CosineAnnealingWarmRestarts (SGDR) and OneCycleLR "
                "from torch.optim.lr_scheduler, and their effect on training a small MLP."),
    summary_zh=("torch.optim.lr_scheduler 中的 CyclicLR（triangular、triangular2）、"
                "CosineAnnealingWarmRestarts（SGDR）和 OneCycleLR，以及它们对训练小型 MLP 的影响。"),
    params=(
        _lr(0.01, name="base_lr", en="Base (lowest) learning rate", zh="基础（最低）学习率", low=1e-4, high=1.0),
        _lr(0.5, name="max_lr", en="Maximum learning rate", zh="最大学习率"),
        _steps(300),
        Param("step_size_up", "int", 25, "Half cycle (CyclicLR)", "半周期（CyclicLR）", low=1, high=1000,
              unit="steps",
              help_en="CyclicLR climbs from base_lr to max_lr in this many steps, then back down; "
                      "triangular2 halves the amplitude every cycle.",
              help_zh="CyclicLR 用这么多步从 base_lr 升到 max_lr，再降回；triangular2 每个周期振幅减半。"),
        Param("T_0", "int", 20, "SGDR first period T₀", "SGDR 首个周期 T₀", low=1, high=1000, unit="steps",
              help_en="CosineAnnealingWarmRestarts: the first cosine run lasts T₀ steps.",
              help_zh="CosineAnnealingWarmRestarts：第一段余弦持续 T₀ 步。"),
        Param("T_mult", "int", 2, "SGDR period multiplier", "SGDR 周期倍数", low=1, high=4,
              help_en="Each SGDR period is T_mult times the previous: restarts at T₀, T₀(1+T_mult), …",
              help_zh="每个 SGDR 周期是上一个的 T_mult 倍：在 T₀、T₀(1+T_mult)… 处重启。"),
        Param("pct_start", "float", 0.3, "1cycle warm-up share", "1cycle 上升比例", low=0.05, high=0.95,
              help_en="OneCycleLR rises to max_lr over this share of T, then anneals (cosine) to base_lr/100.",
              help_zh="OneCycleLR 在 T 的这一比例内升到 max_lr，随后余弦退火到 base_lr/100。"),
        _DATASET, _BATCH, _WIDTH, _MOMENTUM,
    ),
)

INIT_SIGNAL_PROPAGATION = DemoSpec(
    id="init-signal-propagation", section="7.3",
    title_en="Initialization and signal propagation", title_zh="参数初始化与信号传播",
    entry=f"{_DEMOS}.init_signal_propagation:run",
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

COVARIATE_SHIFT = DemoSpec(
    id="covariate-shift", section="7.5", title_en="Internal covariate shift with and without BN",
    title_zh="有无批归一化时的内部协变量偏移",
    entry=f"{_DEMOS}.covariate_shift:run", streams=True,
    summary_en=("Two MLPs trained side by side, one with BatchNorm1d before each nonlinearity: the "
                "15/50/85th percentiles of one hidden unit's input to its nonlinearity drift during "
                "training without BN and stay put with it (Ioffe & Szegedy, Fig. 1)."),
    summary_zh=("并排训练两个 MLP，其中一个在每个非线性之前加 BatchNorm1d：某隐藏单元输入（非线性之前）的"
                "第 15/50/85 百分位数在训练中不加 BN 时漂移，加 BN 时基本不动（Ioffe & Szegedy 图 1）。"),
    params=(
        _lr(0.2, low=1e-3, high=2.0),
        _steps(400),
        Param("activation", "choice", "sigmoid", "Activation", "激活函数", choices=("sigmoid", "tanh", "relu"),
              help_en="Nonlinearity whose input is tracked (the BN paper used sigmoid).",
              help_zh="被跟踪输入的非线性函数（BN 论文用的是 sigmoid）。"),
        Param("depth", "int", 3, "Hidden layers", "隐藏层数", low=1, high=6,
              help_en="Hidden layers; the last one's nonlinearity input is tracked.",
              help_zh="隐藏层数；跟踪最后一层非线性的输入。"),
        Param("width", "int", 64, "Hidden width", "隐藏层宽度", low=4, high=256, log=True, unit="units",
              help_en="Units per hidden layer.", help_zh="每个隐藏层的单元数。"),
        Param("batch_size", "int", 64, "Batch size", "批大小", low=2, high=256, log=True, unit="samples",
              help_en="Minibatch size (both nets see the same batches).", help_zh="小批量大小（两个网络看到相同的批）。"),
        _DATASET,
        Param("unit", "int", 0, "Tracked unit", "跟踪的单元", low=0, high=255,
              help_en="Index of the hidden unit whose percentiles are plotted (taken modulo the width).",
              help_zh="绘制百分位数的隐藏单元编号（对宽度取模）。"),
    ),
)

BATCHNORM_TRAIN_EVAL = DemoSpec(
    id="batchnorm-train-eval", section="7.5", title_en="BatchNorm: batch vs running statistics",
    title_zh="批归一化：批统计量与滑动统计量",
    entry=f"{_DEMOS}.batchnorm_train_eval:run",
    summary_en=("nn.BatchNorm1d over a stream of batches: training mode normalizes with the batch's own "
                "mean and (biased) variance; the running estimates used in eval mode follow "
                "running ← (1−momentum)·running + momentum·batch, with the unbiased m/(m−1) variance."),
    summary_zh=("nn.BatchNorm1d 处理一串小批量：训练模式用本批的均值和（有偏）方差归一化；评估模式所用的滑动估计按 "
                "running ← (1−momentum)·running + momentum·batch 更新，方差用无偏的 m/(m−1) 修正。"),
    params=(
        Param("batch_size", "int", 4, "Batch size m", "批大小 m", low=1, high=256, log=True, unit="samples",
              help_en="Samples per batch; the unbiased correction m/(m−1) is largest for small m. "
                      "m = 1 cannot be normalized in training mode.",
              help_zh="每批样本数；m 越小，无偏修正 m/(m−1) 越大。m = 1 时训练模式无法归一化。"),
        Param("momentum", "float", 0.1, "BN momentum", "BN 动量", low=0.001, high=1.0, log=True,
              help_en="PyTorch's convention: the weight of the NEW batch (default 0.1); Keras' 0.99 weights the old value.",
              help_zh="PyTorch 的约定：新批次的权重（默认 0.1）；Keras 的 0.99 是旧值的权重。"),
        Param("cumulative", "bool", False, "Cumulative average", "累积平均",
              help_en="momentum=None: running statistics become the plain average of all batches.",
              help_zh="momentum=None：滑动统计量变为所有批次的简单平均。"),
        Param("batches", "int", 200, "Batches", "批次数", low=1, high=2000, unit="batches",
              help_en="How many training-mode forward passes update the running statistics.",
              help_zh="更新滑动统计量的训练模式前向次数。"),
        Param("mean", "float", 2.0, "Input mean μ", "输入均值 μ", low=-10.0, high=10.0,
              help_en="Inputs are drawn from N(μ, σ²).", help_zh="输入服从 N(μ, σ²)。"),
        Param("std", "float", 3.0, "Input std σ", "输入标准差 σ", low=0.1, high=10.0,
              help_en="Inputs are drawn from N(μ, σ²).", help_zh="输入服从 N(μ, σ²)。"),
    ),
)

BATCHNORM_RNN = DemoSpec(
    id="batchnorm-rnn", section="7.5", title_en="BatchNorm in an RNN: per-time-step statistics",
    title_zh="RNN 中的批归一化：逐时间步统计量",
    entry=f"{_DEMOS}.batchnorm_rnn:run",
    summary_en=("Variable-length sequences through an nn.RNN: BN statistics per time step rest only on "
                "the sequences still running, so late steps are estimated from a handful of samples "
                "and their mean estimate has variance σ_t²/n_t."),
    summary_zh=("变长序列经过 nn.RNN：每个时间步的 BN 统计量只基于仍未结束的序列，"
                "因此靠后的时间步只由少数样本估计，均值估计的方差为 σ_t²/n_t。"),
    params=(
        Param("batch_size", "int", 32, "Batch size", "批大小", low=2, high=256, log=True, unit="sequences",
              help_en="Sequences per batch.", help_zh="每批的序列数。"),
        Param("max_len", "int", 60, "Longest sequence", "最长序列长度", low=5, high=200, unit="steps",
              help_en="Lengths are capped at this many time steps.", help_zh="序列长度的上限（时间步）。"),
        Param("mean_len", "float", 12.0, "Mean length", "平均长度", low=1.0, high=200.0, unit="steps",
              help_en="Lengths are 1 + a geometric count with this mean (capped): most sequences are short, a few long.",
              help_zh="长度为 1 + 几何分布计数，均值为此（有上限）：多数序列短，少数很长。"),
        Param("min_count", "int", 5, "Too few samples below", "样本过少阈值", low=2, high=64, unit="samples",
              help_en="Time steps resting on fewer sequences than this are flagged as unreliable.",
              help_zh="所基于序列数少于此值的时间步被标为不可靠。"),
        Param("hidden", "int", 16, "RNN hidden size", "RNN 隐藏维度", low=2, high=128, log=True, unit="units",
              help_en="Hidden units of the tanh nn.RNN; unit 0's pre-BN value is analysed.",
              help_zh="tanh nn.RNN 的隐藏单元数；分析单元 0 在 BN 之前的值。"),
        Param("repeats", "int", 300, "Batches drawn", "抽取的批次数", low=10, high=2000, unit="batches",
              help_en="Batches with the same lengths but fresh sequences, to measure each step's estimate spread.",
              help_zh="长度相同但序列重新抽取的批次数，用于测量每个时间步估计值的离散程度。"),
    ),
)

BN_VS_LN = DemoSpec(
    id="bn-vs-ln", section="7.5", title_en="BatchNorm vs LayerNorm across batch sizes",
    title_zh="不同批大小下的批归一化与层归一化",
    entry=f"{_DEMOS}.bn_vs_ln:run", streams=True,
    summary_en=("One sample's normalized output changes with its batch-mates under BatchNorm1d (training "
                "mode) but not under LayerNorm; and MLPs trained with BN or LN at batch sizes down to 2."),
    summary_zh=("在 BatchNorm1d（训练模式）下，同一个样本的归一化输出随同批的其他样本而变，在 LayerNorm 下不变；"
                "以及在批大小小到 2 时分别用 BN 和 LN 训练的 MLP。"),
    params=(
        Param("min_batch", "int", 2, "Smallest batch", "最小批大小", low=1, high=64, log=True, unit="samples",
              help_en="Batch sizes go in powers of two from here; 1 shows BN's training-mode failure.",
              help_zh="批大小从这里开始按 2 的幂增加；取 1 可看到 BN 训练模式的失败。"),
        Param("max_batch", "int", 128, "Largest batch", "最大批大小", low=2, high=256, log=True, unit="samples",
              help_en="Largest batch size compared.", help_zh="比较的最大批大小。"),
        Param("features", "int", 32, "Features", "特征数", low=2, high=256, log=True, unit="features",
              help_en="Width of the normalized layer.", help_zh="被归一化的层的宽度。"),
        Param("draws", "int", 200, "Batch-mate draws", "同批样本抽取次数", low=10, high=2000,
              help_en="How many random sets of batch-mates the fixed sample is normalized with.",
              help_zh="固定样本与多少组随机同批样本一起归一化。"),
        _lr(0.1, low=1e-4, high=1.0),
        Param("steps", "int", 200, "Training steps per model", "每个模型的训练步数", low=20, high=2000,
              unit="steps",
              help_en="SGD steps each MLP trains (the same for every batch size).",
              help_zh="每个 MLP 的 SGD 训练步数（各批大小相同）。"),
        _DATASET,
    ),
)

SPECS: tuple[DemoSpec, ...] = (
    LR_SCHEDULES, LR_WARMUP, LR_CYCLIC, INIT_SIGNAL_PROPAGATION,
    COVARIATE_SHIFT, BATCHNORM_TRAIN_EVAL, BATCHNORM_RNN, BN_VS_LN,
)
