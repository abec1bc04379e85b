"""`quizapp notes import`: a person's notes become a deck of cards (content/FORMAT.md § Notes files).

    quizapp notes import NOTES.txt [NOTES.md ...] [--deck NAME] [--out PATH] [--dry-run]
                         [--accept-renames | --reject-renames]

`--dry-run` prints what the import would do (every card, the questions without an answer, the
answers that were only a lost picture, duplicates, reworded questions) and writes nothing. A
bad file is one line naming it, and nothing is written.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizapp.i18n.cli import Cli, translate

ANSWER_PREVIEW_CHARS = 90


def register(sub: Any, common: Callable[..., None]) -> None:
    p = sub.add_parser("notes", help=translate("Cli", "turn your own notes (.txt, .md) into a deck of cards"),
                       description=translate("Cli", "Turn study notes into cards."))
    notes_sub = p.add_subparsers(dest="notes_command", metavar="NOTES_COMMAND")
    notes_sub.required = True
    i = notes_sub.add_parser(
        "import", help=translate("Cli", "read notes files, write their deck file and import it"),
        description=translate("Cli", "Read notes (the plain-text format of the chapter notes, or Markdown), write "
                                     "the deck file (TOML, as content/) and import it. Importing edited notes "
                                     "again updates the answers and keeps every card's schedule."))
    i.add_argument("files", nargs="+", metavar="FILE",
                   help=translate("Cli", "notes files (.txt: plain text; .md: Markdown)"))
    i.add_argument("--deck", help=translate("Cli", "the deck's name, e.g. NNDL::ch07 (default: Notes::<first "
                                                   "file's name>)"))
    i.add_argument("--out", help=translate("Cli", "where to write the deck file (default: decks/ in the user data "
                                                  "folder)"))
    i.add_argument("--dry-run", action="store_true", help=translate("Cli", "print the report and write nothing"))
    renames = i.add_mutually_exclusive_group()
    renames.add_argument("--accept-renames", action="store_true",
                         help=translate("Cli", "questions reworded since the last import are the same cards "
                                               "(keep their schedules)"))
    renames.add_argument("--reject-renames", action="store_true",
                         help=translate("Cli", "questions reworded since the last import become new cards"))
    common(i, now=False)
    i.set_defaults(handler=cmd_notes_import)


def _collection_if_any(args: argparse.Namespace):  # -> Database | None
    """The collection to compare with in a dry run; None when there is none yet (nothing is created)."""
    from quizapp.cli import _open_db
    from quizapp.services.notes_import import no_collection_at

    if no_collection_at(args.db):
        return None
    return _open_db(args)


def cmd_notes_import(args: argparse.Namespace) -> int:
    from quizapp.cli import _open_db_check, _print_json
    from quizapp.services.database import created_for_import
    from quizapp.services.notes_import import NotesImportService

    paths = [Path(f) for f in args.files]
    out = Path(args.out) if args.out else None
    if args.dry_run:
        preview = NotesImportService(_collection_if_any(args)).preview(paths, args.deck, out)
        if args.json:
            _print_json(preview.to_dict())
        else:
            print(render_report(preview), end="")
        return 0
    _open_db_check(args)
    accept = True if args.accept_renames else False if args.reject_renames else None
    with created_for_import(args.db) as db:  # a collection created here is removed again if the import fails
        service = NotesImportService(db)
        result = service.import_notes(service.preview(paths, args.deck, out), accept_renames=accept)
    if args.json:
        _print_json({"deck": result.deck_name, "out": str(result.out), "added": result.added,
                     "updated": result.updated, "unchanged": result.unchanged, "renamed": result.renamed})
    else:
        print(result.summary())
    return 0


def _one_line(text: str, limit: int = ANSWER_PREVIEW_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def render_report(preview: Any) -> str:
    """The dry run's report: a NotesPreview in plain text, every card listed."""
    counts: dict[str, int] = {}
    for status in preview.status.values():
        counts[status] = counts.get(status, 0) + 1
    status_names = {"new": translate("Cli", "new"), "updated": translate("Cli", "updated"),
                    "unchanged": translate("Cli", "unchanged")}
    by_status = ", ".join(f"{n} {status_names.get(s, s)}" for s, n in sorted(counts.items()))
    lines = [translate("Cli", "notes: {files}").format(files=", ".join(preview.files)),
             translate("Cli", "deck: {deck} -> {out} (dry run: nothing written)").format(
                 deck=preview.deck_name, out=preview.out),
             Cli.tr("cards: {n} ({by_status}) in %n section(s)", "", len(preview.sections)).format(
                 n=len(preview.cards), by_status=by_status)]
    for section in preview.sections:
        cards = [c for c in preview.cards if c.section == section.id]
        lines += ["", f"[{section.id}] {section.title} ({len(cards)})"]
        for card in cards:
            status = preview.status[card.id]
            flags = [status_names.get(status, status), card.lang] + \
                ([translate("Cli", "PICTURE ONLY")] if card.picture_only else [])
            lines.append(f"  {card.id}  " + translate("Cli", "line {line}").format(line=card.line)
                         + f"  ({', '.join(flags)})")
            lines.append("    " + translate("Cli", "Q: {question}").format(question=card.question))
            answer = translate("Cli", "(only a picture, lost)") if card.picture_only else \
                translate("Cli", "{answer}  [{n} chars]").format(answer=_one_line(card.answer), n=len(card.answer))
            lines.append("    " + translate("Cli", "A: {answer}").format(answer=answer))

    def listing(title: str, items: list[str]) -> None:
        lines.extend(["", translate("Cli", "{title} ({n}):").format(title=title, n=len(items)) if items
                      else translate("Cli", "{title}: none").format(title=title)])
        lines.extend(f"  {item}" for item in items)

    listing(translate("Cli", "questions without an answer (not imported)"),
            [f"{u.file}:{u.line}  {u.question}" for u in preview.unpaired])
    listing(translate("Cli", "answers that were only a lost picture (imported, flagged picture-lost)"),
            [f"{c.file}:{c.line}  {c.question}" for c in preview.picture_only])
    first_at = translate("Cli", "(first at {where})")
    alike = translate("Cli", "({percent} alike)")
    listing(translate("Cli", "duplicates (left out; the first is the card)"),
            [f"{d.file}:{d.line}  {d.question}  " + first_at.format(where=d.first) for d in preview.duplicates])
    listing(translate("Cli", "reworded questions matching earlier cards (need --accept-renames or "
                             "--reject-renames)"),
            [f"{r.old_id}: {r.old_question} -> {r.new_question}  " + alike.format(percent=f"{r.similarity:.0%}")
             for r in preview.renames])
    listing(translate("Cli", "earlier cards of the deck no longer in the notes (kept)"), preview.not_in_notes)
    listing(translate("Cli", "text under no question (not imported)"),
            [f"{o.file}:{o.line}  {_one_line(o.question)}" for o in preview.outside])
    return "\n".join(lines) + "\n"
