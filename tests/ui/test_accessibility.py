"""Keyboard and reading access (issue 19 § Accessibility): Tab reaches every control of every
screen in reading order, buttons without words have a name and a tooltip, and text grows with
the interface font (150 %) without being clipped at the default window size."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QApplication, QButtonGroup, QLabel, QPushButton,
                               QScrollArea, QWidget)
from PySide6.QtTest import QTest

from quizapp.ui.main_window import DEFAULT_SIZE, MainWindow
from tests.support import NOW
from tests.ui.conftest import WAIT_MS

SCREENS = ("overview", "study", "gallery", "demo", "browser", "stats", "quiz", "mock-interview")
TOLERANCE = 8  # px: widgets of one row are not always aligned to the pixel


def _settle(window: MainWindow) -> None:
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()
        window.ctx.ops.wait_idle(WAIT_MS)
        app.processEvents()


def _show(window: MainWindow, key: str) -> QWidget:
    screen = window.show_screen(key)
    if key == "demo":
        window.open_demo("saddle-escape")
    _settle(window)
    return screen


def _tab_reachable(widget: QWidget, window: QWidget) -> bool:
    return (widget.isVisibleTo(window) and widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and not isinstance(widget.parentWidget(), QAbstractSpinBox))  # a spin box's own line edit


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
    return f"{type(widget).__name__}({widget.objectName() or text[:24]!r})"


def tab_walk(start: QWidget, limit: int) -> list[QWidget]:
    """The widgets Tab visits from `start` until it comes back (a spin box or date edit may
    take several presses: its sections), in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited = [QApplication.focusWidget()]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QApplication.processEvents()
        now = QApplication.focusWidget()
        if now is visited[0]:
            return visited
        if now is not visited[-1]:
            visited.append(now)
    raise AssertionError(f"Tab never came back to {_name(start)}: stuck in {_name(visited[-1])}")


def backwards_steps(order: list[QWidget], window: QWidget) -> list[str]:
    """Steps that go up and to the left at once: against reading order (a step to the next
    row goes down; a step to the next column goes right of the previous control)."""
    bad = []
    for a, b in zip(order, order[1:]):
        ra, rb = _rect(a, window), _rect(b, window)
        down_or_same_row = rb.top() >= ra.top() - TOLERANCE and (rb.top() > ra.bottom() - TOLERANCE
                                                                 or rb.left() >= ra.left() - TOLERANCE)
        next_column = rb.left() >= ra.right() - TOLERANCE
        if not (down_or_same_row or next_column):
            bad.append(f"{_name(a)} at {ra.topLeft().toTuple()} -> {_name(b)} at {rb.topLeft().toTuple()}")
    return bad


def _exclusive_group_members(screen: QWidget) -> dict[QAbstractButton, QButtonGroup]:
    # Tab enters an exclusive button group once (at its checked button); arrows move inside it.
    return {b: g for g in screen.findChildren(QButtonGroup) if g.exclusive() for b in g.buttons()}


@pytest.mark.parametrize("key", SCREENS)
def test_tab_reaches_every_control_in_reading_order(window: MainWindow, key: str) -> None:
    window.resize(*DEFAULT_SIZE)
    screen = _show(window, key)
    controls = [w for w in screen.findChildren(QWidget) if _tab_reachable(w, window)]
    assert controls, f"{key}: no control takes the keyboard focus"
    order = [w for w in tab_walk(controls[0], 8 * len(controls) + 20) if w is not screen and screen.isAncestorOf(w)]
    groups = _exclusive_group_members(screen)
    reached_groups = {groups[w] for w in order if w in groups}
    skipped = [_name(w) for w in controls if w not in order and groups.get(w) not in reached_groups]
    assert skipped == [], f"{key}: Tab never reaches {skipped}"
    # the walk starts at the screen's first control: read from there, the order must not jump back
    # (positions taken with every scroll area at its top, as the layout places them)
    for area in screen.findChildren(QScrollArea):
        area.verticalScrollBar().setValue(0)
        area.horizontalScrollBar().setValue(0)
    QApplication.processEvents()
    first = order.index(controls[0])
    assert backwards_steps(order[first:] + order[:first], window) == []


def test_the_reading_order_check_catches_a_jump_back(window: MainWindow) -> None:
    screen = _show(window, "quiz")
    buttons = sorted((b for b in screen.findChildren(QPushButton) if b.isVisibleTo(window)),
                     key=lambda b: _rect(b, window).top())
    assert len(buttons) >= 2
    assert backwards_steps([buttons[-1], buttons[0]], window) != []  # bottom-right to top-left
    assert backwards_steps([buttons[0], buttons[-1]], window) == []


def _wordless(text: str) -> bool:
    """No letter or digit: an icon or a symbol (×, ▶, ↻) says nothing to a screen reader."""
    return not re.search(r"\w", text.replace("&", ""))


def test_every_button_without_words_has_a_name_and_a_tooltip(window: MainWindow) -> None:
    missing = []
    checked = 0
    for key in SCREENS:
        screen = _show(window, key)
        for button in screen.findChildren(QAbstractButton):
            if not button.isVisibleTo(window):
                continue
            checked += 1
            if _wordless(button.text()) and not (button.accessibleName().strip() and button.toolTip().strip()):
                missing.append(f"{key}: {_name(button)}")
    assert checked > 30  # the walk saw the screens' buttons
    assert missing == []


def test_the_wordless_rule() -> None:
    assert _wordless("") and _wordless("↻") and _wordless("▶") and _wordless("&×")
    assert not _wordless("Show answer  (Space)") and not _wordless("撤销") and not _wordless("7 days")


@pytest.fixture
def large_font_window(qtbot, sample_db, qsettings: QSettings) -> Iterator[MainWindow]:
    from quizapp.ui.application import build_window, create_app

    app = create_app()
    normal = app.font()
    large = app.font()
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(large)
    win = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW)
    qtbot.addWidget(win)
    win.resize(*DEFAULT_SIZE)
    win.show()
    yield win
    win.close()
    win.ctx.ops.wait_idle(WAIT_MS)
    app.setFont(normal)


def clipped(widget: QWidget, window: QWidget) -> list[str]:
    out = []
    for w in widget.findChildren(QWidget):
        if not isinstance(w, (QLabel, QAbstractButton)) or not w.isVisibleTo(window) or not w.text():
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            need_w, need_h = 0, w.heightForWidth(w.width())
        else:
            need_w, need_h = w.sizeHint().width(), w.sizeHint().height()
        if w.width() < need_w - 1 or w.height() < need_h - 1:
            out.append(f"{_name(w)}: {w.width()}x{w.height()} < {need_w}x{need_h}")
    return out


def test_text_grows_with_the_interface_font(large_font_window: MainWindow) -> None:
    window = large_font_window
    screen = _show(window, "overview")
    title = next(w for w in screen.findChildren(QLabel) if w.objectName() == "title")
    scale = QFontInfo(QApplication.font()).pixelSize() / 12  # 1.5 where Qt's default font is 12 px
    assert scale > 1.4
    # the style sheet's 20 px title and the card's 20 px question follow the interface font
    assert QFontInfo(title.font()).pixelSize() == round(20 * scale)
    study = _show(window, "study")
    html = study.card_view.toHtml()
    assert f"font-size:{round(20 * scale)}px" in html and "font-size:20px" not in html


@pytest.mark.parametrize("key", SCREENS)
def test_nothing_is_clipped_at_150_percent(large_font_window: MainWindow, key: str) -> None:
    window = large_font_window
    screen = _show(window, key)
    assert window.size().toTuple() == DEFAULT_SIZE  # the screens fit the default size: the window did not grow
    assert clipped(screen, window) == []
