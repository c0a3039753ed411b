"""Typing a code by hand, or opening a picture of one (a QR code sent as a photo, testing).

:class:`ScanEntryDialog` emits ``submitted(text)`` with what was typed or read from the image;
the router then treats it exactly like a scan.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.ui.scanning.decoding import BackgroundDecoder, ImageUnreadable, decode_image_file
from clerk.ui.theme import TOUCH

__all__ = ["ImageUnreadable", "ScanEntryDialog", "decode_image_file"]


class ScanEntryDialog(QDialog):
    """Type a code, or open a picture of one; ``submitted(text)`` carries it to the router."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanEntryDialog")
        self.setWindowTitle(self.tr("Type or open a code"))
        self.setMinimumWidth(560)
        lead = QLabel(
            self.tr(
                "Type the number under the barcode or the code's text, or open a picture of "
                "the code."
            ),
            self,
        )
        lead.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("scanInput")
        self.field.setAccessibleName(self.tr("Code"))
        self.field.setPlaceholderText(self.tr("Code or number"))
        self.field.setMinimumHeight(TOUCH)
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.submit)
        self.field.textChanged.connect(self._typed)
        self.message = QLabel(self)
        self.message.setObjectName("scanEntryMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.open_button = self._button("scanOpenImage", self.tr("Open image…"))
        self.open_button.setAccessibleName(self.tr("Open a picture of a code"))
        self.open_button.clicked.connect(lambda: self.open_image())
        cancel = self._button("scanEntryCancel", self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.use_button = self._button("scanEntryUse", self.tr("Use code"))
        self.use_button.setAccessibleName(self.tr("Use the typed code"))
        self.use_button.setDefault(True)
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.submit)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._decoder = BackgroundDecoder(self)
        self._decoder.decoded.connect(self._image_read)
        self.finished.connect(lambda _result: self._decoder.close())

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setMinimumHeight(TOUCH)
        return button

    def _typed(self, text: str) -> None:
        self.use_button.setEnabled(bool(text.strip()))
        self.message.hide()

    def submit(self) -> None:
        """Hand the typed code on and close (an empty field does nothing)."""
        text = self.field.text().strip()
        if not text:
            return
        self.submitted.emit(text)
        self.accept()

    def open_image(self, path: str | None = None) -> None:
        """Read the codes in the picture at ``path`` (asked for when None), then submit."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                self.tr("Open a picture of a code"),
                "",
                self.tr("Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"),
            )
            if not path:
                return
        if self._decoder.decode_file(path):
            self.open_button.setEnabled(False)
            self._say(self.tr("Reading the picture…"))

    def _image_read(self, texts: list[str] | None) -> None:
        self.open_button.setEnabled(True)
        if texts is None:
            self._say(self.tr("This file is not a picture this app can open — choose another."))
            return
        if not texts:
            self._say(
                self.tr("No code was found in this picture — open a sharper one, or type the code.")
            )
            return
        self.field.setText(texts[0])
        if len(texts) == 1:
            self.submit()
            return
        self._say(
            self.tr(
                "This picture holds {count} codes; the first is in the field. Check it, then "
                "press Use code."
            ).replace("{count}", str(len(texts)))
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
