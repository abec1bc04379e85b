"""What the card browser searches for: a query as a value, its validation, and card states.

Pure: the services turn a BrowseQuery into SQL (quizapp/services/browser.py). Every filter is
optional and they combine with AND; a filter given several values (sections, tags, kinds,
states, origins) matches any of them.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Final, Literal

from quizapp.domain.card_marks import FLAGS, NO_FLAG
from quizapp.domain.content import CARD_KINDS
from quizapp.domain.deck_header import MAX_SECTION_ID_CHARS
from quizapp.domain.sm2 import EF_FLOOR
from quizapp.i18n.text import ErrorText

CardStateName = Literal["new", "learning", "review", "suspended"]
# In sort order. Exactly one per card: a suspended card is "suspended" whatever its schedule.
CARD_STATES: Final[tuple[CardStateName, ...]] = ("new", "learning", "review", "suspended")
# Where a card comes from: the deck as imported, the deck but edited by the user, the deck's
# newer version waiting for the user to compare (also edited), or added by the user.
ORIGINS: Final = ("deck", "edited", "deck-update-waiting", "user")

SORT_KEYS: Final = ("id", "section", "kind", "front_zh", "front_en", "state", "due", "interval", "easiness",
                    "lapses", "tags", "updated")


def card_state(suspended: bool, due_day: int | None, repetitions: int) -> CardStateName:
    """new: never graded; learning: lapsed (or graded only in a re-drill), repetitions 0;
    review: graded at least once in a row; suspended overrides all three."""
    if suspended:
        return "suspended"
    if due_day is None:
        return "new"
    return "learning" if repetitions == 0 else "review"


class InvalidQuery(ValueError):
    """A query the browser cannot run; the message names the filter."""


@dataclass(frozen=True)
class BrowseQuery:
    text: str = ""  # whitespace-separated terms; each must appear in the card's text (zh or en) or id
    sections: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    states: tuple[CardStateName, ...] = ()
    origins: tuple[str, ...] = ()
    flags: tuple[int, ...] = ()  # 1-4 (domain.card_marks.FLAGS); 0 matches cards without a flag
    deck: str | None = None  # a deck name: its cards and its sub-decks' (None: every deck)
    due_from: int | None = None  # study days (ordinals), inclusive; new cards have no due day
    due_to: int | None = None
    ef_min: int | None = None  # hundredths, inclusive
    ef_max: int | None = None
    sort: str = "id"
    descending: bool = False

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(self.text.split())

    def validate(self, sections: Collection[str] | None = None) -> "BrowseQuery":
        """Self, or InvalidQuery naming the first bad filter. `sections`: the collection's
        section ids (every deck's); without them only a section's shape is checked."""
        bad_sections = [s for s in self.sections if not s or len(s) > MAX_SECTION_ID_CHARS
                        or (sections is not None and s not in sections)]
        if bad_sections:
            if sections is None:
                raise InvalidQuery(ErrorText.tr("unknown section {section}").format(section=repr(bad_sections[0])))
            raise InvalidQuery(ErrorText.tr("unknown section {section} (one of {sections})").format(
                section=repr(bad_sections[0]), sections=", ".join(sections)))
        for name, values, allowed in (("kind", self.kinds, CARD_KINDS),
                                      ("state", self.states, CARD_STATES), ("origin", self.origins, ORIGINS)):
            bad = [v for v in values if v not in allowed]
            if bad:
                raise InvalidQuery(ErrorText.tr("unknown {name} {value} (one of {allowed})").format(
                    name=name, value=repr(bad[0]), allowed=", ".join(allowed)))
        bad_flags = [f for f in self.flags if f != NO_FLAG and f not in FLAGS]
        if bad_flags:
            raise InvalidQuery(ErrorText.tr(
                "unknown flag {flag} (0 for none, or 1-4)").format(
                flag=f"{bad_flags[0]!r}"))
        if self.sort not in SORT_KEYS:
            raise InvalidQuery(ErrorText.tr(
                "cannot sort by {sort} (one of {keys})").format(
                sort=f"{self.sort!r}", keys=', '.join(SORT_KEYS)))
        if self.due_from is not None and self.due_to is not None and self.due_from > self.due_to:
            raise InvalidQuery(ErrorText.tr("the due range ends before it starts"))
        for value in (self.ef_min, self.ef_max):
            if value is not None and value < 0:
                raise InvalidQuery(ErrorText.tr(
                    "easiness must be positive (SM-2's floor is {floor})").format(
                    floor=f"{EF_FLOOR / 100:.2f}"))
        if self.ef_min is not None and self.ef_max is not None and self.ef_min > self.ef_max:
            raise InvalidQuery(ErrorText.tr("the easiness range ends before it starts"))
        return self

    @property
    def filtered(self) -> bool:
        return bool(self.terms or self.sections or self.tags or self.kinds or self.states or self.origins or self.flags
                    or self.deck is not None
                    or self.due_from is not None or self.due_to is not None
                    or self.ef_min is not None or self.ef_max is not None)
