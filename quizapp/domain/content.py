"""The content model: cards as immutable values, in both languages."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _esc, encode_basestring_ascii as _esc_ascii
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
        """A digest of the card's content, to tell whether the deck or a user edit changed it:
        `content_digest(self.to_dict())`, from the text written out directly (`_digest_text`)."""
        return hashlib.sha256(_digest_text(self).encode("utf-8")).hexdigest()[:16]

    @property
    def correct_choice(self) -> int | None:
        for i, c in enumerate(self.choices):
            if c.correct:
                return i
        return None


# A card's two JSON texts written out field by field (an import needs both for every card): the
# digest's (keys sorted, text as is) and the stored document's (`json.dumps(card.to_dict())`,
# what a JSON column writes: keys in to_dict's order, text escaped to ASCII). Strings go through
# json's own escaping (the C functions its encoders call), demo parameters (any TOML value)
# through the encoders themselves; a field of a type a parsed card never holds (a Card built by
# hand) falls back to the encoders. tests/domain/test_content_digest.py compares both with the
# encoders on random cards. About 3x faster than to_dict + encode.
_BOOL = {True: "true", False: "false"}


def _digest_bi(b: Bilingual | None) -> str:
    return "null" if b is None else f'{{"en": {_esc(b.en)}, "zh": {_esc(b.zh)}}}'


def _stored_bi(b: Bilingual | None) -> str:
    return "null" if b is None else f'{{"zh": {_esc_ascii(b.zh)}, "en": {_esc_ascii(b.en)}}}'


def _flag(value: bool) -> str:
    if type(value) is not bool:  # 1 == True: json writes it as 1
        raise TypeError(value)
    return _BOOL[value]


def _digest_text(card: Card) -> str:
    try:
        choices = ", ".join(f'{{"correct": {_flag(c.correct)}, "text": {_digest_bi(c.text)}, '
                            f'"why": {_digest_bi(c.why)}}}' for c in card.choices)
        demo = "null" if card.demo is None else (
            f'{{"id": {_esc(card.demo.id)}, "params": {_DIGEST_ENCODER.encode(dict(card.demo.params))}}}')
        return (f'{{"back": {_digest_bi(card.back)}, "choices": [{choices}], "cloze": {_digest_bi(card.cloze)}, '
                f'"correction": {_digest_bi(card.correction)}, "demo": {demo}, "front": {_digest_bi(card.front)}, '
                f'"id": {_esc(card.id)}, "kind": {_esc(card.kind)}, "section": {_esc(card.section)}, '
                f'"source": [{", ".join(map(_esc, card.source))}], "tags": [{", ".join(map(_esc, card.tags))}]}}')
    except (TypeError, AttributeError):
        return _DIGEST_ENCODER.encode(card.to_dict())


def stored_json(card: Card) -> str:
    """`json.dumps(card.to_dict())`: the text a JSON column stores for the card's content."""
    try:
        choices = ", ".join(f'{{"text": {_stored_bi(c.text)}, "correct": {_flag(c.correct)}, '
                            f'"why": {_stored_bi(c.why)}}}' for c in card.choices)
        demo = "null" if card.demo is None else (
            f'{{"id": {_esc_ascii(card.demo.id)}, "params": {json.dumps(dict(card.demo.params))}}}')
        return (f'{{"id": {_esc_ascii(card.id)}, "section": {_esc_ascii(card.section)}, '
                f'"kind": {_esc_ascii(card.kind)}, "front": {_stored_bi(card.front)}, "back": {_stored_bi(card.back)}, '
                f'"tags": [{", ".join(map(_esc_ascii, card.tags))}], '
                f'"source": [{", ".join(map(_esc_ascii, card.source))}], "cloze": {_stored_bi(card.cloze)}, '
                f'"choices": [{choices}], "correction": {_stored_bi(card.correction)}, "demo": {demo}}}')
    except (TypeError, AttributeError):
        return json.dumps(card.to_dict())
