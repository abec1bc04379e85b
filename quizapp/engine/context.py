"""What a running demo is handed besides its parameters: device, seeded RNGs, cancellation, and
the way to package its result. Its own module so demos need not import the runner."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quizapp.engine.errors import DemoError
from quizapp.engine.result import DemoResult, Panel, Series
from quizapp.engine.spec import DemoSpec

if TYPE_CHECKING:
    import numpy as np
    import torch


class DemoCancelled(DemoError):
    """Raised inside a demo by ctx.check_cancelled() when the caller gave up on the run."""


@dataclass
class RunContext:
    spec: DemoSpec
    params: dict[str, Any]
    device: "torch.device"
    seed: int
    generator: "torch.Generator"  # on ctx.device, seeded with `seed`
    rng: "np.random.Generator"  # NumPy, seeded with `seed`
    is_cancelled: Callable[[], bool] = field(default=lambda: False)
    dtype: "torch.dtype | None" = None

    def check_cancelled(self) -> None:
        if self.is_cancelled():
            raise DemoCancelled("demo cancelled")

    def result(self, series: list[Series], panels: list[Panel], metrics: dict[str, Any] | None = None,
               messages: list[str] | None = None) -> DemoResult:
        return DemoResult(demo=self.spec.id, params=dict(self.params), device=self.device.type,
                          series=series, panels=panels, metrics=dict(metrics or {}),
                          messages=list(messages or []))
