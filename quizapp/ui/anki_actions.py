"""File → Import from Anki… / Export for Anki… (docs/anki.md): the file dialogs and the op that
runs the import or export on the op thread. A refused file is one line in a message box; an
import's `changes` refresh every screen through the op runner."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox

from quizapp.ui.ops import describe_error

if TYPE_CHECKING:
    from quizapp.ui.main_window import MainWindow

IMPORT_FILTER = "Anki files (*.apkg *.colpkg *.csv *.txt *.tsv)"
EXPORT_FILTERS = ("Anki package (*.apkg)", "Anki text format (*.txt)")
SCHEDULING_TEXT = "With scheduling and review history"


def install(window: MainWindow) -> None:
    window.add_action("File", "&Import from Anki…", lambda: import_from_anki(window))
    window.add_action("File", "&Export for Anki…", lambda: export_for_anki(window))


def _ask_scheduling(window: MainWindow, title: str, text: str) -> bool | None:
    """Ask to go ahead, with the scheduling checkbox; None when cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    check = QCheckBox(SCHEDULING_TEXT)
    box.setCheckBox(check)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return None
    return check.isChecked()


def _failed(window: MainWindow, title: str):  # -> Callable[[BaseException], None]
    def show(exc: BaseException) -> None:
        window.status(f"{title} failed")
        QMessageBox.warning(window, title, describe_error(exc))

    return show


def import_from_anki(window: MainWindow, path: str | None = None, with_scheduling: bool | None = None) -> None:
    ctx = window.ctx
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Import from Anki", "", IMPORT_FILTER)
        if not path:
            return
    if with_scheduling is None:
        with_scheduling = _ask_scheduling(window, "Import from Anki", f"Import the cards of {Path(path).name}?")
        if with_scheduling is None:
            return
    now = ctx.now()
    ctx.ops.run(lambda: ctx.services.anki.import_file(Path(path), now, with_scheduling=bool(with_scheduling)),
                on_done=lambda report: window.status(report.summary(), 15000),
                on_error=_failed(window, "Import from Anki"), origin=window)


def export_for_anki(window: MainWindow, path: str | None = None, with_scheduling: bool | None = None) -> None:
    ctx = window.ctx
    if path is None:
        path, _ = QFileDialog.getSaveFileName(window, "Export for Anki", "quizapp.apkg", ";;".join(EXPORT_FILTERS))
        if not path:
            return
    is_package = Path(path).suffix.lower() == ".apkg"
    if with_scheduling is None:
        with_scheduling = (_ask_scheduling(window, "Export for Anki", f"Export every card to {Path(path).name}?")
                           if is_package else False)
        if with_scheduling is None:
            return
    now = ctx.now()
    anki = ctx.services.anki
    ctx.ops.run((lambda: anki.export_package(Path(path), now, with_scheduling=bool(with_scheduling))) if is_package
                else (lambda: anki.export_csv(Path(path))),
                on_done=lambda report: window.status(report.summary(), 15000),
                on_error=_failed(window, "Export for Anki"), origin=window)
