"""The fast TOML path gives what the standard library gives: the same dicts for valid decks, and
tomllib's own error (message and line) for broken ones."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.domain import toml_text

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_the_compiled_parser_is_the_one_used() -> None:
    import tomli

    assert toml_text._fast is tomli


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.toml")), ids=lambda p: p.name)
def test_the_shipped_decks_parse_alike(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert toml_text.loads(text) == tomllib.loads(text)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), _text,
                          st.lists(_text, max_size=3), st.integers(-10**6, 10**6)), max_size=12))
def test_random_card_tables_parse_alike(cards: list[tuple[str, str, list[str], int]]) -> None:
    import json

    # JSON strings are valid TOML basic strings for every character but the few TOML escapes differently
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")

    text = "".join(f"[[card]]\nid = {q(key)}\nfront.zh = {q(a)}\ntags = [{', '.join(q(t) for t in tags)}]\n"
                   f"n = {n}\n" for key, a, tags, n in cards)
    assert toml_text.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize("broken", [
    "[[card]]\nid = \n",
    "[[card]]\nid = \"a\"\nid = \"b\"\n",
    "x = \"unclosed\n",
    "[card\n",
    "a = 1\na.b = 2\n",
])
def test_broken_text_raises_tomllibs_own_error(broken: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as ours:
        toml_text.loads(broken)
    with pytest.raises(tomllib.TOMLDecodeError) as stdlib:
        tomllib.loads(broken)
    assert str(ours.value) == str(stdlib.value)
