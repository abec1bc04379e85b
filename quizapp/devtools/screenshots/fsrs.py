"""Screenshots of FSRS in the window: the statistics screen's FSRS page and Tools → Optimize
FSRS…, at 1280x720 in the light and the dark theme, for a person to look at (issue 17):

    python -m quizapp.devtools.screenshots.fsrs [--out docs/screenshots/fsrs]

The collection is synthetic (quizapp.devtools.bench.store: 3,000 cards) with a simulated
learner's 10,000 answers over about 400 days (quizapp.devtools.bench.fsrs), scheduled by FSRS,
on a fixed clock. Writes stats-fsrs-<theme>.png and optimize-<theme>.png (the window, the
dialog over it after a fit).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (1280, 720)
DEFAULT_OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "fsrs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    from PySide6.QtCore import QSettings

    from quizapp.devtools.bench.fsrs import write_learner_log
    from quizapp.devtools.bench.store import NOW, build_collection
    from quizapp.services.database import open_database
    from quizapp.services.settings import SettingsService
    from quizapp.ui.application import build_window, create_app
    from quizapp.ui.fsrs_optimize_dialog import FsrsOptimizeDialog
    from quizapp.ui.stats_view import StatsScreen

    work = Path(tempfile.mkdtemp(prefix="quizapp-fsrs-shots-"))
    db = open_database(work / "fsrs.db")
    build_collection(db, 3000, random.Random(1))
    write_learner_log(db, 10_000, random.Random(2))
    SettingsService(db).update({"scheduler": "fsrs", "reminder_time": ""})
    app = create_app()
    window = build_window(db, app=app, clock=lambda: NOW,
                          qsettings=QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
    window.show()
    window.resize(*SIZE)

    def wait(done: Callable[[], bool], timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not reach the state to photograph")
            app.processEvents()
            time.sleep(0.01)
        until = time.monotonic() + 0.3
        while time.monotonic() < until:
            app.processEvents()
            time.sleep(0.02)

    args.out.mkdir(parents=True, exist_ok=True)
    window.show_screen("stats")
    stats = window.screen_as("stats", StatsScreen)
    drawn: list[int] = []
    fitted: list[object] = []
    stats.fsrs_drawn.connect(lambda: drawn.append(1))
    for theme in ("light", "dark"):
        assert window.ctx.theme is not None
        window.ctx.theme.set_mode(theme)
        drawn.clear()
        stats.show_page(1)
        wait(lambda: bool(drawn) and not window.ctx.ops.busy and not stats.busy)
        path = args.out / f"stats-fsrs-{theme}.png"
        window.grab().save(str(path))
        print(path)
        dialog = FsrsOptimizeDialog(window)
        dialog.show()
        fitted.clear()
        dialog.finished_fit.connect(fitted.append)
        dialog.start()
        wait(lambda: bool(fitted))
        path = args.out / f"optimize-{theme}.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.close()
    window.close()
    window.ctx.ops.wait_idle(30_000)
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
