"""The command line's words in the interface language: `translate("Cli", "text")` and `pad`.

The lookup is quizapp/i18n/text.py's, shared with the services and the domain: English returns
the source text without importing anything (`quizapp due` stays a fast start); another language
loads the compiled .qm with QtCore's QTranslator. The language: $QUIZAPP_LANG (zh | en | system, or
a locale name such as zh_CN), else the system locale. The CLI does not read the stored
interface_language setting: that is a database read before every command, and a shell already
says its language (LANG). docs/architecture.md § Interface language.
"""
from __future__ import annotations

from quizapp.i18n.text import QT_TRANSLATE_NOOP, Context, translate
from quizapp.i18n.text import language as cli_language

__all__ = ["Cli", "cli_language", "pad", "speak_argparse", "translate"]

# The CLI's counts: `Cli.tr("%n card(s)", "", n)` is a numerus form ("1 card" / "2 cards"; lupdate
# reads numerus forms only in a `<Name>.tr(text, disambiguation, n)` call, `<Name>` being the context)
Cli = Context("Cli")


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded to `width` terminal columns, as str.ljust/rjust would for ASCII: a Chinese
    character takes two columns (East Asian Wide / Fullwidth), so translated table headers line up."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    fill = " " * max(width - used, 0)
    return fill + text if right else text + fill


# argparse's own words ("usage: ", "options", its error lines) come from gettext through the
# module-level names argparse._ and argparse.ngettext, looked up when each is written
# (Lib/argparse.py, Python 3.11). The CLI points those two names at its own lookup, context
# "Argparse", when it speaks a language other than English. The strings below are the ones a
# user can meet (the others are programming errors of a parser's author); lupdate reads them here.
ARGPARSE_WORDS = (
    QT_TRANSLATE_NOOP("Argparse", "usage: "),
    QT_TRANSLATE_NOOP("Argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("Argparse", "options"),
    QT_TRANSLATE_NOOP("Argparse", "subcommands"),
    QT_TRANSLATE_NOOP("Argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("Argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("Argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("Argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("Argparse", "can't open '%(filename)s': %(error)s"),
    QT_TRANSLATE_NOOP("Argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("Argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("Argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("Argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("Argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("Argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("Argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("Argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("Argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("Argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("Argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
)


def argparse_gettext(message: str) -> str:
    """argparse's gettext: its word in the CLI's language (None, for a missing description, stays None)."""
    return translate("Argparse", message) if message else message


def argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return argparse_gettext(singular if n == 1 else plural)


def speak_argparse() -> None:
    """Let argparse write its words in the CLI's language (a no-op in English, which needs nothing)."""
    if cli_language() != "en":
        import argparse

        argparse._ = argparse_gettext  # type: ignore[attr-defined]
        argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]
