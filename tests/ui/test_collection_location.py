"""The collection chosen in Settings is kept in the window's QSettings file; a PostgreSQL URL may
carry its password, so the file is left readable by its owner only (as libpq's ~/.pgpass)."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from quizapp.ui.collection_location import store_location, stored_location

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")

URL = "postgresql+psycopg://me:secret@db.example/quizapp"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_storing_a_server_leaves_the_settings_file_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    qsettings = QSettings(str(path), QSettings.Format.IniFormat)
    qsettings.setValue("window/geometry", "x")
    qsettings.sync()
    os.chmod(path, 0o644)  # as Qt writes it under the usual umask
    store_location(qsettings, URL)
    assert _mode(path) == 0o600 and stored_location(qsettings) == URL
    qsettings.setValue("window/geometry", "y")  # Qt rewrites the file (a new inode) and keeps its mode
    qsettings.sync()
    assert _mode(path) == 0o600 and "secret" in path.read_text()


def test_a_server_stored_by_an_older_quizapp_is_closed_off_when_read(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    older = QSettings(str(path), QSettings.Format.IniFormat)
    older.setValue("collection/location", URL)
    older.sync()
    os.chmod(path, 0o644)
    assert stored_location(QSettings(str(path), QSettings.Format.IniFormat)) == URL
    assert _mode(path) == 0o600


def test_no_server_stored_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "ui.ini"
    qsettings = QSettings(str(path), QSettings.Format.IniFormat)
    qsettings.setValue("window/geometry", "x")
    qsettings.sync()
    os.chmod(path, 0o644)
    assert stored_location(qsettings) is None
    store_location(qsettings, None)  # back to the file on this computer: nothing secret kept
    assert _mode(path) == 0o644 and stored_location(qsettings) is None


def test_a_file_that_cannot_be_changed_still_gives_the_stored_server(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ui.ini"
    qsettings = QSettings(str(path), QSettings.Format.IniFormat)
    qsettings.setValue("collection/location", URL)
    qsettings.sync()
    os.chmod(path, 0o644)

    def refused(*_args: object) -> None:
        raise PermissionError("not the owner")

    monkeypatch.setattr(os, "chmod", refused)
    assert stored_location(qsettings) == URL  # start-up goes on with the server chosen
