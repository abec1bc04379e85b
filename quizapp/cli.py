"""The command line (docs/architecture.md § Command line). With no subcommand it opens the desktop app.

Every error a user can cause ends as one line on stderr and a non-zero exit code; handlers
import their services lazily so `quizapp due` stays a light process (no torch, no Qt).
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from quizapp.i18n.cli import Cli, speak_argparse, translate

EXIT_USER_ERROR = 2
EXIT_DATA_ERROR = 3


class CliError(Exception):
    """A user-facing error: printed as one line, exit code `code`."""

    def __init__(self, message: str, code: int = EXIT_USER_ERROR) -> None:
        super().__init__(message)
        self.code = code


# --now must name a moment a study day, a due date 100 years on (the interval cap) and the
# conversions to UTC and back can all hold; real UTC offsets run from -12:00 to +14:00.
NOW_RANGE = (datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(2999, 12, 31, 23, 59, 59, tzinfo=timezone.utc))
OFFSET_RANGE = (timedelta(hours=-12), timedelta(hours=14))


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_now(text: str | None) -> datetime:
    """--now as an aware datetime; a naive value is taken as local time. CliError (one line)
    for text that is not an ISO date-time or lies outside NOW_RANGE / OFFSET_RANGE."""
    if text is None:
        from quizapp.services.clock import local_now

        return local_now()
    low, high = NOW_RANGE
    out_of_range = CliError(translate("Cli", "--now: '{text}' is outside the supported range {low} to {high}").format(
        text=text, low=low.date(), high=high.date()))
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(translate("Cli", "--now: '{text}' is not an ISO 8601 date-time (e.g. 2026-11-26T09:30:00+08:00)")
                       .format(text=text)) from None
    offset = value.utcoffset()
    if offset is not None and not OFFSET_RANGE[0] <= offset <= OFFSET_RANGE[1]:
        raise CliError(translate("Cli", "--now: the UTC offset {offset} is outside {low} to {high}").format(
            offset=_offset_text(offset), low=_offset_text(OFFSET_RANGE[0]), high=_offset_text(OFFSET_RANGE[1])))
    if not low.replace(tzinfo=None) <= value.replace(tzinfo=None) <= high.replace(tzinfo=None):
        raise out_of_range  # checked before any time-zone arithmetic, which overflows near years 1 and 9999
    try:
        aware = value if value.tzinfo is not None else value.astimezone()
        if not low <= aware <= high:
            raise out_of_range
    except (OverflowError, ValueError):
        raise out_of_range from None
    return aware


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False))


# ----------------------------------------------------------------------------- handlers


def _open_db_check(args: argparse.Namespace) -> None:
    from quizapp.services.database import is_in_memory_url

    if is_in_memory_url(args.db):
        raise CliError(translate("Cli", "--db {db} is an in-memory database: nothing would be kept between "
                                        "commands; give a file path").format(db=args.db))


def _open_db(args: argparse.Namespace, create: bool = False):  # -> Database
    """The collection --db names. Only `import` creates one; other commands say there is none."""
    from quizapp.services.database import open_database

    _open_db_check(args)
    return open_database(args.db, create=create)


def cmd_import(args: argparse.Namespace) -> int:
    from quizapp.services.database import created_for_import
    from quizapp.services.importer import import_deck

    now = parse_now(args.now)
    _open_db_check(args)
    with created_for_import(args.db) as db:
        report = import_deck(db, [Path(p) for p in args.paths] or None, now=now, deck=args.deck)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(report.summary())
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    # The light read path (stdlib sqlite3, the same SQL) when it can; the full one otherwise.
    from quizapp.services.quick_read import quick_queue

    from quizapp.domain.custom_study import TODAYS_QUEUE

    now = parse_now(args.now)
    scope = TODAYS_QUEUE.in_deck(args.deck)
    quick = quick_queue(args.db, now, args.limit, scope)
    if quick is not None:
        queue, has_cards = quick.view, quick.has_cards
    else:
        from quizapp.services.decks import DecksService
        from quizapp.services.study import StudyService

        db = _open_db(args)
        DecksService(db).check_filter(args.deck)
        study = StudyService(db)
        queue = study.queue(now, limit=args.limit, scope=scope)
        has_cards = bool(queue.items) or study.has_cards()
    if args.json:
        _print_json(queue.to_dict())
        return 0
    from quizapp.domain.studyday import day_to_date

    c = queue.counts  # queue.summary()'s line, in the CLI's language
    print(translate("Cli", "{day}: {due} due, {redrill} to re-drill, {new} new").format(
        day=day_to_date(queue.today).isoformat(), due=c.get("review", 0), redrill=c.get("redrill", 0),
        new=c.get("new", 0)))
    if not has_cards:
        print(translate("Cli", "this collection has no cards yet: run 'quizapp import' to load the bundled deck"))
    for item in queue.items:
        print(f"{item.card_id:40} {item.section:4} {item.kind:8} {item.front_preview}")
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    from quizapp.domain.sm2 import parse_grade
    from quizapp.services.study import StudyService

    try:
        grade = parse_grade(args.grade)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    db = _open_db(args)
    outcome = StudyService(db).answer(args.card_id, grade, parse_now(args.now), duration_ms=args.duration_ms)
    if args.json:
        _print_json(outcome.to_dict())
    else:
        print(outcome.summary())
    return 0


def cmd_card(args: argparse.Namespace) -> int:
    from quizapp.services.cards import CardsService

    detail = CardsService(_open_db(args)).detail(args.card_id, parse_now(args.now))
    if args.json:
        _print_json(detail.to_dict())
    else:
        print(detail.render_text(args.lang))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from quizapp.services.stats import StatsService

    db = _open_db(args)
    now = parse_now(args.now)
    if args.deck is not None:
        from quizapp.services.decks import DecksService

        DecksService(db).check_filter(args.deck)
    stats = StatsService(db).collection(now, days=args.days, deck=args.deck)
    fsrs = None
    if args.fsrs:  # SM-2 vs FSRS on the person's log, and FSRS's forecast (docs/fsrs.md)
        from quizapp.services.fsrs_service import FsrsService

        fsrs = FsrsService(db).outlook(now, 30)
    if args.json:
        data = stats.to_dict()
        if fsrs is not None:
            data["fsrs"] = fsrs.to_dict()
        _print_json(data)
    else:
        if args.deck is not None:
            print(translate("Cli", "deck {deck}").format(deck=args.deck))
        print(stats.render_text())
        if fsrs is not None:
            print("\n" + translate("Cli", "SM-2 vs FSRS on your reviews (later part of the log):"))
            print(fsrs.evidence.summary())
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from quizapp.domain.browse import BrowseQuery, InvalidQuery
    from quizapp.services.browser import BrowserService
    from quizapp.services.decks import DecksService

    db = _open_db(args)
    DecksService(db).check_filter(args.deck)
    query = BrowseQuery(text=" ".join(args.text), sections=tuple(args.sections), deck=args.deck)
    try:
        cursor = BrowserService(db).search(query)
    except InvalidQuery as exc:
        raise CliError(str(exc)) from None
    rows = cursor.rows(0, args.limit)
    if args.json:
        _print_json({"total": cursor.total, "cards": [{"card_id": r.card_id, "section": r.section, "kind": r.kind,
                                                       "front": r.front_en or r.front_zh} for r in rows]})
        return 0
    if args.deck:
        print(Cli.tr("%n card(s) in deck {deck}", "", cursor.total).format(deck=args.deck))
    else:
        print(Cli.tr("%n card(s)", "", cursor.total))
    for r in rows:
        print(f"{r.card_id:40} {r.section:4} {r.kind:6} {' '.join((r.front_en or r.front_zh).split())[:70]}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from quizapp.app import run_gui

    return run_gui(db_url=args.db, open_paths=getattr(args, "open_paths", []), exit_when_ready=args.exit_when_ready)


# ----------------------------------------------------------------------------- parser


def _card_id(text: str) -> str:
    # Ids never hold whitespace: "sample-71-1\n" from $(...) or a pasted line is that card.
    return text.strip()


def _common(p: argparse.ArgumentParser, now: bool = True) -> None:
    p.add_argument("--db", default=os.environ.get("QUIZAPP_DB"),
                   help=translate("Cli", "database file or SQLAlchemy URL (default: $QUIZAPP_DB or the user data "
                                         "folder)"))
    if now:
        p.add_argument("--now", help=translate("Cli", "ISO 8601 date-time to act at (default: now)"))
    p.add_argument("--json", action="store_true", help=translate("Cli", "machine-readable output"))


def _deck_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--deck", default=None, metavar="NAME",
                   help=translate("Cli", "only this deck and its sub-decks (e.g. NNDL::ch07, or NNDL for every "
                                         "NNDL::… deck)"))


def _add_import(sub: Any) -> None:
    p = sub.add_parser("import", help=translate("Cli", "load deck files (default: the bundled deck) into the database"))
    p.add_argument("paths", nargs="*", help=translate("Cli", "deck .toml files or folders"))
    p.add_argument("--deck", help=translate("Cli", "the deck for files without a [deck] header (default: named "
                                                   "after the file), or a new name for a headed deck"))
    _common(p)
    p.set_defaults(handler=cmd_import)


def _add_due(sub: Any) -> None:
    p = sub.add_parser("due", help=translate("Cli", "what is due now, in queue order"))
    p.add_argument("--limit", type=int, default=None, help=translate("Cli", "show at most N cards"))
    _deck_option(p)
    _common(p)
    p.set_defaults(handler=cmd_due)


def _add_answer(sub: Any) -> None:
    p = sub.add_parser("answer", help=translate("Cli", "grade one card: 0-5 or again/hard/good/easy"))
    p.add_argument("card_id", type=_card_id)
    p.add_argument("grade")
    p.add_argument("--duration-ms", type=int, default=0, help=translate("Cli", "time spent on the card (milliseconds)"))
    _common(p)
    p.set_defaults(handler=cmd_answer)


def _add_card(sub: Any) -> None:
    p = sub.add_parser("card", help=translate("Cli", "one card: text, scheduling state, review history"))
    p.add_argument("card_id", type=_card_id)
    p.add_argument("--lang", choices=("zh", "en", "both"), default="both",
                   help=translate("Cli", "the card's language (default: both)"))
    _common(p)
    p.set_defaults(handler=cmd_card)


def _add_stats(sub: Any) -> None:
    p = sub.add_parser("stats", help=translate("Cli", "counts, reviews per day, retention, forecast"))
    p.add_argument("--days", type=int, default=30, help=translate("Cli", "history window in days"))
    p.add_argument("--fsrs", action="store_true",
                   help=translate("Cli", "add SM-2 vs FSRS (log loss, RMSE; fits FSRS: seconds) and FSRS's 30-day "
                                         "forecast"))
    _deck_option(p)
    _common(p)
    p.set_defaults(handler=cmd_stats)


def _add_search(sub: Any) -> None:
    p = sub.add_parser("search", help=translate("Cli", "find cards by text, like the card browser"))
    p.add_argument("text", nargs="*", help=translate("Cli", "words that must all appear (zh, en or the id)"))
    p.add_argument("--sections", type=lambda t: [x.strip() for x in t.split(",") if x.strip()], default=[],
                   metavar="7.2,7.5", help=translate("Cli", "only these sections"))
    p.add_argument("--limit", type=int, default=50, help=translate("Cli", "show at most N cards (default: 50)"))
    _deck_option(p)
    _common(p, now=False)
    p.set_defaults(handler=cmd_search)


# The commands this module writes, in the order `quizapp --help` lists them.
_OWN_COMMANDS: dict[str, Callable[[Any], None]] = {
    "import": _add_import,
    "due": _add_due,
    "answer": _add_answer,
    "card": _add_card,
    "stats": _add_stats,
    "search": _add_search,
}
# The modules that write the other commands (each a `register(sub, common)`), in help order, and
# which writes (or adds to) which command: build_parser(command) imports only the one it needs.
# cli_anki adds Anki files to `import`. tests/test_cli.py checks this table against the whole parser.
REGISTERING_MODULES = ("cli_quiz", "cli_deck", "cli_demo", "cli_fsrs", "cli_anki", "cli_sweep", "cli_desktop",
                       "cli_notes", "cli_migrate")
COMMAND_MODULES: dict[str, str] = {
    "import": "cli_anki", "export": "cli_anki", "quiz": "cli_quiz", "deck": "cli_deck", "demo": "cli_demo",
    "fsrs": "cli_fsrs", "sweep": "cli_sweep", "install-desktop": "cli_desktop", "uninstall-desktop": "cli_desktop",
    "notes": "cli_notes", "migrate-to": "cli_migrate"}
COMMANDS = frozenset(_OWN_COMMANDS) | frozenset(COMMAND_MODULES)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `command` (one of COMMANDS), only that command's subparser: a
    process that runs one command does not build the other forty (nor import their modules)."""
    speak_argparse()  # "usage:", "options", its error lines in the CLI's language too
    parser = argparse.ArgumentParser(prog="quizapp", description=translate(
        "Cli", "Flashcards, quizzes and live PyTorch demos for deep-learning interview prep. "
               "With no command, opens the desktop app."))
    parser.add_argument("--db", default=os.environ.get("QUIZAPP_DB"), help=argparse.SUPPRESS)
    # for the one-folder build's smoke test: quit once the first card is on screen (quizapp/devtools/build.py)
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    module = COMMAND_MODULES.get(command or "")
    for name, add in _OWN_COMMANDS.items():  # and those the command's module adds to (export: import)
        if command in (None, name) or (module is not None and COMMAND_MODULES.get(name) == module):
            add(sub)
    # subcommands written in their own modules (they import their services only when run)
    for registering in REGISTERING_MODULES:
        if command is None or registering == module:
            importlib.import_module(f"quizapp.{registering}").register(sub, _common)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` runs when it is sure to be one of COMMANDS (the first word after the
    global options), else None: no command, `--help`, a file to open, an unknown word."""
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--db":
            i += 2
        elif token.startswith("--db=") or token == "--exit-when-ready":
            i += 1
        elif token.startswith("-"):
            return None
        else:
            return token if token in COMMANDS else None
    return None


def _error_message(exc: BaseException) -> tuple[str, int] | None:
    """Map the exceptions a user can cause to (message, exit code)."""
    from quizapp.services.errors import DatabaseUnavailable, DemoError, UserError

    if isinstance(exc, CliError):
        return str(exc), exc.code
    if isinstance(exc, DemoError):
        return str(exc), EXIT_USER_ERROR

    if isinstance(exc, UserError):
        return str(exc), exc.exit_code
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, (DBAPIError, sqlite3.Error)):
        from quizapp.services.database import describe_db_error

        return describe_db_error(exc, translate("Cli", "the database")), DatabaseUnavailable.exit_code
    return None


def main(argv: Sequence[str]) -> int:
    command = command_in(argv)
    parser = build_parser(command)
    open_paths: list[str] = []
    if command is None:  # no command named: maybe `quizapp FILE...`, files for the window to open
        try:
            from quizapp.cli_desktop import command_names, split_open_paths

            argv, open_paths = split_open_paths(list(argv), command_names(parser))
        except CliError as exc:
            print(translate("Cli", "quizapp: error: {message}").format(message=exc), file=sys.stderr)
            return exc.code
    args = parser.parse_args(argv)
    args.open_paths = open_paths  # `quizapp FILE`: the window imports it
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader left early (`quizapp stats | head -1`): what it read is all it wanted, and
        # anything still in the buffer goes nowhere instead of failing again at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # stdout is not a file (an embedding host); nothing to redirect
            pass
        return 0
    except KeyboardInterrupt:
        print(translate("Cli", "quizapp: interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - mapped to a clean message below or re-raised
        mapped = _error_message(exc)
        if mapped is None:
            raise
        message, code = mapped
        print(translate("Cli", "quizapp: error: {message}").format(message=message), file=sys.stderr)
        return code
