"""Controls generated from a demo's parameter spec (a `Param`, via quizapp.services.demos).

float → a slider (log-scaled when the spec says so) with a spin box beside it; int → a spin
box (plus a slider when the range is wide or log-scaled); choice → a combo box showing the
values' names in words; bool → a check box. A rate whose 0 means "the demo's tuned value"
(optimizer-race's lr_sgd, ...) gets a "tuned" check box and a log slider that shows the value
in use. Every control emits `ParamForm.changed(name)` when the user (or `set_values`) changes it.
Plain letter keys are left to the panel (R runs the demo again), not used to search a combo box.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QSlider,
                               QSpinBox, QWidget)

from quizapp.services.demos import DemoSpec, Param, choice_label, is_auto_param
from quizapp.ui.theme import scaled_px
from quizapp.ui.translation import QT_TRANSLATE_NOOP

# the parameters' units (engine/demos/*/spec.py), shown after the number in the interface language
UNITS = {u: u for u in (QT_TRANSLATE_NOOP("ParamControl", "steps"), QT_TRANSLATE_NOOP("ParamControl", "units"),
                        QT_TRANSLATE_NOOP("ParamControl", "samples"), QT_TRANSLATE_NOOP("ParamControl", "trials"),
                        QT_TRANSLATE_NOOP("ParamControl", "epochs"), QT_TRANSLATE_NOOP("ParamControl", "values"),
                        QT_TRANSLATE_NOOP("ParamControl", "sequences"), QT_TRANSLATE_NOOP("ParamControl", "batches"),
                        QT_TRANSLATE_NOOP("ParamControl", "hidden layers"),
                        QT_TRANSLATE_NOOP("ParamControl", "features"), QT_TRANSLATE_NOOP("ParamControl", "1/step"))}

SLIDER_STEPS = 1000
SLIDER_MIN_WIDTH = 110  # a long label wraps instead of squeezing the slider to a handle
LABEL_MIN_WIDTH, LABEL_MAX_WIDTH = 100, 150
AUTO_DECADES = 5  # a "tuned" rate's slider spans this many decades below its upper bound


class ChoiceBox(QComboBox):
    """A combo box that leaves letter keys to its parents: its keyboard search would turn R
    ("run again") into a jump to the first item starting with r."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.text().isalpha() and not (event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier):
            event.ignore()  # goes on to the demo panel
            return
        super().keyPressEvent(event)


class ParamControl(QObject):
    """One parameter's widget(s); `value()` is already of the parameter's kind."""

    changed = Signal()

    def __init__(self, param: Param, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.param = param
        self.widget = QWidget(parent)
        self.widget.setObjectName(f"param-{param.name}")
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider: QSlider | None = None
        self.spin: QSpinBox | QDoubleSpinBox | None = None
        self.combo: QComboBox | None = None
        self.check: QCheckBox | None = None
        self.auto: QCheckBox | None = None  # "tuned": the parameter's 0, the demo's own value
        self.in_use: float | None = None  # the value a "tuned" rate had in the last run
        p = param
        # the slider's scale: the spec's, or for a "tuned" rate a log scale above 0
        self._auto_param = is_auto_param(p)
        self._log = p.log or self._auto_param
        self._high = float(p.high) if p.high is not None else 1.0
        self._low = self._high / 10**AUTO_DECADES if self._auto_param else float(p.low or 0.0)
        if p.kind == "float":
            if self._auto_param:
                self.auto = QCheckBox(self.tr("tuned"))
                self.auto.setToolTip(self.tr("Use the value tuned for this demo; move the slider to choose your own"))
                self.auto.toggled.connect(self._auto_toggled)
                layout.addWidget(self.auto)
            self.slider = self._make_slider(layout)
            spin = _NumberSpinBox()
            spin.setDecimals(15)
            spin.setRange(self._low, self._high)
            spin.setSingleStep(_step(p))
            if self._log:
                spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
            self.spin = spin
        elif p.kind == "int":
            assert p.low is not None and p.high is not None  # Param checks numeric bounds at creation
            span = float(p.high) - float(p.low)
            if p.log or 10 < span <= 100000:
                self.slider = self._make_slider(layout)
            spin_i = QSpinBox()
            spin_i.setRange(int(p.low), int(min(p.high, 2**31 - 1)))
            self.spin = spin_i
        elif p.kind == "choice":
            self.combo = ChoiceBox()
            for choice in p.choices:
                self.combo.addItem(choice_label(choice, lang), choice)
            self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            layout.addWidget(self.combo, 1)
        else:
            self.check = QCheckBox()
            self.check.toggled.connect(lambda _b: self.changed.emit())
            layout.addWidget(self.check)
            layout.addStretch(1)
        if self.spin is not None:
            self.spin.setKeyboardTracking(False)  # typing "0.05" is one change, not four
            self.spin.setMinimumWidth(86)
            if p.unit:
                self.spin.setSuffix(" " + (self.tr(p.unit) if p.unit in UNITS else p.unit))
            self.spin.valueChanged.connect(self._spin_moved)
            layout.addWidget(self.spin)
        help_text = (p.help_zh if lang == "zh" and p.help_zh else p.help_en) or p.describe_range()
        self.widget.setToolTip(f"{p.name}: {help_text}")
        self.set_value(p.default, emit=False)

    # ----- slider mapping (log scales map the exponent linearly) ---------------------------
    def _make_slider(self, layout: QHBoxLayout) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        slider.setRange(0, SLIDER_STEPS)
        slider.valueChanged.connect(self._slider_moved)
        layout.addWidget(slider, 1)
        return slider

    def _to_slider(self, value: float) -> int:
        lo, hi = self._low, self._high
        if hi == lo:
            return 0
        if self._log:
            value = max(value, lo)
            frac = (math.log(value) - math.log(lo)) / (math.log(hi) - math.log(lo))
        else:
            frac = (value - lo) / (hi - lo)
        return round(min(1.0, max(0.0, frac)) * SLIDER_STEPS)

    def _from_slider(self, position: int) -> float:
        lo, hi = self._low, self._high
        frac = position / SLIDER_STEPS
        if self._log:
            value = math.exp(math.log(lo) + frac * (math.log(hi) - math.log(lo)))
            return float(f"{value:.3g}")  # round to 3 significant digits: 0.0123, not 0.012345678
        value = lo + frac * (hi - lo)
        return round(value, _decimals(self.param))

    def _slider_moved(self, position: int) -> None:
        assert self.spin is not None
        value = self._from_slider(position)
        if self.param.kind == "int":
            value = int(round(value))
        with QSignalBlocker(self.spin):
            self._set_spin(value)
        self._own_value_chosen()
        self.changed.emit()

    def _spin_moved(self, value: float) -> None:
        if self.slider is not None:
            with QSignalBlocker(self.slider):
                self.slider.setValue(self._to_slider(float(value)))
        self._own_value_chosen()
        self.changed.emit()

    def _own_value_chosen(self) -> None:
        """Moving a "tuned" rate's slider or spin box picks that value instead of the tuned one."""
        if self.auto is not None and self.auto.isChecked():
            with QSignalBlocker(self.auto):
                self.auto.setChecked(False)
            self._mark_tuned(False)

    def _auto_toggled(self, tuned: bool) -> None:
        self._mark_tuned(tuned)
        if tuned and self.in_use is not None:
            self._show_number(self.in_use)
        self.changed.emit()

    def _mark_tuned(self, tuned: bool) -> None:
        """Until a run reports the tuned value, a ticked "tuned" spin box says so instead of
        showing its lowest number."""
        assert self.spin is not None
        self.spin.setSpecialValueText(self.tr("tuned…") if tuned and self.in_use is None else "")

    def _show_number(self, value: float) -> None:
        assert self.spin is not None
        with QSignalBlocker(self.spin):
            self._set_spin(value)
        if self.slider is not None:
            with QSignalBlocker(self.slider):
                self.slider.setValue(self._to_slider(float(value)))

    def _set_spin(self, value: float) -> None:
        assert self.spin is not None
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(int(value))  # truncated, as Qt itself converts a float for an int box
        else:
            self.spin.setValue(value)

    def show_in_use(self, value: float) -> None:
        """The value a "tuned" rate had in the last run: shown while "tuned" is ticked."""
        self.in_use = value
        if self.auto is not None and self.auto.isChecked():
            self._mark_tuned(True)
            self._show_number(value)
            self.widget.setToolTip(self.tr("{name}: tuned value in use: {value}. Move the slider to choose your own.")
                                   .format(name=self.param.name, value=f"{value:.4g}"))

    # ----- value ---------------------------------------------------------------------------
    def value(self) -> Any:
        p = self.param
        if p.kind == "float":
            assert self.spin is not None
            if self.auto is not None and self.auto.isChecked():
                return 0.0  # the spec's "tuned" value
            return float(self.spin.value())
        if p.kind == "int":
            assert self.spin is not None
            return int(self.spin.value())
        if p.kind == "choice":
            assert self.combo is not None
            return self.combo.currentData()
        assert self.check is not None
        return self.check.isChecked()

    def set_value(self, value: Any, emit: bool = True) -> None:
        blockers = [QSignalBlocker(w) for w in (self.slider, self.spin, self.combo, self.check, self.auto)
                    if w is not None]
        p = self.param
        if self.auto is not None:
            tuned = float(value) == 0.0
            self.auto.setChecked(tuned)
            self._mark_tuned(tuned)
            if not tuned:
                self._show_number(float(value))
            elif self.in_use is not None:
                self._show_number(self.in_use)
        elif p.kind in ("float", "int"):
            assert self.spin is not None
            self.spin.setValue(value)
            if self.slider is not None:
                self.slider.setValue(self._to_slider(float(value)))
        elif p.kind == "choice":
            assert self.combo is not None
            self.combo.setCurrentIndex(max(0, self.combo.findData(str(value))))
        else:
            assert self.check is not None
            self.check.setChecked(bool(value))
        del blockers
        if emit:
            self.changed.emit()


def _decimals(p: Param) -> int:
    """Decimals a slider value is rounded to: two significant digits of the smallest bound."""
    values = [abs(float(v)) for v in (p.low, p.high, p.default) if v is not None and float(v) != 0]
    smallest = min(values) if values else 1.0
    return max(2, min(12, 2 - math.floor(math.log10(smallest)))) if smallest < 1 else 2


class _NumberSpinBox(QDoubleSpinBox):
    """A spin box that shows 0.001 and 1e-12 alike readably (%g), keeping full precision."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return f"{value:.4g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        try:
            return float(text.removesuffix(self.suffix()).strip())
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        body = text.removesuffix(self.suffix()).strip()
        try:
            float(body)
            return (QValidator.State.Acceptable, text, pos)
        except ValueError:
            ok = all(c in "0123456789.eE+-" for c in body)
            return (QValidator.State.Intermediate if ok else QValidator.State.Invalid, text, pos)


def _step(p: Param) -> float:
    span = float(p.high) - float(p.low)  # type: ignore[arg-type]
    return float(f"{span / 100:.1g}") if span > 0 else 0.1


class ParamForm(QWidget):
    """A form of controls for a spec's parameters (seed last)."""

    changed = Signal(str)  # the parameter's name

    def __init__(self, spec: DemoSpec, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.controls: dict[str, ParamControl] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for p in spec.params:
            control = ParamControl(p, lang, self)
            control.changed.connect(lambda name=p.name: self.changed.emit(name))
            self.controls[p.name] = control
            label = QLabel(p.label_zh if lang == "zh" and p.label_zh else p.label_en)
            label.setToolTip(control.widget.toolTip())
            # a steady label column: short labels on one line, long ones wrapped within it
            # (the column grows with the interface font, so a 150 % font wraps as the default does)
            low, high = scaled_px(LABEL_MIN_WIDTH), scaled_px(LABEL_MAX_WIDTH)
            words = max((label.fontMetrics().horizontalAdvance(w) for w in label.text().split()), default=0)
            label.setMinimumWidth(min(high, max(low, words + 6)))
            label.setMaximumWidth(high)
            label.setWordWrap(label.fontMetrics().horizontalAdvance(label.text()) > high)
            form.addRow(label, control.widget)

    def values(self) -> dict[str, Any]:
        return {name: c.value() for name, c in self.controls.items()}

    def show_in_use(self, values: Mapping[str, float]) -> None:
        """Show the values "tuned" rates had in the last run (services.demos.values_in_use)."""
        for name, value in values.items():
            if name in self.controls:
                self.controls[name].show_in_use(value)

    def set_values(self, values: Mapping[str, Any], emit: bool = False) -> None:
        for name, value in values.items():
            if name in self.controls:
                self.controls[name].set_value(value, emit=False)
        if emit:
            self.changed.emit(next(iter(values), ""))
