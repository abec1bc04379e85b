"""Card rendering: Markdown subset, cloze and choice cards, languages, and formulas rendered
with mathtext into a disk cache at the screen's pixel ratio."""
from __future__ import annotations

import struct
from pathlib import Path

import pytest

from quizapp.domain.content import Bilingual, Card, Choice
from quizapp.ui import rich_text
from quizapp.ui.card_view import CardView, Style, all_formulas, card_html
from quizapp.ui.math_render import MathCache, MathKey, MathRenderer

STYLE = Style(text="#1d2330", muted="#7b8494", accent="#1f5fbf", good="#1a7f4b", bad="#b42318", panel="#eef0f3",
              dpr=1.0)


@pytest.fixture(autouse=True)
def _app(qapp):  # card_html reads the bundled font's family: Qt needs an application first
    return qapp


def no_cache(_key: MathKey) -> None:
    return None


def test_markdown_subset() -> None:
    html = rich_text.to_html("**Bold** and *it* with `x*y` and \\$5\n\n- one\n  - nested $a$\n- two\n\n"
                             "1. first\n2. second\n\n"
                             "```\ncode <b>\n```\n## Head")
    assert "<b>Bold</b>" in html and "<i>it</i>" in html and "<code>x*y</code>" in html and "$5" in html
    assert html.count("<ul>") == 2 and "<ol>" in html and "<li>first</li>" in html
    assert "<pre>code &lt;b&gt;</pre>" in html and "<h4>Head</h4>" in html
    assert "<i>a</i>" in html  # unrendered math falls back to its source


def test_math_goes_through_the_callback_and_code_spans_do_not() -> None:
    seen: list[str] = []
    html = rich_text.to_html(r"$\alpha_t$ then `$not math$` and $\beta$", lambda tex: seen.append(tex) or "[m]")
    assert seen == [r"\alpha_t", r"\beta"] and html.count("[m]") == 2 and "$not math$" in html
    assert rich_text.math_formulas(r"a $x$ `$y$` $z$") == ["x", "z"]


def qa_card() -> Card:
    return Card(id="c", section="7.2", kind="qa", front=Bilingual("什么是动量？", "What is momentum?"),
                back=Bilingual(r"动量 $v_t=\beta v_{t-1}+g_t$。", r"Momentum: $v_t=\beta v_{t-1}+g_t$."),
                correction=Bilingual("笔记写错了。", "The notes are wrong here."))


def test_question_side_hides_the_answer_and_languages_follow_the_setting() -> None:
    card = qa_card()
    question = card_html(card, False, ("zh", "en"), STYLE, no_cache).html
    assert "什么是动量" in question and "What is momentum" in question and "Momentum:" not in question
    answer = card_html(card, True, ("zh",), STYLE, no_cache)
    assert "动量" in answer.html and "What is momentum" not in answer.html and "笔记更正" in answer.html
    assert [k.tex for k in answer.missing] == [r"v_t=\beta v_{t-1}+g_t"]


def test_cloze_and_choices() -> None:
    cloze = Card(id="z", section="7.2", kind="cloze", front=Bilingual("", ""), back=Bilingual("", ""),
                 cloze=Bilingual("{{c1::动量}}", "Heavy ball is {{c1::momentum}}."))
    assert "[…]" in card_html(cloze, False, ("en",), STYLE, no_cache).html
    assert "<b>momentum</b>" in card_html(cloze, True, ("en",), STYLE, no_cache).html
    mcq = Card(id="m", section="7.2", kind="mcq", front=Bilingual("哪个？", "Which?"), back=Bilingual("", ""),
               choices=(Choice(Bilingual("甲", "A one"), True, Bilingual("对", "Right")),
                        Choice(Bilingual("乙", "B one"), False, Bilingual("错", "Wrong"))))
    question = card_html(mcq, False, ("en",), STYLE, no_cache).html
    assert "<b>A.</b> A one" in question and "Right" not in question
    answer = card_html(mcq, True, ("en",), STYLE, no_cache).html
    assert "✓ A." in answer and "✗ B." in answer and "Wrong" in answer


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_formulas_are_cached_at_the_pixel_ratio(tmp_path: Path) -> None:
    cache = MathCache(tmp_path)
    one = MathKey(r"\frac{1}{\sqrt{\hat v_t}+\epsilon}", 16, "#000000", 1.0)
    two = MathKey(one.tex, 16, "#000000", 2.0)
    assert cache.lookup(one) is None
    a, b = cache.render(one), cache.render(two)
    assert a is not None and b is not None
    assert (a.width, a.height) == pytest.approx((b.width, b.height), abs=1)  # same logical size
    assert png_size(b.path)[0] == pytest.approx(2 * png_size(a.path)[0], abs=2)  # twice the pixels: crisp
    assert cache.lookup(one) == a
    bad = MathKey(r"\frac{", 16, "#000000", 1.0)
    assert cache.render(bad) is None and cache.lookup(bad) is False  # not retried at every show


def test_card_view_shows_rendered_formulas(qtbot, tmp_path: Path) -> None:
    renderer = MathRenderer(MathCache(tmp_path))
    view = CardView(renderer)
    qtbot.addWidget(view)
    card = qa_card()
    first = view.show_card(card, True, ("en",))
    assert first.missing and "<img" not in first.html
    with qtbot.waitSignal(renderer.rendered, timeout=30_000):
        pass
    assert view.last is not None and not view.last.missing and "<img" in view.last.html
    assert {k.tex for k in all_formulas(card, ("en",), view.style_now())} == {r"v_t=\beta v_{t-1}+g_t"}
    renderer.wait()


def test_choices_follow_the_order_given() -> None:
    mcq = Card(id="m", section="7.2", kind="mcq", front=Bilingual("哪个？", "Which?"), back=Bilingual("", ""),
               choices=(Choice(Bilingual("甲", "A one"), True, Bilingual("对", "Right")),
                        Choice(Bilingual("乙", "B one"), False, Bilingual("错", "Wrong"))))
    question = card_html(mcq, False, ("en",), STYLE, no_cache, order=(1, 0)).html
    assert question.index("<b>A.</b> B one") < question.index("<b>B.</b> A one")


def test_inline_math_reads_well() -> None:
    """Inline fractions at display size (the text-style ones were tiny), a starred symbol not
    spaced as an operator, a unary minus after an arrow or relation not spaced as a binary one."""
    from quizapp.ui.math_render import readable_tex

    assert readable_tex(r"\frac{1}{N}\sum_i x_i") == r"\dfrac{1}{N}\sum_i x_i"
    assert readable_tex(r"\sqrt{\frac{2}{n}}") == r"\sqrt{\frac{2}{n}}"  # nested: stays text-style
    assert readable_tex(r"\theta^\ast + w^{\ast}") == r"\theta^{*} + w^{*}"
    assert readable_tex(r"y \to -\infty, a = -b") == r"y \to {-}\infty, a = {-}b"


def test_readable_formulas_in_pixels(tmp_path: Path) -> None:
    cache = MathCache(tmp_path)
    star = cache.render(MathKey(r"\theta^\ast", 16, "#000000", 1.0))
    plain = cache.render(MathKey(r"\theta^{x}", 16, "#000000", 1.0))
    frac = cache.render(MathKey(r"\frac{1}{N}", 16, "#000000", 1.0))
    letter = cache.render(MathKey("N", 16, "#000000", 1.0))
    assert star and plain and frac and letter
    assert star.width <= plain.width + 1  # no operator spacing around the star
    assert frac.height >= 1.6 * letter.height  # numerator and denominator at text size
