"""Where the bundled data lives, in a source checkout and in an installed wheel alike.

The wheel carries `content/`, `db/` and `assets/` inside the package as `quizapp/_content`,
`quizapp/_db` and `quizapp/_assets` (see pyproject.toml); a checkout (editable install)
has them at the repository root.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE_DIR / f"_{name}"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled folder '{name}' not found next to {_PACKAGE_DIR}; "
                            "is quizapp installed correctly?")


def content_dir() -> Path:
    return _bundled("content")


def deck_dir() -> Path:
    return content_dir() / "deck"


def migrations_dir() -> Path:
    return _bundled("db")


def assets_dir() -> Path:
    return _bundled("assets")


def cjk_font_path() -> Path:
    """The bundled CJK font (a subset of Noto Sans SC, SIL OFL 1.1) used by Qt and matplotlib."""
    return assets_dir() / "fonts" / "NotoSansSC-Subset.otf"
