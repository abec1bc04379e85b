"""Translated text without Qt in English: the one lookup the command line, the services and the
domain use for the words they write (docs/architecture.md § Interface language).

`translate("Cli", "text")` returns the text itself when the language is English (the source
language), without importing anything: `quizapp due` stays a fast start. Otherwise it loads the
compiled translation (quizapp_zh_CN.qm) once with QtCore's QTranslator, which needs no
QCoreApplication, and looks the text up; a text it has not translated stays as it is.

Services, the domain, the store and the engine write through a context object:
`ErrorText.tr("no card with id '{card_id}'")`,
and counts as `ImportText.tr("%n card(s) imported", "", n)` — Qt's numerus form (lupdate reads a
numerus form only in a `<Name>.tr(text, disambiguation, n)` call, and takes `<Name>` as the context,
so each context object below is named as its context). English plurals need no .qm either: "(s)"
and "(es)" become the plural ending when n != 1, as quizapp_en.ts says (a test holds the two equal).

The language: `set_language("zh" | "en")` where the program knows it (the window installs its
interface language here, ui/translation.py: install_language), else $QUIZAPP_LANG (zh | en |
system, or a locale name such as zh_CN), else the system locale. tests/test_layers.py names this
module as the one outside quizapp/ui that may import Qt (lazily).
"""
from __future__ import annotations

import os
import re
from typing import Any

from quizapp import i18n

_translator: Any = None  # QTranslator, once loaded
_data = b""  # the .qm bytes it reads: Qt keeps pointers into them instead of copying
_loaded_for: str | None = None

_LOCALE_VARIABLES = ("QUIZAPP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_resolved: tuple[tuple[str | None, ...], str] | None = None  # (the variables read, the language)
_chosen: str | None = None  # set_language's choice, above the environment
_ENGLISH_PLURAL = re.compile(r"\((e?s)\)")


def set_language(language: str | None) -> None:
    """Speak `language` ("zh" | "en") from now on, whatever the environment says; None goes back
    to the environment. The window calls this with its interface language."""
    global _chosen
    _chosen = language if language in i18n.LANGUAGES else None
    if _chosen is not None and _chosen != "en":
        _load(_chosen)  # now, on the caller's (the GUI) thread, not first inside an op on the op thread


def language() -> str:
    """ "zh" or "en": set_language's choice, else $QUIZAPP_LANG as zh | en | system, or a locale name
    (zh_CN, zh_CN.UTF-8, en_US…); unset, the system locale. Kept while the variables stay the same:
    building the CLI's parser translates some two hundred help texts."""
    global _resolved
    if _chosen is not None:
        return _chosen
    key = tuple(os.environ.get(name) for name in _LOCALE_VARIABLES)
    if _resolved is None or _resolved[0] != key:
        chosen = key[0] or "system"
        spoken = i18n.resolve(chosen) if chosen in (*i18n.LANGUAGES, "system") else i18n.language_of_locale(chosen)
        _resolved = (key, spoken)
    return _resolved[1]


def english_plural(text: str, n: int) -> str:
    """The English numerus form of a source text: "%n card(s)" → "1 card" / "2 cards"."""
    return _ENGLISH_PLURAL.sub("" if n == 1 else r"\1", text).replace("%n", str(n))


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the current language; with n >= 0, the numerus form for n with %n filled in
    (lupdate reads plain calls of this function as non-numerus: write counts as `<Context>.tr`)."""
    spoken = language()
    if spoken == "en":
        return text if n < 0 else english_plural(text, n)
    translator = _load(spoken)
    found = translator.translate(context, text, disambiguation, n) if translator is not None else ""
    if n < 0:
        return found or text
    return found.replace("%n", str(n)) if found else english_plural(text, n)


def _load(spoken: str) -> Any:
    global _translator, _data, _loaded_for
    if _loaded_for != spoken:
        path = i18n.qm_path(spoken)
        _translator, _loaded_for = None, spoken
        if path.exists():
            from PySide6.QtCore import QTranslator  # only for a language other than English

            translator = QTranslator()
            data = path.read_bytes()
            if translator.load(data):
                _translator, _data = translator, data
    return _translator


class Context:
    """A translation context for text written outside the window: `DeckText.tr("…")`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate(self.name, text, disambiguation or None, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark `text` for lupdate under `context`, to be translated where it is shown."""
    return text


# A review-log row's kind (domain/review.py: REVIEW_KINDS) in words, for the reports
REVIEW_KIND_WORDS = {"new": QT_TRANSLATE_NOOP("ReportText", "new"), "review": QT_TRANSLATE_NOOP("ReportText", "review"),
                     "redrill": QT_TRANSLATE_NOOP("ReportText", "re-drill")}


def kind_word(kind: str) -> str:
    """A review kind ("new" | "review" | "redrill") in the current language; another value as it is."""
    word = REVIEW_KIND_WORDS.get(kind)
    return translate("ReportText", word) if word is not None else kind


# The contexts of the services' and the domain's words, each named as itself (lupdate takes the
# name before `.tr` as the context; tests/i18n check the two agree).
# a user's error (the store's too): one line, the CLI after "quizapp: error:", the window in a dialog
ErrorText = Context("ErrorText")
ReportText = Context("ReportText")  # `quizapp stats`, `quizapp card`, an answer's outcome
ImportText = Context("ImportText")  # deck, Anki and notes imports and exports: their summaries and errors
DeckText = Context("DeckText")  # the collection's decks
BackupText = Context("BackupText")  # backups and restores
FsrsText = Context("FsrsText")  # FSRS's fit, evidence and forecast
StudyText = Context("StudyText")  # study, quiz, mock interview, custom study, settings
DemoText = Context("DemoText")  # demos: their errors (the engine's), a run's warnings, the status line's metrics
SweepText = Context("SweepText")  # hyper-parameter sweeps: a study's plan, its progress lines
DeckFileText = Context("DeckFileText")  # a deck file's rules (domain/deck.py, deck_header.py), also the card editor's
