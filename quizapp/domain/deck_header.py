"""What a deck is, apart from its cards: its hierarchical name, its origin and its sections
(content/FORMAT.md § The deck header). Pure: values, names and the `[deck]` table's rules.

A deck's name is hierarchical as Anki writes it: "NNDL::ch07" is the deck "ch07" inside "NNDL".
A parent is a name, not a row: "NNDL" holds every deck whose name starts with "NNDL::", and a
deck filter "NNDL" covers them all (`within`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import Bilingual
from quizapp.i18n.text import DeckFileText

SEPARATOR: Final = "::"
ORIGINS: Final = ("bundled", "notes", "file", "anki")
BUNDLED_DECK: Final = "NNDL::ch07"
MAX_NAME_CHARS: Final = 200
MAX_SECTION_ID_CHARS: Final = 32
HEADER_KEYS: Final = frozenset({"name", "origin", "sections", "options"})
SECTION_KEYS: Final = frozenset({"id", "title"})


@dataclass(frozen=True)
class DeckSection:
    id: str  # short: "7.2", "2"
    title: Bilingual

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": {"zh": self.title.zh, "en": self.title.en}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeckSection:
        title = data.get("title") or {}
        return cls(str(data["id"]), Bilingual(str(title.get("zh", "")), str(title.get("en", ""))))


@dataclass(frozen=True)
class DeckHeader:
    """A deck file's `[deck]` table."""

    name: str
    origin: str
    sections: tuple[DeckSection, ...]
    options: Mapping[str, Any] | None = None  # [deck.options]: per-deck settings (an export writes them)

    @property
    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    def table(self) -> dict[str, Any]:
        """As a deck file writes it (what `parse_header` reads back)."""
        out: dict[str, Any] = {"name": self.name, "origin": self.origin,
                               "sections": [s.to_dict() for s in self.sections]}
        if self.options:
            out["options"] = dict(self.options)
        return out


BUNDLED_SECTIONS: Final = tuple(DeckSection(sid, Bilingual(zh, en)) for sid, (zh, en) in SECTIONS.items())


def name_problem(name: object) -> str | None:
    """Why `name` is not a deck name (None when it is): non-empty parts separated by '::', no
    part with leading or trailing spaces, printable, at most MAX_NAME_CHARS characters."""
    if not isinstance(name, str) or not name.strip():
        return "a deck name must be a non-empty string"
    if len(name) > MAX_NAME_CHARS:
        return DeckFileText.tr(
            "a deck name may have at most {most} characters, this one has {count}").format(
            most=MAX_NAME_CHARS, count=len(name))
    if not name.isprintable():
        return DeckFileText.tr("the deck name {name} holds a control character").format(name=f"{name!r}")
    parts = name.split(SEPARATOR)
    if any(not part.strip() or part != part.strip() for part in parts):
        return (f"the deck name {name!r} has an empty part or spaces around '::' "
                "(write parts like 'NNDL::ch07')")
    return None


def within(name: str, root: str) -> bool:
    """Is deck `name` the deck `root` or one of its sub-decks?"""
    return name == root or name.startswith(root + SEPARATOR)


def ancestors(name: str) -> list[str]:
    """'A::B::C' -> ['A', 'A::B'] (the parents, outermost first)."""
    parts = name.split(SEPARATOR)
    return [SEPARATOR.join(parts[:i]) for i in range(1, len(parts))]


def tree_names(names: Iterable[str]) -> list[str]:
    """Every deck name and every parent name they imply, sorted as a tree (parent before child)."""
    out: set[str] = set()
    for name in names:
        out.add(name)
        out.update(ancestors(name))
    return sorted(out, key=lambda n: n.split(SEPARATOR))


def renamed(name: str, old_root: str, new_root: str) -> str:
    """`name` after its ancestor (or itself) `old_root` became `new_root`."""
    return new_root + name[len(old_root):]


def parse_header(raw: object) -> tuple[DeckHeader | None, list[tuple[str, str]]]:
    """A `[deck]` table -> the header, or None and its problems as (key, message) pairs (the
    key locates the line)."""
    problems: list[tuple[str, str]] = []
    if not isinstance(raw, Mapping):
        return None, [("deck", "'deck' must be a table: write [deck] with name, origin and [[deck.sections]]")]
    for key in raw:
        if key not in HEADER_KEYS:
            problems.append((key, f"unknown key 'deck.{key}' (allowed: {', '.join(sorted(HEADER_KEYS))})"))
    name = raw.get("name")
    problem = name_problem(name)
    if problem is not None:
        problems.append(("name", f"deck.name: {problem}"))
    origin = raw.get("origin", "file")
    if origin not in ORIGINS:
        problems.append(("origin", f"deck.origin {origin!r} must be one of {', '.join(ORIGINS)}"))
    sections = _parse_sections(raw.get("sections"), problems)
    options = raw.get("options")
    if options is not None and not isinstance(options, Mapping):
        problems.append(("options", "deck.options must be a table (e.g. new_per_day = 20)"))
    if problems:
        return None, problems
    assert isinstance(name, str)
    return DeckHeader(name, str(origin), tuple(sections), dict(options) if options is not None else None), []


def _parse_sections(value: object, problems: list[tuple[str, str]]) -> list[DeckSection]:
    if not isinstance(value, list) or not value:
        problems.append(("sections", "a deck needs at least one [[deck.sections]] with id and title.zh / title.en"))
        return []
    out: list[DeckSection] = []
    seen: set[str] = set()
    for i, raw in enumerate(value, start=1):
        where = f"deck.sections[{i}]"
        if not isinstance(raw, Mapping):
            problems.append(("sections", f"{where} must be a table"))
            continue
        unknown = set(raw) - SECTION_KEYS
        if unknown:
            problems.append(("sections", f"{where}: unknown key '{sorted(unknown)[0]}' (allowed: id, title)"))
        sid, title = raw.get("id"), raw.get("title")
        if not isinstance(sid, str) or not sid.strip() or len(sid) > MAX_SECTION_ID_CHARS or not sid.isprintable():
            problems.append(("sections", f"{where}: 'id' must be a short string (1-{MAX_SECTION_ID_CHARS} characters)"))
            continue
        if sid in seen:
            problems.append(("sections", f"{where}: duplicate section id '{sid}'"))
            continue
        seen.add(sid)
        if (not isinstance(title, Mapping) or set(title) - {"zh", "en"}
                or not all(isinstance(title.get(k), str) and title[k].strip() for k in ("zh", "en"))):
            problems.append(("sections", f"{where} '{sid}': title.zh and title.en are required, and nothing else"))
            continue
        out.append(DeckSection(sid, Bilingual(title["zh"].strip(), title["en"].strip())))
    return out


def sections_from_stored(stored: Sequence[Mapping[str, Any]] | None) -> tuple[DeckSection, ...]:
    return tuple(DeckSection.from_dict(s) for s in stored or ())
