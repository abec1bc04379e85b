"""Every screen in Chinese says nothing in English (docs/architecture.md § Interface language).

The screenshot walk (quizapp/devtools/screenshots/walk.py) drives the window through every
screen with the interface language set to Chinese; instead of photographing each stop, this
test reads every visible text of the window or dialog there (labels, buttons, group boxes,
check boxes, combo-box items, spin-box prefixes and suffixes, placeholders, tooltips, window
titles, table headers, the menus) and fails on one that is English: ASCII words left once
proper names, keys, ids, numbers and formulas are taken out. The cards' own text is content,
not interface: the walk shows the cards in Chinese only and leaves the card views out.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QDoubleSpinBox, QGroupBox, QLabel,
                               QLineEdit, QMenu, QPlainTextEdit, QSpinBox, QTextBrowser, QWidget)

from quizapp.devtools.screenshots.walk import Walk
from quizapp.ui.card_view import CardView
from quizapp.ui.quiz_widgets import ChoiceRow
from tests.english_words import english_left, english_words

def _is_content(widget: QWidget) -> bool:
    """Card text (the card views, an mcq's options, the mock interview's report of typed answers,
    the two versions of a card's field in the deck-update comparison)."""
    while widget is not None:
        if isinstance(widget, (CardView, ChoiceRow)) or widget.objectName() in (
                "mock-report", "miss", "answer-box", "deck-diff-field"):
            return True
        widget = widget.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see or hover over in `root`."""
    out: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or _is_content(w):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, QLabel) and w.pixmap().isNull():
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QComboBox):
            # the deck's tags and the decks' names are content (the first item is the "Any…"/"All…" word)
            items = range(1 if w.objectName() in ("browser-tags", "browser-deck") else w.count())
            out += [(f"{name} item", w.itemText(i)) for i in items]
        elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
            out += [(f"{name} prefix", w.prefix()), (f"{name} suffix", w.suffix()),
                    (f"{name} special value", w.specialValueText())]
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            out.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QTextBrowser):
            out += [(name, line) for line in w.toPlainText().splitlines()]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            out += [(f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                    for c in range(model.columnCount())]
    return out


def menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    out = []
    for action in menu.actions():
        out.append((f"menu {where}", action.text()))
        if action.menu() is not None:
            out += menu_texts(action.menu(), f"{where} › {action.text()}")
    return out


class CheckingWalk(Walk):
    """The screenshot walk, reading the texts where it would take a picture."""

    def __init__(self, out: Path) -> None:
        super().__init__(out, language="zh")
        self.found: list[tuple[str, str, str, list[str]]] = []  # (stop, where, text, English words)
        self.stops: list[str] = []

    def shot(self, name: str, widget: QWidget | None = None) -> Path:
        self.settle()
        self.stops.append(name)
        root = widget or self.window
        texts = visible_texts(root)
        if widget is None:
            for action in self.window.menuBar().actions():
                if action.menu() is not None:
                    texts.append(("menu bar", action.text()))
                    texts += menu_texts(action.menu(), action.text())
        for where, text in texts:
            words = english_words(text)
            if words:
                self.found.append((name, where, text, words))
        return self.folder / f"{name}.png"


def test_the_detector_tells_english_from_chinese() -> None:
    assert english_words("Show answer  (Space)") == ["Show", "answer"]
    assert english_words("显示答案  (空格)") == []
    assert english_words("SM-2 · FSRS · Anki · PyTorch") == []
    assert english_words("momentum-dynamics  3d  1.5mo  $\\eta_t$  Ctrl+Shift+E") == []
    assert english_words("<b>Session complete</b>") == ["Session", "complete"]
    assert english_words("卡组有 2 处 errors") == []  # mixed: the walk's labels mix in names
    assert english_left("卡组有 2 处 errors") == ["errors"]  # the reports' check reads every word
    assert english_left("已从 /tmp/x 导入 1 个文件到卡组 NNDL::ch07：新卡片 3 张；sample-71-1") == []
    assert english_left("quizapp：错误：没有“x”（参见：quizapp deck list）", allowed={"deck", "list"}) == []


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> CheckingWalk:
    from quizapp.services.settings import SettingsService
    from quizapp.ui.card_info import CardInfoDialog
    from quizapp.ui.custom_study_dialog import CustomStudyDialog
    from quizapp.ui.translation import install_language

    w = CheckingWalk(tmp_path_factory.mktemp("zh-walk"))
    try:
        assert w.window.ctx.interface_language == "zh"
        SettingsService(w.db).update({"language": "zh"})  # the cards in Chinese: their text is not checked
        w.window.ctx.settings = SettingsService(w.db).get()
        w.use((1180, 780), "light")
        w.overview()
        w.study()
        w.gallery()
        w.quiz()
        w.mock_interview()
        w.browser()
        w.statistics()
        w.dialogs()
        services, now = w.window.ctx.services, w.now
        custom = CustomStudyDialog(services.custom.options(now), w.window)
        custom.show()
        w.shot("custom-study", custom)
        custom.close()
        card_id = services.study.step(now).card.id  # type: ignore[union-attr]
        info = CardInfoDialog(services.cards.detail(card_id), None, w.window)
        info.show()
        w.shot("card-info", info)
        info.close()
        from quizapp.devtools.screenshots.collection import EDITED_CARD
        from quizapp.ui.deck_diff_dialog import DeckDiffDialog

        difference = services.editing.deck_difference(EDITED_CARD)
        assert difference is not None  # the seeded collection has a deck update waiting for it
        compare = DeckDiffDialog(difference, w.window)
        compare.show()
        w.shot("deck-diff", compare)
        compare.close()
        w.demos(["momentum-dynamics"], ((1180, 780),), ("light",))
    finally:
        w.window.close()
        w.window.ctx.ops.wait_idle(10_000)
        w.db.close()
        install_language("en")  # the other tests of this process speak English
    return w


def test_every_screen_is_walked_in_chinese(walked: CheckingWalk) -> None:
    for stop in ("overview", "study-question", "study-answer", "study-summary", "gallery", "quiz-setup", "quiz-mcq",
                 "quiz-qa-revealed", "quiz-cloze-answered", "quiz-results", "mock-setup", "mock-revealed",
                 "mock-report", "browser", "card-editor", "statistics", "settings", "backups", "shortcuts",
                 "custom-study", "card-info", "deck-diff", "demo-momentum-dynamics"):
        assert stop in walked.stops


def test_no_screen_shows_an_english_string(walked: CheckingWalk) -> None:
    lines = [f"{stop}: {where}: {text!r} ({' '.join(words)})" for stop, where, text, words in walked.found]
    assert not lines, "\n".join(lines)
