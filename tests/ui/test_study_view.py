"""The review loop end to end in the Qt window (offscreen): reveal, grade, database updated,
next card; undo several steps deep; same-day re-drill; six-grade mode; the session summary."""
from __future__ import annotations

from PySide6.QtCore import Qt

from quizapp.services.cards import CardsService
from quizapp.services.settings import SettingsService
from quizapp.ui.main_window import MainWindow
from quizapp.ui.study_view import StudyScreen
from tests.support import NOW
from tests.ui.conftest import WAIT_MS


def open_study(qtbot, window: MainWindow) -> StudyScreen:
    screen = window.screen_widget("study")
    assert isinstance(screen, StudyScreen)
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        window.show_screen("study")
    return screen


def grade_with_key(qtbot, screen: StudyScreen, key: Qt.Key) -> str | None:
    """Reveal with Space, press a grade key, wait for the next step; the new card id (or None)."""
    if not screen.is_revealed:
        qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.is_revealed
    with qtbot.waitSignal(screen.ctx.ops.changed, timeout=WAIT_MS):
        qtbot.keyClick(screen, key)
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT_MS)
    return screen.step.card.id if screen.step and screen.step.card else None


def test_reveal_grade_updates_database_and_shows_next_card(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    first = screen.step.card.id
    assert screen.answer_bar.currentWidget() is screen.reveal_button  # question side: no grade buttons
    assert "sample" in screen.card_view.toPlainText() or screen.card_view.toPlainText().strip()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.answer_bar.currentWidget() is screen.grade_row
    # every button shows the interval it would give: a new card graded Good is due in 1 day
    assert "1d" in screen.grade_buttons[4].text() and "Good" in screen.grade_buttons[4].text()
    nxt = grade_with_key(qtbot, screen, Qt.Key.Key_3)  # key 3 = Good = grade 4
    assert nxt is not None and nxt != first
    assert screen.is_revealed is False
    detail = CardsService(sample_db).detail(first)
    assert [(h.grade, h.kind, h.undone) for h in detail.history] == [(4, "new", False)]
    assert detail.state.repetitions == 1 and detail.state.interval == 1
    assert screen.progress.value() == 1


def test_undo_restores_several_answers(qtbot, window: MainWindow, sample_db) -> None:
    screen = open_study(qtbot, window)
    first = screen.step.card.id
    second = grade_with_key(qtbot, screen, Qt.Key.Key_4)  # Easy
    third = grade_with_key(qtbot, screen, Qt.Key.Key_3)
    assert len({first, second, third}) == 3
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.step.card.id == second and not screen.is_revealed
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.step.card.id == first
    assert len(screen.session) == 0
    for card_id in (first, second):
        detail = CardsService(sample_db).detail(card_id)
        assert detail.state.is_new
        assert [h.undone for h in detail.history] == [True]


def test_graded_below_four_comes_back_the_same_day_after_its_step(qtbot, sample_db, qsettings) -> None:
    """Issue 13 item 4: a missed card comes back after its learning step (1 min) and after 3 other
    cards, never straight away; when only it is left, the screen says when and offers Show now."""
    from datetime import timedelta

    from quizapp.ui.application import build_window
    from quizapp.ui.study_view import Phase

    clock = [NOW]
    SettingsService(sample_db).update({"new_per_day": 5})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: clock[0])
    qtbot.addWidget(window)
    window.show()
    screen = open_study(qtbot, window)
    failed = screen.step.card.id
    seen = []
    for key in (Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_3):  # Again, then two cards Good, 10 s each
        seen.append(grade_with_key(qtbot, screen, key))
        clock[0] += timedelta(seconds=10)
    assert failed not in seen and screen.step.counts["redrill"] == 1
    clock[0] = NOW + timedelta(minutes=1)  # its step is over, but only 2 other cards came between
    seen.append(grade_with_key(qtbot, screen, Qt.Key.Key_3))
    assert seen[-1] == failed and screen.step.kind == "redrill"  # after the 3rd other card
    assert "Re-drill" in screen.reason_label.text()
    nxt = grade_with_key(qtbot, screen, Qt.Key.Key_1)  # missed again: the next step is 10 minutes
    assert nxt != failed
    grade_with_key(qtbot, screen, Qt.Key.Key_3)  # the last new card of today
    # only the waiting re-drill is left: no card, when it comes back, and Show now
    assert screen.phase is Phase.REDRILL_WAIT and screen.step.card is None
    assert screen.step.waiting[0] == failed
    text = screen.summary_view.toPlainText()
    assert "Re-drill in 10 min" in text and "09:11" in text, text
    assert screen.show_now_button.isVisible()
    with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
        qtbot.keyClick(screen, Qt.Key.Key_Space)  # Show now
    assert screen.step.card.id == failed and screen.step.kind == "redrill"
    grade_with_key(qtbot, screen, Qt.Key.Key_3)  # Good ends the drill
    assert screen.step.counts["redrill"] == 0 and screen.phase is Phase.SUMMARY
    kinds = [h.kind for h in CardsService(sample_db).detail(failed).history]
    assert kinds == ["new", "redrill", "redrill"]  # missed, missed again, Good
    window.close()


def test_six_grade_mode_uses_keys_zero_to_five(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window

    SettingsService(sample_db).update({"grading": "six"})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    screen = open_study(qtbot, window)
    assert sorted(screen.grade_buttons) == [0, 1, 2, 3, 4, 5]
    first = screen.step.card.id
    grade_with_key(qtbot, screen, Qt.Key.Key_0)
    assert [h.grade for h in CardsService(sample_db).detail(first).history] == [0]
    window.close()


def test_session_summary_when_the_queue_is_empty(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window

    SettingsService(sample_db).update({"new_per_day": 2})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    screen = open_study(qtbot, window)
    with qtbot.waitSignal(screen.session_finished, timeout=WAIT_MS):
        grade_with_key(qtbot, screen, Qt.Key.Key_3)
        grade_with_key(qtbot, screen, Qt.Key.Key_4)
    assert screen.pages.currentWidget() is screen.summary_view
    text = screen.summary_view.toPlainText()
    assert "Session complete" in text and "2 cards studied" in text
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert window.current_key == "overview"
    window.close()


def test_keyboard_shortcuts_are_listed(window: MainWindow) -> None:
    listed = {keys for entries in window.shortcut_help().values() for keys, _ in entries}
    for keys in ("Space / Enter", "1 / 2 / 3 / 4", "0 – 5", "D", "Ctrl+Z", "F1", "Esc"):
        assert keys in listed, keys


def test_undo_pressed_while_the_next_card_is_shown_ahead_takes_that_answer_back(qtbot, window: MainWindow,
                                                                              sample_db) -> None:
    from quizapp.ui.study_view import Phase

    screen = open_study(qtbot, window)
    first = screen.step.card.id
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.phase is Phase.ANSWER
    screen.grade(4)
    # the look-ahead card is on screen at once, the answer still being committed
    assert screen.phase is Phase.AHEAD and screen.step.card.id != first and screen.busy
    screen.undo()
    assert screen.phase is Phase.AHEAD_UNDO
    qtbot.waitUntil(lambda: screen.phase is Phase.QUESTION and screen.step.card.id == first, timeout=WAIT_MS)
    assert len(screen.session) == 0
    assert [(h.grade, h.undone) for h in CardsService(sample_db).detail(first).history] == [(4, True)]
