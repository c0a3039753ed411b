"""Where the app's icons, translations and style live, in a checkout or an installed bundle."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_PACKAGE = Path(__file__).resolve().parents[1]


@cache
def resources_dir() -> Path:
    """``resources/``: ``$CLERK_RESOURCES``, the copy inside an installed package, or the
    checkout's folder."""
    override = os.environ.get("CLERK_RESOURCES")
    if override:
        return Path(override)
    installed = _PACKAGE / "_resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def icon_path(name: str) -> Path:
    """The SVG file of the icon ``name``."""
    return resources_dir() / "icons" / f"{name}.svg"


@cache
def _svg(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")


def icon_pixmap(name: str, color: QColor | str, size: int = 24, ratio: float = 2.0) -> QPixmap:
    """The line icon ``name`` drawn in ``color`` at ``size`` logical pixels (sharp at
    ``ratio``)."""
    return _drawn(name, QColor(color).name(QColor.NameFormat.HexArgb), size, ratio)


@cache
def _drawn(name: str, color: str, size: int, ratio: float) -> QPixmap:
    # Drawn once per icon, colour and size: a screen rebuilding its rows (the Counter's open
    # items and cart, on every scan) would otherwise render the SVG again each time.
    text = _svg(name).replace("#000000", QColor(color).name())
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    pixels = round(size * ratio)
    image = QImage(QSize(pixels, pixels), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, color: QColor | str, size: int = 24) -> QIcon:
    """A QIcon of the line icon ``name`` in ``color``; disabled state drawn greyed."""
    result = QIcon()
    result.addPixmap(icon_pixmap(name, color, size), QIcon.Mode.Normal)
    faded = QColor(color)
    faded.setAlphaF(0.4)
    result.addPixmap(icon_pixmap(name, faded, size), QIcon.Mode.Disabled)
    return result
