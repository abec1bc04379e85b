"""A batched hyperparameter sweep: every configuration of a small MLP trained in one computation.

N configurations (learning rate × batch size, momentum or weight decay) of a 2 → H → 1 ReLU MLP
(binary cross-entropy on two moons) keep their weights stacked along a leading config axis, so
one forward/backward of batched matmuls trains all of them at once: on a CPU the per-step Python
and dispatch overhead is paid once instead of N times, on a GPU thousands of configs fill the chip.

Exactness: every configuration starts from the same initial weights (nn.Linear's default init
drawn from the demo's generator) and sees the same data order. Different batch sizes run in
lockstep on shared micro-batches of m = gcd(batch sizes) rows: each config sums its micro-batch
gradients (scaled by 1/its batch's size) and takes its SGD step only when its own batch is
complete, so it follows exactly the run `train_alone` does with nn.Sequential + torch.optim.SGD.
The SGD update is written out (torch.optim has no per-slice learning rates) in the form of
torch.optim.SGD: d = g + λ·p;  b = μ·b + d;  p = p − η·b  (dampening 0, no Nesterov).
"""
from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import build_mlp
from quizapp.engine.pacing import FramePacer
from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.engine.toydata import make_moons
from quizapp.i18n.text import DemoText

N_DATA = 256
BATCH_SIZES = (4, 8, 16, 32, 64, 128, 256)  # the batch-size axis: powers of two (they share micro-batches)
MOMENTUM_RANGE = (0.0, 0.99)
WEIGHT_DECAY_RANGE = (1e-5, 1e-1)
DIVERGED_LOSS = 100.0  # a config whose full-set loss passes this (or is NaN) is frozen as diverged
MAX_CURVES = 7  # loss curves drawn (one per row of the heatmap, evenly chosen)
EVAL_CHUNK_ELEMENTS = 1 << 24  # full-set evaluation is chunked over configs to bound memory

PARAM_NAMES = ("0.weight", "0.bias", "2.weight", "2.bias")  # nn.Sequential(Linear, ReLU, Linear)


def init_params(hidden: int, device: torch.device, generator: torch.Generator,
                dtype: torch.dtype = torch.float32) -> dict[str, torch.Tensor]:
    """One model's initial weights (nn.Linear's default init, drawn from `generator`)."""
    model = build_mlp(2, [hidden], 1, "relu", device=device, generator=generator).to(dtype)
    return {name: p.detach().clone() for name, p in model.named_parameters()}


def epoch_orders(n: int, epochs: int, generator: torch.Generator, device: torch.device) -> torch.Tensor:
    """The data order of every epoch, shared by all configs: (epochs, n) permutations."""
    return torch.stack([torch.randperm(n, generator=generator, device=device) for _ in range(epochs)])


def sgd_step(p: torch.Tensor, grad: torch.Tensor, buf: torch.Tensor, lr: torch.Tensor, momentum: torch.Tensor,
             weight_decay: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """torch.optim.SGD's update for a stack of configs (hyperparameters broadcast over the config
    axis; a zero buffer makes the first step b = d, as torch.optim does). Returns (p, buf) new."""
    d = grad + weight_decay * p
    buf = momentum * buf + d
    return p - lr * buf, buf


@dataclass(frozen=True)
class MicroSchedule:
    """How one epoch of N_DATA rows splits into shared micro-batches for all configs."""

    size: int  # m = gcd of the batch sizes
    scale: torch.Tensor  # (J, N): 1 / size of the batch each micro-batch belongs to, per config
    update: torch.Tensor  # (J, N) bool: this micro-batch completes the config's batch
    any_update: list[bool]  # (J,) on the host, so no device sync is needed to branch
    all_update: list[bool]


def micro_schedule(batch_sizes: Sequence[int], n: int, device: torch.device, dtype: torch.dtype) -> MicroSchedule:
    b = np.asarray(batch_sizes, dtype=np.int64)
    m = int(np.gcd.reduce(b))
    starts = np.arange(0, n, m)
    ends = np.minimum(starts + m, n)
    batch_start = (starts[:, None] // b[None, :]) * b[None, :]
    batch_end = np.minimum(batch_start + b[None, :], n)
    update = ends[:, None] == batch_end
    return MicroSchedule(m, torch.as_tensor(1.0 / (batch_end - batch_start), dtype=dtype, device=device),
                         torch.as_tensor(update, device=device),
                         [bool(u) for u in update.any(axis=1)], [bool(u) for u in update.all(axis=1)])


class BatchedMLPSweep:
    """N copies of a 2 → H → 1 ReLU MLP with stacked weights, trained with per-config SGD.

    Forward and backward are written out as batched matmuls into preallocated workspaces: the
    (N, m, H) activations are the only big tensors, and allocating fresh ones every step (what
    autograd does) cost more than the arithmetic on the CPU. `train_alone` is the reference.
    """

    def __init__(self, init: dict[str, torch.Tensor], lr: Sequence[float], batch_size: Sequence[int],
                 momentum: Sequence[float], weight_decay: Sequence[float], n_data: int = N_DATA) -> None:
        n_cfg = len(lr)
        if not (len(batch_size) == len(momentum) == len(weight_decay) == n_cfg):
            raise ValueError("one value of every hyperparameter per configuration")
        ref = init[PARAM_NAMES[0]]
        self.n_configs, self.n_data = n_cfg, n_data
        # Stacked weights in nn.Linear's layout, with a leading config axis:
        # w1 (N, H, 2), b1 (N, H), w2 (N, 1, H), b2 (N, 1).
        self.params = [init[k].unsqueeze(0).repeat(n_cfg, *([1] * init[k].dim())) for k in PARAM_NAMES]
        self.bufs = [torch.zeros_like(p) for p in self.params]
        self.acc = [torch.zeros_like(p) for p in self.params]
        self._pending = False  # acc holds gradients of configs whose batch is not complete yet
        self.lr = torch.tensor(lr, dtype=ref.dtype, device=ref.device)
        self.momentum = torch.tensor(momentum, dtype=ref.dtype, device=ref.device)
        self.weight_decay = torch.tensor(weight_decay, dtype=ref.dtype, device=ref.device)
        self.alive = torch.ones(n_cfg, dtype=torch.bool, device=ref.device)
        self._all_alive = True
        self.schedule = micro_schedule(batch_size, n_data, ref.device, ref.dtype)
        self._work: dict[int, tuple[torch.Tensor, torch.Tensor]] = {}

    def _view(self, v: torch.Tensor, p: torch.Tensor) -> torch.Tensor:
        return v.view(-1, *([1] * (p.dim() - 1)))

    def logits(self, x: torch.Tensor, params: list[torch.Tensor] | None = None) -> torch.Tensor:
        """Logits of every config on shared inputs x (n, 2): (N, n)."""
        w1, b1, w2, b2 = params if params is not None else self.params
        h = torch.matmul(x, w1.transpose(1, 2)).add_(b1.unsqueeze(1)).relu_()  # (N, n, H)
        return torch.matmul(h, w2.transpose(1, 2)).squeeze(2) + b2  # (N, n)

    def _workspace(self, rows: int) -> tuple[torch.Tensor, torch.Tensor]:
        if rows not in self._work:
            w1 = self.params[0]
            shape = (self.n_configs, rows, w1.shape[1])
            self._work[rows] = (torch.empty(shape, dtype=w1.dtype, device=w1.device),
                                torch.empty(shape, dtype=w1.dtype, device=w1.device))
        return self._work[rows]

    def gradients(self, xb: torch.Tensor, yb: torch.Tensor, scale: torch.Tensor) -> list[torch.Tensor]:
        """d/dθ of Σ_rows BCE(logit, y)·scale for every config: the gradient autograd would give
        for the mean loss of a batch of size 1/scale (dBCE/dlogit = σ(logit) − y)."""
        w1, b1, w2, b2 = self.params
        h, dz = self._workspace(len(xb))
        n_cfg, rows = self.n_configs, len(xb)
        # bmm on the shared micro-batch expanded (a stride-0 view, no copy): the fastest layout on CPU
        torch.bmm(xb.expand(n_cfg, rows, 2), w1.transpose(1, 2), out=h)
        h.add_(b1.unsqueeze(1)).relu_()  # (N, m, H)
        logit = torch.bmm(h, w2.transpose(1, 2)).squeeze(2) + b2  # (N, m)
        g = (torch.sigmoid(logit) - yb) * scale.unsqueeze(1)  # (N, m)
        grad_b2 = g.sum(dim=1, keepdim=True)
        grad_w2 = torch.bmm(g.unsqueeze(1), h)  # (N, 1, H)
        torch.sign(h, out=dz)  # relu'(z) as 0/1 from its output (0 at z <= 0, as torch's backward)
        dz.mul_(g.unsqueeze(2)).mul_(w2)  # dL/dz = relu' · g · w2
        grad_b1 = dz.sum(dim=1)
        grad_w1 = torch.bmm(xb.T.expand(n_cfg, 2, rows), dz).transpose(1, 2)  # (N, H, 2)
        return [grad_w1, grad_b1, grad_w2, grad_b2]

    @torch.no_grad()
    def train_epoch(self, X: torch.Tensor, y: torch.Tensor, order: torch.Tensor) -> None:
        sch = self.schedule
        for j, start in enumerate(range(0, self.n_data, sch.size)):
            idx = order[start:start + sch.size]
            grads = self.gradients(X[idx], y[idx], sch.scale[j])
            if self._pending:
                grads = [a.add_(g) for a, g in zip(self.acc, grads)]
            if not sch.any_update[j]:
                self.acc, self._pending = grads, True
                continue
            everyone = sch.all_update[j] and self._all_alive
            mask = sch.update[j] & self.alive
            for i, (p, g) in enumerate(zip(self.params, grads)):
                new_p, new_buf = sgd_step(p, g, self.bufs[i], self._view(self.lr, p),
                                          self._view(self.momentum, p), self._view(self.weight_decay, p))
                if everyone:
                    p.copy_(new_p)
                    self.bufs[i] = new_buf
                else:
                    m = self._view(mask, p)
                    p.copy_(torch.where(m, new_p, p))
                    self.bufs[i] = torch.where(m, new_buf, self.bufs[i])
                    if not sch.all_update[j]:
                        self.acc[i] = torch.where(self._view(sch.update[j], p), torch.zeros_like(g), g)
            self._pending = not sch.all_update[j]

    @torch.no_grad()
    def full_loss(self, X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Mean BCE of every config on the whole set (N,), evaluated in chunks of configs."""
        hidden = self.params[0].shape[1]
        chunk = max(1, EVAL_CHUNK_ELEMENTS // (len(X) * hidden))
        out = []
        for s in range(0, self.n_configs, chunk):
            logits = self.logits(X, [p[s:s + chunk] for p in self.params])
            out.append(F.binary_cross_entropy_with_logits(logits, y.expand_as(logits), reduction="none").mean(1))
        return torch.cat(out)

    @torch.no_grad()
    def freeze(self, dead: torch.Tensor) -> None:
        """Stop configs that diverged: zero their weights (keeps later arithmetic finite)."""
        if not bool(dead.any()):
            return
        self.alive &= ~dead
        self._all_alive = False
        for p, b in zip(self.params, self.bufs):
            keep = self._view(self.alive, p)
            p.copy_(torch.where(keep, p, torch.zeros_like(p)))
            b.copy_(torch.where(keep, b, torch.zeros_like(b)))

    def config_params(self, i: int) -> dict[str, torch.Tensor]:
        return {k: p[i].detach().clone() for k, p in zip(PARAM_NAMES, self.params)}


def train_alone(X: torch.Tensor, y: torch.Tensor, init: dict[str, torch.Tensor], orders: torch.Tensor, lr: float,
                batch_size: int, momentum: float, weight_decay: float) -> nn.Sequential:
    """The reference: one configuration with nn.Sequential and torch.optim.SGD, same init and order."""
    hidden = init["0.weight"].shape[0]
    ref = init["0.weight"]
    model = nn.Sequential(nn.Linear(2, hidden), nn.ReLU(), nn.Linear(hidden, 1)).to(device=ref.device, dtype=ref.dtype)
    model.load_state_dict(init)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    for order in orders:
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            loss = F.binary_cross_entropy_with_logits(model(X[idx]).squeeze(1), y[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
    return model


# ----------------------------------------------------------------------------------- the demo

@dataclass(frozen=True)
class SweepProblem:
    X: torch.Tensor  # (N_DATA, 2) training inputs
    y: torch.Tensor  # (N_DATA,) 0/1 targets, float
    init: dict[str, torch.Tensor]  # the initial weights every configuration starts from
    orders: torch.Tensor  # (epochs, N_DATA) data order of each epoch


def make_problem(hidden: int, epochs: int, rng: np.random.Generator, generator: torch.Generator,
                 device: torch.device, dtype: torch.dtype = torch.float32) -> SweepProblem:
    """The data, the shared initial weights and the shared data order, all from the demo's seed."""
    X_np, y_np = make_moons(N_DATA, 0.2, rng)
    X = torch.as_tensor(X_np, device=device).to(dtype)
    init = init_params(hidden, device, generator, dtype)
    return SweepProblem(X, torch.as_tensor(y_np, device=device).to(dtype), init,
                        epoch_orders(N_DATA, epochs, generator, device))


@dataclass(frozen=True)
class SweepAxes:
    lrs: list[float]  # heatmap columns
    axis2: str
    values: list[float]  # heatmap rows
    x_edges: list[float]
    y_edges: list[float]


def _geometric_edges(values: Sequence[float]) -> list[float]:
    v = np.log(np.asarray(values, dtype=np.float64))
    if len(v) == 1:
        return [float(np.exp(v[0] - 0.5)), float(np.exp(v[0] + 0.5))]
    mids = (v[1:] + v[:-1]) / 2
    edges: list[float] = np.exp(np.concatenate([[2 * v[0] - mids[0]], mids, [2 * v[-1] - mids[-1]]])).tolist()
    return edges


def _linear_edges(values: Sequence[float]) -> list[float]:
    v = np.asarray(values, dtype=np.float64)
    mids = (v[1:] + v[:-1]) / 2
    edges: list[float] = np.concatenate([[2 * v[0] - mids[0]], mids, [2 * v[-1] - mids[-1]]]).tolist()
    return edges


def sweep_axes(params: dict[str, Any]) -> tuple[SweepAxes, list[str]]:
    lr_min, lr_max = float(params["lr_min"]), float(params["lr_max"])
    n_lr, n2, axis2 = int(params["n_lr"]), int(params["n_axis2"]), str(params["axis2"])
    messages = []
    if lr_min > lr_max:  # each value is valid on its own: read the pair as a range, and say so
        lr_min, lr_max = lr_max, lr_min
        messages.append(DemoText.tr("lr_min was above lr_max; swept {low} … {high}").format(low=f"{lr_min:g}",
                                                                                             high=f"{lr_max:g}"))
    if lr_min == lr_max:
        n_lr = 1
        messages.append(DemoText.tr("lr_min equals lr_max: one learning rate ({lr})").format(lr=f"{lr_min:g}"))
    lrs = np.geomspace(lr_min, lr_max, n_lr).tolist()
    if axis2 == "batch_size":
        picks = np.unique(np.round(np.linspace(0, len(BATCH_SIZES) - 1, n2)).astype(int))
        values = [float(BATCH_SIZES[i]) for i in picks]
        if len(values) < n2:
            messages.append(DemoText.tr("batch sizes are powers of two from {first} to {last}: {rows} rows instead "
                                        "of {asked}").format(first=BATCH_SIZES[0], last=BATCH_SIZES[-1],
                                                             rows=len(values), asked=n2))
        y_edges = _geometric_edges(values)
    elif axis2 == "momentum":
        values = np.linspace(*MOMENTUM_RANGE, n2).tolist()
        y_edges = _linear_edges(values)
    else:
        values = np.geomspace(*WEIGHT_DECAY_RANGE, n2).tolist()
        y_edges = _geometric_edges(values)
    return SweepAxes(lrs, axis2, values, _geometric_edges(lrs), y_edges), messages


def _configs(axes: SweepAxes, params: dict[str, Any]) -> dict[str, list[Any]]:
    """Row-major (row = second-axis value, column = learning rate) per-config hyperparameters."""
    out: dict[str, list[Any]] = {"lr": [], "batch_size": [], "momentum": [], "weight_decay": []}
    for v in axes.values:
        for lr in axes.lrs:
            out["lr"].append(lr)
            out["batch_size"].append(int(v) if axes.axis2 == "batch_size" else int(params["batch_size"]))
            out["momentum"].append(v if axes.axis2 == "momentum" else float(params["momentum"]))
            out["weight_decay"].append(v if axes.axis2 == "weight_decay" else float(params["weight_decay"]))
    return out


_AXIS_LABELS = {
    "batch_size": ("batch size", "批大小", "B"),
    "momentum": ("momentum μ", "动量 μ", "μ"),
    "weight_decay": ("weight decay λ", "权重衰减 λ", "λ"),
}


def _row_label(axis2: str, v: float) -> str:
    sym = _AXIS_LABELS[axis2][2]
    return f"{sym}={int(v)}" if axis2 == "batch_size" else f"{sym}={v:.3g}"


def _curves(axes: SweepAxes, history: list[np.ndarray], n_lr: int) -> list[Series]:
    """For evenly chosen rows, the loss curve of the row's best learning rate so far."""
    rows = np.unique(np.round(np.linspace(0, len(axes.values) - 1, min(MAX_CURVES, len(axes.values)))).astype(int))
    hist = np.stack(history)  # (epochs so far + 1, N)
    epochs = [float(e) for e in range(len(history))]
    out = []
    for r in rows:
        last = hist[-1, r * n_lr:(r + 1) * n_lr]
        col = int(np.nanargmin(np.where(np.isfinite(last), last, np.nan))) if np.isfinite(last).any() else 0
        out.append(Series(f"{_row_label(axes.axis2, axes.values[r])}, best lr", epochs,
                          hist[:, r * n_lr + col].tolist(), "curves",
                          style={"label_zh": f"{_row_label(axes.axis2, axes.values[r])}，最佳学习率"}))
    return out


def _panels(axes: SweepAxes, n_configs: int, epochs: int, top_loss: float) -> list[Panel]:
    """Fixed axis limits, so streamed frames can move the curves without rescaling the axes."""
    en, zh, _ = _AXIS_LABELS[axes.axis2]
    return [
        Panel("heatmap", f"Final training loss of {n_configs} configurations", f"{n_configs} 个配置的最终训练损失",
              "learning rate", en, "学习率", zh, xscale="log",
              yscale="linear" if axes.axis2 == "momentum" else "log",
              xlim=(axes.x_edges[0], axes.x_edges[-1]), ylim=(axes.y_edges[0], axes.y_edges[-1]),
              colorbar_label="final loss", colorbar_label_zh="最终损失"),
        Panel("curves", "Loss of each row's best learning rate", "每行最佳学习率的损失曲线", "epoch",
              "training loss (full set)", "训练轮数", "训练损失（全集）", xlim=(0.0, float(epochs)),
              ylim=(0.0, top_loss)),
    ]


def run(params: dict[str, Any], ctx: RunContext) -> Iterator[Frame | DemoResult]:
    axes, messages = sweep_axes(params)
    cfg = _configs(axes, params)
    n_lr, n_configs, epochs = len(axes.lrs), len(cfg["lr"]), int(params["epochs"])

    problem = make_problem(int(params["hidden"]), epochs, ctx.rng, ctx.generator, ctx.device)
    X, y, orders = problem.X, problem.y, problem.orders
    sweep = BatchedMLPSweep(problem.init, cfg["lr"], cfg["batch_size"], cfg["momentum"], cfg["weight_decay"])
    history = [sweep.full_loss(X, y).cpu().numpy()]
    panels = _panels(axes, n_configs, epochs, top_loss=1.15 * float(history[0][0]))  # all start alike
    yield Frame(0.0, _curves(axes, history, n_lr), panels, {"configs": n_configs})
    pacer = FramePacer(started=True)
    for e in range(epochs):
        ctx.check_cancelled()
        sweep.train_epoch(X, y, orders[e])
        loss = sweep.full_loss(X, y)
        sweep.freeze(~torch.isfinite(loss) | (loss > DIVERGED_LOSS))
        history.append(torch.where(sweep.alive, loss, torch.full_like(loss, math.nan)).cpu().numpy())
        if e + 1 < epochs and pacer.due():
            yield Frame((e + 1) / epochs, _curves(axes, history, n_lr), panels, {"configs": n_configs})

    final = history[-1]
    grid = final.reshape(len(axes.values), n_lr)
    finite = np.isfinite(final)
    best = int(np.nanargmin(np.where(finite, final, np.nan))) if finite.any() else 0
    row_best = [int(np.nanargmin(r)) if np.isfinite(r).any() else -1 for r in grid]
    kept_rows = [i for i, c in enumerate(row_best) if c >= 0]
    series = [
        Series("_final loss", axes.x_edges, axes.y_edges, "heatmap", "heatmap",
               z=[[float(v) for v in row] for row in grid], style={"log": True, "cmap": "viridis_r"}),
        Series("best lr per row", [axes.lrs[row_best[i]] for i in kept_rows], [axes.values[i] for i in kept_rows],
               "heatmap", style={"color": "#D55E00", "marker": "o", "ms": 4, "lw": 1.4, "label_zh": "每行最佳学习率"}),
        *_curves(axes, history, n_lr),
    ]
    if axes.axis2 == "batch_size" and kept_rows:
        # Linear scaling rule (Goyal et al., 2017): the best lr grows ∝ B, until it hits stability.
        r0 = kept_rows[0]
        anchor_lr, anchor_b = axes.lrs[row_best[r0]], axes.values[r0]
        series.insert(1, Series("linear scaling lr ∝ B", [anchor_lr * b / anchor_b for b in axes.values], axes.values,
                                "heatmap", style={"color": "#000000", "ls": "--", "lw": 1.2,
                                                  "label_zh": "线性缩放 lr ∝ B"}))
    if not finite.all():
        messages.append(DemoText.tr("{diverged} of {configs} configurations diverged (blank cells)").format(
            diverged=int((~finite).sum()), configs=n_configs))
    metrics = {
        "configs": n_configs,
        "epochs": epochs,
        "micro_batch": sweep.schedule.size,
        "best_loss": float(final[best]) if finite.any() else None,
        "best_lr": cfg["lr"][best],
        f"best_{axes.axis2}": cfg[axes.axis2][best],
        "diverged_configs": int((~finite).sum()),
    }
    yield ctx.result(series, panels, metrics, messages)
