"""The window with its DEFAULT clock (no injected clock) at a UTC+8 morning, when the UTC date
is still yesterday: today's due card shows, the answer is logged on the local study day, and
the CLI's `quizapp due` (also on its default clock) names the same day. Issue 12: the window
once defaulted to UTC and showed yesterday's queue between 04:00 and 12:00 in Shanghai."""
from __future__ import annotations

import json
import time
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from quizapp import cli
from quizapp.domain.studyday import study_day
from quizapp.services import clock
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from quizapp.store.models import ReviewLogRow
from tests.support import CST
from tests.ui.conftest import WAIT_MS

# 09:30 in Shanghai on Nov 26 is 01:30 UTC: before the 04:00 day start in UTC (still Nov 25 there)
INSTANT = datetime(2026, 11, 26, 1, 30, tzinfo=timezone.utc)
LOCAL_DAY = date(2026, 11, 26).toordinal()
CARD = "sample-71-1"


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch):
    """The process in Asia/Shanghai, and the app's one time source pinned to INSTANT."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    monkeypatch.setattr(clock, "_system_now", lambda: INSTANT)
    yield
    monkeypatch.undo()
    time.tzset()


def test_window_on_its_default_clock_studies_the_local_day(qtbot, sample_db, qsettings, shanghai, capsys) -> None:
    from quizapp.ui.application import build_window
    from quizapp.ui.study_view import StudyScreen

    # one card graded Good yesterday (local time) is due today; no new cards today
    StudyService(sample_db).answer(CARD, 4, datetime(2026, 11, 25, 10, 0, tzinfo=CST))
    SettingsService(sample_db).update({"new_per_day": 0})
    # the premise: at this instant the UTC study day is Nov 25, Shanghai's is Nov 26
    assert clock.local_study_day(INSTANT) == LOCAL_DAY
    assert study_day(INSTANT) == LOCAL_DAY - 1

    window = build_window(sample_db, qsettings=qsettings)  # no clock= : the app's own clock
    qtbot.addWidget(window)
    window.show()
    try:
        screen = window.screen_widget("study")
        assert isinstance(screen, StudyScreen)
        with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
            window.show_screen("study")
        assert screen.step is not None and screen.step.card is not None
        assert screen.step.card.id == CARD and screen.step.today == LOCAL_DAY
        screen.reveal()
        with qtbot.waitSignal(window.ctx.ops.changed, timeout=WAIT_MS):
            screen.grade(4)
        qtbot.waitUntil(lambda: screen.step is not None and screen.step.card is None, timeout=WAIT_MS)
    finally:
        window.close()
        window.ctx.ops.wait_idle(WAIT_MS)

    with sample_db.read_session() as session:
        logged = session.scalars(select(ReviewLogRow.study_day).where(ReviewLogRow.card_id == CARD)
                                 .order_by(ReviewLogRow.id)).all()
    assert logged == [LOCAL_DAY - 1, LOCAL_DAY]

    # the CLI on its default clock (no --now) agrees on the day
    assert cli.main(["due", "--db", sample_db.url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["study_day"] == "2026-11-26"
