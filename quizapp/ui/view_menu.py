"""View and Study menu choices bound to the stored settings: theme, card language, grading."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup

from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges
from quizapp.ui.translation import QT_TRANSLATE_NOOP

_C = "ViewMenu"  # the words below are marked for lupdate and translated when the menu is built
CHOICES: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {  # setting -> (menu, submenu, options)
    "theme": ("View", QT_TRANSLATE_NOOP("ViewMenu", "&Theme"),
              (("system", QT_TRANSLATE_NOOP("ViewMenu", "Follow the system")),
                                                       ("light", QT_TRANSLATE_NOOP("ViewMenu", "Light")),
                                                       ("dark", QT_TRANSLATE_NOOP("ViewMenu", "Dark")))),
    "language": ("View", QT_TRANSLATE_NOOP("ViewMenu", "Card &language"),
                 (("both", "中文 + English"), ("zh", "中文"), ("en", "English"))),
    "grading": ("Study", QT_TRANSLATE_NOOP("ViewMenu", "&Grading"),
                (("four", QT_TRANSLATE_NOOP("ViewMenu", "Four buttons: Again / Hard / Good / Easy")),
                 ("six", QT_TRANSLATE_NOOP("ViewMenu", "Six grades: 0–5 (SuperMemo)")))),
}


def install(window: MainWindow) -> None:
    ctx = window.ctx
    actions: dict[tuple[str, str], QAction] = {}
    for setting, (menu_name, title, options) in CHOICES.items():
        submenu = window.menu(menu_name).addMenu(QCoreApplication.translate(_C, title))
        group = QActionGroup(window)
        group.setExclusive(True)
        for value, label in options:
            action = QAction(QCoreApplication.translate(_C, label), window, checkable=True)
            action.setChecked(getattr(ctx.settings, setting) == value)
            action.triggered.connect(lambda _checked=False, s=setting, v=value: choose(window, s, v))
            group.addAction(action)
            submenu.addAction(action)
            actions[(setting, value)] = action

    def sync(changes: OpChanges) -> None:
        if changes.touches("settings"):
            for (setting, value), action in actions.items():
                action.setChecked(getattr(ctx.settings, setting) == value)
            if ctx.theme is not None and ctx.theme.mode != ctx.settings.theme:
                ctx.theme.set_mode(ctx.settings.theme)

    ctx.ops.changed.connect(sync)


def choose(window: MainWindow, setting: str, value: str) -> None:
    """Store the choice; the theme switches at once, before the database write returns."""
    if setting == "theme" and window.ctx.theme is not None:
        window.ctx.theme.set_mode(value)
    window.ctx.update_settings({setting: value})
