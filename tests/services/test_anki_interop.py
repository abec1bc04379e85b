"""Anki in and out (issue 16), judged by Anki's own backend (the `anki` package, test extra only).

Anki's scheduler counts days from the real clock, so these tests act at the real now (in the
suite's zone, Asia/Shanghai) rather than at tests.support.NOW.
"""
from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")

from anki.collection import (  # noqa: E402
    Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest)
from anki.scheduler.v3 import CardAnswer  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from quizapp.domain.content import Card  # noqa: E402
from quizapp.services.anki_interop import AnkiService, card_id_for, export_fields  # noqa: E402
from quizapp.services.anki_package import AnkiPackageError  # noqa: E402
from quizapp.services.clock import local_now, local_study_day  # noqa: E402
from quizapp.services.database import open_database  # noqa: E402
from quizapp.services.errors import UserError  # noqa: E402
from quizapp.services.study import StudyService  # noqa: E402
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow  # noqa: E402

from tests.support import NOW  # noqa: E402

FLAVOURS = [pytest.param(True, id="legacy-anki21"),
            pytest.param(False, id="latest-anki21b", marks=pytest.mark.skipif(
                __import__("importlib").util.find_spec("zstandard") is None, reason="zstandard not installed"))]


def new_anki_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def anki_import(col: Collection, package: Path, with_scheduling: bool = True) -> None:
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions(
        with_scheduling=with_scheduling, with_deck_configs=False, merge_notetypes=False)))


def anki_export(col: Collection, target: Path, legacy: bool) -> Path:
    col.export_anki_package(out_path=str(target), limit=None, options=ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy))
    return target


def snapshot(db) -> dict:
    """Everything an import could change: cards, states, review log."""
    with db.read_session() as s:
        return {"cards": sorted((r.id, json.dumps(r.content, sort_keys=True), r.section, r.kind)
                                for r in s.scalars(select(CardRow))),
                "states": sorted((r.card_id, r.repetitions, r.easiness, r.interval, r.due_day, r.lapses, r.redrill_day,
                                  r.suspended) for r in s.scalars(select(CardStateRow))),
                "log": s.scalar(select(func.count()).select_from(ReviewLogRow))}


@pytest.fixture
def answered_db(sample_db):
    """The sample deck with history: answers spread over the past days, one card suspended."""
    now = local_now()
    study = StudyService(sample_db)
    with sample_db.read_session() as s:
        ids = [r.id for r in s.scalars(select(CardRow).order_by(CardRow.id))]
    plan = [(ids[0], [(12, 4), (6, 5), (1, 4)]), (ids[1], [(9, 4), (3, 1)]), (ids[2], [(2, 5)]),
            (ids[3], [(20, 4), (14, 4), (5, 3)])]
    for card_id, answers in plan:
        for days_ago, grade in answers:
            study.answer(card_id, grade, now - timedelta(days=days_ago, minutes=card_id.__hash__() % 50),
                         duration_ms=4200)
    with sample_db.session() as s:
        s.get(CardStateRow, ids[3]).suspended = True
    return sample_db


# ----------------------------------------------------------------------------- 1. quizapp -> Anki


def test_an_export_opens_in_anki_with_the_same_cards_fields_tags_decks_and_schedule(answered_db, tmp_path):
    now = local_now()
    report = AnkiService(answered_db).export_package(tmp_path / "out.apkg", now, with_scheduling=True)
    col = new_anki_collection(tmp_path / "anki")
    try:
        anki_import(col, tmp_path / "out.apkg")
        with answered_db.read_session() as s:
            rows = {r.id: r for r in s.scalars(select(CardRow))}
            states = {r.card_id: r for r in s.scalars(select(CardStateRow))}
            logs = [r for r in s.scalars(select(ReviewLogRow)) if r.kind != "quiz"]
        assert report.cards == len(rows) == col.card_count() == col.note_count() == 14
        today = local_study_day(now)
        by_id = {}
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            by_id[note["quizapp id"]] = note
        assert set(by_id) == set(rows)
        for card_id, row in rows.items():
            note = by_id[card_id]
            card = Card.from_dict(row.content)
            notetype, fields = export_fields(card)
            assert note.note_type()["name"] == notetype.name
            assert list(note.values()) == fields
            assert sorted(note.tags) == sorted(t.replace(" ", "_") for t in card.tags)
            anki_card = note.cards()[0]
            assert col.decks.name(anki_card.did) == f"NNDL::ch07::{row.section}"
            state = states[card_id]
            if state.due_day is None:
                assert anki_card.type == 0
                continue
            assert anki_card.type == 2 and anki_card.ivl == state.interval
            assert anki_card.factor == state.easiness * 10
            assert anki_card.due - col.sched.today == state.due_day - today
            assert (anki_card.queue == -1) == state.suspended
            revlog = col.db.all("select ease, ivl, lastIvl, factor, time, type from revlog where cid = ? order by id",
                                anki_card.id)
            mine = sorted((r for r in logs if r.card_id == card_id), key=lambda r: r.reviewed_at)
            assert [(e, i, f) for e, i, _li, f, _t, _ty in revlog] == [
                ({1: 1, 3: 2, 4: 3, 5: 4}[r.grade], r.state_after["interval"], r.state_after["easiness"] * 10)
                for r in mine]
        assert col.db.scalar("select count() from revlog") == len(logs) == 9
        # Math goes to Anki as MathJax, cloze blanks as one card hiding them all
        cloze = next(n for n in by_id.values() if n.note_type()["name"] == "quizapp Cloze")
        assert "{{c1::" in cloze["Text"] and "{{c2::" not in cloze["Text"]
        assert any("\\(" in n.joined_fields() for n in by_id.values())
        assert not any("$" in n.joined_fields() for n in by_id.values())
    finally:
        col.close()


# ----------------------------------------------------------------------------- 2. Anki -> quizapp


@pytest.fixture
def anki_col(tmp_path):
    """An Anki collection made with Anki's API: every stock note type, math, an image, tags, nested
    decks; some cards answered through Anki's scheduler, one suspended, one given a due date."""
    col = new_anki_collection(tmp_path / "source")
    deck = col.decks.id("Interview::Optimizers")
    media_name = col.media.write_data("adam.png", b"\x89PNG\r\n\x1a\n fake image bytes")

    def add(notetype: str, deck_id: int, tags: list[str], **fields: str):
        note = col.new_note(col.models.by_name(notetype))
        for key, value in fields.items():
            note[key] = value
        note.tags = tags
        col.add_note(note, deck_id)
        return note

    notes = {
        "basic": add("Basic", deck, ["optim", "adam"], Front="What does Adam's \\(\\beta_1\\) do?",
                     Back=f"Momentum decay<br><img src=\"{media_name}\"><script>alert(1)</script>"),
        "reversed": add("Basic (and reversed card)", deck, ["vocab"], Front="鞍点", Back="saddle point"),
        "optional": add("Basic (optional reversed card)", deck, [], Front="SGD", Back="stochastic gradient descent",
                        **{"Add Reverse": "y"}),
        "optional-one": add("Basic (optional reversed card)", col.decks.id("Default"), [], Front="RMSProp",
                            Back="squared-gradient average"),
        "cloze": add("Cloze", deck, ["cloze"], Text="{{c1::Adam}} combines momentum and {{c2::RMSProp}} "
                     "with \\[m_t = \\beta_1 m_{t-1}\\]", **{"Back Extra": "Kingma &amp; Ba"}),
    }
    # answer through the scheduler: Easy graduates a new card to review
    for _ in range(3):
        queued = col.sched.get_queued_cards(fetch_limit=1)
        if not queued.cards:
            break
        card = col.get_card(queued.cards[0].card.id)
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.EASY))
    col.sched.set_due_date([notes["reversed"].cards()[1].id], "7")
    col.sched.suspend_cards([notes["optional"].cards()[1].id])
    yield col, notes
    col.close()


@pytest.mark.parametrize("legacy", FLAVOURS)
def test_a_package_anki_wrote_imports_with_cards_states_and_history(anki_col, db, tmp_path, legacy):
    col, notes = anki_col
    package = anki_export(col, tmp_path / "anki.apkg", legacy)
    now = local_now()
    service = AnkiService(db, media_dir=tmp_path / "media")
    report = service.import_file(package, now, with_scheduling=True)
    anki_cards = [col.get_card(cid) for cid in col.find_cards("")]
    assert report.added == len(anki_cards) == 8  # 1 + 2 + 2 + 1 + 2 (cloze c1, c2)
    assert report.reviews_added == col.db.scalar("select count() from revlog where ease > 0")
    assert report.media_added == 1 and (tmp_path / "media" / "adam.png").read_bytes().startswith(b"\x89PNG")
    today = local_study_day(now)
    with db.read_session() as s:
        rows = {r.id: r for r in s.scalars(select(CardRow))}
        states = {r.card_id: r for r in s.scalars(select(CardStateRow))}
        log_count = s.scalar(select(func.count()).select_from(ReviewLogRow))
    assert log_count == report.reviews_added
    for anki_card in anki_cards:
        note = anki_card.note()
        card_id = card_id_for(note.guid, anki_card.ord)
        row, state = rows[card_id], states[card_id]
        assert row.tags == note.tags and row.content["anki"]["deck"] == col.decks.name(anki_card.did)
        assert state.suspended == (anki_card.queue == -1)
        if anki_card.type == 0:
            assert state.due_day is None
        elif anki_card.type == 2:
            assert state.interval == anki_card.ivl and state.easiness == max(130, anki_card.factor // 10)
            assert state.due_day - today == anki_card.due - col.sched.today
        else:
            assert state.due_day == today
    basic = rows[card_id_for(notes["basic"].guid, 0)]
    assert basic.front_en == "What does Adam's $\\beta_1$ do?"
    assert basic.back_en == "Momentum decay\n[image: adam.png]"  # the script is gone, its text too
    assert rows[card_id_for(notes["reversed"].guid, 1)].front_en == "saddle point"
    assert rows[card_id_for(notes["reversed"].guid, 1)].back_en == "鞍点"
    assert card_id_for(notes["optional-one"].guid, 1) not in rows  # Anki made no reverse card: nor do we
    c1, c2 = (rows[card_id_for(notes["cloze"].guid, i)] for i in (0, 1))
    assert c1.kind == c2.kind == "cloze"
    assert c1.content["cloze"]["en"] == "{{c1::Adam}} combines momentum and RMSProp with $$m_t = \\beta_1 m_{t-1}$$"
    assert c2.content["cloze"]["en"] == "Adam combines momentum and {{c2::RMSProp}} with $$m_t = \\beta_1 m_{t-1}$$"
    assert c1.back_en == "Kingma & Ba"
    # the same package again changes nothing
    before = snapshot(db)
    again = service.import_file(package, now, with_scheduling=True)
    assert (again.added, again.updated, again.rescheduled, again.reviews_added) == (0, 0, 0, 0)
    assert snapshot(db) == before


@pytest.mark.parametrize("legacy", FLAVOURS)
def test_a_whole_collection_package_colpkg_imports_too(anki_col, db, tmp_path, legacy):
    col, _notes = anki_col
    cards = len(col.find_cards(""))
    reviews = col.db.scalar("select count() from revlog where ease > 0")
    col.export_collection_package(str(tmp_path / "all.colpkg"), include_media=True, legacy=legacy)  # closes it
    report = AnkiService(db, media_dir=tmp_path / "media").import_file(tmp_path / "all.colpkg", local_now(),
                                                                       with_scheduling=True)
    assert (report.added, report.reviews_added, report.media_added) == (cards, reviews, 1)
    col.reopen()


def test_any_other_note_type_reads_its_templates_fields_as_front_and_back(db, tmp_path):
    col = new_anki_collection(tmp_path / "custom")
    try:
        models = col.models
        vocab = models.new("Vocabulary")
        for name in ("Word", "Meaning", "Example", "Notes"):
            models.add_field(vocab, models.new_field(name))
        template = models.new_template("Recognise")
        template["qfmt"] = "<div class=word>{{Word}}</div>"
        template["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Example}}"
        models.add_template(vocab, template)
        models.add(vocab)
        note = col.new_note(models.by_name("Vocabulary"))
        note["Word"], note["Meaning"], note["Example"], note["Notes"] = "鞍点", "saddle point", "in high dim", "private"
        col.add_note(note, col.decks.id("Words"))
        package = anki_export(col, tmp_path / "vocab.apkg", True)
    finally:
        col.close()
    assert AnkiService(db).import_file(package, NOW).added == 1
    with db.read_session() as s:
        row = s.scalars(select(CardRow)).one()
    assert (row.front_en, row.back_en, row.kind, row.section) == ("鞍点", "saddle point\n\nin high dim", "qa", "anki")


# ----------------------------------------------------------------------------- 3. round trip


@pytest.mark.parametrize("legacy", FLAVOURS)
def test_quizapp_to_anki_to_quizapp_keeps_everything_twice_without_duplicates(answered_db, tmp_path, legacy):
    now = local_now()
    service = AnkiService(answered_db)
    service.export_package(tmp_path / "out.apkg", now, with_scheduling=True)
    before = snapshot(answered_db)
    col = new_anki_collection(tmp_path / "anki")
    try:
        anki_import(col, tmp_path / "out.apkg")
        back = anki_export(col, tmp_path / "back.apkg", legacy)
    finally:
        col.close()
    for _ in range(2):
        report = service.import_file(back, now, with_scheduling=True)
        assert (report.added, report.updated, report.rescheduled, report.reviews_added) == (0, 0, 0, 0)
        assert report.unchanged == 14
        assert snapshot(answered_db) == before


# ----------------------------------------------------------------------------- CSV


def test_csv_export_imports_in_anki_and_anki_text_imports_here(sample_db, tmp_path):
    service = AnkiService(sample_db)
    report = service.export_csv(tmp_path / "deck.txt")
    col = new_anki_collection(tmp_path / "anki")
    try:
        metadata = col.get_csv_metadata(path=str(tmp_path / "deck.txt"), delimiter=None)
        from anki.import_export_pb2 import ImportCsvRequest

        col.import_csv(ImportCsvRequest(path=str(tmp_path / "deck.txt"), metadata=metadata))
        assert col.note_count() == report.notes == 14
        assert col.card_count() == 14
        assert {col.decks.name(d) for d in col.db.list("select distinct did from cards")} == {
            f"NNDL::ch07::7.{i}" for i in range(1, 8)}
    finally:
        col.close()
    db = open_database(tmp_path / "other.db")
    text = tmp_path / "anki.txt"
    text.write_text("#separator:semicolon\n#html:true\n#tags column:3\n"
                    "What is \\(x^2\\)'s derivative?;<b>2x</b>;calculus math\n"
                    "Adam;adaptive moments;\n", encoding="utf-8")
    imported = AnkiService(db).import_file(text, NOW)
    assert imported.added == 2
    with db.read_session() as s:
        fronts = {r.front_en: (r.back_en, r.tags) for r in s.scalars(select(CardRow))}
    assert fronts == {"What is $x^2$'s derivative?": ("2x", ["calculus", "math"]), "Adam": ("adaptive moments", [])}
    assert AnkiService(db).import_file(text, NOW).added == 0
    plain = tmp_path / "plain.csv"
    plain.write_text("#separator:comma\nnul\x00 and bell\x07 \\(y\\),back\n", encoding="utf-8")
    AnkiService(db).import_file(plain, NOW)
    with db.read_session() as s:
        assert "nul and bell $y$" in {r.front_en for r in s.scalars(select(CardRow))}
    db.close()


# ----------------------------------------------------------------------------- 4. bad input


def _zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _schema11_bytes(tmp_path: Path, ver: int = 11) -> bytes:
    file = tmp_path / f"schema{ver}.anki2"
    conn = sqlite3.connect(file)
    from quizapp.services.anki_package import SCHEMA11_SQL

    conn.executescript(SCHEMA11_SQL)
    conn.execute("insert into col values (1, 0, 0, 0, ?, 0, 0, 0, '{}', '{}', '{}', '{}', '{}')", (ver,))
    conn.commit()
    conn.close()
    return file.read_bytes()


def bad_packages(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = _schema11_bytes(tmp_path)
    corrupt = tmp_path / "corrupt.apkg"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"garbage")
    return {
        "not a zip": (corrupt, "not a zip file"),
        "truncated zip": (_truncated(_zip(tmp_path / "t.apkg", {"collection.anki2": good})), "zip"),
        "zip bomb": (_zip(tmp_path / "bomb.apkg", {"collection.anki2": b"\x00" * (8 << 20)}), "zip bomb"),
        "path in media": (_zip(tmp_path / "dots.apkg", {"collection.anki2": good, "media": b'{"0": "../evil.png"}',
                                                          "0": b"x"}), "outside the media folder"),
        "absolute media": (_zip(tmp_path / "abs.apkg", {"collection.anki2": good, "media": b'{"0": "/etc/evil"}',
                                                          "0": b"x"}), "outside the media folder"),
        "unknown schema": (_zip(tmp_path / "v99.apkg", {"collection.anki2": _schema11_bytes(tmp_path, 99)}),
                           "schema version 99"),
        "unknown package version": (_zip(tmp_path / "meta.apkg", {"meta": b"\x08\x07", "collection.anki2": good}),
                                    "package version 7"),
        "not sqlite": (_zip(tmp_path / "text.apkg", {"collection.anki2": b"hello, not a database" * 100}),
                       "not an SQLite database"),
        "no collection": (_zip(tmp_path / "empty.apkg", {"media": b"{}"}), "no collection inside"),
    }


def _truncated(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize("case", ["not a zip", "truncated zip", "zip bomb", "path in media", "absolute media",
                                  "unknown schema", "unknown package version", "not sqlite", "no collection"])
def test_a_bad_package_is_one_clear_message_and_changes_nothing(sample_db, tmp_path, case):
    path, words = bad_packages(tmp_path)[case]
    before = snapshot(sample_db)
    service = AnkiService(sample_db, media_dir=tmp_path / "media")
    with pytest.raises(AnkiPackageError) as info:
        service.import_file(path, NOW, with_scheduling=True)
    message = str(info.value)
    assert "\n" not in message and words in message and str(path) in message and "nothing was imported" in message
    assert snapshot(sample_db) == before
    assert not (tmp_path / "media").exists() and not (tmp_path / "evil.png").exists()


def test_a_package_over_the_size_limit_is_refused_unread(sample_db, tmp_path, monkeypatch):
    from quizapp.services import anki_package

    path = _zip(tmp_path / "big.apkg", {"collection.anki2": _schema11_bytes(tmp_path)})
    monkeypatch.setattr(anki_package, "MAX_PACKAGE_BYTES", path.stat().st_size - 1)
    with pytest.raises(AnkiPackageError, match="over the limit"):
        AnkiService(sample_db).import_file(path, NOW)


def test_a_csv_with_the_wrong_number_of_columns_names_its_line_and_changes_nothing(sample_db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("#separator:comma\nfront,back\nonly one column\n", encoding="utf-8")
    before = snapshot(sample_db)
    with pytest.raises(UserError) as info:
        AnkiService(sample_db).import_file(path, NOW)
    assert f"{path}:3: 1 columns where the first row has 2" in str(info.value)
    assert snapshot(sample_db) == before


def test_a_failed_import_in_the_middle_leaves_nothing_half_written(anki_col, db, tmp_path, monkeypatch):
    """One transaction: an error after the cards are inserted (in the revlog) rolls all of it back."""
    col, _notes = anki_col
    package = anki_export(col, tmp_path / "anki.apkg", True)
    from quizapp.services import anki_interop

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(anki_interop, "_import_revlog", boom)
    before = snapshot(db)
    with pytest.raises(RuntimeError):
        AnkiService(db, media_dir=tmp_path / "media").import_file(package, local_now(), with_scheduling=True)
    assert snapshot(db) == before


def test_an_fsrs_collection_s_revlog_factor_is_not_read_as_ease(anki_col, db, tmp_path):
    col, _notes = anki_col
    # FSRS's memory state on the reviewed cards (an .apkg carries no collection settings), and
    # difficulties in revlog.factor
    col.db.execute("""update cards set data = '{"s":12.5,"d":6.2}' where type = 2""")
    col.db.execute("update revlog set factor = 9000")
    package = anki_export(col, tmp_path / "anki.apkg", True)
    AnkiService(db, media_dir=tmp_path / "media").import_file(package, local_now(), with_scheduling=True)
    with db.read_session() as s:
        afters = [r.state_after["easiness"] for r in s.scalars(select(ReviewLogRow))]
    assert afters and all(e == 250 for e in afters)



# ----------------------------------------------------------------------------- the command line, the layers


def test_the_command_line_imports_and_exports_anki_files_in_one_line_each(anki_col, tmp_path):
    import subprocess
    import sys

    col, _notes = anki_col
    package = anki_export(col, tmp_path / "anki.apkg", True)
    db_path = tmp_path / "cli.db"

    def quizapp(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "quizapp", *args, "--db", str(db_path)],
                              capture_output=True, text=True, timeout=300)

    done = quizapp("import", str(package), "--with-scheduling", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 8
    out = tmp_path / "again.apkg"
    done = quizapp("export", str(out), "--with-scheduling", "--deck", "Interview")
    assert done.returncode == 0, done.stderr
    assert "exported 7 cards" in done.stdout  # the Default deck's RMSProp card is not under Interview
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"not a zip at all")
    done = quizapp("import", str(bad))
    assert done.returncode == 4 and done.stderr.strip() == (
        f"quizapp: error: {bad}: not an Anki package (not a zip file); nothing was imported")
    assert "Traceback" not in done.stderr


def test_the_app_never_imports_anki_s_backend():
    import ast

    package = Path(__file__).resolve().parents[2] / "quizapp"
    offenders = []
    for path in package.rglob("*.py"):
        if "devtools" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n == "anki" or n.startswith("anki.")]
    assert offenders == []


def test_an_edited_anki_card_keeps_its_note_guid_so_anki_updates_the_same_note(anki_col, db, tmp_path):
    from quizapp.services.card_editing import CardEditingService

    col, notes = anki_col
    package = anki_export(col, tmp_path / "anki.apkg", True)
    service = AnkiService(db, media_dir=tmp_path / "media")
    service.import_file(package, local_now())
    card_id = card_id_for(notes["optional-one"].guid, 0)
    editing = CardEditingService(db)
    table = dict(editing.load_for_edit(card_id).table)
    table["section"] = "7.2"  # the card editor offers the notes' sections
    table["back"] = {"zh": "平方梯度的平均", "en": "an average of squared gradients"}
    editing.edit_card(card_id, table, local_now())
    service.export_package(tmp_path / "edited.apkg", local_now())
    from quizapp.services.anki_package import read_package

    exported = {n.fields[-1]: n for n in read_package(tmp_path / "edited.apkg").notes}
    assert exported[card_id].guid == notes["optional-one"].guid
    assert exported[card_id].fields[1] == "an average of squared gradients"
    target = new_anki_collection(tmp_path / "target")
    try:
        anki_import(target, package)
        count = target.note_count()
        anki_import(target, tmp_path / "edited.apkg", with_scheduling=False)
        assert target.db.list("select guid from notes").count(notes["optional-one"].guid) == 1
        # the notes Anki had are not doubled (same GUIDs); the second cards of the reversed, optional
        # reversed and cloze notes are notes of their own in quizapp's export (quizapp shows them apart)
        assert target.note_count() == count + 3
    finally:
        target.close()


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_cyclic_collector_is_paused_during_an_anki_import_and_set_back_after(sample_db, tmp_path,
                                                                                  monkeypatch, enabled_before):
    """As import_deck (importer.cycle_collection_paused): off while the cards are built and
    stored (and while an export reads them), then as it was, whether the import succeeds or fails."""
    import gc

    seen: list[bool] = []
    real = AnkiService._store

    def store(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(AnkiService, "_store", store)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("#separator:tab\nWhat is momentum?\tA running average of gradients.\n", encoding="utf-8")
    bad.write_text("#separator:comma\nfront,back\nonly one column\n", encoding="utf-8")
    package, _ = bad_packages(tmp_path)["truncated zip"]
    service = AnkiService(sample_db, media_dir=tmp_path / "media")
    real_rows = AnkiService._rows

    def rows(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return real_rows(self, *args, **kwargs)

    monkeypatch.setattr(AnkiService, "_rows", rows)
    try:
        if not enabled_before:
            gc.disable()
        assert service.import_file(good, NOW).added == 1
        assert seen == [False] and gc.isenabled() == enabled_before
        service.export_package(tmp_path / "out.apkg", NOW)  # an export too
        assert seen == [False, False] and gc.isenabled() == enabled_before
        for broken in (bad, package):
            with pytest.raises(UserError):
                service.import_file(broken, NOW)
            assert gc.isenabled() == enabled_before
    finally:
        gc.enable()


def _stored(path: Path) -> dict[str, list]:
    """Every row an import writes, the text index's entries and the browser's copy (brought up to
    date first: the reference leaves marks)."""
    from quizapp.store.browse_order import bring_up_to_date

    db = open_database(path)
    with db.session() as session:
        bring_up_to_date(session.connection())
    db.close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.entries USING fts5vocab(main, card_search, instance)")
        return {name: conn.execute(sql).fetchall() for name, sql in {
            "cards": "SELECT * FROM cards ORDER BY id", "states": "SELECT * FROM card_state ORDER BY card_id",
            "log": "SELECT * FROM review_log ORDER BY id", "order": "SELECT * FROM card_order ORDER BY card_id",
            "facets": "SELECT * FROM card_search_facets ORDER BY card_id",
            "index": "SELECT term, doc, col, offset FROM temp.entries ORDER BY 1, 2, 3, 4",
            "marks": "SELECT * FROM card_order_stale", "triggers": "SELECT name, sql FROM sqlite_master "
                                                                  "WHERE type = 'trigger' ORDER BY name"}.items()}
    finally:
        conn.close()


def test_an_anki_import_writes_in_bulk_what_sqlalchemy_and_the_triggers_write(anki_col, tmp_path, monkeypatch):
    """The import's rows go in by store/bulk_insert.py, the text index and the browser's copy are
    filled once at the end: the same rows, entries and copy as SQLAlchemy's insert with a trigger
    run per card (the reference: the bulk helpers turned into plain blocks)."""
    import contextlib

    from sqlalchemy import insert

    from quizapp.services import anki_interop

    col, _ = anki_col
    package = anki_export(col, tmp_path / "anki.apkg", legacy=True)
    bulk, reference = tmp_path / "bulk.db", tmp_path / "reference.db"
    for path in (bulk, reference):
        with monkeypatch.context() as patch:
            if path == reference:
                patch.setattr(anki_interop, "indexed_in_bulk", lambda *_: contextlib.nullcontext())
                patch.setattr(anki_interop, "copied_in_bulk", lambda *_: contextlib.nullcontext())
                patch.setattr(anki_interop, "insert_rows",
                              lambda conn, model, rows: conn.execute(insert(model.__table__), rows))
            db = open_database(path)
            report = AnkiService(db, media_dir=tmp_path / "media").import_file(package, NOW, with_scheduling=True)
            db.close()
            assert report.added == 8 and report.reviews_added > 0
    ours, theirs = _stored(bulk), _stored(reference)
    assert len(ours["index"]) > 100 and len(ours["order"]) == 8 and ours["marks"] == []
    assert ours == theirs
