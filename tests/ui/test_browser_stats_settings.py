"""The collection screens in the Qt window (offscreen): card browser and editor, statistics,
settings, reminders (tray and banner) and backups — each screen's main path and error path."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from quizapp.services import browser as search_service
from quizapp.services.backups import AutoBackupPolicy, list_backups
from quizapp.services.cards import CardsService
from quizapp.services.importer import import_deck
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.ui.backups_dialog import AutoBackup, BackupsDialog
from quizapp.ui.browser import COLUMNS, BrowserScreen
from quizapp.ui.card_editor import CardEditor
from quizapp.ui.main_window import MainWindow
from quizapp.ui.settings_dialog import SettingsDialog
from quizapp.ui.stats_view import StatsScreen
from quizapp.ui.tray import ReminderController
from tests.support import NOW, SAMPLE_DECK
from tests.ui.conftest import WAIT_MS


def open_browser(qtbot, window: MainWindow) -> BrowserScreen:
    screen = window.screen_widget("browser")
    assert isinstance(screen, BrowserScreen)
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        window.show_screen("browser")
    return screen


def shown_ids(screen: BrowserScreen) -> list[str]:
    model = screen.model
    return [model.row(i).card_id for i in range(model.rowCount())]


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ctx.ops.busy, timeout=WAIT_MS)


def select(qtbot, screen: BrowserScreen, card_id: str) -> None:
    row = shown_ids(screen).index(card_id)
    with qtbot.waitSignal(screen.detail_shown, timeout=WAIT_MS):
        screen.table.selectRow(row)


# ----- browser ----------------------------------------------------------------------------------
def test_browser_searches_filters_sorts_and_shows_history(qtbot, window: MainWindow, sample_db) -> None:
    StudyService(sample_db).answer("sample-72-2", 4, NOW, 5000)
    screen = open_browser(qtbot, window)
    assert screen.model.rowCount() == 14 and screen.count_label.text() == "14 cards"
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS) as hit:
        screen.search_box.insert("动")  # typing is debounced: one search after the last key
        screen.search_box.insert("量")
    assert hit.args == [2] and set(shown_ids(screen)) == {"sample-72-1", "sample-72-2"}
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.state_box.setCurrentIndex(screen.state_box.findData("review"))
    assert shown_ids(screen) == ["sample-72-2"]
    select(qtbot, screen, "sample-72-2")
    assert screen.history.rowCount() == 1 and screen.history.item(0, 1).text() == "4"
    assert "What is momentum?" in screen.card_view.toPlainText()

    screen.search_box.clear()
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.state_box.setCurrentIndex(0)
    due_column = next(i for i, c in enumerate(COLUMNS) if c.sort == "due")
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.table.sortByColumn(due_column, Qt.SortOrder.DescendingOrder)
    assert shown_ids(screen)[0] == "sample-72-2"  # the only card with a due day; new cards have none


def test_answers_while_the_browser_is_open_show_at_its_next_search(qtbot, window: MainWindow, sample_db) -> None:
    """The browser filters and sorts on its own copy of the state columns (store/browse_order.py):
    cards answered after it searched are in the right filter and place at the next search."""
    screen = open_browser(qtbot, window)
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.state_box.setCurrentIndex(screen.state_box.findData("review"))
    assert shown_ids(screen) == []
    study = StudyService(sample_db)
    study.answer("sample-72-2", 4, NOW, 5000)
    study.answer("sample-71-1", 5, NOW, 5000)
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.state_box.setCurrentIndex(0)
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.state_box.setCurrentIndex(screen.state_box.findData("review"))
    assert sorted(shown_ids(screen)) == ["sample-71-1", "sample-72-2"]
    interval_column = next(i for i, c in enumerate(COLUMNS) if c.sort == "interval")
    study.answer("sample-71-1", 5, NOW + timedelta(days=6), 5000)  # a longer interval now
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.table.sortByColumn(interval_column, Qt.SortOrder.DescendingOrder)
    assert shown_ids(screen) == ["sample-71-1", "sample-72-2"]


def test_rows_are_fetched_a_page_at_a_time(qtbot, window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(search_service, "PAGE_SIZE", 5)
    screen = open_browser(qtbot, window)
    model = screen.model
    assert model.rowCount() == 14 and set(model.pages) == {0}
    screen.table.scrollToBottom()  # the view asks for the last rows
    qtbot.waitUntil(lambda: set(model.pages) == {0, 1, 2}, timeout=WAIT_MS)
    assert model.data(model.index(13, 0)).endswith("sample-77-2")


def test_a_capped_count_shows_as_more_and_grows_when_scrolled_to_its_end(qtbot, window: MainWindow,
                                                                         monkeypatch) -> None:
    from quizapp.ui import browser as browser_screen

    monkeypatch.setattr(browser_screen, "COUNT_CAP", 3)  # the search counts to 3, as it counts to 1,000
    monkeypatch.setattr(search_service, "PAGE_SIZE", 2)
    screen = open_browser(qtbot, window)
    assert screen.count_label.text() == "14 cards"  # no filter: every card, counted exactly
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.search_box.setText("sample")  # in every card's id
    model = screen.model
    assert screen.count_label.text() == "3+ cards" and model.rowCount() == 3 and model.canFetchMore()
    screen.table.scrollToBottom()  # the view asks for more: the exact count, then the new rows' pages
    qtbot.waitUntil(lambda: model.rowCount() == 14, timeout=WAIT_MS)
    assert screen.count_label.text() == "14 cards" and not model.canFetchMore()
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: 6 in model.pages, timeout=WAIT_MS)
    assert model.data(model.index(13, 0)).endswith("sample-77-2")


def test_bad_filters_and_failed_searches_show_a_message(qtbot, window: MainWindow, monkeypatch) -> None:
    screen = open_browser(qtbot, window)
    screen.due_from.setDate(screen.due_to.date().addDays(3))  # the range ends before it starts
    with qtbot.waitSignal(screen.error_shown, timeout=WAIT_MS) as shown:
        screen.due_check.setChecked(True)
    assert "due range ends before it starts" in shown.args[0] and screen.error_label.isVisible()
    assert screen.model.rowCount() == 14  # the previous results stay

    def broken(*_args, **_kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(window.ctx.services.browser, "search", broken)
    screen.due_check.setChecked(False)
    qtbot.waitUntil(lambda: "disk on fire" in screen.error_label.text(), timeout=WAIT_MS)


def test_edit_add_and_invalid_edit_in_the_editor(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_browser(qtbot, window)
    select(qtbot, screen, "sample-71-1")
    screen.edit_selected()
    qtbot.waitUntil(lambda: screen.editor is not None and screen.editor.isVisible(), timeout=WAIT_MS)
    editor = screen.editor
    editor.front_en.setPlainText("")  # refused by the deck's rules: the dialog stays, nothing saved
    editor.submit()
    qtbot.waitUntil(lambda: editor.error_label.isVisible(), timeout=WAIT_MS)
    assert "'front.en' is missing or empty" in editor.error_label.text() and editor.isVisible()
    editor.params.setPlainText("lr = = 3")  # not TOML: refused before anything runs
    editor.front_en.setPlainText("What is a saddle point, really?")
    editor.submit()
    assert "demo parameters" in editor.error_label.text()
    assert CardsService(sample_db).detail("sample-71-1").card.front.en == "What is saddle point?"
    editor.params.setPlainText("lr = 0.2")
    editor.tags.setText("sample, saddle")
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        editor.submit()
    detail = CardsService(sample_db).detail("sample-71-1")
    assert detail.card.front.en == "What is a saddle point, really?" and detail.user_edited
    assert detail.card.tags == ("sample", "saddle") and detail.card.demo.params == {"lr": 0.2}
    assert not editor.isVisible() and screen.model.data(screen.model.index(shown_ids(screen).index(
        "sample-71-1"), 0)).startswith("✎")

    screen.add_card()
    adder = screen.editor
    assert adder is not editor and adder.kind.isEnabled()
    adder.kind.setCurrentIndex(adder.kind.findData("cloze"))
    adder.text_zh.setPlainText("动量法累积{{c1::过去梯度}}。")
    adder.text_en.setPlainText("Momentum accumulates {{c1::past gradients}}.")
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        adder.submit()
    assert screen.model.rowCount() == 15
    added = next(i for i in shown_ids(screen) if i.startswith("user-"))
    assert CardsService(sample_db).detail(added).card.kind == "cloze"


def test_browser_keys_work_only_on_the_browser(qtbot, window: MainWindow) -> None:
    """Its Ctrl+F, Ctrl+J, Delete and Return are scoped to the browser (WidgetWithChildrenShortcut),
    so other screens keep those keys for themselves."""
    screen = open_browser(qtbot, window)
    contexts = {s.key().toString(): s.context() for s in screen.findChildren(QShortcut)}
    within = Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert contexts == {"Ctrl+F": within, "Ctrl+J": within, "Del": within, "Return": within}


def test_suspend_reset_and_delete_with_confirmation(qtbot, window: MainWindow, sample_db) -> None:
    StudyService(sample_db).answer("sample-73-1", 5, NOW)
    screen = open_browser(qtbot, window)
    select(qtbot, screen, "sample-73-1")
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        qtbot.keyClick(screen, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert CardsService(sample_db).detail("sample-73-1").suspended
    qtbot.waitUntil(lambda: screen.suspend_button.text() == "Unsuspend", timeout=WAIT_MS)
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.toggle_suspend()
    assert not CardsService(sample_db).detail("sample-73-1").suspended

    asked: list[str] = []
    screen.confirm = lambda _title, text: asked.append(text) or False  # the user says no
    screen.reset_selected()
    screen.delete_selected()
    settle(qtbot, window)
    assert len(asked) == 2 and "come back as new" in asked[1]
    assert CardsService(sample_db).detail("sample-73-1").state.repetitions == 1
    screen.confirm = lambda _title, _text: True
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.reset_selected()
    assert CardsService(sample_db).detail("sample-73-1").state.is_new
    screen.table.selectAll()
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        screen.delete_selected()
    assert screen.model.rowCount() == 0


def test_parked_deck_version_is_compared_and_taken(qtbot, window: MainWindow, sample_db, tmp_path: Path) -> None:
    from quizapp.services.card_editing import CardEditingService

    table = CardEditingService(sample_db).load_for_edit("sample-71-1").table
    CardEditingService(sample_db).edit_card("sample-71-1", {**table, "tags": ["mine"]}, NOW)
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "sample.toml").write_text((SAMPLE_DECK / "sample.toml").read_text(encoding="utf-8").replace(
        "What is saddle point?", "What is a saddle point?"), encoding="utf-8")
    import_deck(sample_db, [deck], now=NOW)
    screen = open_browser(qtbot, window)
    assert screen.model.data(screen.model.index(0, 0)).startswith("⟳")
    select(qtbot, screen, "sample-71-1")
    assert screen.compare_button.isVisibleTo(screen)
    screen.compare_selected()
    qtbot.waitUntil(lambda: screen.compare_dialog is not None and screen.compare_dialog.isVisible(), timeout=WAIT_MS)
    dialog = screen.compare_dialog
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["front.en", "tags"]
    with qtbot.waitSignal(screen.searched, timeout=WAIT_MS):
        dialog.take_button.click()
    detail = CardsService(sample_db).detail("sample-71-1")
    assert detail.card.front.en == "What is a saddle point?" and not detail.user_edited
    assert not detail.deck_update_waiting


# ----- statistics -------------------------------------------------------------------------------
def test_statistics_screen_shows_numbers_and_charts(qtbot, window: MainWindow, sample_db) -> None:
    study = StudyService(sample_db)
    study.answer("sample-71-1", 4, NOW - timedelta(days=1), 8000)
    study.answer("sample-72-1", 2, NOW, 12000)
    screen = window.screen_widget("stats")
    assert isinstance(screen, StatsScreen)
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        window.show_screen("stats")
    assert screen.stats.answers == 2 and screen.number_labels["answers"].text() == "<b>2</b> in 30 d"
    assert screen.number_labels["cards"].text() == "<b>14</b>" and screen.chart.pixmap().width() >= 480
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS) as loaded:
        screen.set_days(365)
    assert loaded.args[0].days == 365 and len(loaded.args[0].answers_per_day) == 365
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS) as loaded:  # an answer elsewhere refreshes it
        window.ctx.ops.run(lambda: study.answer("sample-73-1", 5, NOW))
    assert loaded.args[0].answers == 3


def test_statistics_failure_is_shown(qtbot, window: MainWindow, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("statistics exploded")

    monkeypatch.setattr(window.ctx.services.stats, "collection", broken)
    screen = window.screen_widget("stats")
    with qtbot.waitSignal(screen.error_shown, timeout=WAIT_MS) as shown:
        window.show_screen("stats")
    assert "statistics exploded" in shown.args[0] and screen.error_label.isVisible()


# ----- settings ---------------------------------------------------------------------------------
def test_settings_are_saved_and_applied(qtbot, window: MainWindow, sample_db) -> None:
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.spins["new_per_day"].setValue(7)
    dialog.spins["day_start_hour"].setValue(5)
    dialog.spins["backups_kept"].setValue(4)
    dialog.combos["grading"].setCurrentIndex(dialog.combos["grading"].findData("six"))
    dialog.combos["theme"].setCurrentIndex(dialog.combos["theme"].findData("dark"))
    dialog.combos["demo_device"].setCurrentIndex(dialog.combos["demo_device"].findData("cpu"))
    dialog.reminder.setText("07:30")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    stored = SettingsService(sample_db).get()
    assert (stored.new_per_day, stored.day_start_hour, stored.backups_kept, stored.grading, stored.theme,
            stored.demo_device, stored.reminder_time) == (7, 5, 4, "six", "dark", "cpu", "07:30")
    assert window.ctx.settings == stored and window.ctx.theme.effective == "dark"
    study = window.screen_widget("study")
    assert len(study.grade_buttons) == 6  # the study screen follows the grading setting


def test_invalid_settings_are_refused_with_a_message(qtbot, window: MainWindow, sample_db) -> None:
    before = SettingsService(sample_db).get()
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reminder.setText("25:99")
    dialog.spins["day_start_hour"].setValue(30)
    dialog.spins["backups_kept"].setValue(0)
    with qtbot.waitSignal(dialog.refused, timeout=WAIT_MS) as refused:
        dialog.save()
    text = refused.args[0]
    assert "Daily reminder at: must be HH:MM" in text and "A study day starts at: must be a whole number from 0 to 23" \
        in text and "Backups kept" in text
    assert dialog.isVisible() and SettingsService(sample_db).get() == before and window.ctx.settings == before


# ----- reminders --------------------------------------------------------------------------------
def test_banner_reminder_without_a_tray(qtbot, window: MainWindow) -> None:
    controller = window.findChild(ReminderController)
    assert controller is not None and controller.tray is None and controller.banner is not None  # offscreen
    window.ctx.settings = window.ctx.settings.__class__(**{**window.ctx.settings.to_dict(), "reminder_time": "00:00"})
    with qtbot.waitSignal(controller.reminded, timeout=WAIT_MS) as reminded:
        controller.check()
    assert reminded.args[0] == "14 cards waiting: 14 new" and controller.banner.isVisible()
    assert "14 cards waiting" in controller.banner.label.text()
    controller.banner.study_button.click()
    assert window.current_key == "study" and not controller.banner.isVisible()
    controller.check()  # once a day
    settle(qtbot, window)
    assert not controller.banner.isVisible()


def test_tray_menu_shows_the_due_count_and_opens_study(qtbot, window: MainWindow) -> None:
    controller = ReminderController(window, use_tray=True)
    qtbot.waitUntil(lambda: controller.count is not None, timeout=WAIT_MS)
    texts = [a.text() for a in controller.menu.actions() if not a.isSeparator()]
    assert texts == ["Cards due: 14", "Study", "Quit"]
    controller.study_action.trigger()
    assert window.current_key == "study"
    window.show_screen("overview")
    controller.tray.messageClicked.emit()
    assert window.current_key == "study"
    window.ctx.settings = window.ctx.settings.__class__(**{**window.ctx.settings.to_dict(), "reminder_time": ""})
    with qtbot.assertNotEmitted(controller.reminded, wait=200):
        controller.check()  # reminders off: nothing happens


# ----- backups ----------------------------------------------------------------------------------
def test_automatic_backup_after_use_and_on_close(qtbot, window: MainWindow, sample_db) -> None:
    auto = window.findChild(AutoBackup)
    assert isinstance(auto, AutoBackup) and isinstance(auto.policy, AutoBackupPolicy)
    auto.tick(0)
    settle(qtbot, window)
    assert list_backups(sample_db) == []  # nothing changed, no use yet
    window.ctx.ops.run(lambda: StudyService(sample_db).answer("sample-71-1", 4, NOW))
    settle(qtbot, window)
    auto.policy.record_use(30 * 60)
    with qtbot.waitSignal(auto.backed_up, timeout=WAIT_MS):
        auto.tick(0)
    assert [b.label for b in list_backups(sample_db)] == ["auto"]
    window.ctx.ops.run(lambda: StudyService(sample_db).answer("sample-72-1", 4, NOW))
    settle(qtbot, window)
    window.close()  # the close waits for the backup it queued
    assert [b.label for b in list_backups(sample_db)] == ["close", "auto"]


def test_backups_dialog_backs_up_restores_and_refuses_a_bad_file(qtbot, window: MainWindow, sample_db,
                                                                    tmp_path: Path) -> None:
    dialog = BackupsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, window)
    assert dialog.table.rowCount() == 0
    with qtbot.waitSignal(dialog.listed, timeout=WAIT_MS):
        dialog.backup_now()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "made by you"
    StudyService(sample_db).answer("sample-71-1", 5, NOW)

    bad = tmp_path / "not-a-backup.db"
    bad.write_bytes(b"garbage" * 1000)
    dialog.confirm = lambda _text: True
    dialog.choose_file = lambda: bad
    with qtbot.waitSignal(dialog.error_shown, timeout=WAIT_MS) as shown:
        dialog.restore_file()
    assert "damaged or not a database" in shown.args[0] and dialog.error_label.isVisible()
    assert CardsService(sample_db).detail("sample-71-1").state.repetitions == 1  # nothing changed

    dialog.confirm = lambda _text: False
    dialog.table.selectRow(0)
    dialog.restore_selected()
    settle(qtbot, window)
    assert CardsService(sample_db).detail("sample-71-1").state.repetitions == 1
    dialog.confirm = lambda _text: True
    with qtbot.waitSignal(dialog.restored, timeout=WAIT_MS) as restored:
        dialog.restore_selected()
    assert CardsService(sample_db).detail("sample-71-1").state.repetitions == 0  # back to the backup
    assert restored.args[0].safety_copy.label == "pre-restore"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=WAIT_MS)
    assert "saved as" in dialog.message.text()


def test_closed_editors_are_deleted_not_kept(qtbot, window: MainWindow) -> None:
    """Each edit opens a new dialog parented to the browser; a closed one must not pile up."""
    screen = open_browser(qtbot, window)
    for _ in range(3):
        screen.add_card()
        qtbot.waitUntil(lambda: screen.editor is not None and screen.editor.isVisible(), timeout=WAIT_MS)
        screen.editor.reject()
        qtbot.waitUntil(lambda: len(screen.findChildren(CardEditor)) == 1, timeout=WAIT_MS)
