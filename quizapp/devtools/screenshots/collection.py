"""Screenshots of the card browser, the card editor, the statistics, the settings and the
backups for the docs. The screenshot command (`python -m quizapp.devtools.screenshots`) calls
`save_collection_screenshots(folder)`; it also runs alone:

    python -m quizapp.devtools.screenshots.collection docs/screenshots

The window runs on a throw-away database: the bundled deck studied most days for three months
(seeded random grades, fixed clock), one card edited by the user with a newer deck version
waiting, one suspended, and a few backups, so every screen has something to show and the
pictures only change when the screens do.
"""
from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from quizapp.ui.stats_view import StatsScreen

SHOT_TIME = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=8)))
SIZE = (1180, 780)
STUDY_DAYS = 95
EDITED_CARD = "batch-gradient-mean-variance"
FILES = ("browser.png", "card-editor.png", "statistics.png", "statistics-charts.png", "settings.png", "backups.png")


def seed(db_path: Path, work: Path) -> None:
    """Three months of study, an edited card with a deck update waiting, a suspended card, backups."""
    from quizapp.resources import deck_dir
    from quizapp.services.backups import create_backup
    from quizapp.services.card_editing import CardEditingService
    from quizapp.services.database import open_database
    from quizapp.services.importer import import_deck
    from quizapp.services.study import StudyService

    db = open_database(db_path)
    try:
        start = SHOT_TIME - timedelta(days=STUDY_DAYS)
        import_deck(db, now=start)
        study, rng = StudyService(db), random.Random(7)
        for offset in range(STUDY_DAYS, -1, -1):  # up to this morning
            now = SHOT_TIME - timedelta(days=offset, hours=rng.randint(1, 5))
            if offset > 6 and rng.random() < 0.15:
                continue  # a day off, but not in the last week: the streak shows
            for item in study.queue(now, limit=rng.randint(6, 22)).items:
                grade = rng.choices((1, 3, 4, 5), weights=(12, 18, 45, 25))[0]
                study.answer(item.card_id, grade, now, rng.randint(4_000, 40_000))
                now += timedelta(seconds=rng.randint(10, 60))
        table = CardEditingService(db).load_for_edit(EDITED_CARD).table
        table["tags"] = [*table["tags"], "interview"]
        zh_note = "\n\n我的笔记：面试时先说无偏，再说方差。"
        en_note = "\n\nMy note: say 'unbiased' first, then the variance."
        table["back"] = {k: v + (zh_note if k == "zh" else en_note) for k, v in table["back"].items()}
        CardEditingService(db).edit_card(EDITED_CARD, table, SHOT_TIME - timedelta(days=3))
        newer = work / "deck"
        shutil.copytree(deck_dir(), newer)
        for path in newer.glob("*.toml"):  # the deck's next version rewords the edited card's question
            text = path.read_text(encoding="utf-8")
            if f'id = "{EDITED_CARD}"' in text:
                start_at = text.index(f'id = "{EDITED_CARD}"')
                end_at = text.find("[[card]]", start_at)
                block = text[start_at:end_at if end_at > 0 else len(text)]
                reworded = block.replace("front.en = '''", "front.en = '''In one minute: ", 1)
                path.write_text(text.replace(block, reworded), encoding="utf-8")
        import_deck(db, [newer], now=SHOT_TIME - timedelta(days=1))
        suspended = next(i.card_id for i in study.queue(SHOT_TIME, limit=5).items)
        CardEditingService(db).set_suspended([suspended], True)
        for label in ("auto", "auto", "close", "manual"):
            create_backup(db, label, keep=10)
    finally:
        db.close()


def _wait(app: QApplication, done: Callable[[], bool], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the state to photograph")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def _chart(stats: StatsScreen) -> QImage:
    """The chart image the statistics screen shows (a function, so the type checker reads the
    attribute's declared type rather than the None the caller set before waiting)."""
    if stats.image is None:
        raise RuntimeError("the statistics screen has no chart")
    return stats.image


def _save(widget: QWidget, path: Path, written: list[Path]) -> None:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    written.append(path)


def save_collection_screenshots(folder: str | Path, theme: str = "light") -> list[Path]:
    """Render the screens to PNGs in `folder`; return their paths. Uses the running QApplication
    (the caller sets fonts) or starts one."""
    from quizapp.services.database import open_database
    from quizapp.ui.application import build_window, create_app
    from quizapp.ui.backups_dialog import BackupsDialog
    from quizapp.ui.browser import COLUMNS, BrowserScreen
    from quizapp.ui.settings_dialog import SettingsDialog
    from quizapp.ui.stats_view import StatsScreen

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="quizapp-collection-shots-"))
    os.environ.setdefault("QUIZAPP_CACHE_DIR", str(work / "cache"))
    seed(work / "collection.db", work)
    app = create_app()
    db = open_database(work / "collection.db")
    written: list[Path] = []
    window = build_window(db, app=app, qsettings=QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat),
                          clock=lambda: SHOT_TIME)
    try:
        assert window.ctx.theme is not None  # build_window gives the window its theme manager
        window.ctx.theme.set_mode(theme)
        window.resize(*SIZE)
        window.show()
        ops = window.ctx.ops

        browser = window.show_screen("browser")
        assert isinstance(browser, BrowserScreen)
        _wait(app, lambda: browser.model.cursor is not None and not ops.busy)
        browser.section_box.setCurrentIndex(browser.section_box.findData("7.2"))
        browser._keep_selection = EDITED_CARD  # select it once the results are in
        browser.table.sortByColumn(COLUMNS.index(next(c for c in COLUMNS if c.sort == "due")),
                                   Qt.SortOrder.AscendingOrder)
        _wait(app, lambda: browser.detail is not None and browser.detail.card.id == EDITED_CARD and not ops.busy)
        browser.math.wait()
        _wait(app, lambda: browser.card_view.last is not None and not browser.card_view.last.missing)
        _save(window, out / FILES[0], written)

        browser.edit_selected()
        _wait(app, lambda: browser.editor is not None and browser.editor.isVisible())
        editor = browser.editor
        assert editor is not None
        _save(editor, out / FILES[1], written)
        editor.reject()

        stats = window.show_screen("stats")
        assert isinstance(stats, StatsScreen)
        stats.image = None
        stats.set_days(90)
        _wait(app, lambda: stats.image is not None and stats.stats is not None and stats.stats.days == 90
              and not stats.busy)
        _save(window, out / FILES[2], written)
        _chart(stats).save(str(out / FILES[3]))
        written.append(out / FILES[3])

        settings = SettingsDialog(window)
        settings.show()
        _save(settings, out / FILES[4], written)
        settings.close()

        dialog = BackupsDialog(window)
        dialog.show()
        _wait(app, lambda: bool(dialog.backups) and not ops.busy)
        _save(dialog, out / FILES[5], written)
        dialog.close()
    finally:
        window.close()
        window.ctx.ops.wait_idle(10_000)
        db.close()
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"
    for p in save_collection_screenshots(target):
        print(p)
