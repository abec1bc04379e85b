"""The review screen's actions (services/card_actions.py) and custom study
(services/custom_study.py, domain/custom_study.py) over the sample deck."""
from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.domain.card_marks import CardMarks
from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.services.card_actions import CardActionsService
from quizapp.services.cards import CardsService
from quizapp.services.custom_study import CustomStudyService
from quizapp.services.errors import CardNotFound, UserError
from quizapp.services.settings import SettingsService
from quizapp.services.study import StudyService
from tests.support import NOW


def ids(study: StudyService, now=NOW, scope: StudyScope = TODAYS_QUEUE) -> list[str]:
    return [i.card_id for i in study.queue(now, scope=scope).items]


def test_bury_hides_a_card_today_only_and_undo_brings_it_back(sample_db) -> None:
    study, actions = StudyService(sample_db), CardActionsService(sample_db)
    first = ids(study)[0]
    action = actions.bury(first, NOW)
    assert action.before == CardMarks() and action.after.buried_day is not None
    assert action.changes.schedule and first not in ids(study)
    # buried until the next study day, which starts at 04:00 local time, not at midnight
    assert first not in ids(study, NOW.replace(hour=3, minute=59) + timedelta(days=1))
    assert first in ids(study, NOW.replace(hour=4) + timedelta(days=1))
    actions.restore(action)
    assert ids(study)[0] == first and actions.marks(first) == CardMarks()


def test_suspend_and_flag_and_their_undo(sample_db) -> None:
    study, actions = StudyService(sample_db), CardActionsService(sample_db)
    card = ids(study)[0]
    suspended = actions.suspend(card)
    assert card not in ids(study) and actions.marks(card).suspended
    with pytest.raises(UserError, match="suspended"):
        study.answer(card, 4, NOW)
    actions.restore(suspended)
    flagged = actions.set_flag(card, 2)
    assert flagged.after.flag == 2 and not flagged.changes.schedule and CardsService(sample_db).detail(card).flag == 2
    assert actions.set_flag(card, 2).after.flag == 0  # the same flag again removes it, as in Anki
    with pytest.raises(UserError, match="cannot undo"):
        actions.restore(flagged)  # the card changed since: nothing is written
    assert actions.marks(card).flag == 0
    with pytest.raises(UserError, match="flag must be"):
        actions.set_flag(card, 5)
    with pytest.raises(CardNotFound):
        actions.bury("nope", NOW)


def test_more_new_cards_and_one_section(sample_db) -> None:
    SettingsService(sample_db).update({"new_per_day": 2})
    study = StudyService(sample_db)
    for card_id in ids(study):
        study.answer(card_id, 5, NOW)
    assert ids(study) == []  # today's limit reached
    more = ids(study, scope=StudyScope(extra_new=3))
    assert len(more) == 3
    options = CustomStudyService(sample_db).options(NOW)
    assert options.new_available == 14 - 2 and sum(options.new_by_section.values()) == 12
    section, count = next((s, n) for s, n in options.new_by_section.items() if n >= 2)
    scoped = study.queue(NOW, scope=StudyScope(extra_new=count, section=section)).items
    assert len(scoped) == count and {i.section for i in scoped} == {section}
    step = study.step(NOW, scope=StudyScope(extra_new=1, section=section))
    assert step.card is not None and step.card.section == section


def test_failed_cards_go_back_into_todays_redrill(sample_db) -> None:
    study, custom = StudyService(sample_db), CustomStudyService(sample_db)
    a, b, c = ids(study)[:3]
    study.answer(a, 1, NOW)  # missed, then drilled to a pass
    study.answer(b, 5, NOW)
    study.answer(c, 3, NOW)  # hard: in the drill, but not a miss
    study.answer(a, 5, NOW + timedelta(minutes=2))
    assert custom.options(NOW).failed_today == 1
    before = study.card(a)[1]
    again = custom.drill_failed_again(NOW + timedelta(minutes=3))
    assert again.count == 1 and again.changes.review
    after = study.card(a)[1]
    assert after.redrill_day is not None and after.due_day == before.due_day and after.interval == before.interval
    assert custom.options(NOW).failed_today == 0
    assert a in [i.card_id for i in study.queue(NOW + timedelta(minutes=20)).items if i.kind == "redrill"]


def test_the_browser_finds_cards_by_flag(sample_db) -> None:
    from quizapp.domain.browse import BrowseQuery, InvalidQuery
    from quizapp.services.browser import BrowserService

    actions, browser = CardActionsService(sample_db), BrowserService(sample_db)
    actions.set_flag("sample-71-1", 1)
    actions.set_flag("sample-72-2", 1)
    actions.set_flag("sample-73-1", 3)
    assert browser.search(BrowseQuery(flags=(1,))).total == 2
    assert browser.search(BrowseQuery(flags=(1, 3))).total == 3
    assert browser.search(BrowseQuery(flags=(0,))).total == 14 - 3
    assert browser.search(BrowseQuery(text="sample-73", flags=(3,))).total == 1
    with pytest.raises(InvalidQuery, match="unknown flag 7"):
        BrowseQuery(flags=(7,)).validate()
