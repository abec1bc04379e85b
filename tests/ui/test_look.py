"""What a person sees (issue 13, items 5, 7 and 8): the study badge readable in both themes and
absent on the summary, grades in the user's terms in the summary and the statistics, charts that
follow a theme switch at once, a tray tooltip that follows the answers, progress counts that do
not sit on the bar's fill."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from quizapp.domain.sm2 import PASSING_GRADE
from quizapp.services.settings import SettingsService
from quizapp.ui.main_window import MainWindow
from quizapp.ui.stats_view import StatsScreen
from quizapp.ui.study_view import SessionLog, StudyScreen
from quizapp.ui.tray import ReminderController
from tests.support import NOW
from tests.ui.conftest import WAIT_MS
from tests.ui.test_study_view import grade_with_key, open_study


def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _colours(image: QImage) -> dict[int, int]:
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


def _badge_readability(screen: StudyScreen) -> tuple[float, float]:
    """(contrast of the badge's fill with the window, of its text with the fill)."""
    image = screen.reason_label.grab().toImage()
    counts = _colours(image)
    fill = QColor(max(counts, key=counts.__getitem__))
    window = screen.palette().color(screen.backgroundRole())
    ink = max((QColor(c) for c in counts), key=lambda c: _contrast(c, fill))
    return _contrast(fill, window), _contrast(ink, fill)


def test_study_badge_empty_on_the_summary_and_readable_after_a_theme_switch(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window

    SettingsService(sample_db).update({"new_per_day": 1, "theme": "light"})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    screen = open_study(qtbot, window)
    first = screen.step.card.id
    with qtbot.waitSignal(screen.session_finished, timeout=WAIT_MS):
        grade_with_key(qtbot, screen, Qt.Key.Key_3)
    qtbot.wait(10)
    strip = screen.grab().toImage().copy(0, 0, screen.progress.geometry().left(), screen.progress.geometry().bottom())
    blue = QColor("#2f6fde").rgb() & 0xFFFFFF
    assert _colours(strip).get(blue, 0) == 0, "an empty badge pill is drawn on the summary"
    for theme in ("dark", "light"):
        window.ctx.theme.set_mode(theme)  # switched while the badge is empty (the summary)
        with qtbot.waitSignal(screen.card_shown, timeout=WAIT_MS):
            screen._load(lambda: window.ctx.services.study.step(NOW, card_id=first))
        qtbot.wait(10)
        assert screen.reason_label.isVisible() and screen.reason_label.text()
        fill_vs_window, text_vs_fill = _badge_readability(screen)
        assert fill_vs_window > 1.5, f"{theme}: the badge has no fill of its own"
        assert text_vs_fill >= 4.5, f"{theme}: badge text contrast {text_vs_fill:.1f}"
        screen._show_summary()
    window.close()
    window.ctx.ops.wait_idle(WAIT_MS)


def test_summary_reports_grades_as_the_buttons_pressed(window: MainWindow) -> None:
    screen = window.screen_widget("study")
    assert isinstance(screen, StudyScreen)
    screen.session = SessionLog([1, 2, 3, 4], [4, 1, 4, 4], ["new", "new", "review", "redrill"], [1] * 4, 0.0)
    text = screen.summary_html()
    assert "<b>3 cards</b> studied, <b>1 re-drill</b>, <b>4 answers</b>" in text
    assert "Grades — 3 Good · 1 Again." in text and "Recalled (Hard or better): <b>75%</b>" in text
    assert "4: " not in text and "grade ≥" not in text
    screen.session = SessionLog([1], [5], ["new"], [1], 0.0)
    assert "<b>1 card</b> studied, <b>0 re-drills</b>, <b>1 answer</b>" in screen.summary_html()


def test_summary_keeps_0_to_5_in_six_grade_mode(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window

    SettingsService(sample_db).update({"grading": "six"})
    window = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(window)
    screen = window.screen_widget("study")
    screen.session = SessionLog([1, 2], [4, 0], ["new", "new"], [1, 1], 0.0)
    text = screen.summary_html()
    assert "1 × 4 Good · 1 × 0 Blackout" in text and f"grade ≥ {PASSING_GRADE}" in text
    window.close()


def _corner(screen: StatsScreen) -> str:
    return screen.chart.pixmap().toImage().pixelColor(3, 3).name()


def test_statistics_charts_follow_a_theme_switch_at_once(qtbot, window: MainWindow) -> None:
    window.ctx.theme.set_mode("light")
    screen = window.screen_widget("stats")
    assert isinstance(screen, StatsScreen)
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        window.show_screen("stats")
    assert _corner(screen) == "#ffffff"
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT_MS)  # the other theme is drawn meanwhile
    window.ctx.theme.set_mode("dark")  # no event processed: the switch itself shows the dark charts
    assert screen.image is not None and _corner(screen) == "#262a31"
    window.ctx.theme.set_mode("light")
    assert _corner(screen) == "#ffffff"


def test_statistics_take_the_light_charts_down_while_dark_ones_are_drawn(qtbot, window: MainWindow) -> None:
    window.ctx.theme.set_mode("light")
    screen = window.screen_widget("stats")
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        window.show_screen("stats")
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT_MS)
    screen._images.clear()  # as if the dark image was not drawn yet
    window.ctx.theme.set_mode("dark")
    assert screen.image is None and "Redrawing" in screen.chart.text()
    assert screen.chart.pixmap().isNull()
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        pass
    assert _corner(screen) == "#262a31"


def test_statistics_grades_chart_and_streak_in_words(qtbot, window: MainWindow, sample_db) -> None:
    from quizapp.services.study import StudyService

    StudyService(sample_db).answer("sample-71-1", 4, NOW, 8000)
    screen = window.screen_widget("stats")
    with qtbot.waitSignal(screen.drawn, timeout=WAIT_MS):
        window.show_screen("stats")
    assert screen.number_labels["streak"].text() == "<b>1 day</b>"
    assert screen._shown_look[-1] == "four"  # the chart was drawn for the grading setting in use


def test_tray_tooltip_follows_the_answers(qtbot, window: MainWindow, sample_db) -> None:
    controller = ReminderController(window, use_tray=True)
    qtbot.waitUntil(lambda: controller.count is not None, timeout=WAIT_MS)
    assert controller.tray.toolTip().startswith("quizapp — 14 cards waiting")
    study = window.ctx.services.study
    card = study.step(NOW).card
    window.ctx.ops.run(lambda: study.answer_and_next(card.id, 4, NOW, 1000))
    qtbot.waitUntil(lambda: "13 cards waiting" in controller.tray.toolTip(), timeout=WAIT_MS)


def test_progress_counts_are_beside_the_bar_not_on_its_fill(qtbot, window: MainWindow) -> None:
    screen = open_study(qtbot, window)
    grade_with_key(qtbot, screen, Qt.Key.Key_3)
    assert not screen.progress.isTextVisible()
    assert screen.progress_label.text() == f"1 / {screen.progress.maximum()}"
    from quizapp.ui.quiz_widgets import QuestionHeader

    assert not QuestionHeader("quiz-clock", "").progress.isTextVisible()


def test_overview_shows_each_sections_size_and_progress(qtbot, window: MainWindow, sample_db) -> None:
    from quizapp.domain.catalogue import SECTIONS
    from quizapp.services.study import StudyService
    from quizapp.ui.overview import COLUMNS, OverviewScreen

    StudyService(sample_db).answer("sample-72-1", 4, NOW, 8000)
    screen = window.screen_widget("overview")
    assert isinstance(screen, OverviewScreen)
    with qtbot.waitSignal(screen.progress_loaded, timeout=WAIT_MS):
        screen.refresh()
    cards, studied = COLUMNS.index("Cards"), COLUMNS.index("Studied")
    row = list(SECTIONS).index("7.2")
    assert screen.table.item(row, cards).text() == "2" and screen.table.item(row, studied).text() == "1 (50%)"
    other = list(SECTIONS).index("7.1")
    assert screen.table.item(other, cards).text() == "2" and screen.table.item(other, studied).text() == "0 (0%)"
    total = len(SECTIONS)
    assert screen.table.item(total, cards).text() == "14" and screen.table.item(total, studied).text() == "1 (7%)"


def test_mock_interview_setup_counts_questions_in_plain_english(qtbot, window: MainWindow) -> None:
    view = window.screen_widget("mock-interview")
    with qtbot.waitSignal(view.overview_loaded, timeout=WAIT_MS):
        window.show_screen("mock-interview")
    texts = [box.text() for box in view.sections.boxes.values()]
    assert all("questionss" not in t for t in texts), texts
    assert any(t.endswith("(1 question)") or t.endswith(" questions)") for t in texts), texts


def test_a_demo_opened_after_a_theme_switch_is_drawn_and_done(qtbot, window: MainWindow) -> None:
    """The theme switch redrew the old demo's result; a fast demo opened meanwhile had its result
    replaced by that old data and stayed at "Drawing the result…" (seen in the screenshot walk)."""
    from tests.ui.test_demo_panel import RUN_MS, open_panel

    window.ctx.theme.set_mode("light")
    panel = open_panel(qtbot, window, "lr-cyclic")
    window.ctx.theme.set_mode("dark")
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS):
        assert panel.open_demo("ema-window", {})
    assert panel.status_label.text().startswith("Done")
    qtbot.waitUntil(lambda: not panel._render_busy, timeout=WAIT_MS)
    assert panel.renderer.last is panel.result and panel.result.demo == "ema-window"
