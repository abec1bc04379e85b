"""Specs of the optimization demos (notes §7.1 network optimization, §7.2 optimizers).

Pure Python: listing demos must not import torch (or NumPy). The run functions live in
quizapp/engine/demos/<id>.py.
"""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param

_D = "quizapp.engine.demos."

# Surface ids of quizapp.engine.surfaces.SURFACES (a test keeps the two in step).
SURFACE_CHOICES = ("quadratic", "rosenbrock", "beale", "saddle", "cubic", "himmelblau")
# The optimizers of optimizer-race, in drawing order (a colour per optimizer).
RACE_OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
# The optimizers adaptive-lr compares, in bar order (also its x tick labels).
ADAPTIVE_OPTIMIZERS = ("SGD", "AdaGrad", "RMSprop", "Adam")
# (English, Chinese) names of the optimizers
OPTIMIZER_NAMES = {"sgd": ("SGD", "SGD"), "momentum": ("Momentum", "动量法"), "nesterov": ("Nesterov", "Nesterov 动量"),
                   "adagrad": ("AdaGrad", "AdaGrad"), "rmsprop": ("RMSprop", "RMSprop"), "adam": ("Adam", "Adam")}


def _steps(default: int, low: int = 10, high: int = 1000) -> Param:
    return Param("steps", "int", default, "Steps", "迭代步数", low=low, high=high, log=True,
                 help_en="Number of optimizer steps.", help_zh="优化器迭代的步数。")


SADDLE_ESCAPE = DemoSpec(
    id="saddle-escape", section="7.1",
    title_en="Escaping saddle points", title_zh="逃离鞍点",
    entry=_D + "saddle_escape:run",
    params=(
        Param("lr", "float", 0.1, "Learning rate η", "学习率 η", low=0.005, high=0.9, log=True,
              help_en="Gradient-descent step size. On x²−y², GD multiplies y by (1+2η) per step.",
              help_zh="梯度下降步长。在 x²−y² 上，每一步 y 被乘以 (1+2η)。"),
        Param("eps", "float", 1e-4, "Initial offset ε", "初始偏移 ε", low=1e-12, high=0.1, log=True,
              help_en="Start at (x0, ε): how far off the saddle's stable line GD begins.",
              help_zh="从 (x0, ε) 出发：起点偏离鞍点稳定方向的距离。"),
        Param("x0", "float", 1.5, "Start x0", "起点 x0", low=0.1, high=2.0,
              help_en="Start coordinate along the stable direction x.", help_zh="沿稳定方向 x 的起点坐标。"),
        Param("noise", "float", 0.01, "Gradient noise σ", "梯度噪声 σ", low=1e-6, high=1.0, log=True,
              help_en="Std of Gaussian noise added to the gradient (stands in for minibatch noise).",
              help_zh="加到梯度上的高斯噪声标准差（模拟小批量噪声）。"),
        Param("momentum", "float", 0.9, "Momentum β", "动量 β", low=0.0, high=0.99,
              help_en="Heavy-ball momentum of the momentum run (torch.optim.SGD convention).",
              help_zh="动量法的动量系数（torch.optim.SGD 的约定）。"),
        Param("cubic_runs", "int", 8, "Noisy runs on the cubic", "三次函数上的噪声运行数", low=1, high=40,
              help_en="Noisy GD runs started exactly at the cubic's saddle (1/4, −1/2).",
              help_zh="从三次函数鞍点 (1/4, −1/2) 出发的带噪声梯度下降次数。"),
        _steps(100, 10, 1000),
    ),
    summary_en="GD started on a saddle's stable line stays stuck; an ε offset grows like ε(1+2η)^t, "
               "and gradient noise or momentum escape faster. The notes-style cubic x²+y²+y³+xy has its "
               "saddle at (1/4, −1/2) and a local minimum at the origin.",
    summary_zh="从鞍点稳定方向出发的梯度下降会停滞；偏移 ε 以 ε(1+2η)^t 增长，梯度噪声或动量能更快逃离。"
               "笔记中的三次函数 x²+y²+y³+xy 的鞍点在 (1/4, −1/2)，原点是局部极小值。",
)

FLAT_VS_SHARP = DemoSpec(
    id="flat-vs-sharp", section="7.1",
    title_en="Flat vs sharp minima", title_zh="平坦最小值与尖锐最小值",
    entry=_D + "flat_vs_sharp:run",
    params=(
        Param("lr", "float", 0.05, "Learning rate η", "学习率 η", low=1e-3, high=1.0, log=True,
              help_en="GD step size; GD at curvature λ is stable iff η < 2/λ.",
              help_zh="梯度下降步长；在曲率为 λ 处，当且仅当 η < 2/λ 时稳定。"),
        Param("sharp_curvature", "float", 50.0, "Sharp curvature λ_sharp", "尖锐曲率 λ_sharp",
              low=5.0, high=200.0, log=True, help_en="Second derivative at the sharp minimum (w = −1).",
              help_zh="尖锐最小值（w = −1）处的二阶导数。"),
        Param("flat_curvature", "float", 2.0, "Flat curvature λ_flat", "平坦曲率 λ_flat",
              low=0.1, high=5.0, log=True, help_en="Second derivative at the flat minimum (w = 2).",
              help_zh="平坦最小值（w = 2）处的二阶导数。"),
        Param("offset", "float", 0.01, "Start offset", "起点偏移", low=1e-3, high=0.3, log=True,
              help_en="Each GD run starts this far from its minimum.", help_zh="每次梯度下降从距其最小值这么远的地方出发。"),
        Param("sigma_max", "float", 0.3, "Largest perturbation σ", "最大扰动 σ", low=0.01, high=1.0, log=True,
              help_en="Weights are perturbed by N(0, σ²) up to this σ to measure robustness.",
              help_zh="对参数施加 N(0, σ²) 扰动（σ 最大到此值）以衡量鲁棒性。"),
        Param("samples", "int", 4000, "Perturbation samples", "扰动样本数", low=100, high=50000, log=True,
              help_en="Monte Carlo samples per σ.", help_zh="每个 σ 的蒙特卡洛样本数。"),
        _steps(60, 5, 500),
    ),
    summary_en="On a landscape with a sharp and a flat basin of equal depth, GD with step η can stay only "
               "where the curvature is below 2/η, and perturbing the weights costs λσ²/2: the flat "
               "minimum is both reachable with larger steps and more robust.",
    summary_zh="在深度相同的一个尖锐盆地和一个平坦盆地上，步长为 η 的梯度下降只能停留在曲率低于 2/η 的地方；"
               "对参数扰动的代价为 λσ²/2：平坦最小值既能容纳更大步长，也更鲁棒。",
)

BATCH_GRADIENT_NOISE = DemoSpec(
    id="batch-gradient-noise", section="7.2",
    title_en="Minibatch gradient noise vs batch size", title_zh="小批量梯度噪声与批量大小",
    entry=_D + "batch_gradient_noise:run",
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

BATCH_SIZE_SHARPNESS = DemoSpec(
    id="batch-size-sharpness", section="7.2",
    title_en="Batch size and sharpness", title_zh="批量大小与尖锐度",
    entry=_D + "batch_size_sharpness:run", streams=True,
    params=(
        Param("small_batch", "int", 8, "Small batch", "小批量", low=1, high=64, log=True,
              help_en="Batch size of the small-batch run.", help_zh="小批量训练的批量大小。"),
        Param("large_batch", "int", 128, "Large batch", "大批量", low=16, high=512, log=True,
              help_en="Batch size of the large-batch run (512 = the full dataset).",
              help_zh="大批量训练的批量大小（512 即全量数据）。"),
        Param("lr", "float", 0.5, "Learning rate", "学习率", low=1e-3, high=2.0, log=True,
              help_en="SGD learning rate of the large-batch run (and of the small batch, unless scaled).",
              help_zh="大批量训练的 SGD 学习率（小批量也用它，除非按比例缩放）。"),
        Param("lr_scaling", "choice", "none", "LR scaling", "学习率缩放", choices=("none", "linear"),
              help_en="'linear': the small batch uses lr × small/large, so lr/B is the same for both "
                      "(Goyal et al.'s linear scaling rule) — and so, roughly, is the sharpness.",
              help_zh="'linear'：小批量使用 lr × 小批量/大批量，使两者的 lr/B 相同（线性缩放规则），"
                      "尖锐度也因此大致相同。"),
        Param("epochs", "int", 30, "Epochs", "训练轮数", low=1, high=200, log=True,
              help_en="Both runs see the data this many times.", help_zh="两次训练都遍历数据这么多轮。"),
        Param("width", "int", 32, "Hidden width", "隐藏层宽度", low=4, high=128, log=True,
              help_en="Units in each of the MLP's two hidden layers.", help_zh="MLP 两个隐藏层各自的单元数。"),
        Param("power_iters", "int", 20, "Power iterations", "幂迭代次数", low=5, high=200, log=True,
              help_en="Hessian-vector products per sharpness estimate.", help_zh="每次尖锐度估计所用的 Hessian-向量积次数。"),
    ),
    summary_en="Train the same MLP on two-moons with a small and a large batch for the same number of "
               "epochs; the sharpness (top Hessian eigenvalue, by power iteration on Hessian-vector "
               "products) ends higher for the large batch. GD cannot stay where sharpness > 2/lr.",
    summary_zh="用小批量和大批量在双月数据上训练同一个 MLP，轮数相同；尖锐度（Hessian 最大特征值，"
               "由 Hessian-向量积的幂迭代求得）在大批量下更高。梯度下降无法停留在尖锐度 > 2/lr 的地方。",
)

EMA_WINDOW = DemoSpec(
    id="ema-window", section="7.2",
    title_en="Exponential moving average", title_zh="指数移动平均（EMA）",
    entry=_D + "ema_window:run",
    params=(
        Param("beta", "float", 0.9, "Decay β", "衰减率 β", low=0.5, high=0.999,
              help_en="v_t = β v_{t−1} + (1−β) x_t; it averages over roughly the last 1/(1−β) steps.",
              help_zh="v_t = β v_{t−1} + (1−β) x_t；约等于最近 1/(1−β) 步的平均。"),
        Param("signal", "choice", "step", "Signal", "信号", choices=("constant", "step", "cosine"),
              help_en="The clean signal under the noise.", help_zh="噪声下的干净信号。"),
        Param("level", "float", 1.0, "Signal level", "信号幅值", low=-10.0, high=10.0,
              help_en="Value of the constant signal (the step goes from +level to −level; the cosine has amplitude level).",
              help_zh="常数信号的值（阶跃从 +level 跳到 −level；余弦的振幅为 level）。"),
        Param("noise", "float", 0.3, "Noise σ", "噪声 σ", low=0.0, high=3.0,
              help_en="Std of the Gaussian noise on each observation.", help_zh="每个观测上的高斯噪声标准差。"),
        _steps(100, 10, 2000),
    ),
    summary_en="An EMA with decay β weighs the observation k steps back by (1−β)β^k; the weight falls to "
               "1/e of the newest after about 1/(1−β) steps. Started at 0 it is biased low; dividing by "
               "1−β^t removes that bias exactly (a constant is reproduced exactly).",
    summary_zh="衰减率为 β 的 EMA 给 k 步之前的观测权重 (1−β)β^k；约 1/(1−β) 步后权重降到最新的 1/e。"
               "从 0 开始会偏低；除以 1−β^t 可精确消除该偏差（常数被精确还原）。",
)


def _race_params() -> tuple[Param, ...]:
    params = [
        Param("surface", "choice", "rosenbrock", "Surface", "曲面", choices=SURFACE_CHOICES,
              help_en="The 2-D loss surface.", help_zh="二维损失曲面。"),
    ]
    for opt in RACE_OPTIMIZERS:
        en, zh = OPTIMIZER_NAMES[opt]
        params.append(Param(opt, "bool", True, en, zh, help_en=f"Race {en}.", help_zh=f"参加比赛：{zh}。"))
    for opt in RACE_OPTIMIZERS:
        en, zh = OPTIMIZER_NAMES[opt]
        params.append(Param(f"lr_{opt}", "float", 0.0, f"{en} learning rate", f"{zh} 学习率", low=0.0, high=10.0,
                            help_en="0 = the value tuned for the chosen surface.",
                            help_zh="0 表示使用针对所选曲面调好的值。"))
    params += [
        Param("lr_scale", "float", 1.0, "Learning-rate scale", "学习率缩放", low=0.01, high=100.0, log=True,
              help_en="Multiplies every optimizer's learning rate.", help_zh="所有优化器的学习率乘以此值。"),
        Param("momentum_beta", "float", 0.9, "Momentum β", "动量 β", low=0.0, high=0.99,
              help_en="Momentum of Momentum and Nesterov.", help_zh="动量法与 Nesterov 的动量系数。"),
        Param("rms_alpha", "float", 0.99, "RMSprop α", "RMSprop α", low=0.5, high=0.9999,
              help_en="Decay of RMSprop's squared-gradient average.", help_zh="RMSprop 平方梯度平均的衰减率。"),
        Param("beta1", "float", 0.9, "Adam β1", "Adam β1", low=0.0, high=0.999,
              help_en="Adam's first-moment decay.", help_zh="Adam 一阶矩的衰减率。"),
        Param("beta2", "float", 0.999, "Adam β2", "Adam β2", low=0.5, high=0.9999,
              help_en="Adam's second-moment decay.", help_zh="Adam 二阶矩的衰减率。"),
        _steps(500, 10, 2000),
        Param("custom_start", "bool", False, "Custom start", "自定义起点",
              help_en="Start at (x0, y0) instead of the surface's default start.",
              help_zh="从 (x0, y0) 出发，而不是曲面的默认起点。"),
        Param("x0", "float", 0.0, "Start x0", "起点 x0", low=-5.0, high=5.0,
              help_en="Start x when 'Custom start' is on.", help_zh="开启“自定义起点”时的起点 x。"),
        Param("y0", "float", 0.0, "Start y0", "起点 y0", low=-5.0, high=5.0,
              help_en="Start y when 'Custom start' is on.", help_zh="开启“自定义起点”时的起点 y。"),
    ]
    return tuple(params)


OPTIMIZER_RACE = DemoSpec(
    id="optimizer-race", section="7.2",
    title_en="Optimizer race", title_zh="优化器赛跑",
    entry=_D + "optimizer_race:run", streams=True,
    params=_race_params(),
    summary_en="SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam on the same surface from the same "
               "start, each with its own learning rate; trajectories equal torch.optim step for step.",
    summary_zh="SGD、动量法、Nesterov、AdaGrad、RMSprop 和 Adam 在同一曲面上从同一起点出发，"
               "各用自己的学习率；轨迹与 torch.optim 逐步一致。",
)

MOMENTUM_DYNAMICS = DemoSpec(
    id="momentum-dynamics", section="7.2",
    title_en="Why momentum works", title_zh="动量为什么有效",
    entry=_D + "momentum_dynamics:run",
    params=(
        Param("kappa", "float", 100.0, "Condition number κ", "条件数 κ", low=1.0, high=1000.0, log=True,
              help_en="Ratio of the quadratic's largest to smallest curvature (L = 1, μ = 1/κ).",
              help_zh="二次函数最大与最小曲率之比（L = 1，μ = 1/κ）。"),
        Param("alpha", "float", 2.0, "Step size α", "步长 α", low=0.001, high=4.0, log=True,
              help_en="Learning rate of heavy-ball momentum.", help_zh="重球动量法的学习率。"),
        Param("beta", "float", 0.8, "Momentum β", "动量 β", low=0.0, high=0.999,
              help_en="z ← βz + ∇f(w); w ← w − αz (torch.optim.SGD's momentum).",
              help_zh="z ← βz + ∇f(w)；w ← w − αz（torch.optim.SGD 的动量形式）。"),
        Param("resolution", "int", 100, "Heatmap resolution", "热图分辨率", low=20, high=300, log=True,
              help_en="Grid points per axis of the (α, β) rate map.", help_zh="(α, β) 收敛率图每个轴的格点数。"),
        _steps(200, 10, 2000),
    ),
    summary_en="On a quadratic with condition number κ, heavy-ball momentum converges at the spectral "
               "radius of its 2×2 iteration matrix; the best choice α* = 4/(√L+√μ)², β* = ((√κ−1)/(√κ+1))² "
               "gives rate (√κ−1)/(√κ+1), against (κ−1)/(κ+1) for the best plain GD.",
    summary_zh="在条件数为 κ 的二次函数上，重球动量法的收敛率是其 2×2 迭代矩阵的谱半径；最优的 α* = 4/(√L+√μ)²、"
               "β* = ((√κ−1)/(√κ+1))² 给出收敛率 (√κ−1)/(√κ+1)，而最优的普通梯度下降只有 (κ−1)/(κ+1)。",
)

ADAPTIVE_LR = DemoSpec(
    id="adaptive-lr", section="7.2",
    title_en="Adaptive learning rates", title_zh="自适应学习率",
    entry=_D + "adaptive_lr:run",
    params=(
        Param("lr", "float", 0.01, "Learning rate", "学习率", low=1e-4, high=1.0, log=True,
              help_en="The same lr for SGD, AdaGrad, RMSprop and Adam.", help_zh="SGD、AdaGrad、RMSprop 和 Adam 使用同一学习率。"),
        Param("spread", "float", 10.0, "Gradient-scale spread", "梯度尺度差异", low=1.0, high=1000.0, log=True,
              help_en="The three coordinates see gradients of scale spread, 1 and 1/spread.",
              help_zh="三个坐标的梯度尺度分别为 spread、1 和 1/spread。"),
        Param("noise", "float", 0.0, "Gradient noise", "梯度噪声", low=0.0, high=2.0,
              help_en="Relative Gaussian noise on each gradient (0 = constant gradients).",
              help_zh="每个梯度上的相对高斯噪声（0 表示恒定梯度）。"),
        Param("rms_alpha", "float", 0.99, "RMSprop α", "RMSprop α", low=0.5, high=0.9999,
              help_en="Decay of RMSprop's squared-gradient average.", help_zh="RMSprop 平方梯度平均的衰减率。"),
        Param("beta2", "float", 0.999, "Adam β2", "Adam β2", low=0.5, high=0.9999,
              help_en="Adam's second-moment decay.", help_zh="Adam 二阶矩的衰减率。"),
        _steps(500, 10, 5000),
    ),
    summary_en="Per-coordinate steps of AdaGrad, RMSprop and Adam on gradients of very different scales: "
               "adaptive methods take similar steps on every coordinate. With a constant gradient AdaGrad's "
               "step shrinks like lr/√t while Adam's step is lr.",
    summary_zh="在尺度差异很大的梯度上比较 AdaGrad、RMSprop 和 Adam 的逐坐标步长：自适应方法在每个坐标上步长相近。"
               "梯度恒定时，AdaGrad 的步长按 lr/√t 衰减，而 Adam 的步长等于 lr。",
)

SPECS: tuple[DemoSpec, ...] = (
    SADDLE_ESCAPE, FLAT_VS_SHARP, BATCH_GRADIENT_NOISE, BATCH_SIZE_SHARPNESS, EMA_WINDOW,
    OPTIMIZER_RACE, MOMENTUM_DYNAMICS, ADAPTIVE_LR,
)
