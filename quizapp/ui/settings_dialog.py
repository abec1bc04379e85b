"""Tools → Settings: daily limits, study-day start, re-drill steps, grading, the scheduler (SM-2
or FSRS, with FSRS's desired retention: docs/fsrs.md), language, theme, demo device, reminder
time and backups kept.

Values are checked by the same rules the service applies (quizapp.domain.settings.validate);
a refused value is named in the dialog, which stays open with what the user typed, and
nothing is stored. Saving is an op (ctx.update_settings); every screen then sees a "settings"
change and the theme switches at once.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from quizapp.domain import settings as rules
from quizapp.domain.settings import Settings
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import describe_error

CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "grading": (("four", "Four buttons: Again / Hard / Good / Easy"), ("six", "Six grades: 0–5 (SuperMemo)")),
    "language": (("both", "中文 + English"), ("zh", "中文"), ("en", "English")),
    "theme": (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")),
    "demo_device": (("auto", "Auto (a CUDA GPU when there is one)"), ("cpu", "CPU"), ("cuda", "CUDA GPU")),
    "scheduler": (("sm2", "SM-2 (the default)"), ("fsrs", "FSRS (fitted to you: quizapp fsrs optimize)")),
}
# name -> (label, widest range the box accepts, suffix); the rules decide what is valid
NUMBERS: dict[str, tuple[str, int, int, str]] = {
    "new_per_day": ("New cards per day", 0, 99999, ""),
    "reviews_per_day": ("Reviews per day", 0, 999999, ""),
    "day_start_hour": ("A study day starts at", 0, 99, ":00"),
    "backups_kept": ("Backups kept", 0, 999, ""),
    "redrill_cards_between": ("Other cards before a re-drill", 0, 999, " cards"),
}


class SettingsDialog(QDialog):
    saved = Signal(object)  # Settings
    refused = Signal(str)  # the message shown

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.ctx = window.ctx
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        self.combos: dict[str, QComboBox] = {}
        current = self.ctx.settings
        for name in ("new_per_day", "reviews_per_day", "day_start_hour"):
            form.addRow(NUMBERS[name][0], self._spin(name, getattr(current, name)))
        self.redrill_steps = QLineEdit(current.redrill_steps)
        self.redrill_steps.setPlaceholderText("1m 10m")
        self.redrill_steps.setToolTip("When a card you missed comes back today, like Anki's learning steps: the "
                                      "first return after the first step, later ones after the next (the last "
                                      "repeats). Minutes, or hours with h.")
        form.addRow("Re-drill steps", self.redrill_steps)
        between = self._spin("redrill_cards_between", current.redrill_cards_between)
        between.setToolTip("A missed card also waits until this many other cards were answered, when there are any")
        form.addRow(NUMBERS["redrill_cards_between"][0], between)
        form.addRow("Grading", self._combo("grading", current.grading))
        form.addRow("Scheduler", self._combo("scheduler", current.scheduler))
        # FSRS's desired retention (docs/fsrs.md): the recall probability at which a card falls due
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.5, 1.0)
        self.retention.setSingleStep(0.01)
        self.retention.setValue(current.desired_retention)
        form.addRow("FSRS desired retention", self.retention)
        form.addRow("Card language", self._combo("language", current.language))
        form.addRow("Theme", self._combo("theme", current.theme))
        form.addRow("Demo device", self._combo("demo_device", current.demo_device))
        self.reminder = QLineEdit(current.reminder_time)
        self.reminder.setPlaceholderText("HH:MM, empty for no reminder")
        self.reminder.setToolTip("A daily reminder (system tray, or a banner in the window) at this time "
                                 "while quizapp runs; empty turns it off")
        form.addRow("Daily reminder at", self.reminder)
        form.addRow(NUMBERS["backups_kept"][0], self._spin("backups_kept", current.backups_kept))
        layout.addLayout(form)
        note = QLabel("Backups are made automatically (at most every 30 minutes of use, and on quit) into the "
                      "“backups” folder next to your collection; Tools → Backups restores one.")
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _spin(self, name: str, value: int) -> QSpinBox:
        _label, low, high, suffix = NUMBERS[name]
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setValue(value)
        self.spins[name] = spin
        return spin

    def _combo(self, name: str, value: str) -> QComboBox:
        box = QComboBox()
        for key, label in CHOICES[name]:
            box.addItem(label, key)
        box.setCurrentIndex(max(0, box.findData(value)))
        self.combos[name] = box
        return box

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: spin.value() for name, spin in self.spins.items()}
        out.update({name: box.currentData() for name, box in self.combos.items()})
        out["reminder_time"] = self.reminder.text().strip()
        out["desired_retention"] = round(self.retention.value(), 2)
        out["redrill_steps"] = " ".join(self.redrill_steps.text().split())
        return out

    def changes(self) -> dict[str, Any]:
        current: Settings = self.ctx.settings
        return {k: v for k, v in self.values().items() if getattr(current, k) != v}

    def save(self) -> None:
        changes = self.changes()
        problems = rules.validate(changes)
        if problems:
            self.show_problems(problems)
            return
        if not changes:
            self.accept()
            return
        self.buttons.setEnabled(False)
        if "theme" in changes and self.ctx.theme is not None:
            self.ctx.theme.set_mode(changes["theme"])

        def stored(settings: Settings) -> None:
            self.saved.emit(settings)
            self.window_.status("Settings saved", 3000)
            self.accept()

        self.ctx.update_settings(changes, on_done=stored,
                                 on_error=lambda exc: self.show_problems([describe_error(exc)]))

    def show_problems(self, problems: list[str]) -> None:
        self.buttons.setEnabled(True)
        labels = {name: NUMBERS[name][0] if name in NUMBERS else name.replace("_", " ") for name in self.values()}
        labels["reminder_time"] = "Daily reminder at"
        labels["redrill_steps"] = "Re-drill steps"
        lines = []
        for problem in problems:
            name, _, message = problem.partition(": ")
            lines.append(f"• {labels.get(name, name)}: {message}" if message else f"• {problem}")
        text = "Not saved:\n" + "\n".join(lines)
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.refused.emit(text)


def open_settings(window: MainWindow) -> SettingsDialog:
    dialog = SettingsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install(window: MainWindow) -> None:
    window.add_action("Tools", "&Settings…", lambda: open_settings(window), shortcut="Ctrl+,", group="Window")
