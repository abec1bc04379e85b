"""Deck validation: every problem is reported with its file and line; valid files parse."""
from __future__ import annotations

from pathlib import Path

from quizapp.domain.cloze import parse_blanks, render
from quizapp.domain.deck import parse_deck_text

QIDS = {f"q{i:02d}" for i in range(1, 29)}
SAMPLE = Path(__file__).parents[1] / "fixtures" / "deck" / "sample.toml"


def issues(text: str, checker=None) -> list[str]:
    return [str(i) for i in parse_deck_text(text, "deck.toml", QIDS, checker).issues]


def test_sample_deck_is_valid_and_has_every_kind() -> None:
    parsed = parse_deck_text(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE), QIDS)
    assert parsed.issues == []
    assert {c.kind for c in parsed.cards} == {"qa", "cloze", "mcq"}
    assert {c.section for c in parsed.cards} == {f"7.{i}" for i in range(1, 8)}


GOOD_QA = '''
[[card]]
id = "a-card"
section = "7.2"
kind = "qa"
front.zh = "问"
front.en = "Q"
back.zh = "答"
back.en = "A"
'''


def test_unknown_and_missing_keys_are_all_reported_with_lines() -> None:
    text = GOOD_QA + '''
[[card]]
id = "b-card"
section = "7.9"
kind = "qa"
colour = "red"
front.zh = "问"
back.zh = "答"
back.en = "A"
'''
    found = issues(text)
    assert "deck.toml:15: card b-card: unknown key 'colour' (allowed: back, choices, correction, demo, front, id, kind, section, source, tags, text)" in found
    assert any(f.startswith("deck.toml:13: card b-card: unknown section '7.9'") for f in found)
    assert any(f.startswith("deck.toml:16: card b-card: 'front.en' is missing or empty") for f in found)
    assert len(found) == 3


def test_missing_required_fields() -> None:
    found = issues('[[card]]\nid = "x-y"\nkind = "qa"\n')
    assert "deck.toml:1: card x-y: missing required field 'section'" in found
    assert any("missing required field 'front'" in f for f in found)
    assert any("missing required field 'back'" in f for f in found)


def test_bad_cloze_syntax() -> None:
    base = '[[card]]\nid = "c-1"\nsection = "7.1"\nkind = "cloze"\n'
    assert any("no {{c1::...}} blank" in f for f in issues(base + 'text.zh = "无"\ntext.en = "{{c1::x}}"\n'))
    assert any("without gaps" in f for f in issues(base + 'text.zh = "{{c2::甲}}"\ntext.en = "{{c2::a}}"\n'))
    assert any("unbalanced" in f for f in issues(base + 'text.zh = "{{c1::甲}"\ntext.en = "{{c1::a}}"\n'))
    assert any("different blanks" in f
               for f in issues(base + 'text.zh = "{{c1::甲}}{{c2::乙}}"\ntext.en = "{{c1::a}}"\n'))
    assert any("empty answer" in f for f in issues(base + 'text.zh = "{{c1::}}"\ntext.en = "{{c1::a}}"\n'))


def mcq(flags: list[str]) -> str:
    text = '[[card]]\nid = "m-1"\nsection = "7.7"\nkind = "mcq"\nfront.zh = "问"\nfront.en = "Q"\n'
    for i, flag in enumerate(flags):
        text += (f'\n[[card.choices]]\nzh = "选{i}"\nen = "c{i}"\ncorrect = {flag}\n'
                 f'why.zh = "因为"\nwhy.en = "because"\n')
    return text


def test_mcq_needs_exactly_one_right_answer() -> None:
    assert issues(mcq(["true", "false"])) == []
    assert any("exactly one choice with correct = true, found 2" in f for f in issues(mcq(["true", "true"])))
    assert any("found 0" in f for f in issues(mcq(["false", "false"])))
    assert any("needs 2-6 choices, found 1" in f for f in issues(mcq(["true"])))
    found = issues(mcq(["true", "false"]).replace('why.en = "because"\n', "", 1))
    assert any(f.startswith("deck.toml:8: card m-1: choice 1: 'why.zh' and 'why.en'") for f in found)


def test_demo_ids_and_params_are_checked() -> None:
    text = GOOD_QA + 'demo.id = "no-such-demo"\n'
    assert any("unknown demo id 'no-such-demo'" in f for f in issues(text))
    text = GOOD_QA + 'demo.id = "optimizer-race"\ndemo.params = { lr = 99 }\n'
    found = issues(text, checker=lambda demo, params: ["parameter 'lr' must be a number in [0, 1], got 99"])
    assert any("demo 'optimizer-race': parameter 'lr'" in f for f in found)


def test_unknown_source_and_bad_id() -> None:
    found = issues(GOOD_QA.replace('id = "a-card"', 'id = "Bad Id"') + 'source = ["q99"]\n')
    assert any("must be lowercase" in f for f in found)
    assert any("unknown source question id 'q99'" in f for f in found)


def test_toml_syntax_error_names_the_line() -> None:
    found = issues(GOOD_QA + "\nfront.zh = \n")
    assert len(found) == 1 and found[0].startswith("deck.toml:11: not valid TOML")


def test_cloze_helpers() -> None:
    blanks = parse_blanks("{{c1::momentum|heavy ball::physics}} and {{c2::Adam}}")
    assert blanks[0].answers == ("momentum", "heavy ball") and blanks[0].hint == "physics"
    assert render("{{c1::a|b::h}} {{c2::c}}", hide={1}) == "[h] **c**"
