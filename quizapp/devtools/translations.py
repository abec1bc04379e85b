"""Rebuild the translations from the code: `python -m quizapp.devtools.translations`.

1. pyside6-lupdate reads every tr() / QCoreApplication.translate / QT_TRANSLATE_NOOP string of
   the window (quizapp/ui) and every translate("Cli", …) of the command line (quizapp/cli*.py), and
   the services', the domain's, the store's and the engine's
   <Context>.tr(…) (quizapp/i18n/text.py) into
   quizapp/i18n/quizapp_zh_CN.ts (every string) and quizapp_en.ts (only the plurals: English is
   the source language). Existing translations are kept; new strings come in as "unfinished".
2. Translate the unfinished ones (pyside6-linguist, or any editor: the .ts is XML).
3. pyside6-lrelease compiles each .ts into the .qm the app loads (committed, shipped in the wheel).

`--release` runs step 3 only. tests/ui/test_translations_complete.py fails while a string is
unfinished or a .qm is older than its .ts.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from quizapp import i18n

ROOT = i18n.HERE.parent.parent
# the window, the command line, and the words the services, the domain, the store and the engine
# (a demo's parameter errors and run warnings) write
# (quizapp/i18n/text.py: <Context>.tr, translate, QT_TRANSLATE_NOOP)
SOURCES = [*sorted((ROOT / "quizapp" / "ui").glob("*.py")), *sorted((ROOT / "quizapp").glob("cli*.py")),
           *sorted((ROOT / "quizapp" / "i18n").glob("*.py")), *sorted((ROOT / "quizapp" / "services").glob("*.py")),
           *sorted((ROOT / "quizapp" / "domain").glob("*.py")), *sorted((ROOT / "quizapp" / "store").glob("*.py")),
           *sorted((ROOT / "quizapp" / "engine").rglob("*.py"))]


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: next to this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6-Essentials)")
    return found


def lupdate(language: str, ts: Path) -> None:
    """Read the code's strings into `ts` (kept translations stay, new strings are unfinished,
    strings gone from the code are dropped)."""
    files = [str(p.relative_to(ROOT)) for p in SOURCES]
    extra = ["-pluralonly"] if language == "en" else []  # English: only the plurals need words
    target = "en" if language == "en" else "zh_CN"
    subprocess.run([tool("pyside6-lupdate"), *extra, "-no-obsolete", "-locations", "none", "-silent",
                    "-source-language", "en", "-target-language", target, *files, "-ts", str(ts)],
                   check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)


def update() -> None:
    for language in i18n.LANGUAGES:
        lupdate(language, i18n.ts_path(language))


def release() -> None:
    for language in i18n.LANGUAGES:
        lrelease(i18n.ts_path(language), i18n.qm_path(language))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .ts files into .qm")
    args = parser.parse_args(argv)
    if not args.release:
        update()
    release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
