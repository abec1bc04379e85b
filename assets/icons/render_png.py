"""Render assets/icons/quizapp.svg to the PNG sizes the hicolor icon theme and the build use.

    QT_QPA_PLATFORM=offscreen python assets/icons/render_png.py

Rerun after editing the SVG; the PNGs are committed (a packaged app has no SVG renderer to spare).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - QPainter needs an application object
    renderer = QSvgRenderer(str(HERE / "quizapp.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(HERE / f"quizapp-{size}.png"))
    (HERE / "quizapp.png").write_bytes((HERE / "quizapp-256.png").read_bytes())


if __name__ == "__main__":
    main()
