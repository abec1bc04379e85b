"""The words written outside the window and the CLI's own lines, in Chinese: the store's (a
collection that cannot be opened), the engine's (a demo parameter out of range, the warnings a run
adds to its messages), the sweep's progress lines and the mock interview's Markdown file. Each
comes from quizapp_zh_CN.qm through quizapp/i18n/text.py; a string left untranslated is English
and fails `english_left` (docs/architecture.md § Interface language)."""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quizapp.domain.content import Bilingual
from quizapp.domain.mock_report import MockAnswer, MockReport
from quizapp.engine.errors import DemoError, ParamError
from quizapp.i18n import text
from quizapp.services import demos, sweeps
from quizapp.services.mock_interview import save_markdown
from quizapp.store.database import StoreError
from quizapp.store.migrate import check_file
from tests.english_words import english_left


@pytest.fixture
def chinese() -> Iterator[None]:
    text.set_language("zh")
    yield
    text.set_language(None)


def _refusal(demo_id: str, **params: object) -> str:
    with pytest.raises(ParamError) as caught:
        demos.demo_spec(demo_id).resolve(params)
    return str(caught.value)


def test_a_demo_parameter_out_of_range_is_refused_in_chinese(chinese: None) -> None:
    # one sentence per kind of parameter: float on a log scale, int, choice, bool; and an unknown name
    assert _refusal("dropout", p_drop=3) == "参数“p_drop”必须是 [0, 0.9] 内的数，收到的是 3"
    assert _refusal("dropout", steps=1) == "参数“steps”必须是 [20, 5000] 内的整数，收到的是 1"
    assert _refusal("dropout", nosuch=1) == \
        "演示“dropout”没有参数“nosuch”；它接受的参数：p_drop, n_masks, mc_samples, steps, hidden, seed"
    # every parameter of every demo: its range and its refusal
    kinds = {p.kind for s in demos.list_demos() for p in s.params}
    assert {"float", "int", "choice", "bool"} <= kinds
    for s in demos.list_demos():
        for p in s.params:
            bad = {"float": 1e12, "int": 10**12, "choice": "no-such-choice", "bool": "maybe"}[p.kind]
            with pytest.raises(ParamError) as caught:
                s.resolve({p.name: bad})
            names = [*re.findall("[A-Za-z]+", p.name), *p.choices, "true", "false", "maybe"]  # names, values
            assert english_left(str(caught.value), allowed=names) == [], (s.id, str(caught.value))
            assert english_left(p.describe_range(), allowed=names) == [], (s.id, p.name)


def test_a_work_limit_and_a_demo_rule_are_refused_in_chinese(chinese: None) -> None:
    over = _refusal("dropout", steps=5000, hidden=512)
    assert over.startswith("演示“dropout”：steps × hidden² = ") and "超过了上限" in over
    assert over.endswith("请调低 steps 或 hidden")
    with pytest.raises(DemoError) as caught:
        demos.run("bn-vs-ln", {"min_batch": 8, "max_batch": 2})
    assert str(caught.value) == "min_batch（8）不能大于 max_batch（2）"
    with pytest.raises(DemoError) as unknown:
        demos.demo_spec("no-such-demo")
    assert english_left(str(unknown.value), allowed=["demo", "list", "id"]) == [], str(unknown.value)


def test_a_runs_warnings_are_in_chinese(chinese: None) -> None:
    """The messages a run adds (the demo panel's status line, `quizapp demo run`'s notes)."""
    dropout = demos.run("dropout", {"p_drop": 0.0, "steps": 20, "hidden": 8, "n_masks": 100, "mc_samples": 2})
    assert dropout.messages == ["PyTorch 的 p = 0 是丢弃概率；笔记中的保留概率是 1 − p = 1。",
                                "p = 0：dropout 是恒等映射，所以蒙特卡洛集成没有离散度。"]
    noise = demos.run("batch-gradient-noise", {"n_samples": 16, "batch": 64, "draws": 100})
    assert noise.messages == ["高亮的批大小 64 比数据集还大（N = 16）；改为显示 B = 16。"]
    lasso = demos.run("l1-vs-l2", {"n_features": 4, "n_nonzero": 9})
    assert lasso.messages[0] == "n_nonzero=9 大于 n_features=4；改用 4。"
    for result in (dropout, noise, lasso):
        for message in result.messages:
            assert english_left(message, allowed=["ISTA", "iterations"]) == [], message


def test_the_same_warnings_stay_english_in_english() -> None:
    text.set_language("en")
    try:
        noise = demos.run("batch-gradient-noise", {"n_samples": 16, "batch": 64, "draws": 100})
        assert noise.messages == ["The highlighted batch size 64 is larger than the dataset (N = 16); showing B = 16."]
        assert _refusal("dropout", p_drop=3) == "parameter 'p_drop' must be a number in [0, 0.9], got 3"
    finally:
        text.set_language(None)


def test_a_collection_that_cannot_be_opened_is_named_in_chinese(chinese: None, tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError) as caught:
        check_file(missing, create=False)
    assert str(caught.value) == (f"{missing} 处没有 quizapp 的收藏（文件不存在）：运行 quizapp import 在那里创建一个，"
                                 "或检查 --db / QUIZAPP_DB")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as foreign:
        check_file(other, create=False)
    assert str(foreign.value).startswith(f"{other} 不是 quizapp 的收藏（而是有自己数据表的 SQLite 数据库：photos）")
    assert english_left(str(foreign.value), allowed=["photos", "SQLite"]) == []


class _Trial:
    """What a progress line reads of Optuna's FrozenTrial."""

    def __init__(self, number: int, state: str, value: float | None, params: dict[str, object]) -> None:
        from optuna.trial import TrialState

        self.number, self.state, self.value, self.params = number, TrialState[state], value, params


def test_a_sweeps_progress_lines_are_in_chinese(chinese: None) -> None:
    trial = _Trial(3, "COMPLETE", 0.123456789, {"lr": 0.0123456, "momentum": 0.9})
    line = sweeps._trial_line(trial)  # type: ignore[arg-type]
    assert line == "试验 3：完成，目标值 0.123457；lr=0.01235, momentum=0.9"
    assert sweeps._trial_line(_Trial(4, "PRUNED", None, {})) == "试验 4：已剪枝"  # type: ignore[arg-type]
    assert [sweeps.state_word(s) for s in ("complete", "pruned", "fail", "running", "waiting")] == \
        ["完成", "已剪枝", "失败", "运行中", "等待中"]


def test_the_mock_interview_file_is_in_chinese(chinese: None, tmp_path: Path) -> None:
    answers = (MockAnswer(1, "c1", "7.2", Bilingual("什么是动量？", "What is momentum?"),
                          Bilingual("梯度的滑动平均。", "A moving average."), "平均梯度", 4, 75.0, False),
               MockAnswer(2, "c2", "7.3", Bilingual("问二", "Q two"), Bilingual("答二", "A two"), "", 1, 90.0, True),
               MockAnswer(3, "c3", "7.3", Bilingual("问三", "Q three"), Bilingual("答三", "A three"), "", None, 0.0,
                          False))
    report = MockReport(1, datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc), ("7.2",), 90, answers)
    written = save_markdown(report, tmp_path / "mock.md", "zh").read_text(encoding="utf-8")
    lines = written.splitlines()
    assert lines[0] == "# 模拟面试 — 2026-12-03 09:30"
    assert lines[2] == "章节：7.2 优化算法  "
    assert lines[5] == "| # | 章节 | 问题 | 用时 | 评分 |"
    assert "| 2 | 7.3 | 问二 | 1:30 / 1:30（超时） | 重来 |" in lines
    assert "*7.3 · 1:30 / 1:30 · 超时 · 自评 重来*" in lines
    assert "*7.2 · 1:15 / 1:30 · 自评 良好*" in lines and "**你的答案**" in lines and "**参考答案**" in lines
    assert "*7.3 · 0:00 / 1:30 · 未作答*" in lines and "*（口头作答）*" in lines
    assert lines[3] == "3 道题 · 每题 1:30 · 用时 2:45 · 1 良好 · 1 重来 · 3 道中记住 1 道"
    assert english_left(written) == []
    # the cards' text stays as it is: the English side of the card in a Chinese file
    english_side = report.to_markdown("en")
    assert "## 1. What is momentum?" in english_side and english_side.splitlines()[0] == lines[0]


class _Runner:
    def __init__(self, name: str, diverged: bool, steps: int) -> None:
        self.name, self.diverged, self.losses = name, diverged, [1.0] * steps


class _Race:
    def __init__(self, *runners: _Runner) -> None:
        self.runners = runners


def test_a_schedule_race_names_its_diverged_runs_as_the_legend_does(chinese: None) -> None:
    from quizapp.engine.schedule_race import race_messages

    race = _Race(_Runner("cosine", True, 11), _Runner("step", False, 30), _Runner("exponential", True, 4))
    labels = {"cosine": "余弦衰减", "step": "分段常数（StepLR）", "exponential": "指数衰减"}
    assert race_messages(race, labels) == [  # type: ignore[arg-type]
        "发散：余弦衰减（第 12 步）、指数衰减（第 5 步）；每条曲线都停在最后一个有限的损失值处。"
        "更小的学习率（或预热）能让它们保持稳定。"]
    text.set_language("en")
    assert race_messages(race, labels) == [  # type: ignore[arg-type]
        "Diverged: cosine (step 12), exponential (step 5); each curve stops at its last finite loss. A smaller "
        "learning rate (or warmup) keeps them stable."]
