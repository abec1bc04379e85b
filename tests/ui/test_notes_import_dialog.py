"""File → Import notes…: the preview lists every card (picture-only answers flagged), a card
can be unticked and its text edited, a reworded question is confirmed with a checkbox, and the
import runs on the op thread; a bad file is one line in a message box."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from quizapp.store.models import CardRow, CardStateRow
from quizapp.ui import notes_import_dialog
from quizapp.ui.notes_import_dialog import FLAG_COLOR, NotesImportDialog

from tests.ui.conftest import WAIT_MS

CHAPTER_7 = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "nndl-ch07-notes.txt"


def _open(window, qtbot, paths: list[str], deck: str) -> NotesImportDialog:
    before = set(window.findChildren(NotesImportDialog))
    notes_import_dialog.import_notes(window, paths, deck=deck)
    qtbot.waitUntil(lambda: bool(set(window.findChildren(NotesImportDialog)) - before), timeout=WAIT_MS)
    (dialog,) = set(window.findChildren(NotesImportDialog)) - before
    return dialog


def _rows(dialog: NotesImportDialog) -> list:
    return [dialog.cards_view.topLevelItem(i) for i in range(dialog.cards_view.topLevelItemCount())]


def _count(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(CardRow))


def test_untick_a_card_edit_another_and_import(window, sample_db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("quizapp.services.notes_import.default_deck_path", lambda name: tmp_path / "deck.toml")
    assert "Import &notes…" in [a.text() for a in window.menu("File").actions()]
    before = _count(sample_db)
    dialog = _open(window, qtbot, [str(CHAPTER_7)], "NNDL::ch07-notes")
    rows = _rows(dialog)
    assert len(rows) == 28 and all(r.checkState(0) == Qt.CheckState.Checked for r in rows)
    flagged = [r.text(0) for r in rows if r.background(0).color() == FLAG_COLOR]
    assert flagged == ["学习率的衰减有哪些方法?预热有哪些方法?", "EMA的公式是什么?为什么相当于最近1/(1-beta)的平均值?"]
    assert rows[0].text(1) == "7.1 网络优化" and rows[0].text(2) == "new"
    assert dialog.question_edit.toPlainText() == rows[0].text(0)  # the first card is shown for editing

    rows[0].setCheckState(0, Qt.CheckState.Unchecked)
    ema = rows[8]
    dialog.cards_view.setCurrentItem(ema)
    assert dialog.answer_edit.toPlainText() == ""
    dialog.answer_edit.setPlainText("$v_t = \\beta v_{t-1} + (1-\\beta)\\theta_t$")
    assert ema.text(3) == ""  # no longer only a picture
    dialog.cards_view.setCurrentItem(rows[1])
    dialog.question_edit.setPlainText("鞍点是什么？如何逃离？")
    assert rows[1].text(0) == "鞍点是什么？如何逃离？"

    dialog.import_button.click()
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: "Imported deck NNDL::ch07-notes: 27 new" in window.statusBar().currentMessage(),
                    timeout=WAIT_MS)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _count(sample_db) == before + 27
    with sample_db.read_session() as s:
        assert s.get(CardRow, rows[0].data(0, Qt.ItemDataRole.UserRole)) is None
        assert s.get(CardRow, ema.data(0, Qt.ItemDataRole.UserRole)).back_zh.startswith("$v_t = \\beta")
        assert s.get(CardRow, rows[1].data(0, Qt.ItemDataRole.UserRole)).front_zh == "鞍点是什么？如何逃离？"
    assert (tmp_path / "deck.toml").is_file()


def test_a_reworded_question_keeps_its_card_when_ticked(window, sample_db, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("quizapp.services.notes_import.default_deck_path", lambda name: tmp_path / "deck.toml")
    notes = tmp_path / "notes.txt"
    shutil.copy(CHAPTER_7, notes)
    window.ctx.services.notes.import_notes(window.ctx.services.notes.preview([notes], "Mine"))
    notes.write_text(notes.read_text(encoding="utf-8").replace("什么是He初始化?", "什么是 He 初始化方法?"),
                     encoding="utf-8")
    dialog = _open(window, qtbot, [str(notes)], "Mine")
    assert dialog.renames_view.count() == 1
    rename = dialog.renames_view.item(0)
    assert rename.checkState() == Qt.CheckState.Unchecked and "什么是He初始化?" in rename.text()
    rename.setCheckState(Qt.CheckState.Checked)
    old_id = dialog.preview.renames[0].old_id
    before = _count(sample_db)
    dialog.import_button.click()
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert _count(sample_db) == before
    with sample_db.read_session() as s:
        assert s.get(CardRow, old_id).front_zh == "什么是 He 初始化方法?"
        assert s.get(CardStateRow, old_id) is not None


def test_a_bad_notes_file_is_one_line_in_a_message_box(window, qtbot, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    notes_import_dialog.import_notes(window, [str(empty)], deck="Mine")
    window.ctx.ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown == [f"{empty}: the file is empty"]
    assert not window.findChildren(NotesImportDialog)
