"""The live demos as the window and the CLI use them: the one door into the demo engine.

Screens and CLI commands list demos, read a demo's spec, resolve a card's preset, run or
stream a demo and warm the engine up through this module only; they never import
`quizapp.engine`. Listing and presets stay light (no torch); running imports torch.

The engine's types travel through here unchanged (`DemoSpec`, `Param`, `DemoResult`, `Frame`,
`DemoError`), re-exported so a screen can name them without reaching into the engine.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from quizapp.engine.errors import DemoError
from quizapp.engine.registry import all_specs, get_spec
from quizapp.engine.result import DemoResult, Frame, Panel, Series
from quizapp.engine.spec import DemoSpec, Param
from quizapp.i18n.text import DemoText
from quizapp.services.demo_metrics import metric_label

__all__ = ["DemoError", "DemoResult", "DemoSpec", "Frame", "Panel", "Param", "Series", "Opened",
           "list_demos", "demo_ids", "share_cores_with_the_gui", "save_png", "demo_spec", "open_preset", "run",
           "stream", "devices", "warm_up",
           "warm_state", "warm_up_steps", "WarmUp", "values_in_use", "is_auto_param", "choice_label",
           "metric_label", "AUTO_DEVICE"]

AUTO_DEVICE = "auto"


# ----------------------------------------------------------------------------- listing


def list_demos() -> list[DemoSpec]:
    """Every demo, in the catalogue's order (imports no torch)."""
    return all_specs()


@cache
def demo_ids() -> frozenset[str]:
    """Demo ids registered in this build (the registry imports specs only, never torch)."""
    return frozenset(s.id for s in all_specs())


def share_cores_with_the_gui() -> None:
    """The demos are small: one intra-op thread computes them as fast as several would, and
    leaves the other cores to the GUI and the figure thread (on 2 cores, torch's default of 2
    threads made the GUI miss its 50 ms budget). Call it on the demo worker once torch is loaded."""
    import torch

    if torch.get_num_threads() != 1:
        torch.set_num_threads(1)


def demo_spec(demo_id: str) -> DemoSpec:
    """The spec of `demo_id`; DemoError (one line naming the id) when there is no such demo."""
    return get_spec(demo_id)


@dataclass(frozen=True)
class Opened:
    """A demo resolved for opening: its spec, the preset values it keeps, the values the controls
    start at (defaults overlaid with the preset), and one line per preset value it had to drop."""

    spec: DemoSpec
    preset: dict[str, Any]
    values: dict[str, Any]
    ignored: list[str] = field(default_factory=list)


def open_preset(demo_id: str, preset: Mapping[str, Any] | None = None) -> Opened:
    """Resolve a card's preset against the demo's spec. A bad value is dropped and reported,
    never fatal: the card still opens its demo with the rest of the preset."""
    spec = get_spec(demo_id)
    raw = dict(preset or {})
    ignored = spec.problems(raw)
    kept = {k: v for k, v in raw.items() if not spec.problems({k: v})}
    return Opened(spec=spec, preset=kept, values=spec.resolve(kept), ignored=ignored)


# ----------------------------------------------------------------------------- running


def run(demo_id: str, params: Mapping[str, Any] | None = None, device: str = AUTO_DEVICE,
        on_frame: Callable[[Frame], None] | None = None) -> DemoResult:
    """Run a demo to its result (the CLI's path). Raises DemoError for bad input."""
    from quizapp.engine.runner import run_demo

    return run_demo(demo_id, params, device=device, on_frame=on_frame)


def stream(demo_id: str, params: Mapping[str, Any] | None = None, device: str = AUTO_DEVICE,
           is_cancelled: Callable[[], bool] | None = None) -> Iterator[Frame | DemoResult]:
    """The demo's frames, then its DemoResult (the window's path: it runs this on a worker).
    A device this machine lacks is refused here in the window's words (the engine's own
    message names the CLI's --device flag)."""
    if device not in devices():
        raise DemoError(DemoText.tr(
            "this computer has no {device} GPU: choose the device auto or cpu").format(
            device=device.upper()))
    from quizapp.engine.runner import stream_demo

    yield from stream_demo(demo_id, params, device, is_cancelled=is_cancelled)


def save_png(result: DemoResult, path: str | Path, spec: DemoSpec | None = None, lang: str = "en") -> Path:
    """Draw `result` to a PNG file at `path`, all or nothing: the figure goes to a temporary file
    beside it that is renamed over `path` once complete. A path that cannot be a PNG file (another
    suffix, a folder, a missing folder) is a UserError naming it; nothing is written then."""
    from quizapp.services.errors import UserError

    out = Path(path)
    if out.is_dir():
        raise UserError(DemoText.tr("--out {out}: is a folder; give a file name ending in .png").format(out=out))
    if out.suffix.lower() != ".png":
        raise UserError(DemoText.tr(
            "--out {out}: the figure is a PNG image; give a file name ending in .png").format(
            out=out))
    if not out.parent.is_dir():
        raise UserError(DemoText.tr(
            "--out {out}: the folder {folder} does not exist").format(
            out=out, folder=out.parent))
    from quizapp.plots.demo_figure import save_demo_png

    partial = out.with_name(f".{out.name}.partial")
    try:
        save_demo_png(result, partial, spec, lang=lang, format="png")
        os.replace(partial, out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(DemoText.tr(
            "--out {out}: cannot write the figure ({error})").format(
            out=out, error=exc.strerror or exc)) from None
    return out


def devices() -> tuple[str, ...]:
    """The device choices this machine can honour: "cuda" only when torch sees a CUDA GPU.
    Imports torch (call it off the GUI thread, or after `warm_up`)."""
    import torch

    return (AUTO_DEVICE, "cpu", "cuda") if torch.cuda.is_available() else (AUTO_DEVICE, "cpu")


# ----------------------------------------------------------------------------- warm-up


@dataclass(frozen=True)
class WarmUp:
    """Where warming the engine stands: `step` of `steps` done, the one being loaded, seconds."""

    step: int
    steps: int
    doing: str
    done: bool = False
    seconds: float = 0.0
    error: str | None = None


def _import_torch() -> None:
    import torch  # noqa: F401  (the seconds-long part of a first demo)


def _import_engine() -> None:
    import numpy  # noqa: F401

    from quizapp.engine import runner  # noqa: F401


def _import_matplotlib() -> None:
    from quizapp.plots import demo_figure, figure_renderer  # noqa: F401
    from quizapp.plots.style import prime_text_rendering

    prime_text_rendering()  # fonts, glyph caches, mathtext: a first figure draws faster


def _probe_devices() -> None:
    devices()


# What a first demo waits for, in the order it is loaded, with the words the window shows.
_WARM_STEPS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("Loading PyTorch…", _import_torch),
    ("Loading the demo engine…", _import_engine),
    ("Loading matplotlib…", _import_matplotlib),
    ("Looking for a GPU…", _probe_devices),
)

_warm_lock = threading.Lock()  # guards _warm_state; the imports themselves take Python's import lock
_warm_state = WarmUp(0, len(_WARM_STEPS), _WARM_STEPS[0][0])


def warm_state() -> WarmUp:
    """How far the warm-up got (any thread may read it; it is an immutable snapshot)."""
    return _warm_state


def _set_state(state: WarmUp) -> WarmUp:
    global _warm_state
    with _warm_lock:
        if not _warm_state.done or state.done:  # a finished warm-up stays finished
            _warm_state = state
    return state


def warm_up_steps() -> Iterator[WarmUp]:
    """Warm the engine step by step: yields each step before it loads (so a caller can show what
    it waits for), then the finished state. Safe from several threads at once (a second caller
    waits on Python's import lock for what the first is loading); instant once done."""
    if _warm_state.done:
        yield _warm_state
        return
    start = time.perf_counter()
    for i, (doing, load) in enumerate(_WARM_STEPS):
        yield _set_state(WarmUp(i, len(_WARM_STEPS), doing, seconds=time.perf_counter() - start))
        try:
            load()
        except Exception as exc:  # noqa: BLE001 - reported; the demo's own run shows the real error
            yield WarmUp(i, len(_WARM_STEPS), doing, done=True, seconds=time.perf_counter() - start,
                         error=f"{type(exc).__name__}: {exc}")
            return
    yield _set_state(WarmUp(len(_WARM_STEPS), len(_WARM_STEPS), "Ready", done=True,
                            seconds=time.perf_counter() - start))


def warm_up(progress: Callable[[WarmUp], None] | None = None) -> WarmUp:
    """Import torch, the engine and matplotlib now, so the first demo opens at once. Blocking and
    idempotent: run it on a worker thread. `progress` hears each step and the final state."""
    state = _warm_state
    for state in warm_up_steps():
        if progress is not None:
            progress(state)
    return state


# ----------------------------------------------------------------------------- words for people


def values_in_use(spec: DemoSpec, result: DemoResult) -> dict[str, float]:
    """For each "auto" parameter (a rate whose 0 lets the demo choose, e.g. optimizer-race's
    lr_sgd), the value the run actually used. Demos report a chosen rate in their metrics under
    the parameter's own name; it includes the demo's `lr_scale` multiplier, which is divided
    out here so the value can be put back into the parameter unchanged."""
    out: dict[str, float] = {}
    scale = result.params.get("lr_scale", 1.0) or 1.0
    for p in spec.params:
        if is_auto_param(p) and result.params.get(p.name) == 0:
            used = result.metrics.get(p.name)
            if isinstance(used, (int, float)) and not isinstance(used, bool) and used > 0:
                out[p.name] = float(used) / float(scale)
    return out


def is_auto_param(p: Param) -> bool:
    """A float whose default 0 means "the demo's own choice": its spec says so in the help text
    ("0 = the value tuned for ..."), which is also what the control's tooltip shows."""
    return (p.kind == "float" and p.low == 0 and p.default == 0 and (p.high or 0) > 0 and not p.log
            and p.help_en.startswith("0 = "))


# Words for the values and metric keys the engine speaks in; an entry missing here is shown
# by a readable fallback (underscores to spaces), never as a raw key.
_CHOICE_LABELS: dict[str, tuple[str, str]] = {
    "normal": ("Normal N(0, 1)", "正态 N(0, 1)"),
    "small": ("Small normal N(0, 0.01²)", "小正态 N(0, 0.01²)"),
    "xavier_uniform": ("Xavier (uniform)", "Xavier（均匀）"),
    "xavier_normal": ("Xavier (normal)", "Xavier（正态）"),
    "he_fan_in": ("He (fan-in)", "He（fan-in）"),
    "he_fan_out": ("He (fan-out)", "He（fan-out）"),
    "default": ("PyTorch default", "PyTorch 默认"),
    "rosenbrock": ("Rosenbrock", "Rosenbrock"),
    "beale": ("Beale", "Beale"),
    "quadratic": ("Quadratic bowl", "二次碗"),
    "saddle": ("Saddle", "鞍点"),
    "cubic": ("Cubic", "三次函数"),
    "himmelblau": ("Himmelblau", "Himmelblau"),
    "logistic": ("Logistic regression", "逻辑回归"),
    "linear": ("Linear", "线性"),
    "none": ("None", "无"),
    "constant": ("Constant", "常数"),
    "step": ("Step", "阶跃"),
    "cosine": ("Cosine", "余弦"),
    "relu": ("ReLU", "ReLU"),
    "tanh": ("tanh", "tanh"),
    "sigmoid": ("sigmoid", "sigmoid"),
    "moons": ("Two moons", "双月"),
    "spirals": ("Spirals", "螺旋"),
    "tpe": ("TPE (Optuna)", "TPE（Optuna）"),
    "gp": ("Gaussian process", "高斯过程"),
    "hyperband": ("Hyperband", "Hyperband"),
    "successive-halving": ("Successive halving", "逐次减半"),
    "random": ("Random search", "随机搜索"),
    "batch_size": ("Batch size", "批量大小"),
    "momentum": ("Momentum", "动量"),
    "weight_decay": ("Weight decay", "权重衰减"),
    "orthonormal": ("Orthonormal", "正交"),
    "correlated": ("Correlated", "相关"),
    "sgd": ("SGD", "SGD"),
    "adam": ("Adam", "Adam"),
    "adamw": ("AdamW", "AdamW"),
}


def choice_label(value: str, lang: str = "en") -> str:
    """What a choice parameter's value is called on screen (`he_fan_in` → "He (fan-in)")."""
    known = _CHOICE_LABELS.get(value)
    if known is not None:
        return known[1] if lang == "zh" else known[0]
    return _humanize(value)


def _humanize(value: str) -> str:
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:]
