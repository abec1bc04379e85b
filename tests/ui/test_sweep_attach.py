"""The demo panel attaches to a study of many workers and plots it live (ui/sweep_attach_dialog.py)."""
from __future__ import annotations

import threading
from pathlib import Path

from quizapp.services import sweeps
from quizapp.ui.demo_panel import DemoPanel
from quizapp.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS


def test_attach_lists_studies_and_follows_a_study_while_a_worker_runs_it(qtbot, window: MainWindow,
                                                                           tmp_path: Path) -> None:
    journal = tmp_path / "s.journal"
    spec = sweeps.parse_storage(str(journal))
    sweeps.create_study("bayesian-optimization", {}, spec, "live", trials=12)
    panel = window.screen_widget("demo")
    assert isinstance(panel, DemoPanel)
    dialog = panel.attach_study_dialog()
    qtbot.addWidget(dialog)
    dialog.storage_edit.setText(str(journal))
    dialog.list_studies()
    qtbot.waitUntil(lambda: dialog.study_box.count() == 1, timeout=WAIT_MS)
    assert dialog.study_box.itemText(0) == "live"

    dialog.attach()
    qtbot.waitUntil(lambda: dialog.snapshots >= 1, timeout=WAIT_MS)
    assert dialog.last_snapshot is not None and dialog.last_snapshot.finished == 0
    worker = threading.Thread(target=sweeps.work, args=(spec, "live"))
    worker.start()
    # the plot follows the study: a later snapshot sees every trial the worker finished
    qtbot.waitUntil(lambda: dialog.last_snapshot is not None and dialog.last_snapshot.finished == 12,
                    timeout=WAIT_MS * 4)
    worker.join()
    assert dialog.plot.image is not None and not dialog.plot.image.isNull()
    assert "12 of 12 finished" in dialog.status.text()
    dialog.close()
    assert not dialog.detach_button.isEnabled()


def test_the_collection_and_unknown_studies_are_one_line(qtbot, window: MainWindow, tmp_path: Path) -> None:
    panel = window.screen_widget("demo")
    assert isinstance(panel, DemoPanel)
    dialog = panel.attach_study_dialog()
    qtbot.addWidget(dialog)
    dialog.storage_edit.setText(str(window.ctx.services.study.db.url))  # the collection itself
    dialog.study_box.setCurrentText("x")
    dialog.attach()
    assert "collection" in dialog.status.text() and "\n" not in dialog.status.text()
    dialog.storage_edit.setText(str(tmp_path / "empty.journal"))
    dialog.attach()
    qtbot.waitUntil(lambda: "no study 'x'" in dialog.status.text(), timeout=WAIT_MS)
    dialog.close()
