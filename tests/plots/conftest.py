"""Each demo's default result, computed once per test session and shared by the plot tests."""
from __future__ import annotations

import os

import pytest

from quizapp.services import demos

DEVICE = os.environ.get("QUIZAPP_TEST_DEVICE", "cpu")
_RESULTS: dict[str, demos.DemoResult] = {}


@pytest.fixture(scope="session")
def default_result():
    """default_result(demo_id) -> that demo's DemoResult with its default parameters."""
    def get(demo_id: str) -> demos.DemoResult:
        if demo_id not in _RESULTS:
            _RESULTS[demo_id] = demos.run(demo_id, device=DEVICE)
        return _RESULTS[demo_id]
    return get
