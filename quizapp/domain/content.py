"""The content model: cards as immutable values, in both languages."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

CardKind = Literal["qa", "cloze", "mcq"]
CARD_KINDS: tuple[CardKind, ...] = ("qa", "cloze", "mcq")
LANGS = ("zh", "en")


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
        return asdict(self)

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
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    @property
    def correct_choice(self) -> int | None:
        for i, c in enumerate(self.choices):
            if c.correct:
                return i
        return None
