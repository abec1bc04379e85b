"""Card browser search benchmark on a synthetic 100k-card collection (a command, not a timed test).

    python -m quizapp.devtools.bench.browser [--cards 100000] [--repeat 30]

Each search is what the browser runs when a filter or the sort changes: count the matches up to
the browser's cap (COUNT_CAP; more show as "1000+") and load the first page of 100 rows
(BrowserService.search with count_cap). Prints the median and p99 per search
kind against the goal of issue 20 (5 ms at 100k cards; docs/architecture.md § Budgets allows 50),
then a deep page fetch (scrolling, not a search). Cards vary in section, kind, tags and topic, so
filters keep from one card to all.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from quizapp.devtools.bench.store import NOW, build_collection, percentile
from quizapp.domain.browse import SORT_KEYS, BrowseQuery
from quizapp.domain.content import Bilingual, Card, Choice
from quizapp.domain.studyday import study_day
from quizapp.services.browser import COUNT_CAP, BrowserService
from quizapp.services.database import open_database

BUDGET_MS = 5.0  # issue 20: 10x ahead of Anki's backend (DESIGN.md §6 allows 50 ms)
TOPICS_EN = ("momentum", "dropout", "batch norm", "layer norm", "warmup", "weight decay", "Adam", "RMSprop",
             "AdaGrad", "early stopping", "He init", "Xavier init", "saddle point", "sharp minimum", "grid search",
             "random search", "Hyperband", "cosine decay", "step decay", "label smoothing", "gradient clipping",
             "L1 penalty", "L2 penalty", "ensembling", "data augmentation")
TOPICS_ZH = ("动量", "丢弃法", "批归一化", "层归一化", "预热", "权重衰减", "自适应矩估计", "均方根传播", "自适应梯度",
             "提前停止", "何氏初始化", "泽维尔初始化", "鞍点", "尖锐极小值", "网格搜索", "随机搜索", "超带算法",
             "余弦衰减", "阶梯衰减", "标签平滑", "梯度截断", "一范数惩罚", "二范数惩罚", "集成学习", "数据增强")
TAGS = ("optimizer", "regularization", "normalization", "init", "search", "schedule", "theory", "pytorch",
        "interview", "pitfall")


def varied_card(i: int) -> Card:
    """The i-th synthetic card: a topic (1 in 25), a section (1 in 7), a kind, one or two tags."""
    topic_en, topic_zh = TOPICS_EN[i % len(TOPICS_EN)], TOPICS_ZH[i % len(TOPICS_ZH)]
    kind = ("qa", "cloze", "mcq")[i % 3]
    tags = (TAGS[i % len(TAGS)],) + ((TAGS[(i // 7) % len(TAGS)],) if i % 2 else ())
    front = Bilingual(f"问题 {i}：{topic_zh}为什么有用？", f"Question {i}: why does {topic_en} help?")
    back = Bilingual(f"答案 {i}：因为{topic_zh}改变了优化。", f"Answer {i}: {topic_en} changes the optimization.")
    common = dict(id=f"bench-{i:06d}", section=f"7.{i % 7 + 1}", back=back, tags=tuple(dict.fromkeys(tags)))
    if kind == "cloze":
        text = Bilingual(f"{{{{c1::{topic_zh}}}}} 与问题 {i} 有关。", f"{{{{c1::{topic_en}}}}} is about question {i}.")
        return Card(kind="cloze", front=Bilingual("", ""), cloze=text, **common)  # type: ignore[arg-type]
    if kind == "mcq":
        why = Bilingual("示例", "example")
        choices = (Choice(Bilingual("对", "right"), True, why), Choice(Bilingual("错", "wrong"), False, why))
        return Card(kind="mcq", front=front, choices=choices, **common)  # type: ignore[arg-type]
    return Card(kind="qa", front=front, **common)  # type: ignore[arg-type]


def search_kinds(today: int) -> dict[str, BrowseQuery]:
    kinds = {
        "all cards (by id)": BrowseQuery(),
        "text, 1 card ('054321')": BrowseQuery(text="054321"),
        "text, 1 in 25 ('dropout')": BrowseQuery(text="dropout"),
        "text zh, 1 in 25 ('批归一化')": BrowseQuery(text="批归一化"),
        "text, every card ('question')": BrowseQuery(text="question"),
        "text, two terms ('adam 1234')": BrowseQuery(text="adam 1234"),
        "section 7.3": BrowseQuery(sections=("7.3",)),
        "tag 'pitfall'": BrowseQuery(tags=("pitfall",)),
        "kind mcq": BrowseQuery(kinds=("mcq",)),
        "state new": BrowseQuery(states=("new",)),
        "state suspended": BrowseQuery(states=("suspended",)),
        "due in the next 7 days": BrowseQuery(due_from=today, due_to=today + 7),
        "EF 2.0-2.2": BrowseQuery(ef_min=200, ef_max=220),
        "combined (text+section+state+EF+due), by due desc": BrowseQuery(
            text="warmup", sections=("7.2", "7.5"), states=("review",), ef_min=150, ef_max=280,
            due_from=today - 30, due_to=today + 120, sort="due", descending=True),
        "combined sparse (text+kind+tag), by EF": BrowseQuery(
            text="12", kinds=("qa",), tags=("optimizer",), sort="easiness"),
    }
    for key in SORT_KEYS:
        kinds[f"all cards, sorted by {key} desc"] = BrowseQuery(sort=key, descending=True)
    kinds["text 1 in 25, sorted by due"] = BrowseQuery(text="dropout", sort="due")
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "browser.db"
        db = open_database(path)
        t0 = time.perf_counter()
        build_collection(db, args.cards, random.Random(0), make_card=varied_card)
        print(f"built {args.cards} cards in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        worst = 0.0
        for name, query in search_kinds(study_day(NOW)).items():
            # warm the page cache once, as a second search would find it
            BrowserService(db).search(query, count_cap=COUNT_CAP)
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                cursor = BrowserService(db).search(query, count_cap=COUNT_CAP)
                times.append((time.perf_counter() - t) * 1000)
            median, p99 = sorted(times)[len(times) // 2], percentile(times, 99)
            worst = max(worst, median)
            flag = "" if p99 <= BUDGET_MS else "  OVER BUDGET"
            total = f"{cursor.total}" + ("" if cursor.exact else "+")
            print(f"{name:52} {total:>7} matches   median {median:6.2f} ms   p99 {p99:6.2f} ms{flag}",
                  flush=True)
        cursor = BrowserService(db).search(BrowseQuery(text="question", sort="due"))
        t = time.perf_counter()
        cursor.rows(cursor.total // 2, 100)  # the first deep page reads every matching id once
        first_ms = (time.perf_counter() - t) * 1000
        times = []
        for i in range(args.repeat):
            offset = (i * 7919) % max(1, cursor.total - 100)  # pages all over the result
            t = time.perf_counter()
            cursor.rows(offset, 100)
            times.append((time.perf_counter() - t) * 1000)
        print(f"scrolling {cursor.total} matches: first deep page {first_ms:.0f} ms (reads the ordered ids), "
              f"then pages anywhere: median {sorted(times)[len(times) // 2]:.2f} ms, "
              f"p99 {percentile(times, 99):.2f} ms")
        print(f"slowest search median: {worst:.2f} ms (budget {BUDGET_MS:g} ms)")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
