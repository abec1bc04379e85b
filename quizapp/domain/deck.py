"""Parsing and validating deck files (content/FORMAT.md). Pure: text in, cards and errors out.

Every problem is collected (not just the first) and located as FILE:LINE, so a deck author
fixes a file in one pass. Nothing here executes content: TOML is data.

Before tomllib sees a file, `check_limits` scans it once (linear time) and refuses, with one
FILE:LINE issue naming the limit, a file larger than MAX_DECK_BYTES, a dotted key or table
header of more than MAX_KEY_PARTS parts (tomllib's handling of dotted keys is quadratic: a 40 KB
file of one 20,000-part key took 2.4 GB) and arrays or inline tables nested deeper than
MAX_NESTING (3,000 levels exhaust Python's recursion limit). The deck format itself needs at
most 5 parts and 4 levels.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Final

from quizapp.domain import toml_text
from quizapp.domain.catalogue import DEMO_IDS, SECTIONS
from quizapp.domain.cloze import ClozeSyntaxError, parse_blanks
from quizapp.domain.content import CARD_KINDS, Bilingual, Card, Choice, DemoLink
from quizapp.domain.deck_header import DeckHeader, parse_header
from quizapp.domain.sm2 import EF_FLOOR, EF_START, MAX_INTERVAL_DAYS, CardState
from quizapp.i18n.text import DeckFileText

CARD_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}\Z")  # not "$": it lets "id\n" through as another card
_CARD_HEADER = re.compile(r"^\s*\[\[\s*card\s*\]\]")
_CHOICE_HEADER = re.compile(r"^\s*\[\[\s*card\s*\.\s*choices\s*\]\]")
_TOML_LINE = re.compile(r"at line (\d+)")

CARD_KEYS = {"id", "section", "kind", "source", "tags", "front", "back", "text", "correction", "demo", "choices",
             "schedule"}
SCHEDULE_KEYS = {"repetitions", "easiness", "interval", "due", "lapses", "suspended", "flag"}
BILINGUAL_KEYS = {"zh", "en"}
CHOICE_KEYS = {"zh", "en", "correct", "why"}
DEMO_KEYS = {"id", "params"}
MIN_CHOICES, MAX_CHOICES = 2, 6

MAX_DECK_BYTES: Final = 16 * 1024 * 1024  # one deck file (the bundled deck's largest is 85 KB)
MAX_KEY_PARTS: Final = 16  # parts of one dotted key or table header
MAX_NESTING: Final = 16  # arrays and tables inside each other

# The structure scan: strings and comments are skipped whole (what they hold is not structure),
# brackets and dots are seen. Every branch starts with a literal, so the regex engine jumps
# straight to the next such character; a run of dots ("...", never a key) is one token. A quote
# that opens no complete string is where tomllib will stop with a syntax error, so the scan
# stops there too (retrying from inside it would make the scan quadratic). The order of the
# branches is tomllib's: a multi-line string before a basic one; up to two quotes after the
# closing three belong to a multi-line string.
_STRUCTURE = re.compile(
    r'"""[^"\\]*+(?:(?:\\[\s\S]|"(?!""))[^"\\]*+)*+"""(?:""?)?' r'|"""'
    r"|'''[\s\S]*?'''(?:''?)?" r"|'''"
    r'|"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"' r"|'[^'\n]*+'" r"""|"|'"""
    r"|#[^\n]*+|\[|\]|\{|\}|\.\.++|\.")
_UNCLOSED = frozenset({'"', "'", '"""', "'''"})  # a quote that opened no complete string
# The same scan with one more kind of token, a run of plain lines: from a line break, whole lines
# of `key = value`, `[table]` or `[[table]]`, blank or commented, where a key has at most 8 parts
# and a value is a one-line string, a whole number, true/false, or an array or inline table of
# those. Each such line's brackets close on it (at most 2 deep) and its keys are within the
# limit, and the scan only reaches a line break outside any string: the token scan would find
# nothing to refuse there. Nearly every line of a deck is one, so the regex engine reads the file
# in a few runs instead of one Python step per string or dot.
_BASIC = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'  # the scan's own one-line strings
_LITERAL = r"'[^'\n]*+'"
_PART = rf"(?:[A-Za-z0-9_-]++|{_BASIC}|{_LITERAL})"
_PLAIN_KEY = rf"{_PART}(?:[ \t]*+\.[ \t]*+{_PART}){{0,7}}"
_SCALAR = rf"(?:{_BASIC}|{_LITERAL}|true|false|[+-]?[0-9][0-9_]*+)"
_PAIR = rf"{_PLAIN_KEY}[ \t]*+=[ \t]*+{_SCALAR}"


def _items(item: str) -> str:
    return rf"(?:{item}[ \t]*+(?:,[ \t]*+{item}[ \t]*+)*+(?:,[ \t]*+)?)?"


_VALUE = rf"(?:{_SCALAR}|\[[ \t]*+{_items(_SCALAR)}\]|\{{[ \t]*+{_items(_PAIR)}\}})"
_PLAIN_LINE = (rf"(?>[ \t]*+(?:\[\[[ \t]*+{_PLAIN_KEY}[ \t]*+\]\]|\[[ \t]*+{_PLAIN_KEY}[ \t]*+\]"
               rf"|{_PLAIN_KEY}[ \t]*+=[ \t]*+{_VALUE})?[ \t]*+(?:#[^\n]*+)?\r?)(?=\n|\Z)")
_PLAIN_DEPTH = 2  # the deepest a plain line's brackets go
_STRUCTURE_OR_PLAIN = re.compile(rf"{_STRUCTURE.pattern}|(?:\n{_PLAIN_LINE})++")
_QUOTED_PART = r"""(?:"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|'[^'\n]*+')"""
# From a dot: the rest of a dotted key (.part .part ...), possessive so it is read once.
_KEY_TAIL = re.compile(rf"(?:\.[ \t]*+(?:[A-Za-z0-9_-]++|{_QUOTED_PART})[ \t]*+)++")
_QUOTED = re.compile(_QUOTED_PART)
# Unicode category Cc (U+0000-001F, U+007F-009F) less tab and line feed: what card text may not hold
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# (demo id, params) -> problems; the service layer passes one that checks the demo's spec.
DemoParamChecker = Callable[[str, Mapping[str, Any]], list[str]]


@dataclass(frozen=True)
class DeckIssue:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        # One line whatever the deck holds: keys and values quoted in messages may carry
        # newlines or other control characters, shown escaped.
        message = "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in self.message)
        return f"{self.file}:{self.line}: {message}"


@dataclass
class ParsedDeck:
    cards: list[Card] = field(default_factory=list)
    issues: list[DeckIssue] = field(default_factory=list)
    header: DeckHeader | None = None  # the file's [deck] table, if it has one (domain/deck_header.py)
    # card id -> its schedule, for cards that carry one (an export --with-scheduling; content/FORMAT.md)
    schedules: dict[str, CardSchedule] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.issues


@dataclass(frozen=True)
class CardSchedule:
    """A card's schedule as an exported deck file carries it: the SM-2 state (the due day as a
    study-day ordinal, None for a new card) and the marks that move between machines."""

    state: CardState
    suspended: bool = False
    flag: int = 0

    def table(self) -> dict[str, Any]:
        """As a deck file writes it (what the parser reads back)."""
        out: dict[str, Any] = {"repetitions": self.state.repetitions, "easiness": self.state.easiness,
                               "interval": self.state.interval, "lapses": self.state.lapses,
                               "suspended": self.suspended, "flag": self.flag}
        if self.state.due_day is not None:
            out["due"] = date.fromordinal(self.state.due_day)
        return out


class _Locator:
    """Line numbers for the i-th [[card]] and keys inside it (tomllib keeps none). The lines are
    split and the card headers found on the first question: a valid deck never asks (a 10k-card
    deck's lines took ~10% of its parse)."""

    def __init__(self, text: str) -> None:
        self._text = text

    @cached_property
    def lines(self) -> list[str]:
        return self._text.splitlines()

    @cached_property
    def card_lines(self) -> list[int]:
        return [i + 1 for i, line in enumerate(self.lines) if _CARD_HEADER.match(line)]

    def card(self, index: int) -> int:
        return self.card_lines[index] if index < len(self.card_lines) else 1

    def _card_range(self, index: int) -> range:
        start = self.card(index)
        end = self.card_lines[index + 1] if index + 1 < len(self.card_lines) else len(self.lines) + 1
        return range(start, end)

    def key(self, index: int, key: str) -> int:
        k = re.escape(key)  # written bare or quoted: id = ..., "id" = ...
        pattern = re.compile(rf"""^\s*(?:{k}|"{k}"|'{k}')\s*(=|\.)|^\s*\[\s*card\s*\.\s*(?:{k}\b|"{k}"|'{k}')""")
        for n in self._card_range(index):
            if pattern.match(self.lines[n - 1]):
                return n
        return self.card(index)

    def choice(self, index: int, choice_index: int) -> int:
        found = [n for n in self._card_range(index) if _CHOICE_HEADER.match(self.lines[n - 1])]
        return found[choice_index] if choice_index < len(found) else self.key(index, "choices")


def check_limits(text: str, filename: str) -> DeckIssue | None:
    """The first way `text` exceeds the size, key-part or nesting limits, as FILE:LINE; None if
    it stays within them. One pass, linear in the text, before any TOML parsing."""
    if len(text) > MAX_DECK_BYTES:
        return DeckIssue(filename, 1, DeckFileText.tr(
            "the file is larger than the limit of {bytes} bytes ({mib} MiB); split it into several files").format(
            bytes=f"{MAX_DECK_BYTES:,}", mib=MAX_DECK_BYTES // 2**20))
    return _first_excess(text, filename, _STRUCTURE_OR_PLAIN)


def _first_excess(text: str, filename: str, scan: re.Pattern[str], pos: int = 0, depth: int = 0,
                  key_read_to: int = -1) -> DeckIssue | None:
    """`check_limits`' scan from `pos`, at `depth`, with keys read up to `key_read_to`. `scan`:
    _STRUCTURE, one token at a time (the reference), or _STRUCTURE_OR_PLAIN, which also takes
    runs of plain lines whole (the same verdict: tests/domain/test_deck_parser.py compares them)."""
    def at(pos: int, message: str) -> DeckIssue:
        return DeckIssue(filename, text.count("\n", 0, pos) + 1, message)

    for m in scan.finditer(text, pos):
        token = m.group()
        if token[0] in "\"'#":  # most tokens are strings and comments: skipped, unless unclosed
            if token in _UNCLOSED:  # an unclosed string: tomllib stops there with an error, and so can we
                return None
            continue
        if token[0] == "\n":  # a run of plain lines: nothing in it is over a limit, unless it
            if depth > MAX_NESTING - _PLAIN_DEPTH:  # starts deep inside brackets: token by token from here
                return _first_excess(text, filename, _STRUCTURE, m.start(), depth, key_read_to)
            continue
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return at(m.start(), DeckFileText.tr(
                    "arrays or tables nested deeper than {most} levels (the limit; a deck needs 4)").format(
                    most=MAX_NESTING))
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
        elif token == "." and m.start() >= key_read_to:  # a dot already read as part of a key is skipped
            tail = _KEY_TAIL.match(text, m.start())
            if tail is None:
                continue
            key_read_to = tail.end()
            key = tail.group()  # dots inside quoted parts do not count (most keys have none: no sub)
            parts = 1 + (_QUOTED.sub("", key) if '"' in key or "'" in key else key).count(".")
            if parts > MAX_KEY_PARTS:
                return at(m.start(), DeckFileText.tr(
                    "a dotted key or table name may have at most {most} parts (the limit; a deck needs 5), this "
                    "one has {parts}").format(
                    most=MAX_KEY_PARTS, parts=parts))
    return None


def parse_deck_text(text: str, filename: str, question_ids: Iterable[str] = (),
                    check_demo_params: DemoParamChecker | None = None,
                    sections: Iterable[str] | None = None) -> ParsedDeck:
    """Parse one deck file's text. `question_ids`: the valid `source` ids. A card's section must
    be one of the file's own `[deck]` sections when it has a header, else one of `sections`
    (the deck it imports into; default: the bundled deck's 7.1-7.7)."""
    out = ParsedDeck()
    over = check_limits(text, filename)
    if over is not None:
        out.issues.append(over)
        return out
    try:
        data = toml_text.loads(text)
    except toml_text.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        out.issues.append(DeckIssue(filename, int(m.group(1)) if m else 1, DeckFileText.tr(
            "not valid TOML: {error}").format(
            error=exc)))
        return out
    loc = _Locator(text)
    for key in data:
        if key not in ("card", "deck"):
            out.issues.append(DeckIssue(filename, 1, DeckFileText.tr(
                "unknown top-level key '{key}' (cards are [[card]] tables, the deck header is [deck])").format(
                key=key)))
    allowed_sections = tuple(SECTIONS) if sections is None else tuple(sections)
    if "deck" in data:
        out.header, problems = parse_header(data["deck"])
        for key, message in problems:
            out.issues.append(DeckIssue(filename, _header_line(loc.lines, key), message))
        if out.header is not None:
            allowed_sections = out.header.section_ids
    cards = data.get("card", [])
    if not isinstance(cards, list):
        out.issues.append(DeckIssue(filename, 1, DeckFileText.tr(
            "'card' must be an array of tables: write [[card]]")))
        return out
    known_sources = set(question_ids)
    # A string holds a control character only when the text does (raw: C1 controls, a CR of a
    # multi-line string) or spells one with an escape: without either, the per-card walk is skipped.
    may_hold_control = "\\" in text or _CONTROL_CHARACTER.search(text) is not None
    for index, raw in enumerate(cards):
        control = _control_characters(raw) if may_hold_control and isinstance(raw, dict) else []
        if control:
            label = f"'{raw['id']}'" if isinstance(raw.get("id"), str) else f"#{index + 1}"
            for top_key, dotted, char in control:
                line = loc.key(index, re.sub(r"\[\d+\]", "", dotted))  # back.en = ..., or else the top key
                out.issues.append(DeckIssue(filename, line if line != loc.card(index) else loc.key(index, top_key),
                                            DeckFileText.tr(
                                                "card {card}: {key} contains the control character U+{code}; "
                                                "only tabs and line breaks are allowed in text").format(
                                                card=label, key=dotted, code=f"{ord(char):04X}")))
            continue
        card = _plain_card(raw, known_sources, allowed_sections)  # most cards: one short pass, nothing to report
        if card is not None and "schedule" not in raw:
            out.cards.append(card)
            continue
        issues: list[DeckIssue] = []
        if card is None:  # not a plain card: every check, every problem reported
            card, issues = _parse_card(raw, index, loc, filename, known_sources, check_demo_params, allowed_sections)
        schedule_problems: list[str] = []
        schedule = _parse_schedule(raw.get("schedule"), schedule_problems.append)
        issues += [DeckIssue(filename, loc.key(index, "schedule"), DeckFileText.tr(
            "card {card}: {problem}").format(
            card=raw.get('id'), problem=m))
                   for m in schedule_problems]
        out.issues.extend(issues)
        if card is not None and not issues:
            out.cards.append(card)
            if schedule is not None:
                out.schedules[card.id] = schedule
    return out


def _control_characters(raw: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(top-level key, dotted key, first bad character) for every string in a card that holds a
    control character other than tab and line feed. TOML lets them in through escapes (\\u0000),
    and no card needs them: a NUL once hung the rich-text renderer."""
    found: list[tuple[str, str, str]] = []

    def walk(value: Any, top: str, dotted: str) -> None:
        if isinstance(value, str):
            bad = _CONTROL_CHARACTER.search(value)
            if bad is not None:
                found.append((top, dotted, bad.group()))
        elif isinstance(value, Mapping):
            for k, v in value.items():
                walk(v, top, f"{dotted}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, top, f"{dotted}[{i + 1}]")

    for key, value in raw.items():
        walk(value, key, key)
    return found


def parse_card_table(raw: Mapping[str, Any], question_ids: Iterable[str] = (),
                     check_demo_params: DemoParamChecker | None = None,
                     sections: Iterable[str] | None = None) -> tuple[Card | None, list[str]]:
    """Validate one card given as the table a deck file holds for it (see `card_table`), by
    the same rules as a deck import: the card, or None and every problem ("card ID: message").
    `sections`: its deck's section ids (default: the bundled deck's)."""
    if not isinstance(raw, Mapping):
        return None, [DeckFileText.tr("a card must be a table of fields")]
    card, issues = _parse_card(dict(raw), 0, _Locator(""), "", set(question_ids), check_demo_params,
                               tuple(SECTIONS) if sections is None else tuple(sections))
    return card, [issue.message for issue in issues]


def card_table(card: Card) -> dict[str, Any]:
    """A card as the table a deck file holds for it: what `parse_card_table` reads back."""
    def bi(b: Bilingual) -> dict[str, str]:
        return {"zh": b.zh, "en": b.en}

    table: dict[str, Any] = {"id": card.id, "section": card.section, "kind": card.kind,
                             "tags": list(card.tags), "source": list(card.source)}
    if card.kind == "cloze" and card.cloze is not None:
        table["text"] = bi(card.cloze)
    else:
        table["front"] = bi(card.front)
    if card.back.zh or card.back.en:
        table["back"] = bi(card.back)
    if card.choices:
        table["choices"] = [{"zh": c.text.zh, "en": c.text.en, "correct": c.correct, "why": bi(c.why)}
                            for c in card.choices]
    if card.correction is not None:
        table["correction"] = bi(card.correction)
    if card.demo is not None:
        table["demo"] = {"id": card.demo.id, "params": dict(card.demo.params)}
    return table


def _header_line(lines: list[str], key: str) -> int:
    """The line of `key` inside the [deck] table (or of the table itself), for an issue."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*\[\s*deck\s*\]", line)), None)
    if start is None:
        return 1
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*[=.]|\[\[\s*deck\s*\.\s*{re.escape(key)}\s*\]\])")
    for i in range(start, len(lines)):
        if pattern.match(lines[i]):
            return i + 1
    return start + 1


def _parse_card(raw: dict[str, Any], index: int, loc: _Locator, filename: str, known_sources: set[str],
                check_demo_params: DemoParamChecker | None,
                sections: tuple[str, ...] = tuple(SECTIONS)) -> tuple[Card | None, list[DeckIssue]]:
    issues: list[DeckIssue] = []

    def err(key: str | None, message: str, line: int | None = None) -> None:
        where = line if line is not None else (loc.key(index, key) if key else loc.card(index))
        cid = raw.get("id")  # named by its id only when that is one printable word
        label = cid if isinstance(cid, str) and cid.isprintable() and cid.split() == [cid] else f"#{index + 1}"
        issues.append(DeckIssue(filename, where, DeckFileText.tr(
            "card {card}: {problem}").format(
            card=label, problem=message)))

    for key in raw:
        if key not in CARD_KEYS:
            err(key, DeckFileText.tr(
                "unknown key '{key}' (allowed: {allowed})").format(
                key=key, allowed=', '.join(sorted(CARD_KEYS))))
    for key in ("id", "section", "kind"):
        if key not in raw:
            err(None, DeckFileText.tr("missing required field '{key}'").format(key=key))
    card_id, section, kind = raw.get("id"), raw.get("section"), raw.get("kind")
    if "id" in raw and (not isinstance(card_id, str) or not CARD_ID.match(card_id)):
        err("id", DeckFileText.tr(
            "id {id} must be lowercase letters, digits and '-' (2-80 chars)").format(
            id=f"{card_id!r}"))
    if "section" in raw and section not in sections:
        shown = ", ".join(sections[:12]) + (", …" if len(sections) > 12 else "")
        err("section", DeckFileText.tr(
            "unknown section {section} (one of the deck's sections: {sections})").format(
            section=f"{section!r}", sections=shown))
    if "kind" in raw and kind not in CARD_KINDS:
        err("kind", DeckFileText.tr(
            "unknown kind {kind} (one of {kinds})").format(
            kind=f"{kind!r}", kinds=', '.join(CARD_KINDS)))

    def bilingual(key: str, required: bool) -> Bilingual | None:
        value = raw.get(key)
        if value is None:
            if required:
                err(None, DeckFileText.tr(
                    "missing required field '{key}' (with {key}.zh and {key}.en)").format(key=key))
            return None
        if not isinstance(value, dict):
            err(key, f"'{key}' must be a table with zh and en")
            return None
        for sub in value:
            if sub not in BILINGUAL_KEYS:
                err(key, DeckFileText.tr("unknown key '{key}.{sub}' (allowed: zh, en)").format(key=key, sub=sub))
        texts = {}
        for lang in ("zh", "en"):
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                err(key, f"'{key}.{lang}' is missing or empty")
            else:
                texts[lang] = text.strip()
        return Bilingual(texts["zh"], texts["en"]) if len(texts) == 2 else None

    front = back = cloze = None
    choices: list[Choice] = []
    if kind == "qa":
        front, back = bilingual("front", True), bilingual("back", True)
        for key in ("text", "choices"):
            if key in raw:
                err(key, f"'{key}' is not allowed in a qa card")
    elif kind == "cloze":
        cloze = bilingual("text", True)
        back = bilingual("back", False)
        for key in ("front", "choices"):
            if key in raw:
                err(key, f"'{key}' is not allowed in a cloze card (its front is the text with blanks hidden)")
        if cloze is not None:
            _check_cloze(cloze, lambda m: err("text", m))
    elif kind == "mcq":
        front, back = bilingual("front", True), bilingual("back", False)
        if "text" in raw:
            err("text", "'text' is not allowed in an mcq card")
        choices = _parse_choices(raw.get("choices"), index, loc, err)

    tags = _string_list(raw, "tags", err)
    source = _string_list(raw, "source", err)
    for s in source:
        if s not in known_sources:
            err("source", DeckFileText.tr(
                "unknown source question id '{id}' (see content/questions.tsv)").format(
                id=s))
    correction = bilingual("correction", False)
    demo = _parse_demo(raw.get("demo"), err, check_demo_params)

    if issues or not isinstance(card_id, str):
        return None, issues
    empty = Bilingual("", "")
    return Card(id=card_id, section=section, kind=kind, front=front or empty, back=back or empty,  # type: ignore[arg-type]
                tags=tuple(tags), source=tuple(source), cloze=cloze, choices=tuple(choices),
                correction=correction, demo=demo), issues


# The keys a plain card may have (see _plain_card), by kind; "schedule" is read by parse_deck_text.
_PLAIN_KEYS = {"qa": frozenset({"id", "section", "kind", "front", "back", "tags", "source", "correction", "schedule"}),
               "cloze": frozenset({"id", "section", "kind", "text", "back", "tags", "source", "correction",
                                   "schedule"})}


def _plain_card(raw: Any, known_sources: set[str], sections: tuple[str, ...]) -> Card | None:
    """The card `_parse_card` makes of a qa or cloze table that passes every one of its checks,
    read in one short pass (most cards of a deck; ~2x faster: no closures, no issue list);
    None for anything else (a problem, an mcq, a demo, a type it does not expect), which
    `_parse_card` then reads in full. tests/domain/test_deck_parser.py compares the two."""
    if type(raw) is not dict:
        return None
    kind = raw.get("kind")
    allowed = _PLAIN_KEYS.get(kind) if type(kind) is str else None
    card_id, section = raw.get("id"), raw.get("section")
    if (allowed is None or not allowed.issuperset(raw) or type(card_id) is not str or not CARD_ID.match(card_id)
            or type(section) is not str or section not in sections):
        return None
    tags, source = _plain_strings(raw.get("tags", [])), _plain_strings(raw.get("source", []))
    if tags is None or source is None or not known_sources.issuperset(source):
        return None
    correction = None
    if "correction" in raw and (correction := _plain_bilingual(raw["correction"])) is None:
        return None
    if kind == "qa":
        front, back = _plain_bilingual(raw.get("front")), _plain_bilingual(raw.get("back"))
        if front is None or back is None:
            return None
        return Card(id=card_id, section=section, kind="qa", front=front, back=back, tags=tags, source=source,
                    correction=correction)
    cloze, back = _plain_bilingual(raw.get("text")), None
    if cloze is None or ("back" in raw and (back := _plain_bilingual(raw["back"])) is None):
        return None
    problems: list[str] = []
    _check_cloze(cloze, problems.append)
    if problems:
        return None
    empty = Bilingual("", "")
    return Card(id=card_id, section=section, kind="cloze", front=empty, back=back or empty, tags=tags, source=source,
                cloze=cloze, correction=correction)


def _plain_bilingual(value: Any) -> Bilingual | None:
    """A {zh, en} table of two texts that are not blank, stripped (`bilingual` in _parse_card); else None."""
    if type(value) is not dict or len(value) != 2:
        return None
    zh, en = value.get("zh"), value.get("en")
    if type(zh) is not str or type(en) is not str:
        return None
    zh, en = zh.strip(), en.strip()
    return Bilingual(zh, en) if zh and en else None


def _plain_strings(value: Any) -> tuple[str, ...] | None:
    """A list of texts that are not blank, stripped (`_string_list`); else None."""
    if type(value) is not list:
        return None
    stripped = tuple(v.strip() for v in value if type(v) is str)
    return stripped if len(stripped) == len(value) and all(stripped) else None


def _string_list(raw: dict[str, Any], key: str, err: Callable[..., None]) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        err(key, f"'{key}' must be a list of non-empty strings")
        return []
    return [v.strip() for v in value]


def _check_cloze(text: Bilingual, report: Callable[[str], None]) -> None:
    numbers: dict[str, list[int]] = {}
    for lang in ("zh", "en"):
        try:
            blanks = parse_blanks(text.get(lang))
        except ClozeSyntaxError as exc:
            report(DeckFileText.tr("bad cloze syntax in text.{lang}: {error}").format(lang=lang, error=exc))
            return
        if not blanks:
            report(DeckFileText.tr("text.{lang} has no {{{{c1::...}}}} blank").format(lang=lang))
            return
        numbers[lang] = sorted({b.number for b in blanks})
        if numbers[lang] != list(range(1, len(numbers[lang]) + 1)):
            report(f"text.{lang} blanks must be numbered c1, c2, ... without gaps; found "
                   + ", ".join(f"c{n}" for n in numbers[lang]))
            return
    if numbers["zh"] != numbers["en"]:
        report(DeckFileText.tr(
            "text.zh and text.en have different blanks: {zh} vs {en}").format(
            zh=numbers['zh'], en=numbers['en']))


def _parse_choices(value: Any, index: int, loc: _Locator, err: Callable[..., None]) -> list[Choice]:
    if not isinstance(value, list) or not value:
        err(None, DeckFileText.tr("an mcq card needs [[card.choices]] tables"))
        return []
    if not MIN_CHOICES <= len(value) <= MAX_CHOICES:
        err("choices", DeckFileText.tr(
            "an mcq card needs {low}-{high} choices, found {found}").format(
            low=MIN_CHOICES, high=MAX_CHOICES, found=len(value)),
            line=loc.choice(index, 0))
    out: list[Choice] = []
    for ci, choice in enumerate(value):
        line = loc.choice(index, ci)
        if not isinstance(choice, dict):
            err(None, DeckFileText.tr("choice {number} must be a table").format(number=ci + 1), line=line)
            continue
        bad = False
        for key in choice:
            if key not in CHOICE_KEYS:
                err(None, DeckFileText.tr(
                    "choice {number}: unknown key '{key}' (allowed: zh, en, correct, why)").format(
                    number=ci + 1, key=key), line=line)
                bad = True
        correct = choice.get("correct", False)
        if not isinstance(correct, bool):
            err(None, DeckFileText.tr(
                "choice {number}: 'correct' must be true or false").format(
                number=ci + 1), line=line)
            bad = True
        texts = {lang: choice.get(lang) for lang in ("zh", "en")}
        why = choice.get("why")
        for lang, text in texts.items():
            if not isinstance(text, str) or not text.strip():
                err(None, DeckFileText.tr(
                    "choice {number}: '{lang}' is missing or empty").format(
                    number=ci + 1, lang=lang), line=line)
                bad = True
        if not isinstance(why, dict) or not all(isinstance(why.get(lang), str) and why[lang].strip()
                                                for lang in ("zh", "en")):
            err(None, DeckFileText.tr(
                "choice {number}: 'why.zh' and 'why.en' (why it is right or wrong) are required").format(
                number=ci + 1), line=line)
            bad = True
        elif set(why) - BILINGUAL_KEYS:
            err(None, DeckFileText.tr(
                "choice {number}: unknown key in 'why' (allowed: zh, en)").format(
                number=ci + 1), line=line)
            bad = True
        zh, en = texts["zh"], texts["en"]
        # `not bad` already means all three are there; the isinstance checks say so to the type checker
        if not bad and isinstance(zh, str) and isinstance(en, str) and isinstance(why, dict):
            out.append(Choice(Bilingual(zh.strip(), en.strip()), correct,
                              Bilingual(why["zh"].strip(), why["en"].strip())))
    n_correct = sum(1 for c in value if isinstance(c, dict) and c.get("correct") is True)
    if n_correct != 1:
        err("choices", DeckFileText.tr(
            "an mcq card needs exactly one choice with correct = true, found {found}").format(
            found=n_correct),
            line=loc.choice(index, 0))
    return out


def _parse_demo(value: Any, err: Callable[..., None], checker: DemoParamChecker | None) -> DemoLink | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "id" not in value:
        err("demo", "'demo' must have an 'id' (and optional 'params')")
        return None
    for key in value:
        if key not in DEMO_KEYS:
            err("demo", DeckFileText.tr("unknown key 'demo.{key}' (allowed: id, params)").format(key=key))
    demo_id, params = value.get("id"), value.get("params", {})
    if demo_id not in DEMO_IDS:
        err("demo", DeckFileText.tr(
            "unknown demo id {id}; it must be one of the catalogue's ids").format(
            id=f"{demo_id!r}"))
        return None
    if not isinstance(params, dict):
        err("demo", "'demo.params' must be a table")
        return None
    if checker is not None:
        for problem in checker(demo_id, params):
            err("demo", DeckFileText.tr("demo '{demo}': {problem}").format(demo=demo_id, problem=problem))
    return DemoLink(demo_id, dict(params))


def _parse_schedule(value: Any, err: Callable[[str], None]) -> CardSchedule | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        err("'schedule' must be a table (repetitions, easiness, interval, due, lapses, suspended, flag)")
        return None
    bad = False
    for key in value:
        if key not in SCHEDULE_KEYS:
            err(DeckFileText.tr(
                "unknown key 'schedule.{key}' (allowed: {allowed})").format(
                key=key, allowed=', '.join(sorted(SCHEDULE_KEYS))))
            bad = True
    numbers = {"repetitions": (0, 100_000), "easiness": (EF_FLOOR, 1000), "interval": (0, MAX_INTERVAL_DAYS),
               "lapses": (0, 100_000), "flag": (0, 4)}
    got: dict[str, int] = {}
    for key, (low, high) in numbers.items():
        v = value.get(key, {"easiness": EF_START, "flag": 0}.get(key, 0))
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            err(DeckFileText.tr(
                "schedule.{key} must be a whole number from {low} to {high}").format(
                key=key, low=low, high=high))
            bad = True
        else:
            got[key] = v
    due = value.get("due")
    if due is not None and (not isinstance(due, date) or isinstance(due, datetime)):
        err(DeckFileText.tr("schedule.due must be a date (YYYY-MM-DD) or left out for a new card"))
        bad = True
    suspended = value.get("suspended", False)
    if not isinstance(suspended, bool):
        err(DeckFileText.tr("schedule.suspended must be true or false"))
        bad = True
    if bad:
        return None
    state = CardState(repetitions=got["repetitions"], easiness=got["easiness"], interval=got["interval"],
                      due_day=due.toordinal() if due is not None else None, lapses=got["lapses"])
    return CardSchedule(state, suspended, got["flag"])


_ID_LINE = re.compile(r"""^[ \t]*(?:id|"id"|'id')[ \t]*=[ \t]*(["'])([^"'\n]+)\1""", re.M)


def check_unique_ids(decks: Mapping[str, ParsedDeck], text_by_file: Mapping[str, str]) -> list[DeckIssue]:
    """Duplicate card ids within and across files. A file's text is scanned for its id lines
    only when it holds a duplicate (a valid import never needs them)."""
    seen: dict[str, str] = {}
    issues: list[DeckIssue] = []
    for filename, deck in decks.items():
        id_lines: dict[str, list[int]] | None = None
        used: dict[str, int] = {}
        for card in deck.cards:
            nth = used.get(card.id, 0)
            used[card.id] = nth + 1
            if card.id in seen:
                if id_lines is None:
                    id_lines = _id_lines(text_by_file[filename])
                lines = id_lines.get(card.id, [1])
                issues.append(DeckIssue(filename, lines[min(nth, len(lines) - 1)], DeckFileText.tr(
                    "duplicate card id '{id}' (first in {first})").format(
                    id=card.id, first=seen[card.id])))
            else:
                seen[card.id] = filename
    return issues


def _id_lines(text: str) -> dict[str, list[int]]:
    """The lines of each `id = "..."` in a deck file's text, in order (one pass)."""
    id_lines: dict[str, list[int]] = {}
    line, pos = 1, 0
    for m in _ID_LINE.finditer(text):
        line += text.count("\n", pos, m.start())  # count forward from the previous match
        pos = m.start()
        id_lines.setdefault(m.group(2), []).append(line)
    return id_lines
