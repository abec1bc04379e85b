"""Importing deck files into the database: validate everything, then upsert in one transaction.

Re-import updates card text and keeps schedules and history (they hang off the stable id).
A card the user edited is not overwritten: the incoming version is parked in
`cards.deck_content` for the user to compare and resolve.
"""
from __future__ import annotations

import csv
import gc
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from quizapp.domain import toml_text
from quizapp.domain.content import Card, stored_json
from quizapp.domain.deck import (MAX_DECK_BYTES, CardSchedule, DeckIssue, ParsedDeck, check_limits, check_unique_ids,
                                 parse_deck_text)
from quizapp.domain.deck_header import BUNDLED_SECTIONS, DeckHeader, DeckSection, name_problem, parse_header
from quizapp.domain.sm2 import CardState
from quizapp.resources import content_dir, deck_dir
from quizapp.services.errors import DeckInvalid
from quizapp.store.database import Database
from quizapp.store.browse_order import copied_in_bulk
from quizapp.store.bulk_insert import insert_rows
from quizapp.store.models import CardRow, CardStateRow, DeckRow
from quizapp.store.search_index import indexed_in_bulk
from quizapp.i18n.text import QT_TRANSLATE_NOOP, ImportText


@dataclass
class ImportReport:
    files: list[str]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_user_edits: list[str] = field(default_factory=list)
    not_in_deck: int = 0
    decks: list[str] = field(default_factory=list)  # the decks the files went into

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "kept_user_edits": self.kept_user_edits, "not_in_deck": self.not_in_deck, "decks": self.decks}

    def summary(self) -> str:
        folders = sorted({str(Path(f).parent) for f in self.files})
        text = ImportText.tr("imported %n file(s) from {folders} into deck {decks}: {added} new, {updated} updated, "
                             "{unchanged} unchanged cards", "", len(self.files)).format(
            folders=", ".join(folders), decks=", ".join(self.decks), added=self.added, updated=self.updated,
            unchanged=self.unchanged)
        if self.kept_user_edits:
            text += ImportText.tr("; %n card(s) you edited were kept and the deck's new version is waiting for "
                                  "review: {ids}", "", len(self.kept_user_edits)).format(
                ids=", ".join(self.kept_user_edits))
        return text


FOLDER_HEADER = "deck.toml"  # a folder's deck header: the deck of every header-less file beside it
BUNDLED_SECTION_IDS = tuple(s.id for s in BUNDLED_SECTIONS)


@cache
def question_ids() -> frozenset[str]:
    with open(content_dir() / "questions.tsv", encoding="utf-8", newline="") as f:
        return frozenset(row["id"] for row in csv.DictReader(f, delimiter="\t"))


def check_demo_params(demo_id: str, params: Mapping[str, Any]) -> list[str]:
    from quizapp.engine.errors import UnknownDemoError
    from quizapp.engine.registry import get_spec

    try:
        spec = get_spec(demo_id)
    except UnknownDemoError:
        return []  # in the catalogue (checked by the parser) but not implemented in this build
    return spec.problems(params)


def deck_files(paths: Sequence[Path] | None) -> list[Path]:
    if not paths:
        return sorted(deck_dir().glob("*.toml"))
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.toml")) if p.is_dir() else [p])
    return files


_FILE_KINDS = ((stat.S_ISDIR, QT_TRANSLATE_NOOP("ImportText", "a folder")),
               (stat.S_ISFIFO, QT_TRANSLATE_NOOP("ImportText", "a FIFO")),
               (stat.S_ISCHR, QT_TRANSLATE_NOOP("ImportText", "a character device")),
               (stat.S_ISBLK, QT_TRANSLATE_NOOP("ImportText", "a block device")),
               (stat.S_ISSOCK, QT_TRANSLATE_NOOP("ImportText", "a socket")))


def read_deck_file(path: Path) -> str:
    """The text of one deck file. Only a regular file of at most MAX_DECK_BYTES is read: a
    device would never end and a FIFO would block, so the file is opened without waiting
    (O_NONBLOCK) and checked on the open descriptor before any read. OSError or ValueError
    with a one-line reason otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _FILE_KINDS if test(mode)),
                        QT_TRANSLATE_NOOP("ImportText", "a special file"))
            raise ValueError(ImportText.tr("not a regular file ({kind}); only deck files can be imported").format(
                kind=ImportText.tr(kind)))
        too_big = ValueError(ImportText.tr("the file is larger than the limit of {bytes} bytes ({mib} MiB); split it "
                                           "into several files").format(bytes=f"{MAX_DECK_BYTES:,}",
                                                                        mib=MAX_DECK_BYTES // 2**20))
        if os.fstat(fd).st_size > MAX_DECK_BYTES:
            raise too_big
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_DECK_BYTES:  # it grew while we read
                raise too_big
    finally:
        os.close(fd)
    return b"".join(chunks).decode("utf-8")


def parse_files(files: Sequence[Path], deck: str | None = None,
                known_sections: Mapping[str, Sequence[str]] | None = None) -> tuple[list[Card], list[DeckIssue]]:
    """Parse and validate deck files; return all cards (in order) and all issues."""
    targets, issues = plan_decks(files, deck, known_sections or {})
    return [c for t in targets for c in t.cards], issues


@dataclass
class DeckTarget:
    """The deck some of the imported files go into (content/FORMAT.md § Which deck a file goes into)."""

    name: str
    origin: str
    sections: tuple[DeckSection, ...] | None  # from a header: the deck's sections from now on; None: as they are
    cards: list[Card] = field(default_factory=list)
    options: Mapping[str, Any] | None = None  # a header's [deck.options]: a new deck starts with them
    schedules: dict[str, CardSchedule] = field(default_factory=dict)  # exported schedules (new cards take them)


def _peek_header(text: str) -> DeckHeader | None:
    """The file's [deck] header if it has a valid one (the full parse reports any problem)."""
    if "[deck]" not in text.replace(" ", "") or check_limits(text, "") is not None:
        return None
    try:
        raw = toml_text.loads(text).get("deck")
    except toml_text.TOMLDecodeError:
        return None
    return parse_header(raw)[0] if raw is not None else None


def _folder_header(folder: Path, texts: Mapping[Path, str]) -> DeckHeader | None:
    """The header of `folder/deck.toml` (one of the files read, or next to them on disk)."""
    path = folder / FOLDER_HEADER
    if path in texts:
        return _peek_header(texts[path])
    try:
        return _peek_header(read_deck_file(path)) if path.is_file() else None
    except (OSError, ValueError):
        return None


def plan_decks(files: Sequence[Path], deck: str | None,
               known_sections: Mapping[str, Sequence[str]]) -> tuple[list[DeckTarget], list[DeckIssue]]:
    """Read, parse and validate `files`, each into its deck: its own [deck] header, else the
    `deck` given (`--deck NAME`), else its folder's deck.toml header, else a deck named after the
    file. `deck` also renames a headed deck. A card's section is checked against its deck's
    sections: the header's, else the deck's in the collection (`known_sections`), else the
    bundled 7.1-7.7. Every problem of every file is returned."""
    issues: list[DeckIssue] = []
    if deck is not None and (problem := name_problem(deck)) is not None:
        issues.append(DeckIssue("--deck", 1, problem))
        deck = None
    texts: dict[Path, str] = {}
    for path in files:
        try:
            texts[path] = read_deck_file(path)
        except ValueError as exc:  # UnicodeDecodeError included
            message = str(exc) if not isinstance(exc, UnicodeDecodeError) else ImportText.tr(
                "cannot read file: {error}").format(error=exc)
            issues.append(DeckIssue(str(path), 1, message))
        except OSError as exc:
            issues.append(DeckIssue(str(path), 1, ImportText.tr("cannot read file: {error}").format(
                error=exc.strerror or exc)))
    targets: dict[str, DeckTarget] = {}
    parsed: dict[str, ParsedDeck] = {}
    for path, text in texts.items():
        own = _peek_header(text)
        folder = None if own is not None else _folder_header(path.parent, texts)
        header = own or folder
        sections: tuple[DeckSection, ...] | None
        if own is not None:
            name, origin, sections = deck or own.name, own.origin, own.sections
        elif deck is not None:
            name, origin, sections = deck, "file", folder.sections if folder is not None else None
        elif folder is not None:
            name, origin, sections = folder.name, folder.origin, folder.sections
        else:
            name, origin, sections = path.stem, "file", None
            if (problem := name_problem(name)) is not None:
                issues.append(DeckIssue(str(path), 1, ImportText.tr(
                    "{problem}; give the deck a name with --deck NAME or a [deck] header").format(problem=problem)))
                continue
        target = targets.setdefault(name, DeckTarget(name, origin, sections))
        if header is not None and target.sections is None:
            target.sections = sections
        if own is not None and own.options:
            from quizapp.services.decks import option_problem

            for key, value in own.options.items():
                if (problem := option_problem(key, value)) is not None:
                    issues.append(DeckIssue(str(path), 1, f"deck.options: {problem}"))
            target.options = own.options
        allowed = ([s.id for s in target.sections] if target.sections is not None
                   else known_sections.get(name, BUNDLED_SECTION_IDS))
        result = parse_deck_text(text, str(path), question_ids(), check_demo_params, allowed)
        parsed[str(path)] = result
        issues.extend(result.issues)
        target.cards.extend(result.cards)
        target.schedules.update(result.schedules)
    issues.extend(check_unique_ids(parsed, {str(p): t for p, t in texts.items()}))
    return list(targets.values()), issues


def card_columns(card: Card, content: dict[str, Any] | str | None = None,
                 lists: dict[tuple[str, ...], list[str]] | None = None) -> dict[str, Any]:
    """The searchable columns of a card row, derived from its content (`card.to_dict()`,
    passed in when the caller already has it, or its stored JSON text for
    `insert_rows(..., encoded=("content",))`). `lists`: equal tags or sources of an import's
    cards become one list object (store/bulk_insert.py then encodes each such list once)."""
    front = card.cloze if card.kind == "cloze" and card.cloze else card.front
    shared = {} if lists is None else lists
    tags = shared.setdefault(card.tags, list(card.tags))
    source = shared.setdefault(card.source, list(card.source))
    return {"section": card.section, "kind": card.kind, "content": content or card.to_dict(),
            "front_zh": front.zh, "front_en": front.en, "back_zh": card.back.zh, "back_en": card.back.en,
            "tags": tags, "source": source, "demo_id": card.demo.id if card.demo else None}


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off for the block, then set back as it was.

    An import builds hundreds of thousands of containers at once (the TOML's tables, cards, row
    dictionaries): the collector's allocation counter starts a collection every few hundred of
    them and a full one twice per 10k cards, each walking every object alive (~0.25 s of a
    10k-card import, measured), to find no cycle: these are trees, freed by reference counting
    when the import returns. Collection resumes after, with the import's objects already gone.
    Another thread's allocations are not collected meanwhile either (about a second)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_deck(db: Database, paths: Sequence[Path] | None = None, now: datetime | None = None,
                deck: str | None = None) -> ImportReport:
    """Import deck files (default: the bundled deck) into their decks (`plan_decks`; `deck`:
    `--deck NAME`), all or nothing. A card already in the collection stays in its deck and is
    updated there; new cards join their file's deck, created when missing."""
    with cycle_collection_paused():  # its objects are freed when _import_deck returns, before collection resumes
        return _import_deck(db, paths, now, deck)


def _import_deck(db: Database, paths: Sequence[Path] | None, now: datetime | None,
                 deck: str | None) -> ImportReport:
    files = deck_files(paths)
    if not files:
        raise DeckInvalid([ImportText.tr("no deck files (*.toml) found in {folders}").format(
            folders=", ".join(map(str, paths or [deck_dir()])))])
    with db.read_session() as session:
        known = {name: [s["id"] for s in sections or ()]
                 for name, sections in session.execute(select(DeckRow.name, DeckRow.sections))}
    targets, issues = plan_decks(files, deck, known)
    if issues:
        raise DeckInvalid([str(i) for i in issues])
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    report = ImportReport(files=[str(f) for f in files], decks=[t.name for t in targets])
    with db.session() as session:
        existing = {row.id: row for row in session.execute(
            select(CardRow.id, CardRow.deck_hash, CardRow.user_edited)).all()}
        new_cards, new_states, updates, parked, positions = [], [], [], [], []
        cards = [card for t in targets for card in t.cards]
        deck_of: dict[str, int] = {}
        schedules: dict[str, CardSchedule] = {}
        for t in targets:  # a header-only file still makes (or updates) its deck
            deck_id = ensure_deck(session, t.name, t.origin, t.sections, stamp, options=t.options)
            deck_of.update((card.id, deck_id) for card in t.cards)
            schedules.update(t.schedules)
        base = _first_position(session, [c.id for c in cards], existing)
        lists: dict[tuple[str, ...], list[str]] = {}  # equal tags / sources: one list each
        fresh = _state_columns(None)  # a new card's state, the same for every card without a schedule
        for index, card in enumerate(cards):
            position = base + index
            digest = card.content_hash()  # content_digest(card.to_dict()), written out directly
            row = existing.get(card.id)
            if row is None:  # the content as its stored JSON text (insert_rows: encoded)
                new_cards.append({"id": card.id, "deck_id": deck_of[card.id],
                                  **card_columns(card, stored_json(card), lists),
                                  "origin": "deck", "deck_hash": digest,
                                  "user_edited": False, "deck_content": None,
                                  "created_at": stamp, "updated_at": stamp})
                schedule = schedules.get(card.id)  # an exported schedule comes along with a new card
                new_states.append({"card_id": card.id, "deck_id": deck_of[card.id],
                                   **(fresh if schedule is None else _state_columns(schedule)), "position": position})
                report.added += 1
                continue
            positions.append({"card_id": card.id, "position": position})
            if row.deck_hash == digest:
                report.unchanged += 1
            elif row.user_edited:
                parked.append({"id": card.id, "deck_hash": digest, "deck_content": card.to_dict()})
                report.kept_user_edits.append(card.id)
            else:
                updates.append({"id": card.id, **card_columns(card), "deck_hash": digest, "updated_at": stamp})
                report.updated += 1
        if new_cards:  # one executemany each (store/bulk_insert.py), indexed for search and
            conn = session.connection()  # copied for the browser's order once at the end
            new_ids = [c["id"] for c in new_cards]
            with indexed_in_bulk(session, new_ids):
                insert_rows(conn, CardRow, new_cards, encoded=("content",))
            with copied_in_bulk(conn, new_ids):
                insert_rows(conn, CardStateRow, new_states)
        for batch in (updates, parked):  # bulk UPDATE by primary key, one key set per batch
            if batch:
                session.execute(update(CardRow), batch)
        if positions:
            session.execute(update(CardStateRow), positions)
        report.not_in_deck = len(set(existing) - {c.id for c in cards})
    return report


def _state_columns(schedule: CardSchedule | None) -> dict[str, Any]:
    """A new card's card_state columns but its key, deck and position: its exported schedule, else a new card's."""
    state = schedule.state if schedule is not None else CardState()
    return {**state.to_dict(), "redrill_day": None, "suspended": schedule is not None and schedule.suspended,
            "flag": schedule.flag if schedule is not None else 0, "last_reviewed_at": None}


def ensure_deck(session: Session, name: str, origin: str, sections: Sequence[DeckSection] | None,
                stamp: datetime, *, merge: bool = False, options: Mapping[str, Any] | None = None) -> int:
    """The id of deck `name`, created when missing (with `sections`, else the bundled ones);
    an existing deck takes `sections` when given (a header is the deck's truth), or with `merge`
    adds those it lacks (an Anki import brings only the sections of its own cards)."""
    row = session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
    stored = [s.to_dict() for s in (sections if sections is not None else BUNDLED_SECTIONS)]
    if row is None:
        row = DeckRow(name=name, origin=origin, sections=stored, options=dict(options or {}), created_at=stamp)
        session.add(row)
        session.flush()
    elif sections is not None and merge:
        known = {s["id"] for s in row.sections}
        added = [s for s in stored if s["id"] not in known]
        if added:
            row.sections = [*row.sections, *added]
    elif sections is not None and row.sections != stored:
        row.sections = stored
    return row.id


def _first_position(session: Session, card_ids: Sequence[str], existing: Mapping[str, Any]) -> int:
    """Where the imported cards' deck order starts: where it started before when some of them are
    already in the collection (a re-import keeps the order), else after every card (a new deck's
    new cards come after the decks imported before it, so positions stay unique)."""
    known = [cid for cid in card_ids if cid in existing]
    if known:
        return session.scalar(select(func.min(CardStateRow.position)).where(
            CardStateRow.card_id.in_(known[:500]))) or 0
    return (session.scalar(select(func.max(CardStateRow.position))) or -1) + 1


def deck_section_ids(session: Session, deck_id: int) -> list[str] | None:
    """The section ids of deck `deck_id` (None when it has no row)."""
    sections = session.scalar(select(DeckRow.sections).where(DeckRow.id == deck_id))
    return None if sections is None else [s["id"] for s in sections]
