"""The window's interface language: installing quizapp's Qt translation (quizapp/i18n/*.qm) and
Qt's own (the standard buttons: Save, Cancel, …) for the `interface_language` setting.

The language is chosen once, when the window is built (build_window): a changed setting is
stored and applies at the next start, as the settings dialog says. docs/architecture.md
§ Interface language.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from quizapp import i18n
from quizapp.i18n import text

# the translators installed now, and the bytes each reads (Qt keeps pointers into them, it does
# not copy), kept alive here
_installed: list[tuple[QTranslator, bytes]] = []


def system_language() -> str:
    """"zh" or "en", from the system locale as Qt reads it."""
    return i18n.language_of_locale(QLocale.system().name())


def resolve(setting: str) -> str:
    """The interface language ("zh" | "en") for the setting ("system" | "zh" | "en")."""
    return setting if setting in i18n.LANGUAGES else system_language()


def install_language(setting: str, app: QCoreApplication | None = None) -> str:
    """Install the translators for the setting (replacing any installed before) and return the
    language now spoken ("zh" | "en"). A missing .qm leaves the English source strings."""
    app = app or QCoreApplication.instance()
    assert app is not None, "a QCoreApplication comes first"
    language = resolve(setting)
    text.set_language(language)  # the words the services and the domain write (i18n/text.py)
    for old, _data in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    # read into memory rather than mapped from the file, which a rebuild of the .qm rewrites in place
    data = i18n.qm_path(language).read_bytes() if i18n.qm_path(language).exists() else b""
    if data and ours.load(data):
        app.installTranslator(ours)
        _installed.append((ours, data))
    if language == "zh":
        qt_own = QTranslator(app)
        if qt_own.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append((qt_own, b""))
    return language


def tr(context: str, text: str, n: int = -1) -> str:
    """QCoreApplication.translate for plain functions (lupdate reads the call's literal strings
    only when written as QCoreApplication.translate, so modules call that directly; this is for
    text chosen at run time, marked with QT_TRANSLATE_NOOP where it is defined)."""
    return QCoreApplication.translate(context, text, None, n)


def current_language() -> str:
    """The language of the installed translation, for widgets that have no context to ask: the
    zh .ts translates this marker "en" (context "Language") to "zh", Qt's idiom for the layout
    direction (QT_LAYOUT_DIRECTION)."""
    return QCoreApplication.translate("Language", "en")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark `text` for lupdate under `context` (translated later, where it is shown); Qt's own
    marker is typed as returning object, this one keeps the str."""
    return text
