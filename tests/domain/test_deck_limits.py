"""The daily-limit rule per deck and overall (domain/deck_limits.py), on plain values."""
from __future__ import annotations

from quizapp.domain.deck_limits import DeckInfo, gathering, selected_decks

DECKS = [DeckInfo(1, "A", new_per_day=6), DeckInfo(2, "A::x", new_per_day=2), DeckInfo(3, "A::y"),
         DeckInfo(4, "B", new_per_day=None, reviews_per_day=1)]
NAMES = {d.id: d.name for d in DECKS}


def test_selection_covers_sub_decks_only() -> None:
    assert selected_decks(DECKS, "A") == (1, 2, 3)
    assert selected_decks(DECKS, "A::x") == (2,)
    assert selected_decks(DECKS, "A:") == ()  # a name, not a prefix of letters
    assert selected_decks(DECKS, None) == (1, 2, 3, 4)


def test_the_collection_the_deck_and_its_parents_cap_the_gathering() -> None:
    assert gathering(DECKS, "A::y", "new", 20, {}).top == 6  # the parent's 6 caps a deck without its own
    assert gathering(DECKS, "A::x", "new", 20, {}).top == 2  # its own
    assert gathering(DECKS, "A::x", "new", 1, {}).top == 1  # the collection's
    assert gathering(DECKS, "A::y", "new", 20, {2: 2, 3: 3}).top == 1  # A: 6 - (2 + 3) answered today
    assert gathering(DECKS, "B", "review", 200, {}).top == 1
    assert gathering(DECKS, "B", "new", 20, {}).per_deck is None  # nothing inside B has a limit: one read
    assert gathering(DECKS, "A::x", "new", 20, {2: 2}, extra=3).top == 3  # custom study widens every limit


def test_inside_the_selection_each_limited_deck_gives_at_most_its_room() -> None:
    plan = gathering(DECKS, "A", "new", 20, {})
    assert plan.top == 6 and plan.per_deck == {1: 6, 2: 2, 3: 6}  # A itself is not under A::x
    # deck order across the sub-decks; A::x stops at its 2
    candidates = [(0, 2, "x0"), (1, 2, "x1"), (2, 2, "x2"), (3, 3, "y0"), (4, 1, "a0"), (5, 3, "y1"),
                  (6, 3, "y2"), (7, 3, "y3"), (8, 3, "y4")]
    assert plan.merge(candidates, NAMES) == ["x0", "x1", "y0", "a0", "y1", "y2"]
    whole = gathering(DECKS, None, "new", 4, {})  # the collection: 4 left, A's and A::x's limits inside
    assert whole.top == 4 and whole.merge(candidates + [(-1, 4, "b0")], NAMES) == ["b0", "x0", "x1", "y0"]
