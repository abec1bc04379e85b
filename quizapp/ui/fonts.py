"""The bundled CJK font: loaded into Qt at start-up and made the app font's fallback.

A fresh machine may have no CJK font at all; the app then still shows Chinese because
Qt falls back (per character) from the platform's UI family to the bundled subset of
Noto Sans SC (assets/fonts, SIL OFL 1.1).
"""
from __future__ import annotations

import logging
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from quizapp.resources import cjk_font_path

log = logging.getLogger(__name__)


@cache
def cjk_family() -> str | None:
    """Register the bundled font with Qt once; its family name, or None if it is missing."""
    path = cjk_font_path()
    if not path.exists():
        log.warning("bundled CJK font %s is missing; Chinese may not render", path)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("Qt could not load the bundled CJK font %s", path)
        return None
    return families[0]


def install_app_font(app: QApplication) -> QFont:
    """Keep the platform's UI family first (for Latin text) and fall back to the CJK font."""
    font = app.font()
    family = cjk_family()
    if family:
        base = [f for f in font.families() if f != family] or [font.family()]
        font.setFamilies(base + [family])
        app.setFont(font)
    return font


def css_font_stack() -> str:
    """The same stack for rich text (HTML) views."""
    families = [f for f in QApplication.font().families()] if QApplication.instance() else []
    family = cjk_family()
    if family and family not in families:
        families.append(family)
    return ", ".join(f"'{f}'" for f in families) + ", sans-serif"
