"""Building the Qt application and the main window (called by quizapp/app.py, the composition root)."""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from quizapp.services.settings import get_settings
from quizapp.store.database import Database
from quizapp.ui.context import AppContext
from quizapp.ui.fonts import install_app_font
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpRunner
from quizapp.ui.screens import SCREEN_INSTALLERS, install_screens
from quizapp.ui.theme import ThemeManager

ORGANIZATION = "quizapp"
APPLICATION = "quizapp"
# Installed before the first paint; the others follow once the first card (or the overview) is
# on screen, one per event-loop turn, so start-up shows a card sooner and never freezes.
FIRST_SCREENS = ("quizapp.ui.overview:install", "quizapp.ui.study_view:install", "quizapp.ui.view_menu:install")
FALLBACK_INSTALL_MS = 1500


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setOrganizationName(ORGANIZATION)
        QApplication.setApplicationName(APPLICATION)
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    assert isinstance(app, QApplication)
    install_app_font(app)
    return app


def build_window(db: Database, *, app: QApplication | None = None, qsettings: QSettings | None = None,
                 clock: Callable[[], datetime] | None = None, defer_screens: bool = False) -> MainWindow:
    """The main window with every screen installed (or, with defer_screens, the first ones:
    see install_remaining_screens); nothing is shown yet."""
    app = app or create_app()
    settings = get_settings(db)  # one small read before the first paint, so the theme is right at once
    theme = ThemeManager(app, settings.theme)
    ops = OpRunner(app)
    ctx = AppContext(db=db, ops=ops, settings=settings, qsettings=qsettings or QSettings(), theme=theme)
    if clock is not None:
        ctx.clock = clock
    window = MainWindow(ctx)
    theme.setParent(window)  # lives and dies with the window (tests build many)
    ops.setParent(window)
    install_screens(window, FIRST_SCREENS if defer_screens else SCREEN_INSTALLERS)
    return window


def install_remaining_screens(window: MainWindow, then: Callable[[], None] | None = None) -> None:
    """Install the screens build_window(defer_screens=True) left out, one per event-loop turn."""
    pending = [entry for entry in SCREEN_INSTALLERS if entry not in FIRST_SCREENS]

    def next_one() -> None:
        if pending:
            install_screens(window, (pending.pop(0),))
            QTimer.singleShot(0, next_one)
        elif then is not None:
            then()

    next_one()


def _when_first_content_shown(window: MainWindow, callback: Callable[[], None]) -> None:
    """Call `callback` once, after the first screen has shown its content (or after a while)."""
    fired = False

    def once(*_args: object) -> None:
        nonlocal fired
        if not fired:
            fired = True
            QTimer.singleShot(0, callback)  # after the paint that follows

    study, overview = window.screen("study"), window.screen("overview")
    study.card_shown.connect(once)  # type: ignore[attr-defined]
    study.session_finished.connect(once)  # type: ignore[attr-defined]
    overview.loaded.connect(once)  # type: ignore[attr-defined]
    QTimer.singleShot(FALLBACK_INSTALL_MS, once)


def import_bundled_deck_if_empty(window: MainWindow) -> None:
    """A fresh database gets the bundled deck (off the GUI thread); screens refresh on "content"."""
    ctx = window.ctx

    def op() -> int:
        view = ctx.study.queue(ctx.now(), limit=1)
        if sum(view.counts.values()):
            return 0
        from quizapp.services.importer import import_deck
        from quizapp.services.stats import collection_stats

        if collection_stats(ctx.db, ctx.now(), days=1).cards["total"]:
            return 0
        return import_deck(ctx.db).added

    def done(added: int) -> None:
        if added:
            window.status(f"Imported the bundled deck: {added} cards", 6000)

    ctx.ops.run(op, on_done=done, changes={"content"})


def launch(db: Database, argv: Sequence[str] | None = None) -> int:
    app = create_app(argv)
    window = build_window(db, app=app, defer_screens=True)
    wanted = window.ctx.qsettings.value("main/screen", "overview")
    shown = window.restore_state("overview")
    window.show()

    def rest() -> None:
        def restore_late_screen() -> None:
            if shown != wanted and isinstance(wanted, str) and window.has_screen(wanted) \
                    and window.current_key == shown:  # the user has not moved on meanwhile
                window.show_screen(wanted)
            import_bundled_deck_if_empty(window)
            window.screen("demo").warm_up_in_background()  # type: ignore[attr-defined]  # first demo opens at once

        install_remaining_screens(window, then=restore_late_screen)

    _when_first_content_shown(window, rest)
    try:
        return app.exec()
    finally:
        window.ctx.ops.wait_idle(5000)
        db.close()
