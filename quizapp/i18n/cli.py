"""The command line's words in the interface language, through Qt's translation files.

`translate("Cli", "text")` returns the text itself when the language is English (the source
language), without importing anything: `quizapp due` stays a fast start. Otherwise it loads
the compiled translation (quizapp_zh_CN.qm) once with QtCore's QTranslator, which needs no
QCoreApplication, and looks the text up; a text it has not translated stays as it is.

The language: $QUIZAPP_LANG (zh | en | system, or a locale name such as zh_CN), else the system
locale, as the window's "system" choice reads it. The CLI does not read the stored interface_language
setting: that is a database read before every command, and a shell already says its language
(LANG). tests/test_layers.py names this module as the one outside quizapp/ui that may import Qt
(lazily).
docs/architecture.md § Interface language.
"""
from __future__ import annotations

import os
from typing import Any

from quizapp import i18n

_translator: Any = None  # QTranslator, once loaded
_data = b""  # the .qm bytes it reads: Qt keeps pointers into them instead of copying
_loaded_for: str | None = None


_LOCALE_VARIABLES = ("QUIZAPP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_resolved: tuple[tuple[str | None, ...], str] | None = None  # (the variables read, the language)


def cli_language() -> str:
    """ "zh" or "en": $QUIZAPP_LANG as zh | en | system, or a locale name (zh_CN, zh_CN.UTF-8,
    en_US…); unset, the system locale. Kept while the variables stay the same: building the
    parser translates some two hundred help texts."""
    global _resolved
    key = tuple(os.environ.get(name) for name in _LOCALE_VARIABLES)
    if _resolved is None or _resolved[0] != key:
        chosen = key[0] or "system"
        language = i18n.resolve(chosen) if chosen in (*i18n.LANGUAGES, "system") else i18n.language_of_locale(chosen)
        _resolved = (key, language)
    return _resolved[1]


def translate(context: str, text: str) -> str:
    """`text` in the CLI's language (lupdate reads these calls: quizapp/devtools/translations.py)."""
    language = cli_language()
    if language == "en":
        return text
    translator = _load(language)
    found = translator.translate(context, text) if translator is not None else ""
    return found or text


def _load(language: str) -> Any:
    global _translator, _data, _loaded_for
    if _loaded_for != language:
        path = i18n.qm_path(language)
        _translator, _loaded_for = None, language
        if path.exists():
            from PySide6.QtCore import QTranslator  # only for a language other than English

            translator = QTranslator()
            data = path.read_bytes()
            if translator.load(data):
                _translator, _data = translator, data
    return _translator


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded to `width` terminal columns, as str.ljust/rjust would for ASCII: a Chinese
    character takes two columns (East Asian Wide / Fullwidth), so translated table headers line up."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(width - used, 0)
    return fill + text if right else text + fill
