"""The screens the app installs, in menu order, wired by plain imports.

An installer takes the MainWindow and adds its screen(s) with `window.add_screen(...)` (see
quizapp/ui/main_window.py). The first screens are installed before the first paint; the
later ones once the first card is on screen, one per event-loop turn, each importing its
module only then (the demo screens pull in matplotlib, which the review screen never needs).
A renamed or missing module is an ImportError, never a silently missing screen.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.ui.main_window import MainWindow

Installer = Callable[["MainWindow"], None]


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


def _tray(window: MainWindow) -> None:
    from quizapp.ui import tray

    tray.install(window)


def _backups(window: MainWindow) -> None:
    from quizapp.ui import backups_dialog

    backups_dialog.install(window)


LATER_SCREENS: tuple[Installer, ...] = (_gallery, _demo_panel, _browser, _stats, _quiz, _mock_interview, _settings,
                                        _tray, _backups)


def install_screens(window: MainWindow, installers: tuple[Installer, ...]) -> None:
    for install in installers:
        install(window)
