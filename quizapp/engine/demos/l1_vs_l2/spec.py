"""The l1-vs-l2 demo: its parameters and texts. Pure Python (listing demos imports no torch);
the computation is in compute.py beside it, imported only when the demo runs."""
from __future__ import annotations

from quizapp.engine.spec import DemoSpec, Param, RunFunction


def _load_run() -> RunFunction:
    from quizapp.engine.demos.l1_vs_l2.compute import run

    return run


SPEC = DemoSpec(
    id="l1-vs-l2",
    section="7.7",
    title_en="L1 vs L2 regularization: paths, proximal steps and exact zeros",
    title_zh="L1 与 L2 正则化：系数路径、近端梯度与精确零",
    load_run=_load_run,
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
