"""quizapp beside Anki's backend on the same collection (a command, not a timed test).

    python -m quizapp.devtools.bench.peers [--cards 100000] [--repeat 50]

Needs the `anki` package (pip install 'quizapp[bench]'; never a runtime dependency). Builds one
collection twice, in quizapp and in Anki: the cards of quizapp.devtools.bench.browser (a topic in 1 in 25
cards, ids, sections as tags) scheduled as quizapp.devtools.bench.store schedules them (90% review cards
due in [-30, 200] days, 1% suspended), 20 new / 200 reviews a day on both sides. Then runs each
operation on one side and at once on the other, alternating, so both see the same machine load,
and prints one table: the median (and p99 for answers) per side and the ratio Anki / quizapp
(above 1: quizapp is faster). `--cards 2000 --repeat 5` is a quick smoke run. The import rows
(`import_rows`, 10k cards) set quizapp's import of a deck file beside Anki's import of the same
notes from a text file, and beside Anki's `add_notes` given the notes built in Python.

Two rows are floors, not operations: the lean answer path's own statements replayed on a copy of
the collection with nothing but the driver between them (`AnswerFloor`), and the parse of the
deck file alone (compiled tomli). Where a floor is already behind Anki's whole operation, no
change to quizapp's Python can put that row ahead (docs/performance.md § Not met yet).
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from quizapp.devtools.bench.browser import search_kinds, varied_card
from quizapp.devtools.bench.store import (NOW, WARM_UP, build_collection, percentile, pin_time_zone, settle_disk,
                                         write_deck)
from quizapp.domain import toml_text
from quizapp.domain.browse import BrowseQuery
from quizapp.domain.studyday import study_day
from quizapp.services.browser import BrowserService
from quizapp.services.database import open_database
from quizapp.services.importer import import_deck
from quizapp.services.study import STUDY_CACHE_KIB, StudyService
from quizapp.store.database import Database, set_pragmas
from quizapp.store.models import CardRow, CardStateRow
# The lean answer path's own SQL text (store/reviews.py), so that the floor cannot drift from it
from quizapp.store.reviews import _APPEND_LOG, _READ_ANSWER_ROW, _STATE_FIELDS, _write_state

NEW_PER_DAY, REVIEWS_PER_DAY = 20, 200  # quizapp's defaults, set on Anki's deck too
ANSWERS = 200  # timed answers of each side (at most what the daily limits leave after the warm-up)
TODAY = study_day(NOW)
# The browser searches of the table, each with the same search on Anki's side.
# (Anki's `prop:due` counts days from today; its ease is quizapp's easiness / 100.)
SEARCHES: dict[str, tuple[BrowseQuery, str, str]] = {
    "text search, 1 in 25 cards, sorted": (
        search_kinds(TODAY)["text 1 in 25, sorted by due"], "dropout", "c.due asc"),
    "text search, one card": (search_kinds(TODAY)["text, 1 card ('054321')"], "054321", "c.id asc"),
    "text + filters": (
        search_kinds(TODAY)["combined (text+section+state+EF+due), by due desc"],
        ("warmup (tag:sec7.2 OR tag:sec7.5) is:review -is:suspended prop:ease>=1.5 prop:ease<=2.8 "
         "prop:due>=-30 prop:due<=120"), "c.due desc"),
}
ANKI_DUE_SCRIPT = ("import sys; from anki.collection import Collection; c = Collection(sys.argv[1]); "
                   "q = c.sched.get_queued_cards(fetch_limit=20); print(q.new_count, q.review_count); c.close()")


def _anki() -> Any:
    try:
        import anki.collection
    except ImportError:
        raise SystemExit("the peers benchmark needs Anki's backend: pip install 'quizapp[bench]'") from None
    return anki.collection


def _anki_note_texts(row: Any) -> tuple[str, str]:
    # Newlines between the columns: a search term (no whitespace) never spans two of them, as in quizapp.
    return f"{row.id}\n{row.front_zh}\n{row.front_en}", f"{row.back_zh}\n{row.back_en}"


def _add_anki_notes(col: Any, rows: Sequence[Any]) -> None:
    collection = _anki()
    notetype = col.models.by_name("Basic")
    deck_id = col.decks.id("Default")
    requests = []
    for row in rows:
        note = col.new_note(notetype)
        note["Front"], note["Back"] = _anki_note_texts(row)
        note.tags = [f"sec{row.section}", *row.tags]
        requests.append(collection.AddNoteRequest(note=note, deck_id=deck_id))
    col.add_notes(requests)


def open_anki(path: Path) -> Any:
    """An Anki collection with quizapp's daily limits: 20 new cards on top of 200 reviews."""
    col = _anki().Collection(str(path))
    config = col.decks.config_dict_for_deck_id(col.decks.id("Default"))
    config["new"]["perDay"], config["rev"]["perDay"] = NEW_PER_DAY, REVIEWS_PER_DAY
    col.decks.save(config)
    col.set_config("newCardsIgnoreReviewLimit", True)
    return col


def build_pair(folder: Path, n: int) -> tuple[Database, Path]:
    """The same n cards and schedules in quizapp (the database) and in Anki (the file's path)."""
    db = open_database(folder / "quizapp.db")
    build_collection(db, n, random.Random(0), make_card=varied_card)
    with db.read_session() as session:
        rows = session.execute(select(CardRow.id, CardRow.section, CardRow.tags, CardRow.front_zh, CardRow.front_en,
                                      CardRow.back_zh, CardRow.back_en, CardStateRow.due_day, CardStateRow.interval,
                                      CardStateRow.easiness, CardStateRow.repetitions, CardStateRow.lapses,
                                      CardStateRow.suspended, CardStateRow.position)
                               .join(CardStateRow, CardStateRow.card_id == CardRow.id)
                               .order_by(CardStateRow.position)).all()
    anki_path = folder / "anki.anki2"
    col = open_anki(anki_path)
    _add_anki_notes(col, rows)
    today = col.sched.today
    card_ids = col.db.list("SELECT c.id FROM cards c JOIN notes n ON c.nid = n.id ORDER BY n.id")
    schedule = []
    for row, card_id in zip(rows, card_ids, strict=True):
        if row.due_day is None:  # new: type 0, queue 0, due = position in the deck
            values = (0, -1 if row.suspended else 0, row.position, 0, 0, 0, 0)
        else:  # review: type 2, queue 2, due = Anki's day number
            values = (2, -1 if row.suspended else 2, today + row.due_day - TODAY, row.interval, row.easiness * 10,
                      row.repetitions, row.lapses)
        schedule.append((*values, card_id))
    col.db.executemany("UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=? WHERE id=?",
                       schedule)
    col.close()
    return db, anki_path


@dataclass
class Row:
    name: str
    quizapp: list[float]
    anki: list[float]
    p99: bool = False

    def cells(self) -> tuple[str, str, str]:
        def shown(times: list[float]) -> str:
            ms = [t * 1000 for t in times]

            def figure(value: float) -> str:  # three places below 0.1 ms (next card: ~0.02)
                return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"
            text = figure(statistics.median(ms))
            return f"{text} / {figure(percentile(ms, 99))}" if self.p99 else text
        ratio = statistics.median(self.anki) / max(statistics.median(self.quizapp), 1e-9)
        return shown(self.anki), shown(self.quizapp), f"{ratio:.1f}x"


def _timed(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    t = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - t


def counts(db: Database, anki_path: Path) -> dict[str, tuple[int, int]]:
    """(quizapp, Anki) per count that makes the comparison like for like."""
    col = _anki().Collection(str(anki_path))
    try:
        queue = StudyService(db).queue(NOW).counts
        queued = col.sched.get_queued_cards(fetch_limit=1)
        with db.read_session() as session:
            qa_total = session.scalar(select(func.count()).select_from(CardRow)) or 0
        out = {"cards": (qa_total, col.card_count()),
               "new today": (queue["new"], queued.new_count), "reviews today": (queue["review"], queued.review_count)}
        for name, (query, anki_search, _) in SEARCHES.items():
            out[name] = (BrowserService(db).search(query).total, len(col.find_cards(anki_search)))
        return out
    finally:
        col.close()


class AnswerFloor:
    """quizapp's answers replayed on a copy of the collection, statement for statement as the lean
    answer path (services/study.py: answer_lean, store/reviews.py) runs them: BEGIN IMMEDIATE,
    the data_version check, the card's read, the UPDATE of the fields that changed, the log's
    INSERT, COMMIT, on a connection with quizapp's pragmas and the study connection's page cache.
    The values are those quizapp's answer stored, read back untimed, so the copy writes the same
    rows to the same pages; no scheduling, checks or cache updates run between the statements."""

    def __init__(self, source: Path, copy: Path) -> None:
        with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
            original.backup(target)  # a consistent copy while quizapp has the file open
        original.close()
        target.close()
        self.source = sqlite3.connect(source, isolation_level=None)  # untimed reads, no snapshot kept
        self.copy = sqlite3.connect(copy)
        set_pragmas(self.copy)
        self.copy.execute(f"PRAGMA cache_size = -{STUDY_CACHE_KIB}")

    def replay(self, card_id: str, log_id: int) -> float:
        """Seconds the copy takes to write the answer quizapp logged as `log_id`."""
        state = self.source.execute(f"SELECT {', '.join(_STATE_FIELDS)}, last_reviewed_at FROM card_state "
                                    "WHERE card_id = ?", (card_id,)).fetchone()
        logged = self.source.execute("SELECT card_id, grade, reviewed_at, study_day, duration_ms, kind, state_before, "
                                     "state_after, undone FROM review_log WHERE id = ?", (log_id,)).fetchone()
        copy = self.copy
        t = time.perf_counter()
        copy.execute("BEGIN IMMEDIATE")
        copy.execute("PRAGMA data_version").fetchone()
        stored = copy.execute(_READ_ANSWER_ROW, (card_id,)).fetchone()
        changed = [i for i in range(len(_STATE_FIELDS)) if state[i] != stored[i]]
        copy.execute(_write_state(tuple(_STATE_FIELDS[i] for i in changed)),
                     (*(state[i] for i in changed), state[-1], card_id))
        copy.execute(_APPEND_LOG, logged)
        copy.execute("COMMIT")
        return time.perf_counter() - t

    def same_rows(self) -> bool:
        """Whether the copy now holds quizapp's card states and review log, row for row."""
        def rows(conn: sqlite3.Connection) -> list[Any]:
            return (conn.execute("SELECT * FROM card_state ORDER BY card_id").fetchall()
                    + conn.execute("SELECT * FROM review_log ORDER BY id").fetchall())
        return rows(self.source) == rows(self.copy)

    def close(self) -> None:
        self.source.close()
        self.copy.close()


def run(n: int, repeat: int, whole: bool = True) -> list[Row]:
    """The table's rows; whole=False leaves out the import and process rows (the slow ones)."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        db, anki_path = build_pair(folder, n)
        print(f"built {n} cards in quizapp and in Anki in {time.perf_counter() - t0:.0f} s", flush=True)
        settle_disk()
        for name, (ours, theirs) in counts(db, anki_path).items():
            print(f"  {name:36} quizapp {ours:>7}   Anki {theirs:>7}" + ("" if ours == theirs else "   DIFFERENT"))
        collection = _anki()
        from anki.cards import Card
        from anki.scheduler.v3 import CardAnswer

        # Anki's default durability is synchronous=FULL (an fsync per commit, the WAL's);
        # quizapp's is NORMAL (store/database.py; docs/reliability.md: a killed process loses no
        # answer, a power cut may lose the last few). The rows compare the two engines at the same
        # durability, Anki set to NORMAL; Anki at its own default gets a row of its own, on a copy.
        shutil.copy(anki_path, folder / "anki-default.anki2")
        col = collection.Collection(str(anki_path))
        col.db.execute("pragma synchronous = normal")
        study = StudyService(db)
        floor = AnswerFloor(folder / "quizapp.db", folder / "quizapp-floor.db")

        def anki_answer(on: Any) -> float:
            queued = on.sched.get_queued_cards(fetch_limit=1).cards[0]
            card = Card(on)
            card._load_from_backend_card(queued.card)
            card.start_timer()
            answer = on.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD)
            return _timed(on.sched.answer_card, answer)

        next_card = Row("next card (Anki: get_queued_cards(fetch_limit=1); quizapp: its step, which also holds "
                        "the card after)", [], [])
        next_two = Row("next card and the one after (Anki: fetch_limit=2, every other answer)", next_card.quizapp, [])
        answers = Row("answer -> committed, median / p99 (both synchronous=NORMAL)", [], [], p99=True)
        sql_alone = Row("answer -> committed, quizapp's SQL alone (the lean path's statements replayed, no Python "
                        "between them: the floor of a Python answer path), beside Anki's whole answer", [],
                        answers.anki, p99=True)
        # Both build their queue once, then keep it (quizapp: services/queue_cache.py). The next
        # card is what the study screen shows: StudyService.step (the card, its kind, the interval
        # of each grade, today's counts and the card after it). Each side answers, then asks for
        # its next card at once, as a study screen does (quizapp's window: answer_and_next); so
        # each side's answer follows the other side's next card, and each next card its own
        # answer. (Timing quizapp's next card right after Anki's answer and Anki's right after
        # quizapp's step, as this loop did before, charged quizapp ~60 us of caches Anki's
        # answer had just filled: 0.095 ms against 0.036 ms alone, 2026-12-03.) The first
        # WARM_UP answers of each side are not timed: the first answer after opening prepares
        # each statement once (printed on its own line).
        step = study.step(NOW)
        col.sched.get_queued_cards(fetch_limit=1)
        first: list[float] = []
        timed = min(ANSWERS, NEW_PER_DAY + REVIEWS_PER_DAY - WARM_UP) if whole else repeat
        for i in range(WARM_UP + timed):
            now = NOW + timedelta(seconds=i)
            assert step.card is not None, "the queue ran out: fewer answers than the daily limits"
            t = time.perf_counter()
            outcome = study.answer(step.card.id, 4, now, duration_ms=5000)
            ours_answer = time.perf_counter() - t
            t = time.perf_counter()
            step = study.step(now)
            ours_next = time.perf_counter() - t
            theirs_answer = anki_answer(col)
            # Anki's next card alone, or (every other answer) with the one after it, as quizapp's step holds
            theirs_next = _timed(col.sched.get_queued_cards, fetch_limit=1 + i % 2)
            floor_answer = floor.replay(outcome.card_id, outcome.log_id)
            if i == 0:
                first += [ours_answer, theirs_answer]
            if i >= WARM_UP:
                answers.quizapp.append(ours_answer)
                sql_alone.quizapp.append(floor_answer)
                next_card.quizapp.append(ours_next)
                answers.anki.append(theirs_answer)
                (next_card if i % 2 == 0 else next_two).anki.append(theirs_next)
        print(f"  first answer after opening (not in the rows): quizapp {first[0] * 1000:.2f} ms, "
              f"Anki {first[1] * 1000:.2f} ms; {timed} answers timed on each side", flush=True)
        print(f"  the replayed answers wrote quizapp's rows: {floor.same_rows()}", flush=True)
        # The median hides what a checkpoint inside an answer costs (Anki's WAL is checkpointed
        # every 1,000 pages, about every 100th answer; quizapp's every 10,000): the mean and the
        # slowest answer show it.
        print("  answers at NORMAL, mean / slowest: " + "; ".join(
            f"{side} {statistics.fmean(times) * 1000:.2f} / {max(times) * 1000:.2f} ms"
            for side, times in (("quizapp", answers.quizapp), ("Anki", answers.anki))), flush=True)
        floor.close()
        col.close()
        # Anki at its default durability (FULL), alone, on a copy made before the loop above;
        # beside quizapp's answers of that loop (quizapp's default is NORMAL).
        default = collection.Collection(str(folder / "anki-default.anki2"))
        print(f"  Anki's default: synchronous = {default.db.scalar('pragma synchronous')} (2 = FULL)", flush=True)
        at_default = Row("answer -> committed, each at its default (Anki: synchronous=FULL, an fsync per answer; "
                         "quizapp: NORMAL, the row above)", answers.quizapp, [], p99=True)
        for i in range(WARM_UP + min(timed, 100)):
            took = anki_answer(default)
            default.sched.get_queued_cards(fetch_limit=1)
            if i >= WARM_UP:
                at_default.anki.append(took)
        default.close()
        col = collection.Collection(str(anki_path))
        rows += [next_card, next_two, answers, sql_alone, at_default]
        for name, (query, anki_search, order) in SEARCHES.items():
            row = Row(name, [], [])
            BrowserService(db).search(query)
            col.find_cards(anki_search, order=order)  # both read the pages once
            for _ in range(repeat):
                row.quizapp.append(_timed(BrowserService(db).search, query))
                row.anki.append(_timed(col.find_cards, anki_search, order=order))
            rows.append(row)
        col.close()
        db.close()
        if not whole:
            return rows

        rows += import_rows(folder)

        rows.append(process_row(folder / "quizapp.db", anki_path))
    return rows


def process_row(db_path: Path, anki_path: Path, repeat: int = 9) -> Row:
    """`quizapp due` against a process that opens the Anki collection and reads its queue, as a
    user's installed copies run them: with their modules byte-compiled. pip compiles an installed
    package's modules (Anki's) at install time, while an editable install of quizapp compiles its
    own at their first import; a shell with PYTHONDONTWRITEBYTECODE (this CI image sets it) would
    make every quizapp process compile its sources again. So both run without that variable,
    after one untimed run each."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    ours = [sys.executable, "-m", "quizapp", "due", "--db", str(db_path), "--limit", "20"]
    anki = [sys.executable, "-c", ANKI_DUE_SCRIPT, str(anki_path)]
    row = Row("`quizapp due` / Anki's queue, as a process", [], [])
    for timed, command in ((False, ours), (False, anki)) + ((True, ours), (True, anki)) * repeat:
        took = _timed(subprocess.run, command, check=True, capture_output=True, env=env)
        if timed:
            (row.quizapp if command is ours else row.anki).append(took)
    return row


IMPORT_CARDS = 10_000


def write_anki_csv(path: Path, notes: Sequence[Any]) -> None:
    """The notes as a file Anki's own text import reads (its "Import File" of a .txt/.csv): tab
    separated, the note type, deck, HTML setting and tag column given in the file's header lines,
    so the import needs no choices. The fields are those `_add_anki_notes` builds, byte for byte
    (#html:true keeps their line breaks as they are)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("#separator:tab\n#html:true\n#notetype:Basic\n#deck:Default\n#tags column:3\n")
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        for note in notes:
            writer.writerow([*_anki_note_texts(note), " ".join([f"sec{note.section}", *note.tags])])


def anki_import_file(col: Any, path: Path) -> int:
    """Anki's import of a text file, as its import dialog runs it: read the file's metadata, then
    import with it. The number of notes it added."""
    metadata = col.get_csv_metadata(str(path), None)
    return len(col.import_csv(_anki().ImportCsvRequest(path=str(path), metadata=metadata)).log.new)


def import_rows(folder: Path, repeat: int = 5) -> list[Row]:
    """Importing 10k cards: quizapp's `import_deck` of a TOML deck file against Anki's import of
    the same notes from a text file (both read, parse, check and insert), interleaved; and, as its
    own row, Anki's `add_notes` given the notes already built in Python (no file, no parsing)."""
    deck = folder / "deck"
    deck.mkdir()
    write_deck(deck, IMPORT_CARDS)
    notes = [_DeckCard(f"imp-{i:05d}", f"7.{i % 7 + 1}", ("bench",), f"问题 {i}", f"Question {i}", f"答案 {i}",
                       f"Answer {i}") for i in range(IMPORT_CARDS)]
    text_file = folder / "notes.txt"
    write_anki_csv(text_file, notes)
    from_file = Row(f"import {IMPORT_CARDS // 1000}k cards from a file (Anki: its text import)", [], [])
    built = Row(f"import {IMPORT_CARDS // 1000}k cards (Anki given built notes: add_notes)", [], [])
    floor = Row(f"import {IMPORT_CARDS // 1000}k cards: quizapp's parse and SQLite work alone (the deck file's "
                "parse and the time inside the sqlite3 driver: the floor of a Python import), beside Anki's "
                "whole text import", [], from_file.anki)
    for i in range(repeat):
        floor.quizapp.append(sum(import_floor(folder / f"floor{i}.db", deck)))
        fresh = open_database(folder / f"import{i}.db")
        from_file.quizapp.append(_timed(import_deck, fresh, [deck], now=NOW))
        with fresh.read_session() as session:
            ours = session.scalar(select(func.count()).select_from(CardRow)) or 0
        fresh.close()
        built.quizapp.append(from_file.quizapp[-1])
        fresh_col = open_anki(folder / f"import{i}.anki2")
        t = time.perf_counter()
        added = anki_import_file(fresh_col, text_file)
        from_file.anki.append(time.perf_counter() - t)
        built_col = open_anki(folder / f"built{i}.anki2")
        built.anki.append(_timed(_add_anki_notes, built_col, notes))
        if i == 0:  # the same notes either way: fields and tags, as Anki stores them
            same = _stored_notes(fresh_col) == _stored_notes(built_col)
            print(f"  import: quizapp {ours} cards; Anki's text import {fresh_col.card_count()} cards ({added} notes "
                  f"added), add_notes {built_col.card_count()} cards; the same notes: {same}", flush=True)
        if not ours == fresh_col.card_count() == built_col.card_count() == IMPORT_CARDS:
            print(f"  import: DIFFERENT card counts: {ours}, {fresh_col.card_count()}, {built_col.card_count()}")
        fresh_col.close()
        built_col.close()
    return [from_file, floor, built]


def import_floor(db_path: Path, deck: Path) -> tuple[float, float]:
    """(parse, driver): seconds of an import of `deck` (import_deck, into a new collection) spent parsing the deck
    file (toml_text.loads: compiled tomli) and inside the sqlite3 driver's calls (the inserts, the
    text index's fill, the indexes), as cProfile counts them: what the import would still take if
    quizapp's own Python cost nothing. (Profiled, so the import itself is timed in its own row.)"""
    db = open_database(db_path)
    profile = cProfile.Profile()
    profile.enable()
    try:
        import_deck(db, [deck], now=NOW)
    finally:
        profile.disable()
        db.close()
    stats: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    # (cc, calls, own time, cumulative time, callers) by (file, line, function); C functions under "~"
    parse = sum(timing[3] for (file, _, name), timing in stats.items()
                if file == toml_text.__file__ and name == "loads")
    driver = sum(timing[2] for (file, _, name), timing in stats.items() if file == "~" and "sqlite3." in name)
    return float(parse), float(driver)


def _stored_notes(col: Any) -> list[tuple[str, str]]:
    return sorted((fields, tags.strip()) for fields, tags in col.db.all("SELECT flds, tags FROM notes"))


@dataclass(frozen=True)
class _DeckCard:
    """The fields of an imported card, for Anki's side of the import row."""

    id: str
    section: str
    tags: tuple[str, ...]
    front_zh: str
    front_en: str
    back_zh: str
    back_en: str


def print_table(rows: list[Row], n: int) -> None:
    print(f"\n| operation ({n} cards) | Anki backend (ms) | quizapp (ms) | Anki / quizapp |")
    print("|---|---|---|---|")
    for row in rows:
        anki, ours, ratio = row.cells()
        print(f"| {row.name} | {anki} | {ours} | {ratio} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    _anki()
    pin_time_zone()
    print_table(run(args.cards, args.repeat), args.cards)
    return 0


if __name__ == "__main__":
    sys.exit(main())
