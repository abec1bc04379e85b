"""What a listing of today's queue shows (`quizapp due`, the overview, the study step): the
queue's entries with each card's section, kind and a one-line preview, and the counts.

No SQLAlchemy here: `quizapp due`'s light read path (services/quick_read.py) builds the same
view on the stdlib `sqlite3` module through the same SQL (store/queue_sql.py) as
`StudyService.queue` does through its session.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quizapp.domain import cloze
from quizapp.domain.custom_study import TODAYS_QUEUE, StudyScope
from quizapp.domain.queue import QueueEntry
from quizapp.domain.review import ReviewKind
from quizapp.domain.settings import Settings
from quizapp.domain.studyday import day_to_date
from quizapp.store.queue_sql import Fetch, card_details, todays_queue
from quizapp.i18n.text import ReportText


@dataclass(frozen=True)
class QueueItem:
    card_id: str
    kind: ReviewKind  # how answering it counts: new | review | redrill
    section: str
    card_kind: str  # qa | cloze | mcq
    front_preview: str
    ready_at: datetime | None = None  # a re-drill waiting for its step (domain/redrill.py); None: ready

    def to_dict(self) -> dict[str, Any]:
        # JSON keys kept as before issue 12: "reason" is the review kind, "kind" the card kind
        out = {"card_id": self.card_id, "reason": self.kind, "section": self.section, "kind": self.card_kind,
               "front": self.front_preview}
        if self.ready_at is not None:
            out["ready_at"] = self.ready_at.isoformat()
        return out


@dataclass
class QueueView:
    today: int
    items: list[QueueItem]
    counts: dict[str, int] = field(default_factory=dict)  # review / redrill / new in the whole queue

    def to_dict(self) -> dict[str, Any]:
        return {"study_day": day_to_date(self.today).isoformat(), "counts": self.counts,
                "cards": [i.to_dict() for i in self.items]}

    def summary(self) -> str:
        c = self.counts
        return ReportText.tr("{day}: {due} due, {redrill} to re-drill, {new} new").format(
            day=day_to_date(self.today).isoformat(), due=c.get("review", 0), redrill=c.get("redrill", 0),
            new=c.get("new", 0))


def queue_view(fetch: Fetch, settings: Settings, today: int, limit: int | None, now: datetime | None = None,
               scope: StudyScope = TODAYS_QUEUE) -> QueueView:
    """Today's queue by the SQL rule (re-drills spaced at `now`, within `scope`), its first
    `limit` entries with their details."""
    queue = todays_queue(fetch, settings, today, now, scope)
    return listing(fetch, today, queue.entries, queue.counts, limit)


def listing(fetch: Fetch, today: int, entries: Sequence[QueueEntry], counts: dict[str, int],
            limit: int | None) -> QueueView:
    """The view of a queue (the SQL rule's or the queue cache's): its first `limit` entries with
    each card's details."""
    shown = entries if limit is None else entries[: max(0, limit)]
    details = card_details(fetch, [e.card_id for e in shown])
    items = [QueueItem(e.card_id, e.kind, details[e.card_id][0], details[e.card_id][1],
                       preview_line(details[e.card_id][2], details[e.card_id][1]), e.ready_at) for e in shown]
    return QueueView(today=today, items=items, counts=counts)


def preview_line(text: str, kind: str, width: int = 70) -> str:
    if kind == "cloze":
        text = cloze.render(text, hide=set(cloze.blank_numbers(text)))
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"
