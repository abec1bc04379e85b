"""A small torch MLP, the seeded toy problem it trains on, and a training loop that reports
(step, loss, lr) as it goes.

Shared by the training-style demos: a demo builds the model with `build_mlp`, picks any
`torch.optim` optimizer and (optionally) any `torch.optim.lr_scheduler` scheduler, and iterates
`train_steps` to stream its curves. Initialization and minibatch sampling draw from the caller's
seeded `torch.Generator`, so the same seed gives the same numbers on the CPU and on a GPU run
seeded the same way (the default init is reproduced with that generator, see `reset_default`).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from quizapp.engine.toydata import make_moons, make_spirals

TOY_POINTS = 256

ACTIVATIONS: dict[str, Callable[[], nn.Module]] = {
    "relu": nn.ReLU,
    "tanh": nn.Tanh,
    "gelu": nn.GELU,
    "sigmoid": nn.Sigmoid,
    "identity": nn.Identity,
}


def reset_default(linear: nn.Linear, generator: torch.Generator | None = None) -> None:
    """nn.Linear's own reset_parameters (kaiming_uniform_ with a=sqrt(5), bias U(±1/sqrt(fan_in))),
    but drawing from `generator` so a demo's seed, not the global RNG, fixes the weights."""
    nn.init.kaiming_uniform_(linear.weight, a=math.sqrt(5), generator=generator)
    if linear.bias is not None:
        bound = 1.0 / math.sqrt(linear.in_features) if linear.in_features > 0 else 0.0
        nn.init.uniform_(linear.bias, -bound, bound, generator=generator)


def build_mlp(in_dim: int, hidden: Sequence[int], out_dim: int, activation: str = "relu",
              device: torch.device | str = "cpu", generator: torch.Generator | None = None,
              norm: Callable[[int], nn.Module] | None = None) -> nn.Sequential:
    """Linear -> [norm] -> activation for each hidden width, then a final Linear.

    `norm`, if given, builds a normalization layer for a width (e.g. nn.BatchNorm1d), inserted
    between each hidden Linear and its activation.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation '{activation}': choose one of {', '.join(ACTIVATIONS)}")
    layers: list[nn.Module] = []
    width = in_dim
    for h in hidden:
        layers.append(nn.Linear(width, h, device=device))
        if norm is not None:
            layers.append(norm(h).to(device))
        layers.append(ACTIVATIONS[activation]())
        width = h
    layers.append(nn.Linear(width, out_dim, device=device))
    model = nn.Sequential(*layers)
    with torch.no_grad():
        for m in model:
            if isinstance(m, nn.Linear):
                reset_default(m, generator)
    return model


@dataclass(frozen=True)
class TrainStep:
    step: int  # 1-based count of optimizer steps taken
    loss: float  # the minibatch loss this step was taken on (before the update)
    lr: float  # the learning rate this step used (param group 0)


def train_steps(model: nn.Module, X: torch.Tensor, y: torch.Tensor, optimizer: torch.optim.Optimizer,
                steps: int, scheduler: Any | None = None, batch_size: int | None = None,
                generator: torch.Generator | None = None,
                loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
                ) -> Iterator[TrainStep]:
    """Take `steps` optimizer steps and yield one TrainStep after each.

    The scheduler (any torch.optim.lr_scheduler object) is stepped once per optimizer step, so
    schedule time t counts iterations (step k uses the schedule's lr at t = k-1). batch_size None
    (or >= len(X)) trains full batch; otherwise each step draws a minibatch without replacement
    from `generator`. A non-finite loss is still yielded (callers stop on it and mark the run
    diverged) but the step is not taken.
    """
    loss_fn = loss_fn or nn.functional.cross_entropy
    n = X.shape[0]
    full = batch_size is None or batch_size >= n
    model.train()
    for step in range(1, steps + 1):
        if full:
            xb, yb = X, y
        else:
            idx = torch.randperm(n, device=X.device, generator=generator)[:batch_size]
            xb, yb = X[idx], y[idx]
        lr = float(optimizer.param_groups[0]["lr"])
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        value = float(loss.detach())
        if math.isfinite(value):
            loss.backward()
            optimizer.step()
            if scheduler is not None and step < steps:  # no step after the last: nothing uses
                scheduler.step()                       # it, and OneCycleLR would raise
        yield TrainStep(step, value, lr)


@torch.no_grad()
def full_loss(model: nn.Module, X: torch.Tensor, y: torch.Tensor,
              loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None) -> float:
    """The loss on the whole set in eval mode (restores the model's previous mode)."""
    was_training = model.training
    model.eval()
    value = float((loss_fn or nn.functional.cross_entropy)(model(X), y))
    model.train(was_training)
    return value


@torch.no_grad()
def accuracy(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> float:
    was_training = model.training
    model.eval()
    value = float((model(X).argmax(dim=1) == y).float().mean())
    model.train(was_training)
    return value


def toy_problem(dataset: str, rng: Any, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """The seeded 2-D classification set the schedule demos train on, as tensors on `device`."""
    if dataset == "moons":
        X, y = make_moons(TOY_POINTS, 0.15, rng)
    elif dataset == "spirals":
        X, y = make_spirals(TOY_POINTS, 0.05, 1.5, rng)
    else:
        raise ValueError(f"unknown dataset '{dataset}'")
    return torch.from_numpy(X).to(device), torch.from_numpy(y).to(device)
