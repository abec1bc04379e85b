"""The content model: cards as immutable values, in both languages."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

CardKind = Literal["qa", "cloze", "mcq"]
CARD_KINDS: tuple[CardKind, ...] = ("qa", "cloze", "mcq")
LANGS = ("zh", "en")


# What json.dumps(..., sort_keys=True, ensure_ascii=False) builds on every call, built once (the
# same text: dumps is this encoder's encode); an import digests every card.
_DIGEST_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def content_digest(card_dict: dict[str, Any]) -> str:
    """Digest of a card's to_dict(), stable across runs (sorted keys)."""
    blob = _DIGEST_ENCODER.encode(card_dict)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Choice:
    text: Bilingual
    correct: bool
    why: Bilingual


@dataclass(frozen=True)
class DemoLink:
    id: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Card:
    """One card of the deck. For `cloze`, `cloze` holds the text with {{cN::...}} blanks and
    `front` is empty; for `mcq`, `choices` holds the options."""

    id: str
    section: str
    kind: CardKind
    front: Bilingual
    back: Bilingual
    tags: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    cloze: Bilingual | None = None
    choices: tuple[Choice, ...] = ()
    correction: Bilingual | None = None
    demo: DemoLink | None = None

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than dataclasses.asdict: importing 10k cards calls this per card,
        # and asdict's generic recursion was most of the import time.
        def bi(b: Bilingual | None) -> dict[str, str] | None:
            return None if b is None else {"zh": b.zh, "en": b.en}

        return {
            "id": self.id, "section": self.section, "kind": self.kind, "front": bi(self.front),
            "back": bi(self.back), "tags": list(self.tags), "source": list(self.source), "cloze": bi(self.cloze),
            "choices": [{"text": bi(c.text), "correct": c.correct, "why": bi(c.why)} for c in self.choices],
            "correction": bi(self.correction),
            "demo": None if self.demo is None else {"id": self.demo.id, "params": dict(self.demo.params)},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Card":
        def bi(v: dict[str, str] | None) -> Bilingual | None:
            return None if v is None else Bilingual(v["zh"], v["en"])

        return cls(
            id=d["id"], section=d["section"], kind=d["kind"], front=bi(d["front"]),  # type: ignore[arg-type]
            back=bi(d["back"]), tags=tuple(d.get("tags", ())), source=tuple(d.get("source", ())),  # type: ignore[arg-type]
            cloze=bi(d.get("cloze")),
            choices=tuple(Choice(Bilingual(c["text"]["zh"], c["text"]["en"]), c["correct"],
                                 Bilingual(c["why"]["zh"], c["why"]["en"])) for c in d.get("choices", ())),
            correction=bi(d.get("correction")),
            demo=DemoLink(d["demo"]["id"], dict(d["demo"].get("params", {}))) if d.get("demo") else None,
        )

    def content_hash(self) -> str:
        """A digest of the card's content, to tell whether the deck or a user edit changed it."""
        return content_digest(self.to_dict())

    @property
    def correct_choice(self) -> int | None:
        for i, c in enumerate(self.choices):
            if c.correct:
                return i
        return None
