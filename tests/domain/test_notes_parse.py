"""Notes → cards, the pure part: the chapter-7 notes parse into exactly the notes' 28 questions
with their sections; Markdown notes keep math and code; ids are stable; the deck file reads
back (content/FORMAT.md § Notes files)."""
from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest

from quizapp.domain.deck import CARD_ID, parse_card_table, parse_deck_text
from quizapp.domain.notes_deck import (DeckSection, NotesCard, NotesDeck, deck_slug, match_renames, notes_card_id,
                                       render_cards, render_deck, section_tag)
from quizapp.domain.notes_parse import (LOST_PICTURE, detect_language, parse_markdown_notes, parse_text_notes,
                                        question_key, section_ids, NoteSection)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "notes"
CHAPTER_7 = FIXTURES / "nndl-ch07-notes.txt"


@pytest.fixture(scope="module")
def chapter7():
    return parse_text_notes(CHAPTER_7.read_text(encoding="utf-8"))


def test_the_fixture_is_the_notes_file_the_deck_ships():
    assert CHAPTER_7.read_bytes() == (ROOT / "content" / "notes" / "nndl-ch07-notes.txt").read_bytes()


def test_the_chapter_7_notes_are_exactly_the_28_questions_with_their_sections(chapter7):
    with open(ROOT / "content" / "questions.tsv", encoding="utf-8", newline="") as f:
        expected_sections = [row["section"] for row in csv.DictReader(f, delimiter="\t")]
    assert len(expected_sections) == 28
    assert len(chapter7.cards) == 28
    assert [chapter7.sections[c.section].number for c in chapter7.cards] == expected_sections
    assert [(s.number, s.title) for s in chapter7.sections] == [
        ("7.1", "网络优化"), ("7.2", "优化算法"), ("7.3", "参数初始化"), ("7.5", "逐层归一化"),
        ("7.6", "超参数优化"), ("7.7", "网络正则化")]
    assert chapter7.title == "优化算法"
    assert chapter7.unpaired == [] and chapter7.duplicates == []
    # the preamble under the title: the video link and the title repeated, listed, not imported
    assert [line for line, _text in chapter7.outside] == [3, 4]
    # the question lines of the notes file, first and last of each section
    by_line = {c.line: c.question for c in chapter7.cards}
    assert by_line[8] == "低维空间的网络优化和高维空间的网络优化有什么不同?"
    assert by_line[93] == "什么是批量归一化(Batch Norm, BN)?"
    assert by_line[167] == "要同时使用BN和dropout该如何使用?"
    assert all(c.lang == "zh" for c in chapter7.cards)


def test_every_answer_has_text_except_the_two_that_were_only_a_picture(chapter7):
    picture_only = [(c.line, c.question) for c in chapter7.picture_only]
    assert picture_only == [(42, "学习率的衰减有哪些方法?预热有哪些方法?"),
                            (46, "EMA的公式是什么?为什么相当于最近1/(1-beta)的平均值?")]
    for card in chapter7.cards:
        if not card.picture_only:
            assert card.answer.strip(), card.question
            assert card.answer.replace(LOST_PICTURE["zh"], "").strip(), card.question
        else:
            assert card.answer == "" and card.lost_pictures == 1


def test_answers_keep_their_text_mark_lost_pictures_and_recover_the_formula(chapter7):
    by_line = {c.line: c for c in chapter7.cards}
    assert by_line[8].answer == "低维的非凸优化主要是逃离局部极值点,高维的非凸优化主要是逃离鞍点。"
    # a line ending in "?" inside an answer (line 110) is not a question: it has text right above it
    rnn = by_line[106]
    assert rnn.answer.endswith("那么超出的部分,均值和方差怎么算呢?") and rnn.lost_pictures == 1
    # line 95: "仿射变换ch07 网络优化与正则化 - 图5之后" -> the figure reference marked in the sentence
    bn = by_line[93]
    assert f"仿射变换{LOST_PICTURE['zh']}之后" in bn.answer and bn.lost_pictures == 2
    # line 104: a formula survived only inside the lost picture's link; it comes back as mathtext
    bn_eval = by_line[101]
    assert "$E[x] \\leftarrow E_B[\\mu_B]$" in bn_eval.answer
    assert "$Var[x] \\leftarrow \\frac{m}{m-1}E[\\sigma_B^2]$" in bn_eval.answer
    assert "%22" not in bn_eval.answer
    assert by_line[143].lost_pictures == 4 and by_line[154].lost_pictures == 2
    assert by_line[162].answer.startswith("- 集成学习")  # "•" bullets become Markdown list items


def test_markdown_notes_keep_math_and_code_and_list_what_they_could_not_pair():
    notes = parse_markdown_notes((FIXTURES / "optimizers.md").read_text(encoding="utf-8"))
    assert notes.title == "Optimizers, my notes"
    assert [(s.number, s.title) for s in notes.sections] == [("7.2", "优化算法"), (None, "Regularization")]
    cards = {c.question: c for c in notes.cards}
    assert list(cards) == ["What does momentum add to SGD?",
                           "Why does Adam divide by $\\sqrt{\\hat v_t} + \\epsilon$?",
                           "RMSprop 和 AdaGrad 有什么区别？",
                           "What does dropout's mask look like?",
                           "Is weight decay the same as L2?"]
    momentum = cards["What does momentum add to SGD?"]
    assert "$v_t = \\beta v_{t-1} + (1-\\beta) g_t$" in momentum.answer
    # the fenced code is kept whole: its "# ..." line is no heading, its "?" line no question
    assert momentum.answer.endswith("```python\n# not a heading: code is kept as written\n"
                                    "v = beta * v + (1 - beta) * grad   # is this a question?\n```")
    assert cards["Why does Adam divide by $\\sqrt{\\hat v_t} + \\epsilon$?"].answer.startswith("To give every")
    rms = cards["RMSprop 和 AdaGrad 有什么区别？"]
    assert rms.lang == "zh" and rms.answer.startswith("RMSprop 用指数滑动平均")
    assert momentum.lang == "en"
    assert [c.question for c in notes.picture_only] == ["What does dropout's mask look like?"]
    assert [(u.question, u.line) for u in notes.unpaired] == [("What is early stopping?", 33)]
    assert [(d.question, d.line, d.first_line) for d in notes.duplicates] == [
        ("what  does momentum add to SGD？", 35, 5)]
    assert [notes.sections[c.section].title for c in notes.cards] == ["优化算法"] * 3 + ["Regularization"] * 2
    assert notes.outside == []
    assert parse_markdown_notes("Intro\n\nmore text\n\n## S\n\nabout S\n\n### Q?\n\nA\n").outside == [
        (3, "more text"), (7, "about S")]


def test_a_bold_question_line_with_its_answer_on_the_same_line():
    notes = parse_markdown_notes("## Basics\n\n**Q: What is a saddle point?** A point where the gradient is 0.\n")
    assert [(c.question, c.answer) for c in notes.cards] == [("What is a saddle point?",
                                                              "A point where the gradient is 0.")]


def test_plain_text_without_headings_puts_its_questions_in_one_section():
    notes = parse_text_notes("My notes\n\nWhat is a saddle point?\n\nA point where the gradient is 0.\n\n"
                             "Why do we care?\n\nWhat is next?\n\nNothing.\n")
    assert [(c.question, c.answer) for c in notes.cards] == [
        ("What is a saddle point?", "A point where the gradient is 0."), ("What is next?", "Nothing.")]
    assert [u.question for u in notes.unpaired] == ["Why do we care?"]
    assert [(s.number, s.title) for s in notes.sections] == [(None, "My notes")]


def test_language_is_detected_per_card():
    assert detect_language("batch大小与学习率大小的关系?", "batch越大,梯度越稳定。") == "zh"
    assert detect_language("What is a saddle point?", "Where the gradient is zero, called 鞍点 in Chinese.") == "en"
    assert detect_language("Why $\\beta$?", "`torch.optim.Adam` 的默认值") == "zh"


def test_card_ids_are_stable_and_differ_between_decks():
    a = notes_card_id("NNDL::ch07", "什么是鞍点?怎么逃离鞍点?")
    assert a == notes_card_id("NNDL::ch07", " 什么是鞍点？怎么逃离鞍点？")  # width and the closing mark do not count
    assert a != notes_card_id("NNDL::ch08", "什么是鞍点?怎么逃离鞍点?")
    assert a != notes_card_id("nndl ch07", "什么是鞍点?怎么逃离鞍点?")  # same slug, another deck
    assert a.startswith("nndl-ch07-") and CARD_ID.match(a)
    assert CARD_ID.match(notes_card_id("我的笔记", "问题?")) and deck_slug("我的笔记") == "notes"
    assert question_key("What is X?") == question_key("what is  x ？")


def test_unnumbered_sections_get_numbers_no_numbered_section_uses():
    sections = [NoteSection("1", "One", 1), NoteSection(None, "Intro", 2), NoteSection(None, "More", 3),
                NoteSection("1.2.3.4.5.6.7.8.9", "Too long", 4)]
    assert section_ids(sections) == ["1", "2", "3", "4"]


def test_a_reworded_question_is_matched_to_its_old_card_and_nothing_else_is():
    old = {"a": "什么是平坦最小值和尖锐最小值?平坦最小值有什么好处?", "b": "什么是dropout?", "c": "Adam的公式?"}
    new = {"a2": "什么是平坦最小值与尖锐最小值？平坦最小值好在哪里？", "b": "什么是dropout?",
           "d": "batch大小与学习率大小的关系?"}
    renames = match_renames(new, old)
    assert [(r.new_id, r.old_id) for r in renames] == [("a2", "a")]
    assert 0.6 <= renames[0].similarity < 1


def _deck(cards: list[NotesCard]) -> NotesDeck:
    return NotesDeck("NNDL::ch07", [DeckSection("7.1", "网络优化"), DeckSection("7.2", "优化算法")], cards,
                     sources=["notes \"one\".txt"])


def test_the_deck_file_reads_back_with_tomllib_and_passes_the_deck_validator():
    tricky = ("Quotes \" and ''' and a backslash \\ and math $\\frac{a}{b}$\nsecond line ending in '")
    cards = [
        NotesCard(notes_card_id("NNDL::ch07", "什么是鞍点?"), "7.1", "什么是鞍点?", "梯度为 0 的点。\n\n$\\nabla f=0$",
                  "zh", tags=(section_tag("网络优化", "7.1"), "lang-zh")),
        NotesCard(notes_card_id("NNDL::ch07", "Why?"), "7.2", "Why \"this\"?", tricky, "en", tags=("lang-en",)),
        NotesCard(notes_card_id("NNDL::ch07", "EMA?"), "7.2", "EMA?", "", "zh", picture_only=True,
                  tags=("lang-zh", "picture-lost")),
    ]
    text = render_deck(_deck(cards))
    data = tomllib.loads(text)
    assert data["deck"] == {"name": "NNDL::ch07", "origin": "notes",
                            "sections": [{"id": "7.1", "title": {"zh": "网络优化", "en": "网络优化"}},
                                         {"id": "7.2", "title": {"zh": "优化算法", "en": "优化算法"}}]}
    read = [parse_card_table(raw) for raw in data["card"]]
    assert [issues for _card, issues in read] == [[], [], []]
    back = [card for card, _issues in read]
    assert back[0].front.zh == back[0].front.en == "什么是鞍点?"
    assert back[0].back.zh == "梯度为 0 的点。\n\n$\\nabla f=0$" and back[0].tags == ("网络优化", "lang-zh")
    assert back[1].back.en == tricky and back[1].front.en == "Why \"this\"?"
    assert back[2].back.zh == LOST_PICTURE["zh"] and back[2].tags == ("lang-zh", "picture-lost")
    # the cards alone are a deck file of today's format (sections 7.1-7.7, no header)
    parsed = parse_deck_text(render_cards(cards), "cards.toml")
    assert parsed.issues == [] and [c.id for c in parsed.cards] == [c.id for c in cards]
