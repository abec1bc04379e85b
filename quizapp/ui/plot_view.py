"""A widget that shows a figure rendered off the GUI thread (see figure_renderer.py).

Painting a finished image takes a millisecond or two, so the GUI thread never waits for
matplotlib; `resized` tells the owner (after a short pause in a drag) which size to render.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

RESIZE_SETTLE_MS = 120


class PlotView(QWidget):
    resized = Signal(int, int, float)  # logical width, height, device pixel ratio
    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plot-view")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.image: QImage | None = None
        self.placeholder = ""
        self._settle = QTimer(self, singleShot=True, interval=RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._emit_size)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(820, 560)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.update()

    def device_ratio(self) -> float:
        return self.devicePixelRatioF()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._settle.start()

    def _emit_size(self) -> None:
        self.resized.emit(self.width(), self.height(), self.device_ratio())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self.image is not None:
            size = self.image.deviceIndependentSize()
            # centred; an image of the previous size (mid-resize) is scaled until the new one comes
            scale = min(self.width() / size.width(), self.height() / size.height(), 1.0) \
                if size.width() > self.width() or size.height() > self.height() else 1.0
            w, h = size.width() * scale, size.height() * scale
            target = QRectF(QPointF((self.width() - w) / 2, (self.height() - h) / 2), QSize(int(w), int(h)).toSizeF())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, scale != 1.0)
            painter.drawImage(target, self.image)
        elif self.placeholder:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        painter.end()
        self.painted.emit()
