"""Quiz grading rules (pure): normalization in both languages, alternatives, multi-blank cloze,
mcq, self-grades, selection, summaries and the feed-back rule."""
from __future__ import annotations

import random

import pytest

from quizapp.domain.content import Bilingual, Card, Choice
from quizapp.domain.quiz import (ChoiceAnswer, ItemGrade, QuizAnswerError, ScoredItem, SelfGrade, TypedAnswer,
                                 answer_matches, cloze_answers, fed_back_state, grade, miss_explanation, normalize,
                                 question_text, response_from_dict, response_to_dict, select_items, summarize,
                                 weakest_sections)
from quizapp.domain.sm2 import CardState

ACCEPTED = [
    # (typed, accepted answer) — the grader must say these are the same
    ("Momentum ", "momentum"),
    ("  MOMENTUM", "momentum"),
    ("ＡｄａＭ", "adam"),  # full-width letters (NFKC)
    ("ａｄａｍ", "Adam"),
    ("批量归一化。", "批量归一化"),  # Chinese full stop
    ("批量归一化", "批量归一化！"),
    ("“批量归一化”", "批量归一化"),  # Chinese quotes
    ("《深度学习》", "深度学习"),
    ("L2 正则", "L2正则"),  # spaces between scripts
    ("l2正则化", "L2 正则化"),
    ("批量 归一化", "批量归一化"),
    ("（BN）", "(BN)"),  # full-width brackets
    ("batch norm,", "Batch norm"),  # English punctuation
    ("saddle point!", "saddle point"),
    ("the learning rate", "learning rate"),  # a leading English article
    ("a saddle point", "saddle point"),
    ("mini-batch", "minibatch"),  # a hyphen inside a word
    ("mini batch", "minibatch"),
    ("$2/\\lambda$", "2/\\lambda"),  # math delimiters
    ("1−ηλ", "1-ηλ"),  # Unicode minus
    ("１＋２η", "1+2η"),  # full-width digits and operator
    ("0.50", "0.5"),  # equal numbers
    (".5", "0.5"),
    ("1/2", "0.5"),
    ("22.6", "22.6"),
    ("He 初始化", "he初始化"),
]

REFUSED = [
    # (typed, accepted answer) — these are different answers
    ("", "momentum"),
    ("   ", "momentum"),
    ("。", "批量归一化"),
    ("momentun", "momentum"),  # a typo is a different word
    ("批量归一", "批量归一化"),  # a prefix is not the answer
    ("层归一化", "批量归一化"),
    ("L1 正则", "L2正则"),
    ("226", "22.6"),  # the decimal point between digits is kept
    ("1+ηλ", "1-ηλ"),  # operators are kept
    ("2λ", "2/λ"),
    ("(1/4,-1/2)", "(1/4,1/2)"),
    ("adamw", "adam"),
    ("0.51", "0.5"),
]


@pytest.mark.parametrize("typed, answer", ACCEPTED)
def test_normalization_accepts(typed: str, answer: str) -> None:
    assert answer_matches(typed, [answer]), (normalize(typed), normalize(answer))


@pytest.mark.parametrize("typed, answer", REFUSED)
def test_normalization_refuses(typed: str, answer: str) -> None:
    assert not answer_matches(typed, [answer]), (normalize(typed), normalize(answer))


@pytest.mark.parametrize("typed, expected", [
    ("heavy ball", True), ("Momentum", True), ("动量", True), ("Nesterov", False),
])
def test_listed_alternatives(typed: str, expected: bool) -> None:
    assert answer_matches(typed, ("momentum", "heavy ball", "动量")) is expected


def _cloze(zh: str, en: str, card_id: str = "c") -> Card:
    return Card(id=card_id, section="7.2", kind="cloze", front=Bilingual("", ""), back=Bilingual("解释", "why"),
                cloze=Bilingual(zh, en))


SADDLE = _cloze("鞍点处梯度为{{c1::零|0}}，Hessian 特征值{{c2::有正有负|正负都有}}，"
                "逃离步数与{{c3::$\\log(1/\\epsilon)$|log(1/ε)}}成正比。",
                "At a saddle point the gradient is {{c1::zero|0}}, the Hessian has {{c2::both positive and negative "
                "eigenvalues|mixed-sign eigenvalues::signs}}, and escaping takes steps proportional to "
                "{{c3::$\\log(1/\\epsilon)$|log(1/ε)}}.")


@pytest.mark.parametrize("typed, per_blank, score, quality", [
    ({1: "0", 2: "mixed-sign eigenvalues", 3: "log(1/ε)"}, (True, True, True), 1.0, 4),
    ({1: "零", 2: "有正有负", 3: "$\\log(1/\\epsilon)$"}, (True, True, True), 1.0, 4),  # Chinese answers
    ({1: "ZERO", 2: "正负都有。", 3: "log(1/ε)"}, (True, True, True), 1.0, 4),  # languages mixed per blank
    ({1: "zero", 2: "all positive", 3: "log(1/ε)"}, (True, False, True), 2 / 3, 2),
    ({1: "zero"}, (True, False, False), 1 / 3, 2),  # blanks left out count as wrong
    ({1: "one", 2: "", 3: "ε"}, (False, False, False), 0.0, 1),
])
def test_multi_blank_cloze_is_graded_per_blank(typed, per_blank, score, quality) -> None:
    result = grade(SADDLE, TypedAnswer(typed), "en")
    assert tuple(b.correct for b in result.blanks) == per_blank
    assert result.score == pytest.approx(score)
    assert result.correct is all(per_blank)
    assert result.quality == quality


def test_cloze_answers_union_both_languages_shown_language_first() -> None:
    assert cloze_answers(SADDLE, "en")[1] == ("zero", "0", "零")
    assert cloze_answers(SADDLE, "zh")[1] == ("零", "0", "zero")


def test_a_blank_repeated_is_one_answer_with_every_alternative() -> None:
    card = _cloze("{{c1::动量}}法……{{c1::动量|冲量}}", "{{c1::momentum}} ... {{c1::momentum|heavy ball}}")
    assert set(cloze_answers(card)) == {1}
    assert grade(card, TypedAnswer({1: "冲量"})).correct


def test_cloze_with_an_unknown_blank_is_refused() -> None:
    with pytest.raises(QuizAnswerError, match="no blank c4"):
        grade(SADDLE, TypedAnswer({4: "x"}))


MCQ = Card(id="m", section="7.2", kind="mcq", front=Bilingual("哪一个？", "Which one?"), back=Bilingual("", ""),
           choices=(Choice(Bilingual("甲", "A"), False, Bilingual("错", "no")),
                    Choice(Bilingual("乙", "B"), True, Bilingual("对", "yes")),
                    Choice(Bilingual("丙", "C"), False, Bilingual("错", "no"))))


@pytest.mark.parametrize("index, correct, quality", [(1, True, 4), (0, False, 1), (2, False, 1)])
def test_mcq(index: int, correct: bool, quality: int) -> None:
    result = grade(MCQ, ChoiceAnswer(index))
    assert (result.correct, result.score, result.quality) == (correct, float(correct), quality)
    assert (result.choice, result.correct_choice) == (index, 1)


@pytest.mark.parametrize("index", [-1, 3, 6])
def test_mcq_out_of_range_is_refused(index: int) -> None:
    with pytest.raises(QuizAnswerError, match="from 1 to 3"):
        grade(MCQ, ChoiceAnswer(index))


QA = Card(id="q", section="7.5", kind="qa", front=Bilingual("什么是BN？", "What is BN?"),
          back=Bilingual("批量归一化……", "Batch normalization ..."))


@pytest.mark.parametrize("self_grade, correct", [(0, False), (2, False), (3, True), (5, True)])
def test_self_grade_passes_at_three(self_grade: int, correct: bool) -> None:
    result = grade(QA, SelfGrade(self_grade, "typed"))
    assert (result.correct, result.quality) == (correct, self_grade)


@pytest.mark.parametrize("card, response", [(QA, ChoiceAnswer(0)), (MCQ, TypedAnswer({1: "x"})),
                                            (SADDLE, SelfGrade(4)), (QA, SelfGrade(6))])
def test_response_of_the_wrong_kind_is_refused(card: Card, response) -> None:
    with pytest.raises(QuizAnswerError):
        grade(card, response)


@pytest.mark.parametrize("response", [ChoiceAnswer(2), TypedAnswer({1: "零", 2: "x"}), SelfGrade(3, "text", True)])
def test_responses_and_grades_round_trip(response) -> None:
    assert response_from_dict(response_to_dict(response)) == response
    g = grade(SADDLE, TypedAnswer({1: "0"}))
    assert ItemGrade.from_dict(g.to_dict()) == g


def test_question_text_hides_blanks_and_shows_hints() -> None:
    text = question_text(SADDLE, "en")
    assert "zero" not in text and "[…]" in text and "[signs]" in text
    assert question_text(SADDLE, "both").count("\n") == 1


def test_miss_explanations() -> None:
    lines = miss_explanation(MCQ, grade(MCQ, ChoiceAnswer(0)), "en")
    assert lines[:2] == ["Your answer: 1. A — no", "Right answer: 2. B — yes"]
    lines = miss_explanation(SADDLE, grade(SADDLE, TypedAnswer({1: "0", 2: "none"})), "en")
    assert lines[0].startswith("Blank 2: you typed “none”; the answer is both positive and negative eigenvalues")
    assert lines[1] == "Blank 3: left empty; the answer is $\\log(1/\\epsilon)$ (also accepted: log(1/ε))"
    assert lines[-1] == "why"
    assert miss_explanation(QA, None, "zh") == ["Not answered.", "Model answer: 批量归一化……"]


# ----------------------------------------------------------------------------- selection


def _pool() -> list[Card]:
    cards = []
    for section, n in (("7.1", 30), ("7.2", 3), ("7.5", 3)):
        for i in range(n):
            kind = ("qa", "cloze", "mcq")[i % 3]
            cards.append(Card(id=f"{section}-{i:02d}", section=section, kind=kind,  # type: ignore[arg-type]
                              front=Bilingual("", ""), back=Bilingual("", "")))
    return cards


def test_selection_is_seeded_and_filters() -> None:
    pool = _pool()
    a = select_items(pool, (), (), 10, random.Random(7))
    assert [c.id for c in a] == [c.id for c in select_items(list(reversed(pool)), (), (), 10, random.Random(7))]
    assert len({c.id for c in a}) == 10
    only = select_items(pool, {"7.2", "7.5"}, {"mcq"}, 10, random.Random(1))
    assert sorted(c.id for c in only) == ["7.2-02", "7.5-02"]  # fewer than asked: all there are


def test_selection_spreads_over_sections() -> None:
    chosen = select_items(_pool(), (), (), 9, random.Random(3))
    counts = {s: sum(c.section == s for c in chosen) for s in ("7.1", "7.2", "7.5")}
    assert counts == {"7.1": 3, "7.2": 3, "7.5": 3}  # the big section does not crowd out the others


def test_selection_needs_a_positive_size() -> None:
    with pytest.raises(ValueError):
        select_items(_pool(), (), (), 0, random.Random(0))


# ----------------------------------------------------------------------------- summaries


def _g(score: float) -> ItemGrade:
    return ItemGrade(correct=score == 1.0, score=score, quality=4 if score == 1 else 1)


def test_summary_counts_unanswered_as_zero() -> None:
    s = summarize([ScoredItem("7.2", "mcq", _g(1.0)), ScoredItem("7.2", "cloze", _g(0.5)),
                   ScoredItem("7.5", "qa", _g(0.0)), ScoredItem("7.5", "qa", None)])
    assert (s.total, s.answered, s.correct, s.points) == (4, 3, 1, 1.5)
    assert s.percent == pytest.approx(37.5)
    assert [(x.section, x.items, x.percent) for x in s.by_section] == [("7.2", 2, 75.0), ("7.5", 1, 0.0)]


def test_weakest_sections_order_and_minimum() -> None:
    recent = ([("7.2", _g(1.0))] * 3 + [("7.5", _g(0.0))] * 2 + [("7.5", _g(1.0))]
              + [("7.7", _g(0.0))] * 2)  # 7.7 has too few answers to judge
    assert [(w.section, round(w.percent)) for w in weakest_sections(recent, min_items=3)] == [("7.5", 33), ("7.2", 100)]


# ----------------------------------------------------------------------------- feed back into SM-2

IN_REVIEW = CardState(repetitions=3, easiness=236, interval=15, due_day=1010, lapses=1)


@pytest.mark.parametrize("state, missed, enabled, expected_due", [
    (IN_REVIEW, True, True, 1000),  # a miss on a card in review: due today
    (IN_REVIEW, False, True, 1010),  # right: nothing moves
    (IN_REVIEW, True, False, 1010),  # the setting is off
    (CardState(), True, True, None),  # a new card stays new
    (CardState(3, 250, 15, 995), True, True, 995),  # already overdue: keeps its earlier day
])
def test_feed_back_rule(state: CardState, missed: bool, enabled: bool, expected_due: int | None) -> None:
    after = fed_back_state(state, missed, today=1000, enabled=enabled)
    assert after.due_day == expected_due
    assert (after.easiness, after.repetitions, after.interval, after.lapses) == (
        state.easiness, state.repetitions, state.interval, state.lapses)


def test_choice_order_is_a_seeded_permutation_that_spreads_the_right_answer() -> None:
    from quizapp.domain.quiz import choice_order

    orders = [choice_order(4, seed, 3) for seed in range(200)]
    assert all(sorted(o) == [0, 1, 2, 3] for o in orders)
    assert orders == [choice_order(4, seed, 3) for seed in range(200)]  # same seed, same order
    assert choice_order(4, 7, 0) != choice_order(4, 7, 1) or choice_order(4, 7, 2) != choice_order(4, 7, 0)
    # the card's right answer (choice 0 here) is shown at every place, about equally often
    places = [o.index(0) for o in orders]
    assert all(30 <= places.count(p) <= 70 for p in range(4)), places


def test_miss_explanation_numbers_options_as_they_were_shown() -> None:
    order = (2, 0, 1)  # shown: card choice 2 first, then 0, then 1
    lines = miss_explanation(MCQ, grade(MCQ, ChoiceAnswer(0, order)), "en", order)
    right = MCQ.correct_choice
    assert lines[0].startswith(f"Your answer: 2. {MCQ.choices[0].text.en}")
    assert lines[1].startswith(f"Right answer: {order.index(right) + 1}. {MCQ.choices[right].text.en}")
    assert response_from_dict(response_to_dict(ChoiceAnswer(0, order))) == ChoiceAnswer(0, order)


def test_self_grades_read_in_the_users_terms() -> None:
    from quizapp.domain.mock_report import grade_words, plural

    assert [grade_words(g, "four") for g in range(6)] == ["Again", "Again", "Again", "Hard", "Good", "Easy"]
    assert grade_words(4, "six") == "4/5 Good" and grade_words(0, "six") == "0/5 Blackout"
    assert (plural(1, "card"), plural(2, "card"), plural(0, "question")) == ("1 card", "2 cards", "0 questions")


def test_mock_report_speaks_the_grading_mode() -> None:
    from datetime import datetime, timezone

    from quizapp.domain.mock_report import MockAnswer, MockReport

    answers = tuple(MockAnswer(n + 1, f"c{n}", "7.2", Bilingual("问", "Q"), Bilingual("答", "A"), "", g, 30.0, False)
                    for n, g in enumerate((4, 1, None)))
    report = MockReport(1, datetime(2026, 12, 2, tzinfo=timezone.utc), (), 60, answers)
    four = report.to_markdown("en", "four")
    assert "Good" in four and "Again" in four and "/5" not in four and "grade ≥" not in four
    assert "1 Good · 1 Again" in report.summary_line("four")
    six = report.to_markdown("en", "six")
    assert "self-grade 4/5" in six and "average self-grade 2.5/5" in six
    assert "Blank 1: left empty" in miss_explanation(SADDLE, None, "en")[1]
