"""Before Qt's xcb plugin aborts the process, quizapp names the missing X11 library."""
from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.ui import platform_check


@pytest.mark.parametrize("env,platform,expected", [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({}, "linux", False),
    ({"DISPLAY": ":0"}, "darwin", False),
])
def test_uses_xcb(env: dict[str, str], platform: str, expected: bool) -> None:
    assert platform_check.uses_xcb(env, platform) is expected


def test_unloadable_plugin_gives_one_line_naming_the_problem(monkeypatch, tmp_path: Path) -> None:
    fake = tmp_path / "libqxcb.so"
    fake.write_bytes(b"not an ELF file")
    monkeypatch.setattr(platform_check, "xcb_plugin_path", lambda: fake)
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: True)
    message = platform_check.xcb_problem_message()
    assert message is not None and "\n" not in message
    assert str(fake) in message and "libxcb-icccm4" in message


def test_no_message_when_qt_is_not_using_x11(monkeypatch) -> None:
    monkeypatch.setattr(platform_check, "uses_xcb", lambda: False)
    assert platform_check.xcb_problem_message() is None
