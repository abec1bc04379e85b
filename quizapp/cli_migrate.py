"""`quizapp migrate-to URL`: the collection copied to another database, SQLite -> PostgreSQL and
back, with its history, verified by each table's row count and SHA-256 (issue 18).

    quizapp migrate-to postgresql+psycopg://me@server/quizapp
    quizapp --db postgresql+psycopg://me@server/quizapp migrate-to ~/quizapp.db

The source (--db, $QUIZAPP_DB or the default collection) is only read. The target is an empty
PostgreSQL database or a SQLite file that does not exist yet; one that already holds a collection
is refused in one line and left as it was (services/database.py: copy_collection_to).
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from quizapp.i18n.cli import translate


def register(sub: Any, common: Callable[..., None]) -> None:
    p = sub.add_parser("migrate-to", help=translate(
        "Cli", "copy the collection to another database (SQLite or PostgreSQL), verified by counts and checksums"))
    p.add_argument("target", metavar="URL", help=translate(
        "Cli", "the new collection: a PostgreSQL URL (an empty database) or a SQLite file that does not exist yet"))
    common(p, now=False)
    p.set_defaults(handler=cmd_migrate_to)


def cmd_migrate_to(args: argparse.Namespace) -> int:
    from quizapp.services.database import copy_collection_to, shown_location

    copied = copy_collection_to(args.db, args.target)
    if args.json:
        from quizapp.cli import _print_json

        _print_json([{"table": c.name, "rows": c.rows, "sha256": c.sha256} for c in copied])
        return 0
    width = max(len(c.name) for c in copied)
    print(translate("Cli", "copied {source} to {target}:").format(
        source=shown_location(args.db), target=shown_location(args.target)))
    for table in copied:
        print(f"  {table.name:{width}}  {table.rows:>8}  sha256 {table.sha256[:16]}")
    print(translate("Cli", "every table's row count and SHA-256 checksum matched its source"))
    return 0
