"""Deck import (validation, idempotence, schedules kept, user edits kept) and the study loop."""
from __future__ import annotations

import random
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from quizapp.domain.queue import Limits, build_queue
from quizapp.domain.studyday import study_day
from quizapp.services.errors import CardNotFound, DeckInvalid, UserError
from quizapp.services.importer import import_deck
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.reviews import state_of
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow
from tests.support import NOW, SAMPLE_DECK, db_arg


def count(db, model) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_import_is_idempotent_and_keeps_schedules(sample_db, tmp_path: Path) -> None:
    study = StudyService(sample_db)
    study.answer("sample-71-1", 5, NOW)
    report = import_deck(sample_db, [SAMPLE_DECK], now=NOW)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 14)
    # change a card's text: re-import updates it and keeps its schedule and history
    deck = tmp_path / "deck"
    deck.mkdir()
    text_ = (SAMPLE_DECK / "sample.toml").read_text(encoding="utf-8").replace(
        "What is saddle point?", "What is a saddle point?")
    (deck / "sample.toml").write_text(text_, encoding="utf-8")
    report = import_deck(sample_db, [deck], now=NOW)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 13)
    card, state = study.card("sample-71-1")
    assert card.front.en == "What is a saddle point?"
    assert state.repetitions == 1 and state.easiness == 260
    assert count(sample_db, ReviewLogRow) == 1


def test_invalid_deck_changes_nothing(sample_db, tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    shutil.copytree(SAMPLE_DECK, deck)
    (deck / "sample.toml").write_text((deck / "sample.toml").read_text(encoding="utf-8").replace(
        "What is saddle point?", "CHANGED"), encoding="utf-8")
    (deck / "broken.toml").write_text('[[card]]\nid = "x-1"\nsection = "9.9"\nkind = "qa"\n', encoding="utf-8")
    with pytest.raises(DeckInvalid) as info:
        import_deck(sample_db, [deck], now=NOW)
    assert any("broken.toml:3" in i and "unknown section" in i for i in info.value.issues)
    assert len(info.value.issues) >= 3  # section, front, back: all reported at once
    card, _ = StudyService(sample_db).card("sample-71-1")
    assert card.front.en == "What is saddle point?"


def test_duplicate_ids_across_files_are_rejected(db, tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    for name in ("a.toml", "b.toml"):
        shutil.copy(SAMPLE_DECK / "sample.toml", deck / name)
    with pytest.raises(DeckInvalid, match="duplicate card id 'sample-71-1'"):
        import_deck(db, [deck], now=NOW)
    assert count(db, CardRow) == 0


def test_user_edit_survives_reimport_and_new_version_is_parked(sample_db, tmp_path: Path) -> None:
    with sample_db.session() as s:
        s.execute(update(CardRow).where(CardRow.id == "sample-71-1").values(user_edited=True, front_en="MINE"))
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "s.toml").write_text((SAMPLE_DECK / "sample.toml").read_text(encoding="utf-8").replace(
        "What is saddle point?", "Deck v2"), encoding="utf-8")
    report = import_deck(sample_db, [deck], now=NOW)
    assert report.kept_user_edits == ["sample-71-1"]
    with sample_db.read_session() as s:
        row = s.get(CardRow, "sample-71-1")
        assert row.front_en == "MINE" and row.deck_content["front"]["en"] == "Deck v2"


def test_answer_updates_state_and_log_in_one_go(sample_db) -> None:
    study = StudyService(sample_db)
    out = study.answer("sample-71-1", 4, NOW, duration_ms=3500)
    assert out.kind == "new" and out.after.interval == 1 and out.after.due_day == out.today + 1
    with sample_db.read_session() as s:
        log = s.scalars(select(ReviewLogRow)).one()
        assert (log.grade, log.duration_ms, log.kind, log.undone) == (4, 3500, "new", False)
        assert log.state_before["due_day"] is None and log.state_after["interval"] == 1
        assert log.reviewed_at.hour == 1  # 09:00 +08:00 stored as 01:00 UTC


def test_redrill_flow_and_queue(sample_db) -> None:
    study = StudyService(sample_db)
    first = study.queue(NOW).items[0].card_id
    study.answer(first, 1, NOW)
    q = study.queue(NOW)
    assert [i.card_id for i in q.items if i.kind == "redrill"] == [first]
    drill = study.answer(first, 3, NOW + timedelta(minutes=5))
    assert drill.kind == "redrill" and drill.after == drill.before  # a drill moves nothing
    study.answer(first, 4, NOW + timedelta(minutes=10))
    assert all(i.card_id != first for i in study.queue(NOW + timedelta(minutes=11)).items)


def test_undo_restores_state_several_steps_deep(sample_db) -> None:
    study = StudyService(sample_db)
    before = {c: study.card(c)[1] for c in ("sample-71-1", "sample-71-2")}
    study.answer("sample-71-1", 5, NOW)
    study.answer("sample-71-2", 2, NOW)
    assert study.undo().card_id == "sample-71-2"
    assert study.undo().card_id == "sample-71-1"
    assert study.undo() is None
    assert {c: study.card(c)[1] for c in before} == before
    with sample_db.read_session() as s:
        assert s.scalars(select(ReviewLogRow.undone)).all() == [True, True]  # logged, marked, not deleted


def test_errors(sample_db) -> None:
    study = StudyService(sample_db)
    with pytest.raises(CardNotFound):
        study.answer("nope", 3, NOW)
    with pytest.raises(ValueError):
        study.answer("sample-71-1", 7, NOW)
    with sample_db.session() as s:
        s.execute(update(CardStateRow).where(CardStateRow.card_id == "sample-71-1").values(suspended=True))
    with pytest.raises(UserError, match="suspended"):
        study.answer("sample-71-1", 3, NOW)
    assert count(sample_db, ReviewLogRow) == 0


def test_daily_limits_are_settings(sample_db) -> None:
    SettingsService(sample_db).update({"new_per_day": 3})
    study = StudyService(sample_db)
    assert study.queue(NOW).counts["new"] == 3
    study.answer(study.queue(NOW).items[0].card_id, 5, NOW)
    assert study.queue(NOW).counts["new"] == 2


def test_sql_queue_equals_domain_rule(sample_db) -> None:
    rng = random.Random(7)
    today = study_day(NOW)
    with sample_db.session() as s:
        for row in s.scalars(select(CardStateRow)):
            kind = rng.choice(["new", "due", "future", "drill"])
            row.due_day = None if kind == "new" else today + rng.randint(-5, 0 if kind == "due" else 5)
            row.redrill_day = today if kind == "drill" and row.due_day is not None else None
            row.suspended = rng.random() < 0.15
        s.execute(text("UPDATE card_state SET position = 100 - position"))
    SettingsService(sample_db).update({"new_per_day": 2, "reviews_per_day": 3})
    with sample_db.read_session() as s:
        cards = [(r.card_id, r.position, state_of(r), r.suspended) for r in s.scalars(select(CardStateRow))]
    expected = [(e.card_id, e.kind) for e in build_queue(cards, today, Limits(2, 3))]
    assert [(i.card_id, i.kind) for i in StudyService(sample_db).queue(NOW).items] == expected


# ----------------------------------------------------------------------------- what may be imported (issue 21 item 10)


def test_a_fifo_named_like_a_deck_is_refused_without_blocking(db, tmp_path: Path) -> None:
    import os

    deck = tmp_path / "deck"
    deck.mkdir()
    shutil.copy(SAMPLE_DECK / "sample.toml", deck / "sample.toml")
    os.mkfifo(deck / "pipe.toml")  # opening it for reading would wait for a writer forever
    with pytest.raises(DeckInvalid) as info:
        import_deck(db, [deck], now=NOW)
    assert info.value.issues == [
        f"{deck / 'pipe.toml'}:1: not a regular file (a FIFO); only deck files can be imported"]
    assert count(db, CardRow) == 0


def test_a_device_file_is_refused(db) -> None:
    with pytest.raises(DeckInvalid) as info:
        import_deck(db, [Path("/dev/zero")], now=NOW)
    assert info.value.issues == [
        "/dev/zero:1: not a regular file (a character device); only deck files can be imported"]


def test_a_deck_file_over_the_size_limit_is_refused_unread(db, tmp_path: Path) -> None:
    from quizapp.domain.deck import MAX_DECK_BYTES

    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate(MAX_DECK_BYTES + 1)  # sparse: big on paper, nothing to read
    with pytest.raises(DeckInvalid) as info:
        import_deck(db, [big], now=NOW)
    assert info.value.issues == [(f"{big}:1: the file is larger than the limit of {MAX_DECK_BYTES:,} bytes "
                                  "(16 MiB); split it into several files")]


def test_a_card_id_with_a_trailing_newline_on_the_command_line_is_the_same_card(sample_db, capsys) -> None:
    from quizapp.cli import main

    code = main(["answer", "sample-71-1\n", "easy", "--db", db_arg(sample_db), "--now", NOW.isoformat(), "--json"])
    out = capsys.readouterr()
    assert code == 0 and '"card_id": "sample-71-1"' in out.out, out.err


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_cyclic_collector_is_paused_during_an_import_and_set_back_after(db, tmp_path: Path,
                                                                            enabled_before: bool) -> None:
    """importer.cycle_collection_paused: off while an import builds and writes its rows, then
    as it was before, whether the import succeeds or fails."""
    import gc
    from unittest import mock

    from quizapp.services import importer

    seen: list[bool] = []
    real = importer.insert_rows

    def insert_rows(*args, **kwargs) -> None:
        seen.append(gc.isenabled())
        real(*args, **kwargs)

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "b.toml").write_text('[[card]]\nid = "x-1"\nsection = "9.9"\nkind = "qa"\n', encoding="utf-8")
    try:
        if not enabled_before:
            gc.disable()
        with mock.patch.object(importer, "insert_rows", insert_rows):
            import_deck(db, [SAMPLE_DECK], now=NOW)
        assert seen == [False, False] and gc.isenabled() == enabled_before
        with pytest.raises(DeckInvalid):
            import_deck(db, [broken], now=NOW)
        assert gc.isenabled() == enabled_before
    finally:
        gc.enable()


def test_an_import_stores_each_cards_content_and_digest_as_the_encoders_write_them(db) -> None:
    """The importer writes a card's JSON texts out directly (domain/content.py): the stored text
    is json.dumps(card.to_dict()) and the deck hash content_digest(card.to_dict())."""
    import json

    from quizapp.domain.content import Card, content_digest

    import_deck(db, [SAMPLE_DECK], now=NOW)
    with db.read_session() as session:
        rows = session.execute(text("SELECT content, deck_hash FROM cards ORDER BY id")).all()
    assert len(rows) == 14 and {Card.from_dict(json.loads(c)).kind for c, _ in rows} == {"qa", "cloze", "mcq"}
    for stored, digest in rows:
        card = Card.from_dict(json.loads(stored))
        assert stored == json.dumps(card.to_dict()) and digest == content_digest(card.to_dict())
