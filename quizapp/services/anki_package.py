"""Anki's package files (.apkg, .colpkg) read and written with the standard library (docs/anki.md).

A package is a zip holding an SQLite collection and its media:

- `collection.anki2` (schema 11; what old Anki and genanki write), or `collection.anki21` (schema
  11, Anki's legacy export) with a protobuf `meta` member, or `collection.anki21b` (schema 18,
  zstd-compressed; Anki's current default, `meta` says version 3). Anki beside the latter always
  writes a dummy `collection.anki2` saying "update Anki": the `meta` member decides.
- `media`: a JSON map {"0": "name.png"} (legacy) or zstd protobuf `MediaEntries` (latest); the
  files are the members "0", "1", ... (zstd-compressed in the latest flavour).

Schema 11 keeps note types, decks and settings as JSON in the `col` row; schema 18 keeps them
in tables whose `config` columns are protobuf (a few fields of which are read here with a
small decoder: the note type's kind, the templates' question and answer formats).

Reading never trusts the package: its size, each member's size and compression ratio, media
names, the schema version and that the collection is an SQLite file are checked, and any
problem is one `AnkiPackageError` naming it. Only `zstandard` (for the latest flavour) comes
from outside the standard library, and only when such a package is read.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final

from quizapp.services.errors import UserError
from quizapp.i18n.text import ErrorText, ImportText

MAX_PACKAGE_BYTES: Final = 1 << 30  # 1 GiB on disk
MAX_UNPACKED_BYTES: Final = 2 << 30  # all members together, unpacked
MAX_RATIO: Final = 200  # unpacked / packed for one member (an SQLite file compresses ~5-20x)
RATIO_FLOOR_BYTES: Final = 1 << 20  # members this small may compress as they like
FIELD_SEPARATOR: Final = "\x1f"

# card.type / card.queue values (rslib/src/card/mod.rs)
TYPE_NEW, TYPE_LEARN, TYPE_REVIEW, TYPE_RELEARN = 0, 1, 2, 3
QUEUE_SUSPENDED, QUEUE_SIBLING_BURIED, QUEUE_MANUALLY_BURIED = -1, -2, -3
QUEUE_NEW, QUEUE_LEARN, QUEUE_REVIEW, QUEUE_DAY_LEARN = 0, 1, 2, 3


class AnkiPackageError(UserError):
    """A package that cannot be read; the message names the problem. Nothing was imported."""

    exit_code = 4

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(ImportText.tr("{path}: {problem}; nothing was imported").format(path=path,
                                                                                        problem=problem))


@dataclass
class NoteType:
    id: int
    name: str
    is_cloze: bool
    fields: list[str]
    templates: list[tuple[str, str, str]]  # (name, question format, answer format)


@dataclass
class Note:
    id: int
    guid: str
    notetype_id: int
    tags: list[str]
    fields: list[str]
    mod: int = 0


@dataclass
class AnkiCard:
    id: int
    note_id: int
    deck_id: int
    ord: int
    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int = 0
    odue: int = 0
    odid: int = 0


@dataclass
class RevlogEntry:
    id: int  # milliseconds since the epoch: when the answer was given
    card_id: int
    ease: int  # 1-4 (Again, Hard, Good, Easy); 0 for a manual reschedule
    ivl: int  # days when positive, seconds when negative (learning steps)
    last_ivl: int
    factor: int  # permille ease, or FSRS difficulty in an FSRS collection
    time_ms: int
    type: int  # 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled


@dataclass
class Collection:
    """What quizapp reads of (or writes into) an Anki collection."""

    crt: int  # creation time (seconds); review due dates count days from its study day
    rollover_hour: int = 4
    fsrs: bool = False
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)  # id -> "A::B"
    notes: list[Note] = field(default_factory=list)
    cards: list[AnkiCard] = field(default_factory=list)
    revlog: list[RevlogEntry] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)  # file name -> content
    version: str = ""  # the collection member's name


# ----------------------------------------------------------------------------- protobuf


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def protobuf_fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) of a protobuf message: ints for varints, bytes for
    length-delimited fields; fixed-width fields are skipped. ValueError when malformed."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
            yield number, value
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise ValueError("truncated field")
            yield number, data[pos:pos + length]
            pos += length
        elif wire == 1:
            pos += 8
        elif wire == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire}")


# ----------------------------------------------------------------------------- reading


def _zstd_decompress(data: bytes, limit: int, what: str, path: Path) -> bytes:
    try:
        import zstandard
    except ImportError:
        raise AnkiPackageError(path, ImportText.tr(
            "this package is in Anki's current format (zstd-compressed), which needs the 'zstandard' package: "
            "pip install zstandard")) from None
    try:
        with zstandard.ZstdDecompressor().stream_reader(data) as reader:
            out = reader.read(limit + 1)
    except zstandard.ZstdError as exc:
        raise AnkiPackageError(path, ImportText.tr(
            "{what} is not valid zstd data ({error})").format(
            what=what, error=exc)) from None
    if len(out) > limit:
        raise AnkiPackageError(path, ImportText.tr(
            "{what} unpacks to more than {limit} bytes (the limit)").format(
            what=what, limit=f"{limit:,}"))
    return bytes(out)


def _check_member(info: zipfile.ZipInfo, path: Path) -> None:
    if info.file_size > MAX_UNPACKED_BYTES:
        raise AnkiPackageError(path, ImportText.tr(
            "member '{member}' unpacks to {size} bytes, over the limit of {limit}").format(
            member=info.filename, size=f"{info.file_size:,}", limit=f"{MAX_UNPACKED_BYTES:,}"))
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise AnkiPackageError(path, ImportText.tr(
            "member '{member}' is compressed {ratio}:1, over the limit of {limit}:1 (a zip bomb?)").format(
            member=info.filename, ratio=ratio, limit=MAX_RATIO))


def _read_member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    info = archive.getinfo(name)
    _check_member(info, path)
    with archive.open(info) as f:
        data = f.read(MAX_UNPACKED_BYTES + 1)
    if len(data) > MAX_UNPACKED_BYTES:  # the header lied about the size
        raise AnkiPackageError(path, ImportText.tr(
            "member '{member}' unpacks to more than {limit} bytes").format(
            member=name, limit=f"{MAX_UNPACKED_BYTES:,}"))
    return data


def safe_media_name(name: str) -> bool:
    """A media file name that stays inside the media folder: no folders, no '..', not absolute."""
    if not name or name in (".", "..") or "\x00" in name or len(name) > 255:
        return False
    if "/" in name or "\\" in name or PurePosixPath(name).is_absolute() or (len(name) > 1 and name[1] == ":"):
        return False
    return not any(ord(c) < 32 for c in name)


def open_regular_file(path: Path, limit: int) -> int:
    """A descriptor on `path` if it is a regular file of at most `limit` bytes (opened without
    blocking, so a FIFO cannot hang us); AnkiPackageError otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise AnkiPackageError(path, ImportText.tr(
            "cannot open: {error}").format(
            error=exc.strerror or exc)) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise AnkiPackageError(path, ImportText.tr("not a regular file"))
    if st.st_size > limit:
        os.close(fd)
        raise AnkiPackageError(path, ImportText.tr(
            "the file is {size} bytes, over the limit of {limit} ({mib} MiB)").format(
            size=f"{st.st_size:,}", limit=f"{limit:,}", mib=limit >> 20))
    return fd


def read_package(path: Path) -> Collection:
    """Read an .apkg or .colpkg file. AnkiPackageError (one line) for anything wrong with it."""
    fd = open_regular_file(path, MAX_PACKAGE_BYTES)
    with os.fdopen(fd, "rb") as raw:
        if not zipfile.is_zipfile(raw):
            raise AnkiPackageError(path, ImportText.tr("not an Anki package (not a zip file)"))
        try:
            archive = zipfile.ZipFile(raw)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise AnkiPackageError(path, ImportText.tr("damaged zip file ({error})").format(error=exc)) from None
        try:
            with archive:
                return _read_archive(archive, path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
            raise AnkiPackageError(path, ImportText.tr("damaged zip file ({error})").format(error=exc)) from None


def _read_archive(archive: zipfile.ZipFile, path: Path) -> Collection:
    names = set(archive.namelist())
    total = sum(i.file_size for i in archive.infolist())
    if total > MAX_UNPACKED_BYTES:
        raise AnkiPackageError(path, f"the package unpacks to {total:,} bytes, over the limit of "
                                     f"{MAX_UNPACKED_BYTES:,} ({MAX_UNPACKED_BYTES >> 30} GiB)")
    version = 0
    if "meta" in names:
        try:
            found = dict(protobuf_fields(_read_member(archive, "meta", path))).get(1, 0)
            if not isinstance(found, int):
                raise ValueError("version is not a number")
            version = found
        except ValueError:
            raise AnkiPackageError(path, ImportText.tr("its 'meta' member is not Anki package metadata")) from None
        if version not in (1, 2, 3):
            raise AnkiPackageError(path, ImportText.tr(
                "unknown package version {version} (quizapp reads versions 1-3: collection.anki2, .anki21 and "
                ".anki21b); export it again from Anki").format(
                version=version))
    elif "collection.anki21" in names:
        version = 2
    elif "collection.anki2" in names:
        version = 1
    else:
        raise AnkiPackageError(path, ImportText.tr(
            "no collection inside (expected collection.anki2, .anki21 or .anki21b)"))
    member = {1: "collection.anki2", 2: "collection.anki21", 3: "collection.anki21b"}[version]
    if member not in names:
        raise AnkiPackageError(path, ImportText.tr(
            "the package says it holds {member}, which is missing").format(
            member=member))
    data = _read_member(archive, member, path)
    latest = version == 3
    if latest:
        data = _zstd_decompress(data, MAX_UNPACKED_BYTES, member, path)
    collection = _read_collection_bytes(data, path, member)
    collection.version = member
    collection.media = _read_media(archive, names, latest, path)
    return collection


def _read_media(archive: zipfile.ZipFile, names: set[str], latest: bool, path: Path) -> dict[str, bytes]:
    if "media" not in names:
        return {}
    raw = _read_member(archive, "media", path)
    listing: list[tuple[str, str]] = []  # (member, file name)
    try:
        if latest:
            raw = _zstd_decompress(raw, 64 << 20, ImportText.tr("the media list"), path)
            for index, (number, entry) in enumerate(protobuf_fields(raw)):
                if number != 1 or not isinstance(entry, bytes):
                    continue
                fields = dict(protobuf_fields(entry))
                raw_name, number_in_zip = fields.get(1, b""), fields.get(255, index)
                listing.append((str(number_in_zip), raw_name.decode("utf-8") if isinstance(raw_name, bytes) else ""))
        else:
            mapping = json.loads(raw.decode("utf-8") or "{}")
            if not isinstance(mapping, dict):
                raise ValueError("not a map")
            listing = [(str(k), str(v)) for k, v in mapping.items()]
    except (ValueError, UnicodeDecodeError):
        raise AnkiPackageError(path, ImportText.tr("its media list is damaged")) from None
    media: dict[str, bytes] = {}
    for member, name in listing:
        if not safe_media_name(name):
            raise AnkiPackageError(path, ImportText.tr(
                "media file name {name} would be written outside the media folder (a path, '..' or an absolute "
                "name)").format(
                name=f"{name!r}"))
        if member not in names:
            raise AnkiPackageError(path, ImportText.tr(
                "media file {name} is listed but missing (member '{member}')").format(
                name=f"{name!r}", member=member))
        content = _read_member(archive, member, path)
        if latest:
            content = _zstd_decompress(content, MAX_UNPACKED_BYTES, ImportText.tr(
                "media file {name}").format(
                name=f"{name!r}"), path)
        media[name] = content
    return media


def _read_collection_bytes(data: bytes, path: Path, member: str) -> Collection:
    if not data.startswith(b"SQLite format 3\x00"):
        raise AnkiPackageError(path, ImportText.tr("{member} is not an SQLite database").format(member=member))
    with tempfile.TemporaryDirectory(prefix="quizapp-anki-") as folder:
        db_path = Path(folder) / "collection.sqlite"
        db_path.write_bytes(data)
        try:
            conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise AnkiPackageError(path, ImportText.tr(
                "{member} cannot be opened ({error})").format(
                member=member, error=exc)) from None
        try:
            return _read_collection(conn, path, member)
        except sqlite3.DatabaseError as exc:
            raise AnkiPackageError(path, ImportText.tr(
                "{member} is not a readable Anki collection ({error})").format(
                member=member, error=exc)) from None
        finally:
            conn.close()


def _read_collection(conn: sqlite3.Connection, path: Path, member: str) -> Collection:
    row = conn.execute("select crt, ver, conf, models, decks from col").fetchone()
    if row is None:
        raise AnkiPackageError(path, ImportText.tr("{member} has no collection row").format(member=member))
    crt, ver, conf_text, models_text, decks_text = row
    if ver not in (11, 18):
        raise AnkiPackageError(path, ImportText.tr(
            "unknown collection schema version {version} (quizapp reads schemas 11 and 18)").format(
            version=ver))
    col = Collection(crt=int(crt))
    try:
        if ver == 11:
            conf = json.loads(conf_text or "{}")
            _read_schema11_meta(col, conf, json.loads(models_text or "{}"), json.loads(decks_text or "{}"))
        else:
            _read_schema18_meta(col, conn)
    except (ValueError, KeyError, TypeError) as exc:
        raise AnkiPackageError(path, ImportText.tr(
            "{member}: damaged note types, decks or settings ({error})").format(
            member=member, error=exc)) from None
    for nid, guid, mid, mod, tags, flds in conn.execute("select id, guid, mid, mod, tags, flds from notes order by id"):
        col.notes.append(Note(int(nid), str(guid), int(mid), str(tags).split(), str(flds).split(FIELD_SEPARATOR),
                              int(mod)))
    for *values, data in conn.execute("select id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, left, "
                                      "odue, odid, data from cards order by id"):
        col.cards.append(AnkiCard(*(int(v) for v in values)))
        # An FSRS memory state on a card ({"s": stability, "d": difficulty}) means the collection
        # schedules with FSRS, even where the package leaves its settings out (an .apkg does).
        if not col.fsrs and data and '"d"' in str(data):
            try:
                col.fsrs = "d" in json.loads(data)
            except ValueError:
                pass
    for values in conn.execute("select id, cid, ease, ivl, lastIvl, factor, time, type from revlog order by id"):
        col.revlog.append(RevlogEntry(*(int(v) for v in values)))
    return col


def _read_schema11_meta(col: Collection, conf: dict[str, Any], models: dict[str, Any], decks: dict[str, Any]) -> None:
    col.rollover_hour = int(conf.get("rollover", 4))
    col.fsrs = bool(conf.get("fsrs", False))
    for model in models.values():
        col.notetypes[int(model["id"])] = NoteType(
            int(model["id"]), str(model["name"]), int(model.get("type", 0)) == 1,
            [f["name"] for f in sorted(model["flds"], key=lambda f: f["ord"])],
            [(t["name"], t.get("qfmt", ""), t.get("afmt", "")) for t in sorted(model["tmpls"], key=lambda t: t["ord"])])
    col.decks = {int(d["id"]): str(d["name"]) for d in decks.values()}


def _read_schema18_meta(col: Collection, conn: sqlite3.Connection) -> None:
    config = {key: val for key, val in conn.execute("select key, val from config")}
    if "rollover" in config:
        col.rollover_hour = int(json.loads(config["rollover"]))
    col.fsrs = bool(json.loads(config.get("fsrs", b"false")))
    fields: dict[int, list[str]] = {}
    for ntid, name in conn.execute("select ntid, name from fields order by ntid, ord"):
        fields.setdefault(int(ntid), []).append(str(name))
    templates: dict[int, list[tuple[str, str, str]]] = {}
    for ntid, name, blob in conn.execute("select ntid, name, config from templates order by ntid, ord"):
        parts = dict(protobuf_fields(bytes(blob)))
        text = {k: v.decode("utf-8") if isinstance(v, bytes) else "" for k, v in parts.items() if k in (1, 2)}
        templates.setdefault(int(ntid), []).append((str(name), text.get(1, ""), text.get(2, "")))
    for ntid, name, blob in conn.execute("select id, name, config from notetypes"):
        kind = dict(protobuf_fields(bytes(blob))).get(1, 0)  # NotetypeConfig.kind: 1 = cloze
        col.notetypes[int(ntid)] = NoteType(int(ntid), str(name), kind == 1, fields.get(int(ntid), []),
                                            templates.get(int(ntid), []))
    col.decks = {int(did): str(name).replace(FIELD_SEPARATOR, "::") for did, name in
                 conn.execute("select id, name from decks")}


# ----------------------------------------------------------------------------- writing


SCHEMA11_SQL: Final = """
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,
  left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
"""

_DECK_DEFAULTS: Final = {"usn": -1, "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0],
                         "timeToday": [0, 0], "collapsed": False, "browserCollapsed": False, "desc": "", "dyn": 0,
                         "conf": 1, "extendNew": 0, "extendRev": 0}
_DECK_CONFIG: Final = {
    "id": 1, "mod": 0, "name": "Default", "usn": 0, "maxTaken": 60, "autoplay": True, "timer": 0, "replayq": True,
    "dyn": False, "new": {"bury": False, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1,
                          "perDay": 20},
    "rev": {"bury": False, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2},
    "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0},
}


def field_checksum(first_field: str) -> int:
    """Anki's `notes.csum`: the first 8 hex digits of the SHA-1 of the first field (HTML stripped
    by Anki; quizapp's fields hold no markup that would change the digest materially)."""
    return int(hashlib.sha1(first_field.encode("utf-8")).hexdigest()[:8], 16)


def _notetype_json(nt: NoteType, mod: int) -> dict[str, Any]:
    return {
        "id": nt.id, "name": nt.name, "type": 1 if nt.is_cloze else 0, "mod": mod, "usn": -1, "sortf": 0, "did": None,
        "tmpls": [{"name": name, "ord": i, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "", "did": None, "bfont": "",
                   "bsize": 0} for i, (name, q, a) in enumerate(nt.templates)],
        "flds": [{"name": name, "ord": i, "sticky": False, "rtl": False, "font": "Arial", "size": 20, "media": []}
                 for i, name in enumerate(nt.fields)],
        "css": ".card { font-family: arial; font-size: 20px; text-align: center; color: black; "
               "background-color: white; }\n",
        "latexPre": "", "latexPost": "", "latexsvg": False,
        "req": [[i, "any", [0]] for i in range(len(nt.templates))] if not nt.is_cloze else [],
        "tags": [], "vers": [],
    }


def write_package(col: Collection, target: Path) -> None:
    """Write `col` as a schema-11 .apkg (collection.anki2 + JSON media map, which every Anki version
    imports) to `target`, whole or not at all (a temporary file renamed into place)."""
    mod_ms = max((n.id for n in col.notes), default=col.crt * 1000)
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as folder:
        db_path = Path(folder) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            # a scratch file zipped at the end: no journal, no syncing
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA11_SQL)
            conf = {"schedVer": 2, "rollover": col.rollover_hour, "nextPos": len(col.cards) + 1, "activeDecks": [1],
                    "curDeck": 1, "sortType": "noteFld", "sortBackwards": False, "addToCur": True, "newSpread": 0,
                    "dueCounts": True, "collapseTime": 1200, "estTimes": True, "timeLim": 0}
            decks = {"1": {"id": 1, "mod": 0, "name": "Default", **_DECK_DEFAULTS}}
            for did, name in col.decks.items():
                decks[str(did)] = {"id": did, "mod": mod_ms // 1000, "name": name, **_DECK_DEFAULTS}
            models = {str(nt.id): _notetype_json(nt, mod_ms // 1000) for nt in col.notetypes.values()}
            conn.execute("insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
                         (col.crt, mod_ms, mod_ms, json.dumps(conf), json.dumps(models), json.dumps(decks),
                          json.dumps({"1": _DECK_CONFIG})))
            conn.executemany("insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')",
                             [(n.id, n.guid, n.notetype_id, n.mod, " " + " ".join(n.tags) + " " if n.tags else "",
                               FIELD_SEPARATOR.join(n.fields), n.fields[0] if n.fields else "",
                               field_checksum(n.fields[0] if n.fields else "")) for n in col.notes])
            conn.executemany("insert into cards values (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '')",
                             [(c.id, c.note_id, c.deck_id, c.ord, mod_ms // 1000, c.type, c.queue, c.due, c.ivl,
                               c.factor, c.reps, c.lapses, c.left, c.odue, c.odid) for c in col.cards])
            conn.executemany("insert into revlog values (?, ?, -1, ?, ?, ?, ?, ?, ?)",
                             [(r.id, r.card_id, r.ease, r.ivl, r.last_ivl, r.factor, r.time_ms, r.type)
                              for r in col.revlog])
            conn.commit()
        finally:
            conn.close()
        media_names = sorted(col.media)
        for name in media_names:
            if not safe_media_name(name):
                raise UserError(ErrorText.tr(
                    "cannot export media file {name}: not a plain file name").format(
                    name=f"{name!r}"))
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        except OSError as exc:
            raise UserError(ErrorText.tr("cannot write {path}: {error}").format(
                path=target, error=exc.strerror or exc)) from None
        try:
            with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(db_path, "collection.anki2")
                archive.writestr("media", json.dumps({str(i): name for i, name in enumerate(media_names)}))
                for i, name in enumerate(media_names):
                    archive.writestr(str(i), col.media[name])
            os.replace(tmp, target)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise UserError(ErrorText.tr("cannot write {path}: {error}").format(
                path=target, error=exc.strerror or exc)) from None
            raise


__all__ = ["AnkiPackageError", "Collection", "NoteType", "Note", "AnkiCard", "RevlogEntry", "read_package",
           "write_package", "protobuf_fields", "safe_media_name", "MAX_PACKAGE_BYTES", "MAX_UNPACKED_BYTES",
           "MAX_RATIO", "FIELD_SEPARATOR"]
