"""The demo catalogue: ids shared by the deck, the engine, the UI and the tests.

This module is pure data so the deck validator (domain) can check demo links without
importing the engine, and the engine registry can check that every demo it registers
is one the deck knows about.
"""
from __future__ import annotations

from typing import Final

SECTIONS: Final[dict[str, tuple[str, str]]] = {
    "7.1": ("网络优化", "Network optimization"),
    "7.2": ("优化算法", "Optimization algorithms"),
    "7.3": ("参数初始化", "Parameter initialization"),
    "7.4": ("数据预处理", "Data preprocessing"),
    "7.5": ("逐层归一化", "Layer-wise normalization"),
    "7.6": ("超参数优化", "Hyperparameter optimization"),
    "7.7": ("网络正则化", "Network regularization"),
}

# demo id -> section of the notes it illustrates (docs/architecture.md § Demos)
DEMO_SECTIONS: Final[dict[str, str]] = {
    "saddle-escape": "7.1",
    "flat-vs-sharp": "7.1",
    "batch-gradient-noise": "7.2",
    "batch-size-sharpness": "7.2",
    "lr-schedules": "7.2",
    "lr-warmup": "7.2",
    "lr-cyclic": "7.2",
    "ema-window": "7.2",
    "optimizer-race": "7.2",
    "momentum-dynamics": "7.2",
    "adaptive-lr": "7.2",
    "sam-vs-sgd": "7.2",
    "init-signal-propagation": "7.3",
    "covariate-shift": "7.5",
    "batchnorm-train-eval": "7.5",
    "batchnorm-rnn": "7.5",
    "bn-vs-ln": "7.5",
    "grid-vs-random": "7.6",
    "bayesian-optimization": "7.6",
    "hyperband": "7.6",
    "architecture-search": "7.6",
    "batched-sweep": "7.6",
    "l1-vs-l2": "7.7",
    "weight-decay": "7.7",
    "early-stopping": "7.7",
    "dropout": "7.7",
    "dropout-bn-variance-shift": "7.7",
    "rnn-dropout": "7.7",
}

DEMO_IDS: Final[frozenset[str]] = frozenset(DEMO_SECTIONS)
