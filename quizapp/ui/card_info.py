"""Card info (I on the study screen, as Anki's): the card's schedule, marks and every answer."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from quizapp.domain.studyday import day_to_date
from quizapp.services.cards import CardDetail
from quizapp.ui.words import card_kind_words, flag_words, grade_name, review_kind_words, words



def card_info_html(detail: CardDetail, today: int | None = None) -> str:
    c, s = detail.card, detail.state
    translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls
    due = translate("CardInfo", "new") if s.due_day is None else day_to_date(s.due_day).isoformat()
    marks = [m for m in (translate("CardInfo", "suspended") if detail.suspended else "",
                         translate("CardInfo", "buried today")
                         if today is not None and detail.buried_day == today else "",
                         translate("CardInfo", "{flag} flag").format(flag=flag_words(detail.flag))
                         if detail.flag else "") if m]
    undone = translate("CardInfo", " (undone)")
    rows = "".join(
        f"<tr><td>{h.reviewed_at.astimezone():%Y-%m-%d %H:%M}</td><td>{h.grade} {grade_name(h.grade)}</td>"
        f"<td>{html.escape(review_kind_words(h.kind))}{undone if h.undone else ''}</td><td>{h.interval_after}d</td>"
        f"<td>{h.easiness_after / 100:.2f}</td><td>{h.duration_ms / 1000:.1f} s</td></tr>"
        for h in reversed(detail.history))  # newest first
    answered = [h for h in detail.history if not h.undone]
    head = translate("CardInfo", "Section {section} · {kind} · tags: {tags}").format(
        section=html.escape(c.section), kind=html.escape(card_kind_words(c.kind)),
        tags=html.escape(", ".join(c.tags) or "—"))
    state = translate("CardInfo", "Due: {due} · interval {interval}d · EF {ef} · {streak} in a row · "
                                  "{lapses} lapses · {answers}").format(
        due=f"<b>{due}</b>", interval=s.interval, ef=f"{s.easiness / 100:.2f}", streak=s.repetitions,
        lapses=s.lapses, answers=words().answers(len(answered)))
    columns = "".join(f"<th align='left'>{t}</th>" for t in (
        translate("CardInfo", "When"), translate("CardInfo", "Grade"), translate("CardInfo", "Kind"),
        translate("CardInfo", "Interval"), "EF", translate("CardInfo", "Time")))
    never = "<tr><td colspan=6>" + translate("CardInfo", "Never answered") + "</td></tr>"
    return (f"<h3>{html.escape(c.id)}</h3><p>{head}</p>"
            f"<p>{state}{' · ' + ', '.join(marks) if marks else ''}</p>"
            f"<table cellpadding='4'><tr>{columns}</tr>{rows or never}</table>")


class CardInfoDialog(QDialog):
    def __init__(self, detail: CardDetail, today: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Card info: {card}").format(card=detail.card.id))
        self.resize(620, 460)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setHtml(card_info_html(detail, today))
        layout.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
