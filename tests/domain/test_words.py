"""Grades reported in the user's terms (issue 13, item 5) and plurals (item 8)."""
from __future__ import annotations

from quizapp.domain.words import grade_bars, grade_counts, grade_words, plural, recalled_words


def test_four_button_mode_names_the_buttons_pressed() -> None:
    assert [grade_words(g) for g in (1, 3, 4, 5)] == ["Again", "Hard", "Good", "Easy"]
    assert grade_words(0) == grade_words(2) == "Again"  # misses given in six-grade mode
    assert grade_counts([4] * 20 + [1]) == "20 Good · 1 Again"
    assert recalled_words("four") == "Hard or better"


def test_six_grade_mode_keeps_the_numbers() -> None:
    assert grade_words(4, "six") == "4/5 Good"
    assert grade_counts([4, 4, 0], "six") == "2 × 4 Good · 1 × 0 Blackout"
    assert recalled_words("six") == "grade ≥ 3"


def test_grade_bars_fold_the_misses_into_again_in_four_button_mode() -> None:
    counts = {0: 2, 1: 3, 2: 1, 3: 4, 4: 20, 5: 6}
    assert grade_bars(counts) == [("Again", 6, 1), ("Hard", 4, 3), ("Good", 20, 4), ("Easy", 6, 5)]
    six = grade_bars(counts, "six")
    assert [(label, n) for label, n, _ in six] == [("0 Blackout", 2), ("1 Wrong", 3), ("2 Almost", 1),
                                                  ("3 Hard", 4), ("4 Good", 20), ("5 Perfect", 6)]


def test_plurals() -> None:
    assert [plural(1, "re-drill"), plural(2, "re-drill"), plural(1, "day"), plural(0, "day")] == [
        "1 re-drill", "2 re-drills", "1 day", "0 days"]
