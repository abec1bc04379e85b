"""Each section's size and progress for the overview (issue 13: not only today's allotment)."""
from __future__ import annotations

from datetime import timedelta

from quizapp.domain.stats import SectionProgress
from quizapp.services.card_editing import CardEditingService
from quizapp.services.stats import StatsService
from quizapp.services.study import StudyService
from tests.support import NOW


def test_sections_count_every_card_whatever_today_holds(sample_db) -> None:
    study = StudyService(sample_db)
    study.answer("sample-71-1", 4, NOW - timedelta(days=60), 8000)
    for days in (59, 53, 38):  # Good each time it is due: intervals 1, 6, 15, then 38 days (mature)
        study.answer("sample-71-1", 4, NOW - timedelta(days=days), 8000)
    study.answer("sample-72-1", 1, NOW, 8000)  # studied once, missed
    CardEditingService(sample_db).set_suspended(["sample-73-1"], True)
    progress = StatsService(sample_db).sections()
    assert progress["7.1"] == SectionProgress(total=2, unseen=1, mature=1, suspended=0)
    assert progress["7.2"] == SectionProgress(total=2, unseen=1, mature=0, suspended=0)
    assert progress["7.3"] == SectionProgress(total=2, unseen=1, mature=0, suspended=1)
    assert progress["7.3"].studied == 0 and progress["7.3"].share_studied == 0.0
    assert progress["7.2"].studied == 1 and progress["7.2"].share_studied == 0.5
    assert sum(p.total for p in progress.values()) == 14
