"""A guard against reference-counting bugs in PySide6 6.12.0 (found while building quizapp).

On that release, with Python 3.11:
* every call of a wrapped C++ function that returns `void` hands back `None` without taking a
  reference to it (`label.setText("x")` leaves None with one reference fewer), and
* every Python-side `SignalInstance.emit(...)` does the same with `True`.
Python 3.11's singletons are not immortal yet, so after a few thousand such calls — seconds of
normal use — the interpreter aborts with "none_dealloc: deallocating None" (or bool_dealloc).

`apply()` detects the bugs with a few calls and, only if they are there, gives None, True and
False a reference count so large that no session can exhaust it: what Python 3.12 does for all
singletons ("immortal objects", PEP 683). It is a no-op on fixed PySide6 releases and on Python
>= 3.12. quizapp/ui/__init__.py calls it, so every UI module is covered.
"""
from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40
_PROBES = 8
_applied = False


def stolen_references() -> dict[str, int]:
    """References lost by `_PROBES` void calls (None) and `_PROBES` emits (True)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    none_lost = none_before - sys.getrefcount(None)
    true_before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    return {"None": max(0, none_lost), "True": max(0, true_before - sys.getrefcount(True))}


def apply() -> bool:
    """Protect None/True/False if needed; return whether the protection is in place."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal singletons: the stolen references do no harm
    if not any(stolen_references().values()):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _applied = True
    return True
