"""init-signal-propagation: a deep MLP at initialization, one copy per torch.nn.init scheme.

For a layer h = W·a + b with fan_in = n and zero bias, Var(h) = n·Var(W)·E[a²]. ReLU keeps half
of the second moment, E[relu(h)²] = Var(h)/2, so the scale is kept iff Var(W) = 2/n (He, fan-in);
Xavier's Var(W) = 2/(n_in + n_out) = 1/n on square layers halves the second moment per ReLU layer
(std × 2^(−L/2) over L layers). With tanh, N(0,1) weights make Var(h) = n ≫ 1 and the units
saturate at ±1. nn.Linear's own default, U(±1/√n) for W (kaiming_uniform_ with a=√5), has
Var(W) = 1/(3n): it is not He init.
Computed in float64 so that exploding schemes (N(0,1) with ReLU) show their true growth
instead of overflowing float32 within a few dozen layers.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import torch
from torch import nn

from quizapp.engine.context import RunContext
from quizapp.engine.mlp import reset_default
from quizapp.engine.result import DemoResult, Panel, Series, SeriesStyle
from quizapp.i18n.text import DemoText

SCHEMES = ("normal", "small", "xavier_uniform", "xavier_normal", "he_fan_in", "he_fan_out", "default")
LABELS = {
    "normal": "N(0,1)", "small": "N(0, 0.01²)", "xavier_uniform": "Xavier uniform",
    "xavier_normal": "Xavier normal", "he_fan_in": "He (fan_in)", "he_fan_out": "He (fan_out)",
    "default": "nn.Linear default",
}
LABELS_ZH = {
    "normal": "N(0,1)", "small": "N(0, 0.01²)", "xavier_uniform": "Xavier 均匀", "xavier_normal": "Xavier 正态",
    "he_fan_in": "He（fan_in）", "he_fan_out": "He（fan_out）", "default": "nn.Linear 默认",
}
SATURATION = 0.99  # |tanh| above this counts as saturated (its derivative is below 0.02)


def init_layer(layer: nn.Linear, scheme: str, gain: float, generator: torch.Generator) -> None:
    """Initialize one Linear with a torch.nn.init scheme; biases are zero except for the
    default scheme, which keeps nn.Linear's own bias init."""
    w = layer.weight
    g = generator
    with torch.no_grad():
        if scheme == "default":
            reset_default(layer, g)
            return
        if scheme == "normal":
            nn.init.normal_(w, 0.0, 1.0, generator=g)
        elif scheme == "small":
            nn.init.normal_(w, 0.0, 0.01, generator=g)
        elif scheme == "xavier_uniform":
            nn.init.xavier_uniform_(w, gain=gain, generator=g)
        elif scheme == "xavier_normal":
            nn.init.xavier_normal_(w, gain=gain, generator=g)
        elif scheme in ("he_fan_in", "he_fan_out"):
            # He et al.: Var(W) = 2/fan, the ReLU gain, whatever the activation
            mode: Literal["fan_in", "fan_out"] = "fan_in" if scheme == "he_fan_in" else "fan_out"
            nn.init.kaiming_normal_(w, mode=mode, nonlinearity="relu", generator=g)
        else:
            raise ValueError(f"unknown init scheme '{scheme}'")
        nn.init.zeros_(layer.bias)


def build_net(depth: int, width: int, scheme: str, gain: float, device: torch.device,
              generator: torch.Generator) -> list[nn.Linear]:
    # skip_init: no throw-away default init before the scheme's own (it was a tenth of the run)
    layers = [nn.utils.skip_init(nn.Linear, width, width, device=device, dtype=torch.float64) for _ in range(depth)]
    for layer in layers:
        init_layer(layer, scheme, gain, generator)
    return layers


def propagate(layers: list[nn.Linear], x: torch.Tensor, act: Callable[[torch.Tensor], torch.Tensor],
              probe: torch.Tensor) -> tuple[list[torch.Tensor], list[float]]:
    """Forward x through Linear+act layers; backward the probe loss sum(out·probe).
    Returns the post-activation tensors per layer and the weight-gradient norm per layer."""
    acts = []
    a = x
    for layer in layers:
        a = act(layer(a))
        acts.append(a)
    (a * probe).sum().backward()
    grads = [float(layer.weight.grad.norm()) for layer in layers]  # type: ignore[union-attr]
    return [t.detach() for t in acts], grads


def _hist_layers(depth: int) -> list[int]:
    """1-based layers whose histograms are drawn: first, two in between, last."""
    return sorted({1, max(1, round(depth / 3)), max(1, round(2 * depth / 3)), depth})


def _window(curves: dict[str, list[float]], relu: bool) -> tuple[float, float]:
    """A y range of 16 decades: around He for ReLU, below tanh's bound of 1 for tanh. The
    exploding/vanishing N(0,1) and N(0, 0.01²) run off it, which is the point, while the
    factor-of-two-per-layer differences between the others stay readable."""
    if not relu:
        return 1e-8, 3.0
    ref = curves["he_fan_in"]
    mid = 0.5 * (math.log10(max(min(ref), 1e-300)) + math.log10(max(max(ref), 1e-300)))
    return 10 ** (mid - 8), 10 ** (mid + 8)


def _style(scheme: str, chosen: str) -> SeriesStyle:
    style: SeriesStyle = {"marker": "o", "ms": 2.5, "lw": 3.0 if scheme == chosen else 1.6}
    if scheme == "default":
        style.update({"color": "0.2", "ls": "--"})  # takes no palette colour: the others stay distinct
    return style


@dataclass
class Propagation:
    """What one forward/backward pass per scheme measured, per layer (index 0 = layer 1)."""

    stds: dict[str, list[float]]  # std of the post-activation values
    grads: dict[str, list[float]]  # Frobenius norm of ∂L/∂W
    saturated: dict[str, list[float]]  # share of units with |a| > SATURATION
    chosen_acts: list[torch.Tensor]  # the activations of the scheme shown in the histograms


def xavier_relu_factor(gain: float) -> float:
    """Per-layer factor of the activation std under Xavier init on square ReLU layers:
    Var(W) = gain²/n, so E[a²] scales by n·Var(W)/2 = gain²/2 per layer, the std by gain/√2."""
    return gain / math.sqrt(2.0)


def measure(p: dict[str, Any], ctx: RunContext) -> Propagation:
    depth, width, n = p["depth"], p["width"], p["batch"]
    act = torch.relu if p["activation"] == "relu" else torch.tanh
    dev = ctx.device
    x = torch.randn(n, width, device=dev, dtype=torch.float64, generator=ctx.generator)
    probe = torch.randn(n, width, device=dev, dtype=torch.float64, generator=ctx.generator) / math.sqrt(n)
    out = Propagation({}, {}, {}, [])
    for scheme in SCHEMES:
        ctx.check_cancelled()
        # each scheme draws its weights from its own seeded stream, so adding or reordering
        # schemes never changes another scheme's numbers
        g = torch.Generator(device=dev).manual_seed(ctx.seed * 1000 + SCHEMES.index(scheme) + 1)
        net = build_net(depth, width, scheme, p["gain"], dev, g)
        acts, gnorms = propagate(net, x, act, probe)
        out.stds[scheme] = [float(a.std()) for a in acts]
        out.grads[scheme] = gnorms
        out.saturated[scheme] = [float((a.abs() > SATURATION).double().mean()) for a in acts]
        if scheme == p["init"]:
            out.chosen_acts = acts
    return out


def _curve_series(m: Propagation, p: dict[str, Any]) -> list[Series]:
    layers_x = [float(layer) for layer in range(1, p["depth"] + 1)]
    series: list[Series] = []
    for scheme in SCHEMES:
        series.append(Series(LABELS[scheme], layers_x, m.stds[scheme], panel="std",
                             style={"label_zh": LABELS_ZH[scheme], **_style(scheme, p["init"])}))
    if p["activation"] == "relu":
        # Xavier (normal) on square ReLU layers: the std moves by gain/√2 per layer
        s1, f = m.stds["xavier_normal"][0], xavier_relu_factor(p["gain"])
        label = f"theory, Xavier g={p['gain']:.3g}: std₁·(g/√2)^(l−1)"
        series.append(Series("theory (Xavier): std₁·(g/√2)^(l−1)", layers_x,
                             [s1 * f ** (layer - 1) for layer in layers_x], panel="std",
                             style={"color": "0.5", "ls": ":", "lw": 1.4, "label": label,
                                    "label_zh": f"理论（Xavier，g={p['gain']:.3g}）：std₁·(g/√2)^(l−1)"}))
    for scheme in SCHEMES:
        series.append(Series(f"_{LABELS[scheme]} grad", layers_x, m.grads[scheme], panel="grad",
                             style=_style(scheme, p["init"])))
    return series


def _histogram_series(chosen_acts: list[torch.Tensor], depth: int, relu: bool) -> list[Series]:
    """Histograms of the chosen scheme on shared bins, so a shrinking or exploding scale shows
    as a shift. ReLU: the positive part on log-spaced bins (half the units are exactly 0 and
    the scale can move by many decades); tanh: [-1, 1], where saturation piles up at ±1."""
    shown = _hist_layers(depth)
    picked = [chosen_acts[i - 1].flatten().cpu() for i in shown]
    if relu:
        positive = [a[a > 0] for a in picked]
        nonempty = [a for a in positive if a.numel()] or [torch.tensor([1e-3, 1.0], dtype=torch.float64)]
        lo = min(float(torch.quantile(a, 0.005)) for a in nonempty)
        hi = max(float(torch.quantile(a, 0.995)) for a in nonempty)
        hi = max(hi, lo * 1.001)  # a degenerate (constant) layer still gets a valid bin range
        edges = torch.logspace(math.log10(lo), math.log10(hi), 41, dtype=torch.float64)
    else:
        positive = picked
        edges = torch.linspace(-1.0, 1.0, 41, dtype=torch.float64)
    series = []
    for i, a, values in zip(shown, picked, positive):
        counts = torch.histogram(values, bins=edges).hist
        share = (counts / a.numel()).tolist()  # share of all units of the layer
        series.append(Series(f"layer {i}", edges.tolist(), share, panel="hist", kind="hist",
                             style={"label_zh": f"第 {i} 层", "fill": False, "alpha": 1.0, "lw": 1.6}))
    return series


def _panels(m: Propagation, p: dict[str, Any]) -> list[Panel]:
    relu = p["activation"] == "relu"
    return [
        Panel("std", "Activation std per layer", "各层激活值的标准差", xlabel="layer $l$",
              ylabel="std of activations", xlabel_zh="层 l", ylabel_zh="激活值标准差", yscale="log",
              ylim=_window(m.stds, relu)),
        Panel("grad", "Weight-gradient norm per layer", "各层权重梯度范数", xlabel="layer $l$",
              ylabel=r"$\Vert\partial L/\partial W_l\Vert_F$", xlabel_zh="层 l",
              ylabel_zh="‖∂L/∂W_l‖_F（Frobenius 范数）", yscale="log"),
        Panel("hist", f"Activations with {LABELS[p['init']]}", f"{LABELS_ZH[p['init']]} 初始化下的激活值分布",
              xlabel="activation value (> 0, log scale)" if relu else "activation value",
              ylabel="share of units", xlabel_zh="激活值（> 0，对数刻度）" if relu else "激活值",
              ylabel_zh="单元占比", xscale="log" if relu else "linear"),
    ]


def _metrics(m: Propagation, p: dict[str, Any]) -> dict[str, Any]:
    metrics: dict[str, Any] = {}
    for scheme in SCHEMES:
        metrics[f"std_ratio_last_first_{scheme}"] = m.stds[scheme][-1] / m.stds[scheme][0]
        # > 1: the gradient grows toward the input (layer 1), as N(0,1) tanh nets do
        metrics[f"grad_ratio_first_to_last_{scheme}"] = m.grads[scheme][0] / m.grads[scheme][-1]
    if p["activation"] == "tanh":
        for scheme in SCHEMES:
            metrics[f"saturated_share_last_{scheme}"] = m.saturated[scheme][-1]
    else:
        metrics["theory_std_factor_per_layer_xavier"] = xavier_relu_factor(p["gain"])
    metrics["chosen_std_ratio_last_first"] = metrics[f"std_ratio_last_first_{p['init']}"]
    metrics["grad_ratio_first_to_last"] = metrics[f"grad_ratio_first_to_last_{p['init']}"]
    metrics["chosen_grad_ratio_first_last"] = metrics["grad_ratio_first_to_last"]  # the older name
    return metrics


def run(p: dict[str, Any], ctx: RunContext) -> DemoResult:
    m = measure(p, ctx)
    series = _curve_series(m, p) + _histogram_series(m.chosen_acts, p["depth"], p["activation"] == "relu")
    messages = []
    if p["activation"] == "relu" and p["init"] in ("xavier_uniform", "xavier_normal") and p["gain"] == 1.0:
        messages.append(DemoText.tr("Xavier with gain 1 halves the second moment at every ReLU layer; "
                                    "gain √2 (calculate_gain('relu')) turns it into He on square layers."))
    return ctx.result(series, _panels(m, p), _metrics(m, p), messages)
