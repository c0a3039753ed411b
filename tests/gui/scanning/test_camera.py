"""The camera pipeline with real QVideoFrames: frames into a sink, codes out, throttled and
de-duplicated; the view and dialog on a tablet without a camera (this machine has none)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from clerk.ui.scanning import camera
from clerk.ui.scanning.camera import CameraDialog, CameraScanner, CameraView, frame_pixels
from clerk.ui.scanning.decoding import read_codes
from tests.gui.scanning.conftest import SHIRT_EAN, ean13_image, qr_image

if camera.MULTIMEDIA_ERROR is not None:
    pytest.skip(
        f"Qt Multimedia does not load here: {camera.MULTIMEDIA_ERROR}", allow_module_level=True
    )

from PySide6.QtMultimedia import QMediaDevices, QVideoFrame, QVideoFrameFormat

TOKEN = "CLK1.L.eyJjIjoiY3VzdC1nb2xkIn0.c2lnbmF0dXJlLW9mLWEtdG9rZW4"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scanner(qtbot: QtBot, clock: FakeClock) -> Iterator[CameraScanner]:
    scanner = CameraScanner(clock=clock)
    yield scanner
    scanner.close()


def frame_of(image: QImage) -> QVideoFrame:
    frame = QVideoFrame(image)
    assert frame.isValid()
    return frame


def show(scanner: CameraScanner, image: QImage) -> None:
    """A frame arrives from the camera."""
    scanner.sink.setVideoFrame(frame_of(image))


def test_a_qr_code_in_a_grey_frame_is_read(qtbot: QtBot, scanner: CameraScanner) -> None:
    frame = frame_of(qr_image(TOKEN))
    assert frame.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_Y8
    with qtbot.waitSignal(scanner.decoded, timeout=3000) as decoded:
        scanner.sink.setVideoFrame(frame)
    assert decoded.args == [TOKEN]


def test_a_qr_code_in_a_colour_frame_is_read(qtbot: QtBot, scanner: CameraScanner) -> None:
    image = qr_image(TOKEN).convertToFormat(QImage.Format.Format_RGB32)
    frame = frame_of(image)
    assert frame.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_BGRX8888
    with qtbot.waitSignal(scanner.decoded, timeout=3000) as decoded:
        scanner.sink.setVideoFrame(frame)
    assert decoded.args == [TOKEN]


def test_an_ean13_label_is_read(qtbot: QtBot, scanner: CameraScanner) -> None:
    with qtbot.waitSignal(scanner.decoded, timeout=3000) as decoded:
        show(scanner, ean13_image(SHIRT_EAN))
    assert decoded.args == [SHIRT_EAN]


def test_frame_pixels_copies_the_luma_plane() -> None:
    image = qr_image("hello")
    pixels = frame_pixels(frame_of(image))
    assert pixels is not None
    assert (pixels.width, pixels.height) == (image.width(), image.height())
    assert read_codes(pixels) == ["hello"]
    assert frame_pixels(QVideoFrame()) is None


def test_a_frame_without_a_code_says_nothing(qtbot: QtBot, scanner: CameraScanner) -> None:
    blank = QImage(320, 240, QImage.Format.Format_Grayscale8)
    blank.fill(200)
    with qtbot.assertNotEmitted(scanner.decoded, wait=300):
        show(scanner, blank)
    qtbot.waitUntil(lambda: not scanner.busy)


def test_one_decode_at_a_time_at_most_six_a_second(
    qtbot: QtBot, scanner: CameraScanner, clock: FakeClock
) -> None:
    first, second = qr_image("first"), qr_image("second")
    texts: list[str] = []
    scanner.decoded.connect(texts.append)
    show(scanner, first)
    assert scanner.busy
    show(scanner, second)  # while the first is read: dropped
    qtbot.waitUntil(lambda: not scanner.busy)
    clock.now += 0.1
    show(scanner, second)  # too soon after the last decode started: dropped
    assert not scanner.busy
    clock.now += 0.1
    show(scanner, second)
    assert scanner.busy
    qtbot.waitUntil(lambda: not scanner.busy)
    assert texts == ["first", "second"]


def test_a_code_held_in_view_is_reported_once(
    qtbot: QtBot, scanner: CameraScanner, clock: FakeClock
) -> None:
    texts: list[str] = []
    scanner.decoded.connect(texts.append)
    image = qr_image(TOKEN)
    for _ in range(5):  # the customer holds the phone up for a second
        clock.now += 0.2
        show(scanner, image)
        qtbot.waitUntil(lambda: not scanner.busy)
    assert texts == [TOKEN]
    clock.now += 2.5  # put away, shown again
    show(scanner, image)
    qtbot.waitUntil(lambda: len(texts) == 2)
    assert texts == [TOKEN, TOKEN]


def test_a_closed_scanner_reads_no_more_frames(qtbot: QtBot, clock: FakeClock) -> None:
    scanner = CameraScanner(clock=clock)
    scanner.close()
    with qtbot.assertNotEmitted(scanner.decoded, wait=200):
        show(scanner, qr_image(TOKEN))


def test_the_view_says_there_is_no_camera(qtbot: QtBot) -> None:
    if QMediaDevices.videoInputs():
        pytest.skip("this machine has a camera")
    view = CameraView()
    qtbot.addWidget(view)
    assert not view.available
    assert "no camera" in view.status.text()
    assert not view.toggle.isEnabled()
    view.start()  # nothing to start: no error, no warning
    assert not view.active
    assert view.toggle.objectName() == "cameraToggle"
    assert view.toggle.accessibleName()


def test_the_dialog_hands_on_the_first_code_and_closes(qtbot: QtBot) -> None:
    dialog = CameraDialog()
    qtbot.addWidget(dialog)
    assert dialog.scanner is not None
    texts: list[str] = []
    dialog.decoded.connect(texts.append)
    with qtbot.waitSignal(dialog.finished, timeout=3000):
        dialog.scanner.sink.setVideoFrame(frame_of(qr_image(TOKEN)))
    assert texts == [TOKEN]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_dialog_s_widgets_are_named_and_touch_sized(qtbot: QtBot) -> None:
    dialog = CameraDialog()
    qtbot.addWidget(dialog)
    for widget in dialog.findChildren(QPushButton) + dialog.findChildren(QLineEdit):
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
        assert widget.minimumHeight() >= 44, widget.objectName()
    dialog.reject()
