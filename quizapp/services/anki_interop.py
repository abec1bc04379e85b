"""Anki in and out: importing .apkg/.colpkg/.csv files as quizapp cards and exporting quizapp's
cards as a schema-11 .apkg or Anki's CSV text format (docs/anki.md).

The mapping, in one place:

- An Anki card is a quizapp card. Its id is `anki-<12 hex digits of the note GUID's SHA-1>-<ordinal+1>`,
  so re-importing the same package finds the same cards. Notes of quizapp's own note types
  ("quizapp Q&A", "quizapp Cloze", what the export writes) carry the card's id in a field and come
  back as that card.
- Front and back: the fields the card's question template shows are the front, the other fields
  its answer template shows are the back (Basic, reversed, optional reversed and any other note
  type); a cloze card's text keeps its own blanks and shows the others' answers, as Anki shows it.
- Scheduling (optional): Anki's review due date (days since the collection's creation day) becomes
  the same number of days from today; interval; ease = factor / 10 (at least 130); repetitions =
  reps - lapses; lapses. Learning cards are due today; suspended cards stay suspended; buried
  cards are due tomorrow at the earliest (quizapp has no burying). The revlog becomes review-log
  rows (grade Again/Hard/Good/Easy = 1/3/4/5, the keys' grades). In FSRS mode `revlog.factor` is a
  difficulty and is not read as ease.
- Export: note GUIDs are kept for cards that came from Anki and derived from the card id otherwise;
  the deck is the Anki deck a card came from, else `NNDL::chNN::<section>`.
- Decks: new cards join their Anki deck (a quizapp deck of origin "anki", created with the
  sections its cards use: "anki" for cards from Anki); quizapp's own cards sent out under the
  derived name come back to the bundled deck (`target_deck`).
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select, update

from quizapp.domain.catalogue import SECTIONS
from quizapp.domain.deck_header import BUNDLED_DECK, BUNDLED_SECTIONS, DeckSection, name_problem
from quizapp.domain.cloze import ClozeSyntaxError, parse_blanks
from quizapp.domain.content import Bilingual, Card, content_digest
from quizapp.domain.sm2 import EF_FLOOR, EF_START, CardState
from quizapp.services.anki_package import (
    FIELD_SEPARATOR, QUEUE_MANUALLY_BURIED, QUEUE_SIBLING_BURIED, QUEUE_SUSPENDED, TYPE_LEARN, TYPE_NEW,
    TYPE_RELEARN, AnkiCard, AnkiPackageError, Collection, Note, NoteType, RevlogEntry, open_regular_file, read_package,
    safe_media_name, write_package)
from quizapp.services.anki_text import (cloze_as_one_card, cloze_for_card, html_to_text, plain_to_text,
                                        text_to_html)
from quizapp.services.changes import CONTENT, NOTHING, Changes
from quizapp.services.clock import local_study_day
from quizapp.services.errors import UserError
from quizapp.services.importer import card_columns, cycle_collection_paused, ensure_deck
from quizapp.services.settings import load_settings
from quizapp.store.browse_order import copied_in_bulk
from quizapp.store.bulk_insert import insert_rows
from quizapp.store.database import Database
from quizapp.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow
from quizapp.store.search_index import indexed_in_bulk
from quizapp.i18n.text import ErrorText, ImportText

ANKI_SECTION: Final = "anki"  # the section of cards that came from Anki (not one of the notes' sections)
MAX_CSV_BYTES: Final = 64 << 20

# quizapp's note types in an export. Fixed ids: Anki matches a re-imported note type by its id.
QA_NOTETYPE: Final = NoteType(
    1735000000001, "quizapp Q&A", False, ["Front", "Back", "Front (zh)", "Back (zh)", "quizapp id"],
    [("Card 1", "{{Front}}{{#Front (zh)}}<hr>{{Front (zh)}}{{/Front (zh)}}",
      "{{FrontSide}}<hr id=answer>{{Back}}{{#Back (zh)}}<hr>{{Back (zh)}}{{/Back (zh)}}")])
CLOZE_NOTETYPE: Final = NoteType(
    1735000000002, "quizapp Cloze", True, ["Text", "Back Extra", "Text (zh)", "Back Extra (zh)", "quizapp id"],
    [("Cloze", "{{cloze:Text}}{{#Text (zh)}}<hr>{{cloze:Text (zh)}}{{/Text (zh)}}",
      "{{cloze:Text}}{{#Text (zh)}}<hr>{{cloze:Text (zh)}}{{/Text (zh)}}<br>{{Back Extra}}"
      "{{#Back Extra (zh)}}<hr>{{Back Extra (zh)}}{{/Back Extra (zh)}}")])
_OWN_NOTETYPES: Final = {QA_NOTETYPE.name: QA_NOTETYPE, CLOZE_NOTETYPE.name: CLOZE_NOTETYPE}
ID_FIELD: Final = "quizapp id"

# Anki's answer buttons <-> quizapp grades (the study screen's keys 1-4 give grades 1/3/4/5)
EASE_TO_GRADE: Final = {1: 1, 2: 3, 3: 4, 4: 5}
GRADE_TO_EASE: Final = {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}
# revlog.type <-> review-log kind: learning answers are a new card's, relearning ones the re-drill's
REVLOG_KIND: Final = {0: "new", 1: "review", 2: "redrill", 3: "review"}
KIND_REVLOG: Final = {"new": 0, "review": 1, "redrill": 2}
_FIELD_REF = re.compile(r"\{\{([^{}#/^!][^{}]*)\}\}")


def card_id_for(guid: str, ordinal: int) -> str:
    return f"anki-{hashlib.sha1(guid.encode('utf-8')).hexdigest()[:12]}-{ordinal + 1}"


def guid_for(card_id: str) -> str:
    """A stable GUID for a card that did not come from Anki (10 characters, like Anki's)."""
    return "qz" + base64.b64encode(hashlib.sha1(card_id.encode("utf-8")).digest()).decode("ascii")[:10]


def deck_of(row_content: dict[str, Any], section: str) -> str:
    anki = row_content.get("anki") or {}
    if anki.get("deck"):
        return str(anki["deck"])
    if section in SECTIONS:
        return f"NNDL::ch{section.split('.')[0].zfill(2)}::{section}"
    return section or "Default"


def _anki_tag(tag: str) -> str:
    return re.sub(r"\s+", "_", tag.strip())


# ----------------------------------------------------------------------------- reports


@dataclass
class AnkiImportReport:
    path: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rescheduled: int = 0
    reviews_added: int = 0
    media_added: int = 0
    kept_user_edits: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Anki cards with nothing to show, and why
    changes: Changes = NOTHING

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "rescheduled": self.rescheduled, "reviews_added": self.reviews_added, "media_added": self.media_added,
                "kept_user_edits": self.kept_user_edits, "skipped": self.skipped}

    def summary(self) -> str:
        text = ImportText.tr("imported {path}: {added} new, {updated} updated, {unchanged} unchanged cards; "
                             "{rescheduled} rescheduled; reviews added: {reviews}; media files: {media}").format(
            path=self.path, added=self.added, updated=self.updated, unchanged=self.unchanged,
            rescheduled=self.rescheduled, reviews=self.reviews_added, media=self.media_added)
        if self.kept_user_edits:
            text += ImportText.tr("; kept %n card(s) you edited", "", len(self.kept_user_edits))
        if self.skipped:
            text += ImportText.tr("; %n card(s) skipped ({first}{more})", "", len(self.skipped)).format(
                first=self.skipped[0], more=", ..." if len(self.skipped) > 1 else "")
        return text


@dataclass
class AnkiExportReport:
    path: str
    notes: int
    cards: int
    reviews: int
    media: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "notes": self.notes, "cards": self.cards, "reviews": self.reviews,
                "media": self.media}

    def summary(self) -> str:
        return ImportText.tr("exported %n card(s) to {path} (notes: {notes}, reviews: {reviews}, media files: "
                             "{media})", "", self.cards).format(path=self.path, notes=self.notes, reviews=self.reviews,
                                                               media=self.media)


# ----------------------------------------------------------------------------- Anki -> quizapp cards


@dataclass
class IncomingCard:
    """One card to import: its quizapp content and (from a package) its Anki scheduling."""

    card: Card
    anki: dict[str, Any]  # guid, deck, notetype: kept in the content for the export
    source: AnkiCard | None = None
    images: list[str] = field(default_factory=list)


def _referenced_fields(template: str) -> list[str]:
    names: list[str] = []
    for m in _FIELD_REF.finditer(template):
        name = m.group(1).split(":")[-1].strip()  # {{cloze:Text}}, {{text:Front}}, {{Front}}
        if name not in names and name != "FrontSide":
            names.append(name)
    return names


def _bilingual(text: str) -> Bilingual:
    return Bilingual(text, text)


def _fields_text(note: Note, names: Iterable[str], notetype: NoteType, images: list[str]) -> str:
    parts = []
    for name in names:
        if name in notetype.fields:
            index = notetype.fields.index(name)
            if index < len(note.fields):
                text, found = html_to_text(note.fields[index])
                images.extend(found)
                if text:
                    parts.append(text)
    return "\n\n".join(parts)


def _own_card(note: Note, notetype: NoteType, tags: tuple[str, ...], deck: str) -> tuple[Card, list[str]] | str:
    values = dict(zip(notetype.fields, note.fields))
    images: list[str] = []

    def text(name: str) -> str:
        value, found = html_to_text(values.get(name, ""))
        images.extend(found)
        return value

    card_id = html_to_text(values.get(ID_FIELD, ""))[0].strip()
    if not card_id:
        return "a quizapp note without its id"
    parts = deck.split("::")
    section = parts[-1] if parts and parts[-1] in SECTIONS else ANKI_SECTION
    if notetype.is_cloze:
        en, zh = text("Text"), text("Text (zh)") or text("Text")
        back = Bilingual(text("Back Extra (zh)") or text("Back Extra"), text("Back Extra"))
        return Card(card_id, section, "cloze", Bilingual("", ""), back, tags=tags, cloze=Bilingual(zh, en)), images
    front = Bilingual(text("Front (zh)") or text("Front"), text("Front"))
    back = Bilingual(text("Back (zh)") or text("Back"), text("Back"))
    return Card(card_id, section, "qa", front, back, tags=tags), images


def cards_of_collection(col: Collection) -> tuple[list[IncomingCard], list[str]]:
    """Every Anki card of `col` as a quizapp card, in Anki's order; and the cards skipped, with why."""
    notes = {n.id: n for n in col.notes}
    incoming: list[IncomingCard] = []
    skipped: list[str] = []
    for anki_card in sorted(col.cards, key=lambda c: (c.note_id, c.ord)):
        note = notes.get(anki_card.note_id)
        notetype = col.notetypes.get(note.notetype_id) if note else None
        if note is None or notetype is None:
            skipped.append(ImportText.tr("card {id}: its note or note type is missing").format(id=anki_card.id))
            continue
        deck = col.decks.get(anki_card.odid or anki_card.deck_id, "Default")
        tags = tuple(note.tags)
        meta = {"guid": note.guid, "deck": deck, "notetype": notetype.name}
        own = _OWN_NOTETYPES.get(notetype.name)
        if own is not None and notetype.fields == own.fields:
            made = _own_card(note, notetype, tags, deck)
            if isinstance(made, str):
                skipped.append(ImportText.tr("card {id}: {made}").format(id=anki_card.id, made=made))
                continue
            card, images = made
            # What the export derives anyway is not kept: a round trip leaves the content as it was.
            if card.section in SECTIONS and deck == deck_of({}, card.section):
                meta["deck"] = ""
            if note.guid == guid_for(card.id):
                meta["guid"] = ""
            meta["notetype"] = ""
            incoming.append(IncomingCard(card, meta, anki_card, images))
            continue
        card_id = card_id_for(note.guid, anki_card.ord)
        images = []
        if notetype.is_cloze:
            qfmt = notetype.templates[0][1] if notetype.templates else ""
            cloze_fields = ([m.group(1).strip() for m in re.finditer(r"\{\{cloze:([^{}]+)\}\}", qfmt)]
                            or notetype.fields[:1])
            text_html = FIELD_SEPARATOR.join(
                note.fields[notetype.fields.index(n)] for n in cloze_fields if n in notetype.fields
                and notetype.fields.index(n) < len(note.fields))
            text, images = html_to_text(cloze_for_card(text_html.replace(FIELD_SEPARATOR, "<br>"), anki_card.ord))
            back = _fields_text(note, [f for f in notetype.fields if f not in cloze_fields], notetype, images)
            try:
                has_blank = bool(parse_blanks(text))
            except ClozeSyntaxError:
                has_blank = False
            if has_blank:
                card = Card(card_id, ANKI_SECTION, "cloze", _bilingual(""), _bilingual(back), tags=tags,
                            cloze=_bilingual(text))
            elif text:  # Anki's blanks that quizapp's syntax cannot hold: shown as a question
                card = Card(card_id, ANKI_SECTION, "qa", _bilingual(text), _bilingual(back), tags=tags)
            else:
                skipped.append(ImportText.tr(
                    "card {id}: cloze {cloze} is empty").format(
                    id=anki_card.id, cloze=anki_card.ord + 1))
                continue
        else:
            if anki_card.ord < len(notetype.templates):
                _name, qfmt, afmt = notetype.templates[anki_card.ord]
                front_names = _referenced_fields(qfmt) or notetype.fields[:1]
                back_names = [n for n in _referenced_fields(afmt) if n not in front_names]
            else:
                front_names, back_names = notetype.fields[:1], []
            if not back_names:
                back_names = [n for n in notetype.fields if n not in front_names]
            front = _fields_text(note, front_names, notetype, images)
            back = _fields_text(note, back_names, notetype, images)
            if not front:
                skipped.append(ImportText.tr("card {id}: its front is empty").format(id=anki_card.id))
                continue
            card = Card(card_id, ANKI_SECTION, "qa", _bilingual(front), _bilingual(back), tags=tags)
        incoming.append(IncomingCard(card, meta, anki_card, images))
    return incoming, skipped


# ----------------------------------------------------------------------------- decks

ANKI_DECK_SECTION: Final = DeckSection(ANKI_SECTION, Bilingual("Anki", "Anki"))


def target_deck(item: IncomingCard) -> str:
    """The deck a new card joins: its Anki deck (already `::` hierarchical); a quizapp card that
    went out to Anki under the name the export derives (stored as "") comes back to the bundled deck."""
    deck = str(item.anki.get("deck") or "")
    if not deck and item.card.section in SECTIONS:
        return BUNDLED_DECK
    return deck if deck and name_problem(deck) is None else "Default"


def _decks_for(session: Any, new: Sequence[IncomingCard], stamp: datetime) -> dict[str, int]:
    """card id -> deck id for the new cards, each deck created (origin "anki"; the bundled deck as
    "bundled") or given the sections its new cards use. An Anki deck's sections: "anki" and the
    bundled deck's (docs/anki.md)."""
    titles = {s.id: s for s in BUNDLED_SECTIONS}
    by_deck: dict[str, list[IncomingCard]] = {}
    for item in new:
        by_deck.setdefault(target_deck(item), []).append(item)
    out: dict[str, int] = {}
    for name, items in by_deck.items():
        # "anki" first, then the bundled sections (a card may be edited into one, as before decks)
        used = dict.fromkeys([ANKI_SECTION, *titles, *(i.card.section for i in items)])
        sections = [titles.get(sid, ANKI_DECK_SECTION if sid == ANKI_SECTION else
                               DeckSection(sid, Bilingual(sid, sid))) for sid in used]
        origin = "bundled" if name == BUNDLED_DECK else "anki"
        deck_id = ensure_deck(session, name, origin, BUNDLED_SECTIONS if name == BUNDLED_DECK else tuple(sections),
                              stamp, merge=True)
        out.update((i.card.id, deck_id) for i in items)
    return out


# ----------------------------------------------------------------------------- scheduling


def anki_today(col: Collection, now: datetime) -> int:
    """Anki's `days_elapsed` for `col` at `now`: study days since the collection's creation day."""
    crt_local = datetime.fromtimestamp(col.crt, timezone.utc).astimezone()
    return local_study_day(now, col.rollover_hour) - local_study_day(crt_local, col.rollover_hour)


def state_from_anki(card: AnkiCard, today: int, days_elapsed: int) -> tuple[CardState, bool]:
    """(SM-2 state, suspended) for an Anki card; `today` is quizapp's study day."""
    easiness = max(EF_FLOOR, card.factor // 10) if card.factor else EF_START
    suspended = card.queue == QUEUE_SUSPENDED
    if card.type == TYPE_NEW:
        return CardState(easiness=easiness), suspended
    repetitions = max(0, card.reps - card.lapses)
    if card.type in (TYPE_LEARN, TYPE_RELEARN):
        return CardState(repetitions=0 if card.type == TYPE_LEARN else repetitions, easiness=easiness,
                         interval=max(0, card.ivl), due_day=today, lapses=card.lapses), suspended
    due = card.odue if card.odid and card.odue else card.due
    due_day = today + (due - days_elapsed)
    if card.queue in (QUEUE_SIBLING_BURIED, QUEUE_MANUALLY_BURIED):
        due_day = max(due_day, today + 1)
    return CardState(repetitions=repetitions, easiness=easiness, interval=max(0, card.ivl), due_day=due_day,
                     lapses=card.lapses), suspended


# ----------------------------------------------------------------------------- the services


class AnkiService:
    """Import and export of Anki packages and CSV files over one collection."""

    def __init__(self, db: Database, media_dir: Path | None = None) -> None:
        self.db = db
        self.media_dir = media_dir if media_dir is not None else (db.path.parent / "media" if db.path else None)

    # ------------------------------------------------------------------ import

    def import_file(self, path: Path, now: datetime, *, with_scheduling: bool = False) -> AnkiImportReport:
        suffix = path.suffix.lower()
        if suffix in (".apkg", ".colpkg"):
            return self.import_package(path, now, with_scheduling=with_scheduling)
        if suffix in (".csv", ".txt", ".tsv"):
            return self.import_csv(path, now)
        raise UserError(ErrorText.tr(
            "{path}: not an Anki file (expected .apkg, .colpkg, .csv, .txt or .tsv)").format(
            path=path))

    def import_package(self, path: Path, now: datetime, *, with_scheduling: bool = False) -> AnkiImportReport:
        # thousands of notes, cards and rows at once, all trees: as import_deck, without the
        # cyclic collector's passes over them (10k notes with scheduling: ~20% of the import)
        with cycle_collection_paused():
            return self._import_package(path, now, with_scheduling)

    def _import_package(self, path: Path, now: datetime, with_scheduling: bool) -> AnkiImportReport:
        col = read_package(path)
        incoming, skipped = cards_of_collection(col)
        report = AnkiImportReport(str(path), skipped=skipped)
        self._write_media(col.media, {img for c in incoming for img in c.images}, report)
        self._store(incoming, now, report, col if with_scheduling else None)
        return report

    def _write_media(self, media: dict[str, bytes], used: set[str], report: AnkiImportReport) -> None:
        """Media files the cards show, into the media folder (a file already there under that name is kept)."""
        wanted = {name: data for name, data in media.items() if name in used}
        if not wanted or self.media_dir is None:
            return
        try:
            self.media_dir.mkdir(parents=True, exist_ok=True)
            for name, data in wanted.items():
                assert safe_media_name(name)  # read_package refuses any other name
                target = self.media_dir / name
                if not target.exists():
                    tmp = target.with_name(f".{name}.partial")
                    tmp.write_bytes(data)
                    tmp.replace(target)
                    report.media_added += 1
        except OSError as exc:
            raise UserError(ErrorText.tr(
                "cannot write media into {folder}: {error}; nothing was imported").format(
                folder=self.media_dir, error=exc.strerror or exc)) \
                from None

    def _store(self, incoming: Sequence[IncomingCard], now: datetime, report: AnkiImportReport,
               col: Collection | None) -> None:
        stamp = now.astimezone(timezone.utc)
        with self.db.session() as session:
            settings = load_settings(session)
            today = local_study_day(now, settings.day_start_hour)
            days_elapsed = anki_today(col, now) if col is not None else 0
            existing = {row.id: row for row in session.execute(
                select(CardRow.id, CardRow.content, CardRow.user_edited)).all()}
            next_position = (session.scalar(select(CardStateRow.position).order_by(
                CardStateRow.position.desc()).limit(1)) or 0) + 1
            new_cards, new_states, updates = [], [], []
            deck_ids = _decks_for(session, [i for i in incoming if i.card.id not in existing], stamp)
            seen: set[str] = set()
            anki_to_quizapp: dict[int, str] = {}
            for item in incoming:
                card = item.card
                if card.id in seen:
                    report.skipped.append(ImportText.tr(
                        "{id}: a second card with this id in the file").format(
                        id=card.id))
                    continue
                seen.add(card.id)
                if item.source is not None:
                    anki_to_quizapp[item.source.id] = card.id
                content = card.to_dict()
                if any(item.anki.values()):
                    content["anki"] = {k: v for k, v in item.anki.items() if v}
                row = existing.get(card.id)
                if row is None:
                    state, suspended = (state_from_anki(item.source, today, days_elapsed)
                                        if col is not None and item.source is not None else (CardState(), False))
                    new_cards.append({"id": card.id, "deck_id": deck_ids[card.id], **card_columns(card, content),
                                      "origin": "deck",
                                      "deck_hash": content_digest(content), "user_edited": False,
                                      "deck_content": None, "created_at": stamp, "updated_at": stamp})
                    new_states.append({"card_id": card.id, "deck_id": deck_ids[card.id], **state.to_dict(),
                                       "suspended": suspended,
                                       "position": next_position, "last_reviewed_at": None})
                    next_position += 1
                    report.added += 1
                    continue
                if _same_content(row.content, content):
                    report.unchanged += 1
                elif row.user_edited:
                    report.kept_user_edits.append(card.id)
                else:
                    updates.append({"id": card.id, **card_columns(card, content),
                                    "deck_hash": content_digest(content), "updated_at": stamp})
                    report.updated += 1
                if col is not None and item.source is not None:
                    state, suspended = state_from_anki(item.source, today, days_elapsed)
                    state_row = session.get(CardStateRow, card.id)
                    # Anki has no same-day re-drill: the card's own one stays unless its schedule moves
                    incoming_state = {**state.to_dict(), "redrill_day": state_row.redrill_day if state_row else None}
                    if state_row is not None and ({k: getattr(state_row, k) for k in incoming_state} != incoming_state
                                                  or state_row.suspended != suspended):
                        for key, value in state.to_dict().items():
                            setattr(state_row, key, value)
                        state_row.suspended = suspended
                        report.rescheduled += 1
            if new_cards:  # as import_deck: one executemany each, the search index and the browser's
                conn = session.connection()  # copy filled once at the end (no trigger run per card)
                new_ids = [c["id"] for c in new_cards]
                with indexed_in_bulk(session, new_ids):
                    insert_rows(conn, CardRow, new_cards)
                with copied_in_bulk(conn, new_ids):
                    insert_rows(conn, CardStateRow, new_states)
            if updates:
                session.execute(update(CardRow), updates)
            if col is not None:
                report.reviews_added = _import_revlog(session, col, anki_to_quizapp, settings.day_start_hour)
        if report.added or report.updated or report.rescheduled or report.reviews_added:
            report.changes = CONTENT | Changes(schedule=bool(report.rescheduled), review=bool(report.reviews_added))

    # ------------------------------------------------------------------ CSV

    def import_csv(self, path: Path, now: datetime) -> AnkiImportReport:
        with cycle_collection_paused():  # as import_package
            incoming = read_anki_csv(path)
            report = AnkiImportReport(str(path))
            self._store(incoming, now, report, None)
            return report

    # ------------------------------------------------------------------ export

    def _rows(self, deck: str | None) -> list[Any]:
        """(content, section, updated_at and the scheduling columns) of every card, in deck order:
        plain rows, not ORM objects (a 10k-card export spent most of its time building those)."""
        with self.db.read_session() as session:
            rows = list(session.execute(
                select(CardRow.content, CardRow.section, CardRow.updated_at, CardStateRow.due_day,
                       CardStateRow.interval, CardStateRow.easiness, CardStateRow.repetitions, CardStateRow.lapses,
                       CardStateRow.suspended, DeckRow.name.label("deck_name"))
                .join(CardStateRow, CardStateRow.card_id == CardRow.id)
                .join(DeckRow, DeckRow.id == CardRow.deck_id)
                .order_by(CardStateRow.position, CardRow.id)).all())
        if deck:  # the Anki deck a card goes to, or the quizapp deck it is in (and their parents)
            rows = [r for r in rows if _in_deck(deck_of(r.content, r.section), deck) or _in_deck(r.deck_name, deck)]
            if not rows:
                raise UserError(ErrorText.tr(
                    "no cards in deck '{deck}' (decks are like NNDL::ch07::7.2, the Anki deck a card came from, "
                    "or a quizapp deck: quizapp deck list)").format(
                    deck=deck))
        return rows

    def export_package(self, target: Path, now: datetime, *, deck: str | None = None,
                       with_scheduling: bool = False) -> AnkiExportReport:
        with cycle_collection_paused():  # as an import: many rows at once, all trees (10k cards: ~15%)
            return self._export_package(target, now, deck, with_scheduling)

    def _export_package(self, target: Path, now: datetime, deck: str | None,
                        with_scheduling: bool) -> AnkiExportReport:
        rows = self._rows(deck)
        with self.db.read_session() as session:
            settings = load_settings(session)
            answers = (select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at, ReviewLogRow.grade,
                              ReviewLogRow.duration_ms, ReviewLogRow.kind, ReviewLogRow.state_before,
                              ReviewLogRow.state_after)
                       .where(ReviewLogRow.undone.is_(False), ReviewLogRow.kind != "quiz")
                       .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id))
            logs = list(session.execute(answers).all()) if with_scheduling else []
        today = local_study_day(now, settings.day_start_hour)
        due_days = [r.due_day for r in rows if r.due_day is not None]
        first_day = min([today, *due_days]) - 1  # the exported collection's creation day: every due date after it
        crt_local = datetime.combine(datetime.fromordinal(first_day).date(), datetime.min.time()).replace(
            hour=settings.day_start_hour).astimezone()
        col = Collection(crt=int(crt_local.timestamp()), rollover_hour=settings.day_start_hour,
                         notetypes={QA_NOTETYPE.id: QA_NOTETYPE, CLOZE_NOTETYPE.id: CLOZE_NOTETYPE})
        deck_ids: dict[str, int] = {}
        base_id = int(now.timestamp() * 1000)
        card_ids: dict[str, int] = {}
        images: set[str] = set()
        used_guids: set[str] = set()
        for index, row in enumerate(rows):
            card = Card.from_dict(row.content)
            name = deck_of(row.content, row.section)
            for depth in range(1, name.count("::") + 2):  # parents first, as Anki lists them
                parent = "::".join(name.split("::")[:depth])
                deck_ids.setdefault(parent, base_id + len(deck_ids) + 1)
            guid = (row.content.get("anki") or {}).get("guid") or guid_for(card.id)
            if guid in used_guids:  # the second card of an Anki note is a note of its own here
                guid = guid_for(card.id)
            used_guids.add(guid)
            notetype, fields = export_fields(card)
            for value in fields:
                images.update(re.findall(r'<img src="([^"]+)"', value))
            note_id = card_id = base_id + 1000 + index
            col.notes.append(Note(note_id, guid, notetype.id, [_anki_tag(t) for t in card.tags if t.strip()], fields,
                                  int(row.updated_at.timestamp())))
            card_ids[card.id] = card_id
            col.cards.append(_anki_card(card_id, note_id, deck_ids[name], index, row, today, first_day,
                                        with_scheduling))
        col.decks = {did: name for name, did in deck_ids.items()}
        if with_scheduling:
            used: set[int] = set()
            for log in logs:
                if log.card_id not in card_ids:
                    continue
                at_ms = int(log.reviewed_at.replace(tzinfo=log.reviewed_at.tzinfo or timezone.utc).timestamp() * 1000)
                while at_ms in used:  # revlog ids are unique; answers in the same millisecond move by 1 ms
                    at_ms += 1
                used.add(at_ms)
                before, after = log.state_before or {}, log.state_after or {}
                col.revlog.append(RevlogEntry(at_ms, card_ids[log.card_id], GRADE_TO_EASE.get(log.grade, 1),
                                              int(after.get("interval") or 0), int(before.get("interval") or 0),
                                              int(after.get("easiness") or EF_START) * 10,
                                              min(int(log.duration_ms), 60_000), KIND_REVLOG.get(log.kind, 1)))
        if self.media_dir is not None:
            for name in sorted(images):
                file = self.media_dir / name
                if safe_media_name(name) and file.is_file():
                    col.media[name] = file.read_bytes()
        write_package(col, target)
        return AnkiExportReport(str(target), len(col.notes), len(col.cards), len(col.revlog), len(col.media))

    def export_csv(self, target: Path, *, deck: str | None = None) -> AnkiExportReport:
        """Anki's "Notes in Plain Text" format: tab-separated, HTML fields, with the headers Anki reads
        (`#separator`, `#html`, `#guid column`, `#notetype column`, `#deck column`, `#tags column`). The
        note types are Anki's stock Basic and Cloze, which every collection has."""
        rows = self._rows(deck)
        out = io.StringIO()
        out.write("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        for row in rows:
            card = Card.from_dict(row.content)
            guid = (row.content.get("anki") or {}).get("guid") or guid_for(card.id)
            first, second = _plain_fields(card)
            writer.writerow([guid, "Cloze" if card.kind == "cloze" else "Basic", deck_of(row.content, row.section),
                             first, second, " ".join(_anki_tag(t) for t in card.tags if t.strip())])
        from quizapp.services.files import write_text_atomic

        write_text_atomic(target, out.getvalue())
        return AnkiExportReport(str(target), len(rows), len(rows), 0, 0)


def _in_deck(name: str, wanted: str) -> bool:
    return name == wanted or name.startswith(wanted + "::") or name.rsplit("::", 1)[-1] == wanted


def _same_content(stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
    """Whether an import changes nothing: equal content, where the export's renumbering of cloze
    blanks to c1 (one Anki card per quizapp card) and what Anki cannot hold (mcq choices, sources,
    corrections, demo links: an mcq goes to Anki as a question) do not count."""
    def normal(content: dict[str, Any]) -> str:
        d = {k: v for k, v in content.items() if k not in ("source", "choices", "correction", "demo")}
        if content.get("kind") == "mcq":
            d = {"id": content["id"], "tags": content.get("tags"), "anki": content.get("anki")}
        if d.get("cloze"):
            d["cloze"] = {k: cloze_as_one_card(v) for k, v in d["cloze"].items()}
        d["anki"] = d.get("anki") or {}
        return content_digest(d)

    return normal(stored) == normal(incoming) or (stored.get("kind") == "mcq" and incoming.get("kind") == "qa"
                                                  and (stored.get("anki") or {}) == (incoming.get("anki") or {}))


def _mcq_text(card: Card, lang: str) -> tuple[str, str]:
    letters = "ABCDEF"
    front = card.front.get(lang) + "\n" + "\n".join(
        f"{letters[i]}. {c.text.get(lang)}" for i, c in enumerate(card.choices))
    right = card.correct_choice
    back = (f"{letters[right]}. {card.choices[right].text.get(lang)}\n{card.choices[right].why.get(lang)}"
            if right is not None else card.back.get(lang))
    return front, back.strip()


def export_fields(card: Card) -> tuple[NoteType, list[str]]:
    """The note type and fields (HTML) of one quizapp card in an export."""
    if card.kind == "cloze" and card.cloze:
        en, zh = cloze_as_one_card(card.cloze.en), cloze_as_one_card(card.cloze.zh)
        return CLOZE_NOTETYPE, [text_to_html(en), text_to_html(card.back.en),
                                text_to_html(zh) if zh != en else "",
                                text_to_html(card.back.zh) if card.back.zh != card.back.en else "", card.id]
    if card.kind == "mcq":
        front_en, back_en = _mcq_text(card, "en")
        front_zh, back_zh = _mcq_text(card, "zh")
    else:
        front_en, back_en, front_zh, back_zh = card.front.en, card.back.en, card.front.zh, card.back.zh
    return QA_NOTETYPE, [text_to_html(front_en), text_to_html(back_en),
                         text_to_html(front_zh) if front_zh != front_en else "",
                         text_to_html(back_zh) if back_zh != back_en else "", card.id]


def _plain_fields(card: Card) -> tuple[str, str]:
    notetype, fields = export_fields(card)
    values = dict(zip(notetype.fields, fields))
    if notetype is CLOZE_NOTETYPE:
        return (_join(values["Text"], values["Text (zh)"]), _join(values["Back Extra"], values["Back Extra (zh)"]))
    return _join(values["Front"], values["Front (zh)"]), _join(values["Back"], values["Back (zh)"])


def _join(en: str, zh: str) -> str:
    return en + ("<br><br>" + zh if zh else "")


def _anki_card(card_id: int, note_id: int, deck_id: int, position: int, state: Any, today: int,
               first_day: int, with_scheduling: bool) -> AnkiCard:
    def queue_if(queue: int) -> int:
        return QUEUE_SUSPENDED if state.suspended else queue

    if not with_scheduling or state.due_day is None:
        return AnkiCard(card_id, note_id, deck_id, 0, TYPE_NEW, queue_if(0) if with_scheduling else 0, position + 1,
                        0, 0, 0, 0)
    return AnkiCard(card_id, note_id, deck_id, 0, 2, queue_if(2), state.due_day - first_day, state.interval,
                    state.easiness * 10, state.repetitions + state.lapses, state.lapses)


def _import_revlog(session: Any, col: Collection, card_ids: dict[int, str], day_start_hour: int) -> int:
    """Append the package's revlog of the imported cards to the review log, skipping answers
    already there (the same card, grade and time to within a second: a re-import adds nothing)."""
    wanted = set(card_ids.values())
    if not wanted:
        return 0
    known: dict[str, list[tuple[int, int]]] = {}
    for card_id, at, grade in session.execute(select(ReviewLogRow.card_id, ReviewLogRow.reviewed_at,
                                                     ReviewLogRow.grade)):
        if card_id in wanted:
            at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
            known.setdefault(card_id, []).append((int(at.timestamp() * 1000), grade))
    rows = []
    running: dict[str, dict[str, Any]] = {}  # each card's state after its latest answer
    fresh = CardState().to_dict()
    days: dict[int, int] = {}  # study day per quarter hour (every real UTC offset is a multiple of 15 minutes)
    for entry in sorted(col.revlog, key=lambda e: e.id):
        card_id = card_ids.get(entry.card_id)
        if card_id is None or entry.ease not in EASE_TO_GRADE or entry.type not in REVLOG_KIND:
            continue  # manual reschedules and entries of cards not imported
        grade = EASE_TO_GRADE[entry.ease]
        at = datetime.fromtimestamp(entry.id / 1000, timezone.utc)
        quarter = entry.id // 900_000
        if quarter not in days:
            days[quarter] = local_study_day(at, day_start_hour)
        day = days[quarter]
        before = running.get(card_id, fresh)
        easiness = before["easiness"] if col.fsrs or not entry.factor else max(EF_FLOOR, entry.factor // 10)
        interval = max(0, entry.ivl)
        lapsed = grade < 3 and REVLOG_KIND[entry.type] == "review"
        after = {"repetitions": 0 if grade < 3 else before["repetitions"] + 1, "easiness": easiness,
                 "interval": interval, "due_day": day + interval, "lapses": before["lapses"] + int(lapsed),
                 "redrill_day": None}
        running[card_id] = after
        if any(abs(ms - entry.id) < 1000 and g == grade for ms, g in known.get(card_id, ())):
            continue
        rows.append({"card_id": card_id, "grade": grade, "reviewed_at": at, "study_day": day,
                     "duration_ms": max(0, entry.time_ms), "kind": REVLOG_KIND[entry.type],
                     "state_before": before, "state_after": after, "undone": False})
    if rows:
        insert_rows(session.connection(), ReviewLogRow, rows)
    return len(rows)


# ----------------------------------------------------------------------------- CSV in Anki's text format

_SEPARATORS: Final = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}


def read_anki_csv(path: Path) -> list[IncomingCard]:
    """Cards from a file in Anki's text format. Headers (`#key:value` lines first) may give the
    separator, whether fields are HTML, and the 1-based guid, notetype, deck and tags columns; the
    other columns are fields (the first the front, the rest the back; with notetype Cloze the first
    is the cloze text). Every row must have the same number of columns. UserError naming FILE:LINE."""
    fd = open_regular_file(path, MAX_CSV_BYTES)
    with open(fd, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(ErrorText.tr(
            "{path}: not UTF-8 text ({reason} at byte {byte}); nothing was imported").format(
            path=path, reason=exc.reason, byte=exc.start)) from None
    lines = text.splitlines(keepends=True)
    headers: dict[str, str] = {}
    body_start = 0
    for body_start, line in enumerate(lines):  # noqa: B007 - the index is used after the loop
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        headers[key.strip().lower()] = value.strip()
    else:
        body_start = len(lines)
    separator = headers.get("separator", "tab")
    separator = _SEPARATORS.get(separator.lower(), separator)
    if len(separator) != 1:
        raise UserError(ErrorText.tr(
            "{path}:1: unknown separator '{separator}'; nothing was imported").format(
            path=path, separator=headers.get('separator')))
    is_html = headers.get("html", "false").lower() == "true"

    def column(name: str) -> int | None:
        value = headers.get(f"{name} column")
        if value is None:
            return None
        if not value.isdigit() or int(value) < 1:
            raise UserError(ErrorText.tr(
                "{path}: '#{name} column:{value}' is not a column number; nothing was imported").format(
                path=path, name=name, value=value))
        return int(value) - 1

    special = {name: column(name) for name in ("guid", "notetype", "deck", "tags")}
    reader = csv.reader(io.StringIO("".join(lines[body_start:])), delimiter=separator)
    incoming: list[IncomingCard] = []
    width: int | None = None
    for row in reader:
        line_no = body_start + reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if width is None:
            width = len(row)
            if width - sum(c is not None for c in special.values()) < 1:
                raise UserError(ErrorText.tr(
                    "{path}:{line_no}: no field columns; nothing was imported").format(
                    path=path, line_no=line_no))
        if len(row) != width:
            raise UserError(ErrorText.tr(
                "{path}:{line_no}: {columns} columns where the first row has {width}; nothing was imported").format(
                path=path, line_no=line_no, columns=len(row), width=width))
        if any(c is not None and c >= width for c in special.values()):
            raise UserError(ErrorText.tr(
                "{path}:{line_no}: a '#... column' header names a column past the last ({width}); nothing was "
                "imported").format(
                path=path, line_no=line_no, width=width))
        cells = {name: row[c] for name, c in special.items() if c is not None}
        fields = [cell for i, cell in enumerate(row) if i not in special.values()]
        if is_html:
            values = [html_to_text(v)[0] for v in fields]
        else:
            values = [plain_to_text(v) for v in fields]
        front, back = values[0], "\n\n".join(v for v in values[1:] if v)
        if not front:
            raise UserError(ErrorText.tr(
                "{path}:{line_no}: the first field is empty; nothing was imported").format(
                path=path, line_no=line_no))
        guid = cells.get("guid", "").strip() or hashlib.sha1(front.encode("utf-8")).hexdigest()[:10]
        notetype = cells.get("notetype", "Basic").strip()
        tags = tuple(cells.get("tags", "").split())
        card_id = card_id_for(guid, 0)
        is_cloze = notetype.lower().startswith("cloze") or notetype == CLOZE_NOTETYPE.name
        if is_cloze:
            try:
                parse_blanks(front)
            except ClozeSyntaxError as exc:
                raise UserError(ErrorText.tr(
                    "{path}:{line_no}: {error}; nothing was imported").format(
                    path=path, line_no=line_no, error=exc)) from None
            card = Card(card_id, ANKI_SECTION, "cloze", _bilingual(""), _bilingual(back), tags=tags,
                        cloze=_bilingual(cloze_for_card(front, 0)))
        else:
            card = Card(card_id, ANKI_SECTION, "qa", _bilingual(front), _bilingual(back), tags=tags)
        deck = cells.get("deck", "").strip()
        parts = deck.split("::")
        if parts[-1] in SECTIONS and deck == deck_of({}, parts[-1]):
            card = Card(card.id, parts[-1], card.kind, card.front, card.back, card.tags, cloze=card.cloze)
            deck = ""
        incoming.append(IncomingCard(card, {"guid": guid, "deck": deck, "notetype": notetype}))
    if not incoming:
        raise UserError(ErrorText.tr("{path}: no cards in the file; nothing was imported").format(path=path))
    return incoming


__all__ = ["AnkiService", "AnkiImportReport", "AnkiExportReport", "AnkiPackageError", "cards_of_collection",
           "read_anki_csv", "card_id_for", "guid_for", "export_fields", "state_from_anki", "anki_today",
           "QA_NOTETYPE", "CLOZE_NOTETYPE", "ANKI_SECTION"]
