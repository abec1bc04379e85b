"""Small dialogs: Help → Keyboard shortcuts and the About box."""
from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import quizapp
from quizapp.ui.translation import QT_TRANSLATE_NOOP


# the groups of Help → Keyboard shortcuts: English keys (MainWindow.register_shortcuts), shown translated
SHORTCUT_GROUPS = (QT_TRANSLATE_NOOP("Shortcuts", "Screens"), QT_TRANSLATE_NOOP("Shortcuts", "Window"),
                   QT_TRANSLATE_NOOP("Shortcuts", "Study"), QT_TRANSLATE_NOOP("Shortcuts", "Overview"),
                   QT_TRANSLATE_NOOP("Shortcuts", "Browser"), QT_TRANSLATE_NOOP("Shortcuts", "Demo"),
                   QT_TRANSLATE_NOOP("Shortcuts", "Quiz"), QT_TRANSLATE_NOOP("Shortcuts", "Mock interview"),
                   QT_TRANSLATE_NOOP("Shortcuts", "Statistics"))


def shortcuts_html(groups: dict[str, list[tuple[str, str]]]) -> str:
    rows = []
    for group, entries in groups.items():
        title = html.escape(QCoreApplication.translate("Shortcuts", group))
        rows.append(f"<tr><td colspan='2' style='padding-top:10px'><b>{title}</b></td></tr>")
        for keys, what in entries:
            rows.append(f"<tr><td style='padding-right:24px'><code>{html.escape(keys)}</code></td>"
                        f"<td>{html.escape(what)}</td></tr>")
    return f"<table cellspacing='2'>{''.join(rows)}</table>"


class ShortcutsDialog(QDialog):
    def __init__(self, groups: dict[str, list[tuple[str, str]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setHtml(shortcuts_html(groups))
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def about_text() -> str:
    about = QCoreApplication.translate(
        "About", "<p>Flashcards and live PyTorch demos for deep-learning interview prep, from chapter 7 of "
        "<i>Neural Networks and Deep Learning</i> (network optimization and regularization), "
        "scheduled with SuperMemo's SM-2.</p>"
        "<p>Chinese text uses a subset of Noto Sans CJK SC (SIL Open Font License 1.1, see "
        "assets/fonts/OFL.txt). Formulas are rendered with matplotlib mathtext.</p>")
    return (f"<h3>quizapp {quizapp.__version__}</h3>{about}"
            f"<p style='color:gray'>Python {platform.python_version()} · PySide6 {pyside_version}</p>")
