"""Two decks side by side in the window (issue 15's done-when): the overview lists the decks as a
tree with separate and overall counts, the deck picked there is what the study screen asks (and
the browser and statistics show), and the deck actions (options, rename, delete after a backup)
work from the window."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.services.backups import list_backups
from quizapp.services.importer import import_deck
from quizapp.ui.main_window import MainWindow
from quizapp.ui.overview import OverviewScreen
from quizapp.ui.study_view import StudyScreen
from tests.support import NOW
from tests.ui.conftest import WAIT_MS
from tests.ui.test_study_view import grade_with_key

CH02 = Path(__file__).parents[1] / "fixtures" / "decks" / "ch02.toml"


@pytest.fixture
def overview(qtbot, window: MainWindow, sample_db) -> OverviewScreen:
    import_deck(sample_db, [CH02], now=NOW)
    screen = window.screen_widget("overview")
    assert isinstance(screen, OverviewScreen)
    window.show_screen("overview")
    qtbot.waitUntil(lambda: not window.ctx.ops.busy, timeout=WAIT_MS)
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS):
        screen.refresh()
    return screen


def _row(screen: OverviewScreen, name: str | None) -> list[str]:
    item = screen.deck_item(name)
    assert item is not None, name
    return [item.text(c) for c in range(5)]


def _refresh(qtbot, screen: OverviewScreen) -> None:
    qtbot.waitUntil(lambda: not screen.ctx.ops.busy, timeout=WAIT_MS)
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS):
        screen.refresh()
    qtbot.waitUntil(lambda: not screen.ctx.ops.busy, timeout=WAIT_MS)


def _study(qtbot, window: MainWindow) -> StudyScreen:
    screen = window.screen_widget("study")
    assert isinstance(screen, StudyScreen)
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        window.show_screen("study")
    return screen


def test_two_decks_are_studied_side_by_side_with_separate_and_overall_counts(qtbot, window, overview) -> None:
    assert _row(overview, None) == ["All decks", "19", "0", "0", "19"]
    assert _row(overview, "Notes") == ["Notes", "5", "0", "0", "5"]
    assert _row(overview, "Notes::ch02") == ["ch02", "5", "0", "0", "5"]
    assert _row(overview, "sample") == ["sample", "14", "0", "0", "14"]
    assert overview.deck_item("Notes::ch02").parent() is overview.deck_item("Notes")

    overview.pick_deck("Notes::ch02")
    _settled(qtbot, window)
    assert overview.deck_label.text() == "Studying: Notes::ch02"
    assert [overview.table.item(r, 0).text() for r in range(overview.table.rowCount())] == ["2", "3", "All"]
    study = _study(qtbot, window)
    assert study.deck_label.text() == "Notes::ch02"
    assert study.step.card.id.startswith("notes-ch02-") and study.step.counts["new"] == 5
    following = grade_with_key(qtbot, study, Qt.Key.Key_3)  # Good
    assert following is not None and following.startswith("notes-ch02-") and study.step.counts["new"] == 4

    window.show_screen("overview")
    _refresh(qtbot, overview)
    assert _row(overview, "Notes::ch02")[1] == "4" and _row(overview, "sample")[1] == "14"
    assert _row(overview, None)[1] == "18"  # overall: 20 new a day, 1 done, 18 left of 4 + 14
    overview.pick_deck("sample")
    _settled(qtbot, window)
    study = _study(qtbot, window)
    assert study.deck_label.text() == "sample"
    assert study.step.card.id.startswith("sample-") and study.step.counts["new"] == 14
    grade_with_key(qtbot, study, Qt.Key.Key_3)
    window.show_screen("overview")
    _refresh(qtbot, overview)
    assert [_row(overview, n)[1] for n in (None, "Notes::ch02", "sample")] == ["17", "4", "13"]


def test_browser_and_statistics_follow_the_picked_deck(qtbot, window, overview) -> None:
    overview.pick_deck("Notes")
    _settled(qtbot, window)
    browser = window.screen_widget("browser")
    window.show_screen("browser")
    qtbot.waitUntil(lambda: browser.deck_box.currentData() == "Notes", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: browser.model.cursor is not None and browser.model.cursor.total == 5, timeout=WAIT_MS)
    # the section box offers the picked deck's own sections, and filters by them
    def section_ids() -> list[str]:
        return [browser.section_box.itemData(i) for i in range(1, browser.section_box.count())]
    qtbot.waitUntil(lambda: section_ids() == ["2", "3"], timeout=WAIT_MS)
    browser.section_box.setCurrentIndex(browser.section_box.findData("3"))
    qtbot.waitUntil(lambda: browser.model.cursor is not None and browser.model.cursor.total == 2, timeout=WAIT_MS)
    browser.deck_box.setCurrentIndex(0)  # every deck: every deck's sections, the bundled ones too
    qtbot.waitUntil(lambda: "7.1" in section_ids() and "2" in section_ids(), timeout=WAIT_MS)
    browser.section_box.setCurrentIndex(0)
    stats = window.screen_widget("stats")
    with qtbot.waitSignal(stats.loaded, timeout=WAIT_MS) as blocker:
        window.show_screen("stats")
    assert blocker.args[0].cards["total"] == 5 and stats.deck_label.text() == "Deck: Notes"


def _settled(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ctx.ops.busy, timeout=WAIT_MS)


def test_deck_options_rename_and_delete_from_the_window(qtbot, window, overview, sample_db) -> None:
    overview.pick_deck("Notes::ch02")
    _settled(qtbot, window)
    dialog = overview.deck_actions.options(overview._picked_counts())
    own, spin = dialog.limits["new_per_day"]
    own.setChecked(True)
    spin.setValue(2)
    dialog.scheduler.setCurrentIndex(dialog.scheduler.findData("fsrs"))
    dialog.own_retention.setChecked(True)
    dialog.retention.setValue(0.85)
    dialog.accept()  # saved by an op; the change refreshes the overview
    qtbot.waitUntil(lambda: _row(overview, "Notes::ch02")[1] == "2", timeout=WAIT_MS)
    _settled(qtbot, window)
    assert _row(overview, None)[1] == "16"
    options = window.ctx.services.decks.get("Notes::ch02").options
    assert (options["scheduler"], options["desired_retention"], options["new_per_day"]) == ("fsrs", 0.85, 2)
    reopened = overview.deck_actions.options(overview._picked_counts())  # shows what was saved
    assert reopened.scheduler.currentData() == "fsrs" and reopened.retention.value() == 0.85
    reopened.reject()

    rename = overview.deck_actions.rename("Notes::ch02")
    rename.setTextValue("Books::ch02")
    rename.accept()
    qtbot.waitUntil(lambda: overview.deck_item("Books::ch02") is not None, timeout=WAIT_MS)
    _settled(qtbot, window)
    assert overview.selection.name == "Books::ch02" and _row(overview, "Books::ch02")[1] == "2"
    assert overview.deck_item("Notes::ch02") is None

    box = overview.deck_actions.delete(overview._picked_counts())
    assert "5 cards" in box.text() and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: overview.deck_item("Books::ch02") is None, timeout=WAIT_MS)
    _settled(qtbot, window)
    assert overview.selection.name is None
    assert [b.label for b in list_backups(sample_db)] == ["pre-delete"]
    assert _row(overview, None) == ["All decks", "14", "0", "0", "14"]
