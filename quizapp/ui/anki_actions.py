"""File → Import from Anki… / Export for Anki… (docs/anki.md): the file dialogs and the op that
runs the import or export on the op thread. A refused file is one line in a message box; an
import's `changes` refresh every screen through the op runner."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox

from quizapp.ui.ops import describe_error
from quizapp.ui.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from quizapp.ui.main_window import MainWindow

IMPORT_FILTER = QT_TRANSLATE_NOOP("AnkiActions", "Anki files (*.apkg *.colpkg *.csv *.txt *.tsv)")
EXPORT_FILTERS = (QT_TRANSLATE_NOOP("AnkiActions", "Anki package (*.apkg)"),
                  QT_TRANSLATE_NOOP("AnkiActions", "Anki text format (*.txt)"))
SCHEDULING_TEXT = QT_TRANSLATE_NOOP("AnkiActions", "With scheduling and review history")


def _tr(text: str) -> str:
    return QCoreApplication.translate("AnkiActions", text)


def install(window: MainWindow) -> None:
    window.add_action("File", QCoreApplication.translate("AnkiActions", "&Import from Anki…"),
                      lambda: import_from_anki(window))
    window.add_action("File", QCoreApplication.translate("AnkiActions", "&Export for Anki…"),
                      lambda: export_for_anki(window))


def _ask_scheduling(window: MainWindow, title: str, text: str) -> bool | None:
    """Ask to go ahead, with the scheduling checkbox; None when cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    check = QCheckBox(_tr(SCHEDULING_TEXT))
    box.setCheckBox(check)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return None
    return check.isChecked()


def _failed(window: MainWindow, title: str):  # -> Callable[[BaseException], None]
    def show(exc: BaseException) -> None:
        window.status(QCoreApplication.translate("AnkiActions", "{what} failed").format(what=title))
        QMessageBox.warning(window, title, describe_error(exc))

    return show


def import_from_anki(window: MainWindow, path: str | None = None, with_scheduling: bool | None = None) -> None:
    ctx = window.ctx
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, QCoreApplication.translate("AnkiActions", "Import from Anki"),
                                              "", _tr(IMPORT_FILTER))
        if not path:
            return
    if with_scheduling is None:
        with_scheduling = _ask_scheduling(
            window, QCoreApplication.translate("AnkiActions", "Import from Anki"),
            QCoreApplication.translate("AnkiActions", "Import the cards of {file}?").format(file=Path(path).name))
        if with_scheduling is None:
            return
    now = ctx.now()
    ctx.ops.run(lambda: ctx.services.anki.import_file(Path(path), now, with_scheduling=bool(with_scheduling)),
                on_done=lambda report: window.status(report.summary(), 15000),
                on_error=_failed(window, QCoreApplication.translate("AnkiActions", "Import from Anki")), origin=window)


def export_for_anki(window: MainWindow, path: str | None = None, with_scheduling: bool | None = None) -> None:
    ctx = window.ctx
    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, QCoreApplication.translate("AnkiActions", "Export for Anki"),
                                              "quizapp.apkg", ";;".join(_tr(f) for f in EXPORT_FILTERS))
        if not path:
            return
    is_package = Path(path).suffix.lower() == ".apkg"
    if with_scheduling is None:
        with_scheduling = (_ask_scheduling(
            window, QCoreApplication.translate("AnkiActions", "Export for Anki"),
            QCoreApplication.translate("AnkiActions", "Export every card to {file}?").format(file=Path(path).name))
            if is_package else False)
        if with_scheduling is None:
            return
    now = ctx.now()
    anki = ctx.services.anki
    ctx.ops.run((lambda: anki.export_package(Path(path), now, with_scheduling=bool(with_scheduling))) if is_package
                else (lambda: anki.export_csv(Path(path))),
                on_done=lambda report: window.status(report.summary(), 15000),
                on_error=_failed(window, QCoreApplication.translate("AnkiActions", "Export for Anki")), origin=window)
