"""Importing deck files into the database: validate everything, then upsert in one transaction.

Re-import updates card text and keeps schedules and history (they hang off the stable id).
A card the user edited is not overwritten: the incoming version is parked in
`cards.deck_content` for the user to compare and resolve.
"""
from __future__ import annotations

import csv
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from quizapp.domain.content import Card, content_digest
from quizapp.domain.deck import MAX_DECK_BYTES, DeckIssue, ParsedDeck, check_unique_ids, parse_deck_text
from quizapp.resources import content_dir, deck_dir
from quizapp.services.errors import DeckInvalid
from quizapp.store.database import Database
from quizapp.store.bulk_insert import insert_rows
from quizapp.store.models import CardRow, CardStateRow
from quizapp.store.search_index import indexed_in_bulk


@dataclass
class ImportReport:
    files: list[str]
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_user_edits: list[str] = field(default_factory=list)
    not_in_deck: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "kept_user_edits": self.kept_user_edits, "not_in_deck": self.not_in_deck}

    def summary(self) -> str:
        folders = sorted({str(Path(f).parent) for f in self.files})
        text = (f"imported {len(self.files)} file(s) from {', '.join(folders)}: "
                f"{self.added} new, {self.updated} updated, "
                f"{self.unchanged} unchanged cards")
        if self.kept_user_edits:
            text += (f"; {len(self.kept_user_edits)} card(s) you edited were kept and the deck's new version "
                     f"is waiting for review: {', '.join(self.kept_user_edits)}")
        return text


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


_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_deck_file(path: Path) -> str:
    """The text of one deck file. Only a regular file of at most MAX_DECK_BYTES is read: a
    device would never end and a FIFO would block, so the file is opened without waiting
    (O_NONBLOCK) and checked on the open descriptor before any read. OSError or ValueError
    with a one-line reason otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
            raise ValueError(f"not a regular file ({kind}); only deck files can be imported")
        too_big = ValueError(f"the file is larger than the limit of {MAX_DECK_BYTES:,} bytes "
                             f"({MAX_DECK_BYTES // 2**20} MiB); split it into several files")
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


def parse_files(files: Sequence[Path]) -> tuple[list[Card], list[DeckIssue]]:
    """Parse and validate deck files; return all cards (in order) and all issues."""
    decks: dict[str, ParsedDeck] = {}
    texts: dict[str, str] = {}
    issues: list[DeckIssue] = []
    for path in files:
        name = str(path)
        try:
            texts[name] = read_deck_file(path)
        except ValueError as exc:  # UnicodeDecodeError included
            message = str(exc) if not isinstance(exc, UnicodeDecodeError) else f"cannot read file: {exc}"
            issues.append(DeckIssue(name, 1, message))
            continue
        except OSError as exc:
            issues.append(DeckIssue(name, 1, f"cannot read file: {exc.strerror or exc}"))
            continue
        decks[name] = parse_deck_text(texts[name], name, question_ids(), check_demo_params)
        issues.extend(decks[name].issues)
    issues.extend(check_unique_ids(decks, texts))
    return [c for d in decks.values() for c in d.cards], issues


def card_columns(card: Card, content: dict[str, Any] | None = None) -> dict[str, Any]:
    """The searchable columns of a card row, derived from its content (`card.to_dict()`,
    passed in when the caller already has it)."""
    front = card.cloze if card.kind == "cloze" and card.cloze else card.front
    return {"section": card.section, "kind": card.kind, "content": content or card.to_dict(),
            "front_zh": front.zh, "front_en": front.en, "back_zh": card.back.zh, "back_en": card.back.en,
            "tags": list(card.tags), "source": list(card.source), "demo_id": card.demo.id if card.demo else None}


def import_deck(db: Database, paths: Sequence[Path] | None = None, now: datetime | None = None) -> ImportReport:
    files = deck_files(paths)
    if not files:
        raise DeckInvalid([f"no deck files (*.toml) found in {', '.join(map(str, paths or [deck_dir()]))}"])
    cards, issues = parse_files(files)
    if issues:
        raise DeckInvalid([str(i) for i in issues])
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    report = ImportReport(files=[str(f) for f in files])
    with db.session() as session:
        existing = {row.id: row for row in session.execute(
            select(CardRow.id, CardRow.deck_hash, CardRow.user_edited)).all()}
        new_cards, new_states, updates, parked, positions = [], [], [], [], []
        for position, card in enumerate(cards):
            content = card.to_dict()
            digest = content_digest(content)
            row = existing.get(card.id)
            if row is None:
                new_cards.append({"id": card.id, **card_columns(card, content), "origin": "deck", "deck_hash": digest,
                                  "user_edited": False, "deck_content": None,
                                  "created_at": stamp, "updated_at": stamp})
                new_states.append({"card_id": card.id, "repetitions": 0, "easiness": 250, "interval": 0,
                                   "due_day": None, "lapses": 0, "redrill_day": None, "suspended": False,
                                   "position": position, "last_reviewed_at": None})
                report.added += 1
                continue
            positions.append({"card_id": card.id, "position": position})
            if row.deck_hash == digest:
                report.unchanged += 1
            elif row.user_edited:
                parked.append({"id": card.id, "deck_hash": digest, "deck_content": content})
                report.kept_user_edits.append(card.id)
            else:
                updates.append({"id": card.id, **card_columns(card, content), "deck_hash": digest, "updated_at": stamp})
                report.updated += 1
        if new_cards:  # one executemany each (store/bulk_insert.py), indexed for search once at the end
            conn = session.connection()
            with indexed_in_bulk(session, [c["id"] for c in new_cards]):
                insert_rows(conn, CardRow, new_cards)
            insert_rows(conn, CardStateRow, new_states)
        for batch in (updates, parked):  # bulk UPDATE by primary key, one key set per batch
            if batch:
                session.execute(update(CardRow), batch)
        if positions:
            session.execute(update(CardStateRow), positions)
        report.not_in_deck = len(set(existing) - {c.id for c in cards})
    return report
