"""Fitting FSRS with fsrs-rs (services/fsrs_fit.py), judged by Anki's backend on the simulated
learner (tests/fsrs_learner.py: 3,968 answers over 220 days): the training items are the ones
Anki builds from the same revlog, the parameters are the ones Anki's optimizer computes from
them, and the memory after a replay with the fitted parameters is Anki's compute_memory_state."""
from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest

from quizapp.domain.studyday import day_to_date
from quizapp.services.fsrs_fit import (OPTIMIZER_DEFAULTS, STAGES, FitCancelled, fit_parameters, score,
                                      training_histories, training_items)
from quizapp.services.fsrs_scheduler import py_fsrs_scheduler, replay
from quizapp.services.fsrs_service import FsrsService
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from tests.fsrs_learner import TRUE_PARAMETERS, simulate
from tests.support import CST, NOW, db_arg

# Anki's optimizer and fsrs-rs-python's are the same Rust code; fsrs-rs computes in float32
PARAMETER_TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def learner_log():
    return simulate()


@pytest.fixture(scope="module")
def anki_collection(learner_log):
    col, card_ids = _anki_with_revlog(learner_log)
    yield col, card_ids
    col.close()


def _anki_with_revlog(log):
    """An Anki collection holding `log` as its revlog (one note per card)."""
    collection = pytest.importorskip("anki.collection")
    col = collection.Collection(os.path.join(tempfile.mkdtemp(), "learner.anki2"))
    deck = col.decks.id("Default")
    card_ids: dict[str, int] = {}
    passed: dict[str, bool] = {}
    previous: dict[str, int] = {}
    used: set[int] = set()
    for r in log:
        if r.card_id not in card_ids:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = r.card_id, "a"
            col.add_note(note, deck)
            card_ids[r.card_id] = note.card_ids()[0]
        rating = 1 if r.grade < 3 else r.grade - 1
        # revlog type: 0 learning until the first pass, 2 relearning after an Again, else 1 review
        kind = 0 if not passed.get(r.card_id) else 2 if previous.get(r.card_id) == 1 else 1
        revlog_id = int(r.at.timestamp() * 1000)
        while revlog_id in used:
            revlog_id += 1
        used.add(revlog_id)
        col.db.execute("insert into revlog (id,cid,usn,ease,ivl,lastIvl,factor,time,type) values (?,?,?,?,?,?,?,?,?)",
                       revlog_id, card_ids[r.card_id], -1, rating, 1, 0, 2500, 1000, kind)
        passed[r.card_id] = passed.get(r.card_id, False) or rating > 1
        previous[r.card_id] = rating
    col.db.execute("update cards set type=2, queue=2, ivl=5, due=0")
    return col, card_ids


def test_the_training_items_are_the_ones_anki_builds_from_its_revlog(learner_log, anki_collection) -> None:
    """Anki scores parameters on the items it builds from its revlog; quizapp's items give the
    same log loss and RMSE for two different parameter sets: the same answers, gaps and ratings."""
    col, _ = anki_collection
    items = training_items(learner_log)
    assert len(items) == 2813
    for parameters in (list(OPTIMIZER_DEFAULTS), list(TRUE_PARAMETERS)):
        anki = col._backend.evaluate_params_legacy(params=parameters, search="", ignore_revlogs_before_ms=0)
        ours = score(parameters, items)
        assert ours.log_loss == pytest.approx(anki.log_loss, rel=1e-6)
        assert ours.rmse_bins == pytest.approx(anki.rmse_bins, rel=1e-6)


def test_the_fit_is_ankis_fit_of_the_same_items(learner_log, anki_collection) -> None:
    scheduler_pb2 = pytest.importorskip("anki.scheduler_pb2")
    col, _ = anki_collection
    fit = fit_parameters(learner_log)
    assert fit.parameters is not None and len(fit.parameters) == 21 and fit.items == 2813
    anki_items = [scheduler_pb2.FsrsItem(reviews=[scheduler_pb2.FsrsReview(rating=rating, delta_t=gap)
                                                  for rating, gap in item]) for item in training_histories(learner_log)]
    anki = list(col._backend.compute_fsrs_params_from_items(anki_items).params)
    assert max(abs(a - b) for a, b in zip(fit.parameters, anki)) <= PARAMETER_TOLERANCE
    # the fit learnt something: far from the defaults, and it predicts the log better than they do
    assert max(abs(a - b) for a, b in zip(fit.parameters, OPTIMIZER_DEFAULTS)) > 1
    assert fit.before is not None and fit.after is not None
    assert fit.after.log_loss < fit.before.log_loss - 0.01 and fit.after.rmse_bins < fit.before.rmse_bins


def test_memory_replayed_with_the_fitted_parameters_is_ankis(learner_log) -> None:
    fit = fit_parameters(learner_log)
    assert fit.parameters is not None
    # py-fsrs counts elapsed 24-hour periods, Anki study days: the same answers moved to 15:00
    # of their study day plus one second per earlier answer of the card, so that both count
    # the same days (a day later is a day and some seconds later)
    answers: dict[str, int] = {}
    aligned = []
    for r in learner_log[:1200]:
        n = answers[r.card_id] = answers.get(r.card_id, -1) + 1
        aligned.append(replace(r, at=datetime.combine(day_to_date(r.study_day), time(15), CST) + timedelta(seconds=n)))
    col, card_ids = _anki_with_revlog(aligned)
    try:
        col.set_config("fsrs", True)
        conf = col.decks.config_dict_for_deck_id(col.decks.id("Default"))
        conf["fsrsParams6"] = fit.parameters
        col.decks.update_config(conf)
        scheduler = py_fsrs_scheduler(fit.parameters)
        by_card: dict[str, list] = {}
        for r in aligned:
            by_card.setdefault(r.card_id, []).append(r)
        for card_id, history in by_card.items():
            memory = replay(scheduler, history)
            assert memory is not None
            anki = col.compute_memory_state(card_ids[card_id])
            # Anki computes in float32
            assert (memory.stability, memory.difficulty) == (pytest.approx(anki.stability, rel=1e-5),
                                                             pytest.approx(anki.difficulty, rel=1e-5)), card_id
        assert len(by_card) > 50 and max(len(h) for h in by_card.values()) >= 8
    finally:
        col.close()


def test_a_small_log_keeps_the_parameters_and_says_so(sample_db) -> None:
    study = StudyService(sample_db)
    step = study.step(NOW)
    assert step.card is not None
    for days in (0, 1, 3):
        study.answer(step.card.id, 4, NOW + timedelta(days=days))
    result = FsrsService(sample_db).optimize()
    assert result.fit.parameters is None and result.fit.items == 2 and "too few" in result.fit.message
    assert not result.changes and SettingsService(sample_db).get().fsrs_parameters == []


def test_quiz_answers_are_not_training_items(sample_db) -> None:
    from quizapp.services.scheduling import logged_reviews

    study = StudyService(sample_db)
    step = study.step(NOW)
    assert step.card is not None
    study.answer(step.card.id, 4, NOW)
    study.answer(step.card.id, 4, NOW + timedelta(days=2))
    with sample_db.session() as session:  # a quiz answer on the same card in between
        from quizapp.store.models import ReviewLogRow

        row = session.query(ReviewLogRow).first()
        assert row is not None
        session.add(ReviewLogRow(card_id=row.card_id, reviewed_at=row.reviewed_at + timedelta(days=1),
                                 study_day=row.study_day + 1, grade=1, kind="quiz", duration_ms=0,
                                 state_before={}, state_after={}))
    with sample_db.read_session() as session:
        reviews = logged_reviews(session)
    assert [r.grade for r in reviews] == [4, 4]
    assert training_histories(reviews) == [[(3, 0), (3, 2)]]


def test_progress_reports_the_stages_and_a_cancel_stops_the_fit(learner_log) -> None:
    seen: list[tuple[int, int, str]] = []
    fit_parameters(learner_log, progress=lambda n, total, text: seen.append((n, total, text)))
    assert seen == [(n, len(STAGES), STAGES[n]) for n in (1, 2, 3)]

    def cancel_at_fitting(n: int, total: int, text: str) -> None:
        if n == 2:
            raise FitCancelled

    with pytest.raises(FitCancelled):
        fit_parameters(learner_log, progress=cancel_at_fitting)


def test_cli_optimize_fits_and_stores_what_the_service_fits(sample_db, capsys) -> None:
    import json

    from quizapp.cli import main
    from tests.fsrs_learner import write_log

    url = db_arg(sample_db)
    assert main(["fsrs", "optimize", "--json", "--db", url]) == 0  # 14 cards, no answers yet
    out = json.loads(capsys.readouterr().out)
    assert out["fitted"] is False and out["parameters"] is None and "nothing to fit" in out["message"]
    write_log(sample_db)
    expected = FsrsService(sample_db).fit()
    assert expected.parameters is not None
    assert main(["fsrs", "optimize", "--json", "--db", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["fitted"] is True and out["parameters"] == expected.parameters
    assert out["after"]["log_loss"] < out["before"]["log_loss"]
    assert SettingsService(sample_db).get().fsrs_parameters == pytest.approx(expected.parameters)


def test_a_deck_is_fitted_on_its_own_log_and_its_sub_decks_inherit_the_parameters(sample_db) -> None:
    """`quizapp fsrs optimize --deck NAME`: the fit reads only the deck's answers, stores the
    parameters as the deck's option (the collection's stay), and its cards are scheduled with them."""
    from pathlib import Path

    from quizapp.services.decks import DeckNotFound, DecksService
    from quizapp.services.importer import import_deck
    from quizapp.services.scheduling import scheduler_settings_for
    from sqlalchemy import text

    from quizapp.services.settings import load_settings
    from tests.fsrs_learner import write_log

    from quizapp.domain.deck_header import BUNDLED_DECK

    write_log(sample_db)  # its 60 cards, with nearly every answer, are added to the bundled deck
    import_deck(sample_db, [Path(__file__).parents[1] / "fixtures" / "decks" / "ch02.toml"], now=NOW)
    fsrs = FsrsService(sample_db)
    whole = fsrs.fit()
    assert whole.parameters is not None
    mine = fsrs.fit(deck=BUNDLED_DECK)
    assert mine.parameters is not None and mine.items < whole.items  # the sample deck's answers left out
    empty = fsrs.optimize(deck="Notes::ch02")  # no answers in that deck: nothing stored
    assert empty.fit.parameters is None and "nothing to fit" in empty.fit.message
    assert "fsrs_parameters" not in DecksService(sample_db).get("Notes::ch02").options
    fsrs.optimize(deck=BUNDLED_DECK)
    assert DecksService(sample_db).get(BUNDLED_DECK).options["fsrs_parameters"] == pytest.approx(mine.parameters)
    assert SettingsService(sample_db).get().fsrs_parameters == []
    assert fsrs.current_parameters(BUNDLED_DECK) == pytest.approx(mine.parameters)
    assert fsrs.current_parameters() == []
    with sample_db.read_session() as session:
        settings = load_settings(session)
        assert scheduler_settings_for(session, settings, "fsrs-0").fsrs_parameters == pytest.approx(mine.parameters)
        first_ch02 = session.execute(text("SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck_id "
                                          "WHERE d.name = 'Notes::ch02' LIMIT 1")).scalar_one()
        assert scheduler_settings_for(session, settings, first_ch02).fsrs_parameters == ()
    with pytest.raises(DeckNotFound):
        fsrs.fit(deck="no such deck")


def test_cli_optimize_with_a_deck_stores_the_decks_parameters(sample_db, capsys) -> None:
    import json

    from quizapp.cli import main
    from quizapp.domain.deck_header import BUNDLED_DECK
    from quizapp.services.decks import DecksService
    from tests.fsrs_learner import write_log

    write_log(sample_db)
    expected = FsrsService(sample_db).fit(deck=BUNDLED_DECK)
    url = db_arg(sample_db)
    assert main(["fsrs", "optimize", "--deck", BUNDLED_DECK, "--json", "--db", url]) == 0
    assert json.loads(capsys.readouterr().out)["parameters"] == expected.parameters
    assert DecksService(sample_db).get(BUNDLED_DECK).options["fsrs_parameters"] == pytest.approx(expected.parameters)
    assert SettingsService(sample_db).get().fsrs_parameters == []
    assert main(["fsrs", "optimize", "--deck", "Nope", "--db", url]) != 0
    assert "Nope" in capsys.readouterr().err
