"""Seeded 2-D toy classification sets (NumPy only, no torch), shared by the training demos.

Every generator takes the caller's `np.random.Generator`, so a demo's seed fixes its data, and
returns `(X, y)`: `X` float32 of shape (n, 2), standardized per feature (zero mean, unit std) so
that learning rates mean the same thing on every set; `y` int64 class labels.
"""
from __future__ import annotations

import numpy as np


def _standardize(X: np.ndarray) -> np.ndarray:
    std = X.std(axis=0)
    standardized: np.ndarray = ((X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)).astype(np.float32)
    return standardized


def _check(n: int, noise: float) -> None:
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")


def make_moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (as in scikit-learn), `n` points split as evenly as
    possible (class 0 gets the odd one), Gaussian noise of std `noise` before standardizing."""
    _check(n, noise)
    n0 = (n + 1) // 2
    n1 = n - n0
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    upper = np.stack([np.cos(t0), np.sin(t0)], axis=1)
    lower = np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1)
    X = np.concatenate([upper, lower]) + rng.normal(0.0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)])
    order = rng.permutation(n)  # shuffled, so any prefix is a fair minibatch
    return _standardize(X[order]), y[order]


def make_spirals(n: int, noise: float, turns: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved Archimedean spirals of `turns` turns each (class 1 is class 0 rotated by
    pi), `n` points split as evenly as possible; noise std is relative to the outer radius 1."""
    _check(n, noise)
    if turns <= 0:
        raise ValueError(f"turns must be > 0, got {turns}")
    n0 = (n + 1) // 2
    n1 = n - n0
    arms = []
    for count, phase in ((n0, 0.0), (n1, np.pi)):
        r = np.linspace(0.05, 1.0, count)  # start off-centre so the arms do not overlap at 0
        theta = 2.0 * np.pi * turns * r + phase
        arms.append(np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1))
    X = np.concatenate(arms) + rng.normal(0.0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n0, dtype=np.int64), np.ones(n1, dtype=np.int64)])
    order = rng.permutation(n)
    return _standardize(X[order]), y[order]
