"""The interface language: which one, and the compiled Qt translations (.qm) that say it.

The window (quizapp/ui/translation.py) and the command line, services and domain
(quizapp/i18n/text.py, quizapp/i18n/cli.py) all decide
the language here: the `interface_language` setting ("system" | "zh" | "en"), where "system"
reads the system locale. English is the source language of every string, so English needs no
translation file except for its plurals (quizapp_en.ts holds only numerus forms).

Sources: quizapp_zh_CN.ts and quizapp_en.ts next to this file, rebuilt from the code by
`python -m quizapp.devtools.translations` (pyside6-lupdate, then pyside6-lrelease); the .qm
files are committed and travel in the wheel. docs/architecture.md § Interface language.
This module imports no Qt (the CLI's fast start, tests/test_layers.py).
"""
from __future__ import annotations

import locale
import os
from pathlib import Path

HERE = Path(__file__).parent
LANGUAGES = ("zh", "en")  # the interface languages; "system" picks one of them
QM_NAMES = {"zh": "quizapp_zh_CN", "en": "quizapp_en"}


def qm_path(language: str) -> Path:
    """The compiled translation of `language` ("zh" or "en")."""
    return HERE / f"{QM_NAMES[language]}.qm"


def ts_path(language: str) -> Path:
    return HERE / f"{QM_NAMES[language]}.ts"


def language_of_locale(name: str | None) -> str:
    """"zh" for a Chinese locale name ("zh_CN.UTF-8", "zh-Hans", "zh_TW", Windows'
    "Chinese (Simplified)_China"), else "en"."""
    lowered = (name or "").lower()
    return "zh" if lowered.startswith(("zh", "chinese")) else "en"


def system_locale_name() -> str:
    """The system locale without Qt, read as gettext does: LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
    then Python's own guess (Windows, macOS)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").split(":")[0]
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    return locale.getlocale()[0] or ""


def resolve(setting: str, system_name: str | None = None) -> str:
    """The interface language for the setting: "zh" or "en" as chosen, "system" from the locale
    (`system_name`, or the environment's when not given)."""
    if setting in LANGUAGES:
        return setting
    return language_of_locale(system_name if system_name is not None else system_locale_name())
