"""`quizapp fsrs`: choose the scheduler, fit FSRS to the review log, and the evidence of which
scheduler predicts you better (docs/fsrs.md).

    quizapp fsrs use fsrs --retention 0.9   # schedule with FSRS (sm2 switches back)
    quizapp fsrs optimize [--deck NAME]     # fit the 21 FSRS-6 parameters to your log (or a deck's)
    quizapp fsrs evaluate [--json]          # log loss / RMSE of SM-2 vs FSRS, split in time
    quizapp fsrs forecast [--days 30]       # reviews per day ahead, retention vs workload
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from quizapp.i18n.cli import translate


def register(sub: Any, common: Callable[..., None]) -> None:
    p = sub.add_parser("fsrs", help=translate("Cli", "FSRS scheduling: choose it, fit it, compare it with SM-2"),
                       description=translate("Cli", "FSRS beside SM-2 (docs/fsrs.md)."))
    fsrs_sub = p.add_subparsers(dest="fsrs_command", metavar="FSRS_COMMAND")
    fsrs_sub.required = True
    u = fsrs_sub.add_parser("use", help=translate("Cli", "schedule with sm2 (the default) or fsrs"),
                            description=translate("Cli", "Choose the scheduler. Switching converts nothing in the "
                                                         "log: FSRS rebuilds each card's memory from its review "
                                                         "history when it next sees it."))
    u.add_argument("scheduler", choices=("sm2", "fsrs"))
    u.add_argument("--retention", type=float, help=translate("Cli", "FSRS desired retention, 0.7-0.99 (default 0.9)"))
    common(u, now=False)
    u.set_defaults(handler=cmd_fsrs_use)
    o = fsrs_sub.add_parser("optimize", help=translate("Cli", "fit FSRS's parameters to the review log (fsrs-rs, "
                                                             "Anki's optimizer)"))
    o.add_argument("--deck", help=translate("Cli", "fit this deck's answers (its sub-decks' too) and store the "
                                                   "parameters as the deck's own; default: the whole log, the "
                                                   "collection's parameters"))
    common(o, now=False)
    o.set_defaults(handler=cmd_fsrs_optimize)
    e = fsrs_sub.add_parser("evaluate", help=translate("Cli", "log loss and RMSE of SM-2 vs FSRS on your own log, "
                                                             "split in time"))
    e.add_argument("--train-fraction", type=float, default=0.8,
                   help=translate("Cli", "the earliest share of scored answers used to fit FSRS (default 0.8)"))
    e.add_argument("--no-fit", action="store_true", help=translate("Cli", "compare SM-2 with default FSRS only"))
    common(e, now=False)
    e.set_defaults(handler=cmd_fsrs_evaluate)
    f = fsrs_sub.add_parser("forecast", help=translate("Cli", "FSRS's forecast: reviews per day, retention vs "
                                                             "workload"))
    f.add_argument("--days", type=int, default=30,
                   help=translate("Cli", "days ahead, e.g. until the interview (default 30)"))
    common(f)
    f.set_defaults(handler=cmd_fsrs_forecast)


def cmd_fsrs_use(args: argparse.Namespace) -> int:
    from quizapp.cli import _open_db, _print_json
    from quizapp.services.settings import SettingsService

    changes: dict[str, Any] = {"scheduler": args.scheduler}
    if args.retention is not None:
        changes["desired_retention"] = args.retention
    settings = SettingsService(_open_db(args)).update(changes).value
    if args.json:
        _print_json({"scheduler": settings.scheduler, "desired_retention": settings.desired_retention})
    else:
        print(translate("Cli", "scheduler: {scheduler} (desired retention {retention})").format(
            scheduler=settings.scheduler, retention=settings.desired_retention))
    return 0


def cmd_fsrs_optimize(args: argparse.Namespace) -> int:
    from quizapp.cli import _open_db, _print_json
    from quizapp.services.fsrs_service import FsrsService

    def progress(stage: int, stages: int, text: str) -> None:
        print(f"[{stage + 1}/{stages}] {text}", file=sys.stderr)

    result = FsrsService(_open_db(args)).optimize(progress=None if args.json else progress, deck=args.deck)
    if args.json:
        _print_json(result.to_dict())
    else:
        fit = result.fit
        print(fit.message)
        if fit.parameters is not None and fit.before is not None and fit.after is not None:
            print(translate("Cli", "parameters: {values}").format(values=", ".join(f"{x:.4f}" for x in fit.parameters)))
            print(translate("Cli", "log loss {loss_before} -> {loss_after}, RMSE(bins) {rmse_before} -> {rmse_after} "
                                   "(on the answers fitted)").format(
                loss_before=f"{fit.before.log_loss:.4f}", loss_after=f"{fit.after.log_loss:.4f}",
                rmse_before=f"{fit.before.rmse_bins:.4f}", rmse_after=f"{fit.after.rmse_bins:.4f}"))
    return 0


def cmd_fsrs_evaluate(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _open_db, _print_json
    from quizapp.services.fsrs_service import FsrsService

    if not 0 < args.train_fraction < 1:
        raise CliError(translate("Cli", "--train-fraction must be between 0 and 1, got {value}").format(
            value=args.train_fraction))
    evidence = FsrsService(_open_db(args)).evidence(args.train_fraction, fit=not args.no_fit)
    if args.json:
        _print_json(evidence.to_dict())
    else:
        print(evidence.summary())
    return 0


def cmd_fsrs_forecast(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _open_db, _print_json, parse_now
    from quizapp.services.fsrs_service import FsrsService

    if not 1 <= args.days <= 3650:
        raise CliError(translate("Cli", "--days must be 1 to 3650, got {value}").format(value=args.days))
    result = FsrsService(_open_db(args)).forecast(parse_now(args.now), args.days)
    if args.json:
        _print_json(result.to_dict())
        return 0
    today = "-" if result.recall_today is None else f"{result.recall_today:.1%}"
    print(translate("Cli", "predicted recall of the cards seen, now: {recall}").format(recall=today))
    print(translate("Cli", "reviews per day, next {days} days (retention {retention}):").format(
        days=result.days, retention=result.current.desired_retention)
          + " " + " ".join(str(n) for n in result.current.reviews_per_day))
    print(translate("Cli", "desired retention -> reviews in total, recall at the end"))
    for o in result.curve:
        print(f"  {o.desired_retention:.2f} -> {o.total_reviews:6d}   {o.recall_at_end:.1%}")
    return 0
