"""MainWindow.open_demo, the one way screens open a demo: from the study screen's D key, the
gallery and a quiz miss, each lands on the demo screen with its preset and source."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.ui.conftest import WAIT_MS


class FakeDemoScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[tuple[str, dict[str, Any] | None, str | None]] = []

    def open_demo(self, demo_id: str, preset: dict[str, Any] | None = None, source: str | None = None) -> bool:
        self.opened.append((demo_id, preset, source))
        return demo_id != "no-such-demo"


def test_study_gallery_and_quiz_open_demos_through_the_window(qtbot, sample_db, qsettings) -> None:
    from quizapp.ui.application import build_window
    from tests.support import NOW

    window = build_window(sample_db, qsettings=qsettings, clock=lambda: NOW, defer_screens=True)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_demo("saddle-escape") is False  # the demo screen is not installed yet
        fake = FakeDemoScreen()
        window.add_screen("demo", fake, "Demo", menu=None)
        # the study screen: D on a card with a demo opens its preset, naming the card
        study = window.screen_widget("study")
        with qtbot.waitSignal(study.card_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
            window.show_screen("study")
        card = study.step.card  # type: ignore[attr-defined]
        assert card.id == "sample-71-1" and card.demo is not None
        qtbot.keyClick(study, Qt.Key.Key_D)
        assert fake.opened[-1] == (card.demo.id, dict(card.demo.params), card.id)
        assert window.current_key == "demo"
        # the gallery and a quiz miss use the same door
        from quizapp.ui import gallery

        gallery.install(window)
        window.screen_widget("gallery").open("lr-schedules")  # type: ignore[attr-defined]
        assert fake.opened[-1] == ("lr-schedules", None, None)
        assert window.open_demo("bn-vs-ln", {"batch": 8}) is True
        assert fake.opened[-1] == ("bn-vs-ln", {"batch": 8}, None)
        assert window.open_demo("no-such-demo") is False and window.current_key == "demo"
    finally:
        window.close()
        window.ctx.ops.wait_idle(WAIT_MS)
