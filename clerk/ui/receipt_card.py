"""The receipt card of a done page (the Counter's sale, the Pickup desk's release): the paper
(A4 or an 80 mm roll), Print receipt, Save receipt as PDF…, and what became of it.

The page says how its receipt is built; the card builds it on a reader each time the clerk
asks, so it carries what the tablet holds by then (central's order number once the command
was sent), signed with the device's own key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk.printing.receipt import ReceiptData, ReceiptLayout, print_receipt, render_receipt_pdf
from clerk.ui.screens.counter.basket_row import MessageBox
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text
from clerk.ui.widgets import segment_group, touch_button

__all__ = ["ReceiptCard", "ReceiptSource"]

# The device's private key (text) -> the receipt; runs on a reader.
ReceiptSource = Callable[[str], ReceiptData]


class ReceiptCard(QFrame):
    """Print or save the receipt that :meth:`set_receipt` names; ``saved(path)`` after a PDF."""

    saved = Signal(object)  # the PDF's Path

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptCard")
        self.setProperty("card", True)
        self._services = services
        self._source: ReceiptSource | None = None
        self._file_name = ""
        self._allowed = True
        self._busy = False
        self._file_dialog: QFileDialog | None = None

        caption = QLabel(self.tr("Receipt"), self)
        caption.setProperty("cardTitle", True)
        paper_caption = QLabel(self.tr("Paper"), self)
        paper_caption.setProperty("role", "muted")
        self.paper_a4 = touch_button(self, "receiptPaperA4", self.tr("A4"), self.tr("A4 paper"))
        self.paper_roll = touch_button(
            self, "receiptPaperRoll", self.tr("80 mm roll"), self.tr("80 mm receipt roll")
        )
        self._paper = segment_group(self, self.paper_a4, self.paper_roll)
        self.paper_roll.setChecked(True)
        self.print_button = touch_button(
            self, "receiptPrint", self.tr("Print receipt"), self.tr("Print the receipt")
        )
        self.save_button = touch_button(
            self,
            "receiptSavePdf",
            self.tr("Save receipt as PDF…"),
            self.tr("Save the receipt as a PDF file"),
        )
        self.message = MessageBox("receiptMessage", self)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(caption)
        row.addSpacing(16)
        row.addWidget(paper_caption)
        row.addWidget(self.paper_a4)
        row.addWidget(self.paper_roll)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        layout.addLayout(row)
        layout.addWidget(self.message)

        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.ask_pdf_path)
        self._update_buttons()

    def set_receipt(self, source: ReceiptSource, file_name: str) -> None:
        """The receipt to offer: ``source(device_key)`` builds it (on a reader), ``file_name``
        is the PDF's suggested name. Says why not when the tablet cannot sign a receipt."""
        self._source = source
        self._file_name = file_name
        self._update_buttons()
        if not self._services.receipt_key:
            self._say(
                self.tr(
                    "This tablet holds no receipt key, so it cannot sign a receipt; enroll it "
                    "again to print receipts."
                ),
                error=True,
            )

    def set_allowed(self, allowed: bool) -> None:
        """False: nothing to print or save (central refused what the receipt would show)."""
        self._allowed = allowed
        self._update_buttons()

    @property
    def layout_choice(self) -> ReceiptLayout:
        return "a4" if self.paper_a4.isChecked() else "roll80"

    def print_receipt(self) -> None:
        """Build the receipt, then the system print dialog."""
        self._build(self._print)

    def _print(self, data: ReceiptData) -> None:
        self._busy = False
        self._update_buttons()
        if print_receipt(data, self, self.layout_choice):
            self._say(self.tr("The receipt went to the printer."))

    def ask_pdf_path(self) -> None:
        """Ask where to save the receipt's PDF (the dialog does not block the app)."""
        if self._source is None:
            return
        dialog = QFileDialog(self, self.tr("Save the receipt as PDF"))
        dialog.setObjectName("receiptFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self._file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        self._file_dialog = dialog
        dialog.open()

    @property
    def file_dialog(self) -> QFileDialog | None:
        """The open "save as" dialog, if any (tests fill it in)."""
        return self._file_dialog

    def save_pdf(self, path: Path, layout: ReceiptLayout | None = None) -> None:
        """Write the receipt to ``path`` (in the background); ``saved(path)`` after."""
        chosen = layout or self.layout_choice

        def write(data: ReceiptData) -> None:
            self._services.bridge.op(render_receipt_pdf, data, path, chosen).read_only().success(
                self._saved
            ).failure(self._failed).run()

        self._build(write)

    def _saved(self, path: Path) -> None:
        self._busy = False
        self._update_buttons()
        self._say(self.tr("The receipt is saved as {path}.").replace("{path}", str(path)))
        self.saved.emit(path)

    def _build(self, then: Callable[[ReceiptData], None]) -> None:
        key = self._services.receipt_key
        if self._source is None or not key or self._busy:
            return
        self._busy = True
        self._update_buttons()
        self._services.bridge.op(self._source, key).read_only().success(then).failure(
            self._failed
        ).run()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self._say(
            self.tr("The receipt could not be made: {reason}").replace(
                "{reason}", error_text(error)
            ),
            error=True,
        )

    def _update_buttons(self) -> None:
        ready = (
            self._source is not None
            and bool(self._services.receipt_key)
            and self._allowed
            and not self._busy
        )
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.say(text, "error" if error else "info")

    @property
    def message_text(self) -> str:
        return self.message.text()
