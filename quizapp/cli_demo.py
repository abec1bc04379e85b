"""`quizapp demo list` and `quizapp demo run`: the live demos, headless.

    quizapp demo list [--json]
    quizapp demo run optimizer-race --set surface=beale --out race.png [--lang zh] [--json]

The demos are reached through quizapp.services.demos, like the window reaches them; a bad id,
parameter or device is one line on stderr (the engine's message) and exit code 2.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from quizapp.i18n.cli import translate


def register(sub: Any, common: Callable[..., None]) -> None:
    demo = sub.add_parser("demo", help=translate("Cli", "list or run the live demos headless"))
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="DEMO_COMMAND", required=True)
    p = demo_sub.add_parser("list", help=translate("Cli", "every demo id with its title and parameters"))
    p.add_argument("--json", action="store_true", help=translate("Cli", "machine-readable output"))
    p.set_defaults(handler=cmd_demo_list)
    p = demo_sub.add_parser("run", help=translate("Cli", "run one demo"))
    p.add_argument("demo_id")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help=translate("Cli", "set a parameter"))
    p.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"),
                   help=translate("Cli", "where the demo's tensors live (default: auto)"))
    p.add_argument("--out", help=translate("Cli", "write the figure to this PNG file"))
    p.add_argument("--lang", choices=("en", "zh"), default="en", help=translate("Cli", "figure language"))
    p.add_argument("--json", action="store_true", help=translate("Cli", "machine-readable output"))
    p.set_defaults(handler=cmd_demo_run)


def parse_sets(pairs: Sequence[str]) -> dict[str, str]:
    """--set NAME=VALUE pairs as a dict (values stay strings: the demo's spec coerces them)."""
    from quizapp.cli import CliError

    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CliError(translate("Cli", "--set expects NAME=VALUE, got '{pair}'").format(pair=pair))
        out[name.strip()] = value.strip()
    return out


def cmd_demo_list(args: argparse.Namespace) -> int:
    from quizapp.cli import _print_json
    from quizapp.services import demos

    from quizapp.i18n.cli import cli_language

    specs = demos.list_demos()
    if args.json:
        _print_json([s.to_dict() for s in specs])
        return 0
    lang = cli_language()  # the demos carry their titles in both languages
    for spec in specs:
        params = ", ".join(f"{p.name}={p.default}" for p in spec.params if p.name != "seed")
        print(f"{spec.id:28} {spec.section}  {spec.title(lang)}")
        print(f"{'':28}      {params}")
    return 0


def cmd_demo_run(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _print_json
    from quizapp.services import demos

    try:
        spec = demos.demo_spec(args.demo_id)
        result = demos.run(args.demo_id, parse_sets(args.set), device=args.device)
    except demos.DemoError as exc:
        raise CliError(str(exc)) from None
    if args.out:
        demos.save_png(result, args.out, spec, lang=args.lang)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(translate("Cli", "{demo} on {device}:").format(demo=spec.id, device=result.device) + " " + ", ".join(
            f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in result.metrics.items()))
        for message in result.messages:
            print(translate("Cli", "note: {message}").format(message=message))
        if args.out:
            print(translate("Cli", "figure written to {out}").format(out=args.out))
    return 0
