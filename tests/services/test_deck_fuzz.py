"""Random and hostile deck text through the whole import (issue 21): control characters, huge
strings, deep nesting, odd TOML. Every input ends as either a clean import or DeckInvalid whose
every issue is one line starting FILE:LINE, and a refused import leaves the database exactly as
it was. Inputs stay under ~1 MB, so the time and memory each takes is bounded by the limits in
quizapp.domain.deck (no wall-clock assertion: the machine is shared)."""
from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.services.database import open_database
from quizapp.services.errors import DeckInvalid
from quizapp.services.importer import import_deck
from quizapp.store.database import Database
from tests.support import NOW, SAMPLE_DECK

CARD = '''[[card]]
id = {id}
section = {section}
kind = "qa"
tags = [{tag}]
front.zh = {front_zh}
front.en = {front_en}
back.zh = "答"
back.en = {back_en}
'''

# Text without surrogates (a file is UTF-8), control characters included on purpose.
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
HOSTILE_BITS = ["\x00", "\x1b[31m", "\r", "\u2028", "\ufeff", "<img src=\"/dev/zero\">", "{{c1::x|<b>y</b>}}",
                "\\", "\"", "'''", '"""', "[[card]]", "]]", "{", "}", ".", "=", "#", "\\u0000", "\\uD800",
                "$\\frac{a}{b}$" * 50, "a." * 40, "[" * 40]


def toml_string(text: str) -> str:
    """A TOML basic string holding `text` (JSON's escapes are all valid TOML escapes)."""
    return json.dumps(text, ensure_ascii=False)


hostile_text = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(st.sampled_from(HOSTILE_BITS), max_size=30).map("".join),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "中", "\x01", "\n", "$"]), st.integers(0, 300_000)),
)


@st.composite
def card_with_hostile_fields(draw) -> str:
    """A well-formed card whose values are hostile text, properly escaped or pasted raw."""
    fields = {}
    for name in ("id", "section", "tag", "front_zh", "front_en", "back_en"):
        value = draw(hostile_text) if draw(st.booleans()) else {"id": "fuzz-card", "section": "7.1",
                                                                 "tag": "t"}.get(name, "text")
        fields[name] = toml_string(value) if draw(st.integers(0, 9)) else value  # 1 in 10 pasted raw
    return CARD.format(**fields)


@st.composite
def deep_structure(draw) -> str:
    depth = draw(st.integers(0, 5_000))
    kind = draw(st.sampled_from(["array", "inline", "dotted", "header", "quoted-dotted", "unclosed"]))
    return {"array": "x = " + "[" * depth + "]" * depth,
            "inline": "x = " + "{a = " * depth + "1" + "}" * depth,
            "dotted": "a" + ".a" * depth + " = 1",
            "header": "[" + ".".join(["t"] * (depth + 1)) + "]",
            "quoted-dotted": '"a"' + ' . "a"' * depth + " = 1",
            "unclosed": "x = " + "[{" * depth}[kind] + "\n"


deck_text = st.one_of(
    st.text(ANY_CHAR, max_size=2_000),
    st.lists(st.sampled_from(HOSTILE_BITS + ["\n", " ", "a", "1", "true"]), max_size=200).map("".join),
    card_with_hostile_fields(),
    st.lists(st.one_of(card_with_hostile_fields(), deep_structure()), min_size=1, max_size=3).map("\n".join),
)


def snapshot(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("cards", "card_state", "review_log", "settings")}
    finally:
        conn.close()


@contextmanager
def collection() -> Iterator[tuple[Database, Path]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "fuzz.db")
        try:
            import_deck(db, [SAMPLE_DECK], now=NOW)
            yield db, Path(tmp)
        finally:
            db.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=deck_text)
def test_hostile_deck_text_imports_cleanly_or_is_refused_with_file_and_line(text: str) -> None:
    with collection() as (db, folder):
        deck = folder / "hostile.toml"
        deck.write_text(text, encoding="utf-8", newline="")
        before = snapshot(db.path)
        try:
            report = import_deck(db, [deck], now=NOW)
        except DeckInvalid as exc:
            assert exc.issues, "a refusal names at least one problem"
            for issue in exc.issues:
                assert re.match(rf"{re.escape(str(deck))}:[1-9][0-9]*: \S", issue), issue
                assert "\n" not in issue and "\r" not in issue and "Traceback" not in issue
            assert snapshot(db.path) == before  # nothing half-written
        else:
            assert report.files == [str(deck)]
