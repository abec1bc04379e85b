"""A scripted walk through every screen, photographed at the default window (1180x780) and at
1600x1000, in the light and the dark theme, for a person to look at (issue 13, "Done when"):

    python -m quizapp.devtools.screenshots.walk [--out docs/screenshots/walk] [--demos all|none|ID,...]
        [--language zh|en|system]

The Chinese interface (docs/screenshots/zh/), one run per size (a second size in the same run
finds the quiz screen still on its results page):

    for size in 1180x780 1280x720; do python -m quizapp.devtools.screenshots.walk --language zh \
        --out docs/screenshots/zh --sizes $size --themes light --demos momentum-dynamics,lr-schedules; done

Writes <out>/<width>x<height>-<theme>/NN-<screen>.png: the overview, the study screen (question,
answer, session summary), the demo gallery and every demo (its finished run), a quiz with every
kind of question (mcq asked and answered, Q&A asked and revealed, cloze asked and checked, the
results), a mock interview (asked, revealed, report), the browser, the statistics (numbers and
charts), the settings and the backups. The window runs offscreen on the collection screenshots'
database (three months of study, fixed clock), so the pictures only change when the app does.

Each demo runs once; its result is photographed at both sizes in both themes (the panel draws
the last result again when the canvas or the theme changes).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt is imported only when the walk runs (`--help` stays light)
    from PySide6.QtWidgets import QWidget

    from quizapp.ui.demo_panel import DemoPanel
    from quizapp.ui.main_window import ScreenT

SIZES = ((1180, 780), (1600, 1000))
THEMES = ("light", "dark")
DEFAULT_OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "walk"
STUDY_CARD = "batch-gradient-mean-variance"  # Chinese and formulas on both sides


class Walk:
    """The window, its database and the folder of the current size and theme."""

    def __init__(self, out: Path, language: str = "en") -> None:
        from PySide6.QtCore import QSettings

        from quizapp.devtools.screenshots.collection import SHOT_TIME, seed
        from quizapp.services.database import open_database
        from quizapp.services.settings import SettingsService
        from quizapp.ui.application import build_window, create_app

        self.out = out
        os.environ["TZ"] = "Asia/Shanghai"  # the seeded clock's zone (UTC+8, the main users'): today is its study day
        time.tzset()
        work = Path(tempfile.mkdtemp(prefix="quizapp-walk-"))
        os.environ.setdefault("QUIZAPP_CACHE_DIR", str(work / "cache"))
        seed(work / "walk.db", work)
        self.now = SHOT_TIME
        self.app = create_app()
        self.db = open_database(work / "walk.db")
        # no reminder banner over the pictures; the interface language is read when the window is built
        SettingsService(self.db).update({"reminder_time": "", "interface_language": language})
        self.window = build_window(self.db, app=self.app, clock=lambda: SHOT_TIME,
                                   qsettings=QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat))
        self.window.show()
        self.written: list[Path] = []
        self.folder = out
        self.count = 0

    # ----- waiting and shooting --------------------------------------------------------------------
    def wait(self, done: Callable[[], bool], timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not reach the state to photograph")
            self.app.processEvents()
            time.sleep(0.01)
        self.app.processEvents()

    def settle(self, quiet_s: float = 0.25) -> None:
        """Queued ops and formula renders done, and their results on the widgets."""
        from quizapp.ui.math_render import MathRenderer

        def idle() -> bool:
            renderers = self.window.findChildren(MathRenderer)
            return not self.window.ctx.ops.busy and not any(r.busy for r in renderers)

        self.wait(idle)
        until = time.monotonic() + quiet_s  # labels are rebuilt a few ms after formulas arrive
        while time.monotonic() < until:
            self.app.processEvents()
            time.sleep(0.02)
        self.wait(idle)

    def use(self, size: tuple[int, int], theme: str) -> None:
        theme_manager = self.window.ctx.theme
        assert theme_manager is not None  # build_window gives the window its theme manager
        theme_manager.set_mode(theme)
        self.window.resize(*size)
        self.folder = self.out / f"{size[0]}x{size[1]}-{theme}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.settle()

    def shot(self, name: str, widget: QWidget | None = None) -> Path:
        self.settle()
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        if not (widget or self.window).grab().save(str(path)):
            raise OSError(f"could not write {path}")
        compact_png(path)
        self.written.append(path)
        return path

    # ----- the screens -------------------------------------------------------------------------------
    def show(self, key: str, kind: type[ScreenT]) -> ScreenT:
        """Switch to the screen `key`, typed as the class whose methods the walk drives."""
        self.window.show_screen(key)
        return self.window.screen_as(key, kind)

    def overview(self) -> None:
        from quizapp.ui.overview import OverviewScreen

        screen = self.show("overview", OverviewScreen)
        screen.refresh()
        self.shot("overview")

    def study(self) -> None:
        from quizapp.ui.study_view import Phase, SessionLog, StudyScreen

        w = self.window
        study = self.show("study", StudyScreen)
        self.wait(lambda: study.step is not None and not study.busy)
        study._load(lambda: w.ctx.services.study.step(self.now, card_id=STUDY_CARD))
        self.wait(lambda: not study.busy and study.step is not None and study.step.card is not None
                  and study.step.card.id == STUDY_CARD)
        self.shot("study-question")
        study.reveal()
        self.shot("study-answer")
        # The summary of a session as it ends (the walk does not grade the seeded collection)
        question = study.step
        assert question is not None  # the card waited for above
        study.session = SessionLog([1, 2, 3, 4, 5, 6], [4, 4, 1, 5, 3, 4],
                                   ["review", "review", "new", "new", "new", "redrill"], [9000] * 6,
                                   time.monotonic() - 340)
        study._show_summary()
        self.shot("study-summary")
        study.session = SessionLog.new()
        study.step, study.phase = question, Phase.QUESTION
        study._display(question)
        w.show_screen("overview")

    def gallery(self) -> None:
        from quizapp.ui.gallery import DemoGallery

        gallery = self.show("gallery", DemoGallery)
        self.wait(lambda: bool(gallery.buttons))
        self.shot("gallery")

    def quiz(self) -> None:
        from quizapp.domain.quiz import cloze_answers
        from quizapp.ui.quiz_view import QuizView

        w = self.window
        view = self.show("quiz", QuizView)
        self.settle()
        self.shot("quiz-setup")
        quiz = w.ctx.services.quiz
        for seed in range(1, 100):  # the first seed whose first five questions hold every kind
            run = quiz.start(self.now, [], ["mcq", "cloze", "qa"], size=5, seed=seed, lang=w.ctx.settings.language)
            if {i.card.kind for i in run.items} == {"mcq", "cloze", "qa"}:
                break
        view.begin(run)
        seen: set[str] = set()
        for _ in run.items:  # each kind photographed the first time it comes; the rest answered as they come
            card = view.current_card
            assert card is not None  # a question is on screen until the last one is answered
            first = card.kind not in seen
            seen.add(card.kind)
            if first:
                self.shot(f"quiz-{card.kind}")
            if card.kind == "mcq":
                wrong = next(i for i, c in enumerate(card.choices) if not c.correct)
                view.choose(view._shown_order().index(wrong))
            elif card.kind == "qa":
                view.reveal()
                if first:
                    self.shot("quiz-qa-revealed")
                view.self_grade(4)
            else:
                blanks = cloze_answers(card, "en")
                for n, edit in view._blank_edits.items():  # typed as a person types: no LaTeX source
                    plain = [a for a in blanks[n] if "$" not in a and "\\" not in a]
                    edit.setText(plain[0] if n == 1 and plain else "no idea")
                if first:
                    self.shot("quiz-cloze-typed")
                view.submit_cloze()
            if first:
                self.shot(f"quiz-{card.kind}-answered")
            self.settle()
            if view.index + 1 == len(run.items):
                break
            view.next_question()
        view.finish()
        self.wait(lambda: view.report is not None)
        self.shot("quiz-results")

    def mock_interview(self) -> None:
        from quizapp.devtools.screenshots.quiz import _opening
        from quizapp.ui.mock_interview_view import MockInterviewView

        w = self.window
        view = self.show("mock-interview", MockInterviewView)
        self.settle()
        self.shot("mock-setup")
        run = w.ctx.services.mock.start(self.now, ["7.2", "7.5"], 3, 5, 120, w.ctx.settings.language)
        view.begin(run)
        card = view.current_card
        assert card is not None  # begin() puts the first question up
        view.answer_box.setPlainText(_opening(card.back.en))
        self.shot("mock-question")
        view.reveal()
        self.shot("mock-revealed")
        view.grade(4)
        self.settle()
        view.reveal()
        view.grade(2)
        self.settle()
        view.finish()
        self.wait(lambda: view.report is not None)
        self.shot("mock-report")

    def browser(self) -> None:
        from quizapp.devtools.screenshots.collection import EDITED_CARD
        from quizapp.ui.browser import BrowserScreen

        browser = self.show("browser", BrowserScreen)
        self.wait(lambda: browser.model.cursor is not None and not self.window.ctx.ops.busy)
        browser._keep_selection = EDITED_CARD
        browser.section_box.setCurrentIndex(browser.section_box.findData("7.2"))
        self.wait(lambda: browser.detail is not None and browser.detail.card.id == EDITED_CARD)
        self.shot("browser")
        browser.edit_selected()
        self.wait(lambda: browser.editor is not None and browser.editor.isVisible())
        editor = browser.editor
        assert editor is not None  # waited for above
        self.shot("card-editor", editor)
        editor.reject()

    def statistics(self) -> None:
        from quizapp.ui.stats_view import StatsScreen

        stats = self.show("stats", StatsScreen)
        stats.set_days(90)
        self.wait(lambda: stats.image is not None and stats.stats is not None and stats.stats.days == 90
                  and not stats.busy)
        self.shot("statistics")
        stats.scroll_area.verticalScrollBar().setValue(stats.scroll_area.verticalScrollBar().maximum())
        self.shot("statistics-scrolled")
        stats.scroll_area.verticalScrollBar().setValue(0)

    def dialogs(self) -> None:
        from quizapp.ui.backups_dialog import BackupsDialog
        from quizapp.ui.dialogs import ShortcutsDialog
        from quizapp.ui.settings_dialog import SettingsDialog

        settings = SettingsDialog(self.window)
        settings.show()
        self.shot("settings", settings)
        settings.close()
        backups = BackupsDialog(self.window)
        backups.show()
        self.wait(lambda: bool(backups.backups) and not self.window.ctx.ops.busy)
        self.shot("backups", backups)
        backups.close()
        shortcuts = ShortcutsDialog(self.window.shortcut_help(), self.window)
        shortcuts.show()
        self.shot("shortcuts", shortcuts)
        shortcuts.close()

    def demos(self, ids: Iterable[str], sizes: tuple[tuple[int, int], ...] = SIZES,
              themes: tuple[str, ...] = THEMES) -> None:
        """Each demo once; its finished result at every size and theme."""
        from quizapp.ui.demo_panel import DemoPanel

        panel = self.window.screen_as("demo", DemoPanel)
        done: list[object] = []
        panel.run_finished.connect(done.append)
        for n, demo_id in enumerate(ids, start=1):
            for i, (size, theme) in enumerate((s, t) for t in themes for s in sizes):
                self.use(size, theme)
                self.count = 40 + n  # after the other screens, in gallery order
                if i == 0:
                    done.clear()
                    self.window.show_screen("demo")
                    panel.open_demo(demo_id)
                    self.wait(lambda: bool(done) and not panel.is_running(), 300)
                self.wait(lambda: _drawn_to_fit(panel), 120)  # not the old size's image, scaled
                self.shot(f"demo-{demo_id}")


def _drawn_to_fit(panel: DemoPanel) -> bool:
    """The demo's figure is drawn for the canvas as it is now (size and theme), not being redrawn."""
    image, plot = panel.plot.image, panel.plot
    if image is None or panel._render_busy or panel._render_pending is not None or plot._settle.isActive():
        return False
    size = image.deviceIndependentSize()
    return round(size.width()) == plot.width() and round(size.height()) == plot.height()


def compact_png(path: Path) -> None:
    """256 colours, no dithering: a quarter of the size, text and thin grid lines intact (the
    walk writes ~150 pictures into the repository)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                              dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def walk(out: Path, demo_ids: list[str], sizes: tuple[tuple[int, int], ...] = SIZES,
         themes: tuple[str, ...] = THEMES, language: str = "en") -> list[Path]:
    w = Walk(out, language)
    try:
        for theme in themes:
            for size in sizes:
                w.use(size, theme)
                w.overview()
                w.study()
                w.gallery()
                w.quiz()
                w.mock_interview()
                w.browser()
                w.statistics()
                w.dialogs()
        w.demos(demo_ids, sizes, themes)
    finally:
        w.window.close()
        w.window.ctx.ops.wait_idle(10_000)
        w.db.close()
    return w.written


def _size(text: str) -> tuple[int, int]:
    """"1180x780" -> (1180, 780)."""
    width, height = text.split("x")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--demos", default="all", help="all, none, or demo ids separated by commas")
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES), help="e.g. 1180x780,1600x1000")
    parser.add_argument("--themes", default=",".join(THEMES), help="light,dark")
    parser.add_argument("--language", default="en", choices=("en", "zh", "system"),
                        help="the interface language (the interface_language setting)")
    args = parser.parse_args(argv)
    sizes = tuple(_size(s) for s in args.sizes.split(","))
    themes = tuple(args.themes.split(","))
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from quizapp.services.demos import list_demos

    ids = [s.id for s in list_demos()] if args.demos == "all" else [] if args.demos == "none" \
        else args.demos.split(",")
    for path in walk(args.out, ids, sizes, themes, args.language):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
