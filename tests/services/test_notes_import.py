"""Notes → cards, the service: bad files are refused with one line and change nothing; the
deck file is written and imported; importing edited notes again updates answers and keeps
schedules, and a reworded question keeps its card only when the person says so."""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.domain.deck import parse_card_table
from quizapp.services.errors import DeckInvalid
from quizapp.services.notes_import import (MAX_NOTES_BYTES, NotesImportService, NotesInvalid, RenamesUnconfirmed,
                                           decode_notes, read_notes_file)
from quizapp.services.study import StudyService
from quizapp.store.models import CardRow, CardStateRow, ReviewLogRow

from tests.support import NOW

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notes"
CHAPTER_7 = FIXTURES / "nndl-ch07-notes.txt"
DECK = "NNDL::ch07-notes"


def _count(db, row) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(row))


def _state(db, card_id: str) -> tuple:
    with db.read_session() as s:
        r = s.get(CardStateRow, card_id)
        return (r.repetitions, r.easiness, r.interval, r.due_day, r.lapses)


def _card(db, card_id: str) -> CardRow:
    with db.read_session() as s:
        row = s.get(CardRow, card_id)
        s.expunge(row)
        return row


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b" \n\n\t\n", "the file is empty"),
    ("bom-only.txt", b"\xef\xbb\xbf\n", "the file is empty"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a binary file, not text notes"),
    ("nul.txt", b"What?\n\x00\x01\x02 binary\n", "a binary file, not text notes"),
    ("mixed.txt", "7.1 网络优化\n\n什么是鞍点?\n\n".encode() + "鞍点的梯度是0。\n".encode("gbk"),
     "mixed text encodings: line 5 is not UTF-8 while other lines are"),
    ("latin1.txt", b"What is caf\xe9?\n\n\xff\xfe\xfd\n", "not text in UTF-8 or GB18030"),
    ("prose.txt", "7.1 网络优化\n\n只有陈述，没有问题。\n".encode(), "no question found"),
    ("prose.md", b"# Notes\n\nJust text, no question.\n", "no question found (a question is a heading ending"),
    ("bare.txt", b"Title\n\nWhat is X?\n\nWhat is Y?\n", "no question has an answer"),
])
def test_a_bad_notes_file_is_one_line_naming_it_and_nothing_changes(sample_db, tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "deck.toml"
    cards_before = _count(sample_db, CardRow)
    with pytest.raises(NotesInvalid) as caught:
        NotesImportService(sample_db).preview([CHAPTER_7, path], DECK, out)  # one bad file refuses all
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message
    assert _count(sample_db, CardRow) == cards_before and not out.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # sparse: 50 MiB + 1 byte without writing them
        f.truncate(MAX_NOTES_BYTES + 1)
    with pytest.raises(NotesInvalid, match=r"larger than the limit of 52,428,800 bytes \(50 MiB\)"):
        read_notes_file(big)
    with pytest.raises(NotesInvalid, match="not a regular file \\(a folder\\)"):
        read_notes_file(tmp_path)
    with pytest.raises(NotesInvalid, match="cannot open the file"):
        read_notes_file(tmp_path / "missing.txt")


def test_other_encodings_of_the_notes_read_the_same():
    text = CHAPTER_7.read_text(encoding="utf-8")
    for data in (text.encode("gb18030"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode()):
        assert decode_notes(data, "x").lstrip("\ufeff") == text


def test_importing_the_chapter_notes_writes_a_deck_file_and_adds_28_cards(sample_db, tmp_path):
    out = tmp_path / "decks" / "ch07.toml"
    service = NotesImportService(sample_db)
    preview = service.preview([CHAPTER_7], DECK, out)
    assert len(preview.cards) == 28 and set(preview.status.values()) == {"new"}
    assert [c.line for c in preview.picture_only] == [42, 46]
    before = _count(sample_db, CardRow)
    result = service.import_notes(preview)
    assert (result.added, result.updated, result.unchanged) == (28, 0, 0) and result.changes.content
    assert _count(sample_db, CardRow) == before + 28
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data["deck"]["name"] == DECK and data["deck"]["origin"] == "notes"
    assert [s["id"] for s in data["deck"]["sections"]] == ["7.1", "7.2", "7.3", "7.5", "7.6", "7.7"]
    assert [c["id"] for c in data["card"]] == [c.id for c in preview.cards]
    assert all(parse_card_table(raw)[1] == [] for raw in data["card"])
    ema = _card(sample_db, preview.picture_only[1].id)
    assert ema.back_zh == "（原笔记此处有一张图，已丢失）" and "picture-lost" in ema.tags
    assert [p.name for p in out.parent.iterdir()] == ["ch07.toml"]  # no staged file left behind
    # the same notes again: nothing changes
    again = service.import_notes(service.preview([CHAPTER_7], DECK, out))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 28) and not again.changes


def test_reimporting_edited_notes_updates_answers_and_keeps_schedules(sample_db, tmp_path):
    notes = tmp_path / "ch07.txt"
    shutil.copy(CHAPTER_7, notes)
    out = tmp_path / "ch07.toml"
    service = NotesImportService(sample_db)
    first = service.preview([notes], DECK, out)
    service.import_notes(first)
    saddle = next(c for c in first.cards if c.line == 12)
    flat = next(c for c in first.cards if c.line == 17)
    study = StudyService(sample_db)
    for card in (saddle, flat):
        study.answer(card.id, 4, NOW)
    saddle_state, flat_state = _state(sample_db, saddle.id), _state(sample_db, flat.id)
    assert saddle_state[3] is not None  # it has a due day now
    logs = _count(sample_db, ReviewLogRow)

    text = notes.read_text(encoding="utf-8")
    text = text.replace("通过在梯度方向上引入随机性,可以有效的逃离鞍点。",
                        "加入噪声（例如 SGD 的随机梯度）即可逃离鞍点。")
    text = text.replace("什么是平坦最小值和尖锐最小值?平坦最小值有什么好处?",
                        "什么是平坦最小值与尖锐最小值?平坦最小值好在哪里?")
    notes.write_text(text, encoding="utf-8")
    file_before = out.read_bytes()
    second = service.preview([notes], DECK, out)
    assert second.status[saddle.id] == "updated"
    assert [(r.old_id, r.new_question) for r in second.renames] == [
        (flat.id, "什么是平坦最小值与尖锐最小值?平坦最小值好在哪里?")]
    assert second.not_in_notes == []
    # the person has not said whether the reworded question is the old card: nothing happens
    with pytest.raises(RenamesUnconfirmed, match="earlier cards resemble 1 reworded question "):
        service.import_notes(second)
    assert out.read_bytes() == file_before and _card(sample_db, saddle.id).back_zh.endswith("有效的逃离鞍点。")

    result = service.import_notes(second, accept_renames=True)
    assert (result.added, result.updated, result.renamed) == (0, 2, 1)
    assert _card(sample_db, saddle.id).back_zh.endswith("加入噪声（例如 SGD 的随机梯度）即可逃离鞍点。")
    assert _card(sample_db, flat.id).front_zh == "什么是平坦最小值与尖锐最小值?平坦最小值好在哪里?"
    assert _state(sample_db, saddle.id) == saddle_state and _state(sample_db, flat.id) == flat_state
    assert _count(sample_db, ReviewLogRow) == logs
    # the card keeps the old id with the new wording: the next import finds it without asking
    assert tomllib.loads(out.read_text(encoding="utf-8"))["card"][2]["id"] == flat.id
    third = service.preview([notes], DECK, out)
    assert third.renames == [] and third.status[flat.id] == "unchanged"
    assert set(third.status.values()) == {"unchanged"} and len(third.cards) == 28


def test_rejected_renames_become_new_cards_and_the_old_card_stays(sample_db, tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_text("7.1 网络优化\n\n什么是鞍点?怎么逃离鞍点?\n\n梯度为 0。\n", encoding="utf-8")
    service = NotesImportService(sample_db)
    service.import_notes(service.preview([notes], DECK, tmp_path / "d.toml"))
    notes.write_text("7.1 网络优化\n\n什么是鞍点?如何逃离鞍点?\n\n梯度为 0。\n", encoding="utf-8")
    preview = service.preview([notes], DECK, tmp_path / "d.toml")
    assert len(preview.renames) == 1
    result = service.import_notes(preview, accept_renames=False)
    assert result.added == 1 and result.renamed == 0
    assert service.preview([notes], DECK, tmp_path / "d.toml").not_in_notes == [preview.renames[0].old_id]


def test_left_out_and_edited_cards(sample_db, tmp_path):
    service = NotesImportService(sample_db)
    preview = service.preview([CHAPTER_7], DECK, tmp_path / "d.toml")
    ema = preview.picture_only[1]
    dropped = preview.cards[0]
    result = service.import_notes(preview, skip={dropped.id},
                                  edits={ema.id: ("EMA 的公式是什么?", "$v_t = \\beta v_{t-1} + (1-\\beta)\\theta_t$")})
    assert result.added == 27 and result.skipped == 1
    with sample_db.read_session() as s:
        assert s.get(CardRow, dropped.id) is None
    row = _card(sample_db, ema.id)
    assert row.front_zh == "EMA 的公式是什么?" and row.back_zh == "$v_t = \\beta v_{t-1} + (1-\\beta)\\theta_t$"
    with pytest.raises(NotesInvalid, match="every card was left out"):
        service.import_notes(preview, skip={c.id for c in preview.cards})


def test_markdown_notes_become_a_deck_of_their_own_with_their_own_sections(sample_db, tmp_path):
    # Markdown headings without numbers become sections "1", "2"…, which only this deck has
    from quizapp.services.decks import DecksService

    service = NotesImportService(sample_db)
    preview = service.preview([FIXTURES / "optimizers.md"], "Mine::optim", tmp_path / "md.toml")
    assert [s.id for s in preview.sections] == ["7.2", "1"]
    bundled_before = _count(sample_db, CardRow)
    service.import_notes(preview)
    listing = DecksService(sample_db).list(NOW)
    mine = listing.find("Mine::optim")
    assert mine is not None and mine.total == len(preview.cards)
    assert DecksService(sample_db).get("Mine::optim").origin == "notes"
    assert _count(sample_db, CardRow) == bundled_before + len(preview.cards)
    assert {c.section for c in preview.cards} == {"7.2", "1"}


def test_a_refused_import_leaves_the_collection_and_the_deck_file_as_they_were(sample_db, tmp_path):
    # an edit with a control character is refused by the deck validator, naming the deck file
    out = tmp_path / "md.toml"
    out.write_text("# the previous deck file\n", encoding="utf-8")
    before = _count(sample_db, CardRow)
    service = NotesImportService(sample_db)
    preview = service.preview([FIXTURES / "optimizers.md"], "Mine::optim", out)
    card = preview.cards[0]
    with pytest.raises(DeckInvalid) as caught:
        service.import_notes(preview, edits={card.id: (card.question, "bell \x07 here")})
    assert any(issue.startswith(f"{out}:") and "control character" in issue for issue in caught.value.issues), \
        caught.value.issues
    assert _count(sample_db, CardRow) == before
    assert out.read_text(encoding="utf-8") == "# the previous deck file\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".toml" or p.suffix == ".tmp"] == ["md.toml"]


def test_a_deck_path_that_is_a_folder_is_refused_before_the_import(sample_db, tmp_path):
    service = NotesImportService(sample_db)
    before = _count(sample_db, CardRow)
    with pytest.raises(NotesInvalid, match="it is not a file"):
        service.import_notes(service.preview([CHAPTER_7], DECK, tmp_path))
    assert _count(sample_db, CardRow) == before


def test_the_same_question_in_two_files_is_one_card_and_a_listed_duplicate(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A\n\n7.1 网络优化\n\nWhat is a saddle point?\n\nA flat point.\n", encoding="utf-8")
    b.write_text("B\n\n7.2 优化算法\n\nwhat is a saddle point？\n\nAgain.\n\nWhat is Adam?\n\nMomentum+RMSprop\n",
                 encoding="utf-8")
    preview = NotesImportService(None).preview([a, b], "Mine", tmp_path / "d.toml")
    assert [c.question for c in preview.cards] == ["What is a saddle point?", "What is Adam?"]
    assert [(d.file, d.line, d.first) for d in preview.duplicates] == [(str(b), 5, f"{a}:5")]
    assert [s.id for s in preview.sections] == ["7.1", "7.2"]


def test_a_card_edited_in_the_app_is_not_overwritten_by_the_notes(sample_db, tmp_path):
    from quizapp.services.card_editing import CardEditingService

    notes = tmp_path / "n.txt"
    notes.write_text("7.1 网络优化\n\n什么是鞍点?\n\n梯度为 0 的点。\n", encoding="utf-8")
    service = NotesImportService(sample_db)
    preview = service.preview([notes], DECK, tmp_path / "d.toml")
    service.import_notes(preview)
    card_id = preview.cards[0].id
    editing = CardEditingService(sample_db)
    table = dict(editing.load_for_edit(card_id).table)
    table["back"] = {"zh": "我自己写的答案。", "en": "My own answer."}
    editing.edit_card(card_id, table, NOW)
    notes.write_text("7.1 网络优化\n\n什么是鞍点?\n\n梯度为 0、但不是极值的点。\n", encoding="utf-8")
    result = service.import_notes(service.preview([notes], DECK, tmp_path / "d.toml"))
    assert result.kept_user_edits == 1 and "kept 1 card you edited in the app" in result.summary()
    assert _card(sample_db, card_id).back_zh == "我自己写的答案。"
