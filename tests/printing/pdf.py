"""Reading a rendered receipt PDF back: its text (QtPdf) and its QR code (zxing-cpp)."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication


def flat(text: str) -> str:
    """``text`` with no-break spaces and all runs of whitespace as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def read_pdf(qapp: QApplication, path: Path) -> tuple[QPdfDocument, str]:
    """The loaded document (close it) and the text of all its pages, flattened."""
    doc = QPdfDocument(qapp)
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    text = "\n".join(doc.getAllText(page).text() for page in range(doc.pageCount()))
    return doc, flat(text)


def decode_qrs(doc: QPdfDocument) -> list[str]:
    """The texts of every QR code on page 1."""
    return [b.text for b in _qr_codes(doc)]


def _qr_codes(doc: QPdfDocument) -> list[zxingcpp.Barcode]:
    points = doc.pagePointSize(0)
    scale = 200 / 72  # 200 dpi
    size = QSize(round(points.width() * scale), round(points.height() * scale))
    image = doc.render(0, size).convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    raw = bytes(image.constBits())
    pixels = b"".join(raw[row * stride : row * stride + w] for row in range(h))
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", shape=[h, w]))
    return [b for b in found if b.format == zxingcpp.BarcodeFormat.QRCode]


def decode_qr(doc: QPdfDocument) -> tuple[str, float]:
    """The QR code's text on page 1 and its width in millimetres (the code, not its margin)."""
    codes = _qr_codes(doc)
    assert len(codes) == 1
    corners = codes[0].position
    width_px = corners.top_right.x - corners.top_left.x
    return codes[0].text, width_px / 200 * 25.4
