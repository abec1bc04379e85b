"""Is a Chinese text free of English? The detector of the zh screen walk
(tests/ui/test_translations_screens.py) and of the command line in Chinese
(tests/cli/test_cli_language.py): ASCII words left once proper names, keys, ids, paths, numbers
and formulas are taken out. docs/architecture.md § Interface language."""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from quizapp.domain.catalogue import DEMO_IDS

# Names that stay as they are in a Chinese interface: products, algorithms, units, file formats,
# keys, and the English language's own name.
PROPER_NAMES = {
    "SM-2", "SM", "FSRS", "Anki", "PyTorch", "CUDA", "GPU", "CPU", "EF", "quizapp", "SuperMemo", "PNG", "CSV",
    "Markdown", "matplotlib", "mathtext", "Noto", "Sans", "CJK", "SC", "SIL", "OFL", "Open", "Font", "License",
    "Python", "PySide6", "English", "HH", "MM", "Ctrl", "Shift", "Alt", "Enter", "Esc", "Return", "Delete", "PgUp",
    "PgDn", "Tab", "Space", "apkg", "colpkg", "csv", "txt", "tsv", "md", "db", "png", "fsrs", "optimize",
    "optimizer", "adam", "lr", "momentum", "Momentum", "speeds", "up", "convergence", "c1", "name", "value",
} | set(DEMO_IDS)  # the demo ids ("dropout", "hyperband") are names, as the card editor lists them
# card ids, demo ids, file names, paths, $formulas$, numbers with units of the interval columns
NOT_WORDS = re.compile(r"\$[^$]*\$|[\w.-]+\.(?:db|png|csv|md|apkg|txt|toml)\b|/[\w./-]+|\b[a-z0-9]+(?:-[a-z0-9]+)+\b"
                       r"|\b\d+(?:\.\d+)?(?:d|mo|y|s|h|min|ms)?\b|[A-Za-z]\w*_\w+")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")
DECK_PATH = re.compile(r"\S*::\S*")  # a deck's name (NNDL::ch07::7.2) is content
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")  # a command-line option (--size, -h) is a name


def english_words(text: str) -> list[str]:
    """The English words of `text` that a translation should have replaced; [] for Chinese
    text, numbers, formulas, ids and proper names. A text with any Chinese in it counts as
    translated (a label that mixes in a proper name, a card's title)."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")
    if CJK.search(plain):
        return []
    words = WORD.findall(NOT_WORDS.sub(" ", plain))
    return [w for w in words if w not in PROPER_NAMES]


def english_left(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Stricter, for whole Chinese reports and messages: the English words anywhere in `text`,
    Chinese or not around them, besides proper names, ids, paths, deck names, numbers and the
    `allowed` words (command names, option values the text quotes)."""
    plain = CJK.sub(" ", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    plain = NOT_WORDS.sub(" ", OPTION.sub(" ", DECK_PATH.sub(" ", plain)))
    keep = PROPER_NAMES | set(allowed)
    return [w for w in WORD.findall(plain) if w not in keep]
