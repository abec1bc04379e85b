"""The services the desktop app's screens are given: one object per use case, all over one
database. Screens receive this bundle (AppContext.services), never the Database itself.

Every service is a class constructed over the database (the one style of services/); a write
method returns a value carrying `changes` (services/changes.py). Two modules of another
concern are still modules of functions (backups, importer); `Backups` and `Deck` below give
them the same shape until they are classes themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from datetime import datetime
from pathlib import Path

from quizapp.domain.settings import Settings
from quizapp.services import backups as backup_files
from quizapp.services.browser import BrowserService
from quizapp.services.card_actions import CardActionsService
from quizapp.services.card_editing import CardEditingService
from quizapp.services.cards import CardsService
from quizapp.services.changes import Changes
from quizapp.services.custom_study import CustomStudyService
from quizapp.services.decks import DecksService
from quizapp.services.mock_interview import MockInterviewService
from quizapp.services.quiz import QuizService
from quizapp.services.settings import SettingsService
from quizapp.services.stats import StatsService
from quizapp.services.study import StudyService
from quizapp.store.database import Database as Database  # re-exported: the app's bootstrap opens one

if TYPE_CHECKING:
    from quizapp.services.anki_interop import AnkiService
    from quizapp.services.fsrs_service import FsrsService
    from quizapp.services.notes_import import NotesImportService

# after a restore the whole collection may differ
RESTORED = Changes(review=True, content=True, schedule=True, settings=True, quiz=True)


@dataclass(frozen=True)
class Restored:
    result: backup_files.RestoreResult
    settings: Settings  # the restored collection's settings
    changes: Changes = RESTORED


@dataclass(frozen=True)
class Imported:
    added: int
    changes: Changes = Changes(content=True)


class Backups:
    """Backups of the collection's file (services/backups.py) for this database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def available(self) -> bool:
        """Backups need a database file (not an in-memory or server database)."""
        return self.db.path is not None

    def folder(self) -> Path:
        return backup_files.backups_folder(self.db)

    def list(self) -> list[backup_files.BackupInfo]:
        return backup_files.list_backups(self.db)

    def create(self, label: str, keep: int) -> backup_files.BackupInfo:
        return backup_files.create_backup(self.db, label, keep)

    def restore(self, backup: Path, keep: int) -> Restored:
        result = backup_files.restore_backup(self.db, backup, keep)
        return Restored(result, SettingsService(self.db).get())


class Deck:
    """The bundled deck: import it into an empty collection."""

    def __init__(self, db: Database, study: StudyService, stats: StatsService) -> None:
        self.db, self._study, self._stats = db, study, stats

    def import_if_empty(self, now: datetime) -> Imported:
        """Import the bundled deck when the collection has no cards at all; the cards added."""
        if sum(self._study.queue(now, limit=1).counts.values()) or self._stats.collection(now, days=1).cards["total"]:
            return Imported(0, Changes())
        from quizapp.services.importer import import_deck  # parses TOML: only when needed

        return Imported(import_deck(self.db).added)


@dataclass(frozen=True)
class Services:
    study: StudyService
    cards: CardsService
    browser: BrowserService
    editing: CardEditingService
    stats: StatsService
    settings: SettingsService
    quiz: QuizService
    mock: MockInterviewService
    backups: Backups
    deck: Deck
    actions: CardActionsService  # the review screen's suspend / bury / flag
    custom: CustomStudyService  # study more once today's limits are reached
    decks: DecksService  # the deck tree, rename, delete, per-deck limits

    @property
    def anki(self) -> AnkiService:
        """Anki packages and CSV in and out; imported on first use (it is not needed at launch)."""
        from quizapp.services.anki_interop import AnkiService

        return AnkiService(self.study.db)

    @property
    def fsrs(self) -> FsrsService:
        """FSRS's fit, evidence and forecast (docs/fsrs.md); imported on first use."""
        from quizapp.services.fsrs_service import FsrsService

        return FsrsService(self.study.db)

    @property
    def notes(self) -> NotesImportService:
        """Notes files turned into a deck (File → Import notes…); imported on first use."""
        from quizapp.services.notes_import import NotesImportService

        return NotesImportService(self.study.db)

    @classmethod
    def over(cls, db: Database) -> Services:
        study, stats, quiz = StudyService(db), StatsService(db), QuizService(db)
        return cls(study=study, cards=CardsService(db), browser=BrowserService(db), editing=CardEditingService(db),
                   stats=stats, settings=SettingsService(db), quiz=quiz, mock=MockInterviewService(db, quiz),
                   backups=Backups(db), deck=Deck(db, study, stats), actions=CardActionsService(db),
                   custom=CustomStudyService(db), decks=DecksService(db))
