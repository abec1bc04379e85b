"""Decks (issue 15): two decks side by side, each with its own and the overall counts; the deck
filter; daily limits per deck and overall (a parent's limit caps its children, the collection's
caps everything); rename keeps everything; delete asks a backup first."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.services.backups import list_backups
from quizapp.services.decks import DeckNotFound, DecksService
from quizapp.services.errors import DeckInvalid, UserError
from quizapp.services.importer import import_deck
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.models import CardRow, ReviewLogRow
from tests.support import NOW

CH02 = Path(__file__).parents[1] / "fixtures" / "decks" / "ch02.toml"


@pytest.fixture
def two_decks(sample_db):
    report = import_deck(sample_db, [CH02], now=NOW)
    assert (report.added, report.decks) == (5, ["Notes::ch02"])
    return sample_db


def _counts(listing, name):
    d = listing.find(name) if name else listing.overall
    return (d.new, d.learn, d.review, d.total)


def test_two_decks_have_separate_and_overall_counts(two_decks) -> None:
    listing = DecksService(two_decks).list(NOW)
    assert [d.name for d in listing.decks] == ["Notes", "Notes::ch02", "sample"]
    assert _counts(listing, "sample") == (14, 0, 0, 14)
    assert _counts(listing, "Notes::ch02") == (5, 0, 0, 5)
    assert _counts(listing, "Notes") == (5, 0, 0, 5)  # a parent covers its sub-decks
    assert listing.find("Notes").deck_id is None  # a parent name without a row
    assert _counts(listing, None) == (19, 0, 0, 19)  # 14 + 5 within the collection's 20 new a day


def test_deck_filter_narrows_the_queue_and_steps(two_decks) -> None:
    study = StudyService(two_decks)
    ids = {i.card_id for i in study.queue(NOW, scope=StudyScope(deck="Notes")).items}
    assert ids == {f"notes-ch02-q{i}" for i in range(1, 6)}
    step = study.step(NOW, scope=TODAYS_QUEUE.in_deck("sample"))
    assert step.card is not None and step.card.id.startswith("sample-") and step.counts["new"] == 14
    assert study.queue(NOW, scope=StudyScope(deck="No::such")).items == []
    with pytest.raises(DeckNotFound):
        DecksService(two_decks).check_filter("No::such")


def test_answers_count_against_their_deck_and_the_collection(two_decks) -> None:
    SettingsService(two_decks).update({"new_per_day": 10})
    decks = DecksService(two_decks)
    decks.set_options("Notes::ch02", {"new_per_day": 3})
    study = StudyService(two_decks)
    first = study.step(NOW, scope=StudyScope(deck="Notes::ch02")).card
    study.answer(first.id, 1, NOW)  # a new card missed: one new done, the card is in re-drill
    listing = decks.list(NOW)
    assert _counts(listing, "Notes::ch02")[:2] == (2, 1)  # 3 - 1 done; one card to re-drill
    assert _counts(listing, "sample")[0] == 9  # the collection has 10 - 1 left
    assert _counts(listing, None)[:2] == (9, 1)  # 2 of ch02 + 7 of sample, capped by the 9 left


def test_a_parents_limit_caps_its_children_and_the_collection_caps_all(two_decks, tmp_path: Path) -> None:
    (tmp_path / "ch03.toml").write_text(CH02.read_text(encoding="utf-8").replace("ch02", "ch03"), encoding="utf-8")
    import_deck(two_decks, [tmp_path / "ch03.toml"], now=NOW)
    decks = DecksService(two_decks)
    decks.create("Notes")  # the parent gets a row of its own, to hold options
    decks.set_options("Notes", {"new_per_day": 4})
    decks.set_options("Notes::ch02", {"new_per_day": 3})
    listing = decks.list(NOW)
    assert _counts(listing, "Notes::ch02")[0] == 3  # its own limit
    assert _counts(listing, "Notes::ch03")[0] == 4  # no own limit: the parent's
    assert _counts(listing, "Notes")[0] == 4  # the parent caps the sum of its children
    assert _counts(listing, None)[0] == 18  # 14 sample + 4 of Notes
    # the order across the children is deck order (positions), each child within its own limit
    items = StudyService(two_decks).queue(NOW, scope=StudyScope(deck="Notes")).items
    assert [i.card_id for i in items] == ["notes-ch02-q1", "notes-ch02-q2", "notes-ch02-q3", "notes-ch03-q1"]
    SettingsService(two_decks).update({"new_per_day": 2})
    listing = decks.list(NOW)
    assert (_counts(listing, "Notes")[0], _counts(listing, "sample")[0], _counts(listing, None)[0]) == (2, 2, 2)


def test_review_limits_apply_per_deck(two_decks) -> None:
    study = StudyService(two_decks)
    for card_id in [f"notes-ch02-q{i}" for i in range(1, 6)] + ["sample-71-1"]:
        study.answer(card_id, 5, NOW)
    later = NOW.replace(day=28)  # all six are due again
    decks = DecksService(two_decks)
    decks.set_options("Notes::ch02", {"reviews_per_day": 2})
    listing = decks.list(later)
    assert (_counts(listing, "Notes::ch02")[2], _counts(listing, "sample")[2], _counts(listing, None)[2]) == (2, 1, 3)


def test_rename_keeps_cards_history_and_options(two_decks) -> None:
    decks = DecksService(two_decks)
    StudyService(two_decks).answer("notes-ch02-q1", 4, NOW)
    decks.set_options("Notes::ch02", {"new_per_day": 3})
    moved = decks.rename("Notes", "Books::Deep")
    assert moved.value == [("Notes::ch02", "Books::Deep::ch02")]
    assert decks.get("Books::Deep::ch02").options == {"new_per_day": 3}
    listing = decks.list(NOW)
    assert _counts(listing, "Books::Deep::ch02")[3] == 5 and listing.find("Notes::ch02") is None
    assert StudyService(two_decks).card("notes-ch02-q1")[1].repetitions == 1
    with pytest.raises(UserError, match="already exists"):
        decks.rename("Books::Deep::ch02", "sample")
    with pytest.raises(UserError, match="inside itself"):
        decks.rename("Books", "Books::x")


def test_delete_takes_a_backup_first_and_removes_only_that_deck(two_decks) -> None:
    study = StudyService(two_decks)
    study.answer("notes-ch02-q1", 4, NOW)
    study.answer("sample-71-1", 4, NOW)
    deleted = DecksService(two_decks).delete("Notes").value
    assert (deleted.names, deleted.cards) == (["Notes::ch02"], 5)
    if two_decks.path is None:  # PostgreSQL: no file to copy (pg_dump is the server's backup)
        assert deleted.backup is None
    else:
        backups = list_backups(two_decks)
        assert [b.label for b in backups] == ["pre-delete"] and str(backups[0].path) == deleted.backup
    with two_decks.read_session() as s:
        assert s.scalar(select(func.count()).select_from(CardRow)) == 14
        assert list(s.scalars(select(ReviewLogRow.card_id))) == ["sample-71-1"]
    assert DecksService(two_decks).names() == ["sample"]
    with pytest.raises(DeckNotFound):
        DecksService(two_decks).delete("Notes")


def test_options_are_checked(two_decks) -> None:
    decks = DecksService(two_decks)
    with pytest.raises(UserError, match="new_per_day must be a whole number from 0 to 9999"):
        decks.set_options("sample", {"new_per_day": -1})
    with pytest.raises(UserError, match="unknown deck option 'colour'"):
        decks.set_options("sample", {"colour": "red"})
    decks.set_options("sample", {"scheduler": "fsrs", "desired_retention": 0.9, "maximum_interval_days": 365})
    assert decks.set_options("sample", {"scheduler": None}).value == {"desired_retention": 0.9,
                                                                      "maximum_interval_days": 365}


def test_a_user_deck_has_its_own_sections_and_any_demo(two_decks, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(CH02.read_text(encoding="utf-8").replace('section = "3"', 'section = "7.1"')
                   .replace('demo.id = "dropout"', 'demo.id = "no-such-demo"'), encoding="utf-8")
    with pytest.raises(DeckInvalid) as info:
        import_deck(two_decks, [bad], now=NOW)
    text = "\n".join(info.value.issues)
    assert "unknown section '7.1' (one of the deck's sections: 2, 3)" in text
    assert "unknown demo id 'no-such-demo'" in text
    assert StudyService(two_decks).card("notes-ch02-q1")[0].demo.id == "dropout"


def test_header_less_file_goes_to_the_deck_option_or_its_name(db, tmp_path: Path) -> None:
    plain = tmp_path / "my-cards.toml"
    text = CH02.read_text(encoding="utf-8")
    plain.write_text(text[text.index("[[card]]"):]
                     .replace('section = "2"', 'section = "7.1"').replace('section = "3"', 'section = "7.2"'),
                     encoding="utf-8")
    assert import_deck(db, [plain], now=NOW).decks == ["my-cards"]
    other = tmp_path / "other.toml"
    other.write_text(plain.read_text(encoding="utf-8").replace("notes-ch02", "other"), encoding="utf-8")
    assert import_deck(db, [other], now=NOW, deck="Mine::other").decks == ["Mine::other"]
    assert DecksService(db).names() == ["Mine::other", "my-cards"]
    with pytest.raises(DeckInvalid, match="empty part"):
        import_deck(db, [other], now=NOW, deck="Mine::::x")


def _deck_snapshot(db, name):
    from quizapp.services.decks import DecksService as _D
    from quizapp.store.models import CardStateRow, DeckRow

    info = _D(db).get(name)
    with db.read_session() as s:
        deck_id = s.scalar(select(DeckRow.id).where(DeckRow.name == name))
        rows = s.execute(select(CardRow.id, CardRow.section, CardRow.content, CardStateRow.repetitions,
                                CardStateRow.easiness, CardStateRow.interval, CardStateRow.due_day,
                                CardStateRow.lapses, CardStateRow.suspended, CardStateRow.flag)
                         .join(CardStateRow).where(CardRow.deck_id == deck_id).order_by(CardStateRow.position)).all()
    return info.origin, info.sections, dict(info.options), [tuple(r) for r in rows]


@pytest.mark.parametrize("with_scheduling", [False, True])
def test_a_toml_export_reimports_into_an_identical_deck(two_decks, tmp_path: Path, with_scheduling) -> None:
    from quizapp.services.card_actions import CardActionsService
    from quizapp.services.database import open_database
    from quizapp.services.deck_export import export_deck_toml

    study = StudyService(two_decks)
    study.answer("notes-ch02-q1", 5, NOW)
    study.answer("notes-ch02-q2", 2, NOW)
    CardActionsService(two_decks).set_flag("notes-ch02-q3", 3)
    CardActionsService(two_decks).suspend("notes-ch02-q4")
    DecksService(two_decks).set_options("Notes::ch02", {"new_per_day": 7})
    out = tmp_path / "ch02-export.toml"
    report = export_deck_toml(two_decks, "Notes::ch02", out, with_scheduling=with_scheduling)
    assert report.cards == 5
    other = open_database(tmp_path / "other.db")
    assert import_deck(other, [out], now=NOW).decks == ["Notes::ch02"]
    mine, theirs = _deck_snapshot(two_decks, "Notes::ch02"), _deck_snapshot(other, "Notes::ch02")
    assert theirs[:3] == mine[:3]  # origin, sections, options
    if with_scheduling:
        assert theirs[3] == mine[3]  # content and schedule, card by card, in deck order
    else:
        assert [r[:3] for r in theirs[3]] == [r[:3] for r in mine[3]]
        assert {r[3:] for r in theirs[3]} == {(0, 250, 0, None, 0, False, 0)}  # all new
    # and back into the same collection: nothing changes
    again = import_deck(two_decks, [out], now=NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    other.close()


def test_the_bundled_deck_exports_and_reimports(db, tmp_path: Path) -> None:
    from quizapp.services.database import open_database
    from quizapp.services.deck_export import export_deck_toml

    import_deck(db, now=NOW)
    assert DecksService(db).names() == ["NNDL::ch07"]
    out = tmp_path / "ch07.toml"
    export_deck_toml(db, "NNDL::ch07", out)
    other = open_database(tmp_path / "other.db")
    import_deck(other, [out], now=NOW)
    assert _deck_snapshot(other, "NNDL::ch07")[1:] == _deck_snapshot(db, "NNDL::ch07")[1:]
    assert DecksService(other).get("NNDL::ch07").origin == "bundled"
    other.close()


def test_browser_statistics_and_quizzes_take_the_deck_filter(two_decks) -> None:
    from quizapp.domain.browse import BrowseQuery
    from quizapp.services.browser import BrowserService
    from quizapp.services.quiz import QuizService
    from quizapp.services.stats import StatsService

    browser = BrowserService(two_decks)
    assert browser.search(BrowseQuery(deck="Notes")).total == 5
    assert browser.search(BrowseQuery(deck="sample")).total == 14
    assert browser.search(BrowseQuery(deck="Notes", text="question 3")).total == 1  # text and deck together
    assert browser.search(BrowseQuery(deck="sample", text="chapter")).total == 0
    assert browser.search(BrowseQuery(sections=("2",))).total == 3  # a user deck's own section
    StudyService(two_decks).answer("notes-ch02-q1", 4, NOW)
    stats = StatsService(two_decks)
    assert stats.collection(NOW, deck="Notes::ch02").cards["total"] == 5
    assert sum(d.new + d.review + d.redrill for d in stats.collection(NOW, deck="sample").answers_per_day) == 0
    assert sum(d.new for d in stats.collection(NOW, deck="Notes").answers_per_day) == 1
    assert set(stats.sections("Notes")) == {"2", "3"}
    quiz = QuizService(two_decks)
    assert quiz.available("Notes::ch02") == {"2": {"qa": 3}, "3": {"qa": 2}}
    run = quiz.start(NOW, (), ("qa",), size=10, seed=1, deck="Notes::ch02")
    assert sorted(i.card.id for i in run.items) == [f"notes-ch02-q{i}" for i in range(1, 6)]
    with pytest.raises(UserError, match="unknown section '7.1'"):
        quiz.start(NOW, ("7.1",), (), size=3, seed=1, deck="Notes::ch02")


def test_custom_study_offers_the_picked_decks_sections_and_cards(two_decks) -> None:
    """Custom study within a deck: its own sections (in the deck's order) and counts, and its
    failed cards only; every deck when none is picked."""
    from quizapp.services.custom_study import CustomStudyService

    custom = CustomStudyService(two_decks)
    mine = custom.options(NOW, "Notes::ch02")
    assert mine.new_available == 5 and list(mine.new_by_section) == ["2", "3"]
    assert mine.new_by_section == {"2": 3, "3": 2}
    everything = custom.options(NOW)
    assert everything.new_available == 19 and {"2", "3"} <= set(everything.new_by_section)
    study = StudyService(two_decks)
    card = study.queue(NOW, scope=TODAYS_QUEUE.in_deck("Notes::ch02")).items[0].card_id
    study.answer(card, 1, NOW)  # missed: in today's re-drill, so not "failed again" yet
    assert custom.options(NOW, "Notes::ch02").failed_today == 0
