"""QR and EAN-13 images of codes the app shows or prints."""

from __future__ import annotations

import qrcode
import qrcode.constants
import zxingcpp
from PySide6.QtGui import QImage


def qr_image(text: str, *, box: int = 8, border: int = 4) -> QImage:
    """A QR code of ``text`` (error correction M: survives a scratched screen or print)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=border
    )
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # modules with the border, True = dark
    size = len(matrix) * box
    pixels = bytearray()
    for row in matrix:
        line = b"".join((b"\x00" if dark else b"\xff") * box for dark in row)
        pixels += line * box
    return QImage(bytes(pixels), size, size, size, QImage.Format.Format_Grayscale8).copy()


def ean13_image(digits: str, *, width: int = 380, height: int = 150) -> QImage:
    """An EAN-13 barcode of ``digits`` with its quiet zone."""
    barcode = zxingcpp.create_barcode(digits, zxingcpp.BarcodeFormat.EAN13)
    pixels = barcode.to_image(scale=3, add_quiet_zones=True)
    gray = bytes(memoryview(pixels))  # type: ignore[arg-type]  # zxingcpp.Image is a buffer
    rows, cols = pixels.shape[0], pixels.shape[1]
    image = QImage(gray, cols, rows, cols, QImage.Format.Format_Grayscale8).copy()
    return image.scaled(width, height)
