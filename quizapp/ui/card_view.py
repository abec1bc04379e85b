"""Showing one card: question or answer, in zh / en / both, with rendered math.

`card_html` builds the HTML (and lists the formulas it needs); `CardView` shows it in a
QTextBrowser, asks the MathRenderer for formulas not on disk yet (showing their source in the
meantime) and re-renders when they arrive or the theme changes.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QImage, QPalette, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from quizapp.domain import cloze
from quizapp.domain.content import Bilingual, Card
from quizapp.ui import rich_text
from quizapp.ui.fonts import css_font_stack
from quizapp.ui.math_render import IMAGE_NAME, MathImage, MathKey, MathRenderer
from quizapp.ui.theme import scaled_px

QUESTION_PX = 20
ANSWER_PX = 16
_LANG_NAMES = {"zh": "中文", "en": "English"}
MathLookup = Callable[[MathKey], "MathImage | Literal[False] | None"]  # MathCache.lookup


@dataclass
class Style:
    text: str
    muted: str
    accent: str
    good: str
    bad: str
    panel: str
    dpr: float
    axis_ratio: float = 0.0  # Qt's middle of the text font (height / 2 - descent), per pixel of size

    @classmethod
    def from_palette(cls, palette: QPalette, dpr: float, dark: bool, font: QFont | None = None) -> "Style":
        axis_ratio = 0.0
        if font is not None:
            probe = QFont(font)
            probe.setPixelSize(100)
            metrics = QFontMetricsF(probe)
            axis_ratio = (metrics.height() / 2 - metrics.descent()) / 100
        return cls(text=palette.color(QPalette.ColorRole.Text).name(),
                   muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
                   accent=palette.color(QPalette.ColorRole.Link).name(),
                   good="#4cc38a" if dark else "#1a7f4b", bad="#ff7b72" if dark else "#b42318",
                   panel=palette.color(QPalette.ColorRole.AlternateBase).name(), dpr=dpr, axis_ratio=axis_ratio)

    def key(self, tex: str, size_px: int) -> MathKey:
        axis = round(self.axis_ratio * size_px * 2) / 2  # half-pixel steps keep the cache small
        return MathKey(tex, size_px, self.text, self.dpr, axis)


@dataclass
class CardHtml:
    html: str
    missing: list[MathKey] = field(default_factory=list)  # formulas not rendered yet
    keys: list[MathKey] = field(default_factory=list)  # every formula shown


class _Math:
    """The math callback for rich_text: an <img> of a cached formula, else its source."""

    def __init__(self, lookup: MathLookup, style: Style, out: CardHtml) -> None:
        self._lookup, self._style, self._out = lookup, style, out
        self.size_px = ANSWER_PX

    def __call__(self, tex: str) -> str:
        key = self._style.key(tex, self.size_px)
        self._out.keys.append(key)
        image = self._lookup(key)
        if isinstance(image, MathImage):
            return (f'<img src="{QUrl.fromLocalFile(str(image.path)).toString()}" width="{image.width:.0f}" '
                    f'height="{image.height:.0f}" style="vertical-align: middle">')
        if image is None:
            self._out.missing.append(key)
        return rich_text.plain_math(tex)


def _front_markdown(card: Card, lang: str, revealed: bool) -> str:
    if card.kind == "cloze" and card.cloze is not None:
        text = card.cloze.get(lang)
        hide = set() if revealed else set(cloze.blank_numbers(text))
        return cloze.render(text, hide=hide)
    return card.front.get(lang)


def card_html(card: Card, revealed: bool, langs: Sequence[str], style: Style,
              lookup: MathLookup, order: Sequence[int] = ()) -> CardHtml:
    """The card's HTML; an mcq's options in `order` (card indices, first shown first; empty:
    the card's order; see domain.quiz.choice_order)."""
    out = CardHtml("")
    math = _Math(lookup, style, out)
    md = lambda text: rich_text.to_html(text, math)  # noqa: E731
    parts = [f"<div style=\"font-family: {css_font_stack()}; color: {style.text};\">"]
    question_px, answer_px = scaled_px(QUESTION_PX), scaled_px(ANSWER_PX)  # they follow the interface font
    both = len(langs) > 1
    for n, lang in enumerate(langs):
        if n:
            parts.append(f'<hr style="color: {style.muted};">')
        if both:
            parts.append(f'<p style="color: {style.muted}; font-size: {scaled_px(11)}px;">{_LANG_NAMES[lang]}</p>')
        math.size_px = question_px
        parts.append(f'<div style="font-size: {question_px}px;">{md(_front_markdown(card, lang, revealed))}</div>')
        math.size_px = answer_px
        if card.kind == "mcq":
            parts.append(_choices_html(card, lang, revealed, style, math, order))
        if revealed:
            if card.back.get(lang).strip():
                parts.append(f'<div style="font-size: {answer_px}px;">{md(card.back.get(lang))}</div>')
            if card.correction is not None and card.correction.get(lang).strip():
                label = "笔记更正" if lang == "zh" else "Correction to the notes"
                parts.append(f'<table width="100%" cellpadding="8" style="background-color: {style.panel};'
                             f' font-size: {answer_px - 1}px;"><tr><td><b style="color: {style.accent};">'
                             f'{label}:</b> {md(card.correction.get(lang))}</td></tr></table>')
    parts.append("</div>")
    out.html = "".join(parts)
    return out


def _choices_html(card: Card, lang: str, revealed: bool, style: Style, math: _Math,
                  order: Sequence[int] = ()) -> str:
    rows = []
    for i, index in enumerate(order or range(len(card.choices))):
        choice = card.choices[index]
        letter = chr(ord("A") + i)
        text = rich_text.inline(choice.text.get(lang), math)
        if not revealed:
            rows.append(f"<li><b>{letter}.</b> {text}</li>")
            continue
        mark, colour = ("✓", style.good) if choice.correct else ("✗", style.bad)
        why = rich_text.inline(choice.why.get(lang), math)
        rows.append(f'<li><b style="color: {colour};">{mark} {letter}.</b> {text}'
                    f'<br><span style="color: {style.muted};">{why}</span></li>')
    return f'<ul style="font-size: {scaled_px(ANSWER_PX) + 1}px; list-style-type: none;">{"".join(rows)}</ul>'


def all_formulas(card: Card, langs: Sequence[str], style: Style) -> list[MathKey]:
    """Every formula of the card, both sides, at the sizes it is shown (for prefetching)."""
    keys: list[MathKey] = []
    question_px, answer_px = scaled_px(QUESTION_PX), scaled_px(ANSWER_PX)

    def add(text: str, size: int) -> None:
        keys.extend(style.key(t, size) for t in rich_text.math_formulas(text))

    for lang in langs:
        fields: list[Bilingual | None] = [card.front, card.cloze]
        for f in fields:
            if f is not None:
                add(f.get(lang), question_px)
        for f in [card.back, card.correction] + [c.text for c in card.choices] + [c.why for c in card.choices]:
            if f is not None:
                add(f.get(lang), answer_px)
    return keys


class SafeDocument(QTextDocument):
    """A text document that loads nothing but the formula images the app rendered itself (PNGs
    of the math cache folder). Anything else a page names (`<img src>`, a style sheet, a
    background, file:, http:, data:) loads as nothing, so deck text can never make Qt open a
    file: a FIFO would hang the window, /dev/zero exhaust its memory."""

    def __init__(self, image_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = image_folder.resolve()

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt's name
        url = QUrl(name) if isinstance(name, str) else name  # Qt passes a QUrl; Python callers may pass text
        if int(kind) == QTextDocument.ResourceType.ImageResource.value and url.isLocalFile():
            path = Path(url.toLocalFile())
            if IMAGE_NAME.match(path.name) and path.resolve().parent == self._folder and path.is_file():
                image = QImage(str(path))
                if not image.isNull():
                    return image
        return None


def use_safe_document(view: QTextBrowser, renderer: MathRenderer) -> None:
    """Give a text browser a SafeDocument and no link following: it shows, never opens."""
    view.setDocument(SafeDocument(renderer.cache.folder, view))
    view.setOpenLinks(False)
    view.setOpenExternalLinks(False)


class CardView(QTextBrowser):
    """A read-only rich-text view of one card side."""

    def __init__(self, renderer: MathRenderer, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card-view")
        self.setFrameShape(QFrame.Shape.NoFrame)
        use_safe_document(self, renderer)
        self._renderer = renderer
        self._dark = dark
        self._shown: tuple[Card, bool, tuple[str, ...], tuple[int, ...]] | None = None
        self._waiting = False
        self.last: CardHtml | None = None
        renderer.rendered.connect(self._math_arrived)
        self.document().setDocumentMargin(18)

    def style_now(self) -> Style:
        screen = self.screen() or QGuiApplication.primaryScreen()
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
        return Style.from_palette(self.palette(), dpr, self._dark, self.document().defaultFont())

    def show_card(self, card: Card, revealed: bool, langs: Sequence[str], order: Sequence[int] = ()) -> CardHtml:
        """Show one side of `card`; an mcq's options in `order` (see card_html)."""
        self._shown = (card, revealed, tuple(langs), tuple(order))
        return self._render()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self._shown is not None:
            self._render()

    def clear_card(self) -> None:
        self._shown = None
        self.clear()

    def _render(self) -> CardHtml:
        assert self._shown is not None
        card, revealed, langs, order = self._shown
        result = card_html(card, revealed, langs, self.style_now(), self._renderer.cache.lookup, order)
        scroll = self.verticalScrollBar().value()
        self.setHtml(result.html)
        if revealed:
            self.verticalScrollBar().setValue(scroll)
        self.last = result
        self._waiting = bool(result.missing)
        if result.missing:
            self._renderer.request(result.missing)
        return result

    def _math_arrived(self) -> None:
        if self._waiting and self._shown is not None:
            self._render()
