"""The window's interface language: installing quizapp's Qt translation (quizapp/i18n/*.qm) and
Qt's own (the standard buttons: Save, Cancel, …) for the `interface_language` setting.

The language is chosen once, when the window is built (build_window): a changed setting is
stored and applies at the next start, as the settings dialog says. docs/architecture.md
§ Interface language.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from quizapp import i18n

# the translators installed now, kept alive here (Qt does not own them)
_installed: list[QTranslator] = []


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
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(str(i18n.qm_path(language))):
        app.installTranslator(ours)
        _installed.append(ours)
    if language == "zh":
        qt_own = QTranslator(app)
        if qt_own.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
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
