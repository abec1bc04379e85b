"""Choosing FSRS in Tools → Settings (docs/fsrs.md): stored, and the next study step previews
py-fsrs's intervals instead of SM-2's."""
from __future__ import annotations

from quizapp.domain.sm2 import preview_intervals
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.ui.main_window import MainWindow
from quizapp.ui.settings_dialog import SettingsDialog
from tests.support import NOW
from tests.ui.conftest import WAIT_MS


def test_choosing_fsrs_and_a_retention_is_stored_and_schedules(qtbot, window: MainWindow, sample_db) -> None:
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.combos["scheduler"].currentData() == "sm2" and dialog.retention.value() == 0.9
    dialog.combos["scheduler"].setCurrentIndex(dialog.combos["scheduler"].findData("fsrs"))
    dialog.retention.setValue(0.85)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    stored = SettingsService(sample_db).get()
    assert (stored.scheduler, stored.desired_retention) == ("fsrs", 0.85) and window.ctx.settings == stored
    step = StudyService(sample_db).step(NOW)
    assert step.state is not None
    # a new card under FSRS: Again / Hard / Good are learning steps today, Easy graduates
    assert [step.preview[g] for g in (1, 3, 4)] == [0, 0, 0] and step.preview[5] >= 1
    assert step.preview != preview_intervals(step.state, step.today)


def test_an_out_of_range_retention_is_refused(qtbot, window: MainWindow, sample_db) -> None:
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.retention.setValue(0.5)
    with qtbot.waitSignal(dialog.refused, timeout=WAIT_MS) as refused:
        dialog.save()
    assert "desired retention: must be a number from 0.7 to 0.99" in refused.args[0]
    assert SettingsService(sample_db).get().desired_retention == 0.9
