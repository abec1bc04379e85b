"""Frame pacing for streaming demos: emit a frame at most `fps` times a second.

A demo asks `due()` after each unit of work; the first call is always due, so the first frame
goes out as soon as there is something to show. Pacing only decides how many frames are shown,
never what is computed, so the numbers do not depend on the machine's speed.
"""
from __future__ import annotations

import time

# Frames a streaming demo offers per second. Above the 30 frames/s the window must show: the
# window drops frames it cannot draw in time, and an offer of exactly 30 showed ~20.
STREAM_FPS = 45.0


class FramePacer:
    def __init__(self, fps: float = STREAM_FPS, started: bool = False) -> None:
        """`started`: the demo has just emitted a frame, so the next one waits an interval."""
        self.interval = 1.0 / fps
        self._last: float | None = time.perf_counter() if started else None

    def due(self) -> bool:
        now = time.perf_counter()
        if self._last is None or now - self._last >= self.interval:
            self._last = now
            return True
        return False
