"""`quizapp deck`: the decks of the collection, and the deck files rendered for proofreading.

    quizapp deck list                        # the deck tree with today's counts, and the overall ones
    quizapp deck rename OLD NEW              # sub-decks move with it; cards, schedules, history stay
    quizapp deck delete NAME [--yes]         # asks first; a backup of the collection is made first
    quizapp deck set NAME --new-per-day 10 --reviews-per-day 100   # per-deck daily limits ("none" clears)
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

from quizapp.i18n.cli import pad, translate

_UNSET: Any = object()  # an option not given (None is "clear the deck's own limit")


def register(sub: Any, common: Callable[..., None]) -> None:
    p = sub.add_parser("deck", help=translate("Cli", "the decks: list, rename, delete, set limits; render deck files"),
                       description=translate("Cli", "The decks of the collection, and tools for the deck files."))
    deck_sub = p.add_subparsers(dest="deck_command", metavar="DECK_COMMAND")
    deck_sub.required = True
    r = deck_sub.add_parser("render", help=translate("Cli", "render the whole deck as Markdown (e.g. docs/deck.md)"),
                            description=translate(
                                "Cli", "Render the deck (default: the bundled one) as Markdown grouped by "
                                       "section: every card in both languages, cloze answers in bold, mcq "
                                       "choices with the right one marked, corrections and demo presets."))
    r.add_argument("paths", nargs="*", help=translate("Cli", "deck .toml files or folders (default: the bundled deck)"))
    r.add_argument("--out", help=translate("Cli", "write to this file instead of stdout (left untouched when "
                                                  "unchanged)"))
    r.add_argument("--check", action="store_true",
                   help=translate("Cli", "with --out: write nothing, exit 1 if the file differs from a fresh "
                                         "rendering"))
    common(r, now=False)
    r.set_defaults(handler=cmd_deck_render)

    ls = deck_sub.add_parser("list", help=translate("Cli", "the decks as a tree with today's new / learn / due counts"),
                             description=translate(
                                 "Cli", "Every deck (sub-decks under their parents) with what studying it "
                                        "would show today under the daily limits, and the collection's total."))
    common(ls)
    ls.set_defaults(handler=cmd_deck_list)
    rn = deck_sub.add_parser("rename", help=translate("Cli", "rename a deck (its sub-decks follow); nothing else "
                                                             "changes"))
    rn.add_argument("old")
    rn.add_argument("new")
    common(rn, now=False)
    rn.set_defaults(handler=cmd_deck_rename)
    dl = deck_sub.add_parser("delete", help=translate("Cli", "delete a deck and its sub-decks with their cards "
                                                             "(after a backup)"))
    dl.add_argument("name")
    dl.add_argument("--yes", action="store_true",
                    help=translate("Cli", "do not ask (needed when stdin is not a terminal)"))
    common(dl, now=False)
    dl.set_defaults(handler=cmd_deck_delete)
    st = deck_sub.add_parser("set", help=translate("Cli", "a deck's options: daily limits (its sub-decks count "
                                                          "against them), its scheduler (its sub-decks follow "
                                                          "unless they choose)"))
    st.add_argument("name")
    st.add_argument("--new-per-day", type=_limit, default=_UNSET,
                    help=translate("Cli", "new cards a day in this deck and its sub-decks ('none': no own limit)"))
    st.add_argument("--reviews-per-day", type=_limit, default=_UNSET,
                    help=translate("Cli", "reviews a day in this deck and its sub-decks ('none': no own limit)"))
    st.add_argument("--scheduler", type=_choice("sm2", "fsrs"), default=_UNSET,
                    help=translate("Cli", "sm2 or fsrs for this deck ('none': as its parent or the collection); "
                                          "switching rewrites no history: FSRS rebuilds each card's memory from "
                                          "its review log"))
    st.add_argument("--desired-retention", type=_number, default=_UNSET,
                    help=translate("Cli", "FSRS: the recall probability at which a card falls due, 0.7-0.99 "
                                          "('none': inherit)"))
    st.add_argument("--maximum-interval", type=_limit, default=_UNSET, dest="maximum_interval_days",
                    help=translate("Cli", "the longest interval in days for this deck ('none': inherit)"))
    common(st, now=False)
    st.set_defaults(handler=cmd_deck_set)



def _choice(*choices: str) -> Callable[[str], str | None]:
    def parse(text: str) -> str | None:
        if text.strip().lower() == "none":
            return None
        if text not in choices:
            raise argparse.ArgumentTypeError(translate("Cli", "'{text}' is not one of {choices} (or 'none')").format(
                text=text, choices=", ".join(choices)))
        return text
    return parse


def _number(text: str) -> float | None:
    if text.strip().lower() == "none":
        return None
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("Cli", "'{text}' is not a number (or 'none')").format(
            text=text)) from None


def _limit(text: str) -> int | None:
    if text.strip().lower() == "none":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("Cli", "'{text}' is not a whole number (or 'none')").format(
            text=text)) from None


def _row(deck: str, new: str, learn: str, due: str, cards: str) -> str:
    return f"{pad(deck, 40)} {pad(new, 5, True)} {pad(learn, 5, True)} {pad(due, 5, True)} {pad(cards, 6, True)}"


def cmd_deck_list(args: argparse.Namespace) -> int:
    from quizapp.cli import _open_db, _print_json, parse_now
    from quizapp.services.decks import DecksService

    listing = DecksService(_open_db(args)).list(parse_now(args.now))
    if args.json:
        _print_json(listing.to_dict())
        return 0
    print(_row(translate("Cli", "deck"), translate("Cli", "new"), translate("Cli", "learn"),
               translate("Cli", "due"), translate("Cli", "cards")))
    limit_names = {"new_per_day": translate("Cli", "new per day {n}"),
                   "reviews_per_day": translate("Cli", "reviews per day {n}")}
    for d in listing.decks:
        limits = ", ".join(limit_names[k].format(n=v) for k, v in d.options.items() if k in limit_names)
        label = "  " * d.depth + d.leaf
        print(f"{pad(label, 40)} {d.new:5} {d.learn:5} {d.review:5} {d.total:6}"
              + (f"   ({limits})" if limits else ""))
    o = listing.overall
    all_decks = translate("Cli", "all decks")
    print(f"{pad(all_decks, 40)} {o.new:5} {o.learn:5} {o.review:5} {o.total:6}")
    return 0


def cmd_deck_rename(args: argparse.Namespace) -> int:
    from quizapp.cli import _open_db, _print_json
    from quizapp.services.decks import DecksService

    moved = DecksService(_open_db(args)).rename(args.old, args.new).value
    if args.json:
        _print_json({"renamed": [{"from": a, "to": b} for a, b in moved]})
    else:
        for a, b in moved:
            print(translate("Cli", "renamed {old} -> {new}").format(old=a, new=b))
    return 0


def cmd_deck_delete(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _open_db, _print_json
    from quizapp.services.decks import DecksService

    db = _open_db(args)
    decks = DecksService(db)
    names = [n for n in decks.names() if n == args.name or n.startswith(args.name + "::")]
    if not names:
        decks.check_filter(args.name)  # says there is no such deck
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(translate("Cli", "deleting deck '{name}' needs confirmation: add --yes").format(
                name=args.name))
        answer = input(translate("Cli", "Delete {decks} with every card, schedule and review of it? A backup is "
                                        "made first. Type the deck name to confirm: ").format(decks=", ".join(names)))
        if answer.strip() != args.name:
            print(translate("Cli", "nothing deleted"))
            return 1
    deleted = decks.delete(args.name).value
    if args.json:
        _print_json({"deleted": deleted.names, "cards": deleted.cards, "backup": deleted.backup})
    else:
        decks_text = ", ".join(deleted.names)
        if deleted.backup:
            print(translate("Cli", "deleted {decks} ({n} cards); backup: {backup}").format(
                decks=decks_text, n=deleted.cards, backup=deleted.backup))
        else:
            print(translate("Cli", "deleted {decks} ({n} cards)").format(decks=decks_text, n=deleted.cards))
    return 0


def cmd_deck_set(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _open_db, _print_json
    from quizapp.services.decks import DecksService

    updates = {key: getattr(args, key) for key in ("new_per_day", "reviews_per_day", "scheduler",
                                                   "desired_retention", "maximum_interval_days")
               if getattr(args, key) is not _UNSET}
    if not updates:
        raise CliError(translate("Cli", "give at least one of --new-per-day, --reviews-per-day, --scheduler, "
                                        "--desired-retention, --maximum-interval"))
    options = DecksService(_open_db(args)).set_options(args.name, updates).value
    if args.json:
        _print_json({"deck": args.name, "options": options})
    else:
        print(f"{args.name}: " + (", ".join(f"{k} = {v}" for k, v in options.items())
                                  or translate("Cli", "as the collection")))
    return 0


def cmd_deck_render(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _print_json
    from quizapp.services.deck_export import load_cards, render_deck, write_if_changed

    if args.check and not args.out:
        raise CliError(translate("Cli", "--check needs --out FILE (the rendering to compare with)"))
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
            print(translate("Cli", "{out} is out of date; run: quizapp deck render --out {out}").format(out=out),
                  file=sys.stderr)
        else:
            print(translate("Cli", "{out} is up to date ({n} cards)").format(out=out, n=len(cards)))
        return 0 if up_to_date else 1
    changed = write_if_changed(out, text)
    if args.json:
        _print_json({"out": str(out), "cards": len(cards), "changed": changed})
    else:
        line = translate("Cli", "wrote {out} ({n} cards)") if changed else \
            translate("Cli", "unchanged: {out} ({n} cards)")
        print(line.format(out=out, n=len(cards)))
    return 0
