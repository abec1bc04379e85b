"""Every metric a figure reads exists in its demo's result (issue 12): a renamed metric must fail
here, not leave a decoration silently blank. The figure is drawn for real (matplotlib Agg) with
the result's metrics wrapped in a dict that records every key read."""
from __future__ import annotations

import os
from typing import Any

import pytest

from quizapp.engine.registry import all_specs
from quizapp.engine.runner import run_demo
from quizapp.engine.spec import DemoSpec

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")
SPECS = all_specs()


class RecordingMetrics(dict[str, Any]):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.read.add(key)
        return super().__contains__(key)


def cheap(spec: DemoSpec) -> dict[str, Any]:
    """Defaults, with the long runs shortened (the metrics a figure reads do not depend on it)."""
    short = {"steps": 40, "epochs": 3, "train_steps": 30, "max_epochs": 200, "draws": 200, "repeats": 20}
    return {p.name: min(max(short[p.name], p.low), p.high) for p in spec.params if p.name in short}  # type: ignore[type-var]


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_every_metric_the_figure_reads_is_in_the_result(spec: DemoSpec) -> None:
    from quizapp.plots.demo_figure import DemoFigure

    result = run_demo(spec.id, cheap(spec), device=DEVICE)
    metrics = RecordingMetrics(result.metrics)
    result.metrics = metrics
    for lang in ("en", "zh"):
        DemoFigure(spec=spec, lang=lang).draw(result)
    missing = sorted(metrics.read - set(metrics))
    assert missing == [], f"{spec.id}: the figure reads metrics the result lacks: {missing}"
