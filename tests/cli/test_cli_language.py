"""The command line in Chinese ($QUIZAPP_LANG=zh_CN): its own lines, table headers, report lines,
argparse's own words (usage, options, its errors), and what the services write (the `stats` and
`card` reports, import summaries, error messages) come from quizapp_zh_CN.qm, and no English word
is left besides names, ids, paths and formulas (tests/english_words.py: english_left); in English
the same commands print the English source text (the other CLI tests check those lines in full).
docs/architecture.md § Interface language."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.english_words import english_left

ROOT = Path(__file__).resolve().parents[2]
CHAPTER_7 = ROOT / "tests" / "fixtures" / "notes" / "nndl-ch07-notes.txt"
NOW = "2026-11-26T09:30+08:00"


def _quizapp(language: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZAPP_LANG": language}
    return subprocess.run([sys.executable, "-m", "quizapp", *argv], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli-language") / "c.db"
    done = _quizapp("en", "import", "--db", str(db), "--now", NOW)
    assert done.returncode == 0, done.stderr
    return db


def test_deck_list_has_chinese_headers_and_totals(collection: Path) -> None:
    zh, en = (_quizapp(lang, "deck", "list", "--db", str(collection), "--now", NOW) for lang in ("zh_CN", "en"))
    assert zh.returncode == en.returncode == 0, zh.stderr + en.stderr
    header, *rows, total = zh.stdout.splitlines()
    assert header.split() == ["卡组", "新卡", "学习中", "到期", "卡片"]
    assert total.split()[0] == "全部卡组"
    # the same numbers in both languages, columns where the English ones are (a CJK character is 2 wide)
    assert [line.split()[-4:] for line in zh.stdout.splitlines()[1:]] == \
        [line.split()[-4:] for line in en.stdout.splitlines()[1:]]
    assert en.stdout.splitlines()[0].split() == ["deck", "new", "learn", "due", "cards"]
    assert "all decks" not in zh.stdout and "all decks" in en.stdout


def test_the_notes_dry_run_reports_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "d.toml"
    done = _quizapp("zh_CN", "notes", "import", str(CHAPTER_7), "--deck", "NNDL::ch07-notes", "--dry-run",
                    "--db", str(tmp_path / "none.db"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"笔记：{CHAPTER_7}"
    assert lines[1] == f"卡组：NNDL::ch07-notes -> {out}（试运行：未写入任何内容）"
    assert lines[2] == "卡片：28 张（28 新卡），共 6 个小节"
    assert sum(line.startswith("    问：") for line in lines) == 28
    assert sum(line.startswith("    答：") for line in lines) == 28
    assert "没有答案的问题（未导入）：无" in lines
    assert "只有一张丢失图片的答案（已导入，标记为 picture-lost）（2）：" in lines
    for english in ("dry run", "nothing written", "section(s)", "Q: ", "A: ", "questions without an answer",
                    "lost picture", "duplicates", "text under no question", " line ", "chars]", "PICTURE ONLY"):
        assert english not in done.stdout, english
    assert not out.exists() and not (tmp_path / "none.db").exists()


def test_stats_and_search_lines_of_the_cli_itself(collection: Path) -> None:
    stats = _quizapp("zh_CN", "stats", "--deck", "NNDL", "--db", str(collection), "--now", NOW)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.splitlines()[0] == "卡组 NNDL"  # the CLI's line; the report below is the service's
    search = _quizapp("zh_CN", "search", "鞍点", "--deck", "NNDL", "--db", str(collection))
    assert search.returncode == 0, search.stderr
    first = search.stdout.splitlines()[0]
    assert first.startswith("卡组 NNDL 中有 ") and first.endswith(" 张卡片") and "card(s)" not in search.stdout


def test_help_texts_are_chinese() -> None:
    deck_help = _quizapp("zh_CN", "deck", "--help")
    assert deck_help.returncode == 0, deck_help.stderr
    assert "收藏中的卡组，以及卡组文件的工具。" in deck_help.stdout
    assert "以树形列出卡组及今天的新卡 / 学习中 / 到期数量" in deck_help.stdout
    assert "The decks of the collection" not in deck_help.stdout and "render the whole deck" not in deck_help.stdout
    quiz_help = _quizapp("zh_CN", "quiz", "--help")
    assert quiz_help.returncode == 0, quiz_help.stderr
    for chinese in ("在终端里做测验", "题目数量（默认：10）", "输出机器可读的 JSON", "按此 ISO 8601 日期时间执行"):
        assert chinese in quiz_help.stdout, chinese
    for english in ("number of questions", "machine-readable output", "draw the same quiz again", "Run a quiz"):
        assert english not in quiz_help.stdout, english
    english_help = _quizapp("en", "quiz", "--help")
    assert "number of questions (default: 10)" in english_help.stdout and "题目" not in english_help.stdout


def test_a_cli_error_line_is_chinese(collection: Path) -> None:
    bad_now = _quizapp("zh_CN", "due", "--db", str(collection), "--now", "yesterday")
    assert bad_now.returncode == 2
    assert bad_now.stderr.strip() == ("quizapp：错误：--now：“yesterday”不是 ISO 8601 日期时间"
                                      "（例如 2026-11-26T09:30:00+08:00）")
    no_limit = _quizapp("zh_CN", "deck", "set", "NNDL", "--db", str(collection))
    assert no_limit.returncode == 2 and "请至少给出 --new-per-day" in no_limit.stderr


def test_demo_list_shows_each_demos_title_in_the_cli_language() -> None:
    zh, en = _quizapp("zh_CN", "demo", "list"), _quizapp("en", "demo", "list")
    assert zh.returncode == en.returncode == 0, zh.stderr + en.stderr
    assert zh.stdout.splitlines()[0].split(None, 2) == ["saddle-escape", "7.1", "逃离鞍点"]
    assert en.stdout.splitlines()[0].split(None, 2) == ["saddle-escape", "7.1", "Escaping saddle points"]


def test_a_quiz_in_chinese(collection: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUIZAPP_LANG": "zh_CN"}
    argv = [sys.executable, "-m", "quizapp", "quiz", "--db", str(collection), "--now", NOW]
    none_yet = subprocess.run([*argv, "--history"], capture_output=True, text=True, env=env, timeout=300)
    assert none_yet.stdout.strip() == "还没有做过测验（运行 'quizapp quiz'）"
    played = subprocess.run([*argv, "--size", "1", "--kinds", "mcq", "--seed", "3", "--sections", "7.2"],
                            input="9\n1\n", capture_output=True, text=True, env=env, timeout=300)
    assert played.returncode == 0, played.stderr
    lines = played.stdout.splitlines()
    assert lines[0] == "测验：1 道题，来自 7.2（种子 3）。结束输入（Ctrl-D）可提前停止。"
    assert lines[2].startswith("[1/1] 7.2 优化算法 · mcq")
    assert "请输入 1 到 " in played.stdout and "答案（1-" in played.stdout
    assert any(line.startswith("✓ 正确") or line.startswith("✗ 答错") for line in lines)
    assert any(line.startswith("得分：") for line in lines)
    assert "  7.2 优化算法" in played.stdout
    for english in ("Quiz:", "question(s)", "answer (1-", "type a number", "Score:", "To review:"):
        assert english not in played.stdout, english


def test_a_service_error_is_chinese(collection: Path) -> None:
    missing = _quizapp("zh_CN", "card", "no-such-card", "--db", str(collection))
    assert missing.returncode == 2
    assert missing.stderr.strip() == ("quizapp：错误：没有 id 为“no-such-card”的卡片"
                                      "（可在“quizapp due”或浏览器中查看 id）")
    assert english_left(missing.stderr, allowed={"due", "id"}) == []
    no_deck = _quizapp("zh_CN", "stats", "--deck", "Nowhere", "--db", str(collection))
    assert no_deck.returncode != 0 and no_deck.stderr.startswith("quizapp：错误：没有名为“Nowhere”的卡组")
    assert english_left(no_deck.stderr, allowed={"Nowhere", "deck", "list"}) == []
    english = _quizapp("en", "card", "no-such-card", "--db", str(collection))
    assert english.stderr.strip() == ("quizapp: error: no card with id 'no-such-card' (see 'quizapp due' or the "
                                      "browser for ids)")


def test_the_stats_and_card_reports_are_chinese(collection: Path) -> None:
    stats = _quizapp("zh_CN", "stats", "--db", str(collection), "--now", NOW)
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    assert lines[0].startswith("卡片：") and "今天到期：" in lines[0]
    assert lines[1].startswith("最近 30 天：") and lines[2].startswith("保持率：")
    assert english_left(stats.stdout) == [], stats.stdout
    first = json.loads(_quizapp("en", "due", "--json", "--db", str(collection), "--now", NOW).stdout)
    card_id = first["cards"][0]["card_id"]
    answered = _quizapp("zh_CN", "answer", card_id, "good", "--db", str(collection), "--now", NOW)
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.startswith(f"{card_id}：评分 4（新卡）；") and english_left(answered.stdout) == []
    card = _quizapp("zh_CN", "card", card_id, "--lang", "zh", "--db", str(collection), "--now", NOW)
    assert card.returncode == 0, card.stderr
    report = [line for line in card.stdout.splitlines() if line.startswith(("状态：", "历史（", "  20"))]
    assert [line.split("：")[0] for line in report[:2]] == ["状态", "历史（1 次答题）"] and len(report) == 3
    assert english_left("\n".join(report)) == [], report
    assert "标签：" in card.stdout.splitlines()[0]


def test_import_summaries_are_chinese(tmp_path: Path) -> None:
    deck = _quizapp("zh_CN", "import", "--db", str(tmp_path / "c.db"), "--now", NOW)
    assert deck.returncode == 0, deck.stderr
    assert deck.stdout.startswith("已从 ") and "个文件到卡组" in deck.stdout and "张" in deck.stdout
    assert english_left(deck.stdout) == [], deck.stdout
    notes = _quizapp("zh_CN", "notes", "import", str(CHAPTER_7), "--deck", "NNDL::ch07-notes", "--db",
                     str(tmp_path / "c.db"), "--out", str(tmp_path / "notes.toml"))
    assert notes.returncode == 0, notes.stderr
    assert notes.stdout.startswith("已把笔记导入卡组 NNDL::ch07-notes：新卡片 28 张，更新 0 张，未变 0 张")
    assert english_left(notes.stdout) == [], notes.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[[card]]\nid = 'x'\n", encoding="utf-8")
    refused = _quizapp("zh_CN", "import", str(bad), "--db", str(tmp_path / "c.db"), "--now", NOW)
    assert refused.returncode == 4 and refused.stderr.startswith("quizapp：错误：卡组有 ")
    assert "处错误；没有导入任何内容" in refused.stderr and "缺少必填字段" in refused.stderr
    assert english_left(refused.stderr, allowed={"id", "section", "kind"}) == [], refused.stderr


def test_argparse_speaks_chinese() -> None:
    helped = _quizapp("zh_CN", "quiz", "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("用法：quizapp quiz ") and "\n选项:\n" in helped.stdout  # argparse adds the ":"
    assert "显示此帮助信息并退出" in helped.stdout
    for english in ("usage:", "options:", "show this help message and exit"):
        assert english not in helped.stdout, english
    top = _quizapp("zh_CN", "--help")
    assert top.returncode == 0 and "\n位置参数:\n" in top.stdout
    assert "positional arguments" not in top.stdout and "usage:" not in top.stdout
    errors = {("answer",): "quizapp answer：错误：缺少以下必需参数：card_id, grade",
              ("quiz", "--size"): "quizapp quiz：错误：参数 --size：需要一个参数值",
              ("quiz", "--size", "x"): "quizapp quiz：错误：参数 --size：无效的 int 值：'x'",
              ("bogus",): "quizapp：错误：参数 COMMAND：无效的选择：'bogus'（可选：'import', 'due'"}
    for argv, wanted in errors.items():
        done = _quizapp("zh_CN", *argv)
        usage, error = done.stderr.splitlines()[0], done.stderr.splitlines()[-1]
        assert done.returncode == 2 and usage.startswith("用法：quizapp") and error.startswith(wanted), done.stderr
        assert english_left(error, allowed={"grade", "int", "COMMAND", "bogus", "import", "due", "answer",
                                            "card", "stats", "search", "quiz", "deck", "demo", "notes",
                                            "export", "fsrs", "anki", "sweep", "backup", "gui"}) == [], error
    english = _quizapp("en", "answer")
    assert english.stderr.splitlines()[-1] == ("quizapp answer: error: the following arguments are required: "
                                               "card_id, grade")


def test_a_demo_parameter_and_a_missing_collection_are_refused_in_chinese(tmp_path: Path) -> None:
    """The engine's and the store's own sentences (docs/architecture.md § Interface language)."""
    bad = _quizapp("zh_CN", "demo", "run", "dropout", "--set", "p_drop=3")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip() == "quizapp：错误：参数“p_drop”必须是 [0, 0.9] 内的数，收到的是 '3'"
    missing = tmp_path / "none.db"
    gone = _quizapp("zh_CN", "due", "--db", str(missing))
    assert gone.returncode != 0 and not missing.exists()
    assert gone.stderr.strip() == (f"quizapp：错误：{missing} 处没有 quizapp 的收藏（文件不存在）：运行 quizapp import "
                                   "在那里创建一个，或检查 --db / QUIZAPP_DB")


def test_a_sweeps_progress_is_chinese(tmp_path: Path) -> None:
    storage = tmp_path / "s.journal"
    done = _quizapp("zh_CN", "sweep", "run", "grid-vs-random", "--trials", "2", "--storage", str(storage),
                    "--study", "s1")
    assert done.returncode == 0, done.stderr
    trials = [line for line in done.stdout.splitlines() if line.startswith("试验 ")]
    assert [line.split("；")[0].split("，")[0] for line in trials] == ["试验 0：完成", "试验 1：完成"]
    assert "s1：grid-vs-random，2 个试验中已完成 2 个；完成 2 个；见到 1 个 worker" in done.stdout
    # "study", "worker", the sampler and the storage are Optuna's words, kept as names; "sweep": the command
    assert english_left(done.stdout, allowed=["study", "worker", "journal", "random", "sweep"]) == [], done.stdout
    refused = _quizapp("zh_CN", "sweep", "run", "dropout", "--storage", str(storage), "--study", "s2")
    assert refused.returncode != 0
    assert refused.stderr.strip().startswith("quizapp：错误：演示“dropout”不能作为 study 运行；可以的有：")
