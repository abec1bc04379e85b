"""Quiz design and language of the bundled deck.

- mcq files give nothing away: the right answer's position is spread over the positions, and it
  is the longest choice in at most a third of the mcqs (in each language). The app shuffles the
  choices at presentation as well; these checks are about the files themselves.
- zh uses one Chinese term per concept, the book's (NNDL), and the zh-only slips the 2026-12
  review found stay fixed.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from quizapp.domain.content import Card
from quizapp.resources import deck_dir
from quizapp.services.importer import parse_files

_CODE = re.compile(r"```.*?```|`[^`]*`", re.S)
_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.S)
_NOTES_QUOTE = re.compile(r"“[^”]*”")


@pytest.fixture(scope="module")
def cards() -> list[Card]:
    parsed, issues = parse_files(sorted(deck_dir().glob("*.toml")))
    assert not issues
    return parsed


# ------------------------------------------------------------------ mcq giveaways


def _mcqs(cards: list[Card]) -> list[Card]:
    return [c for c in cards if c.kind == "mcq"]


def test_right_answer_positions_are_spread(cards: list[Card]) -> None:
    mcqs = _mcqs(cards)
    positions = Counter(c.correct_choice for c in mcqs)
    n_positions = max(len(c.choices) for c in mcqs)
    assert len(mcqs) >= 40
    # every position used, none holding more than a third of the keys or fewer than half its fair share
    assert set(positions) == set(range(n_positions)), positions
    assert max(positions.values()) <= len(mcqs) / 3, positions
    assert min(positions.values()) >= len(mcqs) / n_positions / 2, positions


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_right_answer_is_rarely_the_longest_choice(cards: list[Card], lang: str) -> None:
    mcqs = _mcqs(cards)
    longest = [c.id for c in mcqs
               if len(c.choices[c.correct_choice].text.get(lang)) == max(len(ch.text.get(lang)) for ch in c.choices)]
    assert len(longest) <= len(mcqs) / 3, f"{len(longest)} of {len(mcqs)} ({lang}): {longest}"


# ------------------------------------------------------------------ terminology (zh)


def _zh_texts(card: Card) -> list[str]:
    """Every zh text of a card, without code, math and quotations of the notes (which stay verbatim)."""
    texts = [card.front.zh, card.back.zh]
    if card.cloze is not None:
        texts.append(card.cloze.zh)
    if card.correction is not None:
        texts.append(_NOTES_QUOTE.sub("", card.correction.zh))
    for choice in card.choices:
        texts += [choice.text.zh, choice.why.zh]
    return [_MATH.sub("", _CODE.sub("", t)) for t in texts]


# variant -> the book's term that replaces it
BANNED_ZH = {
    "平坦极小值": "平坦最小值", "尖锐极小值": "尖锐最小值",
    "平坦的极小值": "平坦的最小值", "尖锐的极小值": "尖锐的最小值",
    "按范数截断": "按模截断", "heavy-ball": "重球法",
}
_BATCH_WORD = re.compile(r"(?<![A-Za-z_\-])batch(?![A-Za-z_\-])", re.I)
_HEAVY_BALL = re.compile(r"heavy ball", re.I)
# an English name in zh text must come with the book's term somewhere on the same card
NEEDS_BOOK_TERM = {"dropout": "丢弃法", "GroupNorm": "组归一化", "InstanceNorm": "实例归一化", "heavy ball": "重球法"}


def test_zh_uses_the_books_terms(cards: list[Card]) -> None:
    problems = []
    for card in cards:
        texts = _zh_texts(card)
        joined = "\n".join(texts)
        problems += [f"{card.id}: '{bad}' (write '{good}')" for bad, good in BANNED_ZH.items() if bad in joined]
        if _BATCH_WORD.search(joined):
            problems.append(f"{card.id}: 'batch' in zh text (write 批量 / 小批量)")
        if _HEAVY_BALL.search(joined.replace("重球法（heavy ball）", "").replace("重球法，heavy ball", "")):
            problems.append(f"{card.id}: 'heavy ball' in zh without 重球法")
        for english, book in NEEDS_BOOK_TERM.items():
            if re.search(rf"(?<![A-Za-z]){english}(?![A-Za-z])", joined) and book not in joined:
                problems.append(f"{card.id}: zh says {english} but never the book's {book}")
    assert problems == []


def test_the_zh_slips_of_the_review_stay_fixed(cards: list[Card]) -> None:
    by_id = {c.id: c for c in cards}
    heavy = by_id["momentum-cloze-heavy-ball-rate"].cloze
    assert heavy is not None
    # the blank is the contraction factor per step, not the momentum coefficient (its square)
    assert "收缩因子为 {{c2::" in heavy.zh and "动量为 {{c2::" not in heavy.zh
    fails = by_id["saddle-mcq-what-fails"]
    key = fails.choices[fails.correct_choice]
    assert "更快" not in key.why.zh and "更慢" in key.why.zh and "more slowly" in key.why.en
    flat_sharp = by_id["batch-size-flat-sharp"].back
    assert "少 $B$ 倍" not in flat_sharp.zh and "$B_{large}/B_{small}$" in flat_sharp.zh
    assert "$B$ times fewer" not in flat_sharp.en and "$B_{large}/B_{small}$ times fewer" in flat_sharp.en
