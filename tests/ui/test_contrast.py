"""WCAG 2.x contrast (AA) of every text/background pair of both themes: the palette's roles and
the style sheets' own colours (assets/styles/<theme>.qss). Normal text needs 4.5:1, large text
(>= 24 px, or >= 18.66 px and bold) 3:1. Disabled controls are exempt (WCAG 1.4.3), as there."""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette

from quizapp.resources import assets_dir
from quizapp.ui.theme import build_palette

R = QPalette.ColorRole
PALETTE_PAIRS = [(R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase), (R.Text, R.Window),
                 (R.ButtonText, R.Button), (R.HighlightedText, R.Highlight), (R.Link, R.Base), (R.Link, R.Window),
                 (R.ToolTipText, R.ToolTipBase), (R.PlaceholderText, R.Base), (R.PlaceholderText, R.Window)]


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (#rrggbb)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * linear(q.red()) + 0.7152 * linear(q.green()) + 0.0722 * linear(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey passing AA on white
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def style_rules(theme: str) -> dict[str, dict[str, str]]:
    text = re.sub(r"/\*.*?\*/", "", (assets_dir() / "styles" / f"{theme}.qss").read_text(encoding="utf-8"), flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        props = {k.strip(): v.strip() for k, v in (p.split(":", 1) for p in body.split(";") if ":" in p)}
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(props)
    return rules


def _is_large(props: dict[str, str]) -> bool:
    size = float(props.get("font-size", "0px").removesuffix("px") or 0)
    bold = props.get("font-weight", "400") in ("600", "700", "800", "900", "bold")
    return size >= 24 or (size >= 18.66 and bold)


def style_pairs(theme: str) -> list[tuple[str, str, str, bool]]:
    """(selector, text colour, background, large) for every style-sheet rule that shows text."""
    palette = build_palette(theme)
    rules = style_rules(theme)
    out = []
    for selector, props in rules.items():
        widget = re.match(r"[A-Za-z]+", selector)
        if widget is None or "::" in selector or ":disabled" in selector:
            continue
        kind = widget.group(0)
        if kind not in ("QLabel", "QPushButton", "QTextBrowser", "QTableWidget"):
            continue  # frames and progress bars show no text of their own
        base, _, state = selector.partition(":")
        generic = rules.get(f"{kind}:{state}", {}) if state else {}
        colour = props.get("color") or rules.get(base, {}).get("color") or palette.color(
            {"QLabel": R.WindowText, "QPushButton": R.ButtonText}.get(kind, R.Text)).name()
        background = (props.get("background") or rules.get(base, {}).get("background") or generic.get("background")
                      or rules.get(kind, {}).get("background")
                      or palette.color({"QLabel": R.Window, "QPushButton": R.Button}.get(kind, R.Base)).name())
        merged = {**rules.get(base, {}), **props}
        out.append((selector, colour, background, _is_large(merged)))
    return out


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_palette_text_meets_wcag_aa(qapp, theme: str) -> None:
    palette = build_palette(theme)
    failing = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for fg, bg in PALETTE_PAIRS:
            ratio = contrast(palette.color(group, fg).name(), palette.color(group, bg).name())
            if ratio < 4.5:
                failing.append(f"{fg.name}/{bg.name}: {ratio:.2f}")
    assert failing == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_style_sheet_text_meets_wcag_aa(qapp, theme: str) -> None:
    pairs = style_pairs(theme)
    assert len(pairs) >= 15  # the parser found the sheet's rules (the grade buttons, labels, badges ...)
    failing = [f"{sel}: {fg} on {bg} = {contrast(fg, bg):.2f}" for sel, fg, bg, large in pairs
               if contrast(fg, bg) < (3.0 if large else 4.5)]
    assert failing == []
