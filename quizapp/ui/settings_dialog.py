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

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from quizapp.domain import settings as rules
from quizapp.domain.settings import Settings
from quizapp.services.database import location_of, shown_location, try_shared_collection
from quizapp.ui.collection_location import store_location, stored_location
from quizapp.ui.main_window import MainWindow
from quizapp.ui.ops import describe_error
from quizapp.ui.translation import QT_TRANSLATE_NOOP

CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "grading": (("four", QT_TRANSLATE_NOOP("SettingsDialog", "Four buttons: Again / Hard / Good / Easy")),
                ("six", QT_TRANSLATE_NOOP("SettingsDialog", "Six grades: 0–5 (SuperMemo)"))),
    "language": (("both", "中文 + English"), ("zh", "中文"), ("en", "English")),
    # the window's words (quizapp/i18n); each language named in itself, so it can be found in either
    "interface_language": (("system", QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system")), ("zh", "中文"),
                           ("en", "English")),
    "theme": (("system", QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system")),
              ("light", QT_TRANSLATE_NOOP("SettingsDialog", "Light")),
              ("dark", QT_TRANSLATE_NOOP("SettingsDialog", "Dark"))),
    "demo_device": (("auto", QT_TRANSLATE_NOOP("SettingsDialog", "Auto (a CUDA GPU when there is one)")),
                    ("cpu", "CPU"),
                    ("cuda", QT_TRANSLATE_NOOP("SettingsDialog", "CUDA GPU"))),
    "scheduler": (("sm2", QT_TRANSLATE_NOOP("SettingsDialog", "SM-2 (the default)")),
                  ("fsrs", QT_TRANSLATE_NOOP("SettingsDialog", "FSRS (fitted to you: quizapp fsrs optimize)"))),
}
# name -> (label, widest range the box accepts, suffix); the rules decide what is valid
NUMBERS: dict[str, tuple[str, int, int, str]] = {
    "new_per_day": (QT_TRANSLATE_NOOP("SettingsDialog", "New cards per day"), 0, 99999, ""),
    "reviews_per_day": (QT_TRANSLATE_NOOP("SettingsDialog", "Reviews per day"), 0, 999999, ""),
    "day_start_hour": (QT_TRANSLATE_NOOP("SettingsDialog", "A study day starts at"), 0, 99, ":00"),
    "backups_kept": (QT_TRANSLATE_NOOP("SettingsDialog", "Backups kept"), 0, 999, ""),
    "redrill_cards_between": (QT_TRANSLATE_NOOP("SettingsDialog", "Other cards before a re-drill"), 0, 999,
                              QT_TRANSLATE_NOOP("SettingsDialog", " cards")),
}


class SettingsDialog(QDialog):
    saved = Signal(object)  # Settings
    refused = Signal(str)  # the message shown

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.ctx = window.ctx
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        self.combos: dict[str, QComboBox] = {}
        current = self.ctx.settings
        for name in ("new_per_day", "reviews_per_day", "day_start_hour"):
            form.addRow(self.tr(NUMBERS[name][0]), self._spin(name, getattr(current, name)))
        self.redrill_steps = QLineEdit(current.redrill_steps)
        self.redrill_steps.setPlaceholderText("1m 10m")
        self.redrill_steps.setToolTip(self.tr("When a card you missed comes back today, like Anki's learning "
                                              "steps: the first return after the first step, later ones after the "
                                              "next (the last repeats). Minutes, or hours with h."))
        form.addRow(self.tr("Re-drill steps"), self.redrill_steps)
        between = self._spin("redrill_cards_between", current.redrill_cards_between)
        between.setToolTip(self.tr("A missed card also waits until this many other cards were answered, when "
                                   "there are any"))
        form.addRow(self.tr(NUMBERS["redrill_cards_between"][0]), between)
        form.addRow(self.tr("Grading"), self._combo("grading", current.grading))
        form.addRow(self.tr("Scheduler"), self._combo("scheduler", current.scheduler))
        # FSRS's desired retention (docs/fsrs.md): the recall probability at which a card falls due
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.5, 1.0)
        self.retention.setSingleStep(0.01)
        self.retention.setValue(current.desired_retention)
        form.addRow(self.tr("FSRS desired retention"), self.retention)
        # FSRS's learning steps: when a new (or forgotten) card is asked again while it is learnt
        self.fsrs_steps: dict[str, QLineEdit] = {}
        for name, label, tip in (
                ("fsrs_learning_steps", self.tr("FSRS learning steps"),
                 self.tr("FSRS: the steps of a new card before its first interval in days (py-fsrs's default: "
                         "1m 10m). A step that ends today brings the card back in today's session.")),
                ("fsrs_relearning_steps", self.tr("FSRS relearning steps"),
                 self.tr("FSRS: the steps of a forgotten card before it gets days again (default: 10m)."))):
            edit = QLineEdit(getattr(current, name))
            edit.setPlaceholderText(getattr(Settings(), name))
            edit.setToolTip(tip)
            form.addRow(label, edit)
            self.fsrs_steps[name] = edit
        form.addRow(self.tr("Card language"), self._combo("language", current.language))
        form.addRow(self.tr("Interface language"), self._combo("interface_language", current.interface_language))
        # the screens set their words when built: a new language shows from the next start
        self.language_note = QLabel(self.tr("The interface language changes when quizapp is started again."))
        self.language_note.setObjectName("hint")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.combos["interface_language"].currentIndexChanged.connect(lambda _i: self._show_language_note())
        form.addRow(self.language_note)  # the whole width: it wraps on two lines at most
        form.addRow(self.tr("Theme"), self._combo("theme", current.theme))
        form.addRow(self.tr("Demo device"), self._combo("demo_device", current.demo_device))
        self.reminder = QLineEdit(current.reminder_time)
        self.reminder.setPlaceholderText(self.tr("HH:MM, empty for no reminder"))
        self.reminder.setToolTip(self.tr("A daily reminder (system tray, or a banner in the window) at this time "
                                         "while quizapp runs; empty turns it off"))
        form.addRow(self.tr("Daily reminder at"), self.reminder)
        form.addRow(self.tr(NUMBERS["backups_kept"][0]), self._spin("backups_kept", current.backups_kept))
        layout.addLayout(form)
        note = QLabel(self.tr("Backups are made automatically (at most every 30 minutes of use, and on quit) "
                              "into the “backups” folder next to your collection; Tools → Backups restores one."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(self._build_location())
        self.error_label = QLabel("")
        self.error_label.setObjectName("demo-error")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # ----- where the collection lives (ui/collection_location.py) ------------------------------
    def _build_location(self) -> QFormLayout:
        form = QFormLayout()
        self.location_label = QLabel(location_of(self.ctx.services.study.db))
        self.location_label.setObjectName("collection-location")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setWordWrap(True)
        form.addRow(self.tr("Collection"), self.location_label)
        self._stored_server = stored_location(self.ctx.qsettings)
        self.server_url = QLineEdit(shown_location(self._stored_server) if self._stored_server else "")
        self.server_url.setPlaceholderText(self.tr("postgresql+psycopg://user@host/database"))
        self.server_url.setToolTip(self.tr(
            "A collection shared on a PostgreSQL server (pip install 'quizapp[postgres]'); empty: the file on "
            "this computer. --db and QUIZAPP_DB still come first."))
        self.use_server = QPushButton(self.tr("Check and use"))
        self.use_server.clicked.connect(self.choose_server)
        row = QHBoxLayout()
        row.addWidget(self.server_url, 1)
        row.addWidget(self.use_server)
        form.addRow(self.tr("PostgreSQL server"), row)
        self.location_note = QLabel("")
        self.location_note.setObjectName("hint")
        self.location_note.setWordWrap(True)
        self.location_note.setVisible(False)
        form.addRow(self.location_note)
        return form

    def choose_server(self) -> None:
        """Check the URL by connecting (on the op thread), then keep it for the next start."""
        text = self.server_url.text().strip()
        if self._stored_server and text == shown_location(self._stored_server):
            text = self._stored_server  # unchanged: the stored URL, password and all
        if not text:
            store_location(self.ctx.qsettings, None)
            self._stored_server = None
            self._say_location(self.tr("From the next start quizapp opens the collection file on this computer."))
            return
        self.use_server.setEnabled(False)
        self._say_location(self.tr("Connecting…"))

        def chosen(url: str) -> None:
            store_location(self.ctx.qsettings, url)
            self._stored_server = url
            self.use_server.setEnabled(True)
            self._say_location(self.tr("From the next start quizapp opens the collection at {url}.").format(
                url=shown_location(url)))

        def refused(exc: BaseException) -> None:
            self.use_server.setEnabled(True)
            self._say_location(self.tr("Not kept: {error}").format(error=describe_error(exc)), error=True)

        self.ctx.ops.run(lambda: try_shared_collection(text), on_done=chosen, on_error=refused)

    def _say_location(self, text: str, error: bool = False) -> None:
        self.location_note.setObjectName("demo-error" if error else "hint")
        self.location_note.style().unpolish(self.location_note)
        self.location_note.style().polish(self.location_note)
        self.location_note.setText(text)
        self.location_note.setVisible(True)

    def _show_language_note(self) -> None:
        self.language_note.setVisible("interface_language" in self.changes())
        self.adjustSize()  # room for the note (or none), so it is never clipped

    def _spin(self, name: str, value: int) -> QSpinBox:
        _label, low, high, suffix = NUMBERS[name]
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(self.tr(suffix) if suffix.strip(" :0") else suffix)
        spin.setValue(value)
        self.spins[name] = spin
        return spin

    def _combo(self, name: str, value: str) -> QComboBox:
        box = QComboBox()
        for key, label in CHOICES[name]:
            box.addItem(self.tr(label), key)
        box.setCurrentIndex(max(0, box.findData(value)))
        self.combos[name] = box
        return box

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: spin.value() for name, spin in self.spins.items()}
        out.update({name: box.currentData() for name, box in self.combos.items()})
        out["reminder_time"] = self.reminder.text().strip()
        out["desired_retention"] = round(self.retention.value(), 2)
        out["redrill_steps"] = " ".join(self.redrill_steps.text().split())
        out.update({name: " ".join(edit.text().split()) for name, edit in self.fsrs_steps.items()})
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
            self.window_.status(self.tr("Settings saved"), 3000)
            self.accept()

        self.ctx.update_settings(changes, on_done=stored,
                                 on_error=lambda exc: self.show_problems([describe_error(exc)]))

    def show_problems(self, problems: list[str]) -> None:
        self.buttons.setEnabled(True)
        labels = {name: self.tr(NUMBERS[name][0]) if name in NUMBERS else name.replace("_", " ")
                  for name in self.values()}
        labels["reminder_time"] = self.tr("Daily reminder at")
        labels["redrill_steps"] = self.tr("Re-drill steps")
        labels["fsrs_learning_steps"] = self.tr("FSRS learning steps")
        labels["fsrs_relearning_steps"] = self.tr("FSRS relearning steps")
        lines = []
        for problem in problems:
            name, _, message = problem.partition(": ")
            lines.append(f"• {labels.get(name, name)}: {message}" if message else f"• {problem}")
        text = self.tr("Not saved:") + "\n" + "\n".join(lines)
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self.refused.emit(text)


def open_settings(window: MainWindow) -> SettingsDialog:
    dialog = SettingsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install(window: MainWindow) -> None:
    window.add_action("Tools", QCoreApplication.translate("SettingsDialog", "&Settings…"),
                      lambda: open_settings(window),
                      shortcut="Ctrl+,", group="Window")
