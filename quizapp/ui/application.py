"""Building the Qt application and the main window (called by quizapp/app.py, the composition root)."""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from quizapp.services.bundle import Database, Imported, Services
from quizapp.ui.context import AppContext
from quizapp.ui.fonts import install_app_font
from quizapp.ui.main_window import MainWindow
from quizapp.ui.open_files import open_files
from quizapp.ui.ops import OpRunner
from quizapp.ui.single_instance import SingleInstance, instance_key
from quizapp.ui.theme import ThemeManager
from quizapp.ui.translation import install_language
from quizapp.ui.words import words

ORGANIZATION = "quizapp"
APPLICATION = "quizapp"
FALLBACK_INSTALL_MS = 1500


# ----- the screens, in menu order, wired by plain imports -----------------------------------
# An installer adds its screen(s) with window.add_screen (quizapp/ui/main_window.py). The first
# screens are installed before the first paint; the later ones once the first card (or the
# overview) is on screen, one per event-loop turn, each importing its module only then (the demo
# screens pull in matplotlib, which the review screen never needs), so start-up shows a card
# sooner and never freezes. A renamed or missing module is an ImportError, never a silently
# missing screen.
Installer = Callable[[MainWindow], None]


def first_screens() -> tuple[Installer, ...]:
    from quizapp.ui import overview, study_view, view_menu

    return (overview.install, study_view.install, view_menu.install)


def _gallery(window: MainWindow) -> None:
    from quizapp.ui import gallery

    gallery.install(window)


def _demo_panel(window: MainWindow) -> None:
    from quizapp.ui import demo_panel

    demo_panel.install(window)


def _browser(window: MainWindow) -> None:
    from quizapp.ui import browser

    browser.install(window)


def _stats(window: MainWindow) -> None:
    from quizapp.ui import stats_view

    stats_view.install(window)


def _quiz(window: MainWindow) -> None:
    from quizapp.ui import quiz_view

    quiz_view.install(window)


def _mock_interview(window: MainWindow) -> None:
    from quizapp.ui import mock_interview_view

    mock_interview_view.install(window)


def _settings(window: MainWindow) -> None:
    from quizapp.ui import settings_dialog

    settings_dialog.install(window)


def _fsrs_optimize(window: MainWindow) -> None:
    from quizapp.ui import fsrs_optimize_dialog

    fsrs_optimize_dialog.install(window)


def _tray(window: MainWindow) -> None:
    from quizapp.ui import tray

    tray.install(window)


def _backups(window: MainWindow) -> None:
    from quizapp.ui import backups_dialog

    backups_dialog.install(window)


LATER_SCREENS: tuple[Installer, ...] = (_gallery, _demo_panel, _browser, _stats, _quiz, _mock_interview, _settings,
                                        _fsrs_optimize, _tray, _backups)


def install_screens(window: MainWindow, installers: tuple[Installer, ...]) -> None:
    for install in installers:
        install(window)


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
    services = Services.over(db)
    settings = services.settings.get()  # one small read before the first paint, so the theme is right at once
    language = install_language(settings.interface_language, app)  # before any widget is built
    theme = ThemeManager(app, settings.theme)
    ops = OpRunner(app)
    ctx = AppContext(services=services, ops=ops, settings=settings, qsettings=qsettings or QSettings(), theme=theme,
                     interface_language=language)
    if clock is not None:
        ctx.clock = clock
    window = MainWindow(ctx)
    theme.setParent(window)  # lives and dies with the window (tests build many)
    ops.setParent(window)
    install_screens(window, first_screens() if defer_screens else first_screens() + LATER_SCREENS)
    from quizapp.ui import change_listener

    change_listener.install(window)  # a collection shared on PostgreSQL: other clients' changes, the server's state
    return window


def install_remaining_screens(window: MainWindow, then: Callable[[], None] | None = None) -> None:
    """Install the screens build_window(defer_screens=True) left out, one per event-loop turn."""
    pending = list(LATER_SCREENS)

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

    from quizapp.ui.overview import OverviewScreen
    from quizapp.ui.study_view import StudyScreen

    study, overview = window.screen_as("study", StudyScreen), window.screen_as("overview", OverviewScreen)
    study.card_shown.connect(once)
    study.session_finished.connect(once)
    overview.loaded.connect(once)
    QTimer.singleShot(FALLBACK_INSTALL_MS, once)


def import_bundled_deck_if_empty(window: MainWindow) -> None:
    """A fresh database gets the bundled deck (off the GUI thread); screens refresh on "content"."""
    ctx = window.ctx

    def done(imported: Imported) -> None:
        if imported.added:
            window.status(QCoreApplication.translate("Application", "Imported the bundled deck: {cards}").format(
                cards=words().cards(imported.added)), 6000)

    ctx.ops.run(lambda: ctx.services.deck.import_if_empty(ctx.now()), on_done=done)


def claim_collection(db: Database) -> SingleInstance | None:
    """This process's claim on the collection (docs/desktop-app.md § Single instance); None for an
    in-memory database. `.is_primary` is False when another quizapp already has it open."""
    key = instance_key(db.path)
    if key is None:
        return None
    instance = SingleInstance(key)
    try:
        instance.claim()
    except OSError as exc:  # no local socket (a read-only temporary folder): run, but say so
        print(QCoreApplication.translate("Launch", "quizapp: warning: {problem}; a second start on this collection "
                                                   "will not find this window").format(problem=exc), file=sys.stderr)
        return None
    return instance


def hand_over_to_running(instance: SingleInstance, open_paths: Sequence[str]) -> int:
    """A later start on an open collection: pass the files on, say so in one line, exit."""
    if instance.hand_over(list(open_paths)):
        print(QCoreApplication.translate("Launch", "quizapp is already running on this collection: "
                                                   "its window was brought forward"), file=sys.stderr)
        return 0
    print(QCoreApplication.translate("Launch", "quizapp: error: another quizapp has this collection open but "
                                               "does not answer; close it or try again"), file=sys.stderr)
    return 1


def serve_later_starts(window: MainWindow, instance: SingleInstance) -> None:
    """A later start on this collection brings `window` forward and offers to import its files."""
    instance.setParent(window)
    instance.activated.connect(lambda paths: open_files(window, paths))


def launch(db: Database, argv: Sequence[str] | None = None, *, open_paths: Sequence[str] = (),
           exit_when_ready: bool = False) -> int:
    app = create_app(argv)
    instance = claim_collection(db)
    if instance is not None and not instance.is_primary:
        db.close()  # never a second writer on the same collection
        return hand_over_to_running(instance, open_paths)
    window = build_window(db, app=app, defer_screens=True)
    if instance is not None:
        serve_later_starts(window, instance)
    wanted = window.ctx.qsettings.value("main/screen", "overview")
    shown = window.restore_state("overview")
    window.show()

    def rest() -> None:
        def restore_late_screen() -> None:
            if shown != wanted and isinstance(wanted, str) and window.has_screen(wanted) \
                    and window.current_key == shown:  # the user has not moved on meanwhile
                window.show_screen(wanted)
            import_bundled_deck_if_empty(window)
            from quizapp.ui.demo_panel import DemoPanel

            window.screen_as("demo", DemoPanel).warm_up_in_background()  # the first demo opens at once
            if open_paths:
                open_files(window, list(open_paths))
            if exit_when_ready:
                report_ready_and_quit(window, app)

        install_remaining_screens(window, then=restore_late_screen)

    _when_first_content_shown(window, rest)
    try:
        return app.exec()
    finally:
        if window.isVisible():  # quit without closing (--exit-when-ready, a signal): save the state, stop the demos
            window.close()
        window.ctx.ops.wait_idle(5000)
        window.deleteLater()
        if instance is not None:
            instance.release()
        db.close()


def report_ready_and_quit(window: MainWindow, app: QApplication, timeout_ms: int = 120_000) -> None:
    """--exit-when-ready (the build's smoke test): open the study screen, print the first card
    once it is on screen and quit with 0; exit 1 when no card shows within `timeout_ms`."""
    from quizapp.ui.study_view import StudyScreen

    study = window.screen_as("study", StudyScreen)

    def done(card_id: str) -> None:
        print(f"ready: first card {card_id} on screen, {len(window.findChildren(QWidget))} widgets", flush=True)
        app.quit()

    if window.current_key == "study" and study.step is not None and study.step.card is not None:
        done(study.step.card.id)
        return
    study.card_shown.connect(done)
    QTimer.singleShot(timeout_ms, lambda: (print("not ready: no card was shown", flush=True), app.exit(1)))
    window.show_screen("study")
