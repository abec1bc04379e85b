"""One window per collection (docs/desktop-app.md § Single instance).

The first quizapp started on a collection holds a lock file and listens on a local socket, both
named after the collection's path (and the user), so two different --db collections run side by
side. A later start on the same collection finds the lock held, connects, hands over the files
it was asked to open (a JSON line) and exits: the running window comes to the front and imports
them. Nothing else ever opens a second writer on the collection.

A crash leaves the lock file and the socket behind: QLockFile sees the lock's process is gone
and takes it over, and the stale socket is removed before listening, so start-up is never blocked.
"""
from __future__ import annotations

import getpass
import hashlib
import json
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

HANDOVER_TIMEOUT_MS = 5000
CONNECT_ATTEMPTS = 20  # the running app may be between taking the lock and listening
MAX_MESSAGE_BYTES = 64 * 1024
READ_TIMEOUT_MS = 1000


def instance_key(collection: Path | None) -> str | None:
    """The socket and lock name for this user's collection; None for an in-memory database
    (nothing to share, so no single-instance rule)."""
    if collection is None:
        return None
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (a container without /etc/passwd entry)
        user = "?"
    digest = hashlib.sha256(f"{user}\0{collection.resolve()}".encode()).hexdigest()[:20]
    return f"quizapp-{digest}"


def encode_message(files: list[str]) -> bytes:
    return (json.dumps({"files": files}, ensure_ascii=True) + "\n").encode("ascii")


def decode_message(data: bytes) -> list[str] | None:
    """The files of one hand-over line; None when it is not one (a stray client)."""
    try:
        message = json.loads(data.decode("utf-8"))
        files = message["files"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


class SingleInstance(QObject):
    """The lock and the local server of the running app, or the client of a later start."""

    activated = Signal(list)  # the files (absolute paths) a later start handed over; may be empty

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._lock = QLockFile(QDir(QDir.tempPath()).filePath(f"{key}.lock"))
        self._lock.setStaleLockTime(0)  # held for the app's whole life: stale only when its process is gone
        self._server: QLocalServer | None = None

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def claim(self) -> bool:
        """True when this process now owns the collection (and listens for later starts);
        False when another live process does."""
        if not self._lock.tryLock(0):
            return False
        QLocalServer.removeServer(self.key)  # a socket left by a crash would make listen() fail
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            self._lock.unlock()
            raise OSError(f"cannot listen on the local socket {self.key}: {server.errorString()}")
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def hand_over(self, files: list[str], timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
        """From a later start: send `files` to the running app; True once it has acknowledged.
        Blocking (this process has no event loop running yet and exits right after)."""
        for _attempt in range(CONNECT_ATTEMPTS):
            socket = QLocalSocket()
            socket.connectToServer(self.key)
            if socket.waitForConnected(timeout_ms // CONNECT_ATTEMPTS):
                socket.write(QByteArray(encode_message(files)))
                socket.flush()
                acknowledged = False
                while socket.waitForReadyRead(timeout_ms):
                    if bytes(socket.readAll().data()).startswith(b"ok"):
                        acknowledged = True
                        break
                socket.disconnectFromServer()
                return acknowledged
            socket.abort()  # the running app may not listen yet: try again shortly
            time.sleep(timeout_ms / CONNECT_ATTEMPTS / 1000)
        return False

    def _accept(self) -> None:
        # A later start writes its one line right after connecting, so reading it blocking (for at
        # most READ_TIMEOUT_MS) is simpler and safer than a per-connection state machine.
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            data = bytearray()
            while b"\n" not in data and len(data) <= MAX_MESSAGE_BYTES and socket.waitForReadyRead(READ_TIMEOUT_MS):
                data.extend(bytes(socket.readAll().data()))
            files = decode_message(bytes(data.split(b"\n", 1)[0])) if b"\n" in data else None
            socket.write(QByteArray(b"ok\n" if files is not None else b"error\n"))
            socket.waitForBytesWritten(READ_TIMEOUT_MS)
            socket.disconnectFromServer()
            socket.deleteLater()
            if files is not None:
                self.activated.emit(files)
