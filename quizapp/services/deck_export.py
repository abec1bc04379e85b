"""A readable Markdown rendering of the whole deck, for proofreading (docs/deck.md); and one
deck of the collection written back as a single-file TOML deck (`quizapp export --format toml`).

`quizapp deck render --out docs/deck.md` writes it; a test regenerates it and compares, so the
checked-in file always shows the deck as it is. The output depends only on the deck files:
no dates, no paths, no machine, so the same deck always gives the same bytes.
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.cloze import parse_blanks, render
from quizapp.domain.content import CARD_KINDS, Card
from quizapp.domain.deck import CardSchedule, card_table
from quizapp.domain.deck_header import DeckHeader, sections_from_stored
from quizapp.resources import content_dir
from quizapp.services.errors import DeckInvalid, UserError
from quizapp.services.files import write_text_atomic
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, DeckRow
from quizapp.store.reviews import state_of
from quizapp.i18n.text import DeckText

_LABELS = {
    "zh": {"lang": "中文", "q": "问", "a": "答", "text": "填空（答案加粗）", "blanks": "空", "also": "也算对",
           "hint": "提示", "choices": "选项", "why": "解释", "correction": "更正笔记", "note": "补充"},
    "en": {"lang": "English", "q": "Q", "a": "A", "text": "Cloze (answers in bold)", "blanks": "Blanks",
           "also": "also accepted", "hint": "hint", "choices": "Choices", "why": "why",
           "correction": "Correction to the notes", "note": "Note"},
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
    for section, (_zh, en) in SECTIONS.items():
        in_section = [c for c in cards if c.section == section]
        counts = [sum(1 for c in in_section if c.kind == k) for k in CARD_KINDS]
        lines.append(f"| {section} {en} | " + " | ".join(map(str, counts)) + f" | {len(in_section)} |")
    totals = [sum(1 for c in cards if c.kind == k) for k in CARD_KINDS]
    lines.append("| **all** | " + " | ".join(f"**{n}**" for n in totals) + f" | **{len(cards)}** |")
    return lines


def _label(label: str, lang: str, mark: str = "**") -> str:
    """'**Q:** ' or '**问**：'. In Chinese the full-width colon stays outside the emphasis: CommonMark
    does not close `**` that follows punctuation and precedes a CJK character."""
    return f"{mark}{label}:{mark} " if lang == "en" else f"{mark}{label}{mark}："


def _block(label: str, text: str, lang: str) -> list[str]:
    """A bold label, then the Markdown text (as its own block when it holds lists or display math)."""
    text = text.strip()
    if "\n" in text or text.startswith(("- ", "1. ", "$")):
        return [_label(label, lang).rstrip(), "", text, ""]
    return [_label(label, lang) + text, ""]


_OPEN, _CLOSE = "\x01", "\x02"
_FILLED = re.compile(f"{_OPEN}(.*?){_CLOSE}", re.S)


def _punct_or_space(ch: str) -> bool:
    return ch == "" or ch.isspace() or unicodedata.category(ch)[0] in "PS"


def bold_answers(text: str) -> str:
    """The cloze text with every blank filled in, in bold: `**answer**` where CommonMark will read
    it as bold, `<b>answer</b>` where it would not (e.g. `为**$x$**`: a `**` between a CJK letter
    and punctuation neither opens nor closes emphasis)."""
    marked = render(text, mark=(_OPEN, _CLOSE))
    plain = _FILLED.sub(lambda m: m.group(1), marked)  # neighbours are looked up in the final text
    out, pos = [], 0
    for m in _FILLED.finditer(marked):
        answer = m.group(1)
        start = len(_FILLED.sub(lambda x: x.group(1), marked[:m.start()]))
        before = plain[start - 1] if start > 0 else ""
        end = start + len(answer)
        after = plain[end] if end < len(plain) else ""
        opens = not _punct_or_space(answer[:1]) or _punct_or_space(before)
        closes = not _punct_or_space(answer[-1:]) or _punct_or_space(after)
        out.append(marked[pos:m.start()])
        out.append(f"**{answer}**" if opens and closes else f"<b>{answer}</b>")
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out)


def _cloze_lines(card: Card, lang: str) -> list[str]:
    assert card.cloze is not None
    words = _LABELS[lang]
    text = card.cloze.get(lang)
    lines = _block(words["text"], bold_answers(text), lang)
    details = []
    for blank in sorted(parse_blanks(text), key=lambda b: b.number):
        extra = []
        if len(blank.answers) > 1:
            extra.append(_label(words["also"], lang, "") + " / ".join(f"`{a}`" for a in blank.answers[1:]))
        if blank.hint:
            extra.append(_label(words["hint"], lang, "") + blank.hint)
        sep = ("; ", " (", ")") if lang == "en" else ("；", "（", "）")
        entry = f"c{blank.number} = {blank.answer}" + (f"{sep[1]}{sep[0].join(extra)}{sep[2]}" if extra else "")
        if entry not in details:
            details.append(entry)
    lines += [_label(words["blanks"], lang, "*") + " · ".join(details), ""]
    return lines


def _choice_lines(card: Card, lang: str) -> list[str]:
    words = _LABELS[lang]
    lines = [_label(words["choices"], lang).rstrip(), ""]
    for i, choice in enumerate(card.choices):
        mark = "✅" if choice.correct else "❌"
        lines.append(f"{i + 1}. {mark} {choice.text.get(lang)}")
        lines.append("   - " + _label(words["why"], lang, "*") + choice.why.get(lang))
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
        lines += ["> ⚠️ " + _label(_LABELS["zh"]["correction"], "zh") + card.correction.zh,
                  ">",
                  "> ⚠️ " + _label(_LABELS["en"]["correction"], "en") + card.correction.en, ""]
    for lang in ("zh", "en"):
        words = _LABELS[lang]
        lines += [f"#### {words['lang']}", ""]
        if card.kind == "cloze":
            lines += _cloze_lines(card, lang)
        else:
            lines += _block(words["q"], card.front.get(lang), lang)
        if card.kind == "mcq":
            lines += _choice_lines(card, lang)
        back = card.back.get(lang)
        if back.strip():
            lines += _block(words["a"] if card.kind == "qa" else words["note"], back, lang)
    return lines


def render_deck(cards: Sequence[Card], topics: dict[str, str] | None = None) -> str:
    """The Markdown text of the deck, grouped by section (deck order within a section)."""
    topics = question_topics() if topics is None else topics
    lines = ["# The bundled deck", "",
             "<!-- Generated by `quizapp deck render --out docs/deck.md` from content/deck/*.toml. "
             "Do not edit by hand: edit the TOML and regenerate. -->", "",
             f"All {len(cards)} cards of the bundled deck, for proofreading, grouped by section in deck order. "
             "Formulas are matplotlib mathtext inside `$...$`; cloze blanks are shown filled in, in bold, with "
             "the other answers a typed quiz accepts; in multiple-choice cards ✅ marks the right answer and every "
             "choice carries its explanation; ⚠️ marks where a card corrects the notes. Each demo link shows the "
             "preset the card opens (parameters left out keep the demo's defaults).", "",
             "To change a card, edit `content/deck/*.toml` (format: `content/FORMAT.md`) and run "
             "`quizapp deck render --out docs/deck.md`; `tests/content/test_deck.py` fails while this file is "
             "out of date. Card ids are forever (`content/released_ids.txt`): rewrite a card, never rename it.",
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
    if path.is_dir():
        raise UserError(DeckText.tr("{path} is a folder; give a file name").format(path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(DeckText.tr(
            "cannot create folder {folder}: {error}").format(
            folder=path.parent, error=exc.strerror or exc)) from None
    write_text_atomic(path, text)
    return True


# ----------------------------------------------------------------------------- a deck as a file

def toml_value(value: Any) -> str:
    """One TOML value: strings as basic strings (JSON's escapes are TOML's), inline tables, arrays."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def deck_toml(header: DeckHeader, cards: Sequence[Card], schedules: dict[str, CardSchedule] | None = None) -> str:
    """A single-file deck (content/FORMAT.md): the [deck] header, then every card, each with its
    schedule when `schedules` has one. `quizapp import` reads it back into the same deck."""
    lines = ["# A quizapp deck (content/FORMAT.md), written by `quizapp export --format toml`.", "",
             "[deck]", f"name = {toml_value(header.name)}", f"origin = {toml_value(header.origin)}"]
    if header.options:
        lines.append(f"options = {toml_value(dict(header.options))}")
    for section in header.sections:
        lines += ["", "[[deck.sections]]", f"id = {toml_value(section.id)}",
                  f"title.zh = {toml_value(section.title.zh)}", f"title.en = {toml_value(section.title.en)}"]
    for card in cards:
        table = card_table(card)
        choices = table.pop("choices", [])
        lines += ["", "[[card]]"]
        for key, value in table.items():
            if key in ("front", "back", "text", "correction"):  # dotted keys: one line each, as authors write
                lines += [f"{key}.{lang} = {toml_value(text)}" for lang, text in value.items()]
            elif key == "demo":
                lines.append(f"demo.id = {toml_value(value['id'])}")
                if value["params"]:
                    lines.append(f"demo.params = {toml_value(value['params'])}")
            else:
                lines.append(f"{key} = {toml_value(value)}")
        if schedules and card.id in schedules:
            lines.append(f"schedule = {toml_value(schedules[card.id].table())}")
        for choice in choices:
            lines += ["", "[[card.choices]]", f"zh = {toml_value(choice['zh'])}", f"en = {toml_value(choice['en'])}",
                      f"correct = {toml_value(choice['correct'])}",
                      f"why.zh = {toml_value(choice['why']['zh'])}", f"why.en = {toml_value(choice['why']['en'])}"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class DeckExport:
    path: str
    deck: str
    cards: int
    with_scheduling: bool

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "deck": self.deck, "cards": self.cards, "with_scheduling": self.with_scheduling}

    def summary(self) -> str:
        if self.with_scheduling:
            return DeckText.tr("wrote deck '{deck}' (%n card(s), with their schedules) to {path}", "",
                               self.cards).format(deck=self.deck, path=self.path)
        return DeckText.tr("wrote deck '{deck}' (%n card(s)) to {path}", "", self.cards).format(
            deck=self.deck, path=self.path)


def export_deck_toml(db: Database, deck: str, target: Path, with_scheduling: bool = False) -> DeckExport:
    """Write deck `deck` (one deck: its own cards, in deck order) as a single-file TOML deck. Its
    sub-decks are decks of their own: export them one by one. The review history is not written
    (a schedule is: due date, interval, easiness, repetitions, lapses, suspension, flag)."""
    with db.read_session() as session:
        row = session.scalars(select(DeckRow).where(DeckRow.name == deck)).first()
        if row is None:
            raise UserError(DeckText.tr("no deck named '{deck}' (see: quizapp deck list)").format(deck=deck))
        header = DeckHeader(row.name, row.origin, sections_from_stored(row.sections), dict(row.options) or None)
        rows = session.execute(select(CardRow.content, CardStateRow).join(CardStateRow)
                               .where(CardRow.deck_id == row.id).order_by(CardStateRow.position, CardRow.id)).all()
    if not rows:
        raise UserError(DeckText.tr("deck '{deck}' has no cards of its own to export").format(deck=deck))
    cards = [Card.from_dict(content) for content, _ in rows]
    schedules = ({card.id: CardSchedule(state_of(st), bool(st.suspended), st.flag or 0)
                  for card, (_, st) in zip(cards, rows)} if with_scheduling else None)
    write_if_changed(target, deck_toml(header, cards, schedules))
    return DeckExport(str(target), deck, len(cards), with_scheduling)
