"""The main window and the app's start: no-display message, remembered geometry and screen,
theme switch, the screen API teammates plug into, and no torch/matplotlib before a demo."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from quizapp.app import NO_DISPLAY_MESSAGE, display_available
from quizapp.services.settings import SettingsService
from quizapp.ui.main_window import MainWindow
from quizapp.ui.view_menu import choose
from tests.support import NOW
from tests.ui.conftest import WAIT_MS

ROOT = Path(__file__).resolve().parents[2]


def test_display_detection() -> None:
    assert not display_available({}, "linux")
    assert display_available({"DISPLAY": ":0"}, "linux")
    assert display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({}, "win32") and display_available({}, "darwin")


def test_no_display_prints_one_line_instead_of_aborting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "quizapp", "--db", str(tmp_path / "x.db")], env=env,
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode != 0 and proc.returncode > 0  # an exit code, not a signal (Qt's abort)
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    assert lines == [NO_DISPLAY_MESSAGE]
    assert "quizapp due" in lines[0] and "quizapp demo run" in lines[0]
    assert not (tmp_path / "x.db").exists()  # nothing opened or created


def test_geometry_and_last_screen_are_remembered(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window

    first = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(first)
    first.show()
    first.restore_state()
    assert first.current_key == "overview"
    first.resize(720, 540)  # inside the offscreen screen (800 x 600)
    size = (first.width(), first.height())  # at least the layout's minimum
    first.show_screen("gallery")
    first.close()
    second = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(second)
    assert second.restore_state() == "gallery"
    second.show()
    assert second.width() == size[0] and abs(second.height() - size[1]) <= 2  # minimum heights differ by screen
    second.close()


def test_theme_switch_follows_the_menu_and_is_stored(qtbot, window: MainWindow, sample_db) -> None:
    theme = window.ctx.theme
    with qtbot.waitSignal(theme.changed, timeout=WAIT_MS):
        choose(window, "theme", "dark" if theme.effective == "light" else "light")
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: SettingsService(sample_db).get().theme == theme.effective, timeout=WAIT_MS)
    window_colour = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert (window_colour.lightness() < 80) == (theme.effective == "dark")
    assert ("#262a31" in QApplication.instance().styleSheet()) == (theme.effective == "dark")
    choose(window, "theme", "system")
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: SettingsService(sample_db).get().theme == "system", timeout=WAIT_MS)
    assert theme.mode == "system"


def test_add_screen_api_for_other_screens(qtbot, window: MainWindow) -> None:
    shown: list[str] = []

    class Probe(QLabel):
        def screen_shown(self) -> None:
            shown.append("shown")

        def screen_hidden(self) -> None:
            shown.append("hidden")

    action = window.add_screen("probe", Probe("probe"), "Probe", menu="Tools", shortcut="Ctrl+9")
    assert action is not None and action in window.menu("Tools").actions()
    action.trigger()
    assert window.current_key == "probe" and shown == ["shown"]
    window.go_back()
    assert shown == ["shown", "hidden"] and window.current_key != "probe"
    assert ("Ctrl+9", "Probe") in window.shortcut_help()["Screens"]


def test_study_screen_opens_without_torch_or_matplotlib(tmp_path: Path) -> None:
    """First launch renders the card's formulas into the cache; the second shows the same card,
    answer and formulas included, from the cache and must not have imported matplotlib or torch."""
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["QUIZAPP_CACHE_DIR"] = {str(tmp_path / "cache")!r}
        from PySide6.QtCore import QSettings
        from quizapp.services.database import open_database
        from quizapp.services.importer import import_deck
        from tests.support import NOW, SAMPLE_DECK
        from quizapp.ui.application import build_window, create_app
        db = open_database({str(tmp_path / "t.db")!r})
        if sys.argv[1] == "first":
            import_deck(db, [SAMPLE_DECK], now=NOW)
        app = create_app()
        window = build_window(db, qsettings=QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat),
                              clock=lambda: NOW)
        window.show()
        study = window.screen_widget("study")
        window.show_screen("study")
        while study.step is None:
            app.processEvents()
        study.math.wait()  # the first run renders the answer's formulas while the question shows
        app.processEvents()
        study.reveal()
        html = study.card_view.toHtml()
        print("MODULES", sorted(m for m in ("torch", "matplotlib") if m in sys.modules))
        print("MATH_IMAGES", html.count("<img"), "MISSING", len(study.card_view.last.missing))
        window.close()
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = []
    for run in ("first", "second"):
        proc = subprocess.run([sys.executable, "-c", script, run], capture_output=True, text=True, timeout=120,
                              cwd=ROOT, env=env)
        assert proc.returncode == 0, proc.stderr
        out.append(proc.stdout)
    assert "MODULES []" in out[1], out[1]
    assert "MISSING 0" in out[1] and "MATH_IMAGES 0" not in out[1], out[1]  # the formula came from the cache
