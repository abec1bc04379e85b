"""A scheduler per deck (issues 15 and 17): a deck's `scheduler`, `desired_retention` and
`maximum_interval_days` options decide for its cards and its sub-decks' (the nearest deck that
sets an option wins); other decks keep the collection's SM-2, exactly. services/scheduling.py:
scheduler_settings_for is the one place that decides, for the step, the preview and the answer."""
from __future__ import annotations

import json
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from sqlalchemy import select

from quizapp.cli import main
from quizapp.domain.sm2 import CardState, preview_intervals
from quizapp.services.clock import local_study_day
from quizapp.services.decks import DecksService
from quizapp.services.importer import import_deck
from quizapp.services.scheduling import scheduler_settings_for
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.models import CardRow, DeckRow, FsrsStateRow
from tests.support import NOW, db_arg

CH02 = Path(__file__).parents[1] / "fixtures" / "decks" / "ch02.toml"


@pytest.fixture
def two_decks(sample_db):
    import_deck(sample_db, [CH02], now=NOW)
    return sample_db


def _first_card(db, deck: str) -> str:
    with db.read_session() as session:
        return session.execute(select(CardRow.id).join(DeckRow, DeckRow.id == CardRow.deck_id)
                               .where(DeckRow.name == deck).order_by(CardRow.id)).scalars().first()


def _fsrs_easy_days(retention: float) -> int:
    utc = NOW.astimezone(timezone.utc)
    card, _ = Scheduler(desired_retention=retention, enable_fuzzing=False).review_card(
        Card(card_id=1, due=utc), Rating.Easy, utc)
    return round((card.due - utc) / timedelta(days=1))


def test_a_parent_decks_fsrs_choice_schedules_its_sub_deck_and_no_other(two_decks) -> None:
    decks, study = DecksService(two_decks), StudyService(two_decks)
    assert SettingsService(two_decks).get().scheduler == "sm2"
    decks.set_options("Notes", {"scheduler": "fsrs", "desired_retention": 0.8})  # the parent of Notes::ch02
    mine, bundled = _first_card(two_decks, "Notes::ch02"), _first_card(two_decks, "sample")
    settings = SettingsService(two_decks).get()
    with two_decks.read_session() as session:
        assert scheduler_settings_for(session, settings, mine).scheduler == "fsrs"
        assert scheduler_settings_for(session, settings, mine).desired_retention == 0.8
        assert scheduler_settings_for(session, settings, bundled).scheduler == "sm2"
        assert scheduler_settings_for(session, settings).scheduler == "sm2"  # the collection as a whole
    easy = _fsrs_easy_days(0.8)
    assert study.preview(mine, NOW)[5] == easy != preview_intervals(CardState(), local_study_day(NOW, 4))[5]
    # the study step's previews too (the kept steps of the lean SM-2 path must not serve this card)
    assert study.step(NOW, card_id=mine).preview[5] == easy
    assert study.step(NOW, card_id=bundled).preview == preview_intervals(CardState(), local_study_day(NOW, 4))
    assert study.preview(bundled, NOW) == preview_intervals(CardState(), local_study_day(NOW, 4))
    study.answer(mine, 4, NOW)
    study.answer(bundled, 4, NOW)
    with two_decks.read_session() as session:
        assert session.get(FsrsStateRow, mine) is not None and session.get(FsrsStateRow, bundled) is None


def test_the_nearest_deck_wins_and_none_inherits_again(two_decks) -> None:
    decks, study = DecksService(two_decks), StudyService(two_decks)
    mine = _first_card(two_decks, "Notes::ch02")
    decks.set_options("Notes", {"scheduler": "fsrs"})
    decks.set_options("Notes::ch02", {"scheduler": "sm2", "maximum_interval_days": 3})
    sm2 = preview_intervals(CardState(), local_study_day(NOW, 4))
    assert study.preview(mine, NOW) == {grade: min(days, 3) for grade, days in sm2.items()}
    decks.set_options("Notes::ch02", {"scheduler": None, "maximum_interval_days": None})
    assert study.preview(mine, NOW)[5] == _fsrs_easy_days(0.9)  # the parent's FSRS, the collection's 0.9


def test_deck_set_scheduler_on_the_command_line(two_decks, capsys, tmp_path) -> None:
    url = db_arg(two_decks)
    assert main(["deck", "set", "Notes::ch02", "--scheduler", "fsrs", "--desired-retention", "0.85",
                 "--db", url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["options"]["scheduler"] == "fsrs" and out["options"]["desired_retention"] == 0.85
    with pytest.raises(SystemExit) as refused:  # argparse's own refusal: usage and one line, exit 2
        main(["deck", "set", "Notes::ch02", "--scheduler", "adam", "--db", url])
    assert refused.value.code == 2
    assert "'adam' is not one of sm2, fsrs" in capsys.readouterr().err
    assert main(["deck", "set", "Notes::ch02", "--desired-retention", "0.5", "--db", url]) != 0
    assert "desired_retention must be a number from 0.7 to 0.99" in capsys.readouterr().err
    assert DecksService(two_decks).get("Notes::ch02").options["desired_retention"] == 0.85  # the refusal kept it
