"""Light and dark themes: follow the system's colour scheme unless the user picked one.

The theme is a Fusion palette plus a small style sheet (assets/styles/<theme>.qss) for the
app's own widgets, which address colours by object name (e.g. QPushButton#grade-1).
Views that draw their own pixels (rendered math, matplotlib figures) listen to `changed`.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from quizapp.resources import assets_dir

THEME_MODES = ("system", "light", "dark")
# The pixel font sizes in assets/styles/*.qss (and the card's HTML) were chosen next to a 12 px
# (9 pt at 96 dpi) interface font; they are scaled by the real interface font's size over this,
# so a larger system font (or a 150 % setting) enlarges titles and cards too.
DESIGN_FONT_PX = 12
_FONT_SIZE_PX = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")

# (window, base, alternate base, text, button, highlight, link, mid, placeholder)
_COLOURS = {
    "light": ("#f4f5f7", "#ffffff", "#eef0f3", "#1d2330", "#e8eaee", "#2f6fde", "#1f5fbf", "#c5cad3", "#646c7a"),
    "dark": ("#1e2127", "#262a31", "#2c3139", "#e3e6ea", "#30353e", "#356ad0", "#8ab4ff", "#454c57", "#8c95a3"),
}


def build_palette(name: str) -> QPalette:
    window, base, alt, text, button, highlight, link, mid, placeholder = (QColor(c) for c in _COLOURS[name])
    p = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, alt)
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, button)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.Highlight, highlight)
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.Link, link)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, base)
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, placeholder)
        p.setColor(group, QPalette.ColorRole.Mid, mid)
        p.setColor(group, QPalette.ColorRole.Light, alt)
        p.setColor(group, QPalette.ColorRole.Dark, mid)
    disabled = QColor(placeholder)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, button)
    return p


def text_scale(font: QFont | None = None) -> float:
    """The interface font's size over DESIGN_FONT_PX (1.0 at Qt's default 9 pt, 1.5 at 150 %)."""
    font = font if font is not None else QGuiApplication.font()
    return max(QFontInfo(font).pixelSize(), 1) / DESIGN_FONT_PX


def scaled_px(px: float, scale: float | None = None) -> int:
    return max(1, round(px * (text_scale() if scale is None else scale)))


def scaled_style_sheet(text: str, scale: float) -> str:
    """Every `font-size: Npx` of a style sheet times `scale`."""
    return _FONT_SIZE_PX.sub(lambda m: f"font-size: {scaled_px(float(m.group(1)), scale)}px", text)


def system_theme() -> str:
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


class ThemeManager(QObject):
    """Holds the chosen mode (system/light/dark) and applies the effective theme to the app."""

    changed = Signal(str)  # the effective theme: "light" or "dark"

    def __init__(self, app: QApplication, mode: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode if mode in THEME_MODES else "system"
        self._effective = ""
        app.setStyle("Fusion")  # the same look everywhere; palettes apply fully to Fusion
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        app.fontChanged.connect(lambda _font: self._apply_style_sheet())  # the sheet's sizes follow the font
        self._apply()

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def effective(self) -> str:
        return self._effective

    @property
    def dark(self) -> bool:
        return self._effective == "dark"

    def set_mode(self, mode: str) -> None:
        if mode not in THEME_MODES:
            raise ValueError(f"theme must be one of {', '.join(THEME_MODES)}, got {mode!r}")
        self._mode = mode
        self._apply()

    def colour(self, role: QPalette.ColorRole) -> str:
        return self._app.palette().color(role).name()

    def _system_changed(self, _scheme: object) -> None:
        if self._mode == "system":
            self._apply()

    def _apply(self) -> None:
        effective = system_theme() if self._mode == "system" else self._mode
        if effective == self._effective:
            return
        self._effective = effective
        self._app.setPalette(build_palette(effective))
        self._apply_style_sheet()
        self.changed.emit(effective)

    def _apply_style_sheet(self) -> None:
        sheet = assets_dir() / "styles" / f"{self._effective}.qss"
        text = sheet.read_text(encoding="utf-8") if sheet.exists() else ""
        scaled = scaled_style_sheet(text, text_scale(self._app.font()))
        if scaled != self._app.styleSheet():
            self._app.setStyleSheet(scaled)
