"""Anki files on the command line (docs/anki.md):

    quizapp import DECK.apkg [--with-scheduling]     # also .colpkg, and Anki's text format (.csv/.txt/.tsv)
    quizapp export OUT.apkg [--format apkg|csv|toml] [--deck NAME] [--with-scheduling]

(`--format toml` is quizapp's own deck file, services/deck_export.py: one deck, re-importable.)

`import` is the one import command: this module adds `--with-scheduling` to it and sends
Anki's files to the Anki importer, deck files (.toml, folders) to the deck importer as before.
Errors are one line (the file and what is wrong with it) and nothing is imported.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizapp.i18n.cli import translate

ANKI_SUFFIXES = (".apkg", ".colpkg", ".csv", ".txt", ".tsv")


def register(sub: Any, common: Callable[..., None]) -> None:
    importer = sub.choices["import"]
    importer.add_argument("--with-scheduling", action="store_true",
                          help=translate("Cli", "Anki files: also take each card's schedule (interval, ease, due "
                                                "date, suspension) and its review history"))
    importer.set_defaults(handler=cmd_import_any)

    p = sub.add_parser("export", help=translate("Cli", "write the cards as an Anki package (.apkg) or Anki's CSV "
                                                       "text format"),
                       description=translate("Cli", "Export the cards for Anki: a schema-11 .apkg that every Anki "
                                                    "version imports (notes keep stable GUIDs; sections become decks "
                                                    "NNDL::ch07::7.2), or tab-separated text in Anki's format with "
                                                    "headers."))
    p.add_argument("out", help=translate("Cli", "the file to write (replaced whole)"))
    p.add_argument("--format", choices=("apkg", "csv", "toml"), default=None,
                   help=translate("Cli", "default: from the file name (.apkg, .toml, else csv); toml: one quizapp "
                                         "deck as a deck file that `quizapp import` reads back into the same deck"))
    p.add_argument("--deck", help=translate("Cli", "only this deck and the decks under it (e.g. NNDL::ch07::7.2, "
                                                   "or 7.2); toml: the deck to write (required)"))
    p.add_argument("--with-scheduling", action="store_true",
                   help=translate("Cli", "apkg: include each card's schedule and the review log; toml: each "
                                         "card's schedule"))
    common(p)
    p.set_defaults(handler=cmd_export)


def cmd_import_any(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _open_db_check, _print_json, cmd_import, parse_now

    anki_files = [p for p in args.paths if Path(p).suffix.lower() in ANKI_SUFFIXES]
    if not anki_files:
        return cmd_import(args)
    if len(anki_files) != len(args.paths):
        raise CliError(translate("Cli", "import Anki files (.apkg, .colpkg, .csv) and deck files (.toml) in "
                                        "separate commands"))
    from quizapp.services.anki_interop import AnkiService

    from quizapp.services.database import created_for_import

    now = parse_now(args.now)
    _open_db_check(args)
    with created_for_import(args.db) as db:
        service = AnkiService(db)
        reports = [service.import_file(Path(p), now, with_scheduling=args.with_scheduling) for p in anki_files]
    if args.json:
        _print_json([r.to_dict() for r in reports] if len(reports) > 1 else reports[0].to_dict())
    else:
        for report in reports:
            print(report.summary())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _open_db, _print_json, parse_now
    from quizapp.services.anki_interop import AnkiService

    out = Path(args.out)
    fmt = args.format or {".apkg": "apkg", ".toml": "toml"}.get(out.suffix.lower(), "csv")
    if fmt == "toml":
        return _export_deck_file(args, out)
    if fmt == "csv" and args.with_scheduling:
        raise CliError(translate("Cli", "--with-scheduling needs --format apkg (Anki's text format holds no "
                                        "schedule)"))
    _check_folder(out)
    service = AnkiService(_open_db(args))
    if fmt == "apkg":
        report = service.export_package(out, parse_now(args.now), deck=args.deck, with_scheduling=args.with_scheduling)
    else:
        report = service.export_csv(out, deck=args.deck)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(report.summary())
    return 0


def _check_folder(out: Path) -> None:
    from quizapp.cli import CliError

    if not out.parent.is_dir():
        raise CliError(translate("Cli", "cannot write {out}: the folder {folder} does not exist").format(
            out=out, folder=out.parent))


def _export_deck_file(args: argparse.Namespace, out: Path) -> int:
    from quizapp.cli import CliError, _open_db, _print_json
    from quizapp.services.deck_export import export_deck_toml

    if not args.deck:
        raise CliError(translate("Cli", "--format toml writes one deck: give it with --deck NAME (see: quizapp "
                                        "deck list)"))
    _check_folder(out)
    report = export_deck_toml(_open_db(args), args.deck, out, with_scheduling=args.with_scheduling)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(report.summary())
    return 0
