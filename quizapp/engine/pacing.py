"""Frame pacing for streaming demos: emit a frame at most `fps` times a second.

A demo asks `due()` after each unit of work; the first call is always due, so the first frame
goes out as soon as there is something to show. Pacing only decides how many frames are shown,
never what is computed, so the numbers do not depend on the machine's speed.
"""
from __future__ import annotations

import time


class FramePacer:
    def __init__(self, fps: float = 30.0) -> None:
        self.interval = 1.0 / fps
        self._last: float | None = None

    def due(self) -> bool:
        now = time.perf_counter()
        if self._last is None or now - self._last >= self.interval:
            self._last = now
            return True
        return False
