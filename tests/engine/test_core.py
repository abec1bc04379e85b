"""Engine-wide contracts, checked for EVERY registered demo (DESIGN.md §5): listing without
torch, parameter validation with clear errors, the CLI's JSON shape, determinism, robustness
under random valid parameters, and a clear error for a missing GPU.

Parametrized over registry.all_specs(), so demos added later are covered automatically.
"""
from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

from quizapp.cli import main as cli_main
from quizapp.engine.errors import DemoError, DeviceUnavailableError, ParamError
from quizapp.engine.registry import all_specs
from quizapp.engine.result import DemoResult, Frame
from quizapp.engine.runner import run_demo, stream_demo
from quizapp.engine.spec import DemoSpec, Param

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")
SPECS = all_specs()
IDS = [s.id for s in SPECS]

# Int parameters that set how much work a run does. Random robustness runs draw them from the
# bottom of their own range (low .. 2·low) so hundreds of runs stay affordable; everything
# else is drawn over its whole range.
_SIZE_NAME = re.compile(r"steps|epochs|iter|samples|draws|repeats|batches|masks|trials|resolution|budget|"
                        r"width|hidden|features|depth|runs|^n_|max_len")


def is_size_param(p: Param) -> bool:
    return p.kind == "int" and p.name != "seed" and bool(_SIZE_NAME.search(p.name))


def random_value(p: Param, rng: np.random.Generator) -> Any:
    if p.name == "seed":
        return int(rng.integers(0, 1_000_000))
    if p.kind == "bool":
        return bool(rng.integers(0, 2))
    if p.kind == "choice":
        return str(rng.choice(p.choices))
    low, high = float(p.low), float(p.high)  # type: ignore[arg-type]
    if is_size_param(p):
        high = min(high, max(low * 2.0, low + 2.0))
    if p.log:
        value = math.exp(rng.uniform(math.log(low), math.log(high)))
    else:
        value = rng.uniform(low, high)
    if p.kind == "int":
        return int(min(max(round(value), p.low), p.high))  # type: ignore[arg-type]
    return float(min(max(value, low), high))


def random_params(spec: DemoSpec, rng: np.random.Generator) -> dict[str, Any]:
    return {p.name: random_value(p, rng) for p in spec.params}


def cheap_params(spec: DemoSpec) -> dict[str, Any]:
    """The defaults with every size parameter at the bottom of its range."""
    return {p.name: int(p.low) for p in spec.params if is_size_param(p)}  # type: ignore[arg-type]


def check_result(spec: DemoSpec, result: DemoResult) -> None:
    """What every finished run must look like, whatever its parameters."""
    assert result.demo == spec.id
    assert isinstance(result.metrics.get("diverged"), bool)
    d = result.to_dict()
    json.dumps(d, allow_nan=False)  # plain numbers only, strict JSON (the CLI's --json)
    for s in result.series:
        if s.kind in ("line", "scatter", "step", "path"):
            assert len(s.x) == len(s.y), s.name
            assert all(math.isfinite(v) for v in s.x + s.y), s.name  # the finite prefix only
    plain = (bool, int, float, str, type(None))
    for key, value in result.metrics.items():  # plain values (a list of them at most), no tensors
        assert isinstance(value, plain) or (isinstance(value, list) and all(isinstance(v, plain) for v in value)), key


# ------------------------------------------------------------------------------ listing


def test_listing_demos_does_not_import_torch() -> None:
    code = ("import sys; from quizapp.engine import registry; specs = registry.all_specs(); "
            "[s.to_dict() for s in specs]; assert specs; "
            "assert 'torch' not in sys.modules, 'torch imported'; "
            "assert 'numpy' not in sys.modules, 'numpy imported'; print(len(specs))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(SPECS)


def test_demo_list_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["demo", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in listed] == IDS
    for d in listed:
        assert d["title_en"] and d["title_zh"] and any(p["name"] == "seed" for p in d["params"])


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_params_are_documented(spec: DemoSpec) -> None:
    for p in spec.params:
        assert p.label_en and p.label_zh, p.name
        if p.kind in ("float", "int"):
            assert p.low <= p.default <= p.high, p.name  # type: ignore[operator]


# ------------------------------------------------------------------------------ validation


def bad_values(p: Param) -> list[Any]:
    """Values of the wrong kind and (for numbers) just outside the range."""
    if p.kind == "bool":
        return ["maybe", 3]
    if p.kind == "choice":
        return ["no-such-choice", 1]
    out: list[Any] = ["abc", True, float("nan")]
    if p.kind == "int":
        out.append(1.5 + float(p.low))  # type: ignore[arg-type]
    out += [float(p.high) + max(1.0, abs(float(p.high))), float(p.low) - max(1.0, abs(float(p.low)))]  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_bad_parameters_raise_param_error_naming_the_parameter_and_range(spec: DemoSpec) -> None:
    for p in spec.params:
        for bad in bad_values(p):
            with pytest.raises(ParamError) as info:
                run_demo(spec.id, {p.name: bad}, device=DEVICE)
            assert info.value.param == p.name
            message = str(info.value)
            assert p.name in message and p.describe_range() in message, message
    with pytest.raises(ParamError) as info:
        run_demo(spec.id, {"no_such_param": 1}, device=DEVICE)
    assert "no_such_param" in str(info.value) and info.value.param == "no_such_param"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_cli_rejects_bad_parameter_with_message_and_nonzero_exit(spec: DemoSpec,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    p = next(q for q in spec.params if q.name != "seed") if len(spec.params) > 1 else spec.params[0]
    bad = "no-such-choice" if p.kind == "choice" else ("maybe" if p.kind == "bool" else str(float(p.high) + 1e6))
    code = cli_main(["demo", "run", spec.id, "--set", f"{p.name}={bad}", "--device", DEVICE])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and p.name in err and p.describe_range() in err, err


def test_cli_process_exit_code_for_a_bad_parameter() -> None:
    spec = SPECS[0]
    p = spec.params[0]
    out = subprocess.run([sys.executable, "-m", "quizapp", "demo", "run", spec.id, "--set", f"{p.name}=abc"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert p.name in out.stderr and "Traceback" not in out.stderr


# ------------------------------------------------------------------------------ output shape, determinism


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_cli_json_output_shape(spec: DemoSpec, capsys: pytest.CaptureFixture[str]) -> None:
    sets = [f"{k}={v}" for k, v in cheap_params(spec).items()]
    code = cli_main(["demo", "run", spec.id, "--json", "--device", DEVICE] + [a for s in sets for a in ("--set", s)])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert {"demo", "params", "device", "series", "metrics"} <= set(data)
    assert data["demo"] == spec.id and data["device"] in ("cpu", "cuda")
    assert set(data["params"]) == {p.name for p in spec.params}
    assert data["series"], "a demo shows something"
    for s in data["series"]:
        assert {"name", "x", "y"} <= set(s) and isinstance(s["name"], str)
        assert "panel" not in s or isinstance(s["panel"], str)
    assert isinstance(data["metrics"], dict) and isinstance(data["metrics"]["diverged"], bool)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_same_seed_same_numbers(spec: DemoSpec) -> None:
    params = random_params(spec, np.random.default_rng(len(spec.id)))
    try:
        first = run_demo(spec.id, params, device=DEVICE)
    except ParamError:  # a cross-parameter constraint: fall back to the cheap defaults
        params = cheap_params(spec)
        first = run_demo(spec.id, params, device=DEVICE)
    second = run_demo(spec.id, params, device=DEVICE)
    assert first.to_dict() == second.to_dict()


# ------------------------------------------------------------------------------ robustness


def run_random(spec: DemoSpec, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    names = {p.name for p in spec.params}
    completed = 0
    for _ in range(n):
        params = random_params(spec, rng)
        try:
            items = list(stream_demo(spec.id, params, device=DEVICE))
        except ParamError as exc:  # a clear, named rejection of a combination is fine
            assert exc.param in names, exc
            continue
        except DemoError as exc:  # pragma: no cover - reported with its parameters
            raise AssertionError(f"{spec.id} {params}: {exc}") from exc
        result = items[-1]
        assert isinstance(result, DemoResult), params
        assert all(isinstance(item, Frame) for item in items[:-1])
        check_result(spec, result)
        completed += 1
    assert completed >= n // 4, f"{spec.id}: most random parameter sets were rejected"


@pytest.mark.filterwarnings("error::RuntimeWarning")  # divergence is a result, never a numpy warning
@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_random_valid_parameters_run_fast_variant(spec: DemoSpec) -> None:
    run_random(spec, 10, seed=1)


@pytest.mark.slow
@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_random_valid_parameters_run(spec: DemoSpec) -> None:
    run_random(spec, 200, seed=2)


# ------------------------------------------------------------------------------ devices


def _cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.skipif(DEVICE == "cuda", reason="this machine has CUDA")
def test_cuda_when_absent_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    if _cuda_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(DeviceUnavailableError, match="cuda"):
        run_demo(IDS[0], device="cuda")
    assert cli_main(["demo", "run", IDS[0], "--device", "cuda"]) != 0
    err = capsys.readouterr().err
    assert "CUDA" in err and err.count("\n") == 1


@pytest.mark.skipif(DEVICE != "cuda", reason="set QUIZAPP_TEST_DEVICE=cuda on a GPU machine")
@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_runs_on_cuda(spec: DemoSpec) -> None:
    result = run_demo(spec.id, cheap_params(spec), device="cuda")
    assert result.device == "cuda"
    check_result(spec, result)
