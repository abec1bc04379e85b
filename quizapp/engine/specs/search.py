"""Specs of the hyperparameter-search demos (7.6): grid vs random search, Bayesian
optimization, successive halving / Hyperband, a small architecture search and a batched sweep.
Pure Python: no torch and no optuna here (listing demos must stay light)."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param

_DEMOS = "quizapp.engine.demos"

GRID_VS_RANDOM = DemoSpec(
    id="grid-vs-random", section="7.6", title_en="Grid search vs random search",
    title_zh="网格搜索与随机搜索", entry=f"{_DEMOS}.grid_vs_random:run",
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

BAYESIAN_OPTIMIZATION = DemoSpec(
    id="bayesian-optimization", section="7.6", title_en="Bayesian optimization: GP and expected improvement",
    title_zh="贝叶斯优化：高斯过程与期望改进", entry=f"{_DEMOS}.bayesian_optimization:run",
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

HYPERBAND = DemoSpec(
    id="hyperband", section="7.6", title_en="Successive halving and Hyperband",
    title_zh="逐次减半与 Hyperband", entry=f"{_DEMOS}.hyperband:run", streams=True,
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

ARCHITECTURE_SEARCH = DemoSpec(
    id="architecture-search", section="7.6", title_en="A small architecture search",
    title_zh="小规模网络结构搜索", entry=f"{_DEMOS}.architecture_search:run", streams=True,
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

BATCHED_SWEEP = DemoSpec(
    id="batched-sweep", section="7.6", title_en="A batched hyperparameter sweep",
    title_zh="批量化超参数扫描", entry=f"{_DEMOS}.batched_sweep:run", streams=True,
    summary_en=("Every (learning rate, second hyperparameter) configuration of a small MLP trained at "
                "once as one vectorized computation over stacked per-configuration weights; each "
                "configuration follows exactly the run it would have trained alone with torch.optim.SGD."),
    summary_zh=("小型 MLP 的所有（学习率，第二个超参数）配置堆叠各自的权重，作为一次向量化计算同时训练；"
                "每个配置与单独用 torch.optim.SGD 训练的结果完全一致。"),
    params=(
        Param("axis2", "choice", "batch_size", "Second hyperparameter", "第二个超参数",
              choices=("batch_size", "momentum", "weight_decay"),
              help_en=("Rows of the heatmap: batch size (powers of two, 4 … 256), momentum (0 … 0.99) "
                       "or weight decay (1e-5 … 1e-1, log)."),
              help_zh="热力图的行：批大小（2 的幂，4 … 256）、动量（0 … 0.99）或权重衰减（1e-5 … 1e-1，对数）。"),
        Param("n_lr", "int", 32, "Learning rates", "学习率个数", low=2, high=64, unit="values",
              help_en="Log-spaced learning rates from lr_min to lr_max (heatmap columns).",
              help_zh="从 lr_min 到 lr_max 按对数均匀取的学习率个数（热力图的列）。"),
        Param("n_axis2", "int", 7, "Second-axis values", "第二轴取值数", low=2, high=16, unit="values",
              help_en="Values of the second hyperparameter (batch size has at most 7: 4, 8, …, 256).",
              help_zh="第二个超参数的取值个数（批大小最多 7 个：4、8、…、256）。"),
        Param("lr_min", "float", 1e-3, "Smallest learning rate", "最小学习率", low=1e-4, high=1.0, log=True),
        Param("lr_max", "float", 3.0, "Largest learning rate", "最大学习率", low=1e-3, high=10.0, log=True),
        Param("batch_size", "int", 32, "Batch size (when not swept)", "批大小（不扫描时）", low=4, high=256,
              log=True, unit="samples",
              help_en="Used for every configuration unless the second axis is the batch size.",
              help_zh="第二轴不是批大小时，所有配置都用此批大小。"),
        Param("momentum", "float", 0.9, "Momentum (when not swept)", "动量（不扫描时）", low=0.0, high=0.99,
              help_en="SGD momentum for every configuration unless the second axis is momentum.",
              help_zh="第二轴不是动量时，所有配置的 SGD 动量。"),
        Param("weight_decay", "float", 0.0, "Weight decay (when not swept)", "权重衰减（不扫描时）",
              low=0.0, high=0.1,
              help_en="SGD weight decay for every configuration unless the second axis is weight decay.",
              help_zh="第二轴不是权重衰减时，所有配置的 SGD 权重衰减。"),
        Param("epochs", "int", 10, "Epochs", "训练轮数", low=1, high=20, unit="epochs",
              help_en="Passes over the 256 training points; every configuration sees the same order.",
              help_zh="遍历 256 个训练点的轮数；所有配置看到相同的数据顺序。"),
        Param("hidden", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=32, log=True, unit="units",
              help_en="Units of the MLP's one ReLU hidden layer (2 → hidden → 1 logit).",
              help_zh="MLP 唯一 ReLU 隐藏层的单元数（2 → hidden → 1 个 logit）。"),
    ),
)

SPECS: tuple[DemoSpec, ...] = (GRID_VS_RANDOM, BAYESIAN_OPTIMIZATION, HYPERBAND, ARCHITECTURE_SEARCH,
                               BATCHED_SWEEP)
