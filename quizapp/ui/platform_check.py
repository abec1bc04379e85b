"""Checks that Qt's X11 platform plugin can load, before QApplication aborts the process.

Qt's xcb plugin needs several libxcb-* system libraries that PySide6's wheels do not ship; when
one is missing Qt calls abort() with a generic message. Loading the plugin with ctypes first
names the missing library, so quizapp can say what to install. Nothing here imports Qt.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from pathlib import Path

# Debian/Ubuntu packages that provide what Qt 6's xcb plugin links against.
XCB_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                "libxcb-xkb1", "libxkbcommon-x11-0", "libxcb-randr0", "libxcb-shape0", "libxcb-xinerama0")


def uses_xcb(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.startswith("xcb")
    return plat.startswith("linux") and bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def xcb_plugin_path() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def missing_xcb_library() -> str | None:
    """The loader's message if Qt's xcb plugin cannot load (e.g. a libxcb-* library is missing)."""
    plugin = xcb_plugin_path()
    if plugin is None:
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return str(exc)
    return None


def xcb_problem_message() -> str | None:
    """One line for the user when the X11 plugin would make Qt abort, else None."""
    if not uses_xcb():
        return None
    problem = missing_xcb_library()
    if problem is None:
        return None
    return (f"quizapp: Qt cannot open an X11 window: {problem}. On Debian/Ubuntu install the X11 libraries "
            f"Qt needs: sudo apt-get install {' '.join(XCB_PACKAGES)}")
