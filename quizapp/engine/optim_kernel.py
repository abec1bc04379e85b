"""A batched optimizer kernel: many optimizer runs advanced together in one vectorized step.

Why not a loop over `torch.optim` objects? The 2-D demos run a handful of optimizers on a
2-parameter surface; with tensors that small the per-call overhead (Python, dispatcher,
optimizer bookkeeping) is everything, and a `torch.optim` loop over 6 optimizers x 500 steps
costs ~650 ms. Here every run is one row of an (R, D) state, and every optimizer is an instance
of ONE update rule whose coefficients are per-run (R, 1) arrays:

    g  = grad + l2 * p                          coupled weight decay (SGD/AdaGrad/RMSprop/Adam)
    p *= 1 - lr * wd_decoupled                  AdamW
    m  = b1 * m + c1 * g                        momentum buffer / Adam's first moment
    v  = b2 * v + c2 * g^2                      AdaGrad's sum / RMSprop's and Adam's average
    p += (-step_size_t * (a_m * m + a_g * g)) / (sqrt(v) / bc2_sqrt_t + eps)

with, per optimizer (torch.optim's conventions, so trajectories match it step for step):

    optimizer  b1     c1      b2     c2       a_m  a_g  eps    step_size_t
    sgd        0      1       0      0        1    0    1      lr
    momentum   mu     1       0      0        1    0    1      lr       (buf = mu*buf + g)
    nesterov   mu     1       0      0        mu   1    1      lr       (g + mu*buf)
    adagrad    0      1       1      1        1    0    eps    lr / (1 + (t-1) * lr_decay)
    rmsprop    0      1       alpha  1-alpha  1    0    eps    lr
    adam(w)    beta1  1-beta1 beta2  1-beta2  1    0    eps    lr / (1 - beta1^t)  [bias correction]

(SGD's "eps = 1, v = 0" makes its denominator exactly 1.) The time-dependent factors are
tabulated for all runs and steps at once, so a step is ~20 in-place array operations
whatever the mix of optimizers. The operations follow torch.optim's order of rounding where
they can; torch's CPU kernels fuse some multiply-adds (lerp, addcmul), which NumPy cannot, so
a run agrees with torch.optim to rounding at each step and over whole trajectories except
where the dynamics themselves amplify rounding (see tests/engine/test_optim_kernel.py).

Backends: on the CPU the state lives in NumPy float64/float32 arrays (NumPy's per-call overhead
on tiny arrays is several times lower than torch's); on CUDA it lives in torch tensors. The same
code drives both (only operators and `xp.<ufunc>(..., out=...)` calls that NumPy and torch
share), and the tests check both backends against torch.optim.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    import torch

OptimizerKind = Literal["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"]
OPTIMIZERS: tuple[OptimizerKind, ...] = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
Backend = Literal["auto", "numpy", "torch"]
Array = Any  # np.ndarray or torch.Tensor: the kernel only uses what both provide

# torch.optim's default eps per optimizer (SGD has none).
_DEFAULT_EPS = {"adagrad": 1e-10, "rmsprop": 1e-8, "adam": 1e-8, "adamw": 1e-8}


@dataclass(frozen=True)
class OptimConfig:
    """One optimizer run's hyperparameters, named as in torch.optim.

    `momentum` is used by momentum/nesterov, `alpha` by RMSprop, `betas` by Adam/AdamW,
    `lr_decay` and `initial_accumulator_value` by AdaGrad. `bias_correction=False` turns off
    Adam's bias correction (torch.optim has no such switch). `eps=None` takes torch's default.
    """

    kind: OptimizerKind
    lr: float
    momentum: float = 0.9
    alpha: float = 0.99
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float | None = None
    weight_decay: float = 0.0
    lr_decay: float = 0.0
    initial_accumulator_value: float = 0.0
    bias_correction: bool = True

    def __post_init__(self) -> None:
        if self.kind not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {self.kind!r}; choose one of {', '.join(OPTIMIZERS)}")
        if not (self.lr >= 0.0 and math.isfinite(self.lr)):
            raise ValueError(f"invalid learning rate: {self.lr}")
        if not 0.0 <= self.momentum < 1.0:
            raise ValueError(f"invalid momentum value: {self.momentum}")
        if not 0.0 <= self.alpha <= 1.0:
            raise ValueError(f"invalid alpha value: {self.alpha}")
        for i, beta in enumerate(self.betas):
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"invalid beta parameter at index {i}: {beta}")
        if self.eps is not None and not self.eps >= 0.0:
            raise ValueError(f"invalid epsilon value: {self.eps}")
        if not self.weight_decay >= 0.0:
            raise ValueError(f"invalid weight_decay value: {self.weight_decay}")
        if not self.lr_decay >= 0.0:
            raise ValueError(f"invalid lr_decay value: {self.lr_decay}")
        if not self.initial_accumulator_value >= 0.0:
            raise ValueError(f"invalid initial_accumulator_value: {self.initial_accumulator_value}")

    @property
    def resolved_eps(self) -> float:
        return _DEFAULT_EPS.get(self.kind, 0.0) if self.eps is None else self.eps

    def torch_optimizer(self, params: Sequence["torch.Tensor"]) -> "torch.optim.Optimizer":
        """The torch.optim optimizer this configuration reproduces (for references and tests)."""
        import torch

        if not self.bias_correction:
            raise ValueError("torch.optim has no Adam without bias correction")
        eps = self.resolved_eps
        if self.kind == "sgd":
            return torch.optim.SGD(params, lr=self.lr, weight_decay=self.weight_decay)
        if self.kind in ("momentum", "nesterov"):
            return torch.optim.SGD(params, lr=self.lr, momentum=self.momentum,
                                   nesterov=self.kind == "nesterov", weight_decay=self.weight_decay)
        if self.kind == "adagrad":
            return torch.optim.Adagrad(params, lr=self.lr, lr_decay=self.lr_decay, eps=eps,
                                       weight_decay=self.weight_decay,
                                       initial_accumulator_value=self.initial_accumulator_value)
        if self.kind == "rmsprop":
            return torch.optim.RMSprop(params, lr=self.lr, alpha=self.alpha, eps=eps,
                                       weight_decay=self.weight_decay)
        cls = torch.optim.Adam if self.kind == "adam" else torch.optim.AdamW
        return cls(params, lr=self.lr, betas=self.betas, eps=eps, weight_decay=self.weight_decay)


def _coefficients(cfg: OptimConfig) -> dict[str, float]:
    """The fused rule's per-run coefficients for one configuration (see the module docstring).
    `p1` and `p2` are the bases of the bias-correction powers (0 = no correction)."""
    k = cfg.kind
    c = dict(l2=cfg.weight_decay, decay=1.0, b1=0.0, c1=1.0, b2=0.0, c2=0.0, a_m=1.0, a_g=0.0,
             eps=1.0, v0=0.0, p1=0.0, p2=0.0, lr=cfg.lr, lr_decay=0.0)
    if k in ("momentum", "nesterov"):
        c.update(b1=cfg.momentum)
        if k == "nesterov":
            c.update(a_m=cfg.momentum, a_g=1.0)
    elif k == "adagrad":
        c.update(b2=1.0, c2=1.0, eps=cfg.resolved_eps, v0=cfg.initial_accumulator_value,
                 lr_decay=cfg.lr_decay)
    elif k == "rmsprop":
        c.update(b2=cfg.alpha, c2=1.0 - cfg.alpha, eps=cfg.resolved_eps)
    elif k in ("adam", "adamw"):
        b1, b2 = cfg.betas
        c.update(b1=b1, c1=1.0 - b1, b2=b2, c2=1.0 - b2, eps=cfg.resolved_eps)
        if cfg.bias_correction:
            c.update(p1=b1, p2=b2)
        if k == "adamw":  # decoupled: shrink the weights, keep the gradient clean
            c.update(l2=0.0, decay=1.0 - cfg.lr * cfg.weight_decay)
    return c


def _use_numpy(device: "torch.device | str", backend: Backend) -> bool:
    if backend == "auto":
        return str(device) == "cpu"
    if backend == "numpy" and str(device) != "cpu":
        raise ValueError("the NumPy backend runs on the CPU only")
    return backend == "numpy"


class BatchedOptimizer:
    """R optimizer runs over D parameters each, advanced together: `params` is an (R, D) array.

    `step(grad)` applies one update to every run as torch.optim would for each run's
    configuration (to rounding). The arrays are NumPy on the CPU (backend 'auto') or torch
    tensors on `device`.
    """

    def __init__(self, configs: Sequence[OptimConfig], start: Any, device: "torch.device | str" = "cpu",
                 dtype: str = "float64", backend: Backend = "auto") -> None:
        if not configs:
            raise ValueError("need at least one optimizer configuration")
        self.configs = tuple(configs)
        self.numpy = _use_numpy(device, backend)
        self.dtype = dtype
        # array(values): a new array on this optimizer's backend, device and dtype
        self.array: Callable[[Any], Array]
        if self.numpy:
            self.xp: Any = np
            self.array = lambda values: np.array(values, dtype=dtype)
        else:
            import torch

            self.xp = torch
            tdtype = getattr(torch, dtype)
            self.array = lambda values: torch.tensor(np.array(values, dtype=dtype), dtype=tdtype,
                                                    device=device)
        start_np = np.asarray(start.detach().cpu().numpy() if hasattr(start, "detach") else start,
                              dtype=np.float64)
        if start_np.ndim == 1:  # one start point shared by every run
            start_np = np.broadcast_to(start_np, (len(self.configs), start_np.shape[0]))
        if start_np.shape[0] != len(self.configs):
            raise ValueError(f"start has {start_np.shape[0]} rows for {len(self.configs)} configurations")
        self.params: Array = self.array(start_np)
        coef = [_coefficients(c) for c in self.configs]

        def column(key: str) -> Array:
            return self.array([[c[key]] for c in coef])

        self._l2, self._decay = column("l2"), column("decay")
        self._b1, self._c1, self._b2, self._c2 = column("b1"), column("c1"), column("b2"), column("c2")
        self._a_m, self._a_g, self._eps = column("a_m"), column("a_g"), column("eps")
        self._m = self.array(np.zeros(start_np.shape))
        self._v = self.array(np.broadcast_to(np.array([[c["v0"]] for c in coef]), start_np.shape))
        self._g, self._n, self._d, self._tmp = (self.array(np.zeros(start_np.shape)) for _ in range(4))
        # Skip whole terms no run uses (an SGD-only batch needs no second moment, ...).
        self._any_l2 = any(c["l2"] != 0.0 for c in coef)
        self._any_decay = any(c["decay"] != 1.0 for c in coef)
        self._any_v = any(c["c2"] != 0.0 for c in coef)
        self._any_nesterov = any(c["a_g"] != 0.0 for c in coef)
        self._coef_np = {key: np.array([c[key] for c in coef], dtype=np.float64)
                         for key in ("lr", "lr_decay", "p1", "p2")}
        self.t = 0
        self._horizon = 0
        self._neg_step_size: Array = None
        self._bc2_sqrt: Array = None

    # -- the time-dependent factors, tabulated for steps 1..horizon --------------------------
    def _extend_tables(self, horizon: int) -> None:
        """Tabulate step_size_t and sqrt(1 - beta2^t) for t = 1..horizon, all runs at once."""
        t = np.arange(1, horizon + 1, dtype=np.float64)[:, None]
        c = self._coef_np
        bc1 = 1.0 - np.power(c["p1"][None, :], t)
        bc2 = 1.0 - np.power(c["p2"][None, :], t)
        clr = c["lr"][None, :] / (1.0 + (t - 1.0) * c["lr_decay"][None, :])
        self._neg_step_size = self.array((-(clr / bc1))[..., None])
        self._bc2_sqrt = self.array(np.sqrt(bc2)[..., None])
        self._horizon = horizon

    def reserve(self, steps: int) -> None:
        """Make the next `steps` steps table-driven (call before a known-length run)."""
        if self.t + steps > self._horizon:
            self._extend_tables(max(self.t + steps, 2 * self._horizon, 64))

    # -- one step for every run ---------------------------------------------------------------
    def step(self, grad: Array) -> Array:
        """Advance every run by one step given the (R, D) gradient at `params`; returns params."""
        xp, p, g, m, v, n, d, tmp = self.xp, self.params, self._g, self._m, self._v, self._n, self._d, self._tmp
        self.reserve(1)
        i = self.t
        self.t += 1
        if self._any_l2:
            xp.multiply(self._l2, p, out=g)
            g += grad
        else:
            g[...] = grad
        if self._any_decay:
            p *= self._decay
        m *= self._b1
        xp.multiply(self._c1, g, out=tmp)
        m += tmp
        if self._any_v:
            v *= self._b2
            xp.multiply(self._c2, g, out=tmp)  # torch's addcmul_(g, g, value=c2) order: (c2 g) g
            tmp *= g
            v += tmp
        xp.multiply(self._a_m, m, out=n)
        if self._any_nesterov:
            xp.multiply(self._a_g, g, out=tmp)
            n += tmp
        xp.sqrt(v, out=d)
        d /= self._bc2_sqrt[i]
        d += self._eps
        n *= self._neg_step_size[i]  # torch's addcdiv_(n, d, value=-s) order: p + ((-s) n) / d
        n /= d
        p += n
        return p

    def run(self, grad_fn: Callable[[Array, Array], None], steps: int,
            trajectory: Array | None = None) -> Array:
        """Take `steps` steps with `grad_fn(params, out)` writing the gradient into `out`.
        Returns the (steps + 1, R, D) trajectory including the current point (or fills
        `trajectory`, a preallocated array of that shape)."""
        self.reserve(steps)
        traj = trajectory if trajectory is not None else self.array(
            np.zeros((steps + 1,) + tuple(self.params.shape)))
        traj[0] = self.params
        grad = self.array(np.zeros(tuple(self.params.shape)))
        with np.errstate(all="ignore"):  # a diverging run turns to inf/NaN; the caller cuts it
            for k in range(1, steps + 1):
                grad_fn(self.params, grad)
                traj[k] = self.step(grad)
        return traj


    def moments(self) -> tuple[np.ndarray, np.ndarray]:
        """The (R, D) first and second moment buffers as NumPy copies: the momentum buffer /
        Adam's exp_avg, and AdaGrad's sum / RMSprop's square_avg / Adam's exp_avg_sq."""
        return to_numpy(self._m).copy(), to_numpy(self._v).copy()


def torch_optim_trajectories(configs: Sequence[OptimConfig], value_fn: Callable[[Any, Any], Any],
                             start: Any, steps: int, device: "torch.device | str" = "cpu",
                             dtype: str = "float64") -> np.ndarray:
    """The plain way: one torch.optim optimizer per run on a D-element parameter, gradients by
    autograd through `value_fn(x, y)`. Returns the (steps + 1, R, D) trajectory. This is the
    reference the kernel is tested against and the baseline it is benchmarked against."""
    import torch

    tdtype = getattr(torch, dtype)
    starts = np.broadcast_to(np.asarray(start, dtype=np.float64), (len(configs), 2))
    out = np.empty((steps + 1, len(configs), starts.shape[1]))
    for r, cfg in enumerate(configs):
        p = torch.tensor(starts[r], dtype=tdtype, device=device, requires_grad=True)
        opt = cfg.torch_optimizer([p])
        rows = [p.detach().clone()]
        for _ in range(steps):
            opt.zero_grad()
            value_fn(p[0], p[1]).backward()
            opt.step()
            rows.append(p.detach().clone())
        out[:, r] = torch.stack(rows).double().cpu().numpy()
    return out


def torch_reference(configs: Sequence[OptimConfig], value_fn: Callable[[Any, Any], Any], start: Any,
                    steps: int, nudge: float = 1e-12, drift: float = 1e-8) -> tuple[np.ndarray, np.ndarray]:
    """torch.optim's (steps + 1, R, 2) trajectories, and per run for how many steps torch.optim
    reproduces ITSELF: until a run started `nudge` (relative) away drifts `drift` (relative to
    the trajectory's scale) away.

    Adaptive methods bouncing around a minimum, or across Rosenbrock's valley, are chaotic: a
    one-ulp change grows to percent-level differences within a few hundred steps, even between
    two torch.optim runs. torch's CPU kernels fuse multiply-adds (lerp, addcmul) that NumPy
    cannot, so no other implementation can follow such a trajectory beyond that horizon; within
    it (amplification below drift/nudge), rounding-level differences stay far below 1e-6."""
    starts = np.broadcast_to(np.asarray(start, dtype=np.float64), (len(configs), 2))
    ref = torch_optim_trajectories(configs, value_fn, starts, steps)
    scale = np.where(np.isfinite(ref), np.abs(ref), 0.0).max(axis=(0, 2))
    direction = np.random.default_rng(0).normal(size=starts.shape)
    twin = torch_optim_trajectories(configs, value_fn, starts + nudge * np.abs(starts).max() * direction, steps)
    with np.errstate(invalid="ignore"):
        lost = ~(np.abs(twin - ref).max(axis=2) / scale <= drift)  # a non-finite point is lost too
    horizon = np.where(lost.any(axis=0), np.argmax(lost, axis=0) - 1, steps)
    return ref, horizon


def to_numpy(a: Array) -> np.ndarray:
    """A kernel array (NumPy or torch, any device) as a float64 NumPy array."""
    if hasattr(a, "detach"):
        host: np.ndarray = a.detach().cpu().double().numpy()
        return host
    return np.asarray(a, dtype=np.float64)
