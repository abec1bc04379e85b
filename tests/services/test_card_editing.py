"""Editing cards from the browser: the import's validation, user edits surviving a deck
re-import (parked deck version, shown and resolved), adding, suspending, resetting, deleting."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.services.card_editing import CardEditingService, CardInvalid
from quizapp.services.changes import CONTENT, SCHEDULE
from quizapp.services.cards import CardsService
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.importer import import_deck
from quizapp.services.study import StudyService
from quizapp.store.models import CardRow, ReviewLogRow
from tests.support import NOW, SAMPLE_DECK


def changed_deck(tmp_path: Path, old: str, new: str) -> Path:
    """The sample deck with one text replaced (a newer deck version)."""
    deck = tmp_path / "deck"
    deck.mkdir(exist_ok=True)
    text = (SAMPLE_DECK / "sample.toml").read_text(encoding="utf-8")
    assert old in text
    (deck / "sample.toml").write_text(text.replace(old, new), encoding="utf-8")
    return deck


def test_edit_changes_text_tags_and_demo_and_keeps_the_schedule(sample_db) -> None:
    study = StudyService(sample_db)
    study.answer("sample-71-1", 5, NOW)
    table = CardEditingService(sample_db).load_for_edit("sample-71-1").table
    table["front"] = {"zh": "什么是鞍点？为什么难逃离？", "en": "What is a saddle point, and why is it hard to leave?"}
    table["tags"] = ["sample", "saddle"]
    table["demo"] = {"id": "saddle-escape", "params": {"lr": 0.1, "momentum": 0.9}}
    outcome = CardEditingService(sample_db).edit_card("sample-71-1", table, NOW)
    assert outcome.changed and outcome.user_edited
    detail = CardsService(sample_db).detail("sample-71-1")
    assert detail.card.front.en.startswith("What is a saddle point, and")
    assert detail.card.tags == ("sample", "saddle") and detail.card.demo.params == {"lr": 0.1, "momentum": 0.9}
    assert detail.user_edited and detail.state.repetitions == 1 and len(detail.history) == 1
    again = CardEditingService(sample_db).edit_card("sample-71-1", table, NOW)
    assert again.changed is False and not again.changes  # saving again changes nothing


@pytest.mark.parametrize("change, message", [
    (lambda t: t["front"].update(en="  "), "'front.en' is missing or empty"),
    (lambda t: t.update(section="9.9"), "unknown section '9.9'"),
    (lambda t: t.update(demo={"id": "no-such-demo"}), "unknown demo id 'no-such-demo'"),
    (lambda t: t.update(demo={"id": "saddle-escape", "params": {"lr": 99}}), "parameter 'lr' must be a number"),
    (lambda t: t.update(tags=["ok", ""]), "'tags' must be a list of non-empty strings"),
    (lambda t: t.update(source=["q-unknown"]), "unknown source question id 'q-unknown'"),
])
def test_invalid_edits_are_refused_by_the_import_rules_and_change_nothing(sample_db, change, message) -> None:
    before = CardsService(sample_db).detail("sample-71-1")
    table = CardEditingService(sample_db).load_for_edit("sample-71-1").table
    change(table)
    with pytest.raises(CardInvalid) as info:
        CardEditingService(sample_db).edit_card("sample-71-1", table, NOW)
    assert any(message in p for p in info.value.problems), info.value.problems
    assert CardsService(sample_db).detail("sample-71-1") == before


def test_cloze_and_mcq_rules_apply_to_edits(sample_db) -> None:
    cloze = CardEditingService(sample_db).load_for_edit("sample-71-2").table
    cloze["text"] = {"zh": "没有空。", "en": "No blank here."}
    with pytest.raises(CardInvalid, match="has no"):
        CardEditingService(sample_db).edit_card("sample-71-2", cloze, NOW)
    mcq = CardEditingService(sample_db).load_for_edit("sample-72-1").table
    for choice in mcq["choices"]:
        choice["correct"] = False
    with pytest.raises(CardInvalid, match="exactly one choice with correct = true"):
        CardEditingService(sample_db).edit_card("sample-72-1", mcq, NOW)


def test_user_edit_survives_reimport_and_the_difference_is_resolved(sample_db, tmp_path: Path) -> None:
    table = CardEditingService(sample_db).load_for_edit("sample-71-1").table
    table["back"] = {"zh": "我的解释。", "en": "My own explanation."}
    CardEditingService(sample_db).edit_card("sample-71-1", table, NOW)
    deck = changed_deck(tmp_path, "What is saddle point?", "What is a saddle point?")

    report = import_deck(sample_db, [deck], now=NOW)
    assert report.kept_user_edits == ["sample-71-1"]
    detail = CardsService(sample_db).detail("sample-71-1")
    assert detail.card.back.en == "My own explanation." and detail.deck_update_waiting  # not overwritten
    diff = CardEditingService(sample_db).deck_difference("sample-71-1")
    assert {f.field for f in diff.fields} == {"front.en", "back.zh", "back.en"}
    front = next(f for f in diff.fields if f.field == "front.en")
    assert (front.mine, front.theirs) == ("What is saddle point?", "What is a saddle point?")
    assert front.segments() == [("same", "What is"), ("added", " a"), ("same", " saddle point?")]

    CardEditingService(sample_db).resolve_deck_version("sample-71-1", "mine", NOW)
    assert CardEditingService(sample_db).deck_difference("sample-71-1") is None
    assert import_deck(sample_db, [deck], now=NOW).kept_user_edits == []  # the same version is not offered again
    assert CardsService(sample_db).detail("sample-71-1").card.back.en == "My own explanation."

    deck2 = changed_deck(tmp_path, "What is saddle point?", "What is a saddle point (鞍点)?")
    assert import_deck(sample_db, [deck2], now=NOW).kept_user_edits == ["sample-71-1"]
    resolved = CardEditingService(sample_db).resolve_deck_version("sample-71-1", "deck", NOW)
    taken = resolved.value
    assert resolved.changes == CONTENT
    detail = CardsService(sample_db).detail("sample-71-1")
    assert detail.card == taken and taken.front.en == "What is a saddle point (鞍点)?"
    assert not detail.user_edited and not detail.deck_update_waiting
    assert import_deck(sample_db, [SAMPLE_DECK], now=NOW).updated == 1  # it follows the deck again
    with pytest.raises(UserError, match="no deck version waiting"):
        CardEditingService(sample_db).resolve_deck_version("sample-71-1", "mine", NOW)


def test_editing_back_to_the_deck_version_makes_it_a_deck_card_again(sample_db) -> None:
    original = CardEditingService(sample_db).load_for_edit("sample-72-2").table
    edited = {**original, "tags": ["mine"]}
    assert CardEditingService(sample_db).edit_card("sample-72-2", edited, NOW).user_edited
    assert CardEditingService(sample_db).edit_card("sample-72-2", original, NOW).user_edited is False
    assert CardEditingService(sample_db).load_for_edit("sample-72-2").user_edited is False


def test_add_card_is_the_users_new_card_after_the_deck(sample_db) -> None:
    table = {"section": "7.2", "kind": "qa", "tags": ["own"],
             "front": {"zh": "Adam 的偏差修正是什么？", "en": "What is Adam's bias correction?"},
             "back": {"zh": "除以 $1-\\beta^t$。", "en": "Divide by $1-\\beta^t$."}}
    added = CardEditingService(sample_db).add_card(table, NOW)
    card_id = added.value
    assert added.changes == CONTENT
    assert card_id.startswith("user-7-2-")
    detail = CardsService(sample_db).detail(card_id)
    assert detail.state.is_new and detail.card.front.en == "What is Adam's bias correction?"
    with sample_db.read_session() as s:
        row = s.get(CardRow, card_id)
        assert row.origin == "user" and row.state.position == 14  # after the 14 deck cards (0-13)
    with pytest.raises(CardInvalid, match="already exists"):
        CardEditingService(sample_db).add_card({**table, "id": card_id}, NOW)
    with pytest.raises(CardInvalid, match="missing required field 'back'"):
        CardEditingService(sample_db).add_card({k: v for k, v in table.items() if k != "back"}, NOW)
    assert import_deck(sample_db, [SAMPLE_DECK], now=NOW).not_in_deck == 1  # import leaves it alone


def test_suspend_unsuspend_reset_and_delete(sample_db) -> None:
    study = StudyService(sample_db)
    ids = [i.card_id for i in study.queue(NOW).items]
    suspended = CardEditingService(sample_db).set_suspended(ids[:3], True)
    assert suspended.value == 3 and suspended.changes == CONTENT | SCHEDULE
    assert CardEditingService(sample_db).set_suspended(ids[:3], True).value == 0  # already suspended
    assert not set(ids[:3]) & {i.card_id for i in study.queue(NOW).items}
    with pytest.raises(UserError, match="suspended"):
        study.answer(ids[0], 4, NOW)
    assert CardEditingService(sample_db).set_suspended(ids[:1], False).value == 1

    study.answer(ids[0], 4, NOW)
    study.answer(ids[0], 4, NOW + timedelta(days=1))
    reset = CardEditingService(sample_db).reset_schedule([ids[0]])
    assert reset.value == 1 and reset.changes == SCHEDULE
    detail = CardsService(sample_db).detail(ids[0])
    assert detail.state.is_new and detail.state.repetitions == 0 and detail.state.easiness == 250
    assert len(detail.history) == 2  # the history stays
    with pytest.raises(UserError, match="changed since"):
        study.undo()

    deleted = CardEditingService(sample_db).delete_cards([ids[0], ids[1], "no-such-card"])
    assert deleted.value == 2 and deleted.changes == CONTENT | SCHEDULE
    with pytest.raises(CardNotFound):
        CardsService(sample_db).detail(ids[0])
    with sample_db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.card_id == ids[0])) == 0
