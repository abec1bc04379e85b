"""Every metric a plot decoration reads exists in its demo's result: a renamed metric in the
engine would otherwise make the decoration skip its note without a word (they guard with
`if key in metrics`). The decorations table is built by plain imports, one entry per demo."""
from __future__ import annotations

import copy

import pytest

from quizapp.plots.decorations import DECORATIONS
from quizapp.plots.demo_figure import DemoFigure
from quizapp.services import demos


class RecordingMetrics(dict):
    """A metrics dict that remembers every key asked for, however it is asked."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asked: set[str] = set()

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        self.asked.add(key)
        return super().__contains__(key)


def test_every_decoration_belongs_to_a_registered_demo() -> None:
    registered = {s.id for s in demos.list_demos()}
    assert set(DECORATIONS) <= registered, set(DECORATIONS) - registered


@pytest.mark.slow
@pytest.mark.parametrize("demo_id", sorted(DECORATIONS))
def test_metric_keys_read_by_a_decoration_exist(demo_id: str, default_result) -> None:
    result = copy.copy(default_result(demo_id))
    recording = RecordingMetrics(result.metrics)
    result.metrics = recording
    figure = DemoFigure(spec=demos.demo_spec(demo_id))
    figure.draw(result)
    missing = sorted(recording.asked - set(result.metrics.keys()))
    assert missing == [], f"{demo_id}: decoration reads metrics the demo does not report: {missing}"


def test_recording_metrics_catches_a_missing_key() -> None:
    """The check above can fail: a decoration guarded by `in` still records the key it wanted."""
    m = RecordingMetrics({"a": 1})
    assert "b" not in m and m.get("c") is None
    assert m.asked - set(m.keys()) == {"b", "c"}
