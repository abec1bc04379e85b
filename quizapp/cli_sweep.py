"""`quizapp sweep`: the search demos and the batched sweep as Optuna studies shared by many workers.

    quizapp sweep run DEMO --study NAME [--storage URL] [--set NAME=VALUE] [--trials N | --chunks K --grid LRxN]
    quizapp sweep worker --study NAME [--storage URL]          (any number, on any machines)
    quizapp sweep show --study NAME [--storage URL] [--json]   (progress; a sweep's best config)
    quizapp sweep list [--storage URL]

--storage is an RDB URL (sqlite:///sweeps.db, postgresql+psycopg://…: heartbeats, a dead worker's
trial is retried) or a journal file (a path or journal:PATH; the default is sweeps.journal in the
user data folder). It must not be the collection (--db): Optuna's tables would clash with the app's.
The logic is quizapp/services/sweeps.py; docs/engine-demos.md § Searches and sweeps over many workers.
"""
from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import Any

from quizapp.i18n.cli import Cli, translate


def register(sub: Any, common: Callable[..., None]) -> None:
    sweep = sub.add_parser("sweep", help=translate("Cli", "run a search demo or the batched sweep as an Optuna study "
                                                          "of many workers"))
    sweep_sub = sweep.add_subparsers(dest="sweep_command", metavar="SWEEP_COMMAND", required=True)

    p = sweep_sub.add_parser("run", help=translate("Cli", "create a study (and work on it in this process)"))
    p.add_argument("demo_id", help=translate("Cli", "one of: {demos}").format(
        demos="grid-vs-random, bayesian-optimization, hyperband, architecture-search, batched-sweep"))
    _storage_args(p, common)
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help=translate("Cli", "set a demo parameter"))
    p.add_argument("--trials", type=int,
                   help=translate("Cli", "search demos: trials to finish (default: the demo's budget)"))
    p.add_argument("--sampler", help=translate("Cli", "search demos: the Optuna sampler (grid-vs-random: random or "
                                                      "grid; bayesian-optimization: tpe, gp or random)"))
    p.add_argument("--chunks", type=int,
                   help=translate("Cli", "batched-sweep: chunks the configurations are split into (default 8)"))
    p.add_argument("--grid", type=_grid, metavar="LRxN",
                   help=translate("Cli", "batched-sweep: learning rates x second-axis values (default: the demo's "
                                         "n_lr x n_axis2)"))
    p.add_argument("--create-only", action="store_true",
                   help=translate("Cli", "create the study and leave the work to workers"))
    p.set_defaults(handler=cmd_sweep_run)

    p = sweep_sub.add_parser("worker", help=translate("Cli", "take trials of a study until it is done"))
    _storage_args(p, common)
    p.add_argument("--max-trials", type=int, help=translate("Cli", "stop after this many trials"))
    p.set_defaults(handler=cmd_sweep_worker)

    p = sweep_sub.add_parser("show", help=translate("Cli", "a study's progress; a finished sweep's best "
                                                           "configuration"))
    _storage_args(p, common)
    p.set_defaults(handler=cmd_sweep_show)

    p = sweep_sub.add_parser("list", help=translate("Cli", "the studies in a storage"))
    p.add_argument("--storage", help=translate("Cli", "RDB URL or journal file (default: sweeps.journal in the user "
                                                      "data folder)"))
    common(p, now=False)
    p.set_defaults(handler=cmd_sweep_list)


def _storage_args(p: argparse.ArgumentParser, common: Callable[..., None]) -> None:
    p.add_argument("--storage", help=translate("Cli", "RDB URL (sqlite:///sweeps.db, postgresql+psycopg://…) or "
                                                      "journal file (default: sweeps.journal in the user data "
                                                      "folder); never the collection"))
    p.add_argument("--study", required=True, help=translate("Cli", "the study's name"))
    p.add_argument("--device", default="cpu", choices=("cpu", "cuda", "auto"),
                   help=translate("Cli", "where the trials' tensors live (default: cpu)"))
    p.add_argument("--heartbeat", type=int, default=10, metavar="SECONDS",
                   help=translate("Cli", "RDB storage: heartbeat interval; a trial silent for 3 of them is failed "
                                         "and retried"))
    common(p, now=False)


def _grid(text: str) -> tuple[int, int]:
    a, sep, b = text.lower().partition("x")
    try:
        if not sep:
            raise ValueError
        return int(a), int(b)
    except ValueError:
        raise argparse.ArgumentTypeError(translate("Cli", "expected LRxN (e.g. 400x250), got '{text}'").format(
            text=text)) from None


def _storage(args: argparse.Namespace) -> Any:
    from quizapp.services import sweeps

    return sweeps.parse_storage(args.storage, collection=args.db)


def _say(line: str) -> None:
    print(line, flush=True)


def cmd_sweep_run(args: argparse.Namespace) -> int:
    from quizapp.cli import CliError, _print_json
    from quizapp.cli_demo import parse_sets
    from quizapp.services import sweeps
    from quizapp.services.errors import DemoError

    spec = _storage(args)
    try:
        created = sweeps.create_study(args.demo_id, parse_sets(args.set), spec, args.study, trials=args.trials,
                                      chunks=args.chunks, grid=args.grid, sampler=args.sampler)
    except DemoError as exc:
        raise CliError(str(exc)) from None
    plan = created.plan
    what = (translate("Cli", "{configs} configurations in {chunks} chunks").format(
                configs=f"{created.configs:,}", chunks=plan.trials) if plan.kind == "chunks"
            else translate("Cli", "{trials} trials, {sampler} sampler").format(trials=plan.trials,
                                                                               sampler=plan.sampler))
    if not args.json:
        _say(translate("Cli", "study '{name}' created in {storage}: {demo}, {what}").format(
            name=created.name, storage=created.storage, demo=plan.demo, what=what))
        _say(translate("Cli", "workers join with: {command}").format(
            command=f"quizapp sweep worker --storage {created.storage} --study {created.name}"))
        for note in created.notes:
            _say(translate("Cli", "note: {message}").format(message=note))
    if args.create_only:
        if args.json:
            _print_json({"study": created.name, "storage": created.storage, "plan": plan.to_attrs(),
                         "configs": created.configs, "notes": created.notes})
        return 0
    report = sweeps.work(spec, args.study, device=args.device, heartbeat_s=args.heartbeat,
                         on_trial=None if args.json else _say)
    if not args.json:
        _say(Cli.tr("this process: %n trial(s); {stopped}", "", report.trials_run).format(stopped=report.stopped))
    return _show(spec, args.study, args.json)


def cmd_sweep_worker(args: argparse.Namespace) -> int:
    from quizapp.cli import _print_json
    from quizapp.services import sweeps

    spec = _storage(args)
    report = sweeps.work(spec, args.study, device=args.device, heartbeat_s=args.heartbeat,
                         max_trials=args.max_trials, on_trial=None if args.json else _say)
    if args.json:
        _print_json({"worker": report.worker, "trials_run": report.trials_run, "chunks_run": report.chunks_run,
                     "stopped": report.stopped})
    else:
        _say(Cli.tr("worker {worker}: %n trial(s); {stopped}", "", report.trials_run).format(
            worker=report.worker, stopped=report.stopped))
    return 0


def cmd_sweep_show(args: argparse.Namespace) -> int:
    return _show(_storage(args), args.study, args.json)


def _show(spec: Any, study_name: str, as_json: bool) -> int:
    from quizapp.cli import _print_json
    from quizapp.services import sweeps

    snap = sweeps.snapshot(spec, study_name)
    counts = {s: snap.states.count(s) for s in sorted(set(snap.states))}
    out: dict[str, Any] = {"study": snap.name, "demo": snap.demo, "kind": snap.kind, "planned": snap.planned,
                           "states": counts, "workers": snap.workers}
    if snap.kind == "chunks":
        outcome = sweeps.sweep_outcome(spec, study_name)
        best = outcome.best()
        out["complete"] = outcome.complete
        out["retried_chunks"] = outcome.retried_chunks
        out["diverged"] = sum(1 for v in outcome.losses if v is not None and math.isnan(v))
        if best is not None:
            i, loss = best
            out["best"] = {"config": i, "loss": loss, **{k: v[i] for k, v in outcome.configs.items()}}
    else:
        xs, ys = snap.best_so_far()
        out["best_value"] = ys[-1] if ys else None
    if as_json:
        _print_json(out)
        return 0
    progress = (translate("Cli", "{name}: {demo}, {finished} of {planned} chunks finished;") if snap.kind == "chunks"
                else translate("Cli", "{name}: {demo}, {finished} of {planned} trials finished;"))
    states = translate("Cli", ", ").join(translate("Cli", "{count} {state}").format(count=n, state=sweeps.state_word(s))
                                         for s, n in counts.items())
    _say(translate("Cli", "{progress} {states}; {workers}").format(
        progress=progress.format(name=snap.name, demo=snap.demo, finished=snap.finished, planned=snap.planned),
        states=states, workers=Cli.tr("%n worker(s) seen", "", snap.workers)))
    if "best" in out:
        b = out["best"]
        _say(translate("Cli", "best: loss {loss} at lr {lr}, batch size {batch_size}, momentum {momentum}, "
                              "weight decay {weight_decay} (config {config})").format(
            loss=f"{b['loss']:.6g}", lr=f"{b['lr']:.4g}", batch_size=b["batch_size"],
            momentum=f"{b['momentum']:.4g}", weight_decay=f"{b['weight_decay']:.4g}", config=b["config"]))
    elif out.get("best_value") is not None:
        _say(translate("Cli", "best value: {value}").format(value=f"{out['best_value']:.6g}"))
    return 0


def cmd_sweep_list(args: argparse.Namespace) -> int:
    from quizapp.cli import _print_json
    from quizapp.services import sweeps

    names = sweeps.list_studies(_storage(args))
    if args.json:
        _print_json(names)
    else:
        for name in names:
            _say(name)
    return 0
