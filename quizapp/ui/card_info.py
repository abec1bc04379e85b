"""Card info (I on the study screen, as Anki's): the card's schedule, marks and every answer."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from quizapp.domain.card_marks import flag_name
from quizapp.domain.studyday import day_to_date
from quizapp.services.cards import CardDetail

GRADE_WORDS = {1: "Again", 3: "Hard", 4: "Good", 5: "Easy"}


def card_info_html(detail: CardDetail, today: int | None = None) -> str:
    c, s = detail.card, detail.state
    due = "new" if s.due_day is None else day_to_date(s.due_day).isoformat()
    marks = [m for m in ("suspended" if detail.suspended else "",
                         "buried today" if today is not None and detail.buried_day == today else "",
                         f"flag {flag_name(detail.flag).lower()}" if detail.flag else "") if m]
    rows = "".join(
        f"<tr><td>{h.reviewed_at.astimezone():%Y-%m-%d %H:%M}</td><td>{h.grade} {GRADE_WORDS.get(h.grade, '')}</td>"
        f"<td>{html.escape(h.kind)}{' (undone)' if h.undone else ''}</td><td>{h.interval_after}d</td>"
        f"<td>{h.easiness_after / 100:.2f}</td><td>{h.duration_ms / 1000:.1f} s</td></tr>"
        for h in reversed(detail.history))  # newest first
    answered = [h for h in detail.history if not h.undone]
    return (f"<h3>{html.escape(c.id)}</h3>"
            f"<p>Section {html.escape(c.section)} · {html.escape(c.kind)} · tags: "
            f"{html.escape(', '.join(c.tags) or '—')}</p>"
            f"<p>Due: <b>{due}</b> · interval {s.interval}d · EF {s.easiness / 100:.2f} · "
            f"{s.repetitions} in a row · {s.lapses} lapses · {len(answered)} answers"
            f"{' · ' + ', '.join(marks) if marks else ''}</p>"
            "<table cellpadding='4'><tr><th align='left'>When</th><th align='left'>Grade</th>"
            "<th align='left'>Kind</th><th align='left'>Interval</th><th align='left'>EF</th>"
            f"<th align='left'>Time</th></tr>{rows or '<tr><td colspan=6>Never answered</td></tr>'}</table>")


class CardInfoDialog(QDialog):
    def __init__(self, detail: CardDetail, today: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Card info: {detail.card.id}")
        self.resize(620, 460)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setHtml(card_info_html(detail, today))
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
