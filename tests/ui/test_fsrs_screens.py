"""Tools → Optimize FSRS… and the statistics screen's FSRS page (docs/fsrs.md): the fit runs as
an op with progress by stages and can be cancelled; the dialog shows FsrsService.fit's numbers
and saves them only when asked; the FSRS page says it is computing at once and then draws."""
from __future__ import annotations

import threading

import pytest

from quizapp.services.fsrs_fit import STAGES
from quizapp.services.fsrs_service import FsrsService
from quizapp.services.settings import SettingsService
from quizapp.ui.fsrs_optimize_dialog import FsrsOptimizeDialog
from quizapp.ui.main_window import MainWindow
from quizapp.ui.stats_view import StatsScreen
from tests.fsrs_learner import write_log
from tests.ui.conftest import WAIT_MS


def _dialog(qtbot, window: MainWindow) -> FsrsOptimizeDialog:
    dialog = FsrsOptimizeDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_optimize_shows_the_services_fit_and_saves_it_on_confirmation(qtbot, window: MainWindow, sample_db) -> None:
    assert write_log(sample_db) > 500
    expected = FsrsService(sample_db).fit()
    assert expected.parameters is not None and expected.before is not None and expected.after is not None
    dialog = _dialog(qtbot, window)
    stages: list[int] = []
    dialog.progressed.connect(lambda stage, _n, _text: stages.append(stage))
    with qtbot.waitSignal(dialog.finished_fit, timeout=WAIT_MS) as finished:
        dialog.start()
    shown = finished.args[0]
    assert shown.parameters == expected.parameters and stages == list(range(len(STAGES)))
    # fsrs-rs's scores sum in float32 in parallel: equal to its precision
    assert shown.after.log_loss == pytest.approx(expected.after.log_loss, rel=1e-5)
    assert [dialog.table.item(i, 1).text() for i in range(21)] == [f"{x:.4f}" for x in expected.parameters]
    assert f"{shown.before.log_loss:.4f} → {shown.after.log_loss:.4f}" in dialog.message.text()
    assert SettingsService(sample_db).get().fsrs_parameters == []  # nothing stored before Save
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_button.click()
    stored = SettingsService(sample_db).get().fsrs_parameters
    assert stored == pytest.approx(expected.parameters) and window.ctx.settings.fsrs_parameters == stored


def test_cancel_stops_the_fit_and_stores_nothing(qtbot, window: MainWindow, sample_db, monkeypatch) -> None:
    write_log(sample_db)
    service = window.ctx.services.fsrs
    go = threading.Event()
    real_fit = type(service).fit

    def held_fit(self, progress=None, deck=None):  # the fit waits after its first stage until the test says go
        def gated(stage: int, total: int, text: str) -> None:
            if progress is not None:
                progress(stage, total, text)
            if stage == 0:
                go.wait(WAIT_MS / 1000)

        return real_fit(self, gated, deck)

    monkeypatch.setattr(type(service), "fit", held_fit)
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.progressed, timeout=WAIT_MS):
        dialog.start()
    assert dialog.running and not dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=WAIT_MS):
        dialog.cancel()
        go.set()
    assert not dialog.running and dialog.fit is None and "nothing was changed" in dialog.stage_label.text()
    assert SettingsService(sample_db).get().fsrs_parameters == []


def test_a_small_log_is_not_fitted_and_cannot_be_saved(qtbot, window: MainWindow) -> None:
    dialog = _dialog(qtbot, window)
    with qtbot.waitSignal(dialog.finished_fit, timeout=WAIT_MS) as finished:
        dialog.start()
    assert finished.args[0].parameters is None and not dialog.save_button.isEnabled()
    assert "nothing to fit" in dialog.message.text()


def test_the_fsrs_page_says_it_computes_then_draws_the_evidence(qtbot, window: MainWindow, sample_db) -> None:
    write_log(sample_db)
    screen = window.screen_widget("stats")
    assert isinstance(screen, StatsScreen)
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        window.show_screen("stats")
    with qtbot.waitSignal(screen.fsrs_drawn, timeout=WAIT_MS):
        screen.page_buttons.button(1).click()
        # the click returned before the evidence was computed: the page says so meanwhile
        assert screen.fsrs_chart.text() == "Computing…" and "Computing" in screen.fsrs_note.text()
    outlook = screen.fsrs_outlook
    assert outlook is not None
    scores = outlook["evidence"]["scores"]
    assert set(scores) == {"sm2", "fsrs_default", "fsrs_fitted"}
    assert sum(outlook["forecast"]["recall_today_histogram"]["cards"]) == 14 + 60
    assert screen.fsrs_chart.pixmap().width() >= 480 and screen.pages.currentIndex() == 1


def test_answers_do_not_wait_behind_the_fsrs_computation(qtbot, window: MainWindow, sample_db,
                                                          monkeypatch) -> None:
    """The FSRS page reads the log as an op, then computes on its own thread: an op queued while
    the computation runs (an answer, say) is done before it."""
    from quizapp.services.fsrs_service import OutlookInput

    release = threading.Event()
    real_compute = OutlookInput.compute

    def slow_compute(self, now, days=30):
        release.wait(WAIT_MS / 1000)
        return real_compute(self, now, days)

    monkeypatch.setattr(OutlookInput, "compute", slow_compute)
    screen = window.screen_widget("stats")
    assert isinstance(screen, StatsScreen)
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        window.show_screen("stats")
    screen.show_page(1)
    qtbot.waitUntil(lambda: screen._compute_ops.busy and not window.ctx.ops.busy, timeout=WAIT_MS)
    done: list[int] = []
    window.ctx.ops.run(lambda: 42, on_done=done.append)
    qtbot.waitUntil(lambda: done == [42], timeout=WAIT_MS)
    assert screen.fsrs_outlook is None  # still computing
    with qtbot.waitSignal(screen.fsrs_drawn, timeout=WAIT_MS):
        release.set()
    assert screen.fsrs_outlook is not None


def test_with_a_deck_picked_the_dialog_fits_and_saves_that_decks_parameters(qtbot, window: MainWindow,
                                                                           sample_db) -> None:
    from quizapp.domain.deck_header import BUNDLED_DECK
    from quizapp.services.decks import DecksService
    from quizapp.ui.deck_selection import deck_selection

    write_log(sample_db)  # its cards join the bundled deck
    expected = FsrsService(sample_db).fit(deck=BUNDLED_DECK)
    assert expected.parameters is not None
    deck_selection(window).select(BUNDLED_DECK)
    dialog = _dialog(qtbot, window)
    assert BUNDLED_DECK in dialog.scope_label.text()
    with qtbot.waitSignal(dialog.finished_fit, timeout=WAIT_MS) as finished:
        dialog.start()
    assert finished.args[0].parameters == expected.parameters
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_button.click()
    assert DecksService(sample_db).get(BUNDLED_DECK).options["fsrs_parameters"] == pytest.approx(expected.parameters)
    assert SettingsService(sample_db).get().fsrs_parameters == []  # the collection's stay
