"""The bundled CJK font: openly licensed, small, loaded into Qt, and covering every character
of the deck, so Chinese renders on a machine without any CJK font."""
from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont
from PySide6.QtGui import QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication

from quizapp.resources import assets_dir, cjk_font_path, deck_dir
from quizapp.ui.fonts import cjk_family, install_app_font
from tests.support import SAMPLE_DECK


def deck_files() -> list[Path]:
    files = sorted(deck_dir().glob("*.toml")) if deck_dir().is_dir() else []
    return files or sorted(SAMPLE_DECK.glob("*.toml"))


def deck_characters() -> set[str]:
    return {ch for f in deck_files() for ch in f.read_text(encoding="utf-8") if not ch.isspace()}


def test_font_is_bundled_small_and_licensed() -> None:
    path = cjk_font_path()
    assert path.exists() and path.stat().st_size < 6_000_000
    licence = (assets_dir() / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_font_covers_every_character_of_the_deck() -> None:
    cmap = TTFont(str(cjk_font_path()))["cmap"].getBestCmap()
    missing = sorted(ch for ch in deck_characters() if ord(ch) not in cmap)
    assert not missing, f"characters of the deck not in the bundled font: {''.join(missing)!r}"


def test_font_covers_gb2312_hanzi() -> None:
    cmap = TTFont(str(cjk_font_path()))["cmap"].getBestCmap()
    hanzi = {bytes([hi, lo]).decode("gb2312", errors="ignore") for hi in range(0xB0, 0xF8) for lo in range(0xA1, 0xFF)}
    hanzi.discard("")
    assert len(hanzi) == 6763
    assert all(ord(h) in cmap for h in hanzi)


def test_qt_loads_the_font_as_the_app_fallback(qapp: QApplication) -> None:
    family = cjk_family()
    assert family == "Noto Sans SC Subset"
    assert family in QFontDatabase.families()
    font = install_app_font(qapp)
    assert font.families()[-1] == family
    raw = QRawFont(str(cjk_font_path()), 14)
    assert raw.isValid()
    sample = "".join(sorted(ch for ch in deck_characters() if ord(ch) > 0x2E80))[:400]
    assert sample and all(raw.supportsCharacter(ch) for ch in sample)
