"""Card text between quizapp and Anki's fields (docs/anki.md § Text).

quizapp's card text is plain text with `$...$` / `$$...$$` formulas and `{{cN::...}}` blanks;
Anki's fields are HTML with MathJax `\\(...\\)` / `\\[...\\]` (older decks: `[$]...[/$]`,
`[$$]...[/$$]`). Going to Anki, the text is HTML-escaped and newlines become `<br>`. Coming
from Anki, every tag is dropped (its text kept, except inside scripts, styles and comments),
so nothing in a field can run or load anything; `<img src>` becomes an `[image: NAME]` line naming the media file.
"""
from __future__ import annotations

import html
import re
from typing import Final

_INLINE_MATH_TO_ANKI = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$(?!\$)", re.S)
_DISPLAY_MATH_TO_ANKI = re.compile(r"\$\$(.+?)\$\$", re.S)
_ANKI_INLINE = re.compile(r"\\\((.+?)\\\)|\[\$\](.+?)\[/\$\]", re.S)
_ANKI_DISPLAY = re.compile(r"\\\[(.+?)\\\]|\[\$\$\](.+?)\[/\$\$\]", re.S)
_CLOZE: Final = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.S)
_IMAGE_LINE = re.compile(r"\[image: ([^\]\n]+)\]")


_DROPPED = re.compile(r"<(script|style|head|title|object|iframe|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_IMG = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>""", re.I)
_BLOCK_OPEN = re.compile(r"<(?:br|div|p|li|tr|h[1-6]|hr)\b[^>]*>", re.I)  # a line starts here
_TAG = re.compile(r"</?[A-Za-z!/][^>]*>?")
_IMAGE_MARK = "\x00image\x00"


def html_to_text(field: str) -> tuple[str, list[str]]:
    """An Anki field's HTML as quizapp text, and the media files its images name. Scripts, styles
    and comments go with their content, every other tag goes and its text stays, entities are
    decoded; the result holds no control characters but newlines and tabs."""
    images: list[str] = []
    if "<" in field:
        text = _COMMENT.sub("", _DROPPED.sub("", field))

        def image(m: re.Match[str]) -> str:
            src = html.unescape(next(g for g in m.groups() if g is not None)).strip()
            if not src:
                return ""
            images.append(src)
            return f"{_IMAGE_MARK}{len(images) - 1}{_IMAGE_MARK}"

        text = _IMG.sub(image, text)
        text = _TAG.sub("", _BLOCK_OPEN.sub("\n", text))
    else:
        text = field
    text = html.unescape(text).replace("\xa0", " ") if "&" in text else text.replace("\xa0", " ")
    text = "".join(c for c in text if c in "\n\t" or c == "\x00" or ord(c) >= 32) if _has_control(text) else text
    if images:
        text = re.sub(f"{_IMAGE_MARK}(\\d+){_IMAGE_MARK}", lambda m: f"[image: {images[int(m.group(1))]}]", text)
    text = text.replace("\x00", "")
    if "\n" in text:
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
    return anki_math_to_text(text.strip()), images


_CONTROL = re.compile(r"[\x01-\x08\x0b-\x1f\x7f]")


def plain_to_text(value: str) -> str:
    """A plain-text field (a CSV without `#html:true`) as quizapp text: no control characters
    but newlines and tabs, Anki's math delimiters as quizapp's."""
    return anki_math_to_text(_CONTROL.sub("", value.replace("\x00", "").replace("\r\n", "\n")).strip())


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


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
