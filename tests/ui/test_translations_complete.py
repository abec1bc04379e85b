"""The translation sources are complete and the shipped .qm files are built from them
(docs/architecture.md § Interface language): every tr() string of the window has a Chinese
translation, every plural has its English numerus forms, the placeholders survive, and
`python -m quizapp.devtools.translations` would change nothing."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizapp import i18n
from quizapp.devtools import translations

PLACEHOLDER = re.compile(r"\{\w*\}|%n")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    unfinished: bool
    forms: tuple[str, ...]  # the translation, or its numerus forms


def messages(ts: Path) -> list[Message]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            assert tr is not None, (name, m.findtext("source"))
            numerus = m.get("numerus") == "yes"
            forms = tuple(f.text or "" for f in tr.iter("numerusform")) if numerus else (tr.text or "",)
            out.append(Message(name, m.findtext("source") or "", numerus, tr.get("type") == "unfinished", forms))
    return out


def test_every_chinese_message_is_translated() -> None:
    found = messages(i18n.ts_path("zh"))
    assert len(found) > 400  # the whole window, not a stub
    untranslated = [(m.context, m.source) for m in found if m.unfinished or not all(f.strip() for f in m.forms)]
    assert untranslated == []
    assert all(len(m.forms) == 1 for m in found if m.numerus)  # Chinese has one plural form


def test_every_count_is_a_plural() -> None:
    """%n outside a numerus message is a count lupdate did not see as one (it reads numerus forms
    only in self.tr calls): English would show "2 card(s)"."""
    assert [m.source for m in messages(i18n.ts_path("zh")) if "%n" in m.source and not m.numerus] == []


def test_every_english_plural_has_its_two_forms() -> None:
    zh_plurals = {(m.context, m.source) for m in messages(i18n.ts_path("zh")) if m.numerus}
    en = messages(i18n.ts_path("en"))
    assert {(m.context, m.source) for m in en} == zh_plurals  # the English file holds only the plurals
    for m in en:
        assert not m.unfinished and len(m.forms) == 2 and all(m.forms), m.source
        one, many = m.forms
        assert "(s)" not in one + many and one != many, m.forms


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    for m in messages(i18n.ts_path(language)):
        wanted = sorted(PLACEHOLDER.findall(m.source))
        for form in m.forms:
            if m.context == "Language":  # the language marker: its translation is the language's code
                continue
            assert sorted(PLACEHOLDER.findall(form)) == wanted, (m.source, form)


def test_the_ts_files_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate over today's code adds nothing and drops nothing: no tr() string is left
    without a translation, none is kept for code that is gone."""
    for language in i18n.LANGUAGES:
        copy = tmp_path / i18n.ts_path(language).name
        shutil.copy(i18n.ts_path(language), copy)
        translations.lupdate(language, copy)
        before = {(m.context, m.source, m.numerus) for m in messages(i18n.ts_path(language))}
        after = {(m.context, m.source, m.numerus) for m in messages(copy)}
        assert sorted(after - before) == [], f"run python -m quizapp.devtools.translations ({language})"
        assert sorted(before - after) == [], f"run python -m quizapp.devtools.translations ({language})"


def test_the_qm_files_are_built_from_the_ts(tmp_path: Path) -> None:
    for language in i18n.LANGUAGES:
        fresh = tmp_path / f"{language}.qm"
        translations.lrelease(i18n.ts_path(language), fresh)
        assert fresh.read_bytes() == i18n.qm_path(language).read_bytes(), \
            f"{i18n.qm_path(language).name} is older than its .ts: run python -m quizapp.devtools.translations"


def test_english_plurals_without_qt_match_the_english_translation() -> None:
    """English needs no .qm (quizapp/i18n/text.py: english_plural): its rule gives the two forms
    quizapp_en.ts holds for every plural of the services, the domain and the CLI."""
    from quizapp.i18n import cli, text

    outside_ui = {name for module in (text, cli) for name, value in vars(module).items()
                  if isinstance(value, text.Context)}
    assert "Cli" in outside_ui
    checked = 0
    for m in messages(i18n.ts_path("en")):
        if m.context in outside_ui:
            one, many = m.forms
            assert (text.english_plural(m.source, 1), text.english_plural(m.source, 7)) == (
                one.replace("%n", "1"), many.replace("%n", "7")), m.source
            checked += 1
    assert checked >= 10


def test_each_context_object_is_named_as_its_context() -> None:
    """lupdate takes the name before `.tr` as the context: `ErrorText.tr(…)` is looked up under
    the context its object carries only when the two are the same."""
    from quizapp.i18n import cli, text

    contexts = {name: value.name for module in (text, cli) for name, value in vars(module).items()
                if isinstance(value, text.Context)}
    assert len(contexts) >= 11 and all(name == context for name, context in contexts.items())
    in_ts = {m.context for m in messages(i18n.ts_path("zh"))}
    assert set(contexts) <= in_ts  # every context has its strings in the .ts
