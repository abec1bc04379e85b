"""Notes → cards (content/FORMAT.md § Notes files): read notes files safely, show what they
would become (`NotesImportService.preview`), write the deck file and import it
(`NotesImportService.import_notes`).

A notes file is refused whole, with one line naming the file and the problem, when it is not a
regular file, is empty, is larger than MAX_NOTES_BYTES, is binary, mixes text encodings, or
holds no question; then nothing is written anywhere. Accepted encodings: UTF-8 (with or without
a byte-order mark), UTF-16 with a byte-order mark, and GB18030 (GBK) for older Chinese notes.

The deck file is written next to the collection's other user data (platformdirs'
user data folder, `decks/<slug>.toml`) unless a path is given; it is replaced only after the
import succeeded, so a refused import leaves the previous file as it was.

The deck is a deck of the collection (services/decks.py) with origin "notes": the two
functions under "The collection" below are where this module meets it.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from quizapp.domain import toml_text
from quizapp.domain.deck import parse_card_table
from quizapp.domain.notes_deck import (DeckSection, NotesCard, NotesDeck, Rename, card_tags, deck_slug,
                                       match_renames, notes_card_id, render_deck)
from quizapp.domain.notes_parse import ParsedNotes, clean_text, parse_notes, question_key
from quizapp.services.changes import CONTENT, NOTHING, Changes
from quizapp.services.errors import DeckInvalid, UserError
from quizapp.store.database import Database
from quizapp.i18n.text import QT_TRANSLATE_NOOP, ImportText

MAX_NOTES_BYTES: Final = 50 * 1024 * 1024
MARKDOWN_SUFFIXES: Final = (".md", ".markdown", ".mdown", ".mkd")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"SQLite format 3")
_FILE_KINDS = ((stat.S_ISDIR, QT_TRANSLATE_NOOP("ImportText", "a folder")),
               (stat.S_ISFIFO, QT_TRANSLATE_NOOP("ImportText", "a FIFO")),
               (stat.S_ISCHR, QT_TRANSLATE_NOOP("ImportText", "a character device")),
               (stat.S_ISBLK, QT_TRANSLATE_NOOP("ImportText", "a block device")),
               (stat.S_ISSOCK, QT_TRANSLATE_NOOP("ImportText", "a socket")))


class NotesInvalid(UserError):
    """A notes file that cannot become cards; the message is one line and names the file."""


class RenamesUnconfirmed(UserError):
    """Questions that look reworded: the person must say whether they are the old cards."""

    def __init__(self, renames: Sequence[Rename]) -> None:
        self.renames = list(renames)
        super().__init__(ImportText.tr("earlier cards resemble %n reworded question(s) (listed by --dry-run): rerun "
                                       "with --accept-renames to keep their schedules, or --reject-renames to "
                                       "import them as new cards", "", len(renames)))


# ----------------------------------------------------------------------------- reading files


def read_notes_file(path: Path, limit: int = MAX_NOTES_BYTES) -> str:
    """The text of one notes file, or NotesInvalid with one line naming the file and why not."""
    def refuse(why: str) -> NotesInvalid:
        return NotesInvalid(f"{path}: {why}")

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise refuse(ImportText.tr("cannot open the file ({error})").format(error=exc.strerror or exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _FILE_KINDS if test(mode)),
                        QT_TRANSLATE_NOOP("ImportText", "a special file"))
            raise refuse(ImportText.tr("not a regular file ({kind}); give a notes file (.txt or .md)").format(
                kind=ImportText.tr(kind)))
        too_big = refuse(ImportText.tr(
            "the file is larger than the limit of {limit} bytes ({mib} MiB); split the notes into several "
            "files").format(
            limit=f"{limit:,}", mib=limit // 2**20))
        if os.fstat(fd).st_size > limit:
            raise too_big
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while we read
                raise too_big
    except OSError as exc:
        raise refuse(ImportText.tr("cannot read the file ({error})").format(error=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    return decode_notes(b"".join(chunks), str(path))


def decode_notes(data: bytes, name: str) -> str:
    """Bytes of a notes file -> text (see the module docstring for the encodings)."""
    def refuse(why: str) -> NotesInvalid:
        return NotesInvalid(f"{name}: {why}")

    if not data.strip():
        raise refuse(ImportText.tr("the file is empty"))
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _text_or_empty(data.decode(codec), refuse)
            except UnicodeDecodeError as exc:
                raise refuse(ImportText.tr(
                    "not valid {codec} text although it starts with that byte-order mark (byte {byte})").format(
                    codec=codec.upper(), byte=exc.start)) from None
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise refuse(ImportText.tr("a binary file, not text notes (a UTF-16 file needs its byte-order mark)"))
    try:
        return _text_or_empty(data.decode("utf-8"), refuse)
    except UnicodeDecodeError:
        pass
    # Not UTF-8. A file some of whose lines are UTF-8 text and others are not was put together
    # from two encodings: no single decoding reads it right, so it is refused with the first
    # line that breaks, rather than half of it turned into mojibake.
    first_bad, utf8_text_lines = 0, 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
            utf8_text_lines += not raw.isascii()
        except UnicodeDecodeError:
            first_bad = first_bad or number
    if utf8_text_lines:
        raise refuse(ImportText.tr(
            "mixed text encodings: line {line} is not UTF-8 while other lines are; save the notes as UTF-8").format(
            line=first_bad))
    try:
        return _text_or_empty(data.decode("gb18030"), refuse)
    except UnicodeDecodeError:
        raise refuse(ImportText.tr(
            "not text in UTF-8 or GB18030 (line {line} cannot be read); save the notes as UTF-8").format(
            line=first_bad)
                     ) from None


def _text_or_empty(text: str, refuse: Any) -> str:
    if not clean_text(text).strip():
        raise refuse(ImportText.tr("the file is empty"))
    return text


def parse_notes_file(path: Path, limit: int = MAX_NOTES_BYTES) -> ParsedNotes:
    parsed = parse_notes(read_notes_file(path, limit), markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)
    if not parsed.cards and not parsed.unpaired and not parsed.duplicates:
        kind = (ImportText.tr("a heading ending in ? or ？, or a line **Q:** …")
                if path.suffix.lower() in MARKDOWN_SUFFIXES else ImportText.tr("a line of its own ending in ? or ？"))
        raise NotesInvalid(ImportText.tr(
            "{path}: no question found (a question is {kind}, followed by its answer)").format(
            path=path, kind=kind))
    if not parsed.cards:
        raise NotesInvalid(ImportText.tr("{path}: no question has an answer (%n question(s) without one, first at "
                                         "line {line})", "", len(parsed.unpaired)).format(
            path=path, line=parsed.unpaired[0].line if parsed.unpaired else 1))
    return parsed


# ----------------------------------------------------------------------------- the preview


@dataclass(frozen=True)
class Located:
    """A question the preview lists apart (unpaired, or a duplicate of `first`)."""

    file: str
    line: int
    question: str
    first: str = ""  # for a duplicate: "FILE:LINE" of the card it repeats


@dataclass
class NotesPreview:
    """What importing the notes would do; nothing has been written yet."""

    deck_name: str
    files: list[str]
    out: Path
    sections: list[DeckSection]
    cards: list[NotesCard]
    status: dict[str, str]  # card id -> "new" | "updated" | "unchanged"
    unpaired: list[Located] = field(default_factory=list)
    duplicates: list[Located] = field(default_factory=list)
    renames: list[Rename] = field(default_factory=list)
    not_in_notes: list[str] = field(default_factory=list)  # earlier cards of the deck the notes no longer have
    outside: list[Located] = field(default_factory=list)  # text under no question (not imported)

    @property
    def picture_only(self) -> list[NotesCard]:
        return [c for c in self.cards if c.picture_only]

    def section_title(self, section_id: str) -> str:
        return next((s.title for s in self.sections if s.id == section_id), section_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "deck": self.deck_name, "files": self.files, "out": str(self.out),
            "sections": [{"id": s.id, "title": s.title} for s in self.sections],
            "cards": [{"id": c.id, "section": c.section, "lang": c.lang, "status": self.status[c.id],
                       "question": c.question, "answer": c.answer, "picture_only": c.picture_only,
                       "tags": list(c.tags), "file": c.file, "line": c.line} for c in self.cards],
            "unpaired": [vars(u) for u in self.unpaired],
            "picture_only": [{"id": c.id, "file": c.file, "line": c.line, "question": c.question}
                             for c in self.picture_only],
            "duplicates": [vars(d) for d in self.duplicates],
            "renames": [vars(r) for r in self.renames],
            "not_in_notes": self.not_in_notes,
            "outside": [vars(o) for o in self.outside],
        }


@dataclass(frozen=True)
class NotesImportResult:
    deck_name: str
    out: Path
    added: int
    updated: int
    unchanged: int
    renamed: int
    skipped: int
    kept_user_edits: int = 0  # cards edited in the app: the notes' version waits for review instead
    changes: Changes = CONTENT

    def summary(self) -> str:
        text = ImportText.tr("imported the notes into deck {deck}: {added} new, {updated} updated, {unchanged} "
                             "unchanged cards").format(deck=self.deck_name, added=self.added, updated=self.updated,
                                                       unchanged=self.unchanged)
        if self.renamed:
            text += ImportText.tr(" (schedules kept for %n reworded question(s))", "", self.renamed)
        if self.skipped:
            text += ImportText.tr("; %n card(s) left out", "", self.skipped)
        if self.kept_user_edits:
            text += ImportText.tr("; kept %n card(s) you edited in the app (the notes' version waits for review in "
                                  "the browser)", "", self.kept_user_edits)
        return text + ImportText.tr("; deck file {path}").format(path=self.out)


def default_deck_name(paths: Sequence[Path]) -> str:
    return f"Notes::{paths[0].stem}" if paths else "Notes"


def default_deck_path(deck_name: str) -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("quizapp", appauthor=False)) / "decks" / f"{deck_slug(deck_name)}.toml"


def no_collection_at(path_or_url: str | Path | None) -> bool:
    """True when the database file named does not exist yet (a dry run then compares with an
    empty collection and creates nothing); False for an existing file or a server URL."""
    from quizapp.store.database import StoreError, database_path, database_url, default_database_path

    if path_or_url is None or not str(path_or_url).strip():
        return not default_database_path().exists()  # without creating the user data folder
    try:
        path = database_path(database_url(path_or_url))
    except StoreError:
        return False  # opening it says what is wrong
    return path is not None and not path.exists()


class NotesImportService:
    """Over a collection, or over none (`db=None`: a preview against an empty collection)."""

    def __init__(self, db: Database | None) -> None:
        self.db = db

    def preview(self, paths: Sequence[Path], deck_name: str | None = None, out: Path | None = None,
                limit: int = MAX_NOTES_BYTES) -> NotesPreview:
        if not paths:
            raise NotesInvalid(ImportText.tr("no notes file given"))
        name = (deck_name or default_deck_name(paths)).strip()
        if not name or any(not part.strip() for part in name.split("::")):
            raise NotesInvalid(ImportText.tr(
                "deck name {deck}: give a name such as NNDL::ch07 (no empty part)").format(
                deck=f"{deck_name!r}"))
        parsed = [(str(p), parse_notes_file(p, limit)) for p in paths]  # every file is checked before anything
        sections: list[DeckSection] = []
        cards: list[NotesCard] = []
        seen: dict[str, NotesCard] = {}
        unpaired: list[Located] = []
        duplicates: list[Located] = []
        outside: list[Located] = []
        for file, notes in parsed:
            ids = _merge_sections(sections, notes)
            for u in notes.unpaired:
                unpaired.append(Located(file, u.line, u.question))
            outside.extend(Located(file, line, text) for line, text in notes.outside)
            for d in notes.duplicates:
                duplicates.append(Located(file, d.line, d.question, f"{file}:{d.first_line}"))
            for note in notes.cards:
                section = next(s for s in sections if s.id == ids[note.section])
                card = NotesCard(id=notes_card_id(name, note.question), section=section.id, question=note.question,
                                 answer=note.answer, lang=note.lang,
                                 tags=card_tags(section, note.lang, note.picture_only),
                                 picture_only=note.picture_only, file=file, line=note.line)
                if card.id in seen:  # the same question in another file
                    first = seen[card.id]
                    duplicates.append(Located(file, note.line, note.question, f"{first.file}:{first.line}"))
                    continue
                seen[card.id] = card
                cards.append(card)
        used = {c.section for c in cards}
        sections = [s for s in sections if s.id in used]
        existing = existing_notes_cards(self.db, name)
        # A card that kept its id through an accepted rename has a question whose own id is
        # another: the same question text finds it without asking again.
        id_of_question = {question_key(q): i for i, (q, _a) in existing.items()}
        cards = [c if c.id in existing else replace(c, id=id_of_question.get(question_key(c.question), c.id))
                 for c in cards]
        renames = match_renames({c.id: c.question for c in cards}, {i: q for i, (q, _a) in existing.items()})
        renamed_old = {r.old_id for r in renames}
        status = {c.id: _status(c, existing.get(c.id)) for c in cards}
        not_in_notes = sorted(set(existing) - set(status) - renamed_old)
        return NotesPreview(deck_name=name, files=[f for f, _n in parsed], out=out or default_deck_path(name),
                            sections=sections, cards=cards, status=status, unpaired=unpaired,
                            duplicates=duplicates, renames=renames, not_in_notes=not_in_notes, outside=outside)

    def import_notes(self, preview: NotesPreview, *, accept_renames: bool | Collection[str] | None = None,
                     skip: Collection[str] = (), edits: Mapping[str, tuple[str, str]] | None = None
                     ) -> NotesImportResult:
        """Write the deck file and import it. `skip`: card ids left out; `edits`: card id ->
        (question, answer) as the person corrected them; `accept_renames`: True / False for
        every match, or the new ids whose match is accepted; None with matches is refused
        (RenamesUnconfirmed), as the person has not said."""
        if self.db is None:
            raise NotesInvalid(ImportText.tr("no collection to import into"))
        if preview.renames and accept_renames is None:
            raise RenamesUnconfirmed(preview.renames)
        accepted = ({r.new_id for r in preview.renames} if accept_renames is True else set() if not accept_renames
                    else set(accept_renames))
        old_id_of = {r.new_id: r.old_id for r in preview.renames if r.new_id in accepted}
        cards: list[NotesCard] = []
        for card in preview.cards:
            if card.id in skip:
                continue
            question, answer = (edits or {}).get(card.id, (card.question, card.answer))
            if not question.strip():
                raise NotesInvalid(ImportText.tr(
                    "{file}:{line}: the question is empty; give it a text or leave it out").format(
                    file=card.file, line=card.line))
            cards.append(replace(card, id=old_id_of.get(card.id, card.id), question=question.strip(),
                                 answer=answer.strip(), picture_only=card.picture_only and not answer.strip()))
        if not cards:
            raise NotesInvalid(ImportText.tr("every card was left out; nothing to import"))
        sections = [s for s in preview.sections if s.id in {c.section for c in cards}]
        deck = NotesDeck(name=preview.deck_name, sections=sections, cards=cards, sources=preview.files)
        text = render_deck(deck)
        _check_deck_text(text, deck, preview.out)
        counts = import_notes_deck(self.db, deck, text, preview.out)
        renamed = sum(1 for c in cards if c.id in old_id_of.values())
        return NotesImportResult(deck_name=deck.name, out=preview.out, added=counts["added"],
                                 updated=counts["updated"], unchanged=counts["unchanged"], renamed=renamed,
                                 skipped=len(preview.cards) - len(cards), kept_user_edits=counts["kept_user_edits"],
                                 changes=CONTENT if counts["added"] or counts["updated"] else NOTHING)


def _merge_sections(sections: list[DeckSection], notes: ParsedNotes) -> list[str]:
    """Add this file's sections to the deck's (a numbered section is one section whatever file
    it is in; an unnumbered one is matched by title, else numbered 1, 2, … after the others);
    the deck's section id of each of the file's sections."""
    ids: list[str] = []
    for s in notes.sections:
        if s.number and len(s.number) <= 16:
            if not any(d.id == s.number for d in sections):
                sections.append(DeckSection(s.number, s.title))
            ids.append(s.number)
            continue
        same = next((d for d in sections if d.title == s.title and not d.id.count(".")), None)
        if same is not None:
            ids.append(same.id)
            continue
        taken = {d.id for d in sections} | {x.number for x in notes.sections if x.number}
        n = 1
        while str(n) in taken:
            n += 1
        sections.append(DeckSection(str(n), s.title or f"Section {n}"))
        ids.append(str(n))
    return ids


def _status(card: NotesCard, before: tuple[str, str] | None) -> str:
    if before is None:
        return "new"
    return "unchanged" if question_key(before[0]) == question_key(card.question) and \
        before[1].strip() == card.table()["back"]["zh"].strip() else "updated"


def _check_deck_text(text: str, deck: NotesDeck, out: Path) -> None:
    """The file reads back as written: TOML, and every card valid for the deck validator."""
    data = toml_text.loads(text)
    problems: list[str] = []
    for raw in data["card"]:
        _card, issues = parse_card_table({**raw, "section": "7.1"})  # sections: checked by the import
        problems.extend(f"{out}: {issue}" for issue in issues)
    if problems:
        raise DeckInvalid(problems)


# ----------------------------------------------------------------------------- the collection
# A notes deck is a deck of the collection (services/decks.py): its cards are the deck's cards,
# and its file is imported by services/importer.py, which reads the `[deck]` header (name,
# origin "notes", sections).


def existing_notes_cards(db: Database | None, deck_name: str) -> dict[str, tuple[str, str]]:
    """The deck's cards already in the collection: id -> (question, answer)."""
    if db is None:
        return {}
    from sqlalchemy import select

    from quizapp.store.models import CardRow, DeckRow

    with db.read_session() as session:
        rows = session.execute(select(CardRow.id, CardRow.front_zh, CardRow.back_zh)
                               .join(DeckRow, DeckRow.id == CardRow.deck_id)
                               .where(DeckRow.name == deck_name)).all()
    return {r.id: (r.front_zh, r.back_zh) for r in rows}


def import_notes_deck(db: Database, deck: NotesDeck, text: str, out: Path) -> dict[str, int]:
    """Import the deck file `text` (its `[deck]` header names the deck) and, once that
    succeeded, put the file in place at `out`; the counts added / updated / unchanged. A refused
    deck leaves the collection and `out` as they were."""
    from quizapp.services.importer import import_deck

    if out.exists() and not out.is_file():
        raise NotesInvalid(ImportText.tr(
            "cannot write the deck file {path}: it is not a file (give a path ending in .toml)").format(
            path=out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, staged_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise NotesInvalid(ImportText.tr(
            "cannot write the deck file {path}: {error}").format(
            path=out, error=exc.strerror or exc)) from None
    staged = Path(staged_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        with tempfile.TemporaryDirectory(prefix="quizapp-notes-") as folder:
            # the importer reads *.toml files: the same text under the deck file's own name
            readable = Path(folder) / (out.name if out.suffix == ".toml" else out.name + ".toml")
            readable.write_text(text, encoding="utf-8", newline="\n")
            try:
                report = import_deck(db, [readable], deck=deck.name)
            except DeckInvalid as exc:
                raise DeckInvalid([i.replace(str(readable), str(out)) for i in exc.issues]) from None
        os.replace(staged, out)
    finally:
        staged.unlink(missing_ok=True)
    return {"added": report.added, "updated": report.updated, "unchanged": report.unchanged,
            "kept_user_edits": len(report.kept_user_edits)}


