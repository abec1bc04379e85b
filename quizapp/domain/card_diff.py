"""The difference between two versions of a card (the user's edit and the deck's newer one),
field by field, with the changed words of each text marked. Pure."""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Literal

from quizapp.domain.content import Bilingual, Card

SegmentKind = Literal["same", "removed", "added"]
_TOKEN = re.compile(r"\s+|[A-Za-z0-9_]+|.", re.S)  # words, runs of space, single other characters (hanzi)


@dataclass(frozen=True)
class FieldDifference:
    field: str  # e.g. "front.en", "choice 2.zh", "tags"
    mine: str
    theirs: str

    def segments(self) -> list[tuple[SegmentKind, str]]:
        return word_diff(self.mine, self.theirs)


def card_fields(card: Card) -> dict[str, str]:
    """Every field of a card as text, in reading order."""
    out: dict[str, str] = {"section": card.section, "kind": card.kind}

    def bi(name: str, value: Bilingual | None) -> None:
        if value is not None:
            out[f"{name}.zh"], out[f"{name}.en"] = value.zh, value.en

    if card.kind == "cloze":
        bi("text", card.cloze)
    else:
        bi("front", card.front)
    bi("back", card.back)
    for i, choice in enumerate(card.choices, start=1):
        bi(f"choice {i}", choice.text)
        out[f"choice {i} correct"] = "yes" if choice.correct else "no"
        bi(f"choice {i} why", choice.why)
    bi("correction", card.correction)
    out["tags"] = ", ".join(card.tags)
    out["source"] = ", ".join(card.source)
    out["demo"] = "" if card.demo is None else (
        card.demo.id + (f" {json.dumps(card.demo.params, sort_keys=True)}" if card.demo.params else ""))
    return out


def field_differences(mine: Card, theirs: Card) -> list[FieldDifference]:
    """The fields whose text differs, in the order of `mine` then fields only `theirs` has."""
    a, b = card_fields(mine), card_fields(theirs)
    names = list(a) + [name for name in b if name not in a]
    return [FieldDifference(name, a.get(name, ""), b.get(name, ""))
            for name in names if a.get(name, "") != b.get(name, "")]


def word_diff(mine: str, theirs: str) -> list[tuple[SegmentKind, str]]:
    """`mine` turned into `theirs` as segments: kept text, text only mine has, text only theirs has."""
    a, b = _TOKEN.findall(mine), _TOKEN.findall(theirs)
    out: list[tuple[SegmentKind, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", "".join(b[j1:j2])))
    return out
