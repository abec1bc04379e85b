"""The main window: a stack of screens, the menus, the status bar.

Adding a screen (for teammates: browser, statistics, quiz, mock interview, ...)::

    from quizapp.ui.main_window import MainWindow

    def install(window: MainWindow) -> None:
        view = StatsView(window.ctx)
        window.add_screen("stats", view, "Statistics", menu="View", shortcut="Ctrl+5")
        window.register_shortcuts("Statistics", [("R", "Refresh")])

and list `install` in quizapp/ui/application.py (first_screens or LATER_SCREENS) so the app calls it at
start-up. A screen is any QWidget; it may define these optional hooks:

    screen_shown(self) -> None    called each time it becomes the current screen
    screen_hidden(self) -> None   called when another screen replaces it
    screen_closing(self) -> None  called when the window closes (stop workers here)

A hidden screen should not reload on every `ops.changed`: all ops share one thread, so mark
yourself stale and reload in `screen_shown` instead.

`show_screen(key)` switches screens (the previous one is remembered for `go_back()`),
`screen_as(key, StudyScreen)` returns an installed screen as its own class (a TypeError if it is
another; `screen_widget(key)` when any QWidget will do),
`menu(name)` returns a top-level menu ("File", "View", "Study", "Tools", "Help"), creating it
in that order, and `status(text)` shows a transient message. Database work goes through
`window.ctx.ops` (quizapp/ui/ops.py). Geometry and the last screen are stored in QSettings.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QStackedWidget, QWidget

from quizapp.ui.context import AppContext
from quizapp.ui.translation import QT_TRANSLATE_NOOP

MENU_ORDER = ("File", "View", "Study", "Tools", "Help")
# the menus' titles on screen (their names above are keys; lupdate reads the marked words)
MENU_TITLES = {"File": QT_TRANSLATE_NOOP("MainWindow", "&File"), "View": QT_TRANSLATE_NOOP("MainWindow", "&View"),
               "Study": QT_TRANSLATE_NOOP("MainWindow", "&Study"), "Tools": QT_TRANSLATE_NOOP("MainWindow", "&Tools"),
               "Help": QT_TRANSLATE_NOOP("MainWindow", "&Help"), "Quiz": QT_TRANSLATE_NOOP("MainWindow", "&Quiz")}
_GEOMETRY_KEY = "main/geometry"
_SCREEN_KEY = "main/screen"
DEFAULT_SIZE = (1180, 780)

ScreenT = TypeVar("ScreenT", bound=QWidget)


def available_demos() -> frozenset[str]:
    """Demo ids registered in this build, for the screens that offer a card's demo. Imported
    when first asked (services.demos keeps the set), so building the window loads no demo specs."""
    from quizapp.services.demos import demo_ids

    return demo_ids()


@dataclass(frozen=True)
class Screen:
    key: str
    widget: QWidget
    title: str
    action: QAction | None
    remember: bool  # restore it as the last screen at the next start


@runtime_checkable
class DemoScreen(Protocol):
    """What the "demo" screen offers the rest of the window (quizapp/ui/demo_panel.py)."""

    def open_demo(self, demo_id: str, preset: dict[str, Any] | None = None, source: str | None = None) -> bool: ...


class MainWindow(QMainWindow):
    screen_changed = Signal(str)  # the key of the screen now shown
    closing = Signal()  # the window is closing: helpers that are not screens stop here (ui/change_listener.py)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("quizapp — deep-learning interview prep"))
        self.resize(*DEFAULT_SIZE)
        self._stack = QStackedWidget(self)
        self.setCentralWidget(self._stack)
        self._screens: dict[str, Screen] = {}
        self._menus: dict[str, QMenu] = {}
        self._screen_group = QActionGroup(self)
        self._screen_group.setExclusive(True)
        self._current: str | None = None
        self._previous: str | None = None
        self._shortcut_help: dict[str, list[tuple[str, str]]] = {}
        self._menu_markers: dict[QMenu, QAction] = {}  # separator below each menu's screen actions
        for name in MENU_ORDER:
            self.menu(name)
        self._busy_label = QLabel("")
        self.statusBar().addPermanentWidget(self._busy_label)
        ctx.ops.failed.connect(lambda message: self.status(message, 8000))
        ctx.ops.busy_changed.connect(lambda busy: self._busy_label.setText("…" if busy else ""))
        self._build_common_actions()

    # ----- screens ---------------------------------------------------------------------------
    def add_screen(self, key: str, widget: QWidget, title: str, *, menu: str | None = "View",
                   shortcut: str | None = None, remember: bool = True) -> QAction | None:
        """Add a screen to the stack and (unless menu=None) a checkable action that shows it."""
        if key in self._screens:
            raise ValueError(f"screen '{key}' already added")
        self._stack.addWidget(widget)
        action = None
        if menu is not None:
            action = QAction(title, self, checkable=True)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                self.register_shortcuts("Screens", [(shortcut, title)])
            action.triggered.connect(lambda _checked=False, k=key: self.show_screen(k))
            self._screen_group.addAction(action)
            self._insert_screen_action(self.menu(menu), action)
        self._screens[key] = Screen(key, widget, title, action, remember)
        return action

    def _insert_screen_action(self, menu: QMenu, action: QAction) -> None:
        # Screen actions come first in their menu, above the menu's own commands.
        if menu not in self._menu_markers:
            first = menu.actions()[0] if menu.actions() else None
            self._menu_markers[menu] = menu.insertSeparator(first) if first else menu.addSeparator()
        menu.insertAction(self._menu_markers[menu], action)

    # Not `screen(key)`: that would override QWidget.screen() (the monitor the window is on).
    def screen_widget(self, key: str) -> QWidget:
        return self._screens[key].widget

    def screen_as(self, key: str, kind: type[ScreenT]) -> ScreenT:
        """The screen under `key` as the class its caller works with (its own methods and
        attributes); a TypeError names the mismatch."""
        widget = self.screen_widget(key)
        if not isinstance(widget, kind):
            raise TypeError(f"the {key!r} screen is a {type(widget).__name__}, not a {kind.__name__}")
        return widget

    def has_screen(self, key: str) -> bool:
        return key in self._screens

    @property
    def current_key(self) -> str | None:
        return self._current

    def show_screen(self, key: str) -> QWidget:
        screen = self._screens[key]
        if self._current == key:
            return screen.widget
        old = self._screens.get(self._current) if self._current else None
        if old is not None:
            hook = getattr(old.widget, "screen_hidden", None)
            if callable(hook):
                hook()
        self._previous, self._current = self._current, key
        self._stack.setCurrentWidget(screen.widget)
        if screen.action is not None:
            screen.action.setChecked(True)
        self.setWindowTitle(f"{screen.title} — quizapp")
        shown = getattr(screen.widget, "screen_shown", None)
        if callable(shown):
            shown()
        if screen.remember:
            self.ctx.qsettings.setValue(_SCREEN_KEY, key)
        self.screen_changed.emit(key)
        return screen.widget

    def open_demo(self, demo_id: str, preset: Mapping[str, Any] | None = None, source: str | None = None) -> bool:
        """Show the demo screen with `demo_id` at `preset` (a card's parameters; None: the demo's
        defaults); `source` is the card that asked. The one way screens open a demo. False when
        the demo screen is not installed yet (it comes just after the first card) or the panel
        refused the demo (it then shows why)."""
        if not self.has_screen("demo"):
            self.status(self.tr("The demo panel is still loading (demo '{demo}'); try again in a moment").format(
                demo=demo_id), 6000)
            return False
        panel = self.screen_widget("demo")
        if not isinstance(panel, DemoScreen):
            raise TypeError(f"the 'demo' screen is a {type(panel).__name__}, which cannot open demos")
        opened = panel.open_demo(demo_id, None if preset is None else dict(preset), source=source)
        self.show_screen("demo")
        return opened

    def go_back(self, default: str = "overview") -> None:
        target = self._previous if self._previous in self._screens else default
        if target in self._screens:
            self.show_screen(target)

    # ----- menus, status, shortcuts ----------------------------------------------------------
    def menu(self, name: str) -> QMenu:
        """The top-level menu `name` (menus of MENU_ORDER keep that order; others go before Help)."""
        if name not in self._menus:
            bar = self.menuBar()
            before = None
            if name not in MENU_ORDER and "Help" in self._menus:
                before = self._menus["Help"].menuAction()
            menu = QMenu(self.tr(MENU_TITLES[name]) if name in MENU_TITLES else f"&{name}", self)
            if before is not None:
                bar.insertMenu(before, menu)
            else:
                bar.addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def add_action(self, menu: str, text: str, slot: Callable[[], object], *, shortcut: str | None = None,
                   group: str | None = None) -> QAction:
        """A menu command; with a shortcut it is listed in Help → Keyboard shortcuts under `group`."""
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            # "&Quit" -> "Quit"; a translation's "退出(&Q)" -> "退出"
            plain = re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("….")
            self.register_shortcuts(group or menu, [(shortcut, plain)])
        action.triggered.connect(lambda _checked=False: slot())
        self.menu(menu).addAction(action)
        return action

    def register_shortcuts(self, group: str, entries: Sequence[tuple[str, str]]) -> None:
        """List keys in Help → Keyboard shortcuts: entries are (key sequence, what it does)."""
        listed = self._shortcut_help.setdefault(group, [])
        for entry in entries:
            if entry not in listed:
                listed.append(entry)

    def shortcut_help(self) -> dict[str, list[tuple[str, str]]]:
        return {group: list(entries) for group, entries in self._shortcut_help.items()}

    def status(self, text: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _build_common_actions(self) -> None:
        from quizapp.ui import anki_actions, notes_import_dialog

        anki_actions.install(self)  # File → Import from Anki…, Export for Anki…
        notes_import_dialog.install(self)  # File → Import notes…
        self.add_action("File", self.tr("&Quit"), self.close, shortcut="Ctrl+Q", group="Window")
        self.add_action("Help", self.tr("&Keyboard shortcuts…"), self.show_shortcuts, shortcut="F1", group="Window")
        self.add_action("Help", self.tr("&About quizapp…"), self.show_about)

    def show_shortcuts(self) -> None:
        from quizapp.ui.dialogs import ShortcutsDialog

        ShortcutsDialog(self.shortcut_help(), self).exec()

    def show_about(self) -> None:
        from quizapp.ui.dialogs import about_text

        QMessageBox.about(self, self.tr("About quizapp"), about_text())

    # ----- persistence -----------------------------------------------------------------------
    def restore_state(self, fallback: str = "overview") -> str:
        """Restore geometry and the last screen; return the key shown."""
        geometry = self.ctx.qsettings.value(_GEOMETRY_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        key = self.ctx.qsettings.value(_SCREEN_KEY, fallback)
        if not isinstance(key, str) or key not in self._screens or not self._screens[key].remember:
            key = fallback
        self.show_screen(key)
        return key

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.ctx.qsettings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        if self._current is not None and self._screens[self._current].remember:
            self.ctx.qsettings.setValue(_SCREEN_KEY, self._current)
        self.ctx.qsettings.sync()
        self.closing.emit()
        for screen in self._screens.values():
            hook = getattr(screen.widget, "screen_closing", None)
            if callable(hook):
                hook()
        self.ctx.ops.wait_idle(5000)  # let a last answer commit before the process ends
        super().closeEvent(event)

