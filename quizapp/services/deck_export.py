"""A readable Markdown rendering of the whole deck, for proofreading (docs/deck.md).

`quizapp deck render --out docs/deck.md` writes it; a test regenerates it and compares, so the
checked-in file always shows the deck as it is. The output depends only on the deck files:
no dates, no paths, no machine, so the same deck always gives the same bytes.
"""
from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.cloze import parse_blanks, render
from quizapp.domain.content import CARD_KINDS, Card
from quizapp.resources import content_dir
from quizapp.services.errors import DeckInvalid

_LABELS = {
    "zh": {"lang": "中文", "q": "问", "a": "答", "text": "填空（答案加粗）", "blanks": "空", "also": "也算对",
           "hint": "提示", "choices": "选项", "why": "解释", "correction": "更正（笔记有误）", "note": "补充"},
    "en": {"lang": "English", "q": "Q", "a": "A", "text": "Cloze (answers in bold)", "blanks": "Blanks",
           "also": "also accepted", "hint": "hint", "choices": "Choices", "why": "why",
           "correction": "Correction (the notes are wrong)", "note": "Note"},
}


def question_topics() -> dict[str, str]:
    """Question id -> topic, from the bundled content/questions.tsv."""
    with open(content_dir() / "questions.tsv", encoding="utf-8", newline="") as f:
        return {row["id"]: row["topic"] for row in csv.DictReader(f, delimiter="\t")}


def format_param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def format_demo(card: Card) -> str:
    assert card.demo is not None
    params = ", ".join(f"`{k}={format_param(v)}`" for k, v in card.demo.params.items())
    return f"`{card.demo.id}`" + (f" with {params}" if params else " (defaults)")


def _counts_table(cards: Sequence[Card]) -> list[str]:
    lines = ["| section | " + " | ".join(CARD_KINDS) + " | all |",
             "|---|" + "---:|" * (len(CARD_KINDS) + 1)]
    for section, (zh, en) in SECTIONS.items():
        in_section = [c for c in cards if c.section == section]
        counts = [sum(1 for c in in_section if c.kind == k) for k in CARD_KINDS]
        lines.append(f"| {section} {en} | " + " | ".join(map(str, counts)) + f" | {len(in_section)} |")
    totals = [sum(1 for c in cards if c.kind == k) for k in CARD_KINDS]
    lines.append("| **all** | " + " | ".join(f"**{n}**" for n in totals) + f" | **{len(cards)}** |")
    return lines


def _block(label: str, text: str) -> list[str]:
    """A bold label, then the Markdown text as its own block (it may hold lists and formulas)."""
    text = text.strip()
    if "\n" in text or text.startswith(("- ", "1. ", "$")):
        return [f"**{label}:**", "", text, ""]
    return [f"**{label}:** {text}", ""]


def _cloze_lines(card: Card, lang: str) -> list[str]:
    assert card.cloze is not None
    words = _LABELS[lang]
    text = card.cloze.get(lang)
    lines = _block(words["text"], render(text))
    details = []
    for blank in sorted(parse_blanks(text), key=lambda b: b.number):
        extra = []
        if len(blank.answers) > 1:
            extra.append(f"{words['also']}: " + " / ".join(f"`{a}`" for a in blank.answers[1:]))
        if blank.hint:
            extra.append(f"{words['hint']}: {blank.hint}")
        entry = f"c{blank.number} = {blank.answer}" + (f" ({'; '.join(extra)})" if extra else "")
        if entry not in details:
            details.append(entry)
    lines += [f"*{words['blanks']}:* " + " · ".join(details), ""]
    return lines


def _choice_lines(card: Card, lang: str) -> list[str]:
    words = _LABELS[lang]
    lines = [f"**{words['choices']}:**", ""]
    for i, choice in enumerate(card.choices):
        mark = "✅" if choice.correct else "❌"
        lines.append(f"{i + 1}. {mark} {choice.text.get(lang)}")
        lines.append(f"   - *{words['why']}:* {choice.why.get(lang)}")
    return lines + [""]


def render_card(card: Card, topics: dict[str, str]) -> list[str]:
    lines = [f"### `{card.id}`", ""]
    meta = [f"**kind:** {card.kind}"]
    if card.source:
        meta.append("**source:** " + "; ".join(f"{s} ({topics.get(s, '?')})" for s in card.source))
    if card.tags:
        meta.append("**tags:** " + ", ".join(card.tags))
    if card.demo is not None:
        meta.append("**demo:** " + format_demo(card))
    lines += [" · ".join(meta), ""]
    if card.correction is not None:
        lines += [f"> ⚠️ **{_LABELS['zh']['correction']}：** {card.correction.zh}",
                  ">",
                  f"> ⚠️ **{_LABELS['en']['correction']}:** {card.correction.en}", ""]
    for lang in ("zh", "en"):
        words = _LABELS[lang]
        lines += [f"#### {words['lang']}", ""]
        if card.kind == "cloze":
            lines += _cloze_lines(card, lang)
        else:
            lines += _block(words["q"], card.front.get(lang))
        if card.kind == "mcq":
            lines += _choice_lines(card, lang)
        back = card.back.get(lang)
        if back.strip():
            lines += _block(words["a"] if card.kind == "qa" else words["note"], back)
    return lines


def render_deck(cards: Sequence[Card], topics: dict[str, str] | None = None) -> str:
    """The Markdown text of the deck, grouped by section (deck order within a section)."""
    topics = question_topics() if topics is None else topics
    lines = ["# The bundled deck", "",
             "<!-- Generated by `quizapp deck render --out docs/deck.md` from content/deck/*.toml. "
             "Do not edit by hand: edit the TOML and regenerate. -->", "",
             f"All {len(cards)} cards of the bundled deck, for proofreading. Formulas are matplotlib mathtext "
             "inside `$...$`; cloze blanks are shown filled in, in bold; in multiple-choice cards ✅ marks the "
             "right answer and every choice carries its explanation; ⚠️ marks where a card corrects the notes.",
             "", *_counts_table(cards), ""]
    lines += ["Sections: " + " · ".join(f"[{s} {en}](#{_anchor(s, zh, en)})" for s, (zh, en) in SECTIONS.items()
                                        if any(c.section == s for c in cards)), ""]
    for section, (zh, en) in SECTIONS.items():
        in_section = [c for c in cards if c.section == section]
        if not in_section:
            continue
        lines += [f"## {section} {zh} · {en}", ""]
        for card in in_section:
            lines += render_card(card, topics)
    return "\n".join(lines).rstrip("\n") + "\n"


def _anchor(section: str, zh: str, en: str) -> str:
    """GitHub's heading anchor for '## {section} {zh} · {en}'."""
    text = f"{section} {zh} · {en}".lower()
    kept = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def load_cards(paths: Iterable[Path] | None = None) -> list[Card]:
    """Parse and validate the deck (default: the bundled one); DeckInvalid if it has errors."""
    from quizapp.services.importer import deck_files, parse_files

    cards, issues = parse_files(deck_files(list(paths) if paths else None))
    if issues:
        raise DeckInvalid([str(i) for i in issues])
    return cards


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` to `path` atomically; False (and nothing written) when it is already there."""
    path = Path(path)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
