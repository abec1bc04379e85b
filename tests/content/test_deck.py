"""The bundled deck as content: it validates, covers every notes question, keeps its released
ids, is bilingual and well formed, links every catalogue demo with presets its spec accepts,
writes formulas matplotlib can parse, carries a correction, quoting the notes, for every error
really in the notes, and its proofreading rendering (docs/deck.md) is up to date.

Everything here reads the project's own files (content/, with its copy of the notes in
content/notes/, docs/, quizapp/); nothing reads ../shared, which the project must never touch at
run or test time.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.domain.catalogue import DEMO_IDS, SECTIONS
from quizapp.domain.cloze import parse_blanks, render
from quizapp.domain.content import Card
from quizapp.resources import content_dir, deck_dir
from quizapp.services.deck_export import render_deck
from quizapp.services.importer import parse_files

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "quizapp"
DECK_MD = REPO / "docs" / "deck.md"

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)
_CODE = re.compile(r"```.*?```|`[^`]*`", re.S)


@pytest.fixture(scope="module")
def parsed() -> tuple[list[Card], list[str]]:
    cards, issues = parse_files(sorted(deck_dir().glob("*.toml")))
    return cards, [str(i) for i in issues]


@pytest.fixture(scope="module")
def cards(parsed: tuple[list[Card], list[str]]) -> list[Card]:
    return parsed[0]


def _question_ids() -> list[str]:
    with open(content_dir() / "questions.tsv", encoding="utf-8", newline="") as f:
        return [row["id"] for row in csv.DictReader(f, delimiter="\t")]


def _released_ids() -> list[str]:
    lines = (content_dir() / "released_ids.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


# ------------------------------------------------------------------ validity and coverage


def test_bundled_deck_validates_with_zero_issues(parsed: tuple[list[Card], list[str]]) -> None:
    cards, issues = parsed
    assert issues == []
    assert cards


def test_every_notes_question_has_a_qa_card(cards: list[Card]) -> None:
    ids = _question_ids()
    assert ids == [f"q{n:02d}" for n in range(1, 29)]
    covered = {s for c in cards if c.kind == "qa" for s in c.source}
    assert [q for q in ids if q not in covered] == []


def test_card_ids_are_unique(cards: list[Card]) -> None:
    dupes = [cid for cid, n in Counter(c.id for c in cards).items() if n > 1]
    assert dupes == []


def test_released_ids_never_disappear(cards: list[Card]) -> None:
    released = _released_ids()
    assert released == sorted(set(released)), "content/released_ids.txt must be sorted and without repeats"
    in_deck = {c.id for c in cards}
    missing = [cid for cid in released if cid not in in_deck]
    assert missing == [], (f"released card ids missing from the deck (ids are forever; users' schedules hang off "
                           f"them): {missing}")


def test_every_deck_id_is_registered_as_released(cards: list[Card]) -> None:
    unregistered = sorted({c.id for c in cards} - set(_released_ids()))
    assert unregistered == [], f"add these new card ids to content/released_ids.txt: {unregistered}"


def test_deck_size_and_mix(cards: list[Card]) -> None:
    kinds = Counter(c.kind for c in cards)
    assert len(cards) >= 80
    assert kinds["cloze"] >= 20
    assert kinds["mcq"] >= 20
    assert {c.section for c in cards} == set(SECTIONS)


# ------------------------------------------------------------------ bilingual and well formed


def _bilingual_fields(card: Card) -> list[tuple[str, str, str]]:
    """(field name, zh, en) of every prose field of a card."""
    out = []
    if card.kind == "cloze":
        assert card.cloze is not None
        out.append(("text", card.cloze.zh, card.cloze.en))
    else:
        out.append(("front", card.front.zh, card.front.en))
    if card.back.zh or card.back.en or card.kind == "qa":
        out.append(("back", card.back.zh, card.back.en))
    if card.correction is not None:
        out.append(("correction", card.correction.zh, card.correction.en))
    return out


def test_zh_and_en_present_and_non_trivial(cards: list[Card]) -> None:
    problems = []
    for card in cards:
        for name, zh, en in _bilingual_fields(card):
            if not _CJK.search(zh) or len(zh.strip()) < 4:
                problems.append(f"{card.id}: {name}.zh has no real Chinese text: {zh[:40]!r}")
            if len(_LATIN.findall(en)) < 4 or _CJK.search(_CODE.sub("", en)):
                problems.append(f"{card.id}: {name}.en is not English text: {en[:40]!r}")
            if zh.strip() == en.strip():
                problems.append(f"{card.id}: {name}.zh and {name}.en are identical")
        if card.kind == "qa" and min(len(card.back.zh), len(card.back.en)) < 60:
            problems.append(f"{card.id}: the qa answer is too short to be complete")
        for i, choice in enumerate(card.choices, 1):
            if not choice.text.zh.strip() or not choice.text.en.strip():
                problems.append(f"{card.id}: choice {i} lacks zh or en text")
            if not _CJK.search(choice.why.zh) or len(_LATIN.findall(choice.why.en)) < 4:
                problems.append(f"{card.id}: choice {i} needs a why in both languages")
    assert problems == []


def test_mcq_cards_have_one_right_answer_and_a_why_for_every_choice(cards: list[Card]) -> None:
    problems = []
    for card in (c for c in cards if c.kind == "mcq"):
        if not 2 <= len(card.choices) <= 6:
            problems.append(f"{card.id}: {len(card.choices)} choices")
        if sum(ch.correct for ch in card.choices) != 1:
            problems.append(f"{card.id}: {sum(ch.correct for ch in card.choices)} right choices")
        for lang in ("zh", "en"):
            texts = [ch.text.get(lang) for ch in card.choices]
            if len(set(texts)) != len(texts):
                problems.append(f"{card.id}: repeated choice text in {lang}")
            if any(not ch.why.get(lang).strip() for ch in card.choices):
                problems.append(f"{card.id}: a choice without why.{lang}")
    assert problems == []


def test_cloze_cards_have_the_same_well_formed_blanks_in_both_languages(cards: list[Card]) -> None:
    problems = []
    for card in (c for c in cards if c.kind == "cloze"):
        assert card.cloze is not None
        numbers = {}
        for lang in ("zh", "en"):
            text = card.cloze.get(lang)
            blanks = parse_blanks(text)  # raises on bad syntax
            numbers[lang] = sorted({b.number for b in blanks})
            if numbers[lang] != list(range(1, len(numbers[lang]) + 1)):
                problems.append(f"{card.id}: text.{lang} blanks {numbers[lang]} are not c1..cN")
            if any(not a.strip() for b in blanks for a in b.answers):
                problems.append(f"{card.id}: text.{lang} has an empty answer")
            for hide in (set(), set(numbers[lang])):
                shown = render(text, hide=hide)
                if "{{" in shown or "}}" in shown or "::" in shown:
                    problems.append(f"{card.id}: text.{lang} renders with cloze syntax left over: {shown[:60]!r}")
        if numbers["zh"] != numbers["en"]:
            problems.append(f"{card.id}: blanks differ: zh {numbers['zh']} vs en {numbers['en']}")
        if card.front.zh or card.front.en:
            problems.append(f"{card.id}: a cloze card has a front")
    assert problems == []


# ------------------------------------------------------------------ demo links


def test_every_catalogue_demo_is_linked_with_accepted_presets(cards: list[Card]) -> None:
    from quizapp.engine.errors import UnknownDemoError
    from quizapp.engine.registry import get_spec

    links = [c for c in cards if c.demo is not None]
    assert {c.demo.id for c in links} == set(DEMO_IDS), "every catalogue demo needs at least one card"
    problems = []
    for card in links:
        try:
            spec = get_spec(card.demo.id)
        except UnknownDemoError:
            continue  # in the catalogue, not registered in this build: the parser already checked the id
        found = spec.problems(card.demo.params)
        problems += [f"{card.id} -> {card.demo.id}: {p}" for p in found]
        if not found:
            assert set(spec.resolve(card.demo.params)) == set(spec.defaults())  # a complete parameter set
    assert problems == []


# ------------------------------------------------------------------ formulas


def _texts_with_math(card: Card) -> list[tuple[str, str]]:
    """Every text a card can show, with cloze text both filled in and with blanks hidden."""
    out = []
    for name, bi in (("front", card.front), ("back", card.back), ("correction", card.correction)):
        if bi is not None:
            out += [(f"{name}.zh", bi.zh), (f"{name}.en", bi.en)]
    if card.cloze is not None:
        for lang in ("zh", "en"):
            text = card.cloze.get(lang)
            every = {b.number for b in parse_blanks(text)}
            out += [(f"text.{lang} (filled)", render(text)), (f"text.{lang} (hidden)", render(text, hide=every))]
            # every accepted alternative must also be valid where it holds math
            out += [(f"text.{lang} c{b.number} answer", a) for b in parse_blanks(text) for a in b.answers if "$" in a]
    for i, choice in enumerate(card.choices, 1):
        for lang in ("zh", "en"):
            out += [(f"choice {i}.{lang}", choice.text.get(lang)), (f"choice {i} why.{lang}", choice.why.get(lang))]
    return out


def test_every_formula_parses_with_matplotlib_mathtext(cards: list[Card]) -> None:
    from matplotlib.mathtext import MathTextParser

    parser = MathTextParser("path")
    checked: dict[str, str | None] = {}
    problems = []
    for card in cards:
        for where, text in _texts_with_math(card):
            text = _CODE.sub("", text)
            for m in _MATH.finditer(text):
                formula = m.group(0)
                if formula not in checked:
                    try:
                        parser.parse(formula)
                        checked[formula] = None
                    except Exception as exc:  # noqa: BLE001 - any parse failure is reported
                        checked[formula] = str(exc).strip().splitlines()[0]
                if checked[formula] is not None:
                    problems.append(f"{card.id} [{where}]: {formula} -> {checked[formula]}")
            if re.search(r"(?<!\\)\$", _MATH.sub("", text)):
                problems.append(f"{card.id} [{where}]: an unbalanced '$' (write a literal dollar as \\$)")
    assert problems == []
    assert len(checked) > 100  # the deck is full of formulas; the regex must be finding them


# ------------------------------------------------------------------ corrections: errors really in the notes

NOTES = content_dir() / "notes" / "nndl-ch07-notes.txt"
_ZH_QUOTE = re.compile(r"^笔记（第 (\d+) 行）说“([^”]+)”；")
_EN_QUOTE = re.compile(r"^The notes \(line (\d+)\) say \"[^\"]+\"; ")

# card id -> notes line its correction quotes: every error of the notes that DESIGN.md §8 lists
# (and the review's §3 found) has its correction line on the card that answers that question.
CORRECTED_NOTES_LINES = {
    "saddle-point-escape": 14, "flat-vs-sharp-minima": 19, "lr-decay-warmup-cyclic-meaning": 38,
    "lr-mcq-decay-target": 38, "momentum-sgd": 52, "adagrad-update": 56, "adam-update": 64, "init-xavier": 70,
    "init-he": 74, "bn-internal-covariate-shift": 81, "bn-transform": 97, "bn-train-vs-inference": 103,
    "ln-layer-norm": 115, "norm-rnn-gradient-cause-mcq": 115, "norm-bn-vs-ln-choice": 120, "hpo-methods": 126,
    "reg-l1-vs-l2": 146, "reg-l1-proximal-step": 148, "reg-dropout-ensemble-bayesian": 159,
}


def _notes_lines() -> list[str]:
    return NOTES.read_text(encoding="utf-8").split("\n")


def test_the_notes_ship_with_the_deck() -> None:
    lines = _notes_lines()
    assert len(lines) >= 170 and "什么是Xavier初始化?" in lines[67]


def test_every_correction_quotes_a_line_of_the_notes(cards: list[Card]) -> None:
    """A correction names an error that is really in the notes: its zh text opens with
    笔记（第 N 行）说“…”, the quote copied verbatim from line N of the shipped notes, and its en text
    opens with The notes (line N) say "…" (see content/FORMAT.md)."""
    lines = _notes_lines()
    problems = []
    for card in (c for c in cards if c.correction is not None):
        zh, en = _ZH_QUOTE.match(card.correction.zh), _EN_QUOTE.match(card.correction.en)
        if zh is None or en is None:
            problems.append(f"{card.id}: the correction does not open with the notes' line and quote")
            continue
        n, quote = int(zh.group(1)), zh.group(2)
        if not 1 <= n <= len(lines) or quote not in lines[n - 1]:
            problems.append(f"{card.id}: “{quote}” is not on line {n} of the notes")
        if int(en.group(1)) != n:
            problems.append(f"{card.id}: zh quotes line {n}, en line {en.group(1)}")
    assert problems == []


def test_the_notes_errors_have_their_corrections(cards: list[Card]) -> None:
    by_id = {c.id: c for c in cards}
    found = {}
    for cid in CORRECTED_NOTES_LINES:
        correction = by_id[cid].correction if cid in by_id else None
        m = _ZH_QUOTE.match(correction.zh) if correction is not None else None
        found[cid] = int(m.group(1)) if m else None
    assert found == CORRECTED_NOTES_LINES


@pytest.mark.parametrize("card_id, must_say", [
    ("bn-transform", ["only during training", "population statistics"]),
    ("init-he", ["2/n_in", "Kaiming He"]),
    ("init-xavier", ["scaled up 4 times"]),
    ("bn-internal-covariate-shift", ["parameter updates of the earlier layers"]),
    ("bn-train-vs-inference", ["whatever the batch size"]),
    ("reg-l1-vs-l2", ["1-norm", "**squared** 2-norm"]),
    ("reg-dropout-ensemble-bayesian", ["single softmax layer", "MC dropout"]),
    ("adam-update", ["bias correction"]),
    ("hpo-methods", ["log scale"]),
])
def test_the_missed_notes_errors_are_now_corrected(cards: list[Card], card_id: str, must_say: list[str]) -> None:
    correction = {c.id: c for c in cards}[card_id].correction
    assert correction is not None
    assert [s for s in must_say if s not in correction.en] == []
    if card_id == "init-he":
        assert "何恺明" in correction.zh and "何凯明" not in correction.zh.split("”")[-1]  # the name, spelled right


def test_no_correction_blames_the_notes_for_what_they_never_say(cards: list[Card]) -> None:
    """The review's §3b: the notes have no cubic example, never mention nn.Linear or BN momentum,
    and their keep-probability dropout is a convention, not an error."""
    notes = NOTES.read_text(encoding="utf-8")
    assert "y^3" not in notes and "nn.Linear" not in notes and "running" not in notes
    blamed = [c.id for c in cards if c.correction is not None
              and any(w in c.correction.en for w in ("cubic", "nn.Linear", "momentum (0.1)", "drop probability"))]
    assert blamed == []


def test_corrections_are_one_line(cards: list[Card]) -> None:
    long = [c.id for c in cards if c.correction is not None and ("\n" in c.correction.zh or "\n" in c.correction.en)]
    assert long == []


# ------------------------------------------------------------------ the project never reads ../shared


def test_package_never_reads_the_shared_folder() -> None:
    pattern = re.compile(r"shared[/\\]|nndl-ch07")
    offenders = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path.suffix in {".pyc", ".png", ".otf", ".ttf", ".ico", ".db"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{path.relative_to(REPO)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                      if pattern.search(line)]
    assert offenders == []


# ------------------------------------------------------------------ the rendering for proofreading


def test_docs_deck_md_is_up_to_date(cards: list[Card]) -> None:
    if not DECK_MD.parent.is_dir():
        pytest.skip("no docs/ folder (running from an installed copy)")
    assert DECK_MD.is_file(), "docs/deck.md is missing; run: quizapp deck render --out docs/deck.md"
    assert DECK_MD.read_text(encoding="utf-8") == render_deck(cards), (
        "docs/deck.md is out of date; run: quizapp deck render --out docs/deck.md")


def test_rendering_shows_every_card_answer_and_correction(cards: list[Card]) -> None:
    text = render_deck(cards)
    assert all(f"### `{c.id}`" in text for c in cards)
    marked = re.findall(r"^\d+\. ✅ ", text, re.M)
    assert len(marked) == sum(1 for c in cards if c.kind == "mcq") * 2  # one right choice, in both languages
    assert text.count("⚠️ **Correction to the notes:**") == sum(1 for c in cards if c.correction is not None)
    cloze = next(c for c in cards if c.id == "saddle-cloze-cubic")
    assert "**局部极小值**" in text and "**local minimum**" in text and cloze.cloze is not None
    assert "`saddle-escape` with " in text
    for section, (zh, en) in SECTIONS.items():
        assert f"## {section} {zh} · {en}" in text


def test_cli_render_writes_checks_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deck.md"
    assert main(["deck", "render", "--out", str(out), "--check"]) == 1  # missing file: out of date
    assert main(["deck", "render", "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["deck", "render", "--out", str(out), "--check"]) == 0
    assert main(["deck", "render", "--out", str(out)]) == 0
    assert "unchanged" in capsys.readouterr().out
    out.write_text("stale\n", encoding="utf-8")
    assert main(["deck", "render", "--out", str(out), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err


def test_cli_render_refuses_an_invalid_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[card]]\nid = "x-1"\nsection = "9.9"\nkind = "qa"\n', encoding="utf-8")
    out = tmp_path / "deck.md"
    assert main(["deck", "render", str(bad), "--out", str(out)]) == 4
    err = capsys.readouterr().err
    assert "bad.toml:" in err and "unknown section" in err
    assert not out.exists()
