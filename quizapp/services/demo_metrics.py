"""What a demo's metrics are called on its status line, in both languages, as the demos' specs
carry their titles and parameter names (en, zh). `metric_label("lambda_sharp", "zh")` → "尖锐处曲率 λ".

The table names the metrics the status line shows (each demo's first six numbers, in the order
its run returns them); any other key falls back to its words (`gd_stuck_final_x` → "GD stuck
final x"), so a new metric is shown at once and named here when it earns a place.
"""
from __future__ import annotations

# key -> (English, Chinese); symbols (λ, β, σ, B, W) and optimizer names stay as in the formulas
METRIC_LABELS: dict[str, tuple[str, str]] = {
    # saddle-escape
    "gd_growth_factor": ("GD growth factor", "GD 增长因子"),
    "gd_max_rel_error_vs_theory": ("GD max relative error vs theory", "GD 与理论的最大相对误差"),
    "gd_stuck_final_y": ("GD stuck: final y", "GD 停滞：最终 y"),
    "gd_stuck_final_x": ("GD stuck: final x", "GD 停滞：最终 x"),
    "escape_step_theory": ("Escape step (theory)", "逃离步数（理论）"),
    "escape_step_gd": ("Escape step (GD)", "逃离步数（GD）"),
    # flat-vs-sharp, sam-vs-sgd
    "lambda_sharp": ("Curvature λ sharp", "尖锐处曲率 λ"),
    "lambda_flat": ("Curvature λ flat", "平坦处曲率 λ"),
    "lr": ("Learning rate", "学习率"),
    "lr_limit_sharp": ("Learning-rate limit (sharp)", "学习率上限（尖锐）"),
    "lr_limit_flat": ("Learning-rate limit (flat)", "学习率上限（平坦）"),
    "contraction_sharp": ("Contraction (sharp)", "收缩因子（尖锐）"),
    "rho": ("Radius ρ", "半径 ρ"),
    "barrier": ("Barrier", "势垒"),
    "sam_tilt": ("SAM tilt", "SAM 倾斜"),
    "sgd_share_at_flat": ("SGD share at flat", "SGD 落在平坦处的比例"),
    # batch-gradient-noise
    "n_samples": ("Samples", "样本数"),
    "sigma2_per_example": ("σ² per example", "单样本 σ²"),
    "full_gradient_norm": ("Full-gradient norm", "全梯度范数"),
    "batch": ("Batch size", "批量大小"),
    "var_with_replacement": ("Variance with replacement", "有放回方差"),
    "var_with_replacement_theory": ("Variance with replacement (theory)", "有放回方差（理论）"),
    # batch-size-sharpness
    "lr_small": ("Learning rate (small batch)", "学习率（小批量）"),
    "lr_large": ("Learning rate (large batch)", "学习率（大批量）"),
    "steps_small": ("Steps (small batch)", "步数（小批量）"),
    "steps_large": ("Steps (large batch)", "步数（大批量）"),
    "sharpness_small": ("Sharpness (small batch)", "尖锐度（小批量）"),
    "final_loss_small": ("Final loss (small batch)", "最终损失（小批量）"),
    # lr-schedules, lr-warmup, lr-cyclic
    "final_loss_constant": ("Final loss: constant", "最终损失：常数"),
    "final_loss_step": ("Final loss: step", "最终损失：分段"),
    "final_loss_multistep": ("Final loss: multi-step", "最终损失：多段"),
    "final_loss_exponential": ("Final loss: exponential", "最终损失：指数"),
    "final_loss_natural_exp": ("Final loss: natural exponential", "最终损失：自然指数"),
    "final_loss_inverse_time": ("Final loss: inverse time", "最终损失：逆时"),
    "final_loss_no_warmup": ("Final loss: no warm-up", "最终损失：无预热"),
    "final_loss_linear": ("Final loss: linear", "最终损失：线性"),
    "warmup_steps": ("Warm-up steps", "预热步数"),
    "lr_at_t0_linear": ("Learning rate at t0 (linear)", "t0 时的学习率（线性）"),
    "lr_at_W_linear": ("Learning rate at W (linear)", "W 时的学习率（线性）"),
    "final_loss_triangular": ("Final loss: triangular", "最终损失：三角"),
    "final_loss_triangular2": ("Final loss: triangular2", "最终损失：triangular2"),
    "final_loss_sgdr": ("Final loss: SGDR", "最终损失：SGDR"),
    "final_loss_one_cycle": ("Final loss: one-cycle", "最终损失：单周期"),
    "triangular_peak_step": ("Triangular peak step", "三角策略峰值步"),
    "triangular_peak_lr": ("Triangular peak learning rate", "三角策略峰值学习率"),
    # ema-window
    "beta": ("β", "β"),
    "window": ("Window", "窗口"),
    "weight_ratio_at_window": ("Weight ratio at the window", "窗口处的权重比"),
    "one_over_e": ("1/e", "1/e"),
    "weight_mass_in_window": ("Weight mass in the window", "窗口内的权重总和"),
    "raw_ema_constant_first_step": ("Raw EMA of a constant, first step", "常数的原始 EMA（第一步）"),
    # optimizer-race
    "lr_sgd": ("Learning rate SGD", "学习率 SGD"),
    "final_loss_sgd": ("Final loss SGD", "最终损失 SGD"),
    "distance_to_minimum_sgd": ("Distance to minimum SGD", "到最小值的距离 SGD"),
    "lr_momentum": ("Learning rate momentum", "学习率 动量"),
    "final_loss_momentum": ("Final loss momentum", "最终损失 动量"),
    "distance_to_minimum_momentum": ("Distance to minimum momentum", "到最小值的距离 动量"),
    # momentum-dynamics
    "kappa": ("Condition number κ", "条件数 κ"),
    "mu": ("μ", "μ"),
    "L": ("L", "L"),
    "alpha_opt": ("Optimal α", "最优 α"),
    "beta_opt": ("Optimal β", "最优 β"),
    "rate_theory_optimal": ("Optimal rate (theory)", "最优收敛率（理论）"),
    # adaptive-lr
    "steps": ("Steps", "步数"),
    "sgd_first_step": ("SGD first step", "SGD 第一步"),
    "sgd_final_step": ("SGD final step", "SGD 最后一步"),
    "sgd_step_spread": ("SGD step spread", "SGD 步长离散度"),
    "adagrad_first_step": ("AdaGrad first step", "AdaGrad 第一步"),
    # init-signal-propagation
    "std_ratio_last_first_normal": ("Std ratio last/first (normal)", "标准差比 末层/首层（正态）"),
    "grad_ratio_first_to_last_normal": ("Gradient ratio first/last (normal)", "梯度比 首层/末层（正态）"),
    "std_ratio_last_first_small": ("Std ratio last/first (small)", "标准差比 末层/首层（小初值）"),
    "grad_ratio_first_to_last_small": ("Gradient ratio first/last (small)", "梯度比 首层/末层（小初值）"),
    "std_ratio_last_first_xavier_uniform": ("Std ratio last/first (Xavier uniform)",
                                            "标准差比 末层/首层（Xavier 均匀）"),
    "grad_ratio_first_to_last_xavier_uniform": ("Gradient ratio first/last (Xavier uniform)",
                                                "梯度比 首层/末层（Xavier 均匀）"),
    # covariate-shift
    "final_mean_shift_no_bn": ("Final mean shift (no BN)", "最终均值偏移（无 BN）"),
    "final_std_change_no_bn": ("Final std change (no BN)", "最终标准差变化（无 BN）"),
    "final_loss_no_bn": ("Final loss (no BN)", "最终损失（无 BN）"),
    "final_mean_shift_bn": ("Final mean shift (BN)", "最终均值偏移（BN）"),
    "final_std_change_bn": ("Final std change (BN)", "最终标准差变化（BN）"),
    "final_loss_bn": ("Final loss (BN)", "最终损失（BN）"),
    # batchnorm-train-eval
    "batches_used": ("Batches used", "使用的批次数"),
    "true_mean": ("True mean", "真实均值"),
    "true_var": ("True variance", "真实方差"),
    "running_mean": ("Running mean", "滑动均值"),
    "running_var": ("Running variance", "滑动方差"),
    "bessel_factor": ("Bessel factor", "贝塞尔校正因子"),
    # batchnorm-rnn
    "mean_length": ("Mean length", "平均长度"),
    "longest": ("Longest", "最长"),
    "count_at_step_1": ("Count at step 1", "第 1 步的样本数"),
    "first_step_below_min_count": ("First step below the minimum count", "首个低于最小样本数的步"),
    "steps_below_min_count": ("Steps below the minimum count", "低于最小样本数的步数"),
    "steps_with_one_sample": ("Steps with one sample", "只有一个样本的步数"),
    # bn-vs-ln
    "bn_output_spread_B2": ("BN output spread B=2", "BN 输出离散度 B=2"),
    "bn_output_spread_B4": ("BN output spread B=4", "BN 输出离散度 B=4"),
    "bn_output_spread_B8": ("BN output spread B=8", "BN 输出离散度 B=8"),
    "bn_output_spread_B16": ("BN output spread B=16", "BN 输出离散度 B=16"),
    "bn_output_spread_B32": ("BN output spread B=32", "BN 输出离散度 B=32"),
    "bn_output_spread_B64": ("BN output spread B=64", "BN 输出离散度 B=64"),
    # grid-vs-random, bayesian-optimization, hyperband, architecture-search, batched-sweep
    "n_trials": ("Trials", "试验次数"),
    "grid_distinct_x": ("Grid: distinct x", "网格：不同的 x 值"),
    "random_distinct_x": ("Random: distinct x", "随机：不同的 x 值"),
    "grid_best_loss": ("Grid: best loss", "网格：最佳损失"),
    "random_best_loss": ("Random: best loss", "随机：最佳损失"),
    "min_loss": ("Minimum loss", "最小损失"),
    "trials": ("Trials", "试验次数"),
    "best_so_far": ("Best so far", "目前最佳"),
    "next_x": ("Next x", "下一个 x"),
    "max_ei": ("Max expected improvement", "最大期望改进"),
    "sigma_at_next": ("σ at the next x", "下一个 x 处的 σ"),
    "true_min": ("True minimum", "真实最小值"),
    "completed": ("Completed", "已完成"),
    "pruned": ("Pruned", "已剪枝"),
    "diverged_trials": ("Diverged trials", "发散的试验"),
    "epochs_used": ("Epochs used", "使用的轮数"),
    "epochs_full_training": ("Epochs of full training", "完整训练的轮数"),
    "pareto_size": ("Pareto front size", "帕累托前沿大小"),
    "best_val_accuracy": ("Best validation accuracy", "最佳验证准确率"),
    "best_depth": ("Best depth", "最佳深度"),
    "configs": ("Configurations", "配置数"),
    "epochs": ("Epochs", "轮数"),
    "micro_batch": ("Micro-batch", "微批量"),
    "best_loss": ("Best loss", "最佳损失"),
    "best_lr": ("Best learning rate", "最佳学习率"),
    "best_batch_size": ("Best batch size", "最佳批量大小"),
    # l1-vs-l2
    "lambda": ("λ", "λ"),
    "lambda_max": ("λ max", "λ 最大值"),
    "true_zeros": ("True zeros", "真实零系数"),
    "lasso_zeros_ista": ("Lasso zeros (ISTA)", "Lasso 零系数（ISTA）"),
    "lasso_zeros_subgradient": ("Lasso zeros (subgradient)", "Lasso 零系数（次梯度）"),
    "lasso_zeros_converged": ("Lasso zeros (converged)", "Lasso 零系数（收敛后）"),
    # weight-decay
    "steps_run": ("Steps run", "运行步数"),
    "sgd_l2_vs_weight_decay_max_abs_diff": ("SGD: L2 vs weight decay, max |diff|", "SGD：L2 与权重衰减的最大 |差|"),
    "sgd_l2_vs_weight_decay_final_distance": ("SGD: L2 vs weight decay, final distance",
                                              "SGD：L2 与权重衰减的最终距离"),
    "adam_l2_vs_adamw_final_distance": ("Adam L2 vs AdamW, final distance", "Adam L2 与 AdamW 的最终距离"),
    "adam_l2_vs_adamw_relative_distance": ("Adam L2 vs AdamW, relative distance", "Adam L2 与 AdamW 的相对距离"),
    "final_norm_sgd_l2": ("Final norm (SGD L2)", "最终范数（SGD L2）"),
    # early-stopping
    "best_epoch": ("Best epoch", "最佳轮次"),
    "stop_epoch": ("Stop epoch", "停止轮次"),
    "patience": ("Patience", "耐心值"),
    "best_val_loss": ("Best validation loss", "最佳验证损失"),
    "restored_val_loss": ("Restored validation loss", "恢复后的验证损失"),
    "train_loss_at_best": ("Training loss at the best epoch", "最佳轮次的训练损失"),
    # dropout, dropout-bn-variance-shift, rnn-dropout
    "p_drop": ("Drop probability p", "丢弃概率 p"),
    "keep_probability_notes": ("Keep probability (notes' convention)", "保留概率（笔记的约定）"),
    "kept_scale_theory": ("Scale of kept units (theory)", "保留单元的缩放（理论）"),
    "kept_fraction": ("Kept fraction", "保留比例"),
    "mean_max_abs_error": ("Mean max |error|", "平均最大 |误差|"),
    "mean_max_z_score": ("Mean max z-score", "平均最大 z 分数"),
    "keep_probability": ("Keep probability", "保留概率"),
    "ratio_dropout_theory": ("Variance ratio, dropout (theory)", "方差比 dropout（理论）"),
    "ratio_dropout_mc": ("Variance ratio, dropout (Monte Carlo)", "方差比 dropout（蒙特卡洛）"),
    "ratio_uout_theory": ("Variance ratio, Uout (theory)", "方差比 Uout（理论）"),
    "ratio_uout_mc": ("Variance ratio, Uout (Monte Carlo)", "方差比 Uout（蒙特卡洛）"),
    "var_train_dropout_theory": ("Training variance, dropout (theory)", "训练时方差 dropout（理论）"),
    "none_final_val_loss": ("No dropout: final validation loss", "无 dropout：最终验证损失"),
    "none_final_val_accuracy": ("No dropout: final validation accuracy", "无 dropout：最终验证准确率"),
    "per_step_final_val_loss": ("Per-step mask: final validation loss", "逐步掩码：最终验证损失"),
    "per_step_final_val_accuracy": ("Per-step mask: final validation accuracy", "逐步掩码：最终验证准确率"),
}

_WORDS = {"lr": "learning rate", "sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop",
          "adagrad": "AdaGrad", "nesterov": "Nesterov", "bn": "BN", "ln": "LN", "gd": "GD",
          "mc": "MC", "var": "variance", "std": "std", "val": "validation", "ols": "OLS",
          "ema": "EMA", "x": "x", "y": "y", "max": "max", "min": "min", "abs": "|·|"}


def metric_label(key: str, lang: str = "en") -> str:
    """A metric key as words for the status line, in `lang` ("zh" | "en")."""
    known = METRIC_LABELS.get(key)
    if known is not None:
        return known[1] if lang == "zh" else known[0]
    text = " ".join(_WORDS.get(w, w) for w in key.split("_") if w)
    return text[:1].upper() + text[1:] if text and text[0].islower() else text
