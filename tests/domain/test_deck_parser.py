"""Deck validation: every problem is reported with its file and line; valid files parse."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert ("deck.toml:15: card b-card: unknown key 'colour' (allowed: back, choices, correction, demo, front, id, "
            "kind, schedule, section, source, tags, text)") in found  # schedule: an export's (content/FORMAT.md)
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


# ----------------------------------------------------------------------------- hostile structure (issue 21 item 9)


def _no_toml_parse(monkeypatch) -> None:
    """The limits are checked BEFORE a TOML parser sees the text (tomllib's and tomli's dotted keys
    are quadratic)."""
    import quizapp.domain.deck as deck

    def refuse(_text: str) -> None:
        raise AssertionError("a TOML parser was called on a deck over the limits")
    monkeypatch.setattr(deck.toml_text, "loads", refuse)


@pytest.mark.parametrize("text, line, limit", [
    ("# a comment\n" + "a" + ".a" * 20_000 + " = 1\n", 2, "at most 16 parts (the limit"),
    ('x = 1\n"a"' + '."a"' * 40 + " = 1\n", 2, "at most 16 parts (the limit"),
    ("[" + ".".join(["t"] * 17) + "]\n", 1, "at most 16 parts (the limit"),
    ("x = " + "[" * 3_000 + "]" * 3_000 + "\n", 1, "deeper than 16 levels"),
    ("\n\nx = " + "{a = " * 3_000 + "1" + "}" * 3_000 + "\n", 3, "deeper than 16 levels"),
    ("x = [\n" + "[\n" * 40 + "]\n" * 41, 17, "deeper than 16 levels"),
    # up to two quotes after a multi-line string's closing three are its text, not a new string
    ('x = """a""""\ny = ' + "[" * 100, 2, "deeper than 16 levels"),
    ("x = '''a'''''\n" + "a" + ".a" * 100 + " = 1", 2, "at most 16 parts (the limit"),
], ids=["dotted-20000", "quoted-dotted", "table-header", "arrays-3000", "inline-tables-3000", "multi-line-arrays",
        "after-multi-line-string", "after-multi-line-literal"])
def test_deep_keys_and_nesting_are_refused_before_parsing(monkeypatch, text: str, line: int, limit: str) -> None:
    _no_toml_parse(monkeypatch)
    found = issues(text)
    assert len(found) == 1 and found[0].startswith(f"deck.toml:{line}: ") and limit in found[0], found


def test_an_unclosed_string_ends_the_scan_where_tomllib_stops() -> None:
    # Rescanning from every quote inside an unclosed string would be quadratic (1 MB: hours).
    text = 'x = "' + '\\"' * 500_000 + "\n" + "[" * 100
    assert issues(text)[0].startswith("deck.toml:1: not valid TOML")


def test_dots_and_brackets_inside_strings_and_comments_are_not_structure() -> None:
    dotted = ".".join("abcdefghijklmnopqrstuvwxyz")
    text = GOOD_QA.replace('back.en = "A"', f'back.en = "see {dotted} and {"[" * 40}"  # {"{" * 40} {dotted}') + (
        f"\n# {dotted}\n[[card]]\nid = \"b-card\"\nsection = \"7.2\"\nkind = \"qa\"\n"
        f"front.zh = '''{'[' * 40}'''\nfront.en = \"\"\"{dotted}\n{'{' * 40}\"\"\"\n"
        f"back.zh = '{dotted}'\nback.en = \"B\"\n")
    parsed = parse_deck_text(text, "deck.toml", QIDS)
    assert parsed.issues == [] and [c.id for c in parsed.cards] == ["a-card", "b-card"]
    assert parsed.cards[0].back.en.startswith(f"see {dotted}")


def test_nesting_up_to_the_limit_parses() -> None:
    text = "x = " + "[" * 16 + "]" * 16 + "\n" + ".".join(["k"] * 16) + " = 1\n"
    assert all("deeper" not in i and "parts" not in i for i in issues(text))


def test_a_deck_larger_than_the_limit_is_refused(monkeypatch) -> None:
    from quizapp.domain.deck import MAX_DECK_BYTES

    _no_toml_parse(monkeypatch)
    found = issues("# padding\n" * (MAX_DECK_BYTES // 10 + 1))
    assert found == [(f"deck.toml:1: the file is larger than the limit of {MAX_DECK_BYTES:,} bytes (16 MiB); "
                      "split it into several files")]


# ----------------------------------------------------------------------------- ids (issue 21 item 14)


def test_an_id_with_a_trailing_newline_is_refused() -> None:
    text = GOOD_QA.replace('id = "a-card"', 'id = "a-card\\n"')
    assert issues(text) == [
        "deck.toml:3: card #1: id 'a-card\\n' must be lowercase letters, digits and '-' (2-80 chars)"]


def test_a_duplicate_id_written_as_a_quoted_key_is_reported_at_its_line() -> None:
    from quizapp.domain.deck import check_unique_ids

    for quoted in ('"id"', "'id'"):
        text = GOOD_QA + GOOD_QA.replace('id = "a-card"', f"{quoted} = 'a-card'")
        parsed = parse_deck_text(text, "deck.toml", QIDS)
        assert parsed.issues == []
        found = [str(i) for i in check_unique_ids({"deck.toml": parsed}, {"deck.toml": text})]
        assert found == ["deck.toml:12: duplicate card id 'a-card' (first in deck.toml)"]


def test_errors_on_quoted_keys_point_at_their_line() -> None:
    text = GOOD_QA.replace('section = "7.2"', '"section" = "7.9"')
    assert [i.split(": card")[0] for i in issues(text)] == ["deck.toml:4"]


@pytest.mark.parametrize("escaped, code", [("\\u0000", "U+0000"), ("\\u001b[31m", "U+001B"), ("\\r", "U+000D"),
                                           ("\\u0085", "U+0085")])
def test_control_characters_in_text_are_refused_at_their_line(escaped: str, code: str) -> None:
    text = GOOD_QA.replace('back.en = "A"', f'back.en = "x{escaped}y"')
    found = issues(text)
    assert any(f"card 'a-card': back.en contains the control character {code}" in i for i in found), found
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("back.en"))
    assert any(i.startswith(f"deck.toml:{line}:") for i in found), found


def test_tabs_and_line_breaks_are_text_not_control_characters() -> None:
    text = GOOD_QA.replace('back.en = "A"', 'back.en = "a\\tb\\nc"')
    assert "a\tb\nc" in text.replace("\\t", "\t").replace("\\n", "\n") and issues(text) == []


def test_a_deck_header_gives_the_sections_and_its_problems_are_located() -> None:
    from quizapp.domain.deck import parse_deck_text

    header = '''[deck]
name = "Notes::ch02"
origin = "notes"

[[deck.sections]]
id = "2"
title.zh = "概述"
title.en = "Overview"

[[card]]
id = "n-1"
section = "2"
kind = "qa"
front.zh = "问"
front.en = "Q"
back.zh = "答"
back.en = "A"
schedule = { repetitions = 1, easiness = 260, interval = 1, due = 2026-11-27, lapses = 0 }
'''
    parsed = parse_deck_text(header, "ch02.toml")
    assert parsed.ok and parsed.header is not None
    assert (parsed.header.name, parsed.header.origin, parsed.header.section_ids) == ("Notes::ch02", "notes", ("2",))
    schedule = parsed.schedules["n-1"]
    assert (schedule.state.interval, schedule.state.easiness, schedule.state.due_day) == (1, 260, 739947)
    bad = parse_deck_text(header.replace('name = "Notes::ch02"', 'name = "Notes:: ch02"')
                          .replace('section = "2"', 'section = "7.1"'), "ch02.toml")
    found = [str(i) for i in bad.issues]
    assert any(f.startswith("ch02.toml:2: deck.name: the deck name 'Notes:: ch02' has an empty part") for f in found)
    assert "ch02.toml:12: card n-1: unknown section '7.1' (one of the deck's sections: 2)" not in found  # no header
    assert len(found) == 1  # a bad header: the cards are checked against the bundled sections (7.1 is one)


def test_duplicate_ids_across_files_name_each_later_line() -> None:
    # The id lines of a file are found only once a duplicate turns up in it: each duplicate still
    # gets the line of its own occurrence (the 2nd, 3rd... of the same id), in every file.
    from quizapp.domain.deck import check_unique_ids

    other = GOOD_QA.replace('id = "a-card"', 'id = "b-card"')
    first, second = GOOD_QA + other, other + GOOD_QA + GOOD_QA
    parsed = {name: parse_deck_text(text, name, QIDS) for name, text in (("one.toml", first), ("two.toml", second))}
    assert [p.issues for p in parsed.values()] == [[], []]
    found = [str(i) for i in check_unique_ids(parsed, {"one.toml": first, "two.toml": second})]
    lines = [n + 1 for n, line in enumerate(second.splitlines()) if line.startswith("id = ")]
    assert found == [f"two.toml:{lines[0]}: duplicate card id 'b-card' (first in one.toml)",
                     f"two.toml:{lines[1]}: duplicate card id 'a-card' (first in one.toml)",
                     f"two.toml:{lines[2]}: duplicate card id 'a-card' (first in one.toml)"]
    assert check_unique_ids({"one.toml": parsed["one.toml"]}, {"one.toml": first}) == []


# ----------------------------------------------------------------------------- the limits scan's plain-line runs


# Pieces of TOML and of broken TOML: plain lines (whole ones and ones spoiled at the end), keys of
# 8, 16 and 17 parts, deep brackets (near and past the limit), strings of every kind, escapes,
# unclosed quotes, comments, CR, blank lines.
_PIECES = ["\n", "\n", "\n", "\r\n", " ", "\t", "=", " = ", ",", ".", "..", "#", "# c [ { . \"", "a", "k-1", "7",
           "1.5", "true", "-3", "\"", "'", '"""', "'''", '"s"', "'s'", '"a.b"', "'x.y'", '"q\\"q"', "\\", "\\n",
           "[", "]", "{", "}", "[[", "]]", "[[card]]", "[t.u]", "[ a . \"b\" ]", 'x = "v"', "y = 'v'", "n = 12",
           'tags = ["a", "b",]', "z = []", 't = { a = 1, b.c = "x" }', "f = true # note", 'front.zh = "问题"',
           "a.b.c.d.e.f.g.h = 1", ".".join("k" * 16) + " = 1", ".".join("k" * 17) + " = 1",
           "[" + ".".join("t" * 17) + "]", "x = " + "[" * 15, "x = " + "[" * 16, "]" * 15, "{ a = " * 8, "}" * 8,
           'x = """m\n[[\n"""', "y = '''m\n{.'''", 'u = "open', "a.'b'.\"c\" = 'd'", "e = 1\r",
           "v = 1" + ".2" * 16, 'w = ""', '""', "''"]


def _limits_both_ways(text: str):
    from quizapp.domain import deck

    return deck.check_limits(text, "f.toml"), deck._first_excess(text, "f.toml", deck._STRUCTURE)


@pytest.mark.parametrize("seed", range(4))
def test_the_plain_line_runs_give_the_token_scans_verdict(seed: int) -> None:
    """check_limits (runs of plain lines taken whole) against the token-by-token scan: the same
    issue (line and message) or None, on random texts built from the pieces above."""
    import random

    from quizapp.domain import deck

    rng = random.Random(seed)
    refused = deep_runs = 0
    for _ in range(1500):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
        if rng.random() < 0.5:  # most of a text in plain lines: long runs
            text = "\n".join(rng.choice(_PIECES[40:52]) for _ in range(rng.randint(1, 12))) + text
        fast, reference = _limits_both_ways(text)
        assert fast == reference, text
        refused += reference is not None
        deep_runs += any(m.group()[0] == "\n" for m in deck._STRUCTURE_OR_PLAIN.finditer(text)) and "[" * 15 in text
    assert refused > 100 and deep_runs > 20  # both refusals and runs deep inside brackets were tried


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_the_plain_line_runs_give_the_token_scans_verdict_hypothesis(text: str) -> None:
    fast, reference = _limits_both_ways(text)
    assert fast == reference


def test_a_plain_run_deep_inside_brackets_is_read_token_by_token() -> None:
    """A run that starts at depth 15 holds a [[table]] two deeper: refused at its line, as before."""
    text = "x = " + "[" * 15 + "\na = 1\n[[card]]\nb = 2\n"
    fast, reference = _limits_both_ways(text)
    assert fast == reference and fast is not None and fast.line == 3 and "deeper than 16" in fast.message


def test_a_deck_is_read_in_a_few_plain_runs() -> None:
    from quizapp.domain import deck

    text = SAMPLE.read_text(encoding="utf-8")
    tokens = list(deck._STRUCTURE_OR_PLAIN.finditer(text))
    assert len(tokens) < len(list(deck._STRUCTURE.finditer(text))) / 5 and deck.check_limits(text, "x") is None


# ----------------------------------------------------------------------------- plain cards read in one pass


_SOURCES = {"q01", "q02"}
_SECTIONS = ("7.1", "7.2")


# Each field: right values first, then nearly right ones (a card that is nearly right is the test).
_BI_VALUES = ([{"zh": "问", "en": "Q"}, {"zh": " 问 ", "en": " Q\n"}, {"zh": "a\tb", "en": "Q"}],
              [{"zh": "", "en": "Q"}, {"zh": "问", "en": " "}, {"zh": "问"}, {"zh": "问", "en": "Q", "fr": "x"},
               {"zh": "问", "fr": "Q"}, {"zh": 1, "en": "Q"}, "text", ["zh", "en"], {}])
_CLOZE_VALUES = ([{"zh": "{{c1::梯度}}", "en": " {{c1::gradient}}"},
                  {"zh": "{{c1::甲}} {{c2::乙}}", "en": "{{c1::a}} {{c2::b}}"}],
                 [{"zh": "{{c1::甲}}", "en": "{{c2::a}}"}, {"zh": "{{c2::甲}}", "en": "{{c2::a}}"},
                  {"zh": "{{c1::", "en": "x"}, {"zh": "无", "en": "none"},
                  {"zh": "{{c1::甲}}", "en": "{{c1::a}}", "x": 1}, "text"])
_STRING_LISTS = ([[], ["q01"], ["q01", " q02 "], ["q02", "q01", "q01"]],
                 [["q01", "q99"], ["q99"], ["q01", ""], [" "], ["q01", 1], [None], "q01", 3, {"a": "q01"}])
_FIELDS = {"id": (["a-card", "b-1"], ["x", "Bad Id", "a-card\n", 5, None]),
           "section": (list(_SECTIONS), ["7.9", 7.1, None]), "kind": (["qa", "cloze"], ["mcq", "other", 1]),
           "front": _BI_VALUES, "back": _BI_VALUES, "text": _CLOZE_VALUES, "tags": _STRING_LISTS,
           "source": _STRING_LISTS, "correction": _BI_VALUES, "demo": ([], [{"id": "adam"}]),
           "choices": ([], [[]]), "schedule": ([{"repetitions": 1}], []), "colour": ([], ["red"])}


def _raw_card(rng: random.Random) -> dict:
    """A card table with one or two fields wrong, missing or out of place, or none."""
    kind = rng.choice(["qa", "cloze"])
    keys = {"id", "section", "kind", "tags", "source", *(["front", "back"] if kind == "qa" else ["text"])}
    keys |= {k for k in ("back", "correction", "schedule") if rng.random() < 0.3}
    raw = {key: rng.choice(_FIELDS[key][0]) for key in sorted(keys)}
    raw["kind"] = kind
    for _ in range(rng.choice([0, 0, 1, 1, 2])):  # spoil: a wrong value, a key missing, a key too many
        key = rng.choice(sorted(_FIELDS))
        how = rng.random()
        if how < 0.6 and _FIELDS[key][1]:
            raw[key] = rng.choice(_FIELDS[key][1])
        elif how < 0.8:
            raw.pop(key, None)
        elif _FIELDS[key][0]:
            raw[key] = rng.choice(_FIELDS[key][0])
    return raw


def test_a_plain_card_is_the_card_the_full_checks_make() -> None:
    """deck._plain_card against deck._parse_card on 20,000 card tables: a card only where every
    check passes, and then the same card; every clean qa or cloze card without a demo takes the
    short pass."""
    from quizapp.domain import deck

    rng, taken, refused = random.Random(7), 0, 0
    for _ in range(20_000):
        raw = _raw_card(rng)
        fast = deck._plain_card(raw, _SOURCES, _SECTIONS)
        full = deck._parse_card(dict(raw), 0, deck._Locator(""), "f", _SOURCES, None, _SECTIONS)
        if fast is not None:
            assert full == (fast, []), raw
            taken += 1
        else:
            assert full[1] or full[0] is None or "demo" in raw, raw
            refused += bool(full[1])
    assert taken > 5000 and refused > 5000


def test_a_deck_reads_the_same_without_the_short_pass(monkeypatch) -> None:
    from quizapp.domain import deck

    texts = [SAMPLE.read_text(encoding="utf-8"), GOOD_QA + GOOD_QA.replace("a-card", "b-card"),
             GOOD_QA.replace('back.en = "A"', 'back.en = " "') + '[card.schedule]\nrepetitions = 2\n']
    fast = [deck.parse_deck_text(t, "deck.toml", QIDS) for t in texts]
    monkeypatch.setattr(deck, "_plain_card", lambda *_: None)
    assert fast == [deck.parse_deck_text(t, "deck.toml", QIDS) for t in texts]
    assert sum(len(p.cards) for p in fast) > 14 and fast[2].issues
