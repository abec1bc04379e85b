"""Daily limits per deck and overall, as Anki's v3 scheduler has them (docs/architecture.md
§ Decks). Pure: deck names, their own limits and today's answers in, how many cards to gather
out.

The rule, for new cards and for due reviews alike:
- the collection's limit (Settings.new_per_day / reviews_per_day) caps everything studied today;
- a deck's own limit (its options `new_per_day` / `reviews_per_day`; none = no own limit) caps
  that deck together with its sub-decks ("a parent's limit caps its children");
- what was answered today counts against the limit of the card's deck, of every parent deck,
  and of the collection;
- studying deck X gathers at most min(collection left, X's left, each of X's parents' left),
  and within X every sub-deck with its own limit gives at most what is left of it (and of the
  decks between it and X). Cards come in the queue's order (new: deck order; reviews: most
  overdue first) across the decks, each taken while every limit over it has room.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from quizapp.domain.deck_header import within

LimitKind = Literal["new", "review"]
OPTION_OF: dict[LimitKind, str] = {"new": "new_per_day", "review": "reviews_per_day"}


@dataclass(frozen=True)
class DeckInfo:
    """A deck as the limits see it: its id, name and own daily limits (None = none of its own)."""

    id: int
    name: str
    new_per_day: int | None = None
    reviews_per_day: int | None = None

    def limit(self, kind: LimitKind) -> int | None:
        return self.new_per_day if kind == "new" else self.reviews_per_day

    @classmethod
    def from_options(cls, deck_id: int, name: str, options: Mapping[str, object] | None) -> DeckInfo:
        def read(key: str) -> int | None:
            value = (options or {}).get(key)
            return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None

        return cls(deck_id, name, read("new_per_day"), read("reviews_per_day"))


@dataclass(frozen=True)
class Gathering:
    """How to gather one kind of card for the selected decks today."""

    top: int  # at most this many in the queue
    deck_ids: tuple[int, ...]  # the selected decks
    # None: nothing inside the selection has its own limit, so one ordered read of `top` cards
    # over the selection is the answer. Else: each deck's own cap, and the merge's budgets.
    per_deck: dict[int, int] | None = None
    budgets: dict[str, int] | None = None  # limited deck name (inside the selection) -> room left

    def merge(self, candidates: Iterable[tuple[object, int, str]], names: Mapping[int, str]) -> list[str]:
        """(order key, deck id, card id) from every deck -> the card ids taken, in order: each
        while every limit over its deck has room, up to `top`."""
        budgets = dict(self.budgets or {})
        taken: list[str] = []
        for _key, deck_id, card_id in sorted(candidates, key=lambda c: c[0]):  # type: ignore[arg-type, return-value]
            if len(taken) >= self.top:
                break
            over = [name for name in budgets if within(names[deck_id], name)]
            if all(budgets[name] > 0 for name in over):
                for name in over:
                    budgets[name] -= 1
                taken.append(card_id)
        return taken


def selected_decks(decks: Sequence[DeckInfo], selected: str | None) -> tuple[int, ...]:
    """The ids of the decks a filter covers: `selected` and its sub-decks (all when None)."""
    return tuple(d.id for d in decks if selected is None or within(d.name, selected))


def gathering(decks: Sequence[DeckInfo], selected: str | None, kind: LimitKind, collection_left: int,
              done_by_deck: Mapping[int, int], extra: int = 0) -> Gathering:
    """The gathering of `kind` cards when studying `selected` (None: the whole collection).
    `collection_left`: what the collection's limit leaves today; `done_by_deck`: today's answers
    of this kind per deck id; `extra`: a custom study's additional room (it widens every limit)."""
    chosen = selected_decks(decks, selected)

    def left(deck: DeckInfo) -> int:
        limit = deck.limit(kind)
        assert limit is not None
        done = sum(n for d in decks if within(d.name, deck.name) for n in [done_by_deck.get(d.id, 0)])
        return max(0, limit + extra - done)

    limited = [d for d in decks if d.limit(kind) is not None]
    top = collection_left
    if selected is not None:  # the selection and its parents cap the whole gathering
        top = min([top] + [left(d) for d in limited if within(selected, d.name)])
    inner = {d.name: left(d) for d in limited if selected is None or (d.name != selected and within(d.name, selected))}
    if not inner or not chosen:
        return Gathering(top, chosen)
    by_id = {d.id: d for d in decks}
    per_deck = {deck_id: min([top] + [room for name, room in inner.items() if within(by_id[deck_id].name, name)])
                for deck_id in chosen}
    return Gathering(top, chosen, per_deck, inner)
