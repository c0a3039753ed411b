"""Scanning with the tablet's camera: Qt Multimedia for the frames, zxing-cpp for the codes.

:class:`CameraScanner` watches a ``QVideoSink``: at most ~6 frames a second, and never while
the previous one is still being read, it copies the frame's grey (luma) pixels on the UI thread
and hands them to a :class:`~clerk.ui.scanning.decoding.BackgroundDecoder`.  A code held in
front of the camera is reported once, not once per frame.  :class:`CameraView` shows the
viewfinder and says in words when there is no camera; :class:`CameraDialog` puts the two
together for the top bar's Camera button.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import zxingcpp
from PySide6.QtCore import QLoggingCategory, QObject, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk.ui.scanning.decoding import BackgroundDecoder, Pixels, pixels_of_image
from clerk.ui.theme import TOUCH

# Qt Multimedia reports every optional library it probes for and does not find (PipeWire,
# VA-API) as a warning; on a tablet without them that is noise, not a problem to report.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")

try:
    from PySide6.QtMultimedia import (
        QCamera,
        QMediaCaptureSession,
        QMediaDevices,
        QVideoFrame,
        QVideoFrameFormat,
        QVideoSink,
    )
except ImportError as error:  # a system library Qt Multimedia needs is missing (libpulse)
    MULTIMEDIA_ERROR: str | None = str(error)
else:
    MULTIMEDIA_ERROR = None

log = logging.getLogger(__name__)

MAX_DECODES_PER_SECOND = 6.0
REPEAT_AFTER_S = 2.0


def _frame_layouts() -> dict[object, tuple[int, int, zxingcpp.ImageFormat]]:
    """Frame formats whose first plane zxing reads as is: (offset, pixel stride, layout)."""
    if MULTIMEDIA_ERROR is not None:
        return {}
    f = QVideoFrameFormat.PixelFormat
    lum = zxingcpp.ImageFormat.Lum
    layouts: dict[object, tuple[int, int, zxingcpp.ImageFormat]] = {
        fmt: (0, 1, lum)
        for fmt in (
            f.Format_Y8,
            f.Format_NV12,
            f.Format_NV21,
            f.Format_YUV420P,
            f.Format_YUV422P,
            f.Format_YV12,
            f.Format_IMC1,
            f.Format_IMC2,
            f.Format_IMC3,
            f.Format_IMC4,
        )
    }
    layouts[f.Format_YUYV] = (0, 2, lum)
    layouts[f.Format_UYVY] = (1, 2, lum)
    for fmt in (f.Format_BGRA8888, f.Format_BGRA8888_Premultiplied, f.Format_BGRX8888):
        layouts[fmt] = (0, 4, zxingcpp.ImageFormat.BGRA)
    for fmt in (f.Format_RGBA8888, f.Format_RGBX8888):
        layouts[fmt] = (0, 4, zxingcpp.ImageFormat.RGBA)
    for fmt in (f.Format_ARGB8888, f.Format_ARGB8888_Premultiplied, f.Format_XRGB8888):
        layouts[fmt] = (0, 4, zxingcpp.ImageFormat.ARGB)
    for fmt in (f.Format_ABGR8888, f.Format_XBGR8888):
        layouts[fmt] = (0, 4, zxingcpp.ImageFormat.ABGR)
    return layouts


_LAYOUTS = _frame_layouts()


def frame_pixels(frame: QVideoFrame) -> Pixels | None:
    """The pixels of ``frame`` to read codes from, copied (None for an unusable frame).

    Most camera formats carry luma in their first plane, which is already the grey picture
    zxing wants; anything else (MJPEG, 10-bit) goes through ``toImage``.
    """
    if not frame.isValid():
        return None
    layout = _LAYOUTS.get(frame.pixelFormat())
    if layout is None:
        return pixels_of_image(frame.toImage())
    offset, pixel_stride, image_format = layout
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        stride, height = frame.bytesPerLine(0), frame.height()
        data = bytes(frame.bits(0))[offset : stride * height]
    finally:
        frame.unmap()
    return Pixels(data, frame.width(), height, stride, pixel_stride, image_format)


class CameraScanner(QObject):
    """Reads codes from the frames of a video sink; ``decoded(text)`` for each new code.

    Pass the sink of a viewfinder (``CameraView.sink``) or let the scanner make its own.  The
    same text is reported again only after it was out of sight for ``repeat_after_s``.
    """

    decoded = Signal(str)

    def __init__(
        self,
        sink: QVideoSink | None = None,
        parent: QObject | None = None,
        *,
        max_rate: float = MAX_DECODES_PER_SECOND,
        repeat_after_s: float = REPEAT_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        if MULTIMEDIA_ERROR is not None:
            raise RuntimeError(f"Qt Multimedia is not available: {MULTIMEDIA_ERROR}")
        self._sink = sink if sink is not None else QVideoSink(self)
        self._min_gap = 1.0 / max_rate
        self._repeat_after = repeat_after_s
        self._clock = clock
        self._last_start = float("-inf")
        self._seen: dict[str, float] = {}
        self._closed = False
        self._decoder = BackgroundDecoder(self)
        self._decoder.decoded.connect(self._read)
        self._sink.videoFrameChanged.connect(self._frame)

    @property
    def sink(self) -> QVideoSink:
        """The sink whose frames are read."""
        return self._sink

    @property
    def busy(self) -> bool:
        """Whether a frame is being read."""
        return self._decoder.busy

    def _frame(self, frame: QVideoFrame) -> None:
        if self._closed or self._decoder.busy:
            return
        now = self._clock()
        if now - self._last_start < self._min_gap:
            return
        pixels = frame_pixels(frame)
        if pixels is not None and self._decoder.decode(pixels):
            self._last_start = now

    def _read(self, texts: list[str] | None) -> None:
        now = self._clock()
        for text in texts or ():
            last = self._seen.get(text)
            self._seen[text] = now  # still in sight: the quiet time starts again
            if last is None or now - last >= self._repeat_after:
                self.decoded.emit(text)
        self._seen = {t: seen for t, seen in self._seen.items() if now - seen < self._repeat_after}

    def close(self) -> None:
        """Stop reading frames (waits for the one in hand)."""
        self._closed = True
        self._decoder.close()


class _Viewfinder(QWidget):
    """Paints the latest frame of its sink, the picture kept in proportion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraViewfinder")
        self.setMinimumSize(320, 240)
        self.sink = QVideoSink(self)
        self._frame: QVideoFrame | None = None
        self.sink.videoFrameChanged.connect(self._show)

    def _show(self, frame: QVideoFrame) -> None:
        self._frame = frame
        if self.isVisible():
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self._frame is not None and self._frame.isValid():
            options = QVideoFrame.PaintOptions()
            options.aspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio
            self._frame.paint(painter, self.rect().toRectF(), options)
        painter.end()


class CameraView(QWidget):
    """The camera's viewfinder with Start/Stop, or words saying why there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraView")
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self.status = QLabel(self)
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Camera status"))
        self.toggle = QPushButton(self.tr("Start camera"), self)
        self.toggle.setObjectName("cameraToggle")
        self.toggle.setAccessibleName(self.tr("Start or stop the camera"))
        self.toggle.setMinimumHeight(TOUCH)
        self.toggle.clicked.connect(self._toggle)
        layout = QVBoxLayout(self)
        self.viewfinder: _Viewfinder | None = None
        if MULTIMEDIA_ERROR is None:
            self.viewfinder = _Viewfinder(self)
            self.viewfinder.setAccessibleName(self.tr("Camera picture"))
            layout.addWidget(self.viewfinder, 1)
            self._devices = QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self._inputs_changed)
        layout.addWidget(self.status)
        layout.addWidget(self.toggle)
        self._inputs_changed()

    @property
    def sink(self) -> QVideoSink | None:
        """The viewfinder's sink (None without Qt Multimedia): give it to a CameraScanner."""
        return self.viewfinder.sink if self.viewfinder is not None else None

    @property
    def available(self) -> bool:
        """Whether the tablet has a camera to start."""
        return MULTIMEDIA_ERROR is None and bool(QMediaDevices.videoInputs())

    @property
    def active(self) -> bool:
        """Whether the camera is running."""
        return self._camera is not None and self._camera.isActive()

    def start(self) -> None:
        """Start the default camera (does nothing without one)."""
        sink = self.sink
        if self._camera is not None or not self.available or sink is None:
            return
        self._camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self._camera.errorOccurred.connect(self._camera_failed)
        self._camera.activeChanged.connect(self._active_changed)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(sink)
        self._camera.start()

    def stop(self) -> None:
        """Stop the camera."""
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
            self._camera = None
        if self._session is not None:
            self._session.deleteLater()
            self._session = None
        self._active_changed(False)

    def _toggle(self) -> None:
        if self._camera is not None:  # running, or still starting
            self.stop()
        else:
            self.start()

    def _inputs_changed(self) -> None:
        if MULTIMEDIA_ERROR is not None:
            self._say(
                self.tr(
                    "The camera cannot be used on this tablet: its video support did not load. "
                    "Scan with the scanner, type the code, or open a picture of it."
                )
            )
        elif not QMediaDevices.videoInputs():
            self._say(
                self.tr(
                    "This tablet has no camera. Scan with the scanner, type the code, or open "
                    "a picture of it."
                )
            )
        else:
            self.status.setText(self.tr("Hold the code steady in front of the camera."))
            self.toggle.setEnabled(True)
            self.toggle.setText(self.tr("Stop camera") if self.active else self.tr("Start camera"))
            if self.viewfinder is not None:
                self.viewfinder.show()
            return
        self.stop()  # the camera in use went away

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.toggle.setEnabled(False)
        if self.viewfinder is not None:
            self.viewfinder.hide()

    def _active_changed(self, active: bool) -> None:
        self.toggle.setText(self.tr("Stop camera") if active else self.tr("Start camera"))

    def _camera_failed(self, _error: object, detail: str) -> None:
        log.warning("the camera failed: %s", detail)
        self.status.setText(
            self.tr("The camera stopped: {detail}. Try again, or scan another way.").replace(
                "{detail}", detail
            )
        )


class CameraDialog(QDialog):
    """The camera for one scan: ``decoded(text)`` with the first code read, then it closes."""

    decoded = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowTitle(self.tr("Scan with the camera"))
        self.setMinimumWidth(560)
        self.view = CameraView(self)
        self.scanner: CameraScanner | None = None
        if self.view.sink is not None:
            self.scanner = CameraScanner(self.view.sink, self)
            self.scanner.decoded.connect(self._decoded)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("cameraClose")
        close.setAccessibleName(self.tr("Close the camera"))
        close.setMinimumHeight(TOUCH)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._answered = False
        self.finished.connect(self._finished)
        self.view.start()

    def _decoded(self, text: str) -> None:
        if self._answered:
            return
        self._answered = True
        self.decoded.emit(text)
        self.accept()

    def _finished(self, _result: int) -> None:
        self.view.stop()
        if self.scanner is not None:
            self.scanner.close()
