"""early-stopping: watch the validation loss, keep the best weights, stop after `patience` epochs
without a new minimum, restore the best weights.

The rule, exactly: after epoch e (epoch 0 is the untrained model), if val[e] < best so far the
epoch becomes the best and its state_dict is copied; otherwise, once e − best = patience, training
stops at e. So the best epoch is the (first) argmin of the validation curve up to the stop and
stop = best + patience unless max_epochs comes first. The restored model is the copied state_dict.
"""
from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.func import functional_call

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import build_mlp
from quizapp.engine.pacing import FramePacer
from quizapp.engine.palette import color
from quizapp.engine.result import DemoResult, Frame, Panel, Series, to_floats
from quizapp.i18n.text import DemoText

N_VAL = 50
GRID_POINTS = 200


def target(x: np.ndarray) -> np.ndarray:
    """The noiseless function the net should learn."""
    return np.sin(3.0 * x)


def make_data(n_train: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Train and validation sets from the same noisy distribution, x ~ U(−1, 1)."""
    x_tr = np.sort(rng.uniform(-1.0, 1.0, n_train))
    x_va = np.sort(rng.uniform(-1.0, 1.0, N_VAL))
    y_tr = target(x_tr) + noise * rng.standard_normal(n_train)
    y_va = target(x_va) + noise * rng.standard_normal(N_VAL)
    return x_tr, y_tr, x_va, y_va


@dataclass
class EarlyStopper:
    """Patience-based early stopping that keeps a copy of the best state_dict."""

    patience: int
    best_epoch: int = -1
    best_loss: float = math.inf
    best_state: dict[str, torch.Tensor] | None = None
    stop_epoch: int | None = None
    history: list[float] = field(default_factory=list)

    def update(self, epoch: int, val_loss: float, model: nn.Module) -> bool:
        """Record epoch `epoch`'s validation loss; return True when training should stop."""
        self.history.append(val_loss)
        if val_loss < self.best_loss:
            self.best_epoch, self.best_loss = epoch, val_loss
            self.best_state = copy.deepcopy(model.state_dict())
        elif epoch - self.best_epoch >= self.patience and self.stop_epoch is None:
            self.stop_epoch = epoch
        return self.stop_epoch is not None


class Session:
    """The model, its data and its early stopper; what a frame or the result reads from them."""

    def __init__(self, params: dict[str, Any], ctx: RunContext) -> None:
        dev = ctx.device
        self.x_tr, self.y_tr, self.x_va, self.y_va = make_data(params["n_train"], params["noise"], ctx.rng)

        def col(a: np.ndarray) -> torch.Tensor:
            return torch.as_tensor(a, dtype=torch.float32, device=dev).reshape(-1, 1)

        self.Xtr, self.Ytr = col(self.x_tr), col(self.y_tr)
        self.grid = np.linspace(-1.0, 1.0, GRID_POINTS)
        self.Xgrid = col(self.grid)
        hidden = params["hidden"]
        self.model = build_mlp(1, [hidden, hidden], 1, "tanh", device=dev, generator=ctx.generator)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=params["lr"], foreach=True)  # fewer tiny kernels
        self.stopper = EarlyStopper(params["patience"])
        self.curves = Curves()
        self.X_both, self.Y_both = torch.cat([self.Xtr, col(self.x_va)]), torch.cat([self.Ytr, col(self.y_va)])
        self.n_tr = self.Xtr.shape[0]

    def step(self) -> None:
        self.opt.zero_grad(set_to_none=True)
        nn.functional.mse_loss(self.model(self.Xtr), self.Ytr).backward()
        self.opt.step()

    def predict(self, state: dict[str, torch.Tensor] | None = None) -> list[float]:
        """The model's curve on the grid, with its current weights or with `state`'s."""
        with torch.no_grad():
            out = self.model(self.Xgrid) if state is None else functional_call(self.model, state, (self.Xgrid,))
            return to_floats(out.reshape(-1))

    def losses(self) -> tuple[float, float]:
        """(train MSE, validation MSE), from one forward pass over both sets."""
        with torch.no_grad():
            err = (self.model(self.X_both) - self.Y_both).pow(2)
            return float(err[:self.n_tr].mean()), float(err[self.n_tr:].mean())

    def record(self, epoch: int) -> bool:
        """Log epoch `epoch`'s losses; return False if they are not finite."""
        tr, va = self.losses()
        if not (math.isfinite(tr) and math.isfinite(va)):
            return False
        after = self.stopper.stop_epoch is not None
        self.curves.add(epoch, tr, va, after)
        if not after:
            self.stopper.update(epoch, va, self.model)
        return True

    def series(self, final: bool = False) -> list[Series]:
        self.curves.best_fit = self.predict(self.stopper.best_state)
        return _series(self.curves, self.stopper, self.grid, self.x_tr, self.y_tr, self.x_va, self.y_va,
                       self.predict(), final=final)


def _metrics(params: dict[str, Any], s: Session, epoch: int, diverged: bool) -> dict[str, Any]:
    """Reads the last validation loss, then restores the best weights (as a user of early
    stopping would) and reads it again."""
    stopper = s.stopper
    last_val = s.losses()[1]
    assert stopper.best_state is not None
    s.model.load_state_dict(stopper.best_state)
    stop_epoch = stopper.stop_epoch if stopper.stop_epoch is not None else min(epoch, params["max_epochs"])
    metrics: dict[str, Any] = {
        "best_epoch": stopper.best_epoch,
        "stop_epoch": stop_epoch,
        "stopped_early": stopper.stop_epoch is not None,
        "patience": params["patience"],
        "best_val_loss": stopper.best_loss,
        "restored_val_loss": s.losses()[1],
        "train_loss_at_best": s.curves.train[stopper.best_epoch],
        "epochs_trained": epoch,
        "diverged": diverged,
    }
    if params["continue_after_stop"] and stopper.stop_epoch is not None:
        metrics["val_loss_without_early_stopping"] = last_val
    return metrics


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    s = Session(params, ctx)
    max_epochs, keep_going = params["max_epochs"], params["continue_after_stop"]
    s.record(0)
    yield Frame(0.0, s.series(), _panels())
    pacer = FramePacer(started=True)
    diverged = False
    epoch = 0
    for epoch in range(1, max_epochs + 1):
        ctx.check_cancelled()
        s.step()
        if not s.record(epoch):
            diverged = True
            break
        if s.stopper.stop_epoch is not None and not keep_going:
            break
        if pacer.due():
            yield Frame(epoch / max_epochs, s.series(), _panels())
    series = s.series(final=True)
    metrics = _metrics(params, s, epoch, diverged)
    messages = []
    if s.stopper.stop_epoch is None:
        messages.append(DemoText.tr("the validation loss was still improving within the last {patience} epochs: "
                                    "training ended at max_epochs = {epochs} before patience ran out.").format(
            patience=params["patience"], epochs=max_epochs))
    if diverged:
        messages.append(DemoText.tr("training diverged; lower the learning rate."))
    yield ctx.result(series, _panels(), metrics, messages)


@dataclass
class Curves:
    """Loss curves up to the stop and after it (the 'what if we had kept going' part)."""

    epochs: list[float] = field(default_factory=list)
    train: list[float] = field(default_factory=list)
    val: list[float] = field(default_factory=list)
    epochs_after: list[float] = field(default_factory=list)
    train_after: list[float] = field(default_factory=list)
    val_after: list[float] = field(default_factory=list)
    best_fit: list[float] = field(default_factory=list)

    def add(self, epoch: int, train: float, val: float, after_stop: bool) -> None:
        if after_stop:
            if not self.epochs_after:  # join the dashed continuation to the solid curve
                self.epochs_after.append(self.epochs[-1])
                self.train_after.append(self.train[-1])
                self.val_after.append(self.val[-1])
            self.epochs_after.append(float(epoch))
            self.train_after.append(train)
            self.val_after.append(val)
        else:
            self.epochs.append(float(epoch))
            self.train.append(train)
            self.val.append(val)


def _series(c: Curves, stopper: EarlyStopper, grid: np.ndarray, x_tr: np.ndarray, y_tr: np.ndarray,
            x_va: np.ndarray, y_va: np.ndarray, current_fit: list[float], final: bool) -> list[Series]:
    g = [float(v) for v in grid]
    out = [
        Series("train", list(c.epochs), list(c.train), "loss", style={"color": color(0), "label_zh": "训练"}),
        Series("validation", list(c.epochs), list(c.val), "loss", style={"color": color(1), "label_zh": "验证"}),
        Series("train, kept going", list(c.epochs_after), list(c.train_after), "loss",
               style={"color": color(0), "ls": ":", "alpha": 0.6, "label_zh": "训练（继续训练）"}),
        Series("validation, kept going", list(c.epochs_after), list(c.val_after), "loss",
               style={"color": color(1), "ls": ":", "alpha": 0.6, "label_zh": "验证（继续训练）"}),
        Series("best so far", [float(stopper.best_epoch)], [stopper.best_loss], "loss", "scatter",
               style={"color": "k", "marker": "*", "size": 90, "label_zh": "目前最佳"}),
    ]
    if final:
        out.append(Series("best epoch", [float(stopper.best_epoch)], [], "loss", "vline",
                          style={"color": color(2), "ls": "--", "label_zh": "最佳轮次"}))
        if stopper.stop_epoch is not None:
            out.append(Series("stop = best + patience", [float(stopper.stop_epoch)], [], "loss", "vline",
                              style={"color": "0.2", "ls": "-", "label_zh": "停止 = 最佳 + 耐心值"}))
    out += [
        Series("truth sin(3x)", g, [float(v) for v in target(grid)], "fit",
               style={"color": "0.5", "ls": "--", "label_zh": "真实函数 sin(3x)"}),
        Series("train points", [float(v) for v in x_tr], [float(v) for v in y_tr], "fit", "scatter",
               style={"color": color(0), "size": 22, "label_zh": "训练点"}),
        Series("validation points", [float(v) for v in x_va], [float(v) for v in y_va], "fit", "scatter",
               style={"color": color(1), "size": 10, "alpha": 0.5, "label_zh": "验证点"}),
        Series("model at best epoch (restored)", g, list(c.best_fit), "fit",
               style={"color": color(2), "lw": 2.2, "label_zh": "最佳轮次的模型（已恢复）"}),
        Series("model at last epoch", g, current_fit, "fit",
               style={"color": color(3), "lw": 1.2, "alpha": 0.8, "label_zh": "最后一轮的模型"}),
    ]
    return out


def _panels() -> list[Panel]:
    return [
        Panel("loss", "Train and validation loss", "训练与验证损失", xlabel="epoch", ylabel="MSE",
              xlabel_zh="轮次", ylabel_zh="均方误差", yscale="log"),
        Panel("fit", "Fit: restored best vs last epoch", "拟合：恢复的最佳模型 vs 最后一轮", xlabel="x", ylabel="y"),
    ]
