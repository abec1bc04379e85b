"""Frame pacing for streaming demos: emit a frame at most `fps` times a second, and let frames
take at most a `share` of the run's time.

A demo asks `due()` after each unit of work; the first call is always due, so the first frame
goes out as soon as there is something to show. Pacing only decides how many frames are shown,
never what is computed, so the numbers do not depend on the machine's speed.

Why the share: a frame costs time too (copying curves, an MC preview), and a frame that takes
longer than the frame interval made every step due — at the largest sizes the frames, not the
training, were most of the run (lr-schedules at 2000 steps built a frame after 1934 of them).
The pacer measures what a frame costs (the gap after a granted call, less the usual gap between
two calls) and spaces frames so that they stay under `share` of the time.
"""
from __future__ import annotations

import time
from collections.abc import Callable

# Frames a streaming demo offers per second. Above the 30 frames/s the window must show: the
# window drops frames it cannot draw in time, and an offer of exactly 30 showed ~20.
STREAM_FPS = 45.0
# The most of a run's time frames may take.
FRAME_SHARE = 0.25


class FramePacer:
    def __init__(self, fps: float = STREAM_FPS, started: bool = False, share: float = FRAME_SHARE,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        """`started`: the demo has just emitted a frame, so the next one waits an interval."""
        self.interval = 1.0 / fps
        self.share = share
        self._clock = clock
        self._last_grant: float | None = clock() if started else None
        self._last_call = self._last_grant
        self._granted_last_call = started
        self._work: float | None = None  # running mean of the gap between calls without a frame
        self.frame_cost = 0.0  # seconds the last frame took, as measured

    def due(self) -> bool:
        now = self._clock()
        if self._last_call is not None:
            gap = now - self._last_call
            if self._granted_last_call:
                self.frame_cost = max(gap - (self._work or 0.0), 0.0)
            else:
                self._work = gap if self._work is None else 0.8 * self._work + 0.2 * gap
        self._last_call = now
        wait = max(self.interval, self.frame_cost / self.share)
        self._granted_last_call = self._last_grant is None or now - self._last_grant >= wait
        if self._granted_last_call:
            self._last_grant = now
        return self._granted_last_call
