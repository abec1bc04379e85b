"""Other clients' changes reach the window, and a server that went away is said in one line
(a collection shared on PostgreSQL, issue 18; docs/architecture.md § PostgreSQL).

A `ChangeListener` waits on its own thread for the notices of other clients' commits
(services/database.py: OtherClients over store/change_feed.py's LISTEN), so the GUI thread never
waits on the network. A notice is handed to the GUI thread as a signal and goes out as
`ops.changed` with the kinds of change another client can make (answers, cards, the schedule):
the very path a local change takes, so each screen refreshes as it does for its own writes (the
overview now, a hidden browser or statistics when next shown, the study screen only between
cards: `from_other_clients`). Several notices in a burst are one refresh.

When the server cannot be reached the listener's connection fails first (or within one wait): a
line in the status bar says so until the listener connects again, then the screens read again
(notices sent meanwhile were not heard). An answer that fails meanwhile is handed back to the
user by the study screen, card on screen (ui/study_view.py: _answer_failed).

SQLite has no other clients (one writer at a time): there no listener is installed.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel

from quizapp.services.changes import Changes
from quizapp.services.database import DatabaseUnavailable, OtherClients
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import OpChanges

# what another client's commit may have changed: its answers, cards, schedule (its settings and
# quiz sessions are its own: the window keeps the settings it started with)
FROM_OTHER_CLIENTS = Changes(review=True, content=True, schedule=True)
WAIT_S = 0.5  # one wait for notices; also how long closing the window may wait for the thread
RETRY_S = 2.0  # between two tries to reach a server that went away


def from_other_clients(changes: OpChanges) -> bool:
    """Whether an `ops.changed` came from another client (not from an op of this window)."""
    return isinstance(changes.origin, ChangeListener)


class ChangeListener(QObject):
    heard = Signal()  # another client committed (emitted on the listener's thread, delivered queued)
    lost = Signal(str)  # the server cannot be reached: one line saying why
    back = Signal()  # reached again after `lost`

    def __init__(self, window: MainWindow, clients: OtherClients) -> None:
        super().__init__(window)
        self.window_ = window
        self._clients = clients
        self._stop = threading.Event()
        self.banner = QLabel("")
        self.banner.setObjectName("server-banner")
        self.banner.setVisible(False)
        window.statusBar().addWidget(self.banner, 1)
        self.heard.connect(self._tell_screens)
        self.lost.connect(self._show_lost)
        self.back.connect(self._show_back)
        window.closing.connect(self.stop)
        self._thread = threading.Thread(target=self._listen, name="quizapp-change-listener", daemon=True)
        self._thread.start()

    @property
    def unreachable(self) -> bool:
        return self.banner.isVisible()

    def _listen(self) -> None:  # the listener's thread: never touches a widget
        down = False
        try:
            while not self._stop.is_set():
                try:
                    changed = self._clients.changed(WAIT_S)
                except DatabaseUnavailable as exc:
                    if not down:
                        down = True
                        self._emit(self.lost, str(exc))
                    self._stop.wait(RETRY_S)
                    continue
                if down:
                    down = False
                    self._emit(self.back)
                if changed:
                    self._emit(self.heard)
        finally:
            self._clients.close()

    def _emit(self, signal: object, *args: object) -> None:
        if self._stop.is_set():
            return
        try:
            signal.emit(*args)  # type: ignore[attr-defined]
        except RuntimeError:  # the window was deleted meanwhile: nobody left to tell
            self._stop.set()

    @Slot()
    def _tell_screens(self) -> None:
        self.window_.ctx.ops.changed.emit(OpChanges(FROM_OTHER_CLIENTS, origin=self))

    @Slot(str)
    def _show_lost(self, message: str) -> None:
        self.banner.setText(self.tr("Offline: {error}. Answers not saved stay on screen; quizapp reconnects by "
                                    "itself.").format(error=message))
        self.banner.setVisible(True)

    @Slot()
    def _show_back(self) -> None:
        self.banner.setVisible(False)
        self.window_.status(self.tr("The collection's server is reachable again"), 6000)
        self._tell_screens()  # notices sent while it was away were not heard: read again

    @Slot()
    def stop(self) -> None:
        """Stop listening (the window is closing); waits at most one wait for the thread."""
        self._stop.set()
        self._thread.join(WAIT_S + RETRY_S)


def install(window: MainWindow) -> ChangeListener | None:
    """A listener for the window's collection, where it is shared on PostgreSQL; None on SQLite."""
    clients = OtherClients.open(window.ctx.services.study.db)
    return ChangeListener(window, clients) if clients is not None else None
