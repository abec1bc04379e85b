"""File → Import from Anki… / Export for Anki…: the menu entries run on the op thread, a good
file's summary shows in the status bar, a bad one is one line in a message box."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from quizapp.store.models import CardRow
from quizapp.ui import anki_actions

from tests.ui.conftest import WAIT_MS


def _file_actions(window) -> list[str]:
    return [a.text() for a in window.menu("File").actions()]


def test_the_file_menu_exports_and_imports_anki_packages(window, sample_db, tmp_path: Path, qtbot):
    assert {"&Import from Anki…", "&Export for Anki…"} <= set(_file_actions(window))
    out = tmp_path / "cards.apkg"
    anki_actions.export_for_anki(window, str(out), with_scheduling=True)
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: "exported 14 cards" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    anki_actions.import_from_anki(window, str(out), with_scheduling=True)
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: "0 new, 0 updated, 14 unchanged" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    with sample_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(CardRow)) == 14


def test_a_bad_file_is_one_line_in_a_message_box(window, tmp_path: Path, qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    bad = tmp_path / "broken.apkg"
    bad.write_bytes(b"definitely not a zip")
    anki_actions.import_from_anki(window, str(bad), with_scheduling=False)
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert "\n" not in shown[0] and "not an Anki package (not a zip file)" in shown[0]
