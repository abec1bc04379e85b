"""The review screen's actions on one card, as Anki's: suspend, bury until tomorrow, flag; each
undoable (`restore`). One transaction each; what they change is returned.

Suspending and burying take the card out of the queue (a "schedule" change: the screens that
count the queue refresh); a flag changes only what is shown ("content").
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from quizapp.domain.card_marks import FLAGS, NO_FLAG, CardMarks, flag_name
from quizapp.services.changes import CONTENT, Changes
from quizapp.services.clock import local_study_day
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.settings import load_settings
from quizapp.store.database import Database
from quizapp.store.models import CardStateRow
from quizapp.store.reviews import apply_marks, marks_of
from quizapp.i18n.text import ErrorText, StudyText

ActionKind = Literal["suspend", "unsuspend", "bury", "flag"]
QUEUE_CHANGE = Changes(content=True, schedule=True)


@dataclass(frozen=True)
class CardAction:
    """One action: the card's marks before and after it (undo writes `before` back)."""

    card_id: str
    kind: ActionKind
    before: CardMarks
    after: CardMarks

    @property
    def changes(self) -> Changes:
        return CONTENT if self.kind == "flag" else QUEUE_CHANGE

    def describe(self) -> str:
        if self.kind == "flag":
            return StudyText.tr("{card_id}: flag {flag}").format(
                card_id=self.card_id, flag=flag_name(self.after.flag).lower()) if self.after.flag else \
                StudyText.tr("{card_id}: flag removed").format(card_id=self.card_id)
        words = {"suspend": StudyText.tr("{card_id}: suspended"), "unsuspend": StudyText.tr("{card_id}: unsuspended"),
                 "bury": StudyText.tr("{card_id}: buried until tomorrow")}
        return words[self.kind].format(card_id=self.card_id)


@dataclass(frozen=True)
class ActionUndone:
    action: CardAction

    @property
    def changes(self) -> Changes:
        return self.action.changes


class CardActionsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def marks(self, card_id: str) -> CardMarks:
        with self.db.read_session() as session:
            return marks_of(_row(session, card_id))

    def suspend(self, card_id: str, suspended: bool = True) -> CardAction:
        return self._change(card_id, "suspend" if suspended else "unsuspend",
                            lambda m, _today: replace(m, suspended=suspended))

    def bury(self, card_id: str, now: datetime) -> CardAction:
        """Out of today's queue; back on the next study day by itself."""
        return self._change(card_id, "bury", lambda m, today: replace(m, buried_day=today), now)

    def set_flag(self, card_id: str, flag: int) -> CardAction:
        """Flag 1-4; setting the flag a card already has removes it (Anki's toggle); 0 removes."""
        if flag != NO_FLAG and flag not in FLAGS:
            raise UserError(ErrorText.tr("flag must be 0 (none) or 1-4, got {flag}").format(flag=flag))
        return self._change(card_id, "flag", lambda m, _today: replace(m, flag=NO_FLAG if m.flag == flag else flag))

    def restore(self, action: CardAction) -> ActionUndone:
        """Undo an action: write its `before` back, if the card still has its `after`."""
        with self.db.session() as session:
            row = _row(session, action.card_id)
            if marks_of(row) != action.after:
                raise UserError(ErrorText.tr(
                    "cannot undo: card '{card_id}' changed since").format(
                    card_id=action.card_id))
            apply_marks(row, action.before)
        return ActionUndone(action)

    def _change(self, card_id: str, kind: ActionKind, change: Callable[[CardMarks, int], CardMarks],
                now: datetime | None = None) -> CardAction:
        """Apply `change(marks, today)`; today is read only when `now` is given."""
        with self.db.session() as session:
            row = _row(session, card_id)
            before = marks_of(row)
            today = local_study_day(now, load_settings(session).day_start_hour) if now is not None else 0
            after = change(before, today)
            apply_marks(row, after)
        return CardAction(card_id, kind, before, after)


def _row(session: Session, card_id: str) -> CardStateRow:
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise CardNotFound(card_id)
    return row
