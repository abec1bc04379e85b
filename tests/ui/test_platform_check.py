"""Before Qt's xcb plugin aborts the process, quizapp names the missing X11 library."""
from __future__ import annotations

import sys
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


@pytest.fixture
def broken_plugin(monkeypatch, tmp_path: Path) -> Path:
    """An xcb plugin the loader cannot load, as when a libxcb-* library is missing."""
    fake = tmp_path / "libqxcb.so"
    fake.write_bytes(b"not an ELF file")
    monkeypatch.setattr(platform_check, "xcb_plugin_path", lambda: fake)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return fake


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is chosen by default on Linux only")
def test_unloadable_plugin_on_an_x11_session_gives_one_line_naming_the_problem(monkeypatch,
                                                                               broken_plugin: Path) -> None:
    monkeypatch.setenv("DISPLAY", ":0")  # Qt would pick xcb on its own
    message = platform_check.xcb_problem_message()
    assert message is not None and "\n" not in message
    assert str(broken_plugin) in message and "libxcb-icccm4" in message
    assert "invalid ELF header" in message or "file too short" in message  # the loader's own words


@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
                                 {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, {}])
def test_no_message_when_qt_will_not_load_the_x11_plugin(monkeypatch, broken_plugin: Path,
                                                         env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert platform_check.xcb_problem_message() is None

