"""`quizapp deck render`: the whole deck as readable Markdown, for proofreading.

    quizapp deck render                      # print to stdout
    quizapp deck render --out docs/deck.md   # write the file (only if it changed)
    quizapp deck render --out docs/deck.md --check   # exit 1 if the file is out of date

The deck is validated first; an invalid deck is reported like `quizapp import` does (every
problem as FILE:LINE) and nothing is written.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(sub: Any, common: Callable[..., None]) -> None:
    p = sub.add_parser("deck", help="tools for the deck files (render as Markdown)",
                       description="Tools for the deck files.")
    deck_sub = p.add_subparsers(dest="deck_command", metavar="DECK_COMMAND")
    deck_sub.required = True
    r = deck_sub.add_parser("render", help="render the whole deck as Markdown (e.g. docs/deck.md)",
                            description="Render the deck (default: the bundled one) as Markdown grouped by "
                                        "section: every card in both languages, cloze answers in bold, mcq "
                                        "choices with the right one marked, corrections and demo presets.")
    r.add_argument("paths", nargs="*", help="deck .toml files or folders (default: the bundled deck)")
    r.add_argument("--out", help="write to this file instead of stdout (left untouched when unchanged)")
    r.add_argument("--check", action="store_true",
                   help="with --out: write nothing, exit 1 if the file differs from a fresh rendering")
    common(r, now=False)
    r.set_defaults(handler=cmd_deck_render)


def cmd_deck_render(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _print_json
    from quizapp.services.deck_export import load_cards, render_deck, write_if_changed

    if args.check and not args.out:
        raise CliError("--check needs --out FILE (the rendering to compare with)")
    cards = load_cards([Path(p) for p in args.paths] or None)
    text = render_deck(cards)
    if not args.out:
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else None
        up_to_date = current == text
        if args.json:
            _print_json({"out": str(out), "cards": len(cards), "up_to_date": up_to_date})
        elif not up_to_date:
            print(f"{out} is out of date; run: quizapp deck render --out {out}", file=sys.stderr)
        else:
            print(f"{out} is up to date ({len(cards)} cards)")
        return 0 if up_to_date else 1
    changed = write_if_changed(out, text)
    if args.json:
        _print_json({"out": str(out), "cards": len(cards), "changed": changed})
    else:
        print(f"{'wrote' if changed else 'unchanged:'} {out} ({len(cards)} cards)")
    return 0
