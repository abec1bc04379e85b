"""FramePacer on a fake clock: at most `fps` frames a second, and frames never more than their
share of the run, however slow a frame is (at the largest sizes frames were most of the run)."""
from __future__ import annotations

import pytest

from quizapp.engine.pacing import FramePacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def simulate(step_s: float, frame_s: float, steps: int, share: float = 0.25) -> tuple[int, float]:
    """A demo loop: work a step, ask the pacer, build a frame when due. Returns (frames, share
    of the time spent on frames)."""
    clock = FakeClock()
    pacer = FramePacer(fps=45.0, share=share, clock=clock)
    frames, frame_time = 0, 0.0
    for _ in range(steps):
        clock.now += step_s
        if pacer.due():
            clock.now += frame_s
            frames += 1
            frame_time += frame_s
    return frames, frame_time / clock.now


def test_cheap_frames_are_paced_by_the_frame_rate() -> None:
    frames, _ = simulate(step_s=1e-3, frame_s=1e-4, steps=2000)
    duration = 2000 * 1e-3 + frames * 1e-4
    # a frame is due on the first step 1/45 s after the last one: steps of 1 ms overshoot a little
    assert duration * 45 * 0.9 < frames <= duration * 45 + 1


@pytest.mark.parametrize("frame_s", [0.05, 0.2, 1.0])
def test_slow_frames_take_at_most_their_share_of_the_run(frame_s: float) -> None:
    """A 5 ms step and a frame of 50 ms to 1 s: without the share every step was due."""
    frames, spent = simulate(step_s=5e-3, frame_s=frame_s, steps=4000)
    assert spent <= 0.25 + frame_s / (4000 * 5e-3 + frames * frame_s)  # one frame of slack
    assert frames >= 2  # still streams


def test_first_call_is_always_due_and_started_waits_an_interval() -> None:
    clock = FakeClock()
    assert FramePacer(clock=clock).due()
    started = FramePacer(started=True, clock=clock)
    assert not started.due()
    clock.now += 1 / 45
    assert started.due()
