"""The batched optimizer kernel against torch.optim (and a hand-derived reference where torch has
no equivalent): same surface, same start, same hyperparameters, 500 steps, float64."""
from __future__ import annotations

import functools
import math
import os

import numpy as np
import pytest
import torch

from quizapp.engine.optim_kernel import (
    OPTIMIZERS,
    BatchedOptimizer,
    OptimConfig,
    to_numpy,
    torch_optim_trajectories,
    torch_reference,
)
from quizapp.engine.surfaces import SURFACES

STEPS = 500
DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")
# Backends to check on DEVICE: NumPy exists on the CPU only; the torch path is what CUDA runs.
BACKENDS = ["numpy", "torch"] if DEVICE == "cpu" else ["torch"]
# Learning rates that keep each optimizer well-behaved from the surfaces' default starts.
SAFE_LR = {
    "quadratic": dict(sgd=0.09, momentum=0.02, nesterov=0.02, adagrad=0.5, rmsprop=0.02, adam=0.1, adamw=0.1),
    "beale": dict(sgd=0.01, momentum=2e-3, nesterov=2e-3, adagrad=0.5, rmsprop=0.01, adam=0.05, adamw=0.05),
    "himmelblau": dict(sgd=0.01, momentum=2e-3, nesterov=2e-3, adagrad=0.3, rmsprop=0.01, adam=0.05,
                       adamw=0.05),
    "rosenbrock": dict(sgd=1e-3, momentum=5e-4, nesterov=5e-4, adagrad=0.5, rmsprop=0.01, adam=0.1, adamw=0.1),
}


def random_config(kind: str, surface: str, rng: np.random.Generator) -> OptimConfig:
    """Hyperparameters drawn at random over sensible ranges (every knob the kernel has)."""
    lr = SAFE_LR[surface][kind] * float(np.exp(rng.uniform(np.log(0.1), np.log(0.9))))
    return OptimConfig(
        kind, lr,
        momentum=float(rng.uniform(0.0, 0.95)),
        alpha=float(rng.uniform(0.8, 0.999)),
        betas=(float(rng.uniform(0.5, 0.95)), float(rng.uniform(0.9, 0.9999))),
        eps=float(np.exp(rng.uniform(np.log(1e-10), np.log(1e-6)))),
        weight_decay=float(rng.choice([0.0, rng.uniform(0.0, 0.1)])),
        lr_decay=float(rng.uniform(0.0, 0.05)) if kind == "adagrad" else 0.0,
        initial_accumulator_value=float(rng.uniform(0.0, 0.5)) if kind == "adagrad" else 0.0,
    )


def torch_trajectory(cfg: OptimConfig, surface_id: str, start: np.ndarray, steps: int,
                     dtype: str = "float64") -> np.ndarray:
    return torch_optim_trajectories([cfg], SURFACES[surface_id].value, start, steps, dtype=dtype)[:, 0]


@functools.cache
def draws(surface_id: str) -> tuple[list[OptimConfig], np.ndarray]:
    """A random configuration of every optimizer, each from its own random start."""
    rng = np.random.default_rng(list(SAFE_LR).index(surface_id))
    configs = [random_config(kind, surface_id, rng) for kind in OPTIMIZERS]
    starts = np.array(SURFACES[surface_id].start) + rng.uniform(-0.1, 0.1, size=(len(configs), 2))
    return configs, starts


@functools.cache
def torch_references(surface_id: str) -> tuple[np.ndarray, np.ndarray]:
    """torch.optim's trajectories for `draws(surface_id)` and their reproducibility horizons
    (see optim_kernel.torch_reference for why trajectories are compared only that far)."""
    configs, starts = draws(surface_id)
    return torch_reference(configs, SURFACES[surface_id].value, starts, STEPS)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("surface_id", list(SAFE_LR))
def test_mixed_batch_matches_torch_optim(backend: str, surface_id: str) -> None:
    """Every optimizer with random hyperparameters and start points, all in ONE batch, for 500
    steps: each row equals torch.optim's trajectory within 1e-6 relative (to the trajectory's
    scale) for as long as torch.optim's own trajectory is reproducible — all 500 steps for the
    contracting methods (SGD, momentum, Nesterov, AdaGrad)."""
    configs, starts = draws(surface_id)
    ref, horizon = torch_references(surface_id)
    traj = to_numpy(BatchedOptimizer(configs, starts, device=DEVICE, backend=backend)
                    .run(SURFACES[surface_id].grad_into, STEPS))
    assert traj.shape == (STEPS + 1, len(configs), 2)
    for r, cfg in enumerate(configs):
        assert np.isfinite(ref[:, r]).all(), cfg
        if cfg.kind in ("sgd", "momentum", "nesterov", "adagrad"):
            assert horizon[r] == STEPS, cfg
        assert horizon[r] >= 50, cfg
        h = horizon[r] + 1
        scale = np.abs(ref[:, r]).max()
        np.testing.assert_allclose(traj[:h, r], ref[:h, r], rtol=0, atol=1e-6 * scale, err_msg=str(cfg))
    # and most runs are compared over the full 500 steps
    assert (horizon == STEPS).mean() >= 0.5


def _inject_state(opt: torch.optim.Optimizer, p: torch.Tensor, cfg: OptimConfig, t: int,
                  m: np.ndarray, v: np.ndarray) -> None:
    """Load the kernel's state after t steps into a torch.optim optimizer's state for p."""
    def tensor(a: np.ndarray) -> torch.Tensor:
        return torch.tensor(a, dtype=torch.float64)

    state = opt.state[p]
    if cfg.kind in ("momentum", "nesterov"):
        state["momentum_buffer"] = tensor(m)
    elif cfg.kind == "adagrad":
        state["sum"], state["step"] = tensor(v), torch.tensor(float(t))
    elif cfg.kind == "rmsprop":
        state["square_avg"], state["step"] = tensor(v), torch.tensor(float(t))
    elif cfg.kind in ("adam", "adamw"):
        state.update(exp_avg=tensor(m), exp_avg_sq=tensor(v), step=torch.tensor(float(t)))


@pytest.mark.parametrize("surface_id", ["rosenbrock", "beale"])
def test_every_step_equals_torch_optim_step_from_the_same_state(surface_id: str) -> None:
    """Teacher forcing, which no chaos can blur: at each of 500 steps, load the kernel's
    parameters and buffers into torch.optim, take torch's step, and compare it with the
    kernel's step — equal to 1e-12 (rounding only) for every optimizer and every step."""
    configs, starts = draws(surface_id)
    surface = SURFACES[surface_id]
    kernel = BatchedOptimizer(configs, starts)
    params = [torch.tensor(starts[r], dtype=torch.float64, requires_grad=True) for r in range(len(configs))]
    optims = [cfg.torch_optimizer([p]) for cfg, p in zip(configs, params)]
    grad = np.zeros((len(configs), 2))
    for t in range(STEPS):
        before = kernel.params.copy()
        m, v = kernel.moments()
        surface.grad_into(kernel.params, grad)
        after = kernel.step(grad)
        for r, (cfg, p, opt) in enumerate(zip(configs, params, optims)):
            with torch.no_grad():
                p.copy_(torch.from_numpy(before[r]))
            if t > 0:
                _inject_state(opt, p, cfg, t, m[r], v[r])
            opt.zero_grad()
            surface.value(p[0], p[1]).backward()
            opt.step()
            torch_step = p.detach().numpy() - before[r]
            kernel_step = after[r] - before[r]
            np.testing.assert_allclose(kernel_step, torch_step, rtol=1e-12, atol=1e-15 * np.abs(before[r]).max(),
                                       err_msg=f"step {t + 1}: {cfg}")


@pytest.mark.parametrize("backend", BACKENDS)
def test_float32_tracks_torch_float32(backend: str) -> None:
    surface = SURFACES["quadratic"]
    configs = [OptimConfig(kind, SAFE_LR["quadratic"][kind]) for kind in OPTIMIZERS]
    traj = to_numpy(BatchedOptimizer(configs, surface.start, device=DEVICE, dtype="float32", backend=backend)
                    .run(surface.grad_into, 100))
    for r, cfg in enumerate(configs):
        ref = torch_trajectory(cfg, "quadratic", np.array(surface.start), 100, dtype="float32")
        np.testing.assert_allclose(traj[:, r], ref, rtol=1e-4, atol=1e-5)


def test_step_by_step_api_equals_run() -> None:
    surface = SURFACES["himmelblau"]
    configs = [OptimConfig(kind, SAFE_LR["himmelblau"][kind]) for kind in OPTIMIZERS]
    whole = BatchedOptimizer(configs, surface.start).run(surface.grad_into, 50)
    opt = BatchedOptimizer(configs, surface.start)
    grad = np.zeros((len(configs), 2))
    for _ in range(50):
        surface.grad_into(opt.params, grad)
        opt.step(grad)
    np.testing.assert_array_equal(opt.params, whole[-1])
    assert opt.t == 50


def _adam_no_bias_reference(cfg: OptimConfig, surface_id: str, start: tuple[float, float], steps: int) -> np.ndarray:
    """Adam without bias correction, written out from its definition in plain Python floats:
    m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  p -= lr m / (sqrt(v) + eps)
    (AdamW first shrinks p by (1 - lr wd); Adam adds wd p to the gradient). Rounded in
    torch.optim's order, as the kernel is, so the two agree to the last bit even where the
    dynamics amplify rounding."""
    surface = SURFACES[surface_id]
    b1, b2 = cfg.betas
    eps = cfg.resolved_eps
    p = list(start)
    m, v = [0.0, 0.0], [0.0, 0.0]
    out = [tuple(p)]
    for _ in range(steps):
        g = list(surface.grad(p[0], p[1]))
        if cfg.kind == "adamw":
            p = [pi * (1.0 - cfg.lr * cfg.weight_decay) for pi in p]
        else:
            g = [gi + cfg.weight_decay * pi for gi, pi in zip(g, p)]
        for i in range(2):
            m[i] = b1 * m[i] + (1.0 - b1) * g[i]
            v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i]
            p[i] += (-cfg.lr * m[i]) / (math.sqrt(v[i]) + eps)
        out.append(tuple(p))
    return np.array(out)


@pytest.mark.parametrize("backend", BACKENDS)
def test_adam_without_bias_correction_matches_hand_derived_rule(backend: str) -> None:
    rng = np.random.default_rng(7)
    configs = [OptimConfig(kind, float(rng.uniform(0.01, 0.05)), betas=(float(rng.uniform(0.5, 0.95)),
                                                                       float(rng.uniform(0.9, 0.999))),
                           weight_decay=wd, bias_correction=False)
               for kind in ("adam", "adamw") for wd in (0.0, 0.05)]
    surface = SURFACES["beale"]
    traj = to_numpy(BatchedOptimizer(configs, surface.start, device=DEVICE, backend=backend)
                    .run(surface.grad_into, STEPS))
    for r, cfg in enumerate(configs):
        ref = _adam_no_bias_reference(cfg, "beale", surface.start, STEPS)
        np.testing.assert_allclose(traj[:, r], ref, rtol=1e-9, atol=1e-12)


def test_adam_without_bias_correction_constant_gradient_closed_form() -> None:
    """Constant gradient g: m_t = (1-b1^t) g and v_t = (1-b2^t) g^2, so the uncorrected step is
    lr (1-b1^t) / sqrt(1-b2^t) (tiny at first: 0.1/sqrt(0.001) ~ 3.16 lr at t=1 for the default betas),
    while the corrected step is lr at every t."""
    lr, g, steps = 0.01, 2.0, 200
    configs = [OptimConfig("adam", lr, eps=0.0, bias_correction=False), OptimConfig("adam", lr, eps=0.0)]
    traj = BatchedOptimizer(configs, [[0.0], [0.0]]).run(lambda p, out: out.fill(g), steps)
    steps_taken = -np.diff(traj[:, :, 0], axis=0)
    t = np.arange(1, steps + 1)
    b1, b2 = configs[0].betas
    np.testing.assert_allclose(steps_taken[:, 0], lr * (1 - b1**t) / np.sqrt(1 - b2**t), rtol=1e-12)
    np.testing.assert_allclose(steps_taken[:, 1], lr, rtol=1e-12)


def test_torch_optimizer_refuses_uncorrected_adam() -> None:
    with pytest.raises(ValueError, match="bias correction"):
        OptimConfig("adam", 0.1, bias_correction=False).torch_optimizer([torch.zeros(2, requires_grad=True)])


@pytest.mark.parametrize("bad, message", [
    (dict(kind="sgd", lr=-1.0), "learning rate"),
    (dict(kind="momentum", lr=0.1, momentum=1.0), "momentum"),
    (dict(kind="adam", lr=0.1, betas=(0.9, 1.0)), "beta parameter at index 1"),
    (dict(kind="lion", lr=0.1), "unknown optimizer"),
])
def test_invalid_hyperparameters_are_named(bad: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OptimConfig(**bad)


def test_diverging_run_turns_non_finite_without_warnings_or_affecting_others() -> None:
    surface = SURFACES["rosenbrock"]
    configs = [OptimConfig("sgd", 0.05), OptimConfig("adam", 0.05)]
    with np.errstate(all="raise"):  # the kernel silences overflow itself
        traj = BatchedOptimizer(configs, surface.start).run(surface.grad_into, 100)
    assert not np.isfinite(traj[:, 0]).all()
    assert np.isfinite(traj[:, 1]).all()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_cuda_matches_cpu() -> None:
    surface = SURFACES["beale"]
    configs = [OptimConfig(kind, SAFE_LR["beale"][kind]) for kind in OPTIMIZERS]
    cpu = BatchedOptimizer(configs, surface.start).run(surface.grad_into, STEPS)
    cuda = to_numpy(BatchedOptimizer(configs, surface.start, device="cuda").run(surface.grad_into, STEPS))
    np.testing.assert_allclose(cuda, cpu, rtol=1e-9, atol=1e-12)
