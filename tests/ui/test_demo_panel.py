"""The demo panel: a run draws the expected artists, a burst of slider moves is one run, a
changed parameter cancels the run in flight, errors show in the panel, frames are shown while a
run streams, export and reset-to-preset work, key D opens a card's demo."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from quizapp.ui.demo_panel import DemoPanel
from quizapp.ui.main_window import MainWindow
from tests.ui.conftest import WAIT_MS

FAST = "grid-vs-random"  # one result in ~0.3 s
STREAMING = "lr-warmup"  # ~20 frames with steps=100
RUN_MS = 60_000  # the first run in a process also imports torch


def open_panel(qtbot, window: MainWindow, demo_id: str, preset: dict | None = None) -> DemoPanel:
    panel = window.screen_widget("demo")
    assert isinstance(panel, DemoPanel)
    window.show_screen("demo")
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        assert panel.open_demo(demo_id, preset or {})
    qtbot.waitUntil(lambda: not panel._render_busy and panel.frames_shown > 0, timeout=WAIT_MS)
    return panel


def test_demo_runs_and_draws_its_series(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window, FAST)
    result = panel.result
    assert result is not None and result.demo == FAST
    figure = panel.renderer.demo_figure
    assert set(figure.axes) == {p.id for p in result.panels}
    drawn = set(figure.artists)
    for s in result.series:
        assert s.name in drawn, s.name
    moving = [figure.artists[s.name] for s in result.series if s.kind in ("line", "scatter", "path", "step")]
    assert moving and all(a.axes is not None and a in a.axes.get_children() for a in moving)
    assert panel.plot.image is not None and not panel.plot.image.isNull()
    assert "Done" in panel.status_label.text() and "cpu" in panel.device_label.text()
    assert not panel.error_label.isVisible()


def test_burst_of_slider_moves_is_one_run(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window, FAST)
    control = panel.form.controls["optimum_x"]
    assert control.slider is not None
    before = panel.runs_started
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        for position in range(100, 900, 80):  # ten moves within one debounce interval
            control.slider.setValue(position)
    qtbot.wait(100)  # nothing else starts afterwards
    assert panel.runs_started == before + 1
    assert panel.result.params["optimum_x"] == pytest.approx(control.value())


def test_changed_parameter_cancels_the_run_in_flight(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window, STREAMING, {"steps": 100})
    with qtbot.waitSignal(panel.run_started, timeout=WAIT_MS):
        panel.run_now()
    qtbot.waitUntil(lambda: panel.frames_received > 0 and panel.is_running(), timeout=RUN_MS)
    first = panel._worker
    panel.form.controls["warmup_steps"].set_value(20)  # emits changed, like a user edit
    assert first.aborted
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        pass
    assert panel.result.params["warmup_steps"] == 20
    assert first.wait(5)


def test_errors_show_in_the_panel(qtbot, window: MainWindow, monkeypatch) -> None:
    from quizapp.services import demos

    panel = open_panel(qtbot, window, FAST)

    def broken(demo_id, params=None, device="auto", is_cancelled=None):
        yield from ()
        raise demos.DemoError("parameter 'width' must be a number in [0.01, 0.3], got 7")

    monkeypatch.setattr(demos, "stream", broken)
    with qtbot.waitSignal(panel.run_failed, timeout=WAIT_MS) as failed:
        panel.run_now()
    assert "width" in failed.args[0]
    assert panel.error_label.isVisible() and "width" in panel.error_label.text()
    assert panel.plot.image is not None  # the last good plot stays


def test_unknown_demo_is_an_error_not_a_crash(qtbot, window: MainWindow) -> None:
    panel = window.screen_widget("demo")
    assert panel.open_demo("no-such-demo", {}) is False
    assert "unknown demo" in panel.error_label.text()


def test_frames_are_shown_while_the_run_streams(qtbot, window: MainWindow) -> None:
    # How long the GUI thread pauses meanwhile is a figure of `python -m quizapp.devtools.bench.ui`,
    # not a test: on a shared machine any wall-clock threshold is noise.
    panel = open_panel(qtbot, window, STREAMING, {"steps": 100})
    shown_before = panel.frames_shown
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        panel.run_now()
    qtbot.waitUntil(lambda: not panel._render_busy, timeout=WAIT_MS)
    assert panel.frames_shown - shown_before >= 5


def test_reset_to_preset_and_export(qtbot, window: MainWindow, tmp_path: Path) -> None:
    panel = open_panel(qtbot, window, FAST, {"per_axis": 4})
    assert panel.form.values()["per_axis"] == 4
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        panel.form.controls["per_axis"].set_value(6)
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        panel.reset()
    assert panel.form.values()["per_axis"] == 4 and panel.result.params["per_axis"] == 4
    png, csv = tmp_path / "fig.png", tmp_path / "data.csv"
    panel.export_png(png)
    panel.export_csv(csv)
    panel._render_ops.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: png.exists() and csv.exists(), timeout=WAIT_MS)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "series,panel,kind,index,x,y,z" and len(lines) > 10


def test_key_d_opens_the_cards_demo_with_its_preset(qtbot, window: MainWindow) -> None:
    study = window.screen_widget("study")
    with qtbot.waitSignal(study.card_shown, timeout=WAIT_MS):
        window.show_screen("study")
    first = study.step.card
    assert first.demo is not None and first.demo.id == "saddle-escape"  # the sample deck's first card
    panel = window.screen_widget("demo")
    with qtbot.waitSignal(panel.run_started, timeout=WAIT_MS):
        qtbot.keyClick(study, Qt.Key.Key_D)
    assert window.current_key == "demo"
    assert panel.spec.id == "saddle-escape" and panel.source_card == first.id
    qtbot.keyClick(panel, Qt.Key.Key_Escape)  # back to the card; the run is cancelled
    assert window.current_key == "study"
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=RUN_MS)


def test_gallery_lists_demos_by_section_and_opens_one(qtbot, window: MainWindow) -> None:
    from quizapp.services.demos import list_demos

    gallery = window.show_screen("gallery")
    registered = {s.id for s in list_demos()}
    assert registered <= set(gallery.buttons)
    assert all(gallery.buttons[d].isEnabled() == (d in registered) for d in gallery.buttons)
    panel = window.screen_widget("demo")
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        gallery.buttons[FAST].click()
    assert window.current_key == "demo" and panel.source_card is None
    assert panel.reset_button.text() == "Reset to defaults"


# ----- issue 13 item 6: the controls and the status line -------------------------------------


def test_tuned_rates_show_the_value_in_use_on_a_log_slider(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window, "optimizer-race")
    qtbot.waitUntil(lambda: panel.status_label.text().startswith("Done"), timeout=RUN_MS)
    control = panel.form.controls["lr_sgd"]
    used = panel.result.metrics["lr_sgd"]  # lr_scale is 1: the tuned rate itself
    assert control.auto is not None and control.auto.isChecked()
    assert control.value() == 0.0  # the spec's "tuned" value goes to the run
    assert control.spin.value() == pytest.approx(used) and control.spin.text() == f"{used:.4g}"
    # a log slider: each tenth of its travel is the same factor, reaching below the tuned 0.001
    assert control._from_slider(500) / control._from_slider(400) == pytest.approx(
        control._from_slider(900) / control._from_slider(800), rel=0.05)
    assert control._from_slider(0) < used < control._from_slider(1000)
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        control.slider.setValue(control._to_slider(0.004))  # like a drag: the user's own value
    assert not control.auto.isChecked() and control.value() == pytest.approx(0.004, rel=0.02)
    assert panel.result.params["lr_sgd"] == pytest.approx(control.value())


def test_r_runs_again_from_a_focused_combo_box(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window, "optimizer-race")
    combo = panel.form.controls["surface"].combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=WAIT_MS)
    surface, runs = combo.currentData(), panel.runs_started
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        qtbot.keyClick(combo, Qt.Key.Key_R)
    assert panel.runs_started == runs + 1
    assert combo.currentData() == surface  # the key did not search the list ("rosenbrock")
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # arrows still choose
    assert combo.currentData() != surface


def test_status_says_done_only_once_the_result_is_on_screen(qtbot, window: MainWindow) -> None:
    panel = window.screen_widget("demo")
    window.show_screen("demo")
    seen: list[tuple[bool, bool]] = []
    panel.run_finished.connect(lambda result: seen.append(
        (panel.plot.image is not None, panel.renderer.last is result)))
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        assert panel.open_demo("batchnorm-train-eval", {})
    assert seen == [(True, True)]  # not "Done" over "Starting the demo engine…"
    assert panel.status_label.text().startswith("Done")


def test_choices_and_metrics_are_shown_in_words(qtbot, window: MainWindow) -> None:
    panel = open_panel(qtbot, window, "init-signal-propagation")
    qtbot.waitUntil(lambda: panel.status_label.text().startswith("Done"), timeout=RUN_MS)
    combo = panel.form.controls["init"].combo
    shown = [combo.itemText(i) for i in range(combo.count())]
    assert "He (fan-in)" in shown and not any("_" in text for text in shown), shown
    assert panel.form.values()["init"] == "he_fan_in"  # the run still gets the spec's value
    status = panel.status_label.text()
    keys = [k for k in panel.result.metrics if "_" in k]
    assert keys and not any(k in status for k in keys), status


def test_long_labels_leave_the_sliders_room(qtbot, window: MainWindow) -> None:
    from quizapp.ui.param_controls import SLIDER_MIN_WIDTH

    panel = open_panel(qtbot, window, "init-signal-propagation")  # "Scheme shown in the histograms"
    qtbot.wait(50)
    sliders = [c.slider for c in panel.form.controls.values() if c.slider is not None]
    assert sliders
    for slider in sliders:
        assert slider.width() >= SLIDER_MIN_WIDTH, (slider.parent().objectName(), slider.width())


def test_only_the_devices_this_machine_has_are_offered(qtbot, window: MainWindow, monkeypatch) -> None:
    from quizapp.services import demos

    panel = window.screen_widget("demo")
    demos.warm_up()
    panel._refresh_devices()
    offered = tuple(panel.device_combo.itemData(i) for i in range(panel.device_combo.count()))
    assert offered == demos.devices()
    monkeypatch.setattr(demos, "devices", lambda: ("auto", "cpu"))  # a machine without a GPU
    panel._refresh_devices()
    assert [panel.device_combo.itemData(i) for i in range(panel.device_combo.count())] == ["auto", "cpu"]


def test_first_demo_shows_what_the_engine_is_loading(qtbot, window: MainWindow, monkeypatch) -> None:
    """A cold engine: the canvas and the status line name the step being loaded, not a static
    "Starting the demo engine…"; a warm-up in the background gets the panel to the same end."""
    import threading

    from quizapp.services import demos

    gate = threading.Event()
    steps = (("Loading PyTorch…", lambda: gate.wait(20)), ("Loading matplotlib…", lambda: None))
    monkeypatch.setattr(demos, "_WARM_STEPS", steps)
    monkeypatch.setattr(demos, "_warm_state", demos.WarmUp(0, 2, "Loading PyTorch…"))
    panel = window.screen_widget("demo")
    window.show_screen("demo")
    panel.warm_up_in_background()
    assert panel.open_demo(FAST, {})
    qtbot.waitUntil(lambda: "Loading PyTorch" in panel.plot.placeholder, timeout=WAIT_MS)
    assert "step 1 of 2" in panel.status_label.text()
    assert not panel.status_label.text().startswith("Done")
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        gate.set()
    assert demos.warm_state().done and panel.plot.image is not None
