"""Files handed to the app (`quizapp FILE`, the desktop's "Open with", or a later start passing
them to the running window): bring the window forward and import each file after asking.

Anki files go through File → Import from Anki (its question has the scheduling checkbox); deck
files (.toml, or a folder of them) through the deck importer. A file quizapp cannot open is one
line in a message box, never an exception out of the event loop.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from quizapp.services.changes import Changes
from quizapp.ui.ops import describe_error

if TYPE_CHECKING:
    from quizapp.services.importer import ImportReport
    from quizapp.ui.main_window import MainWindow

ANKI_SUFFIXES = (".apkg", ".colpkg", ".csv", ".txt", ".tsv")
DECK_SUFFIXES = (".toml",)


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenFiles", text)


@dataclass(frozen=True)
class DeckFileImported:
    report: ImportReport
    changes: Changes = Changes(content=True)


def file_kind(path: Path) -> str | None:
    """"anki", "deck" or None (not a file quizapp opens)."""
    if path.is_dir():
        return "deck"
    suffix = path.suffix.lower()
    if suffix in ANKI_SUFFIXES:
        return "anki"
    if suffix in DECK_SUFFIXES:
        return "deck"
    return None


def bring_to_front(window: MainWindow) -> None:
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def confirm(window: MainWindow, title: str, text: str) -> bool:
    answer = QMessageBox.question(window, title, text,
                                  QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Ok


def open_files(window: MainWindow, paths: list[str]) -> None:
    """Bring the window forward, then offer to import each file."""
    bring_to_front(window)
    for text in paths:
        open_file(window, Path(text))


def open_file(window: MainWindow, path: Path) -> None:
    kind = file_kind(path) if path.exists() else None
    title = _tr("Open file")
    if not path.exists():
        QMessageBox.warning(window, title, _tr("Cannot open {path}: no such file or folder.").format(path=path))
        return
    if kind is None:
        QMessageBox.warning(window, title, _tr("Cannot open {name}: quizapp opens Anki files (.apkg, .colpkg, .csv, "
                                               ".txt, .tsv) and deck files (.toml).").format(name=path.name))
        return
    if kind == "anki":
        from quizapp.ui.anki_actions import import_from_anki

        import_from_anki(window, str(path))  # asks first, with the scheduling checkbox
        return
    if not confirm(window, _tr("Import deck"), _tr("Import the cards of {name} into this collection?")
                   .format(name=path.name)):
        return
    import_deck_file(window, path)


def import_deck_file(window: MainWindow, path: Path) -> None:
    ctx = window.ctx
    db = ctx.services.study.db
    now = ctx.now()

    def run() -> DeckFileImported:
        from quizapp.services.importer import import_deck

        return DeckFileImported(import_deck(db, [path], now=now))

    def failed(exc: BaseException) -> None:
        window.status(_tr("Import deck failed"))
        QMessageBox.warning(window, _tr("Import deck"), describe_error(exc))

    ctx.ops.run(run, on_done=lambda done: window.status(done.report.summary(), 15000), on_error=failed,
                origin=window)
