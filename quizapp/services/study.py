"""The daily review: the queue, the study step, answering (one transaction each), undo, the overview.

A *study step* is everything the study screen shows next: the card, its kind, the interval each
grade would give, the counts left today and the card after it (`upcoming`), built in ONE read
transaction that reads the settings once (the shape of Anki's `get_queued_cards`). Answering
grades a card and builds the next step in the same op, so a grade costs one round trip; the
screen shows `upcoming` the moment a grade key is pressed, while the answer commits.

On a collection file the service keeps its own connection (`_OwnConnection`): today's queue is
built once on it and kept (services/queue_cache.py) across this service's answers and undos,
and dropped when another writer committed (`PRAGMA data_version` of that connection changes
only for other connections' commits) or the study day changed; an SM-2 answer is two Core
statements in one transaction on it (store/reviews.py: write_answer). An in-memory database
(one per connection) takes the session path for everything.
"""
from __future__ import annotations

import json
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, event, func, select, text, update
from sqlalchemy.orm import Session

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import Card
from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.domain.queue import QueueEntry
from quizapp.domain.review import REVIEW_KINDS, Review, ReviewKind, review_kind
from quizapp.domain.scheduler import Answer, Sm2Scheduler
from quizapp.domain.settings import Settings
from quizapp.domain.sm2 import CardState, Grade, preview_intervals
from quizapp.domain.studyday import day_to_date
from quizapp.services.changes import NOTHING, REVIEW, Changes
from quizapp.services.clock import local_study_day
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.queue_cache import QueueCache
from quizapp.services.queue_view import QueueView, listing, queue_view
from quizapp.services.scheduling import answer_with, preview_with, scheduler_for_card, undo_memory
from quizapp.services.settings import load_settings
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow
from quizapp.store.queue_sql import decks_choose_scheduling, in_dialect, stored_settings
from quizapp.store.reviews import append_review_log, apply_state, read_answer_row, state_of, write_answer
from quizapp.i18n.text import ErrorText, ReportText, kind_word

SCHEDULE_KINDS = REVIEW_KINDS  # log kinds that moved (or drilled) the schedule: undo takes these back
MAX_DURATION_MS = 60_000  # like Anki: a card left on screen for lunch counts one minute
LOOK_AHEAD = 3  # queue entries a step reads: this card, the one after, and one spare for `avoid`
STUDY_CACHE_KIB = 32 * 1024  # the page cache of the study service's own connection
READ_AHEAD = 12  # cards whose steps the kept queue builds in one query when the next is not built yet


@dataclass(frozen=True)
class AnswerOutcome:
    """One committed answer: what it was (domain.review.Review) and its review-log row."""

    card_id: str
    review: Review
    log_id: int
    changes: Changes = REVIEW

    @property
    def grade(self) -> int:
        return self.review.grade

    @property
    def kind(self) -> ReviewKind:
        return self.review.kind

    @property
    def before(self) -> CardState:
        return self.review.before

    @property
    def after(self) -> CardState:
        return self.review.after

    @property
    def today(self) -> int:
        return self.review.today

    @property
    def back_today(self) -> bool:
        return self.review.back_today

    def to_dict(self) -> dict[str, Any]:
        after = self.after
        return {"card_id": self.card_id, "grade": self.grade, "kind": self.kind, "log_id": self.log_id,
                "repetitions": after.repetitions, "easiness": after.easiness / 100, "easiness_hundredths":
                after.easiness, "interval": after.interval, "lapses": after.lapses,
                "due": day_to_date(after.due_day).isoformat() if after.due_day is not None else None,
                "again_today": self.back_today}

    def summary(self) -> str:
        a = self.after
        due = day_to_date(a.due_day).isoformat() if a.due_day is not None else "-"
        text = ReportText.tr("{card_id}: graded {grade} ({kind}); repetitions={repetitions} EF={ef} "
                             "interval={interval}d due={due} lapses={lapses}").format(
            card_id=self.card_id, grade=self.grade, kind=kind_word(self.kind), repetitions=a.repetitions,
            ef=f"{a.easiness / 100:.2f}", interval=a.interval, due=due, lapses=a.lapses)
        if self.back_today:
            text += ReportText.tr("; comes back again today (re-drill until graded 4 or 5)")
        return text


@dataclass(frozen=True)
class UndoOutcome:
    card_id: str
    log_id: int
    restored: CardState
    changes: Changes = REVIEW


@dataclass(frozen=True)
class StudyStep:
    """What the study screen shows next: a card (None when the session is over) and the counts."""

    card: Card | None
    state: CardState | None
    kind: ReviewKind | None  # how answering this card counts: new | review | redrill
    preview: dict[int, int]  # grade -> days until due (0 = again today)
    counts: dict[str, int]  # review / redrill / new left in today's queue
    today: int
    answered: AnswerOutcome | None = None
    undone: UndoOutcome | None = None
    upcoming: StudyStep | None = None  # the card expected after this one, shown at once on a grade
    # no card is ready, but a re-drill waits for its step: which, and when it may come back
    waiting: tuple[str, datetime] | None = None
    flag: int = 0  # the card's flag, 0 none or 1-4 (domain.card_marks.FLAGS)

    @property
    def remaining(self) -> int:
        return sum(self.counts.values())

    @property
    def changes(self) -> Changes:
        return REVIEW if self.answered is not None or self.undone is not None else NOTHING


@dataclass(frozen=True)
class Overview:
    """Today's queue per section, for the overview screen."""

    today: int
    per_section: dict[str, Counter[str]]  # section -> {"new": n, "review": n, "redrill": n}
    counts: dict[str, int]


class StudyService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.RLock()  # one caller at a time on the own connection and its cache
        self._own: _OwnConnection | None = None
        self._own_tried = False

    def _own_connection(self) -> _OwnConnection | None:
        """The service's own connection, opened on first use (and again after the database was
        closed); None for an in-memory database."""
        if self._own is not None and self._own.conn.closed:
            self._own, self._own_tried = None, False
        if not self._own_tried:
            self._own_tried = True
            if self.db.path is not None and self.db.engine.dialect.name == "sqlite":
                own = self._own = _OwnConnection(self.db.engine.connect())
                weakref.finalize(self, own.close)
                # Database.close() (engine.dispose) closes pooled connections only: close this one
                # too, so that closing the database still ends every connection to the file.
                closer = weakref.ref(own)
                event.listen(self.db.engine, "engine_disposed", lambda _engine: _close(closer()))
        return self._own

    def close(self) -> None:
        """Give the own connection back (a later call opens it again)."""
        with self._lock:
            if self._own is not None:
                self._own.close()
            self._own, self._own_tried = None, False

    # ----- reading ------------------------------------------------------------------------
    def queue(self, now: datetime, limit: int | None = None, scope: StudyScope = TODAYS_QUEUE) -> QueueView:
        with self._lock:
            own = self._own_connection()
            if own is not None:
                with own.reading(now) as cache:
                    entries, counts = cache.queue(scope, now, limit)
                    return listing(own.fetch, cache.today, entries, counts, None)
        with self.db.read_session() as session:
            settings = load_settings(session)
            return _queue(session, settings, local_study_day(now, settings.day_start_hour), limit, now, scope)

    def overview(self, now: datetime, deck: str | None = None) -> Overview:
        """Today's queue grouped by section, of `deck` and its sub-decks (None: every deck)."""
        view = self.queue(now, scope=TODAYS_QUEUE.in_deck(deck))
        per_section: dict[str, Counter[str]] = {s: Counter() for s in SECTIONS}
        for item in view.items:
            per_section.setdefault(item.section, Counter())[item.kind] += 1
        return Overview(view.today, per_section, view.counts)

    def step(self, now: datetime, *, avoid: str | None = None, card_id: str | None = None,
             scope: StudyScope = TODAYS_QUEUE) -> StudyStep:
        """The next ready card in queue order (or `card_id`), never `avoid` (the card just
        answered) while another card is ready; with the card after it as `upcoming` (grading a
        card does not change what comes next, except for that card itself). When no card is
        ready but re-drills wait for their step, the step has no card and says which comes back
        when (`waiting`). One read transaction, settings read once."""
        with self._lock:
            own = self._own_connection()
            if own is not None:
                # (begin/end rather than `with own.reading(...)`: a generator-based context
                # manager is ~1.5 us of a ~10 us step)
                cache = own.begin_reading(now)
                try:
                    entries, counts = cache.queue(scope, now, LOOK_AHEAD)
                    if card_id is None:
                        kept = own.kept_step(entries, counts, avoid)
                        if kept is not None:
                            return kept

                    def ahead() -> list[str]:  # asked only when a card's step is not built yet
                        return [e.card_id for e in cache.queue(scope, now, READ_AHEAD)[0] if e.ready_at is None]

                    return self._step_from(entries, counts, cache.today, avoid, card_id,
                                           lambda card, c, up: own.card_step(card, c, up, cache.today, now, self.db,
                                                                             ahead))
                finally:
                    own.end_reading()
        with self.db.read_session() as session:
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            view = _queue(session, settings, today, LOOK_AHEAD, now, scope)
            return self._step_from([QueueEntry(i.card_id, i.kind, i.ready_at) for i in view.items], view.counts,
                                   today, avoid, card_id,
                                   lambda card, c, up: replace(_card_step(session, card, c, today, settings, now),
                                                               upcoming=up))

    @staticmethod
    def _step_from(entries: list[QueueEntry], counts: dict[str, int], today: int, avoid: str | None,
                   card_id: str | None,
                   card_step: Callable[[str, dict[str, int], StudyStep | None], StudyStep]) -> StudyStep:
        ready = [e.card_id for e in entries if e.ready_at is None]
        if card_id is None and not ready:
            waiting = next(((e.card_id, e.ready_at) for e in entries if e.ready_at is not None), None)
            return StudyStep(None, None, None, {}, counts, today, waiting=waiting)
        shown, after = _shown_and_after(ready, avoid, card_id)
        upcoming = card_step(after, counts, None) if after is not None else None
        return card_step(shown, counts, upcoming)

    def has_cards(self) -> bool:
        with self.db.read_session() as session:
            return session.scalar(select(CardRow.id).limit(1)) is not None

    def card(self, card_id: str) -> tuple[Card, CardState]:
        with self.db.read_session() as session:
            row = session.get(CardRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            return Card.from_dict(row.content), state_of(row.state)

    def preview(self, card_id: str, now: datetime) -> dict[int, int]:
        """Days until due for each grade 0-5 (0 = back again today)."""
        with self.db.read_session() as session:
            row = session.get(CardStateRow, card_id)
            if row is None:
                raise CardNotFound(card_id)
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            return preview_with(scheduler_for_card(session, settings, card_id)[0], session, row, now, today)

    # ----- writing ------------------------------------------------------------------------
    def answer(self, card_id: str, grade: int, now: datetime, duration_ms: int = 0) -> AnswerOutcome:
        """Grade one card: its new state and the log row are committed together."""
        quality = int(Grade(grade))
        if duration_ms < 0:
            raise UserError(ErrorText.tr("duration must be >= 0 ms, got {duration_ms}").format(duration_ms=duration_ms))
        duration_ms = min(duration_ms, MAX_DURATION_MS)  # as the window does: any longer counts one minute
        with self._lock:
            own = self._own_connection()
            if own is None:
                with self.db.session() as session:
                    return _answer_in(session, load_settings(session), card_id, quality, now, duration_ms)
            # SM-2: the lean path, its own transaction on the driver
            outcome = own.answer_lean(card_id, quality, now, duration_ms)
            if outcome is None:  # FSRS, or a deck's own scheduling options: through the ORM (services/scheduling.py)
                with own.writing() as settings, Session(bind=own.conn) as session:
                    outcome = _answer_in(session, settings, card_id, quality, now, duration_ms)
                    session.flush()
                    own.answered(outcome, now)
            return outcome

    def answer_and_next(self, card_id: str, grade: int, now: datetime, duration_ms: int,
                        scope: StudyScope = TODAYS_QUEUE) -> StudyStep:
        """Grade a card (time on it capped at MAX_DURATION_MS) and return the step after it."""
        outcome = self.answer(card_id, grade, now, max(0, duration_ms))
        return replace(self.step(now, avoid=card_id, scope=scope), answered=outcome)

    def undo(self, log_id: int | None = None) -> UndoOutcome | None:
        """Undo the newest answer (or the given one, which must be its card's newest): restore
        the card's state from the log and mark the entry undone. None when nothing is left."""
        with self._lock:
            own = self._own_connection()
            if own is None:
                with self.db.session() as session:
                    return _undo_in(session, log_id)[0]
            with own.writing(), Session(bind=own.conn) as session:
                undone, kind, study_day = _undo_in(session, log_id)
                session.flush()
                if undone is not None:  # in the transaction, as an answer's (_OwnConnection.answered)
                    own.undone(undone, kind, study_day)
            return undone

    def undo_and_show(self, log_id: int, now: datetime, scope: StudyScope = TODAYS_QUEUE) -> StudyStep:
        """Undo one answer of this session and show that card again."""
        undone = self.undo(log_id)
        if undone is None:
            return self.step(now, scope=scope)
        return replace(self.step(now, card_id=undone.card_id, scope=scope), undone=undone)


# ----- in a session -------------------------------------------------------------------------

def _shown_and_after(ready: Sequence[str], avoid: str | None, card_id: str | None) -> tuple[str, str | None]:
    """The card a step shows (`card_id`, else the first ready card that is not `avoid`, else the
    first ready one; `ready` is not empty then) and the ready card after it (None: none)."""
    shown = card_id if card_id is not None else next((c for c in ready if c != avoid), ready[0])
    return shown, next((c for c in ready if c != shown), None)


def _shown_with(step: StudyStep, counts: dict[str, int], upcoming: StudyStep | None) -> StudyStep:
    """A kept card's step (built once per card and day) with today's counts and the card after it:
    `replace(step, counts=counts, upcoming=upcoming)`, copied without the frozen dataclass's
    __init__, which sets each field through object.__setattr__ (~1.3 us against ~0.3; a step
    makes two). StudyStep has no __post_init__ to skip."""
    shown: StudyStep = object.__new__(StudyStep)
    shown.__dict__.update(step.__dict__, counts=counts, upcoming=upcoming)
    return shown


def _queue(session: Session, settings: Settings, today: int, limit: int | None, now: datetime | None = None,
           scope: StudyScope = TODAYS_QUEUE) -> QueueView:
    """The queue of domain.queue.build_queue, run as indexed SQL (store/queue_sql.py, the one
    copy shared with `quizapp due`'s light path; tests check both agree with the domain rule);
    re-drills spaced at `now` (None: all ready), within `scope` (a custom study session)."""
    fetch = in_dialect(lambda sql, params: session.execute(text(sql), params).all(), session.get_bind().dialect.name)
    return queue_view(fetch, settings, today, limit, now, scope)


def _card_step(session: Session, card_id: str, counts: dict[str, int], today: int, settings: Settings,
               now: datetime) -> StudyStep:
    """The step showing `card_id`; its previews are its scheduler's (services/scheduling.py), with
    the interval cap the answer will apply."""
    row = session.get(CardRow, card_id)
    if row is None:
        raise CardNotFound(card_id)
    state = state_of(row.state)
    preview = preview_with(scheduler_for_card(session, settings, card_id)[0], session, row.state, now, today)
    return StudyStep(Card.from_dict(row.content), state, review_kind(state, today), preview, counts, today,
                     flag=row.state.flag or 0)


def _close(own: _OwnConnection | None) -> None:
    if own is not None:
        own.close()


def _answer_in(session: Session, settings: Settings, card_id: str, quality: int, now: datetime,
               duration_ms: int) -> AnswerOutcome:
    """One answer through the ORM session (any scheduler): state, log row (and FSRS memory).
    The card's state row is locked first (FOR UPDATE, PostgreSQL; SQLite's writer already holds
    the file's write lock): a second client answering the same card waits, then reads the state
    this answer committed and applies its own answer on it, so no answer is lost."""
    row = session.get(CardStateRow, card_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise CardNotFound(card_id)
    if row.suspended:
        raise UserError(ErrorText.tr("card '{card_id}' is suspended; unsuspend it before answering").format(
            card_id=card_id))
    today = local_study_day(now, settings.day_start_hour)
    # SM-2 (domain/review.py: review_card) or FSRS, as services/scheduling.py decides for the card (docs/fsrs.md)
    scheduler, cap = scheduler_for_card(session, settings, card_id)
    scheduled = answer_with(scheduler, session, row, quality, now, today, cap)
    review = scheduled.review
    apply_state(row, review.after)
    row.last_reviewed_at = now.astimezone(timezone.utc)
    log_id = append_review_log(session, card_id=card_id, grade=quality, at=now, study_day=today,
                               duration_ms=duration_ms, kind=review.kind, before=review.before,
                               after=review.after, memory_before=scheduled.memory_before,
                               memory_after=scheduled.memory_after)
    return AnswerOutcome(card_id, review, log_id)


def _answer_on(conn: Connection, settings: Settings, card_id: str, quality: int, now: datetime, duration_ms: int,
               today: int) -> AnswerOutcome:
    """One SM-2 answer as Core statements in the connection's transaction: the same rule
    (Sm2Scheduler -> domain/review.py: review_card) and the same rows as `_answer_in`."""
    found = read_answer_row(conn, card_id)
    if found is None:
        raise CardNotFound(card_id)
    state, suspended = found
    if suspended:
        raise UserError(ErrorText.tr("card '{card_id}' is suspended; unsuspend it before answering").format(
            card_id=card_id))
    scheduler = Sm2Scheduler(settings.max_interval_days)  # the lean path runs only for the collection's SM-2
    review = scheduler.answer(Answer(state, None, quality, now, today, settings.max_interval_days)).review
    log_id = write_answer(conn, card_id=card_id, grade=quality, at=now, study_day=today, duration_ms=duration_ms,
                          kind=review.kind, before=review.before, after=review.after)
    return AnswerOutcome(card_id, review, log_id)


def _undo_in(session: Session, log_id: int | None) -> tuple[UndoOutcome | None, str, int]:
    """Undo the newest schedule answer (or `log_id`, its card's newest); with the log row's kind
    and study day. (None, "", 0) when nothing is left."""
    query = select(ReviewLogRow).where(ReviewLogRow.undone.is_(False), ReviewLogRow.kind.in_(SCHEDULE_KINDS))
    if log_id is not None:
        query = query.where(ReviewLogRow.id == log_id)
    entry = session.scalars(query.order_by(ReviewLogRow.id.desc()).limit(1)).first()
    if entry is None:
        return None, "", 0
    newer = session.scalar(select(func.count()).where(
        ReviewLogRow.card_id == entry.card_id, ReviewLogRow.id > entry.id,
        ReviewLogRow.undone.is_(False), ReviewLogRow.kind.in_(SCHEDULE_KINDS)))
    row = session.get(CardStateRow, entry.card_id, with_for_update=True, populate_existing=True)
    if newer or row is None or state_of(row) != CardState.from_dict(entry.state_after):
        raise UserError(ErrorText.tr(
            "cannot undo answer #{log_id}: card '{card_id}' changed since").format(
            log_id=entry.id, card_id=entry.card_id))
    restored = CardState.from_dict(entry.state_before)
    apply_state(row, restored)
    undo_memory(session, entry.card_id, entry.state_before, entry.state_after)
    session.execute(update(ReviewLogRow).where(ReviewLogRow.id == entry.id).values(undone=True))
    return UndoOutcome(entry.card_id, entry.id, restored), entry.kind, entry.study_day


_CARD_STEPS = ("SELECT c.id, c.content, s.repetitions, s.easiness, s.interval, s.due_day, s.lapses, s.redrill_day, "
               "s.flag FROM cards c JOIN card_state s ON s.card_id = c.id WHERE c.id IN ({marks})")


class _OwnConnection:
    """A study service's own connection to the collection file, its view of the settings and
    its queue cache (services/queue_cache.py), with the cards' steps already built.

    Everything cached is dropped when `PRAGMA data_version` changes: on one connection it moves
    only when another connection (another service of this process, another process) committed.
    This service's own answers and undos commit here and update the cache card by card."""

    def __init__(self, conn: Connection) -> None:
        # Detached from the pool: closing it closes the file's connection (a pooled one would
        # only be handed back, to a pool that Database.close() may already have let go).
        raw = conn.connection.driver_connection
        assert raw is not None
        conn.detach()
        self.conn = conn
        # A long-lived connection: a page cache of 32 MiB (SQLite's default is 2 MiB) keeps the
        # pages an answer rewrites (the card's row and its card_state indexes) between
        # answers; at 100k cards it took the answer from ~0.55 to ~0.39 ms (docs/performance.md).
        raw.execute(f"PRAGMA cache_size = -{STUDY_CACHE_KIB}")
        self._raw: Any = raw  # the sqlite3 connection: reads run on it in autocommit, without SQLAlchemy
        self._version: int | None = None
        self._reading = self._begun = False  # inside `reading`; its transaction begun
        self._last_day: tuple[datetime, int, int] | None = None  # (now, day start hour, its study day)
        self._settings: Settings | None = None
        self._cache: QueueCache | None = None
        self._steps: dict[str, StudyStep] = {}  # card id -> its step (counts left out), SM-2 only
        # whether a deck chooses its own scheduling (then each card asks services/scheduling.py)
        self.deck_scheduling = False

    def fetch(self, sql: str, params: Any) -> list[Any]:
        """Rows of a read; inside `reading`, the first read begins its transaction."""
        if self._reading and not self._begun:
            self._raw.execute("BEGIN")
            self._begun = True
        rows: list[Any] = self._raw.execute(sql, params).fetchall()
        return rows

    def close(self) -> None:
        self.conn.close()

    def _sync(self) -> Settings:
        """Drop what another writer may have changed; the settings as stored now."""
        version = self._raw.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._version, self._settings, self._cache = version, None, None
            self._steps.clear()
        if self._settings is None:
            self._settings = stored_settings(self.fetch)
            self.deck_scheduling = decks_choose_scheduling(self.fetch)
        return self._settings

    def study_day(self, now: datetime, day_start_hour: int) -> int:
        """local_study_day, kept for the last instant asked: a grade's answer and the step after
        it share one `now` (answer_and_next), and reading the local zone costs 4-12 us."""
        if self._last_day is not None and self._last_day[0] == now and self._last_day[1] == day_start_hour:
            return self._last_day[2]
        day = local_study_day(now, day_start_hour)
        self._last_day = (now, day_start_hour, day)
        return day

    @contextmanager
    def reading(self, now: datetime) -> Iterator[QueueCache]:
        """Today's kept queue; whatever the block reads, it reads in one read transaction (one
        snapshot), begun by its first read: a step served from what is kept reads nothing but
        `PRAGMA data_version` and begins none. (A commit of another connection between that
        check and the block's first read is seen by the next call, which drops what is kept,
        as one just after the block would be.)"""
        cache = self.begin_reading(now)
        try:
            yield cache
        finally:
            self.end_reading()

    def begin_reading(self, now: datetime) -> QueueCache:
        """`reading`'s start: call `end_reading` after it, in a `finally`."""
        self._reading = True
        try:
            settings = self._sync()
            today = self.study_day(now, settings.day_start_hour)
            if self._cache is None or self._cache.today != today:  # first use, or the study day rolled over
                self._cache = QueueCache(self.fetch, settings, today)
                self._steps.clear()
        except BaseException:
            self.end_reading()
            raise
        return self._cache

    def end_reading(self) -> None:
        self._reading = False
        if self._begun:
            self._begun = False
            self._raw.execute("COMMIT")

    def answer_lean(self, card_id: str, quality: int, now: datetime, duration_ms: int) -> AnswerOutcome | None:
        """An SM-2 answer (`_answer_on`) in one write transaction (BEGIN IMMEDIATE ... COMMIT)
        on the driver's connection, without SQLAlchemy's transaction machinery (~50 us of an
        answer's ~300); None, with nothing written, when the settings now stored ask for the
        ORM path (FSRS, a deck's own scheduling options)."""
        raw = self._raw
        raw.execute("BEGIN IMMEDIATE")
        try:
            settings = self._sync()
            if settings.scheduler == "fsrs" or self.deck_scheduling:
                raw.execute("ROLLBACK")
                return None
            today = self.study_day(now, settings.day_start_hour)
            outcome = _answer_on(self.conn, settings, card_id, quality, now, duration_ms, today)
            self.answered(outcome, now)
            raw.execute("COMMIT")
        except BaseException:
            if raw.in_transaction:
                raw.execute("ROLLBACK")
            self.forget()
            raise
        return outcome

    @contextmanager
    def writing(self) -> Iterator[Settings]:
        """One write transaction (BEGIN IMMEDIATE) on this connection, with the settings now.
        What is kept is dropped when the transaction does not commit (the cache may have been told
        of a write that was rolled back)."""
        try:
            with self.conn.begin():
                yield self._sync()
        except BaseException:
            self.forget()
            raise

    def forget(self) -> None:
        """Drop the kept queue and steps: the next read builds them from the database."""
        self._cache = None
        self._steps.clear()

    def answered(self, outcome: AnswerOutcome, now: datetime) -> None:
        """Update what is kept after an answer. Called inside the answer's write transaction,
        before COMMIT: the cache's placement reads (queue_cache.QueueCache.card_changed) then run
        in that transaction, not in three read transactions of their own (each takes and gives
        back the WAL's read lock: ~6 lock calls of an answer's ~12)."""
        self._steps.pop(outcome.card_id, None)
        if self._cache is not None:
            if self._cache.today == outcome.today:
                self._cache.answered(outcome.card_id, outcome.log_id, outcome.kind, now, outcome.review.after)
            else:
                self._cache = None

    def undone(self, outcome: UndoOutcome, kind: str, study_day: int) -> None:
        self._steps.pop(outcome.card_id, None)
        if self._cache is not None:
            self._cache.undone(outcome.card_id, outcome.log_id, kind, study_day)

    def kept_step(self, entries: Sequence[QueueEntry], counts: dict[str, int], avoid: str | None) -> StudyStep | None:
        """`StudyService._step_from` for the usual step: SM-2, and both cards it shows already
        built; None otherwise (then the general path builds them). Without the general path's
        callbacks, which cost ~3 us of a ~20 us step after an answer."""
        steps = self._steps
        if not steps or self.deck_scheduling or self._settings is None or self._settings.scheduler == "fsrs":
            return None
        ready = [e.card_id for e in entries if e.ready_at is None]
        if not ready:
            return None
        shown, after = _shown_and_after(ready, avoid, None)
        shown_step, after_step = steps.get(shown), None if after is None else steps.get(after)
        if shown_step is None or (after is not None and after_step is None):
            return None
        upcoming = None if after_step is None else _shown_with(after_step, counts, None)
        return _shown_with(shown_step, counts, upcoming)

    def card_step(self, card_id: str, counts: dict[str, int], upcoming: StudyStep | None, today: int, now: datetime,
                  db: Database, ahead: Callable[[], Sequence[str]] = tuple) -> StudyStep:
        """The step showing `card_id` (then `upcoming`), built once per card and day under SM-2;
        when it is not built yet, the cards `ahead()` (the next in the queue) are built with it,
        in one query."""
        settings = self._settings
        assert settings is not None
        # FSRS previews read the memory and depend on `now`; a deck's own options change the previews
        if settings.scheduler == "fsrs" or self.deck_scheduling:
            with db.read_session() as session:
                return replace(_card_step(session, card_id, counts, today, settings, now), upcoming=upcoming)
        step = self._steps.get(card_id)
        if step is None:
            wanted = [card_id, *(c for c in ahead() if c != card_id and c not in self._steps)]
            marks = ", ".join("?" * len(wanted))
            for row in self.fetch(_CARD_STEPS.format(marks=marks), wanted):
                state = CardState(repetitions=row[2], easiness=row[3], interval=row[4], due_day=row[5],
                                  lapses=row[6], redrill_day=row[7])
                self._steps[row[0]] = StudyStep(
                    Card.from_dict(json.loads(row[1])), state, review_kind(state, today),
                    preview_intervals(state, today, max_interval=settings.max_interval_days), {}, today,
                    flag=row[8] or 0)
            step = self._steps.get(card_id)
            if step is None:
                raise CardNotFound(card_id)
        return _shown_with(step, counts, upcoming)
