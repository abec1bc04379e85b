"""Running work off the GUI thread: database ops and generator workers.

Two patterns (docs/architecture.md § Threads):

* **Ops** (Anki's `aqt.operations`): every database read or write the UI needs is a small
  function run by `OpRunner` on ONE worker thread, so they are serialized and the GUI never
  touches SQLite. The result comes back to the GUI thread through `on_done`. A service's
  write method returns a value carrying `changes` (quizapp/services/changes.py: Changes);
  once such an op succeeded, the runner reads it and emits `changed(OpChanges)` so every
  screen refreshes only what concerns it::

      ctx.ops.run(lambda: ctx.services.study.answer(card_id, 4, ctx.now()),
                  on_done=self._show_next, origin=self)   # AnswerOutcome.changes: review

      ctx.ops.changed.connect(self._on_changes)   # in another screen
      def _on_changes(self, ch: OpChanges) -> None:
          if ch.origin is not self and ch.touches("review", "content"):
              self.refresh()

  The kinds of change are the fields of Changes: review (answers, undo), content (cards
  added/edited/imported/suspended), schedule (anything else that moves due days), settings,
  quiz. The screen never declares them: the service that did the write says what it did.

* **Generator workers** (superqt's `GeneratorWorker`): `GeneratorWorker(make_gen)` runs a
  generator on the global QThreadPool, emits every yielded value as `yielded`, the
  generator's return value (StopIteration.value) as `returned`, an exception as `errored`,
  and always `finished` last. `abort()` is honoured between two items (and passed to the
  generator factory as an `is_aborted` callable so long steps can check it themselves).
  The demo panel runs `engine.runner.stream_demo` this way.
"""
from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from quizapp.services.changes import Changes

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpChanges:
    """What an op changed (read from its result); `origin` is the object that started it (so
    it can skip its own refresh)."""

    changes: Changes = field(default_factory=Changes)
    origin: object | None = None
    result: Any = None

    def touches(self, *names: str) -> bool:
        return self.changes.touches(*names)


class _Task(QRunnable):
    def __init__(self, runner: "OpRunner", task_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner, self._id, self._fn = runner, task_id, fn

    def run(self) -> None:  # worker thread
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI, never swallowed
            log.debug("op %d failed", self._id, exc_info=True)
            self._emit(False, exc)
        else:
            self._emit(True, result)

    def _emit(self, ok: bool, payload: object) -> None:
        try:
            self._runner._finished.emit(self._id, ok, payload)
        except RuntimeError:  # the runner was deleted meanwhile (its window closed): no one to tell
            pass


@dataclass
class _Pending:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    origin: object | None


class OpRunner(QObject):
    """Runs ops one at a time on a private single-thread pool; callbacks run on the GUI thread."""

    changed = Signal(object)  # OpChanges, after an op whose result carried changes succeeded
    failed = Signal(str)  # a one-line message for ops that had no on_error
    busy_changed = Signal(bool)  # True while ops are queued or running
    _finished = Signal(int, bool, object)  # internal: (task id, ok, result or exception)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # serialized: SQLite writes never race each other
        self._pool.setExpiryTimeout(-1)  # keep the one thread alive: no start-up cost per op
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._finished.connect(self._deliver)  # queued: the runner lives on the GUI thread

    def run(self, fn: Callable[[], T], *, on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            origin: object | None = None) -> int:
        """Queue `fn` on the op thread; return its id. `fn` must not touch widgets. When its
        result carries `changes` (a Changes), `changed` tells every screen afterwards."""
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(on_done, on_error, origin)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Task(self, task_id, fn))
        return task_id

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Block until queued ops ran (for shutdown, scripts and tests; never in a slot)."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, payload: object) -> None:
        pending = self._pending.pop(task_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if pending is None:
            return
        if not ok:
            assert isinstance(payload, BaseException)
            if pending.on_error is not None:
                pending.on_error(payload)
            else:
                self.failed.emit(describe_error(payload))
            return
        if pending.on_done is not None:
            pending.on_done(payload)
        changes = changes_of(payload)
        if changes:
            self.changed.emit(OpChanges(changes, pending.origin, payload))


def changes_of(result: object) -> Changes:
    """What an op's result says it changed (nothing, for a result without `changes`)."""
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else Changes()


def describe_error(exc: BaseException) -> str:
    """One line for the user: the message of our own errors, the type for unexpected ones."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text or type(exc).__name__


class _WorkerSignals(QObject):
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)  # the exception
    finished = Signal()


class GeneratorWorker(QRunnable):
    """Run `factory(is_aborted)` — a generator — on a QThreadPool, one signal per item.

    Connect to `worker.yielded`, `worker.returned`, `worker.errored` and `worker.finished`
    (they are forwarded from a QObject created on the calling thread, so slots of GUI objects
    run on the GUI thread), then call `start()`.
    """

    def __init__(self, factory: Callable[[Callable[[], bool]], Generator[Any, Any, Any] | Iterable[Any]],
                 pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner may still call abort() after the run ended
        self._factory = factory
        self._pool = pool or QThreadPool.globalInstance()
        self._abort = threading.Event()
        self._done = threading.Event()
        self.signals = _WorkerSignals()
        self.yielded = self.signals.yielded
        self.returned = self.signals.returned
        self.errored = self.signals.errored
        self.finished = self.signals.finished

    def abort(self) -> None:
        """Ask the worker to stop before its next item; it then emits only `finished`."""
        self._abort.set()

    @property
    def aborted(self) -> bool:
        return self._abort.is_set()

    @property
    def is_running(self) -> bool:
        return not self._done.is_set()

    def start(self) -> None:
        self._pool.start(self)

    def wait(self, timeout_s: float | None = None) -> bool:
        return self._done.wait(timeout_s)

    def run(self) -> None:  # worker thread
        try:
            gen = self._factory(self._abort.is_set)
            iterator = iter(gen)
            while not self._abort.is_set():
                try:
                    item = next(iterator)
                except StopIteration as stop:
                    if not self._abort.is_set():
                        self.signals.returned.emit(stop.value)
                    break
                if self._abort.is_set():
                    break
                self.signals.yielded.emit(item)
            close = getattr(iterator, "close", None)
            if close is not None:
                close()  # run the generator's finally blocks now, on this thread
        except BaseException as exc:  # noqa: BLE001 - shown in the UI
            log.debug("generator worker failed", exc_info=True)
            if not self._abort.is_set():
                self.signals.errored.emit(exc)
        finally:
            self._done.set()
            self.signals.finished.emit()
