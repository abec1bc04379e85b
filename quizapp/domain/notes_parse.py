"""Reading a person's study notes as questions and answers (content/FORMAT.md § Notes files).
Pure: text in, a `ParsedNotes` out; nothing is dropped silently (text under no question is
listed in `outside`).

Two formats:

- **plain text**, the format of the chapter notes (the copy in content/notes/): the
  first line is the title; a section heading is a line of its own such as `7.2 优化算法`; a
  question is a line of its own (blank lines around it) ending in `?` or `？`; its answer is
  every line after it up to the next question or heading. The notes were copied out of an
  online editor that lost the pictures: a line `image.png` or `<document> - 图3` is where a
  picture was, and a formula survives only inside a picture's link (`#card=math&code=…`),
  which is decoded back to `$…$`.
- **Markdown**: `#`/`##` headings are sections (a first lone `#` heading is the title); a
  heading ending in `?`/`？`, a heading deeper than the section headings, or a bold line
  `**Q:** …` / `**问：** …` is a question; the lines after it are its answer, kept as written
  (`$…$` math and fenced code included). An image (`![…](…)`) counts as a lost picture: the
  deck format holds no pictures.

A question whose answer is nothing but lost pictures is kept as a card and flagged
(`picture_only`); a question with no answer at all is listed in `unpaired`; a question asked
twice is listed in `duplicates` (the first one is the card).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote

# What stands in an answer where the notes had a picture (shown to the reader of the card).
LOST_PICTURE = {"zh": "（原笔记此处有一张图，已丢失）", "en": "(a picture of the notes was here; it was lost)"}

_QUESTION_END = ("?", "？")
_SECTION_HEADING = re.compile(r"^(\d+(?:\.\d+)+)\s+(\S.{0,59})$")  # 7.2 优化算法
_PICTURE_FILE = re.compile(r"^[\w.\-() ]*\.(?:png|jpe?g|gif|bmp|svg|webp)$", re.IGNORECASE)
_FIGURE_REF = re.compile(r"^(?P<doc>\S.*?) - 图\d+$")  # "ch07 网络优化与正则化 - 图3"
_MATH_LINK = re.compile(r"#card=math&(?P<query>[^)\s]*)")
_BULLET = re.compile(r"^[•·●▪◦]\s*")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_QUESTION = re.compile(r"^\*\*\s*(?:Q|问)\s*[:：]\s*(?P<inside>.*?)\s*\*\*\s*(?P<after>.*)$", re.IGNORECASE)
_MD_ANSWER_LEAD = re.compile(r"^(?:\*\*\s*(?:A|答)\s*[:：]\s*\*\*|(?:A|答)\s*[:：])\s*", re.IGNORECASE)
_MD_IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_MATH_OR_CODE = re.compile(r"\$[^$\n]+\$|`[^`\n]+`|```.*?```", re.DOTALL)
MAX_SECTION_ID = 16


@dataclass(frozen=True)
class NoteSection:
    """A section of the notes: `number` as written ("7.2"), or None for a heading without one."""

    number: str | None
    title: str
    line: int


@dataclass(frozen=True)
class NoteCard:
    question: str
    answer: str  # Markdown; "" when the answer was only lost pictures
    section: int  # index into ParsedNotes.sections
    line: int  # the question's line in its file (1-based)
    lang: str  # "zh" or "en", detected from the card's own text
    lost_pictures: int = 0  # pictures that stood in this answer

    @property
    def picture_only(self) -> bool:
        return not self.answer and self.lost_pictures > 0


@dataclass(frozen=True)
class Unpaired:
    question: str
    line: int


@dataclass(frozen=True)
class Duplicate:
    question: str
    line: int
    first_line: int


@dataclass
class ParsedNotes:
    title: str
    sections: list[NoteSection] = field(default_factory=list)
    cards: list[NoteCard] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    outside: list[tuple[int, str]] = field(default_factory=list)  # (line, text) under no question, the title aside

    @property
    def picture_only(self) -> list[NoteCard]:
        return [c for c in self.cards if c.picture_only]


def question_key(text: str) -> str:
    """What makes two questions the same question: case, width, spacing and the closing
    question mark do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", "", text).rstrip("?")


def detect_language(*texts: str) -> str:
    """"zh" when the text has at least as many Chinese characters as English words (math and
    code left out), else "en": 'batch大小与学习率大小的关系?' is Chinese, an English answer that
    names 鞍点 once is English."""
    text = _MATH_OR_CODE.sub(" ", "\n".join(texts))
    return "zh" if len(_CJK.findall(text)) >= max(1, len(_LATIN_WORD.findall(text))) else "en"


def clean_text(text: str) -> str:
    """Line breaks unified, a byte-order mark and control characters other than tab and line
    break removed (a card may not hold them, content/FORMAT.md)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return "".join(c for c in text if c in "\t\n" or unicodedata.category(c) != "Cc")


def parse_notes(text: str, markdown: bool) -> ParsedNotes:
    return parse_markdown_notes(text) if markdown else parse_text_notes(text)


# ----------------------------------------------------------------------------- plain text


def _decode_math(query: str) -> str | None:
    """The formula a lost math picture's link still carries, as `$…$` lines (mathtext has no
    line break, so each `\\\\` row is a formula of its own)."""
    code = parse_qs(query, keep_blank_values=True).get("code")
    if not code:
        return None
    rows = [r.strip() for r in re.split(r"\\\\|\n", unquote(code[0])) if r.strip()]
    return "\n\n".join(f"${row}$" for row in rows) or None


class _TextAnswer:
    """The answer being read: its paragraphs and the pictures that were lost in it."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lost = 0

    def add_picture(self, lang_hint: str) -> None:
        self.lost += 1
        self.paragraphs.append(LOST_PICTURE[lang_hint])

    def text(self) -> str:
        if all(p in LOST_PICTURE.values() for p in self.paragraphs):
            return ""  # only pictures: the card is flagged, its answer left empty
        return "\n\n".join(self.paragraphs)


def parse_text_notes(text: str) -> ParsedNotes:
    lines = [line.strip() for line in clean_text(text).split("\n")]
    n = len(lines)

    def alone(i: int) -> bool:  # a line with blank lines (or the file's edge) on both sides
        return (i == 0 or not lines[i - 1]) and (i + 1 >= n or not lines[i + 1])

    doc_names = {m.group("doc") for line in lines if (m := _FIGURE_REF.match(line))}
    inline_ref = re.compile("|".join(rf"{re.escape(d)} - 图\d+" for d in sorted(doc_names, key=len, reverse=True))
                            ) if doc_names else None
    first_line = next((i + 1 for i, line in enumerate(lines) if line), 0)
    title = lines[first_line - 1] if first_line else ""
    out = ParsedNotes(title=title)
    pending: tuple[str, int] | None = None  # the question whose answer is being read
    answer = _TextAnswer()
    lang_hint = detect_language(text[:4000])

    def close() -> None:
        nonlocal pending, answer
        if pending is not None:
            _add_card(out, pending[0], pending[1], answer.text(), answer.lost)
        pending, answer = None, _TextAnswer()

    started = False  # the title and what follows it up to the first heading or question is a preamble
    for i, line in enumerate(lines):
        if not line:
            continue
        heading = _SECTION_HEADING.match(line)
        if alone(i) and heading and not line.endswith(_QUESTION_END + ("。", "：", ":", ",", "，")):
            close()
            out.sections.append(NoteSection(heading.group(1), heading.group(2).strip(), i + 1))
            started = True
            continue
        if alone(i) and line.endswith(_QUESTION_END) and (started or i > 0):
            close()
            if not out.sections:
                out.sections.append(NoteSection(None, title, 1))
            pending = (line, i + 1)
            started = True
            continue
        if pending is None:
            if i + 1 != first_line:
                out.outside.append((i + 1, line))  # the preamble, or text between a heading and its first question
            continue
        math = _MATH_LINK.search(line)
        if math and (formula := _decode_math(math.group("query"))):
            answer.paragraphs.append(formula)
        elif _PICTURE_FILE.match(line) or _FIGURE_REF.match(line):
            answer.add_picture(lang_hint)
        else:
            if inline_ref is not None:
                line, count = inline_ref.subn(LOST_PICTURE[lang_hint], line)
                answer.lost += count
            answer.paragraphs.append(_BULLET.sub("- ", line))
    close()
    return out


def _add_card(out: ParsedNotes, question: str, line: int, answer: str, lost: int) -> None:
    if not answer and not lost:
        out.unpaired.append(Unpaired(question, line))
        return
    key = question_key(question)
    first = next((c for c in out.cards if question_key(c.question) == key), None)
    if first is not None:
        out.duplicates.append(Duplicate(question, line, first.line))
        return
    out.cards.append(NoteCard(question, answer, len(out.sections) - 1, line, detect_language(question, answer), lost))


# ----------------------------------------------------------------------------- Markdown


def parse_markdown_notes(text: str) -> ParsedNotes:
    lines = clean_text(text).split("\n")
    in_code = [False] * len(lines)
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _MD_FENCE.match(line)
        if fence is not None:
            in_code[i] = True
            if m and m.group(1) == fence:
                fence = None
        elif m:
            in_code[i], fence = True, m.group(1)

    headings = [(i, len(m.group(1)), m.group(2).strip()) for i, line in enumerate(lines)
                if not in_code[i] and (m := _MD_HEADING.match(line))]
    title = ""
    first_content = next((i for i, line in enumerate(lines) if line.strip()), None)
    level_one = [h for h in headings if h[1] == 1]
    title_line = None
    if headings and len(level_one) == 1 and headings[0][1] == 1 and headings[0][0] == first_content \
            and len(headings) > 1:
        title_line, title = headings[0][0], headings[0][2]
    section_levels = [lvl for i, lvl, t in headings if i != title_line and not t.endswith(_QUESTION_END)]
    section_level = min(section_levels) if section_levels else 0
    if not title:
        title = next((line.strip().lstrip("#").strip() for line in lines if line.strip()), "")

    out = ParsedNotes(title=title)
    heading_at = {i: (lvl, t) for i, lvl, t in headings}
    pending: tuple[str, int] | None = None
    body: list[str] = []

    def close() -> None:
        nonlocal pending, body
        if pending is not None:
            answer, lost = _markdown_answer(body)
            _add_card(out, pending[0], pending[1], answer, lost)
        pending, body = None, []

    def start_question(question: str, line: int) -> None:
        nonlocal pending
        close()
        if not out.sections:
            out.sections.append(NoteSection(None, title, 1))
        pending = (question, line)

    for i, line in enumerate(lines):
        if i == title_line:
            continue
        if i in heading_at:
            level, heading = heading_at[i]
            if heading.endswith(_QUESTION_END) or (section_level and level > section_level):
                start_question(heading, i + 1)
            else:
                close()
                numbered = _SECTION_NUMBER.match(heading)
                out.sections.append(NoteSection(numbered.group(1), numbered.group(2).strip(), i + 1) if numbered
                                    else NoteSection(None, heading, i + 1))
            continue
        bold = None if in_code[i] else _MD_QUESTION.match(line.strip())
        if bold and (question := (bold.group("inside") or bold.group("after")).strip()):
            start_question(question, i + 1)
            if bold.group("inside") and bold.group("after").strip():
                body.append(bold.group("after").strip())  # **Q: question** answer on the same line
            continue
        if pending is not None:
            body.append(line)
        elif line.strip() and i != first_content:  # the first line is the title when no heading is
            out.outside.append((i + 1, line.strip()))
    close()
    return out


def _markdown_answer(body: list[str]) -> tuple[str, int]:
    """The answer as written, blank edges trimmed, an `A:`/`答：` lead removed, lost pictures
    (image lines, `image.png` lines) counted and marked."""
    lines = list(body)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        lines[0] = _MD_ANSWER_LEAD.sub("", lines[0].strip(), count=1)
    lost = 0
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if _MD_IMAGE_LINE.match(stripped) or _PICTURE_FILE.match(stripped):
            lost += 1
            kept.append(LOST_PICTURE["zh" if _CJK.search("".join(lines)) else "en"])
        else:
            kept.append(line.rstrip())
    text = "\n".join(kept).strip()
    if all(not line.strip() or line.strip() in LOST_PICTURE.values() for line in kept):
        text = ""
    return text, lost


def section_ids(sections: list[NoteSection], taken: set[str] | None = None) -> list[str]:
    """An id per section (content/FORMAT.md § Notes files): its number as written ("7.2"), or
    "1", "2", … for sections without one (numbers no other section uses), at most 16 chars."""
    used = set(taken or ()) | {s.number for s in sections if s.number and len(s.number) <= MAX_SECTION_ID}
    ids: list[str] = []
    counter = 0
    for s in sections:
        if s.number and len(s.number) <= MAX_SECTION_ID and s.number not in ids:
            ids.append(s.number)
            continue
        counter += 1
        while str(counter) in used or str(counter) in ids:
            counter += 1
        ids.append(str(counter))
    return ids
