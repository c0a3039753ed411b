"""Typing a code by hand and opening a picture of one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from clerk.ui.scanning.manual import ImageUnreadable, ScanEntryDialog, decode_image_file
from tests.gui.scanning.conftest import SHIRT_EAN, ean13_image, qr_image, side_by_side

TOKEN = "CLK1.P.eyJvIjoib3JkLTEifQ.c2lnbmF0dXJl"


def save(image: QImage, path: Path) -> Path:
    assert image.save(str(path))
    return path


@pytest.fixture
def dialog(qtbot: QtBot) -> ScanEntryDialog:
    dialog = ScanEntryDialog()
    qtbot.addWidget(dialog)
    return dialog


def test_decode_image_file_reads_qr_and_ean13(tmp_path: Path) -> None:
    assert decode_image_file(save(qr_image(TOKEN), tmp_path / "qr.png")) == [TOKEN]
    assert decode_image_file(save(ean13_image(SHIRT_EAN), tmp_path / "ean.jpg")) == [SHIRT_EAN]


def test_decode_image_file_finds_nothing_in_a_blank_picture(tmp_path: Path) -> None:
    blank = QImage(200, 200, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFFFF)
    assert decode_image_file(save(blank, tmp_path / "blank.png")) == []


def test_decode_image_file_refuses_what_is_not_a_picture(tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    with pytest.raises(ImageUnreadable):
        decode_image_file(text)
    with pytest.raises(ImageUnreadable):
        decode_image_file(tmp_path / "missing.png")


def test_a_typed_code_is_submitted(qtbot: QtBot, dialog: ScanEntryDialog) -> None:
    field = dialog.findChild(QLineEdit, "scanInput")
    assert field is dialog.field
    assert not dialog.use_button.isEnabled()
    qtbot.keyClicks(field, "  2990000000170 ")
    assert dialog.use_button.isEnabled()
    with qtbot.waitSignal(dialog.submitted) as submitted:
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert submitted.args == ["2990000000170"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_submits_and_an_empty_field_does_nothing(
    qtbot: QtBot, dialog: ScanEntryDialog
) -> None:
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.field.returnPressed.emit()
        dialog.submit()
    dialog.field.setText("5901234123457")
    with qtbot.waitSignal(dialog.submitted) as submitted:
        dialog.field.returnPressed.emit()
    assert submitted.args == ["5901234123457"]


def test_an_opened_picture_is_submitted(
    qtbot: QtBot, dialog: ScanEntryDialog, tmp_path: Path
) -> None:
    path = save(qr_image(TOKEN), tmp_path / "pickup.png")
    with qtbot.waitSignal(dialog.submitted, timeout=3000) as submitted:
        dialog.open_image(str(path))
    assert submitted.args == [TOKEN]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_picture_without_a_code_says_so(
    qtbot: QtBot, dialog: ScanEntryDialog, tmp_path: Path
) -> None:
    blank = QImage(300, 300, QImage.Format.Format_Grayscale8)
    blank.fill(255)
    path = save(blank, tmp_path / "blank.png")
    with qtbot.assertNotEmitted(dialog.submitted, wait=200):
        dialog.open_image(str(path))
        qtbot.waitUntil(lambda: dialog.open_button.isEnabled())
    assert "No code was found" in dialog.message.text()
    assert not dialog.message.isHidden()


def test_a_file_that_is_not_a_picture_says_so(
    qtbot: QtBot, dialog: ScanEntryDialog, tmp_path: Path
) -> None:
    path = tmp_path / "codes.txt"
    path.write_text("CLK1")
    with qtbot.assertNotEmitted(dialog.submitted, wait=200):
        dialog.open_image(str(path))
        qtbot.waitUntil(lambda: dialog.open_button.isEnabled())
    assert "not a picture" in dialog.message.text()


def test_a_picture_of_two_codes_asks_which(
    qtbot: QtBot, dialog: ScanEntryDialog, tmp_path: Path
) -> None:
    path = save(side_by_side(qr_image(TOKEN), ean13_image(SHIRT_EAN)), tmp_path / "two.png")
    with qtbot.assertNotEmitted(dialog.submitted, wait=200):
        dialog.open_image(str(path))
        qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=3000)
    assert dialog.field.text() in (TOKEN, SHIRT_EAN)
    assert "2 codes" in dialog.message.text()


def test_every_control_is_named_and_touch_sized(dialog: ScanEntryDialog) -> None:
    for widget in dialog.findChildren(QPushButton) + dialog.findChildren(QLineEdit):
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
        assert widget.minimumHeight() >= 44, widget.objectName()
