"""Notes become a deck (content/FORMAT.md § Notes files): stable card ids, the qa card of each
note, questions matched across an edit of the notes, and the deck file's TOML. Pure.

A card's id is derived from the deck's name and the question's text (`question_key`), so
importing the same notes again finds the same cards and keeps their schedules. A question
whose wording changed gets a new id; `match_renames` pairs it with the old card it most
resembles (difflib) so the person can confirm that it is the same question.

A note is in one language; a card holds both. The other language's field is a copy of the
same text (no translation is made up), and the card's tag `lang-zh` / `lang-en` says which
language it really is.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from quizapp.domain.notes_parse import LOST_PICTURE, question_key

RENAME_SIMILARITY = 0.6  # difflib ratio of two question keys from which they may be one question
PICTURE_LOST_TAG = "picture-lost"
_SLUG_PART = re.compile(r"[^a-z0-9]+")


def deck_slug(deck_name: str) -> str:
    """The readable start of the deck's card ids: 'Notes::Chapter 8' -> 'notes-chapter-8'."""
    text = unicodedata.normalize("NFKD", deck_name).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_PART.sub("-", text).strip("-")[:40].strip("-")
    return slug or "notes"


def notes_card_id(deck_name: str, question: str) -> str:
    """Stable id of the card for `question` in deck `deck_name` ([a-z0-9][a-z0-9-]*, at most
    51 chars). The whole deck name is in the hash, so two decks whose names share a slug still
    get different ids (cards.id is global)."""
    digest = hashlib.sha256(f"{deck_name.strip()}\x1f{question_key(question)}".encode()).hexdigest()[:10]
    return f"{deck_slug(deck_name)}-{digest}"


def section_tag(title: str, section_id: str) -> str:
    """The tag a section gives its cards: its title in lowercase words joined by '-' (Chinese
    kept), or 'section-<id>' when the title has no word."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", title).casefold())
    return "-".join(words)[:40].strip("-") or f"section-{section_id.replace('.', '-')}"


@dataclass(frozen=True)
class DeckSection:
    id: str
    title: str


@dataclass(frozen=True)
class NotesCard:
    """One card of a notes deck, as the preview shows it and the deck file holds it."""

    id: str
    section: str
    question: str
    answer: str  # "" when the notes' answer was only a lost picture
    lang: str
    tags: tuple[str, ...] = ()
    picture_only: bool = False
    file: str = ""
    line: int = 0

    def table(self) -> dict[str, Any]:
        """The `[[card]]` table (content/FORMAT.md): both languages hold the note's text; an
        answer that was only a lost picture says so, in the card's language."""
        back = self.answer.strip() or LOST_PICTURE[self.lang]
        return {"id": self.id, "section": self.section, "kind": "qa", "tags": list(self.tags),
                "front": {"zh": self.question, "en": self.question}, "back": {"zh": back, "en": back}}


def card_tags(section: DeckSection, lang: str, picture_only: bool) -> tuple[str, ...]:
    tags = [section_tag(section.title, section.id), f"lang-{lang}"]
    if picture_only:
        tags.append(PICTURE_LOST_TAG)
    return tuple(tags)


@dataclass(frozen=True)
class Rename:
    """A new question that is probably an old card's question reworded."""

    new_id: str
    old_id: str
    old_question: str
    new_question: str
    similarity: float  # difflib ratio, 0..1


def match_renames(new: Mapping[str, str], old: Mapping[str, str],
                  threshold: float = RENAME_SIMILARITY) -> list[Rename]:
    """Pair questions only in `new` (id -> question) with questions only in `old`, most
    similar first, each used once, when their keys are at least `threshold` alike."""
    only_new = {i: q for i, q in new.items() if i not in old}
    only_old = {i: q for i, q in old.items() if i not in new}
    pairs: list[tuple[float, str, str]] = []
    for new_id, new_q in only_new.items():
        new_key = question_key(new_q)
        for old_id, old_q in only_old.items():
            matcher = SequenceMatcher(None, new_key, question_key(old_q), autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                pairs.append((ratio, new_id, old_id))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_new: set[str] = set()
    used_old: set[str] = set()
    out: list[Rename] = []
    for ratio, new_id, old_id in pairs:
        if new_id in used_new or old_id in used_old:
            continue
        used_new.add(new_id)
        used_old.add(old_id)
        out.append(Rename(new_id, old_id, only_old[old_id], only_new[new_id], round(ratio, 3)))
    return out


# ----------------------------------------------------------------------------- the deck file


@dataclass(frozen=True)
class NotesDeck:
    name: str
    sections: Sequence[DeckSection]
    cards: Sequence[NotesCard]
    origin: str = "notes"
    sources: Sequence[str] = field(default_factory=tuple)  # the notes files, for the header comment


def _toml_string(text: str) -> str:
    """A TOML string: a multi-line literal string when the text allows it (math keeps its
    single backslashes), else a basic string with escapes."""
    if "\n" in text and "'''" not in text and not text.endswith("'") and "\r" not in text:
        return "'''\n" + text + "'''" if text.endswith("\n") else "'''\n" + text + "\n'''"
    escaped = json.dumps(text, ensure_ascii=False)  # JSON's escapes are all valid TOML
    return escaped.replace("\x7f", "\\u007f")


def _key_values(prefix: str, table: Mapping[str, Any]) -> list[str]:
    lines = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            lines.extend(_key_values(f"{prefix}{key}.", value))
        elif isinstance(value, list):
            lines.append(f"{prefix}{key} = [{', '.join(_toml_string(v) for v in value)}]")
        else:
            lines.append(f"{prefix}{key} = {_toml_string(str(value))}")
    return lines


def render_deck_header(deck: NotesDeck) -> str:
    """The `[deck]` table: name, origin and sections (titles in both fields, as cards)."""
    lines = ["[deck]", f"name = {_toml_string(deck.name)}", f"origin = {_toml_string(deck.origin)}"]
    for section in deck.sections:
        lines += ["", "[[deck.sections]]", f"id = {_toml_string(section.id)}",
                  f"title.zh = {_toml_string(section.title)}", f"title.en = {_toml_string(section.title)}"]
    return "\n".join(lines) + "\n"


def render_cards(cards: Iterable[NotesCard]) -> str:
    """The `[[card]]` tables, one blank line apart."""
    blocks = ["[[card]]\n" + "\n".join(_key_values("", card.table())) + "\n" for card in cards]
    return "\n".join(blocks)


def render_deck(deck: NotesDeck) -> str:
    """The whole deck file: a comment naming the notes, the `[deck]` header, the cards."""
    head = "".join(f"# from the notes {json.dumps(s, ensure_ascii=False)}\n" for s in deck.sources)
    head += "# written by `quizapp notes import`; edit the notes and import again to update it\n\n"
    return head + render_deck_header(deck) + "\n" + render_cards(deck.cards)
