"""The demo panel: a demo's controls, its live figure, export, device choice and errors.

Three threads keep the GUI free (docs/architecture.md § Threads):
* the demo runs as a generator (`services.demos.stream`) in a GeneratorWorker on a
  one-thread pool; `abort()` stops it between two frames;
* each frame is drawn off-screen by a FigureRenderer on the render op thread (blitting when
  only the moving artists changed), latest frame wins when drawing falls behind;
* the GUI thread only paints the finished image.
A parameter change aborts the run in flight at once and restarts after DEBOUNCE_MS of quiet,
so a burst of slider moves becomes one run. Neither torch nor matplotlib is imported before
a demo opens.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, QTimer, Signal, SignalInstance
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from quizapp.services import demos
from quizapp.services.demos import DemoResult, DemoSpec
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import GeneratorWorker, OpRunner, describe_error
from quizapp.ui.param_controls import ChoiceBox, ParamForm
from quizapp.ui.plot_view import PlotView
from quizapp.ui.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from quizapp.plots.figure_renderer import FigureRenderer, RenderedFrame
    from quizapp.ui.sweep_attach_dialog import SweepAttachDialog

log = logging.getLogger(__name__)

DEBOUNCE_MS = 20  # a slider drag sends a value every ~16 ms: wait one more frame for the next
CPU_DEVICES = ("auto", "cpu")  # offered until the warm-up has looked for a GPU
DEVICE_NAMES = {"auto": QT_TRANSLATE_NOOP("DemoPanel", "auto"), "cpu": "CPU",
                "cuda": QT_TRANSLATE_NOOP("DemoPanel", "CUDA GPU")}


class DemoPanel(QWidget):
    run_started = Signal(int)  # run number
    plot_shown = Signal(object)  # RenderedFrame, after it is on screen
    run_finished = Signal(object)  # DemoResult
    run_failed = Signal(str)
    warmed = Signal(object)  # services.demos.WarmUp, from the background warm-up thread

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("demo-panel")
        self.window_ = window
        self.ctx = window.ctx
        self.spec: DemoSpec | None = None
        self.preset: dict[str, Any] = {}
        self.source_card: str | None = None
        self.form: ParamForm | None = None
        self.renderer: FigureRenderer | None = None
        self.result: DemoResult | None = None
        self.runs_started = 0
        self.frames_received = 0
        self.frames_shown = 0
        self._worker: GeneratorWorker | None = None
        self._restart_after_abort = False
        self._run_started_at = 0.0
        self._result_run = 0  # the run whose DemoResult is waiting to be drawn
        self._warm_thread: threading.Thread | None = None
        self._run_pool = QThreadPool(self)
        self._run_pool.setMaxThreadCount(1)  # an aborted run finishes its step before the next starts
        self._render_ops = OpRunner(self)  # the figure is drawn on its own thread
        self._render_busy = False
        self._render_pending: Any = None
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_now)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        if self.ctx.theme is not None:
            self.ctx.theme.changed.connect(self._theme_changed)
        self.warmed.connect(self._warm_progress)
        if demos.warm_state().done:
            self._refresh_devices()

    # ----- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)
        head = QHBoxLayout()
        back = QPushButton(self.tr("← Back  (Esc)"))
        back.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves the keys where they were
        back.clicked.connect(lambda: self.window_.go_back("gallery"))
        self.title = QLabel("")
        self.title.setObjectName("demo-title")
        self.device_combo = ChoiceBox()
        self._set_devices(CPU_DEVICES)
        self.device_combo.setToolTip(self.tr("Where the demo computes: auto takes a CUDA GPU when there is one "
                                     "(a GPU is offered once the demo engine has looked for one)"))
        self.device_combo.currentIndexChanged.connect(lambda _i: self.param_changed("device"))
        self.device_label = QLabel("")
        self.device_label.setObjectName("device-label")
        head.addWidget(back)
        head.addWidget(self.title, 1)
        head.addWidget(QLabel(self.tr("Device:")))
        head.addWidget(self.device_combo)
        head.addWidget(self.device_label)
        outer.addLayout(head)
        self.summary = QLabel("")
        self.summary.setObjectName("demo-summary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setMinimumWidth(300)
        left_layout.addWidget(self.form_area, 1)
        buttons = QHBoxLayout()
        self.run_button = self._button(self.tr("Run again  (R)"), self.run_now)
        self.reset_button = self._button(self.tr("Reset to preset"), self.reset)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.reset_button)
        left_layout.addLayout(buttons)
        exports = QHBoxLayout()
        self.png_button = self._button(self.tr("Export PNG…"), self.export_png_dialog)
        self.csv_button = self._button(self.tr("Export CSV…"), self.export_csv_dialog)
        exports.addWidget(self.png_button)
        exports.addWidget(self.csv_button)
        left_layout.addLayout(exports)
        # a study of many workers (`quizapp sweep run`), plotted live in its own window
        self.attach_button = self._button(self.tr("Attach to a study…"), self.attach_study_dialog)
        self.attach_button.setToolTip(self.tr("Plot a running Optuna study (quizapp sweep run / worker) live"))
        left_layout.addWidget(self.attach_button)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        self.plot = PlotView()
        self.plot.resized.connect(self._plot_resized)
        right_layout.addWidget(self.plot, 1)
        self.status_label = QLabel("")
        self.status_label.setObjectName("demo-status")
        self.status_label.setWordWrap(True)
        # a fixed height: a status line that grows would resize the plot (and force a full draw)
        self.status_label.setFixedHeight(3 * self.status_label.fontMetrics().lineSpacing() + 4)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right_layout.addWidget(self.error_label)
        right_layout.addWidget(self.status_label)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 850])
        outer.addWidget(split, 1)

    def _tab_from_form_to_buttons(self, form: ParamForm) -> None:
        # The form is built after the buttons under it, so by default Tab visited the buttons
        # first and the parameters last; put the buttons right after the form's last field.
        fields = [w for w in form.findChildren(QWidget)
                  if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(w.parentWidget(), QAbstractSpinBox)]
        chain = [*fields[-1:], self.run_button, self.reset_button, self.png_button, self.csv_button,
                 self.attach_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        b = QPushButton(text)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves the keys where they were
        b.clicked.connect(lambda _checked=False: slot())
        return b

    @property
    def lang(self) -> str:
        """The demo's words (title, summary, parameters, figure): the interface language's."""
        return "zh" if self.ctx.interface_language == "zh" else "en"

    # ----- opening -----------------------------------------------------------------------------
    def open_demo(self, demo_id: str, preset: dict[str, Any] | None = None, source: str | None = None) -> bool:
        """Show `demo_id` with `preset` (the card's parameters) or its defaults, and run it."""
        self._cancel_run()
        self.result = None
        self.source_card = source
        try:
            opened = demos.open_preset(demo_id, preset)
        except demos.DemoError as exc:
            self.spec = None
            self.title.setText(demo_id)
            self.summary.setText("")
            self._show_error(str(exc))
            return False
        spec, problems = opened.spec, opened.ignored
        self.preset = opened.preset
        self.spec = spec
        self.title.setText(f"<b>{spec.title_zh}</b> · {spec.title_en}  <span style='color:gray'>§{spec.section}</span>")
        summary = spec.summary_zh if self.lang == "zh" and spec.summary_zh else spec.summary_en
        origin = "  " + self.tr("(preset from card {card})").format(card=f"<i>{source}</i>") if source else ""
        self.summary.setText(summary + origin)
        self.reset_button.setText(self.tr("Reset to preset") if self.preset else self.tr("Reset to defaults"))
        self.form = ParamForm(spec, self.lang)
        self.form.set_values(opened.values)
        self.form.changed.connect(self.param_changed)
        self.form_area.setWidget(self.form)
        self._tab_from_form_to_buttons(self.form)
        device = self.ctx.settings.demo_device
        self.device_combo.blockSignals(True)
        self.device_combo.setCurrentIndex(max(0, self.device_combo.findData(device)))
        self.device_combo.blockSignals(False)
        self.plot.image = None
        warm = demos.warm_state()
        self.plot.set_placeholder(self.tr("Running…") if warm.done else _warm_words(warm))
        self._clear_error()
        if problems:
            self._show_error(self.tr("Ignored preset values: {problems}").format(problems="; ".join(problems)))
        self._ensure_renderer(spec)
        self.run_now()
        return True

    def _ensure_renderer(self, spec: DemoSpec) -> None:
        from quizapp.plots.figure_renderer import FigureRenderer  # the first matplotlib import

        size = (max(self.plot.width(), 400), max(self.plot.height(), 300))
        theme = self.ctx.theme.effective if self.ctx.theme is not None else "light"
        if self.renderer is None:
            self.renderer = FigureRenderer(spec, self.lang, theme, size, self.plot.device_ratio())
        else:
            renderer = self.renderer
            self._render_ops.run(lambda: renderer.set_spec(spec, self.lang))
            renderer.set_theme(theme)

    # ----- running -----------------------------------------------------------------------------
    def param_changed(self, _name: str = "") -> None:
        """Cancel the run in flight now; start the new one once the burst of changes is over."""
        if self._worker is not None and self._worker.is_running:
            self._worker.abort()
        self._debounce.start()

    def overrides(self) -> dict[str, Any]:
        return self.form.values() if self.form is not None else {}

    def run_now(self) -> None:
        self._debounce.stop()
        if self.spec is None:
            return
        if self._worker is not None and self._worker.is_running:
            self._worker.abort()
            self._restart_after_abort = True  # started from _worker_finished
            return
        demo_id, params, device = self.spec.id, self.overrides(), self.device_combo.currentData() or "auto"
        self.runs_started += 1
        self._run_started_at = time.perf_counter()
        self._clear_error()
        warm = demos.warm_state()
        self.status_label.setText(self.tr("Running…") if warm.done else _warm_words(warm))

        def frames(is_aborted: Callable[[], bool]) -> Iterator[demos.WarmUp | demos.Frame | DemoResult]:
            for state in demos.warm_up_steps():  # the first run loads torch: say what it waits for
                if not state.done:
                    yield state
            demos.share_cores_with_the_gui()
            yield from demos.stream(demo_id, params, device, is_cancelled=is_aborted)

        worker = GeneratorWorker(frames, self._run_pool)
        worker.yielded.connect(self._on_item)
        worker.errored.connect(self._on_error)
        worker.finished.connect(self._worker_finished)
        self._worker = worker
        worker.start()
        self.run_started.emit(self.runs_started)

    def _cancel_run(self) -> None:
        self._debounce.stop()
        self._restart_after_abort = False
        if self._worker is not None:
            self._worker.abort()

    def _is_current(self) -> bool:
        worker = self._worker
        return worker is not None and self.sender() is worker.signals and not worker.aborted

    def _on_item(self, item: Any) -> None:
        if not self._is_current():
            return
        if isinstance(item, demos.WarmUp):
            self._warm_progress(item)
            return
        self.frames_received += 1
        if isinstance(item, DemoResult):
            self.result = item
            self._result_run = self.runs_started
            self.status_label.setText(self.tr("Drawing the result…"))  # "Done" once it is on screen
            if self.form is not None and self.spec is not None:
                self.form.show_in_use(demos.values_in_use(self.spec, item))
        else:
            self.status_label.setText(self.tr("Running… {percent}%").format(percent=f"{100 * item.progress:.0f}"))
        self._submit_render(item)

    def _on_error(self, exc: BaseException) -> None:
        if not self._is_current():
            return
        self._show_error(describe_error(exc))
        if self.plot.image is None:
            self.plot.set_placeholder(self.tr("No plot: the demo stopped with an error."))
        self.status_label.setText("")
        self.run_failed.emit(describe_error(exc))

    def _worker_finished(self) -> None:
        worker = self._worker
        if worker is None or self.sender() is not worker.signals:
            return  # an older run that was replaced
        self._worker = None
        if self._restart_after_abort:
            self._restart_after_abort = False
            self.run_now()

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.is_running

    def _show_result_text(self, result: DemoResult) -> None:
        seconds = time.perf_counter() - self._run_started_at
        self.device_label.setText(self.tr("in use: {device}").format(device=f"<b>{result.device}</b>"))
        shown = {k: v for k, v in result.metrics.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        metrics = ", ".join(f"{demos.metric_label(k, self.lang)} = {v:.4g}" for k, v in list(shown.items())[:6])
        notes = " ".join(result.messages)
        diverged = "  <b style='color:#d55e00'>" + self.tr("Diverged: the finite part is plotted.") + "</b>" \
            if result.metrics.get("diverged") else ""
        done = self.tr("Done in {seconds} s on {device}.").format(seconds=f"{seconds:.2f}", device=result.device)
        self.status_label.setText(f"{done}{diverged} {metrics}"
                                  + (f"<br>{notes}" if notes else ""))
        self.run_finished.emit(result)

    # ----- drawing (latest frame wins) -----------------------------------------------------------
    def _submit_render(self, data: Any) -> None:
        self._render_pending = data
        if not self._render_busy:
            self._start_render()

    def _start_render(self) -> None:
        data, self._render_pending = self._render_pending, None
        renderer = self.renderer
        if data is None or renderer is None:
            return
        self._render_busy = True
        self._render_ops.run(lambda: _to_image(renderer.render(data)), on_done=self._rendered,
                             on_error=partial(self._render_failed, data=data))

    def _rendered(self, out: tuple[QImage, "RenderedFrame"]) -> None:
        self._render_busy = False
        image, frame = out
        self.plot.set_image(image)
        self.plot.repaint()  # on screen now, so `plot_shown` timings are honest
        self.frames_shown += 1
        self.plot_shown.emit(frame)
        if frame.data is self.result and self._result_run == self.runs_started and self._result_run:
            self._result_run = 0  # the status says "Done" only once the result is on screen
            self._show_result_text(frame.data)
        if self._render_pending is not None:
            self._start_render()

    def _render_failed(self, exc: BaseException, data: Any) -> None:
        self._render_busy = False
        if isinstance(data, DemoResult):
            self._show_error(f"Could not draw the result: {describe_error(exc)}")
            self.status_label.setText("")
        else:  # a frame that cannot be drawn is skipped; the final result still is
            log.debug("frame not drawn: %s", exc)
        if self._render_pending is not None:
            self._start_render()

    def _plot_resized(self, width: int, height: int, dpr: float) -> None:
        renderer = self.renderer
        if renderer is None:
            return
        renderer.set_size(width, height, dpr)
        if not self.is_running():
            self._rerender()

    def _theme_changed(self, theme: str) -> None:
        if self.renderer is not None:
            self.renderer.set_theme(theme)
            if not self.is_running():
                self._rerender()

    def _rerender(self) -> None:
        """Draw the finished run again (new size or theme). Never the renderer's last drawing: after
        another demo was opened that is the old demo's data, and submitting it replaced the new
        run's result waiting to be drawn (the status stayed at "Drawing the result…")."""
        if self.renderer is None or self.result is None or self._render_pending is not None:
            return  # nothing finished to draw, or a newer item is waiting and will be drawn as things are now
        self._submit_render(self.result)

    # ----- reset, export, errors -------------------------------------------------------------
    def reset(self) -> None:
        if self.spec is None or self.form is None:
            return
        self.form.set_values(self.spec.resolve(self.preset))
        self.param_changed("reset")

    def export_png(self, path: str | Path) -> None:
        renderer = self.renderer
        if renderer is None or renderer.last is None:
            self.window_.status(self.tr("Nothing to export yet"))
            return
        self._render_ops.run(lambda: renderer.save_png(path),
                             on_done=lambda p: self.window_.status(self.tr("Figure saved to {path}").format(path=p),
                                                                   6000),
                             on_error=lambda exc: self._show_error(
                                 self.tr("Export failed: {error}").format(error=describe_error(exc))))

    def export_csv(self, path: str | Path) -> None:
        from quizapp.plots.demo_csv import write_csv  # no matplotlib

        result = self.result
        if result is None:
            self.window_.status(self.tr("No finished run to export yet"))
            return
        self._render_ops.run(lambda: write_csv(result, path),
                             on_done=lambda p: self.window_.status(self.tr("Data saved to {path}").format(path=p),
                                                                   6000),
                             on_error=lambda exc: self._show_error(
                                 self.tr("Export failed: {error}").format(error=describe_error(exc))))

    def _default_name(self, suffix: str) -> str:
        return str(Path.home() / f"{self.spec.id if self.spec else 'demo'}.{suffix}")

    def export_png_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export figure"), self._default_name("png"),
                                              self.tr("PNG image (*.png)"))
        if path:
            self.export_png(path)

    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export data"), self._default_name("csv"),
                                              self.tr("CSV (*.csv)"))
        if path:
            self.export_csv(path)

    def attach_study_dialog(self) -> SweepAttachDialog:
        from quizapp.ui.sweep_attach_dialog import SweepAttachDialog

        # the collection's own URL, so the dialog refuses it as a storage (Optuna's tables must not go there)
        dialog = SweepAttachDialog(self, collection=str(self.ctx.services.study.db.url))
        dialog.setModal(False)
        dialog.show()
        return dialog

    def _show_error(self, message: str) -> None:
        self.error_label.setText(f"⚠ {message}")
        self.error_label.setVisible(True)

    def _clear_error(self) -> None:
        self.error_label.setText("")
        self.error_label.setVisible(False)

    # ----- warming the engine and the devices it offers --------------------------------------------
    def warm_up_in_background(self) -> None:
        """Load torch, the engine and matplotlib on a background thread now, so the first demo
        opens at once (the app calls this once its first screen is on show)."""
        if self._warm_thread is not None or demos.warm_state().done:
            return
        signal = self.warmed

        def work() -> None:
            demos.warm_up(progress=_emit_quietly(signal))

        self._warm_thread = threading.Thread(target=work, name="quizapp-warm-up", daemon=True)
        self._warm_thread.start()

    def _warm_progress(self, state: "demos.WarmUp") -> None:
        if state.done:
            self._refresh_devices()
            return
        if self.spec is not None and self.plot.image is None and self.is_running():
            words = _warm_words(state)
            self.plot.set_placeholder(words)
            self.status_label.setText(words)

    def _refresh_devices(self) -> None:
        """Offer the devices this machine has (cuda only with a CUDA GPU); needs torch loaded."""
        try:
            available = demos.devices()
        except ImportError:  # torch missing: the demo's own run reports it
            return
        self._set_devices(available)

    def _set_devices(self, names: tuple[str, ...]) -> None:
        combo = self.device_combo
        current = combo.currentData() or self.ctx.settings.demo_device
        if tuple(combo.itemData(i) for i in range(combo.count())) == names:
            return
        combo.blockSignals(True)
        combo.clear()
        for name in names:
            combo.addItem(self.tr(DEVICE_NAMES.get(name, name)), name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # ----- screen hooks and keys ---------------------------------------------------------------
    def screen_shown(self) -> None:
        self.setFocus()

    def screen_hidden(self) -> None:
        self._cancel_run()  # no demo computes behind another screen

    def screen_closing(self) -> None:
        self._cancel_run()
        if self._worker is not None:
            self._worker.wait(2.0)
        self._render_ops.wait_idle(2000)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.window_.go_back("gallery")
        elif event.key() == Qt.Key.Key_R and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.run_now()
        else:
            super().keyPressEvent(event)



def _warm_words(state: "demos.WarmUp") -> str:
    return QCoreApplication.translate("DemoPanel", "{doing} (step {step} of {steps}, {seconds} s)").format(
        doing=state.doing, step=state.step + 1, steps=state.steps, seconds=f"{state.seconds:.1f}")


def _emit_quietly(signal: SignalInstance) -> Callable[[object], None]:
    """A progress callback for a background thread: emits `signal`, unless the window is gone."""
    def emit(state: object) -> None:
        try:
            signal.emit(state)
        except RuntimeError:  # the panel was deleted meanwhile
            pass
    return emit


def _to_image(frame: "RenderedFrame") -> tuple[QImage, "RenderedFrame"]:
    """On the render thread: the RGBA bytes as a QImage that owns its pixels."""
    image = QImage(frame.rgba, frame.width, frame.height, 4 * frame.width, QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(frame.dpr)
    return image, frame


def install(window: MainWindow) -> None:
    panel = DemoPanel(window)
    window.add_screen("demo", panel, QCoreApplication.translate("DemoPanel", "Demo"), menu=None, remember=False)
    window.add_action("Tools", QCoreApplication.translate("DemoPanel", "Export demo &figure (PNG)…"),
                      panel.export_png_dialog, shortcut="Ctrl+E", group="Demo")
    window.add_action("Tools", QCoreApplication.translate("DemoPanel", "Export demo &data (CSV)…"),
                      panel.export_csv_dialog, shortcut="Ctrl+Shift+E", group="Demo")
    window.register_shortcuts("Demo", [("R", QCoreApplication.translate("DemoPanel", "Run the demo again")),
                                       ("Esc", QCoreApplication.translate("DemoPanel", "Back"))])

