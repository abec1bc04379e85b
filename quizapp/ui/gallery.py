"""The demo gallery: every registered demo, grouped by section; a click opens it with defaults.

Demos of the catalogue that this build does not have yet are listed greyed out, so the
gallery shows what is coming without offering a button that fails.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from quizapp.domain.catalogue import DEMO_SECTIONS, SECTIONS
from quizapp.ui.main_window import MainWindow

COLUMNS = 3


class DemoTile(QPushButton):
    """A button whose two-line title (zh, en) wraps instead of widening the grid."""

    def __init__(self, title_zh: str, title_en: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo-tile")
        self.label = QLabel(f"<b>{title_zh}</b><br>{title_en}")
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(64)

    def text(self) -> str:  # noqa: D102 - the title, for tests and accessibility
        return self.label.text()


class DemoGallery(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("gallery")
        self.window_ = window
        self.buttons: dict[str, DemoTile] = {}
        self._built = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        title = QLabel(self.tr("Demo gallery  ·  演示"))
        title.setObjectName("title")
        outer.addWidget(title)
        hint = QLabel(self.tr("Each demo runs a small PyTorch computation live. Click one to open it with its "
                              "defaults."))
        hint.setObjectName("subtitle")
        outer.addWidget(hint)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area, 1)

    def screen_shown(self) -> None:
        if not self._built:  # built on first show: the registry is read only when needed
            self._build()
        self.setFocus()

    def _build(self) -> None:
        from quizapp.services.demos import list_demos

        specs = {s.id: s for s in list_demos()}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(6)
        for section, (zh, en) in SECTIONS.items():
            ids = [d for d, s in DEMO_SECTIONS.items() if s == section]
            if not ids:
                continue
            header = QLabel(f"§{section}  {zh} · {en}")
            header.setObjectName("section-header")
            layout.addWidget(header)
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(10)
            for i, demo_id in enumerate(ids):
                spec = specs.get(demo_id)
                if spec is not None:
                    button = DemoTile(spec.title_zh, spec.title_en)
                    chinese = self.window_.ctx.interface_language == "zh"  # the summary in the window's language
                    button.setToolTip((spec.summary_zh if chinese and spec.summary_zh else spec.summary_en)
                                      or spec.title("zh" if chinese else "en"))
                else:
                    button = DemoTile(demo_id, self.tr("(coming soon)"))
                    button.setToolTip(self.tr("This demo is not in this build yet"))
                button.setEnabled(spec is not None)
                button.clicked.connect(lambda _checked=False, d=demo_id: self.open(d))
                grid.addWidget(button, i // COLUMNS, i % COLUMNS)
                self.buttons[demo_id] = button
            for col in range(COLUMNS):
                grid.setColumnStretch(col, 1)
            layout.addLayout(grid)
            layout.addSpacing(6)
        layout.addStretch(1)
        self.scroll_area.setWidget(body)
        self._built = True

    def open(self, demo_id: str) -> None:
        self.window_.open_demo(demo_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.window_.show_screen("overview")
        else:
            super().keyPressEvent(event)


def install(window: MainWindow) -> None:
    window.add_screen("gallery", DemoGallery(window), QCoreApplication.translate("Gallery", "Demo gallery"),
                      menu="View", shortcut="Ctrl+3")
