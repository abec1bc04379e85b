"""Screenshots of the main screens from a seeded temporary database, for docs/screenshots/.

    python -m quizapp.devtools.screenshots [--out docs/screenshots]

Runs offscreen when there is no display (or under `xvfb-run -a`). The database holds the
bundled deck with a few days of reviews, so the overview has due, re-drill and new cards;
the clock is pinned, so the pictures only change when the app does. Writes overview.png,
question.png, answer.png (math and Chinese), demo.png (a streaming demo mid-run),
gallery.png, answer-dark.png and shortcuts.png, then the collection screens (browser.png,
card-editor.png, statistics.png, statistics-charts.png, settings.png, backups.png; see
collection.py) and the quiz screens (quiz-question.png, quiz-answered.png, quiz-results.png,
mock-interview-report.png; see quiz.py). With --walk, also every screen and every demo at
both window sizes in both themes (walk.py).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.services.demos import DemoSpec

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=8)))
QUESTION_CARD = "batch-gradient-mean-variance"  # Chinese and formulas on both sides
MID_RUN_DEMO = ("early-stopping", {"max_epochs": 1500})
DEFAULT_OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def seed(db_path: Path) -> None:
    """The bundled deck, some cards reviewed on earlier days (due today), one failed today."""
    from quizapp.services.database import open_database
    from quizapp.services.importer import import_deck
    from quizapp.services.study import StudyService

    db = open_database(db_path)
    import_deck(db, now=NOW - timedelta(days=8))
    study = StudyService(db)
    ids = [item.card_id for item in study.queue(NOW - timedelta(days=7), limit=None).items]
    for i, card_id in enumerate(ids[:18]):
        study.answer(card_id, 4 if i % 3 else 5, NOW - timedelta(days=7), 8000)
        study.answer(card_id, 4, NOW - timedelta(days=6), 6000)  # interval 6: due today
    study.answer(ids[18], 4, NOW - timedelta(days=1), 9000)
    study.answer(ids[18], 1, NOW - timedelta(minutes=20), 12000)  # a lapse this morning: re-drill
    db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--walk", action="store_true",
                        help="then walk every screen and demo at 1180x780 and 1600x1000 in both themes "
                             "into OUT/walk (see walk.py; several minutes)")
    args = parser.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["TZ"] = "Asia/Shanghai"  # the pinned clock's zone (UTC+8): the pictures show its study day
    time.tzset()
    tmp = Path(tempfile.mkdtemp(prefix="quizapp-shots-"))
    os.environ["QUIZAPP_CACHE_DIR"] = str(tmp / "cache")
    seed(tmp / "shots.db")

    from PySide6.QtWidgets import QApplication, QWidget

    from quizapp.services.database import open_database
    from quizapp.ui.application import build_window, create_app
    from quizapp.ui.demo_panel import DemoPanel
    from quizapp.ui.event_wait import file_settings, wait_until
    from quizapp.ui.gallery import DemoGallery
    from quizapp.ui.overview import OverviewScreen
    from quizapp.ui.study_view import StudyScreen

    args.out.mkdir(parents=True, exist_ok=True)
    app = create_app()
    db = open_database(tmp / "shots.db")
    window = build_window(db, app=app, qsettings=file_settings(tmp / "ui.ini"),
                          clock=lambda: NOW)
    theme = window.ctx.theme
    assert theme is not None  # build_window gives the window its theme manager
    theme.set_mode("light")
    window.resize(1180, 780)
    window.show()
    written: list[Path] = []

    def shot(name: str, widget: QWidget | None = None) -> None:
        app.processEvents()
        path = args.out / f"{name}.png"
        (widget or window).grab().save(str(path))
        written.append(path)

    overview = window.screen_widget("overview")
    assert isinstance(overview, OverviewScreen)
    overview.data = None
    window.show_screen("overview")
    wait_until(lambda: overview.data is not None)
    shot("overview")

    study = window.screen_widget("study")
    assert isinstance(study, StudyScreen)
    window.show_screen("study")
    wait_until(lambda: study.step is not None and not study.busy)
    study._load(lambda: window.ctx.services.study.step(NOW, card_id=QUESTION_CARD))
    wait_until(lambda: not study.busy and study.step is not None and study.step.card is not None
               and study.step.card.id == QUESTION_CARD)

    def formulas_drawn() -> bool:
        """The card on screen shows every formula (none still missing)."""
        last = study.card_view.last
        return last is not None and not last.missing

    def dark_keys() -> bool:
        """The card's key hints are drawn in the dark theme's colours."""
        last = study.card_view.last
        return last is not None and last.keys[0].colour != "#1d2330"

    study.math.wait()
    wait_until(formulas_drawn)
    shot("question")
    study.reveal()
    study.math.wait()
    wait_until(formulas_drawn)
    shot("answer")

    theme.set_mode("dark")
    wait_until(lambda: formulas_drawn() and dark_keys())
    study.math.wait()
    wait_until(formulas_drawn)
    shot("answer-dark")
    theme.set_mode("light")
    study.math.wait()
    wait_until(formulas_drawn)

    gallery = window.show_screen("gallery")
    assert isinstance(gallery, DemoGallery)
    wait_until(lambda: bool(gallery.buttons))
    shot("gallery")

    from quizapp.engine.result import Frame

    panel = window.screen_widget("demo")
    assert isinstance(panel, DemoPanel)
    window.show_screen("demo")
    frames: list[object] = []
    panel.plot_shown.connect(lambda frame: frames.append(frame.data))
    demo_id, preset = MID_RUN_DEMO
    panel.open_demo(demo_id, preset)
    wait_until(lambda: sum(isinstance(f, Frame) and f.progress >= 0.35 for f in frames) > 0, 120)
    shot("demo")
    panel._cancel_run()
    wait_until(lambda: not panel.is_running())

    from quizapp.ui.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog(window.shortcut_help(), window)
    dialog.show()
    shot("shortcuts", dialog)
    dialog.close()

    window.close()
    QApplication.processEvents()
    from quizapp.devtools.screenshots.collection import save_collection_screenshots
    from quizapp.devtools.screenshots.quiz import save_quiz_screenshots

    written += save_collection_screenshots(args.out)  # browser, card editor, statistics, settings, backups
    written += save_quiz_screenshots(args.out)  # quiz question/answered/results, mock-interview report
    if args.walk:
        from quizapp.devtools.screenshots.walk import walk

        written += walk(args.out / "walk", [s.id for s in _demo_specs()])
    for path in written:
        print(path)
    return 0


def _demo_specs() -> list[DemoSpec]:
    from quizapp.services.demos import list_demos

    return list_demos()


if __name__ == "__main__":
    sys.exit(main())
