"""Searches and sweeps shared by many workers through Optuna's storage (issue 18).

    create_study()  plans a study (engine/sweep_study.py), creates it on the storage with its plan
                    in the study's user attributes and, for the batched sweep, enqueues one trial
                    per chunk;
    work()          is one worker: any number of them, on any machines that reach the storage,
                    take trials until the study is done;
    sweep_outcome() reads the per-config results back; snapshot()/watch() read the study's
                    progress for the demo panel's live plot.

Storage (docs/engine-demos.md § Searches and sweeps over many workers): an RDB URL
(`sqlite:///…`, `postgresql+psycopg://…`) is Optuna's RDBStorage with heartbeats — a worker
that dies (even SIGKILL) stops beating, and the next worker that looks fails its trial and
re-enqueues it (RetryHeartbeatStaleTrialCallback). A plain path, `journal:PATH` or no --storage
at all (the user data folder's `sweeps.journal`) is Optuna's JournalStorage on a file: safe for
many processes on one machine, but Optuna gives journal storage no heartbeat, so a chunk whose
worker died stays "running" there. Optuna's tables never go into the app's collection: they
have their own `alembic_version`, so a storage that is the collection is refused.
"""
from __future__ import annotations

import math
import os
import re
import socket
import sqlite3
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.engine import sweep_study
from quizapp.engine.sweep_study import StudyPlan
from quizapp.services.errors import UserError
from quizapp.i18n.text import QT_TRANSLATE_NOOP, SweepText

if TYPE_CHECKING:
    import optuna
    from optuna.storages import BaseStorage

DEFAULT_JOURNAL = "sweeps.journal"
DEFAULT_HEARTBEAT_S = 10
GRACE_HEARTBEATS = 3  # a trial is stale after this many missed heartbeats
MAX_RETRY = 5  # times a chunk is re-enqueued after its worker died
SQLITE_BUSY_TIMEOUT_S = 60  # several workers write one SQLite file: wait for the lock, do not fail
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# Tables only the app's collection has (Optuna's own schema has studies/trials/alembic_version).
_COLLECTION_TABLES = ("card_state", "review_log", "cards")


class SweepError(UserError):
    """A study that cannot be created, joined or read: one line for the user."""


@dataclass(frozen=True)
class StorageSpec:
    """Where a study lives: an RDB URL, or a journal file."""

    url: str | None  # SQLAlchemy URL of an RDB storage
    journal: Path | None  # the journal file of a JournalStorage

    @property
    def has_heartbeat(self) -> bool:
        return self.url is not None

    def describe(self) -> str:
        return self.url if self.url is not None else f"journal:{self.journal}"


def default_journal_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizapp", appauthor=False)) / DEFAULT_JOURNAL


def parse_storage(text: str | None, collection: str | Path | None = None) -> StorageSpec:
    """--storage as a StorageSpec; SweepError when it names the app's collection (or a file that
    holds one), or a folder that does not exist."""
    if text is None or not str(text).strip():
        path = default_journal_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        spec = StorageSpec(None, path)
    elif text.startswith("journal:"):
        spec = StorageSpec(None, _existing_parent(Path(text[len("journal:"):]).expanduser()))
    elif _URL_SCHEME.match(text):
        spec = StorageSpec(text, None)
    else:
        spec = StorageSpec(None, _existing_parent(Path(text).expanduser()))
    _refuse_collection(spec, collection)
    return spec


def _existing_parent(path: Path) -> Path:
    path = path.resolve()
    if path.is_dir():
        raise SweepError(SweepText.tr(
            "storage {path} is a folder; give a file, e.g. {example}").format(
            path=path, example=path / DEFAULT_JOURNAL))
    if not path.parent.is_dir():
        raise SweepError(SweepText.tr("storage folder {folder} does not exist").format(folder=path.parent))
    return path


def _sqlite_file(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends: a malformed URL
        raise SweepError(SweepText.tr(
            "not a valid storage URL: {url} ({error})").format(
            url=url, error=exc)) from None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser().resolve()


def _collection_target(collection: str | Path | None) -> tuple[Path | None, str | None]:
    """The collection's file (SQLite) or URL (anything else), as --db / $QUIZAPP_DB / the default name it."""
    if collection is None or not str(collection).strip():
        from quizapp.store.database import default_database_path

        return default_database_path().resolve(), None
    text = str(collection)
    if _URL_SCHEME.match(text):
        file = _sqlite_file(text)
        return (file, None) if file is not None else (None, text)
    return Path(text).expanduser().resolve(), None


def _holds_collection(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as con:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return False  # not SQLite (a journal file, say): not a collection either
    return any(t in names for t in _COLLECTION_TABLES)


def _refuse_collection(spec: StorageSpec, collection: str | Path | None) -> None:
    coll_file, coll_url = _collection_target(collection)
    target = spec.journal if spec.journal is not None else (_sqlite_file(spec.url) if spec.url else None)
    why = SweepText.tr("Optuna's tables must not live in the collection (both use an alembic_version table); "
           "give the study its own file or database, e.g. --storage sqlite:///sweeps.db")
    if target is not None and (target == coll_file or _holds_collection(target)):
        raise SweepError(SweepText.tr(
            "storage {storage} is the app's collection: {why}").format(
            storage=spec.describe(), why=why))
    if coll_url is not None and spec.url is not None and spec.url.rstrip("/") == coll_url.rstrip("/"):
        raise SweepError(SweepText.tr(
            "storage {storage} is the app's collection database: {why}").format(
            storage=spec.url, why=why))


def open_storage(spec: StorageSpec, heartbeat_s: int = DEFAULT_HEARTBEAT_S) -> BaseStorage:
    """Optuna's storage for `spec`: RDBStorage with heartbeats and retries, or a JournalStorage file."""
    import optuna
    from optuna.storages import RDBStorage, RetryHeartbeatStaleTrialCallback
    from optuna.storages.journal import JournalFileBackend, JournalStorage

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if spec.journal is not None:
        return JournalStorage(JournalFileBackend(str(spec.journal)))
    assert spec.url is not None
    engine_kwargs: dict[str, Any] = {}
    if spec.url.startswith("sqlite"):
        engine_kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S}
    try:
        with warnings.catch_warnings():  # heartbeats and the retry callback are "experimental" since Optuna 2.8
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            storage = RDBStorage(spec.url, engine_kwargs=engine_kwargs, heartbeat_interval=heartbeat_s,
                                 grace_period=GRACE_HEARTBEATS * heartbeat_s,
                                 heartbeat_stale_trial_callback=RetryHeartbeatStaleTrialCallback(max_retry=MAX_RETRY))
    except ImportError as exc:  # a driver that is not installed (psycopg, pymysql, ...)
        raise SweepError(SweepText.tr(
            "storage {storage}: its database driver is not installed ({error})").format(
            storage=spec.url, error=exc)) from None
    except Exception as exc:  # sqlalchemy's OperationalError and ArgumentError: unreachable or malformed
        raise SweepError(SweepText.tr(
            "storage {storage} cannot be opened: {error}").format(
            storage=spec.url, error=str(exc).splitlines()[0])) from None
    if spec.url.startswith("sqlite"):
        _serialize_sqlite(storage.engine)
    return storage


def _serialize_sqlite(engine: Any) -> None:
    """Make every transaction on the SQLite storage BEGIN IMMEDIATE (SQLAlchemy's pysqlite recipe).

    Optuna claims a waiting trial by reading it `FOR UPDATE` and setting it RUNNING; SQLite ignores
    FOR UPDATE and the pysqlite driver starts its transaction only at the write, so two workers
    could both read WAITING and run the same chunk (seen in the benchmark with 4 workers: the
    second one's tell failed). A write lock taken at BEGIN makes the read and the write one step."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event below emits BEGIN itself

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    engine.dispose()  # connections opened while Optuna created its tables lack the hook


def _load(spec: StorageSpec, study_name: str, heartbeat_s: int = DEFAULT_HEARTBEAT_S,
          worker_seed: int | None = None) -> tuple[optuna.Study, StudyPlan]:
    import optuna

    storage = open_storage(spec, heartbeat_s)
    try:
        bare = optuna.load_study(study_name=study_name, storage=storage)
    except KeyError:
        names = optuna.get_all_study_names(storage)
        if names:
            raise SweepError(SweepText.tr("no study '{study}' in {storage}; studies there: {names}").format(
                study=study_name, storage=spec.describe(), names=", ".join(names))) from None
        raise SweepError(SweepText.tr("no study '{study}' in {storage}; it holds no study").format(
            study=study_name, storage=spec.describe())) from None
    attrs = bare.user_attrs.get(sweep_study.PLAN_ATTR)
    if attrs is None:
        raise SweepError(SweepText.tr(
            "study '{study}' was not made by `quizapp sweep run` (it has no plan)").format(
            study=study_name))
    plan = StudyPlan.from_attrs(attrs)
    study = optuna.load_study(study_name=study_name, storage=storage,
                              sampler=sweep_study.make_sampler(plan, worker_seed),
                              pruner=sweep_study.make_pruner(plan))
    return study, plan


# ----------------------------------------------------------------------------- creating a study

@dataclass(frozen=True)
class CreatedStudy:
    name: str
    storage: str
    plan: StudyPlan
    configs: int  # chunked sweeps: configurations in all; searches: 0
    notes: list[str] = field(default_factory=list)


def create_study(demo_id: str, overrides: Mapping[str, Any] | None, spec: StorageSpec, study_name: str, *,
                 trials: int | None = None, chunks: int | None = None, grid: tuple[int, int] | None = None,
                 sampler: str | None = None) -> CreatedStudy:
    """Plan the study, create it (refused if the name is taken) and enqueue its chunks."""
    import optuna

    plan = sweep_study.plan_study(demo_id, overrides, trials=trials, chunks=chunks, grid=grid, sampler=sampler)
    storage = open_storage(spec)
    directions = optuna.study.StudyDirection
    direction = directions.MAXIMIZE if plan.direction == "maximize" else directions.MINIMIZE
    try:
        study = optuna.create_study(study_name=study_name, storage=storage, direction=direction)
    except optuna.exceptions.DuplicatedStudyError:
        raise SweepError(SweepText.tr(
            "study '{study}' already exists in {storage}: pick another name, or join it with `quizapp sweep "
            "worker`").format(
            study=study_name, storage=spec.describe())) from None
    study.set_user_attr(sweep_study.PLAN_ATTR, plan.to_attrs())
    notes: list[str] = []
    configs = 0
    if plan.kind == "chunks":
        grid_cfg, notes = sweep_study.sweep_grid(sweep_study.grid_params(plan))
        configs = len(grid_cfg["lr"])
        for i in range(plan.trials):
            study.enqueue_trial({}, user_attrs={sweep_study.CHUNK_ATTR: i})
        if not spec.has_heartbeat:
            notes.append("journal storage has no heartbeats: a chunk whose worker dies stays running; "
                         "use an RDB storage (sqlite:///… or postgresql+psycopg://…) to have it retried")
    return CreatedStudy(study_name, spec.describe(), plan, configs, notes)


# ----------------------------------------------------------------------------------- a worker

@dataclass
class WorkerReport:
    worker: str
    trials_run: int = 0
    chunks_run: list[int] = field(default_factory=list)
    stopped: str = ""  # why the worker stopped, in words


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def work(spec: StorageSpec, study_name: str, *, device: str = "cpu", heartbeat_s: int = DEFAULT_HEARTBEAT_S,
         poll_s: float = 1.0, max_trials: int | None = None,
         on_trial: Callable[[str], None] | None = None) -> WorkerReport:
    """Take trials of the study until it is done (or `max_trials` were run here)."""
    me = worker_name()
    # Each worker samples from its own stream: seeded alike, random workers would propose the same points.
    study, plan = _load(spec, study_name, heartbeat_s, worker_seed=int.from_bytes(os.urandom(4), "little"))
    report = WorkerReport(me)
    if plan.kind == "chunks":
        _work_chunks(study, plan, spec, report, device, poll_s, max_trials, on_trial)
    else:
        _work_search(study, plan, report, device, max_trials, on_trial)
    return report


def _work_search(study: optuna.Study, plan: StudyPlan, report: WorkerReport, device: str,
                 max_trials: int | None, on_trial: Callable[[str], None] | None) -> None:
    from optuna.study import MaxTrialsCallback
    from optuna.trial import TrialState

    finished = (TrialState.COMPLETE, TrialState.PRUNED)

    def tell(_: optuna.Study, trial: optuna.trial.FrozenTrial) -> None:
        report.trials_run += 1
        if on_trial is not None:
            on_trial(_trial_line(trial))

    if len(study.get_trials(deepcopy=False, states=finished)) >= plan.trials:
        report.stopped = SweepText.tr("the study already has all its trials")
        return
    search_objective = sweep_study.objective_for(plan, device)

    def objective(trial: optuna.Trial) -> float:
        trial.set_user_attr(sweep_study.WORKER_ATTR, report.worker)
        return search_objective(trial)

    study.optimize(objective, n_trials=max_trials, callbacks=[MaxTrialsCallback(plan.trials, states=finished), tell])
    report.stopped = (SweepText.tr("the study has all its trials") if max_trials is None
                      else SweepText.tr("ran %n trial(s)", "", report.trials_run))


# A trial's state in words (Optuna's TrialState names, lower case as in StudySnapshot.states), for
# the progress lines and `quizapp sweep show`
TRIAL_STATE_WORDS = {"complete": QT_TRANSLATE_NOOP("SweepText", "complete"),
                     "pruned": QT_TRANSLATE_NOOP("SweepText", "pruned"),
                     "fail": QT_TRANSLATE_NOOP("SweepText", "failed"),
                     "running": QT_TRANSLATE_NOOP("SweepText", "running"),
                     "waiting": QT_TRANSLATE_NOOP("SweepText", "waiting")}


def state_word(state: str) -> str:
    """A trial state ("complete", "fail"…) in the interface language; another value as it is."""
    word = TRIAL_STATE_WORDS.get(state.lower())
    return SweepText.tr(word) if word is not None else state.lower()


def _trial_line(trial: optuna.trial.FrozenTrial) -> str:
    """One search trial's progress line: "trial 3: complete, value 0.1234; lr=0.01, momentum=0.9"."""
    word = state_word(trial.state.name)
    params = ", ".join(f"{name}={value:.4g}" if isinstance(value, float) else f"{name}={value}"
                       for name, value in trial.params.items())
    line = (SweepText.tr("trial {trial}: {state}, value {value}").format(trial=trial.number, state=word,
                                                                          value=f"{trial.value:.6g}")
            if trial.value is not None else SweepText.tr("trial {trial}: {state}").format(trial=trial.number,
                                                                                         state=word))
    return SweepText.tr("{line}; {params}").format(line=line, params=params) if params else line


def _work_chunks(study: optuna.Study, plan: StudyPlan, spec: StorageSpec, report: WorkerReport, device: str,
                 poll_s: float, max_trials: int | None, on_trial: Callable[[str], None] | None) -> None:
    from optuna.storages import fail_stale_trials

    def started(trial: optuna.Trial) -> None:
        trial.set_user_attr(sweep_study.WORKER_ATTR, report.worker)

    chunk_objective = sweep_study.objective_for(plan, device, on_start=started)

    def objective(trial: optuna.Trial) -> float:
        value = chunk_objective(trial)
        chunk = int(trial.user_attrs[sweep_study.CHUNK_ATTR])
        report.chunks_run.append(chunk)
        if on_trial is not None:
            on_trial(SweepText.tr("chunk {chunk} of {chunks} done (trial {trial}, best loss {loss})").format(
                chunk=chunk, chunks=plan.trials, trial=trial.number, loss=f"{value:.6g}"))
        return value

    while max_trials is None or report.trials_run < max_trials:
        status = _chunk_status(study, plan)
        if status.done:
            report.stopped = SweepText.tr("all {chunks} chunks are done").format(chunks=plan.trials)
            return
        if status.waiting:
            try:
                study.optimize(objective, n_trials=1)  # Optuna pops a waiting trial, beats, tells
            except ValueError as exc:
                if not str(exc).startswith("Cannot tell a"):
                    raise
                # This worker was slow enough to be taken for dead: its trial was failed and the
                # chunk re-enqueued meanwhile. Its result is dropped; the retry gives the same one.
                if on_trial is not None:
                    on_trial(SweepText.tr("a trial of this worker was failed by another meanwhile ({problem}); "
                                          "dropped").format(problem=exc))
            report.trials_run += 1
            continue
        if not spec.has_heartbeat:
            report.stopped = (SweepText.tr(
                "nothing waiting; chunks {chunks} still run elsewhere (journal storage cannot tell a dead worker "
                "from a slow one)").format(
                chunks=status.running))
            return
        if not status.running:
            raise SweepError(SweepText.tr(
                "chunks {chunks} failed and are not retried any more (after {retries} retries); see the failed "
                "trials of study '{study}'").format(
                chunks=status.lost, retries=MAX_RETRY, study=study.study_name))
        fail_stale_trials(study)  # a dead worker's chunk: failed here, re-enqueued by the retry callback
        time.sleep(poll_s)
    report.stopped = SweepText.tr("ran %n trial(s)", "", report.trials_run)


@dataclass(frozen=True)
class ChunkStatus:
    done: bool
    waiting: bool
    running: list[int]  # chunks some worker is running now (or was, if it died)
    lost: list[int]  # chunks neither done, waiting nor running


def _chunk_status(study: optuna.Study, plan: StudyPlan) -> ChunkStatus:
    from optuna.trial import TrialState

    by_state: dict[TrialState, set[int]] = {s: set() for s in TrialState}
    for t in study.get_trials(deepcopy=False):
        if sweep_study.CHUNK_ATTR in t.user_attrs:
            by_state[t.state].add(int(t.user_attrs[sweep_study.CHUNK_ATTR]))
    complete = by_state[TrialState.COMPLETE]
    running = sorted(by_state[TrialState.RUNNING] - complete)
    waiting = bool(by_state[TrialState.WAITING] - complete)
    lost = sorted(set(range(plan.trials)) - complete - by_state[TrialState.WAITING] - by_state[TrialState.RUNNING])
    return ChunkStatus(len(complete) == plan.trials, waiting, running, lost)


# ------------------------------------------------------------------------------- reading results

@dataclass(frozen=True)
class SweepOutcome:
    """The per-config results of a chunked sweep, in the demo's config order."""

    plan: StudyPlan
    configs: dict[str, list[Any]]  # lr, batch_size, momentum, weight_decay per config
    losses: list[float | None]  # final loss per config; NaN: diverged; None: its chunk is not done
    chunk_workers: dict[int, str]  # chunk -> worker that finished it
    retried_chunks: list[int]  # chunks finished by a retry (their first worker died)

    @property
    def complete(self) -> bool:
        return all(v is not None for v in self.losses)

    def best(self) -> tuple[int, float] | None:
        finite = [(i, v) for i, v in enumerate(self.losses) if v is not None and math.isfinite(v)]
        return min(finite, key=lambda p: p[1]) if finite else None


def sweep_outcome(spec: StorageSpec, study_name: str) -> SweepOutcome:
    from optuna.trial import TrialState

    study, plan = _load(spec, study_name)
    if plan.kind != "chunks":
        raise SweepError(SweepText.tr(
            "study '{study}' is a search of '{demo}', not a chunked sweep").format(
            study=study_name, demo=plan.demo))
    configs = sweep_study.configs_of(plan)
    bounds = sweep_study.chunk_bounds(len(configs["lr"]), plan.trials)
    losses: list[float | None] = [None] * len(configs["lr"])
    workers: dict[int, str] = {}
    retried: list[int] = []
    for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)):
        if sweep_study.CHUNK_ATTR not in t.user_attrs or sweep_study.LOSSES_ATTR not in t.user_attrs:
            continue
        chunk = int(t.user_attrs[sweep_study.CHUNK_ATTR])
        if chunk in workers:
            continue  # a chunk finished twice (a slow worker taken for dead): both results are equal
        start, stop = bounds[chunk]
        losses[start:stop] = [float(v) for v in t.user_attrs[sweep_study.LOSSES_ATTR]]
        workers[chunk] = str(t.user_attrs.get(sweep_study.WORKER_ATTR, "?"))
        if "failed_trial" in t.system_attrs:
            retried.append(chunk)
    return SweepOutcome(plan, configs, losses, workers, sorted(retried))


def run_serially(plan: StudyPlan, device: str = "cpu") -> list[float]:
    """Every chunk of `plan` in this process: the reference a shared run must equal."""
    return sweep_study.run_chunks_serially(plan, device)


# ------------------------------------------------------------------------- watching a study live

@dataclass(frozen=True)
class StudySnapshot:
    """A study's progress, for the live plot: trials in number order."""

    name: str
    demo: str
    kind: str
    direction: str
    planned: int  # trials (search) or chunks (sweep)
    numbers: list[int]
    states: list[str]  # complete / pruned / fail / running / waiting
    values: list[float | None]
    curves: list[list[float]]  # intermediate values (learning curves) of each trial
    workers: int  # distinct workers seen

    @property
    def finished(self) -> int:
        return sum(s in ("complete", "pruned") for s in self.states)

    def best_so_far(self) -> tuple[list[int], list[float]]:
        """The best value after each finished trial (in number order)."""
        xs: list[int] = []
        ys: list[float] = []
        sign = 1.0 if self.direction == "minimize" else -1.0
        best: float | None = None
        for n, s, v in zip(self.numbers, self.states, self.values):
            if s == "complete" and v is not None and math.isfinite(v) and (best is None or sign * v < sign * best):
                best = v
            if best is not None and s in ("complete", "pruned"):
                xs.append(n)
                ys.append(best)
        return xs, ys


def list_studies(spec: StorageSpec) -> list[str]:
    import optuna

    return sorted(optuna.get_all_study_names(open_storage(spec)))


def snapshot(spec: StorageSpec, study_name: str) -> StudySnapshot:
    study, plan = _load(spec, study_name)
    return _snapshot_of(study, plan)


def _snapshot_of(study: optuna.Study, plan: StudyPlan) -> StudySnapshot:
    trials = [t for t in study.get_trials(deepcopy=False)
              if plan.kind == "search" or sweep_study.CHUNK_ATTR in t.user_attrs]
    return StudySnapshot(
        study.study_name, plan.demo, plan.kind, plan.direction, plan.trials,
        [t.number for t in trials], [t.state.name.lower() for t in trials],
        [float(t.value) if t.value is not None else None for t in trials],
        [[float(v) for _, v in sorted(t.intermediate_values.items())] for t in trials],
        len({t.user_attrs[sweep_study.WORKER_ATTR] for t in trials if sweep_study.WORKER_ATTR in t.user_attrs}))


def watch(spec: StorageSpec, study_name: str, interval_s: float = 1.0,
          is_cancelled: Callable[[], bool] = lambda: False) -> Iterator[StudySnapshot]:
    """Snapshots of the study every `interval_s` until cancelled (run it on a worker thread)."""
    study, plan = _load(spec, study_name)
    while not is_cancelled():
        yield _snapshot_of(study, plan)
        waited = 0.0
        while waited < interval_s and not is_cancelled():
            time.sleep(min(0.1, interval_s - waited))
            waited += 0.1
