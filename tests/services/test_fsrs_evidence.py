"""The evidence of which scheduler predicts the person better (services/fsrs_evidence.py), on a
simulated learner with a known forgetting curve (tests/fsrs_learner.py: ~4,000 answers over
220 days), with Anki's FSRS optimizer (`compute_fsrs_params_from_items`) as the judge of the fit."""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timedelta

import pytest

from quizapp.cli import main
from quizapp.services.fsrs_evidence import evaluate, fsrs_model, predictions, scored_times
from quizapp.services.fsrs_fit import MIN_SCORED
from quizapp.services.fsrs_service import FsrsService
from quizapp.services.study import StudyService
from quizapp.domain.recall_metrics import log_loss
from tests.fsrs_learner import simulate
from tests.support import NOW


@pytest.fixture(scope="module")
def learner_log():
    return simulate()


def test_the_simulated_log_is_big_enough_for_the_optimizer(learner_log) -> None:
    assert len(learner_log) >= 2000
    assert (learner_log[-1].at - learner_log[0].at) >= timedelta(days=200)
    assert len(scored_times(learner_log)) * 0.8 > MIN_SCORED


def test_default_fsrs_predicts_the_learner_better_than_sm2_without_fitting(learner_log) -> None:
    evidence = evaluate(learner_log, fit=False)
    scores = {s.name: s for s in evidence.scores}
    assert set(scores) == {"sm2", "fsrs_default"} and evidence.fitted_parameters is None
    assert scores["sm2"].reviews == scores["fsrs_default"].reviews > 300
    # SM-2's "90% on the due date" is overconfident for a learner who forgets faster
    assert scores["fsrs_default"].log_loss < scores["sm2"].log_loss - 0.03


def test_too_few_answers_keep_the_defaults_and_say_so(sample_db) -> None:
    study = StudyService(sample_db)
    step = study.step(NOW)
    assert step.card is not None
    for days in (0, 1, 3):
        study.answer(step.card.id, 4, NOW + timedelta(days=days))
    result = FsrsService(sample_db).optimize()
    assert result.fit.parameters is None and result.fit.scored == 2 and "512" in result.fit.message
    evidence = FsrsService(sample_db).evidence()
    assert not result.changes and [s.name for s in evidence.scores] == ["sm2", "fsrs_default"]
    assert evidence.fitted_parameters is None and "defaults stay" in evidence.note


def test_cli_evaluate_prints_the_scores(sample_db, capsys) -> None:
    study = StudyService(sample_db)
    ids = [i.card_id for i in study.queue(NOW).items[:3]]
    for days in (0, 1, 3, 8, 20):
        for card_id in ids:
            study.answer(card_id, 1 if days == 8 else 4, NOW + timedelta(days=days))
    url = str(sample_db.engine.url.database)
    assert main(["fsrs", "evaluate", "--no-fit", "--json", "--db", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reviews"] == 15 and out["scored"] == 12 and set(out["scores"]) == {"sm2", "fsrs_default"}
    assert main(["fsrs", "evaluate", "--train-fraction", "1.5", "--db", url]) == 2


@pytest.mark.slow
def test_fitted_fsrs_beats_sm2_and_matches_ankis_fit(learner_log) -> None:
    """py-fsrs's fit (quizapp) and Anki's (fsrs-rs) on the same training answers: both beat SM-2 on
    the later answers, and they predict those answers alike."""
    scheduler_pb2 = pytest.importorskip("anki.scheduler_pb2")
    collection = pytest.importorskip("anki.collection")
    evidence = evaluate(learner_log)
    scores = {s.name: s for s in evidence.scores}
    assert evidence.fitted_parameters is not None and len(evidence.fitted_parameters) == 21
    assert scores["fsrs_fitted"].log_loss < scores["sm2"].log_loss - 0.03
    assert scores["fsrs_fitted"].rmse_bins < scores["sm2"].rmse_bins

    assert evidence.test_from is not None
    first_test = datetime.fromisoformat(evidence.test_from)
    train = [r for r in learner_log if r.at < first_test]
    items, history = [], {}
    for r in train:  # Anki's items: each answer with the card's history up to it, days in study days
        past = history.setdefault(r.card_id, [])
        delta = 0 if not past else r.study_day - past[-1][1]
        past.append((scheduler_pb2.FsrsReview(rating=1 if r.grade < 3 else r.grade - 1, delta_t=delta), r.study_day))
        if delta > 0:  # Anki trains on answers a day or more after the previous one
            items.append(scheduler_pb2.FsrsItem(reviews=[review for review, _ in past]))
    col = collection.Collection(os.path.join(tempfile.mkdtemp(), "fit.anki2"))
    try:
        anki_params = list(col._backend.compute_fsrs_params_from_items(items).params)
    finally:
        col.close()
    ours_p, outcome = predictions(learner_log, fsrs_model(evidence.fitted_parameters), scored_from=first_test)
    anki_p, _ = predictions(learner_log, fsrs_model(anki_params), scored_from=first_test)
    anki_loss = log_loss(anki_p, outcome)
    print(f"\nlog loss on the test part: sm2 {scores['sm2'].log_loss:.4f}  fsrs default "
          f"{scores['fsrs_default'].log_loss:.4f}  quizapp fit {scores['fsrs_fitted'].log_loss:.4f}  "
          f"Anki fit {anki_loss:.4f}; mean |R quizapp - R Anki| "
          f"{sum(abs(a - b) for a, b in zip(ours_p, anki_p)) / len(ours_p):.4f}")
    assert anki_loss < scores["sm2"].log_loss - 0.03
    assert abs(scores["fsrs_fitted"].log_loss - anki_loss) < 0.02
    assert sum(abs(a - b) for a, b in zip(ours_p, anki_p)) / len(ours_p) < 0.05


# --- the forecast -------------------------------------------------------------------------------

def _studied_under_fsrs(db) -> None:
    from quizapp.services.settings import SettingsService

    SettingsService(db).update({"scheduler": "fsrs", "new_per_day": 5})
    study = StudyService(db)
    ids = [i.card_id for i in study.queue(NOW).items]
    for days in (0, 1, 4):
        for n, card_id in enumerate(ids):
            study.answer(card_id, 1 if (n + days) % 4 == 0 else 4, NOW + timedelta(days=days))


def test_forecast_workload_grows_with_the_desired_retention(sample_db) -> None:
    _studied_under_fsrs(sample_db)
    service = FsrsService(sample_db)
    later = NOW + timedelta(days=5)
    result = service.forecast(later, days=60)
    assert len(result.current.reviews_per_day) == 60 and result.current.desired_retention == 0.9
    totals = [o.total_reviews for o in result.curve]
    recall = [o.recall_at_end for o in result.curve]
    assert [o.desired_retention for o in result.curve] == [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
    assert totals[-1] > totals[0] and recall[-1] > recall[0]  # more retention costs more reviews
    assert result.recall_today is not None and 0.5 < result.recall_today < 1
    assert service.forecast(later, days=60) == result  # seeded: the same forecast twice


def test_cli_forecast_json(sample_db, capsys) -> None:
    _studied_under_fsrs(sample_db)
    url = str(sample_db.engine.url.database)
    assert main(["fsrs", "forecast", "--days", "10", "--json", "--db", url, "--now", "2026-12-01T09:00+08:00"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["reviews_per_day"]) == 10 and len(out["retention_vs_workload"]) == 6
    assert main(["fsrs", "forecast", "--days", "0", "--db", url]) == 2


def test_stats_json_carries_the_fsrs_evidence_and_forecast(sample_db, capsys) -> None:
    _studied_under_fsrs(sample_db)
    url = str(sample_db.engine.url.database)
    assert main(["stats", "--json", "--db", url, "--now", "2026-12-01T09:00+08:00"]) == 0
    assert "fsrs" not in json.loads(capsys.readouterr().out)  # only when asked: it replays the whole log
    assert main(["stats", "--json", "--fsrs", "--db", url, "--now", "2026-12-01T09:00+08:00"]) == 0
    fsrs = json.loads(capsys.readouterr().out)["fsrs"]
    assert set(fsrs["evidence"]["scores"]) == {"sm2", "fsrs_default"}  # too few answers to fit
    assert fsrs["evidence"]["fitted_parameters"] is None and len(fsrs["forecast"]["reviews_per_day"]) == 30
