"""The study screen's review actions (issue 13: as Anki's), custom study, and the mcq order:
suspend (@), bury (-), flag (Alt+1..4), undone by Ctrl+Z; card info (I); edit (E); the custom
study dialog once today's cards are done; an mcq's options shuffled, the same every time."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quizapp.domain.custom_study import StudyScope
from quizapp.services.card_actions import CardActionsService
from quizapp.services.cards import CardsService
from quizapp.services.settings import SettingsService
from quizapp.ui.card_editor import CardEditor
from quizapp.ui.card_info import CardInfoDialog
from quizapp.ui.custom_study_dialog import CustomStudyDialog
from quizapp.ui.main_window import MainWindow
from quizapp.ui.study_view import Phase, StudyScreen, study_choice_order
from tests.support import NOW
from tests.ui.conftest import WAIT_MS
from tests.ui.test_study_view import grade_with_key, open_study


def press(qtbot, screen: StudyScreen, key: Qt.Key, text: str = "",
          mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press that waits for the op it starts (an action's change reaches every screen)."""
    with qtbot.waitSignal(screen.ctx.ops.changed, timeout=WAIT_MS):
        if text:
            qtbot.keyClicks(screen, text)
        else:
            qtbot.keyClick(screen, key, mods)
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT_MS)


def ctrl_z(qtbot, window: MainWindow, screen: StudyScreen) -> None:
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_suspend_and_bury_move_on_and_ctrl_z_brings_the_card_back(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    actions = CardActionsService(sample_db)
    first = screen.step.card.id
    press(qtbot, screen, Qt.Key.Key_At, text="@")
    second = screen.step.card.id
    assert second != first and actions.marks(first).suspended and screen.phase is Phase.QUESTION
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # bury works on the answer side too
    press(qtbot, screen, Qt.Key.Key_Minus, text="-")
    assert screen.step.card.id not in (first, second)
    assert actions.marks(second).buried_day == screen.step.today
    ctrl_z(qtbot, window, screen)  # newest first: the burial
    assert screen.step.card.id == second and actions.marks(second).buried_day is None
    ctrl_z(qtbot, window, screen)
    assert screen.step.card.id == first and not actions.marks(first).suspended
    assert screen.undo_entries == []


def test_flag_shows_on_the_card_toggles_and_undoes(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    card = screen.step.card.id
    alt = Qt.KeyboardModifier.AltModifier
    press(qtbot, screen, Qt.Key.Key_1, mods=alt)
    assert CardsService(sample_db).detail(card).flag == 1
    assert screen.step.card.id == card and "Red" in screen.flag_label.text() and not screen.flag_label.isHidden()
    press(qtbot, screen, Qt.Key.Key_4, mods=alt)
    assert CardsService(sample_db).detail(card).flag == 4 and "Blue" in screen.flag_label.text()
    press(qtbot, screen, Qt.Key.Key_4, mods=alt)  # the same flag again removes it
    assert CardsService(sample_db).detail(card).flag == 0 and screen.flag_label.isHidden()
    ctrl_z(qtbot, window, screen)
    assert CardsService(sample_db).detail(card).flag == 4 and "Blue" in screen.flag_label.text()
    # an answer and an action undo in the order they were made
    grade_with_key(qtbot, screen, Qt.Key.Key_3)
    ctrl_z(qtbot, window, screen)
    assert screen.step.card.id == card and CardsService(sample_db).detail(card).history[-1].undone


def test_card_info_and_edit_open_for_the_card_shown(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    card = screen.step.card.id
    grade_with_key(qtbot, screen, Qt.Key.Key_1)
    ctrl_z(qtbot, window, screen)  # back to the card, with one (undone) answer in its history
    qtbot.keyClick(screen, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CardInfoDialog) or
                    any(isinstance(w, CardInfoDialog) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=WAIT_MS)
    info = screen.info_dialog
    text = info.view.toPlainText()
    assert card in text and "1 Again" in text and "(undone)" in text
    info.close()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: screen.editor is not None and screen.editor.isVisible(), timeout=WAIT_MS)
    editor = screen.editor
    assert isinstance(editor, CardEditor) and card in editor.windowTitle()
    table, problems = editor.table()
    assert not problems
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        editor.submitted.emit(table)
    assert not editor.isVisible() and screen.step.card.id == card
    assert screen.is_revealed  # back on the side it was edited from


def test_custom_study_once_todays_cards_are_done(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window

    SettingsService(sample_db).update({"new_per_day": 2})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    screen = open_study(qtbot, window)
    grade_with_key(qtbot, screen, Qt.Key.Key_4)
    grade_with_key(qtbot, screen, Qt.Key.Key_4)
    assert screen.phase is Phase.SUMMARY and screen.custom_button.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: getattr(screen, "custom_dialog", None) is not None and screen.custom_dialog.isVisible(),
                    timeout=WAIT_MS)
    dialog: CustomStudyDialog = screen.custom_dialog
    assert dialog.options.new_available == 12 and not dialog.failed.isEnabled()
    dialog.more_count.setValue(3)
    assert dialog.choice() == StudyScope(extra_new=3)
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        dialog.accept()
    assert screen.scope == StudyScope(extra_new=3) and screen.step.counts["new"] == 3
    ids = [screen.step.card.id]
    for _ in range(3):
        ids.append(grade_with_key(qtbot, screen, Qt.Key.Key_4))
    assert ids[-1] is None and len(set(ids[:3])) == 3 and screen.phase is Phase.SUMMARY
    window.close()


def test_mcq_options_are_shuffled_the_same_way_every_time(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    shown_orders = {}
    for card_id in ("sample-72-1", "sample-73-2", "sample-75-1", "sample-76-2"):
        with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
            screen._load(lambda c=card_id: screen.ctx.services.study.step(NOW, card_id=c))
        card = screen.step.card
        order = study_choice_order(card.id, len(card.choices))
        assert sorted(order) == list(range(len(card.choices))) and order == study_choice_order(card.id, len(order))
        text = screen.card_view.toPlainText()
        places = [text.find(card.choices[i].text.en) for i in order]
        assert -1 not in places and places == sorted(places), (card.id, order)
        shown_orders[card_id] = order
    assert any(order != tuple(range(len(order))) for order in shown_orders.values())  # shuffled, not as written


def test_redrill_spacing_is_set_in_the_settings_dialog(qtbot, window: MainWindow, sample_db) -> None:
    from quizapp.domain.redrill import Spacing
    from quizapp.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.redrill_steps.text() == "1m 10m" and dialog.spins["redrill_cards_between"].value() == 3
    dialog.redrill_steps.setText("2 half-hour")
    with qtbot.waitSignal(dialog.refused, timeout=WAIT_MS) as refused:
        dialog.save()
    assert "Re-drill steps: 'half-hour' is not a step" in refused.args[0]
    dialog.redrill_steps.setText("2m  30m 1h")
    dialog.spins["redrill_cards_between"].setValue(5)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    assert SettingsService(sample_db).get().spacing == Spacing((2, 30, 60), 5)


def test_a_flag_set_while_studying_is_a_filter_of_the_browser(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    card = screen.step.card.id
    press(qtbot, screen, Qt.Key.Key_2, mods=Qt.KeyboardModifier.AltModifier)  # orange
    browser = window.screen_widget("browser")
    with qtbot.waitSignal(browser.searched, timeout=WAIT_MS):
        window.show_screen("browser")
    with qtbot.waitSignal(browser.searched, timeout=WAIT_MS) as hit:
        browser.flag_box.setCurrentIndex(browser.flag_box.findData("2"))
    assert hit.args[0] == 1 and browser.model.row(0).card_id == card
    with qtbot.waitSignal(browser.detail_shown, timeout=WAIT_MS):
        browser.table.selectRow(0)
    assert "⚑ Orange" in browser.state_label.text()


def test_custom_study_failed_cards_come_back_as_a_redrill(qtbot, sample_db, qsettings) -> None:
    from datetime import timedelta

    from quizapp.ui.application import build_window

    clock = [NOW]
    SettingsService(sample_db).update({"new_per_day": 2, "redrill_cards_between": 0})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: clock[0])
    qtbot.addWidget(window)
    window.show()
    screen = open_study(qtbot, window)
    missed = screen.step.card.id
    grade_with_key(qtbot, screen, Qt.Key.Key_1)  # Again
    grade_with_key(qtbot, screen, Qt.Key.Key_3)  # the other new card
    assert screen.phase is Phase.REDRILL_WAIT and screen.wait_timer.isActive()
    clock[0] += timedelta(minutes=2)
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        screen._wait_over()  # the wait timer's reload, at the re-drill's time
    assert screen.step.card.id == missed
    grade_with_key(qtbot, screen, Qt.Key.Key_3)  # Good: the drill is over, today's queue done
    assert screen.phase is Phase.SUMMARY
    clock[0] += timedelta(minutes=15)
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        screen.start_custom("failed")
    assert screen.step.card.id == missed and screen.step.kind == "redrill"
    assert CardsService(sample_db).detail(missed).state.due_day == screen.step.state.due_day  # schedule kept
    window.close()
