"""Custom study (Anki's "study more" once today's limits are reached), as a scope over the queue.

A custom session is today's queue (domain/queue.py) widened or narrowed:
  extra_new  more new cards than today's new-card limit leaves (the limit plus this many);
  section    only the cards of one section of the notes;
  deck       only the cards of one deck and its sub-decks (the deck the person picked to study;
             its daily limits and its parents' apply, domain/deck_limits.py).
The scope lasts for one session of the study screen; it moves no limit for good. Failed cards
("today's misses again") need no scope: they go back into today's re-drill
(services/custom_study.py), which the ordinary queue shows.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from quizapp.domain.queue import Limits
from quizapp.i18n.text import StudyText

MAX_EXTRA_NEW: Final = 9999


@dataclass(frozen=True)
class StudyScope:
    extra_new: int = 0
    section: str | None = None
    deck: str | None = None  # a deck name; covers its sub-decks ("NNDL" covers "NNDL::ch07")

    def __post_init__(self) -> None:
        if not 0 <= self.extra_new <= MAX_EXTRA_NEW:
            raise ValueError(StudyText.tr(
                "extra new cards must be from 0 to {most}, got {value}").format(
                most=MAX_EXTRA_NEW, value=self.extra_new))

    def widen(self, limits: Limits) -> Limits:
        return replace(limits, new_per_day=limits.new_per_day + self.extra_new)

    def includes(self, section: str) -> bool:
        return self.section is None or section == self.section

    def in_deck(self, deck: str | None) -> StudyScope:
        """This scope narrowed to `deck` (None: every deck)."""
        return replace(self, deck=deck)

    def describe(self) -> str:
        parts = []
        if self.section is not None:
            parts.append(StudyText.tr("section {section}").format(section=self.section))
        if self.extra_new:
            parts.append(StudyText.tr("%n more new card(s)", "", self.extra_new))
        # the deck is shown by the screen itself
        return StudyText.tr("Custom study: {what}").format(what=", ".join(parts)) if parts else ""


TODAYS_QUEUE: Final = StudyScope()

