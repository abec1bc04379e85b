"""Quizzes: draw items, grade and store answers, reports, score history, weakest sections.

Each answer is one transaction that stores the item's result and appends a review-log entry
of kind 'quiz' (state before == state after, unless the miss was fed back: a card in review
becomes due today, EF unchanged; see domain.quiz.fed_back_state and the setting
quiz_feeds_schedule). Quizzes move no schedule in any other way.
"""
from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.domain import quiz as rules
from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.content import CARD_KINDS, Card
from quizapp.domain.quiz import ItemGrade, QuizAnswerError, QuizSummary, Response, SectionScore
from quizapp.domain.sm2 import CardState
from quizapp.services.clock import local_study_day
from quizapp.services.changes import NOTHING, QUIZ, SCHEDULE, Changes
from quizapp.services.errors import UserError
from quizapp.services.settings import load_settings
from quizapp.store.database import Database, as_utc
from quizapp.domain.deck_header import BUNDLED_SECTIONS, DeckSection, sections_from_stored
from quizapp.store.deck_filter import card_in_deck, deck_ids_within
from quizapp.store.models import CardRow, CardStateRow, DeckRow
from quizapp.store.quiz_models import QuizItemRow, QuizSessionRow
from quizapp.store.reviews import append_review_log, apply_state, state_of
from quizapp.i18n.text import StudyText

QUIZ_LOG_KIND = "quiz"

MAX_ANSWER_MS = 86_400_000  # a stored duration must fit SQLite's INTEGER; no answer takes a day


def _choice_order(card: Card, seed: int, position: int) -> tuple[int, ...]:
    return rules.choice_order(len(card.choices), seed, position) if card.kind == "mcq" else ()

MODES = ("quiz", "mock")
LANG_CHOICES = ("zh", "en", "both")
WEAKEST_WINDOW = 20  # each section is judged on its latest answers only
WEAKEST_MIN_ITEMS = 3


@dataclass(frozen=True)
class QuizItem:
    item_id: int
    position: int  # 0-based
    card: Card
    choice_order: tuple[int, ...] = ()  # an mcq's options as shown (domain.quiz.choice_order)


@dataclass(frozen=True)
class QuizRun:
    """A started quiz (or mock interview): its items in the order they are asked."""

    session_id: int
    mode: str  # quiz | mock
    items: tuple[QuizItem, ...]
    sections: tuple[str, ...]
    kinds: tuple[str, ...]
    seed: int
    lang: str
    seconds_per_item: int | None
    changes: Changes = QUIZ  # starting stores the quiz


@dataclass(frozen=True)
class AnswerRecord:
    item_id: int
    card_id: str
    grade: ItemGrade
    fed_back: bool  # the miss made the card due today
    log_id: int
    before: CardState
    after: CardState

    @property
    def changes(self) -> Changes:
        return QUIZ | SCHEDULE if self.fed_back else QUIZ


@dataclass(frozen=True)
class ReportItem:
    item_id: int
    position: int
    card: Card
    response: Response | None  # None: not answered
    grade: ItemGrade | None
    duration_ms: int | None
    fed_back: bool
    choice_order: tuple[int, ...] = ()  # an mcq's options as they were shown

    @property
    def missed(self) -> bool:
        return self.grade is None or not self.grade.correct

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {"item_id": self.item_id, "position": self.position + 1, "card_id": self.card.id,
                "section": self.card.section, "kind": self.card.kind,
                "question": rules.question_text(self.card, lang),
                "response": None if self.response is None else rules.response_to_dict(self.response),
                "result": None if self.grade is None else self.grade.to_dict(),
                "duration_ms": self.duration_ms, "fed_back": self.fed_back,
                "choice_order": list(self.choice_order),
                "explanation": rules.miss_explanation(self.card, self.grade, lang, self.choice_order)
                if self.missed else [],
                "demo": None if self.card.demo is None else {"id": self.card.demo.id,
                                                            "params": dict(self.card.demo.params)}}


@dataclass(frozen=True)
class QuizReport:
    session_id: int
    mode: str
    started_at: datetime
    finished_at: datetime | None
    sections: tuple[str, ...]
    kinds: tuple[str, ...]
    seed: int
    lang: str
    seconds_per_item: int | None
    summary: QuizSummary
    items: tuple[ReportItem, ...]
    changes: Changes = NOTHING  # QUIZ when the report comes from finishing the quiz

    @property
    def misses(self) -> tuple[ReportItem, ...]:
        """Answered items that were not fully right, then the skipped ones."""
        answered = tuple(i for i in self.items if i.grade is not None and not i.grade.correct)
        return answered + tuple(i for i in self.items if i.grade is None)

    def to_dict(self) -> dict[str, Any]:
        return {"session_id": self.session_id, "mode": self.mode, "started_at": self.started_at.isoformat(),
                "finished_at": None if self.finished_at is None else self.finished_at.isoformat(),
                "sections": list(self.sections), "kinds": list(self.kinds), "seed": self.seed,
                "score": self.summary.to_dict(), "items": [i.to_dict(self.lang) for i in self.items]}


@dataclass(frozen=True)
class SessionScore:
    """One past quiz in the history: its overall and per-section scores."""

    session_id: int
    mode: str
    started_at: datetime
    summary: QuizSummary

    def to_dict(self) -> dict[str, Any]:
        return {"session_id": self.session_id, "mode": self.mode, "started_at": self.started_at.isoformat(),
                "score": self.summary.to_dict()}


def _check_choices(sections: Collection[str], kinds: Collection[str],
                   known: Collection[str] = tuple(SECTIONS)) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`known`: the section ids of the decks' (default: the bundled deck's)."""
    bad = [s for s in sections if s not in known]
    if bad:
        raise UserError(StudyText.tr(
            "unknown section '{section}' (sections are {sections})").format(
            section=bad[0], sections=', '.join(known)))
    bad = [k for k in kinds if k not in CARD_KINDS]
    if bad:
        raise UserError(StudyText.tr(
            "unknown card kind '{kind}' (kinds are {kinds})").format(
            kind=bad[0], kinds=', '.join(CARD_KINDS)))
    return tuple(sorted(set(sections))), tuple(k for k in CARD_KINDS if k in kinds)


@dataclass(frozen=True)
class _Candidate:
    id: str
    section: str
    kind: str


class QuizService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ----- starting -----------------------------------------------------------------------
    def available(self, deck: str | None = None) -> dict[str, dict[str, int]]:
        """Cards that can be quizzed (not suspended), of `deck` and its sub-decks (None: all):
        section -> kind -> count."""
        with self.db.read_session() as session:
            rows = session.execute(select(CardRow.section, CardRow.kind, func.count()).join(CardStateRow)
                                   .where(CardStateRow.suspended.is_(False), card_in_deck(CardRow.id, deck))
                                   .group_by(CardRow.section, CardRow.kind)).all()
        out: dict[str, dict[str, int]] = {}
        for section, kind, count in rows:
            out.setdefault(section, {})[kind] = count
        return out

    def start(self, now: datetime, sections: Collection[str] = (), kinds: Collection[str] = (),
              size: int = rules.DEFAULT_SIZE, seed: int | None = None, lang: str | None = None, *,
              mode: str = "quiz", seconds_per_item: int | None = None, deck: str | None = None) -> QuizRun:
        """Draw up to `size` unsuspended cards of the chosen sections and kinds (empty = all),
        from `deck` and its sub-decks (None: every deck), and store the quiz. The same seed over
        the same cards draws the same quiz."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        sections_t, kinds_t = _check_choices(sections, kinds, self._section_ids(deck))
        if isinstance(size, bool) or not 1 <= size <= rules.MAX_SIZE:
            raise UserError(StudyText.tr(
                "quiz size must be 1 to {most} (got {size})").format(
                most=rules.MAX_SIZE, size=size))
        if lang is not None and lang not in LANG_CHOICES:
            raise UserError(StudyText.tr(
                "language must be one of {choices} (got '{lang}')").format(
                choices=', '.join(LANG_CHOICES), lang=lang))
        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        with self.db.session() as session:
            settings = load_settings(session)
            lang = lang or settings.language
            rows = session.execute(select(CardRow.id, CardRow.section, CardRow.kind).join(CardStateRow)
                                   .where(CardStateRow.suspended.is_(False), card_in_deck(CardRow.id, deck))).all()
            chosen = rules.select_items([_Candidate(*r) for r in rows], sections_t, kinds_t, size,
                                        random.Random(seed))
            if not chosen:
                filters = ([StudyText.tr("section(s) {sections}", "", len(sections_t)).format(
                    sections=", ".join(sections_t))] if sections_t else [])
                filters += ([StudyText.tr("kind(s) {kinds}", "", len(kinds_t)).format(kinds=", ".join(kinds_t))]
                            if kinds_t else [])
                filters += [StudyText.tr("deck '{deck}'").format(deck=deck)] if deck is not None else []
                if not rows:
                    raise UserError(StudyText.tr("no cards to quiz: the database has no cards (run 'quizapp import' "
                                                 "first)"))
                raise UserError(StudyText.tr("no cards to quiz in {filters}").format(filters="; ".join(filters))
                                if filters else StudyText.tr("no cards to quiz"))
            record = QuizSessionRow(mode=mode, started_at=now.astimezone(timezone.utc), finished_at=None,
                                    study_day=local_study_day(now, settings.day_start_hour), sections=list(sections_t),
                                    kinds=list(kinds_t), seed=seed, lang=lang, seconds_per_item=seconds_per_item)
            record.items = [QuizItemRow(position=i, card_id=c.id, section=c.section, kind=c.kind, fed_back=False)
                            for i, c in enumerate(chosen)]
            session.add(record)
            session.flush()
            contents: dict[str, dict[str, Any]] = dict(session.execute(select(CardRow.id, CardRow.content)
                                            .where(CardRow.id.in_([c.id for c in chosen]))).all())
            items = tuple(QuizItem(row.id, row.position, card, _choice_order(card, seed, row.position))
                          for row in record.items for card in (Card.from_dict(contents[row.card_id]),))
            return QuizRun(record.id, mode, items, sections_t, kinds_t, seed, lang, seconds_per_item)

    def _section_ids(self, deck: str | None) -> tuple[str, ...]:
        return tuple(s.id for s in self.deck_sections(deck))

    def deck_sections(self, deck: str | None = None) -> list[DeckSection]:
        """The sections of `deck` and its sub-decks (None: of every deck; the bundled deck's when
        the collection has no deck yet), each id once, in deck-name order."""
        query = select(DeckRow.sections).order_by(DeckRow.name)
        with self.db.read_session() as session:
            stored = session.scalars(query.where(DeckRow.id.in_(deck_ids_within(deck))) if deck is not None
                                     else query).all()
        out: dict[str, DeckSection] = {}
        for section in (s for sections in stored for s in sections_from_stored(sections)):
            out.setdefault(section.id, section)
        return list(out.values()) or list(BUNDLED_SECTIONS)

    # ----- answering ----------------------------------------------------------------------
    def answer(self, item_id: int, response: Response, now: datetime, duration_ms: int = 0) -> AnswerRecord:
        """Grade and store one answer, log it, and feed a miss back into the schedule."""
        if not 0 <= duration_ms <= MAX_ANSWER_MS:
            raise UserError(StudyText.tr(
                "duration must be 0 to {most} ms (one day), got {duration_ms}").format(
                most=f"{MAX_ANSWER_MS:,}", duration_ms=f"{duration_ms:,}"))
        with self.db.session() as session:
            item = session.get(QuizItemRow, item_id)
            if item is None:
                raise UserError(StudyText.tr("no quiz item {item_id}").format(item_id=item_id))
            if item.answered_at is not None:
                raise UserError(StudyText.tr(
                    "question {number} of this quiz is already answered").format(
                    number=item.position + 1))
            if item.session.finished_at is not None:
                raise UserError(StudyText.tr("this quiz is finished; start a new one"))
            card_row = session.get(CardRow, item.card_id)
            assert card_row is not None  # the foreign key cascades deletions
            card = Card.from_dict(card_row.content)
            try:
                result = rules.grade(card, response, item.session.lang)
            except QuizAnswerError as exc:
                raise UserError(str(exc)) from None
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            state_row = card_row.state
            before = state_of(state_row)
            # A suspended card stays out of the schedule even when missed.
            after = before if state_row.suspended else rules.fed_back_state(
                before, not result.correct, today, settings.quiz_feeds_schedule)
            if after != before:
                apply_state(state_row, after)
            at = now.astimezone(timezone.utc)
            log_id = append_review_log(session, card_id=card.id, grade=result.quality, at=at, study_day=today,
                                       duration_ms=duration_ms, kind=QUIZ_LOG_KIND, before=before, after=after)
            item.answered_at = at
            item.response = rules.response_to_dict(response)
            item.result = result.to_dict()
            item.correct = result.correct
            item.score = result.score
            item.duration_ms = int(duration_ms)
            item.fed_back = after != before
            item.review_log_id = log_id
            return AnswerRecord(item.id, card.id, result, after != before, log_id, before, after)

    def finish(self, session_id: int, now: datetime) -> QuizReport:
        """Close the quiz (unanswered items stay unanswered and score 0) and return its report."""
        with self.db.session() as session:
            record = self._session(session, session_id)
            if record.finished_at is None:
                record.finished_at = now.astimezone(timezone.utc)
            return replace(self._report(session, record), changes=QUIZ)

    # ----- reading ------------------------------------------------------------------------
    def report(self, session_id: int) -> QuizReport:
        with self.db.read_session() as session:
            return self._report(session, self._session(session, session_id))

    def history(self, limit: int = 50, mode: str | None = None) -> list[SessionScore]:
        """Past quizzes with at least one answer, newest first, each with per-section scores."""
        with self.db.read_session() as session:
            query = (select(QuizSessionRow.id).join(QuizItemRow).where(QuizItemRow.answered_at.is_not(None))
                     .group_by(QuizSessionRow.id).order_by(QuizSessionRow.id.desc()).limit(max(1, limit)))
            if mode is not None:
                query = query.where(QuizSessionRow.mode == mode)
            ids = session.scalars(query).all()
            if not ids:
                return []
            sessions = {r.id: r for r in session.scalars(select(QuizSessionRow).where(QuizSessionRow.id.in_(ids)))}
            items = session.execute(select(QuizItemRow.session_id, QuizItemRow.section, QuizItemRow.kind,
                                           QuizItemRow.result).where(QuizItemRow.session_id.in_(ids))).all()
        per: dict[int, list[rules.ScoredItem]] = {i: [] for i in ids}
        for sid, section, kind, result in items:
            per[sid].append(rules.ScoredItem(section, kind, None if result is None else ItemGrade.from_dict(result)))
        return [SessionScore(i, sessions[i].mode, as_utc(sessions[i].started_at), rules.summarize(per[i]))
                for i in ids]

    def weakest_sections(self, window: int = WEAKEST_WINDOW, min_items: int = WEAKEST_MIN_ITEMS) -> list[SectionScore]:
        """Sections weakest first, each judged on its latest `window` answers (quizzes and mock
        interviews alike); sections with fewer than `min_items` answers are left out."""
        item = QuizItemRow
        rank = func.row_number().over(partition_by=item.section,
                                      order_by=(item.answered_at.desc(), item.id.desc())).label("rank")
        latest = (select(item.section, item.result, rank).where(item.answered_at.is_not(None))).subquery()
        with self.db.read_session() as session:
            rows = session.execute(select(latest.c.section, latest.c.result).where(latest.c.rank <= window)).all()
        return rules.weakest_sections(((s, ItemGrade.from_dict(r)) for s, r in rows), min_items)

    # ----- helpers ------------------------------------------------------------------------
    @staticmethod
    def _session(session: Session, session_id: int) -> QuizSessionRow:
        record = session.get(QuizSessionRow, session_id)
        if record is None:
            raise UserError(StudyText.tr("no quiz with id {session_id}").format(session_id=session_id))
        return record

    @staticmethod
    def _report(session: Session, record: QuizSessionRow) -> QuizReport:
        ids = [i.card_id for i in record.items]
        contents: dict[str, dict[str, Any]] = dict(
            session.execute(select(CardRow.id, CardRow.content).where(CardRow.id.in_(ids))).all())
        items: list[ReportItem] = []
        for row in record.items:
            result = None if row.result is None else ItemGrade.from_dict(row.result)
            response = None if row.response is None else rules.response_from_dict(row.response)
            card = Card.from_dict(contents[row.card_id])
            if isinstance(response, rules.ChoiceAnswer):  # the order stored with the answer: as shown
                order = response.order
            else:
                order = _choice_order(card, record.seed, row.position)
            items.append(ReportItem(row.id, row.position, card, response, result, row.duration_ms, row.fed_back,
                                    order))
        summary = rules.summarize([rules.ScoredItem(row.section, row.kind, i.grade)
                                   for i, row in zip(items, record.items)])
        return QuizReport(record.id, record.mode, as_utc(record.started_at),
                          None if record.finished_at is None else as_utc(record.finished_at),
                          tuple(record.sections), tuple(record.kinds), record.seed, record.lang,
                          record.seconds_per_item, summary, tuple(items))

