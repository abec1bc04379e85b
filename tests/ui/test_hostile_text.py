"""Deck text is text (issue 21.7, 21.8, 21.11): hostile HTML in every field of a card, through
every screen that shows cards (quiz question, answer, feedback, tooltip and results; the card
view of the study screen and the browser; the mock interview and its report), never makes Qt
open a file, and shows as the characters it is. The renderer is safe for any string, and a
formula over the length limit is shown as text without being drawn."""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import errno  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PySide6.QtCore import QPoint, QUrl  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtWidgets import QToolTip  # noqa: E402

from quizapp.domain.content import Bilingual, Card  # noqa: E402
from quizapp.services.importer import import_deck  # noqa: E402
from quizapp.services.mock_interview import MockInterviewService  # noqa: E402
from quizapp.services.quiz import QuizService  # noqa: E402
from quizapp.store.database import Database  # noqa: E402
from quizapp.ui import math_render, rich_text  # noqa: E402
from quizapp.ui.card_view import CardView, SafeDocument  # noqa: E402
from quizapp.ui.math_render import MAX_FORMULA_CHARS, MathCache, MathKey, MathRenderer  # noqa: E402
from quizapp.ui.mock_interview_view import MockInterviewView  # noqa: E402
from quizapp.ui.ops import OpRunner  # noqa: E402
from quizapp.ui.quiz_view import QuizView  # noqa: E402
from tests.conftest import NOW  # noqa: E402
from tests.ui.test_math_everywhere import settle, visible_text  # noqa: E402

WAIT_MS = 30_000


class FifoWatch:
    """A FIFO that notices being opened: a writer opened without blocking succeeds only while a
    reader has the FIFO open. The watcher then closes its end, so that reader gets end-of-file
    instead of hanging the test."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path, self.opened, self._stop = path, threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno == errno.ENXIO:  # no reader: nobody opened it
                    continue
                raise
            self.opened.set()
            os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def fifo(tmp_path: Path):
    watch = FifoWatch(tmp_path / "trap.png")
    yield watch
    watch.stop()


def hostile(fifo: Path) -> list[str]:
    return [f'<img src="{fifo}">', f'<img src="file://{fifo}">',
            f'<table background="{fifo}"><tr><td>t</td></tr></table>',
            f'<link rel="stylesheet" href="{fifo}">', "<script>alert(1)</script>", f'<a href="file://{fifo}">link</a>']


def hostile_deck(folder: Path, fifo: Path) -> Path:
    """One card of each kind with hostile HTML in every text field (TOML literal strings)."""
    h = hostile(fifo)
    deck = folder / "deck"
    deck.mkdir()
    choices = "".join(f"""
[[card.choices]]
zh = '''{h[i]} 选项{i}'''
en = '''{h[i]} option {i}'''
correct = {"true" if i == 0 else "false"}
why.zh = '''{h[(i + 1) % len(h)]} 理由'''
why.en = '''{h[(i + 2) % len(h)]} why'''
""" for i in range(4))
    (deck / "hostile.toml").write_text(f"""
[[card]]
id = "hostile-qa"
section = "7.2"
kind = "qa"
front.zh = '''{h[0]} 问题 {h[4]}'''
front.en = '''{h[1]} question {h[5]}'''
back.zh = '''{h[2]} 回答 $\\alpha {h[0]}$'''
back.en = '''{h[3]} answer'''
correction.zh = '''{h[0]} 更正'''
correction.en = '''{h[1]} correction'''

[[card]]
id = "hostile-cloze"
section = "7.2"
kind = "cloze"
text.zh = '''{h[2]} 填空 {{{{c1::动量|{h[0]}}}}}'''
text.en = '''{h[3]} blank {{{{c1::momentum|{h[1]}|{h[4]}}}}}'''

[[card]]
id = "hostile-mcq"
section = "7.2"
kind = "mcq"
front.zh = '''{h[4]} 选择'''
front.en = '''{h[5]} choose'''
back.zh = '''{h[0]}'''
back.en = '''{h[1]}'''
{choices}""", encoding="utf-8")
    return deck


@pytest.fixture
def hostile_db(db: Database, tmp_path: Path, fifo: FifoWatch) -> Database:
    import_deck(db, [hostile_deck(tmp_path, fifo.path)], now=NOW)
    return db


def test_hostile_html_opens_nothing_in_the_quiz(qtbot, hostile_db: Database, fifo: FifoWatch, tmp_path: Path) -> None:
    ops, renderer = OpRunner(), MathRenderer(MathCache(tmp_path))
    view = QuizView(QuizService(hostile_db), ops, renderer, lambda: NOW, lambda: "both")
    qtbot.addWidget(view)
    view.resize(1180, 740)
    view.show()
    run = QuizService(hostile_db).start(NOW, (), ("mcq", "cloze", "qa"), 10, 1, "both")
    view.begin(run)
    seen = []
    for n, item in enumerate(run.items):
        settle(qtbot, renderer)
        seen.append(visible_text(view.pages.currentWidget()))
        with qtbot.waitSignal(view.answered, timeout=WAIT_MS):
            if item.card.kind == "mcq":
                view.choose(1)
            elif item.card.kind == "cloze":
                view._blank_edits[1].setText("no")
                view.submit_cloze()
            else:
                view.reveal()
                settle(qtbot, renderer)
                seen.append(visible_text(view.pages.currentWidget()))
                view.self_grade(0)
        settle(qtbot, renderer)
        if item.card.kind != "qa":
            seen.append(visible_text(view.pages.currentWidget()))
        if item.card.kind == "cloze":  # the tooltip with the answer is a rich-text label too
            tip = view._blank_edits[1].toolTip()
            QToolTip.showText(view.mapToGlobal(QPoint(10, 10)), tip, view)
            qtbot.wait(20)
            QToolTip.hideText()
            doc = QTextDocument()
            doc.setHtml(tip)
            assert "动量" in doc.toPlainText()  # the answer, as text
        if n + 1 < len(run.items):
            view.next_question()
    with qtbot.waitSignal(view.results_shown, timeout=WAIT_MS):
        view.finish()
    settle(qtbot, renderer)
    seen.append(visible_text(view.pages.currentWidget()))
    text = "\n".join(seen)
    assert not fifo.opened.is_set(), "Qt opened a file named by the deck"
    for h in hostile(fifo.path):  # shown as the characters they are
        assert h.replace("<tr><td>t</td></tr>", "") .split(">")[0] in text
    ops.wait_idle(WAIT_MS)
    renderer.wait(WAIT_MS)


def test_hostile_html_opens_nothing_in_the_card_view_and_mock_report(qtbot, hostile_db: Database, fifo: FifoWatch,
                                                                      tmp_path: Path) -> None:
    renderer = MathRenderer(MathCache(tmp_path))
    card_view = CardView(renderer)
    qtbot.addWidget(card_view)
    card_view.show()
    run = QuizService(hostile_db).start(NOW, (), ("mcq", "cloze", "qa"), 10, 1, "both")
    for item in run.items:
        for revealed in (False, True):
            card_view.show_card(item.card, revealed, ("zh", "en"))
            settle(qtbot, renderer)
            assert fifo.path.name in card_view.toPlainText()  # the hostile markup shows as text
    ops = OpRunner()
    mock_view = MockInterviewView(MockInterviewService(hostile_db), ops, renderer, lambda: NOW, lambda: "both",
                                  lambda: 60)
    qtbot.addWidget(mock_view)
    mock_view.show()
    mock = MockInterviewService(hostile_db)
    started = mock.start(NOW, (), 1, 1, 60, "both")
    mock_view.begin(started)
    settle(qtbot, renderer)
    mock.answer(started.items[0].item_id, 2, f'<img src="{fifo.path}">', NOW)
    mock_view.show_report(mock.finish(started.session_id, NOW))
    settle(qtbot, renderer)
    assert mock_view.report_view.toPlainText().count("<img src=") >= 3  # question, model answer, typed
    assert not fifo.opened.is_set(), "Qt opened a file named by the deck"
    ops.wait_idle(WAIT_MS)
    renderer.wait(WAIT_MS)


def test_safe_document_loads_only_the_apps_own_formula_images(qtbot, tmp_path: Path, fifo: FifoWatch) -> None:
    cache = MathCache(tmp_path / "math")
    cache.folder.mkdir(parents=True, exist_ok=True)
    image = cache.render(MathKey("x^2", 16, "#000000", 1.0))
    assert image is not None
    doc = SafeDocument(cache.folder)
    kind = QTextDocument.ResourceType.ImageResource.value
    assert doc.resource(kind, QUrl.fromLocalFile(str(image.path))) is not None
    for url in (QUrl.fromLocalFile(str(fifo.path)), QUrl.fromLocalFile("/dev/zero"), QUrl("file:///etc/passwd"),
                QUrl("http://example.com/x.png"), QUrl.fromLocalFile(str(cache.folder / ".." / image.path.name))):
        assert doc.resource(kind, url) is None, url.toString()
    assert not fifo.opened.is_set()


# ----- the renderer is safe for any string (21.8) ---------------------------------------------------------


def test_placeholders_in_the_text_itself_neither_hang_nor_fail() -> None:
    assert rich_text.inline("a \x005\x00") == "a \ufffd5\ufffd"
    assert rich_text.inline("`\x000\x00` and \x000\x00") == "<code>\ufffd0\ufffd</code> and \ufffd0\ufffd"
    assert rich_text.inline("<0> $x$ <1>", lambda tex: "[m]") == "&lt;0&gt; [m] &lt;1&gt;"


MARKUP = st.lists(st.sampled_from(list("ab $`*\\<>&\"'\x00\x01\x7f\n-#1.") + ["**", "\x000\x00", "<0>", "  - "])
                  ).map("".join)


def tags_left(out: str) -> str:
    """The output without the tags the renderer itself writes: no `<` may remain."""
    import re

    return re.sub(r"</?(?:b|i|code|p|pre|ul|ol|h[3-6])>|<li>|</li>|<ol start=\"\d+\">|<m/>", "", out)


@settings(max_examples=400, deadline=None)  # no wall clock: the renderer is bounded by construction
@given(st.one_of(st.text(), MARKUP))
@example("$0`0`$")  # a code span inside dollars: no formula, for the counter as for the renderer
def test_inline_is_safe_for_any_string(text: str) -> None:
    out = rich_text.inline(text, lambda tex: "<m/>")
    assert "<" not in tags_left(out)
    assert not any(ch in out for ch in "\x00\x01\x1f\x7f")
    assert out.count("<m/>") == len(rich_text.math_formulas(text))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), MARKUP))
def test_to_html_is_safe_for_any_string(text: str) -> None:
    out = rich_text.to_html(text, lambda tex: "<m/>")
    assert "<" not in tags_left(out)
    assert not any(ch in out for ch in "\x00\x01\x1f\x7f")


# ----- formulas are bounded (21.11) -------------------------------------------------------------------------


def test_a_formula_over_the_limit_is_text_and_never_drawn(qtbot, tmp_path: Path, monkeypatch) -> None:
    def never(*_args: object) -> None:
        raise AssertionError("a formula over the limit reached matplotlib")

    cache = MathCache(tmp_path)
    huge = MathKey("x+" * MAX_FORMULA_CHARS, 16, "#000000", 1.0)
    monkeypatch.setattr(math_render, "_render_png", never)
    assert cache.lookup(huge) is False and cache.render(huge) is None
    renderer = MathRenderer(cache)
    view = CardView(renderer)
    qtbot.addWidget(view)
    card = Card(id="h", section="7.2", kind="qa", front=Bilingual("q", "q"),
                back=Bilingual(f"${huge.tex}$", f"${huge.tex}$"), choices=(), correction=None)
    shown = view.show_card(card, True, ("en",))
    assert shown.missing == [] and not renderer.busy
    assert huge.tex[:40] in view.toPlainText()


def test_a_formula_too_wide_to_show_is_text(tmp_path: Path) -> None:
    wide = MathKey("x+" * 200 + "x", 16, "#000000", 1.0)  # within the length limit, ~5,800 px wide
    assert len(wide.tex) <= MAX_FORMULA_CHARS
    cache = MathCache(tmp_path)
    assert cache.render(wide) is None and cache.lookup(wide) is False


def test_a_formula_mathtext_chokes_on_is_text(tmp_path: Path) -> None:
    cache = MathCache(tmp_path)
    deep = MathKey("{" * 200 + "x" + "}" * 200, 16, "#000000", 1.0)
    assert cache.render(deep) is None and cache.lookup(deep) is False



