"""Card Markdown to the HTML subset Qt's rich-text engine shows (no Qt here: pure text).

Supported, as the deck format promises (content/FORMAT.md): paragraphs, **bold**, *italic*,
`inline code`, fenced code blocks, bullet and numbered lists (nested by indentation),
# headings, and math in `$...$` (a literal dollar is `\\$`). Math is handed to a callback
that returns the HTML for one formula (an <img> of the rendered formula, or a fallback),
so this module never needs matplotlib.

Safe for any string, by construction: every piece of the text is HTML-escaped (deck text never
becomes markup, so it cannot make Qt load a file), control characters show as U+FFFD, and the
formulas and code spans are put back in one pass over placeholders the escaped text cannot
contain (`<N>`: escaped text has no `<`), so no input can make the substitution loop or fail.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MathHtml = Callable[[str], str]

_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_MATH = re.compile(r"(?<!\\)\$([^$\n]+?)(?<!\\)\$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_TOKEN = "<{}>"  # escaped text has no "<", so a placeholder cannot be forged by the text itself
_TOKEN_RE = re.compile(r"<(\d+)>")
# C0 controls (bar tab and newline), DEL and C1: Qt's HTML parser stops at a NUL, others are invisible
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    return _CONTROL.sub("\ufffd", html.escape(text, quote=False))


def plain_math(tex: str) -> str:
    """Fallback for a formula not rendered (yet): its source, set in italics."""
    return f"<i>{_escape(tex)}</i>"


def math_formulas(text: str) -> list[str]:
    """Every formula in `text` (outside code spans), in order: exactly the ones `inline` draws
    (a code span splits the text, so `$a`x`$` holds no formula)."""
    return [content for kind, content in _pieces(text) if kind == "math"]


def _pieces(text: str) -> Iterator[tuple[str, str]]:
    """The text as ("text" | "code" | "math", content) pieces: code spans first, then formulas
    in the text between them (a `$` inside a code span is not math)."""
    end = 0
    for code in _CODE_SPAN.finditer(text):
        yield from _math_pieces(text[end:code.start()])
        yield "code", code.group(1)
        end = code.end()
    yield from _math_pieces(text[end:])


def _math_pieces(text: str) -> Iterator[tuple[str, str]]:
    end = 0
    for m in _MATH.finditer(text):
        yield "text", text[end:m.start()]
        yield "math", m.group(1)
        end = m.end()
    yield "text", text[end:]


def inline(text: str, math_html: MathHtml = plain_math) -> str:
    """One line of Markdown inline syntax to HTML (any string is safe: see the module docstring)."""
    tokens: list[str] = []
    escaped: list[str] = []
    for kind, content in _pieces(text):
        if kind == "text":
            escaped.append(_escape(content))
            continue
        tokens.append(f"<code>{_escape(content)}</code>" if kind == "code" else math_html(content))
        escaped.append(_TOKEN.format(len(tokens) - 1))
    out = "".join(escaped).replace("\\$", "$")
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    # one pass: what a token holds is never scanned again
    return _TOKEN_RE.sub(lambda m: tokens[int(m.group(1))], out)


@dataclass
class _List:
    indent: int
    tag: str  # "ul" | "ol"


def to_html(markdown: str, math_html: MathHtml = plain_math) -> str:
    """A block of card Markdown to HTML."""
    out: list[str] = []
    paragraph: list[str] = []
    lists: list[_List] = []
    item_open = False
    lines = markdown.strip("\n").splitlines()
    i = 0

    def flush_paragraph() -> None:
        if paragraph:
            out.append(f"<p>{inline(' '.join(s.strip() for s in paragraph), math_html)}</p>")
            paragraph.clear()

    def close_lists(to_indent: int = -1) -> None:
        nonlocal item_open
        while lists and lists[-1].indent > to_indent:
            if item_open:
                out.append("</li>")
            out.append(f"</{lists.pop().tag}>")
            item_open = bool(lists)

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush_paragraph()
            close_lists()
            block = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                block.append(lines[i])
                i += 1
            out.append(f"<pre>{_escape(chr(10).join(block))}</pre>")
            i += 1
            continue
        if not stripped:
            flush_paragraph()
            # a blank line ends the lists unless the next line carries on with one
            nxt = next((ln for ln in lines[i + 1:] if ln.strip()), "")
            if lists and not (_ITEM.match(nxt) or nxt.startswith(" ")):
                close_lists()
            i += 1
            continue
        item = _ITEM.match(line)
        if item:
            flush_paragraph()
            indent = len(item.group(1).expandtabs(4))
            tag = "ol" if item.group(2)[0].isdigit() else "ul"
            if lists and indent < lists[-1].indent:
                close_lists(indent)
            if lists and indent == lists[-1].indent and tag != lists[-1].tag:
                close_lists(indent - 1)
            if not lists or indent > lists[-1].indent:
                start = item.group(2)[:-1] if tag == "ol" else "1"
                attr = f' start="{start}"' if tag == "ol" and start != "1" else ""
                out.append(f"<{tag}{attr}>")
                lists.append(_List(indent, tag))
            elif item_open:
                out.append("</li>")
            out.append(f"<li>{inline(item.group(3), math_html)}")
            item_open = True
            i += 1
            continue
        if lists and line.startswith(" "):  # continuation of a list item
            out.append(" " + inline(stripped, math_html))
            i += 1
            continue
        close_lists()
        heading = _HEADING.match(stripped)
        if heading:
            flush_paragraph()
            level = len(heading.group(1)) + 2  # card headings are small: h3..h6
            out.append(f"<h{level}>{inline(heading.group(2), math_html)}</h{level}>")
        else:
            paragraph.append(line)
        i += 1
    flush_paragraph()
    close_lists()
    return "".join(out)
