"""What the user marks on a card besides its schedule, as Anki's review screen does: suspended
(out of every queue until unsuspended), buried (out of today's queue only) and a coloured flag.

A card is buried by setting `buried_day` to today's study day: the next study day it is back
by itself, with nothing to clear.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from quizapp.i18n.text import ErrorText

NO_FLAG: Final = 0
FLAGS: Final[dict[int, tuple[str, str]]] = {  # number -> (name, colour), Anki's first four
    1: ("Red", "#e5484d"), 2: ("Orange", "#f76808"), 3: ("Green", "#30a46c"), 4: ("Blue", "#0b68cb")}


@dataclass(frozen=True)
class CardMarks:
    suspended: bool = False
    buried_day: int | None = None
    flag: int = NO_FLAG

    def __post_init__(self) -> None:
        if self.flag != NO_FLAG and self.flag not in FLAGS:
            raise ValueError(ErrorText.tr("flag must be 0 (none) or 1-4, got {flag}").format(flag=self.flag))

    def is_buried(self, today: int) -> bool:
        return self.buried_day == today

    def hidden(self, today: int) -> bool:
        """Out of today's study queue."""
        return self.suspended or self.is_buried(today)


def flag_name(flag: int) -> str:
    return FLAGS[flag][0] if flag in FLAGS else ""
