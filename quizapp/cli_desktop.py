"""The desktop's side of the command line (docs/desktop-app.md § Installing):

    quizapp install-desktop / uninstall-desktop    the menu entry, icon and file types for this user
    quizapp [--db X] FILE...                       open the window (or the running one) and import FILEs
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from quizapp.i18n.cli import translate


def register(sub: Any, common: Callable[..., None]) -> None:
    p = sub.add_parser("install-desktop",
                       help=translate("Cli", "add quizapp to the desktop's application menu and open .apkg and "
                                             "deck files with it"),
                       description=translate("Cli", "Install a desktop entry, the icon and the MIME types for .apkg "
                                                    "and quizapp deck files under $XDG_DATA_HOME (default "
                                                    "~/.local/share), for this user. The entry starts this quizapp "
                                                    "(this virtual environment's, or this built folder's)."))
    p.add_argument("--no-refresh", action="store_true",
                   help=translate("Cli", "do not run update-desktop-database / update-mime-database / "
                                         "gtk-update-icon-cache"))
    p.set_defaults(handler=cmd_install_desktop)
    p = sub.add_parser("uninstall-desktop", help=translate("Cli", "remove what install-desktop installed"))
    p.add_argument("--no-refresh", action="store_true",
                   help=translate("Cli", "do not refresh the desktop and MIME caches"))
    p.set_defaults(handler=cmd_uninstall_desktop)


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from quizapp.services.desktop_integration import install

    print(install(run_tools=not args.no_refresh).summary("installed"))
    return 0


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:
    from quizapp.services.desktop_integration import uninstall

    print(uninstall(run_tools=not args.no_refresh).summary("removed"))
    return 0


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    # argparse keeps its subcommands in a private action class; there is no public accessor
    return {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices}


OPENABLE_SUFFIXES = (".apkg", ".colpkg", ".csv", ".txt", ".tsv", ".toml")


def split_open_paths(argv: list[str], commands: Collection[str]) -> tuple[list[str], list[str]]:
    """`quizapp [--db X] FILE...` (what the desktop entry's Exec runs): (argv without the files,
    the files as absolute paths). Any other command line comes back unchanged with no files."""
    positions: list[int] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--db":
            i += 2
            continue
        if token.startswith("-"):
            if token.startswith("--db=") or token == "--exit-when-ready":
                i += 1
                continue
            return argv, []  # --help and the like: argparse answers
        positions.append(i)
        i += 1
    if not positions or argv[positions[0]] in commands:
        return argv, []
    paths = [Path(argv[p]) for p in positions]
    if not all(p.exists() or p.suffix.lower() in OPENABLE_SUFFIXES for p in paths):
        return argv, []  # not files: argparse says the command is unknown
    from quizapp.cli import CliError

    for path in paths:
        if not path.exists():
            raise CliError(translate("Cli", "cannot open {path}: no such file").format(path=path))
    return [a for n, a in enumerate(argv) if n not in positions], [str(p.resolve()) for p in paths]
