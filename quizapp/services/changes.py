"""What a write changed, returned by the services' write methods (as `result.changes`).

The UI's op runner reads it from an op's result and tells every screen (quizapp/ui/ops.py),
so a screen never declares at its call site what the service it calls will change.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    review: bool = False  # answers given or undone
    content: bool = False  # cards added, edited, imported, deleted or suspended
    schedule: bool = False  # due days moved other than by an answer (reset, quiz feedback, restore)
    settings: bool = False
    quiz: bool = False  # quiz and mock-interview sessions and their answers

    def touches(self, *names: str) -> bool:
        """Whether any of the named kinds of change happened (unknown names are ignored)."""
        return any(getattr(self, name, False) for name in names)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    @property
    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in fields(self) if getattr(self, f.name))


NOTHING = Changes()
REVIEW = Changes(review=True)
CONTENT = Changes(content=True)
SCHEDULE = Changes(schedule=True)
SETTINGS = Changes(settings=True)
QUIZ = Changes(quiz=True)


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A write's plain result (a count, an id, the stored settings) and what the write changed."""

    value: T
    changes: Changes
