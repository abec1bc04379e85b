"""Card text between quizapp and Anki's fields (docs/anki.md § Text).

quizapp's card text is plain text with `$...$` / `$$...$$` formulas and `{{cN::...}}` blanks;
Anki's fields are HTML with MathJax `\\(...\\)` / `\\[...\\]` (older decks: `[$]...[/$]`,
`[$$]...[/$$]`). Going to Anki, the text is HTML-escaped and newlines become `<br>`. Coming
from Anki, the HTML is read with the standard library's parser: scripts, styles and every
other tag are dropped (their text kept, except for scripts and styles), so nothing in a field
can run or load anything; `<img src>` becomes an `[image: NAME]` line naming the media file.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Final

_BLOCK_TAGS: Final = frozenset({"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})
_DROPPED_TAGS: Final = frozenset({"script", "style", "head", "title", "object", "iframe", "template"})

_INLINE_MATH_TO_ANKI = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$(?!\$)", re.S)
_DISPLAY_MATH_TO_ANKI = re.compile(r"\$\$(.+?)\$\$", re.S)
_ANKI_INLINE = re.compile(r"\\\((.+?)\\\)|\[\$\](.+?)\[/\$\]", re.S)
_ANKI_DISPLAY = re.compile(r"\\\[(.+?)\\\]|\[\$\$\](.+?)\[/\$\$\]", re.S)
_CLOZE: Final = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.S)
_IMAGE_LINE = re.compile(r"\[image: ([^\]\n]+)\]")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: list[str] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropping += 1
        elif tag == "img":
            src = dict(attrs).get("src") or ""
            if src and not self._dropping:
                self.images.append(src)
                self.parts.append(f"[image: {src}]")
        elif tag in _BLOCK_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _DROPPED_TAGS:
            self._dropping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropping = max(0, self._dropping - 1)
        elif tag in ("div", "p", "li", "tr") and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(data)


def html_to_text(field: str) -> tuple[str, list[str]]:
    """An Anki field's HTML as quizapp text, and the media files its images name."""
    parser = _TextExtractor()
    parser.feed(field)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    text = "".join(c for c in text if c in "\n\t" or ord(c) >= 32)  # no control characters (issue 21)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return anki_math_to_text(text), parser.images


def anki_math_to_text(text: str) -> str:
    """`\\[...\\]` / `[$$]...[/$$]` → `$$...$$`, `\\(...\\)` / `[$]...[/$]` → `$...$`. A formula
    holding a `$` of its own is left as Anki wrote it (quizapp's `$` would end it early)."""
    def display(m: re.Match[str]) -> str:
        body = m.group(1) if m.group(1) is not None else m.group(2)
        return m.group(0) if "$" in body else f"$${body.strip()}$$"

    def inline(m: re.Match[str]) -> str:
        body = m.group(1) if m.group(1) is not None else m.group(2)
        return m.group(0) if "$" in body or not body.strip() else f"${body.strip()}$"

    return _ANKI_INLINE.sub(inline, _ANKI_DISPLAY.sub(display, text))


def text_to_html(text: str) -> str:
    """quizapp text as an Anki field: HTML-escaped, `$$..$$` → `\\[..\\]`, `$..$` → `\\(..\\)`,
    newlines → `<br>`; an `[image: NAME]` line becomes `<img src="NAME">`."""
    text = _DISPLAY_MATH_TO_ANKI.sub(lambda m: f"\\[{m.group(1)}\\]", text)
    text = _INLINE_MATH_TO_ANKI.sub(lambda m: f"\\({m.group(1)}\\)", text)
    escaped = html.escape(text, quote=False)
    escaped = _IMAGE_LINE.sub(lambda m: f'<img src="{html.escape(html.unescape(m.group(1)))}">', escaped)
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def cloze_for_card(text: str, ordinal: int) -> str:
    """The cloze text of Anki's card `ordinal` (0-based): its own blanks (cN with N = ordinal + 1)
    stay blanks, every other blank shows its answer, as Anki shows that card."""
    def keep_or_fill(m: re.Match[str]) -> str:
        if int(m.group(1)) == ordinal + 1:
            return m.group(0)
        return m.group(2).split("::")[0]

    return _CLOZE.sub(keep_or_fill, text)


def cloze_as_one_card(text: str) -> str:
    """Every blank numbered c1, so Anki makes one card hiding all of them at once, as quizapp does."""
    return _CLOZE.sub(lambda m: "{{c1::" + m.group(2) + "}}", text)


def cloze_numbers(text: str) -> set[int]:
    return {int(m.group(1)) for m in _CLOZE.finditer(text)}
