"""The screens the app installs at start-up, in menu order.

Each entry is "module:function"; the function takes the MainWindow and adds its screen(s)
with `window.add_screen(...)` (see quizapp/ui/main_window.py). To add a screen, write its
module with an `install(window)` function and append it here. A module that is listed but
not written yet is skipped, so teammates can land their entries in any order.
"""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SCREEN_INSTALLERS: tuple[str, ...] = (
    "quizapp.ui.overview:install",
    "quizapp.ui.study_view:install",
    "quizapp.ui.gallery:install",
    "quizapp.ui.demo_panel:install",
    "quizapp.ui.view_menu:install",
    "quizapp.ui.browser:install",
    "quizapp.ui.stats_view:install",
    "quizapp.ui.quiz_view:install",
    "quizapp.ui.mock_interview_view:install",
    "quizapp.ui.settings_dialog:install",
    "quizapp.ui.tray:install",
    "quizapp.ui.backups_dialog:install",
)


def install_screens(window: "MainWindow", installers: tuple[str, ...] = SCREEN_INSTALLERS) -> list[str]:
    """Run every installer whose module exists; return the ones that ran."""
    ran = []
    for entry in installers:
        module_name, _, func_name = entry.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # not written yet
                continue
            raise
        getattr(module, func_name)(window)
        ran.append(entry)
    return ran
