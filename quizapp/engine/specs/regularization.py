"""Specs of the 7.7 regularization demos (L1/L2, weight decay, early stopping, dropout, and the
dropout/BN variance shift). Pure data: no torch here."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param

_DEMOS = "quizapp.engine.demos"

L1_VS_L2 = DemoSpec(
    id="l1-vs-l2",
    section="7.7",
    title_en="L1 vs L2 regularization: paths, proximal steps and exact zeros",
    title_zh="L1 与 L2 正则化：系数路径、近端梯度与精确零",
    entry=f"{_DEMOS}.l1_vs_l2:run",
    summary_en=("Linear regression with a sparse true coefficient vector. The L1 (lasso) path hits "
                "exact zeros one coefficient at a time; the L2 (ridge) path only shrinks. The "
                "proximal soft-threshold step (ISTA) produces exact zeros, plain subgradient "
                "descent on the same objective never does."),
    summary_zh=("真实系数稀疏的线性回归。L1（lasso）路径上系数逐个精确变为零；L2（ridge）路径只收缩、"
                "不为零。近端软阈值步（ISTA）得到精确的零，同一目标上的次梯度下降永远得不到。"),
    params=(
        Param("lam", "float", 0.1, "Penalty strength λ", "正则强度 λ", low=1e-3, high=3.0, log=True,
              help_en="Objective: (1/2n)·‖y − Xw‖² + λ‖w‖₁ for L1, + (λ/2)‖w‖² for L2.",
              help_zh="目标函数：L1 为 (1/2n)·‖y − Xw‖² + λ‖w‖₁，L2 为 + (λ/2)‖w‖²。"),
        Param("design", "choice", "orthonormal", "Design matrix", "设计矩阵",
              choices=("orthonormal", "correlated"),
              help_en=("orthonormal: XᵀX/n = I, so the lasso is the soft-threshold of the least-squares "
                       "coefficients and the zeros can be counted in closed form; correlated: Gaussian "
                       "features with corr(x_i, x_j) = ρ^|i−j|."),
              help_zh=("orthonormal：XᵀX/n = I，lasso 解就是最小二乘系数的软阈值，零的个数有闭式；"
                       "correlated：特征相关 corr(x_i, x_j) = ρ^|i−j| 的高斯设计。")),
        Param("correlation", "float", 0.6, "Feature correlation ρ", "特征相关系数 ρ", low=0.0, high=0.95,
              help_en="Used by the correlated design only.", help_zh="仅用于 correlated 设计。"),
        Param("n_features", "int", 12, "Features d", "特征数 d", low=2, high=30),
        Param("n_nonzero", "int", 4, "Non-zero true coefficients", "真实非零系数个数", low=1, high=30,
              help_en="At most d; the first k coefficients of the truth are non-zero.",
              help_zh="不超过 d；真实系数的前 k 个非零。"),
        Param("n_samples", "int", 60, "Samples n", "样本数 n", low=30, high=500),
        Param("noise", "float", 0.5, "Noise std", "噪声标准差", low=0.0, high=3.0),
        Param("step_scale", "float", 0.5, "Step size η·L", "步长 η·L", low=0.01, high=1.0,
              help_en=("Step size as a fraction of 1/L (L: largest eigenvalue of XᵀX/n), shared by ISTA "
                       "and subgradient descent in the iteration panel. ISTA's threshold is η·λ."),
              help_zh="步长相对 1/L 的比例（L 为 XᵀX/n 的最大特征值），ISTA 与次梯度下降共用；ISTA 的阈值为 η·λ。"),
        Param("iterations", "int", 300, "Iterations", "迭代次数", low=10, high=5000, log=True),
    ),
)

WEIGHT_DECAY = DemoSpec(
    id="weight-decay",
    section="7.7",
    title_en="L2 penalty vs weight decay: equal for SGD, different for Adam",
    title_zh="L2 正则与权重衰减：SGD 下等价，Adam 下不同",
    entry=f"{_DEMOS}.weight_decay:run",
    streams=True,
    summary_en=("The same MLP, data and initialization trained four ways: SGD on loss + (λ/2)‖θ‖², "
                "torch.optim.SGD(weight_decay=λ), Adam on loss + (λ/2)‖θ‖², and AdamW(weight_decay=λ). "
                "The two SGD runs coincide step for step; Adam divides the L2 gradient by √v, AdamW "
                "does not, so they part ways."),
    summary_zh=("同一个 MLP、同样的数据和初始化，四种训练：SGD 优化 loss + (λ/2)‖θ‖²、"
                "torch.optim.SGD(weight_decay=λ)、Adam 优化 loss + (λ/2)‖θ‖²、AdamW(weight_decay=λ)。"
                "两个 SGD 逐步重合；Adam 会把 L2 梯度除以 √v，AdamW 不会，于是两者分道扬镳。"),
    params=(
        Param("weight_decay", "float", 0.01, "Penalty / decay λ", "正则 / 衰减系数 λ", low=1e-4, high=0.5, log=True,
              help_en="λ for the L2 penalty (λ/2)‖θ‖² and the optimizers' weight_decay argument.",
              help_zh="L2 惩罚 (λ/2)‖θ‖² 与优化器 weight_decay 参数共用的 λ。"),
        Param("lr_sgd", "float", 0.5, "SGD learning rate", "SGD 学习率", low=1e-3, high=1.0, log=True),
        Param("lr_adam", "float", 0.01, "Adam/AdamW learning rate", "Adam/AdamW 学习率", low=1e-4, high=0.1,
              log=True),
        Param("steps", "int", 300, "Training steps", "训练步数", low=20, high=3000, log=True,
              help_en="Full-batch steps on 200 two-moons points.", help_zh="在 200 个双月牙样本上的全批量步数。"),
        Param("hidden", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=256, log=True,
              help_en="A 2 → h → h → 2 tanh MLP.", help_zh="2 → h → h → 2 的 tanh MLP。"),
    ),
)

EARLY_STOPPING = DemoSpec(
    id="early-stopping",
    section="7.7",
    title_en="Early stopping: patience, best epoch, restored weights",
    title_zh="提前停止：耐心值、最佳轮次与恢复的权重",
    entry=f"{_DEMOS}.early_stopping:run",
    streams=True,
    summary_en=("An over-parameterized MLP fits a few noisy points. The validation loss falls, then "
                "rises as the net fits the noise; training stops `patience` epochs after the last "
                "improvement and the weights of the best epoch are restored."),
    summary_zh=("一个参数过多的 MLP 拟合少量带噪样本。验证损失先降后升（开始拟合噪声）；"
                "在最后一次改进之后再等 patience 轮即停止，并恢复最佳轮次的权重。"),
    params=(
        Param("patience", "int", 100, "Patience (epochs)", "耐心值（轮）", low=1, high=500, log=True,
              unit="epochs",
              help_en="Stop after this many epochs without a new validation minimum.",
              help_zh="验证损失连续这么多轮没有创新低就停止。"),
        Param("max_epochs", "int", 2000, "Max epochs", "最大轮数", low=50, high=5000, log=True, unit="epochs",
              help_en="One epoch is one full-batch Adam step on the training set.",
              help_zh="每轮是在训练集上的一次全批量 Adam 更新。"),
        Param("n_train", "int", 25, "Training points", "训练样本数", low=5, high=200, log=True),
        Param("noise", "float", 0.3, "Label noise std", "标签噪声标准差", low=0.0, high=1.0),
        Param("hidden", "int", 128, "Hidden width", "隐藏层宽度", low=8, high=512, log=True,
              help_en="A 1 → h → h → 1 tanh MLP.", help_zh="1 → h → h → 1 的 tanh MLP。"),
        Param("lr", "float", 0.003, "Adam learning rate", "Adam 学习率", low=1e-4, high=0.1, log=True),
        Param("continue_after_stop", "bool", True, "Show training past the stop", "显示停止后的继续训练",
              help_en="Keep training (for the plot only) to show what early stopping avoided.",
              help_zh="继续训练（仅用于作图），展示提前停止避免了什么。"),
    ),
)

DROPOUT = DemoSpec(
    id="dropout",
    section="7.7",
    title_en="Inverted dropout: train vs eval, mean kept, variance not; MC dropout",
    title_zh="反向 dropout：训练与推理、均值保持而方差不保持；MC dropout",
    entry=f"{_DEMOS}.dropout:run",
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

DROPOUT_BN_SHIFT = DemoSpec(
    id="dropout-bn-variance-shift",
    section="7.7",
    title_en="Dropout before BN: the variance shift, and Uout",
    title_zh="BN 之前的 dropout：方差偏移与 Uout",
    entry=f"{_DEMOS}.dropout_bn_variance_shift:run",
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

SPECS: tuple[DemoSpec, ...] = (L1_VS_L2, WEIGHT_DECAY, EARLY_STOPPING, DROPOUT, DROPOUT_BN_SHIFT)
