"""Reading QR and EAN-13 codes out of pixels with zxing-cpp, off the UI thread.

The UI thread only copies pixels (a camera frame's luma plane, or a picture turned grey) into a
:class:`Pixels`; :class:`BackgroundDecoder` reads them on its own worker thread and answers by
a queued signal.  Decoding has its own worker rather than the service bridge's reader pool: it
is CPU work on pixels, not a read of the local store, and a slow picture must not hold up a
scan's answer (nor a database read the camera).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import zxingcpp
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage, QImageReader
from shiboken6 import isValid

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# What the store's codes are: signed Clerk tokens in QR codes, product and card numbers in EAN-13.
FORMATS = (zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.EAN13)


@dataclass(frozen=True)
class Pixels:
    """An image's pixels as zxing-cpp reads them: ``data`` holds ``height`` rows of
    ``row_stride`` bytes; a pixel is ``pixel_stride`` bytes in ``layout``."""

    data: bytes
    width: int
    height: int
    row_stride: int
    pixel_stride: int = 1
    layout: zxingcpp.ImageFormat = zxingcpp.ImageFormat.Lum


def pixels_of_image(image: QImage) -> Pixels | None:
    """The grey pixels of ``image`` (None for a null image)."""
    if image.isNull():
        return None
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    stride = gray.bytesPerLine()
    data = bytes(gray.constBits())[: stride * gray.height()]
    return Pixels(data, gray.width(), gray.height(), stride)


def read_codes(pixels: Pixels) -> list[str]:
    """The texts of the QR and EAN-13 codes in ``pixels`` (none found: an empty list)."""
    view = zxingcpp.ImageView(
        pixels.data,
        pixels.width,
        pixels.height,
        pixels.layout,
        pixels.row_stride,
        pixels.pixel_stride,
    )
    # Built per call: a BarcodeFormats kept at module level outlives zxing-cpp at exit.
    found = zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormats(list(FORMATS)))
    texts: list[str] = []
    for barcode in found:
        if barcode.valid and barcode.text and barcode.text not in texts:
            texts.append(barcode.text)
    return texts


class ImageUnreadable(ValueError):
    """The file is not a picture this app can open."""


def decode_image_file(path: str | Path) -> list[str]:
    """The QR and EAN-13 codes in the picture at ``path`` (none: an empty list).

    Raises :class:`ImageUnreadable` when the file is not a picture.  Reads the disk: call it
    off the UI thread (:meth:`BackgroundDecoder.decode_file`).
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a phone photo's rotation
    pixels = pixels_of_image(reader.read())
    if pixels is None:
        raise ImageUnreadable(f"{path}: {reader.errorString()}")
    return read_codes(pixels)


def _codes_in_file(path: str) -> list[str] | None:
    try:
        return decode_image_file(path)
    except ImageUnreadable:
        return None


class BackgroundDecoder(QObject):
    """Reads one picture at a time on a worker thread; ``decoded(texts)`` answers with the
    list of codes found, or None for a file that is not a picture.

    ``decode`` refuses (returns False) while a picture is being read, so a fast camera never
    piles up work.  ``close`` waits for the picture in hand; call it before the owner goes.
    """

    decoded = Signal(object)  # list[str] (possibly empty), or None: not a picture
    _done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clerk-decoder")
        self._busy = False
        self._closed = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """Whether a picture is being read."""
        return self._busy

    def decode(self, pixels: Pixels) -> bool:
        """Start reading ``pixels``; False (and nothing starts) while busy or closed."""
        return self._start(read_codes, pixels)

    def decode_file(self, path: str | Path) -> bool:
        """Start reading the picture at ``path``; False while busy or closed."""
        return self._start(_codes_in_file, str(path))

    def _start(self, read: Callable[[_T], list[str] | None], source: _T) -> bool:
        if self._busy or self._closed:
            return False
        self._busy = True
        future = self._worker.submit(read, source)
        future.add_done_callback(self._finished)
        return True

    def _finished(self, future: Future[list[str] | None]) -> None:
        # On the worker thread: hand the plain result over, touch nothing else.
        error = future.exception()
        if error is not None:
            log.error(
                "reading a picture failed", exc_info=(type(error), error, error.__traceback__)
            )
        if isValid(self):
            self._done.emit([] if error is not None else future.result())

    @Slot(object)
    def _deliver(self, texts: list[str] | None) -> None:
        self._busy = False
        if not self._closed:
            self.decoded.emit(texts)

    def close(self) -> None:
        """Read no more pictures; waits for the one in hand."""
        self._closed = True
        self._worker.shutdown(wait=True)
