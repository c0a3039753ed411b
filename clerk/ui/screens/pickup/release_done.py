"""After the release: what the customer took, what they refused and the refund, whether
central has the release yet (it follows the sync engine), the receipt (print or PDF, built by
:mod:`~clerk.ui.screens.pickup.release_receipt`), and handing the tablet to the customer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Order, Return
from clerk.printing.receipt import (
    ReceiptData,
    ReceiptLayout,
    print_receipt,
    render_receipt_pdf,
)
from clerk.services.pickup import RefusedItem
from clerk.services.pickup_queue import PickLine
from clerk.store.outbox import ATTENTION, DISCARDED, DONE
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.counter.basket_row import MessageBox
from clerk.ui.screens.pickup.release_lines import condition_name, reason_name
from clerk.ui.screens.pickup.release_receipt import (
    ReleaseStatus,
    pickup_receipt,
    refund_text,
    release_refunds,
    release_status,
)
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["ReleaseDoneView"]


class ReleaseDoneView(QWidget):
    """The release as recorded. ``handToCustomer()`` opens the effort score; ``finished()``
    goes back to the queue."""

    handToCustomer = Signal()
    finished = Signal()
    receiptSaved = Signal(object)  # the PDF's Path

    def __init__(self, services: AppServices, colors: Colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("releaseDoneView")
        self._services = services
        self._colors = colors
        self._order: Order | None = None
        self._command_id = ""
        self._staff_id = ""
        self._busy = False
        self._state = ""
        self._refused = False
        self._file_dialog: QFileDialog | None = None

        self.mark = mark = QLabel(self)
        mark.setPixmap(icon_pixmap("check", colors.ok, 48))
        self.title = QLabel(self.tr("Handed over"), self)
        self.title.setObjectName("releaseDoneTitle")
        self.title.setProperty("role", "title")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("releaseDoneSubtitle")
        self.subtitle.setProperty("role", "subtitle")
        self.subtitle.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.taken = self._card("releaseDoneTaken", self.tr("The customer took"))
        self.refused = self._card("releaseDoneRefused", self.tr("Refused — returned on the spot"))
        cards = QHBoxLayout()
        cards.setSpacing(20)
        cards.addWidget(self.taken, 1)
        cards.addWidget(self.refused, 1)

        self.status_icon = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("releaseDoneStatus")
        self.status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.setSpacing(12)
        status_row.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.status, 1)

        receipt = QFrame(self)
        receipt.setObjectName("releaseReceipt")
        receipt.setProperty("card", True)
        receipt_caption = QLabel(self.tr("Receipt"), receipt)
        receipt_caption.setProperty("cardTitle", True)
        self.paper_a4 = touch_button(receipt, "releasePaperA4", self.tr("A4"), self.tr("A4 paper"))
        self.paper_roll = touch_button(
            receipt, "releasePaperRoll", self.tr("80 mm roll"), self.tr("80 mm receipt roll")
        )
        self._paper = QButtonGroup(self)
        for button in (self.paper_a4, self.paper_roll):
            button.setCheckable(True)
            button.setProperty("segment", True)
            self._paper.addButton(button)
        self.paper_roll.setChecked(True)
        self.print_button = touch_button(
            receipt, "releasePrint", self.tr("Print receipt"), self.tr("Print the receipt")
        )
        self.save_button = touch_button(
            receipt,
            "releaseSavePdf",
            self.tr("Save receipt as PDF…"),
            self.tr("Save the receipt as a PDF file"),
        )
        self.message = MessageBox("releaseDoneMessage", receipt)
        receipt_row = QHBoxLayout()
        receipt_row.setSpacing(8)
        receipt_row.addWidget(receipt_caption)
        receipt_row.addSpacing(12)
        receipt_row.addWidget(self.paper_a4)
        receipt_row.addWidget(self.paper_roll)
        receipt_row.addStretch(1)
        receipt_row.addWidget(self.print_button)
        receipt_row.addWidget(self.save_button)
        receipt_layout = QVBoxLayout(receipt)
        receipt_layout.setContentsMargins(20, 12, 20, 12)
        receipt_layout.addLayout(receipt_row)
        receipt_layout.addWidget(self.message)

        self.done_button = touch_button(
            self, "releaseDone", self.tr("Next customer"), self.tr("Back to the pickup queue")
        )
        self.effort_button = touch_button(
            self,
            "releaseHandTablet",
            self.tr("Hand the tablet to the customer"),
            self.tr("Hand the tablet to the customer for their score"),
        )
        self.effort_button.setProperty("primary", True)
        self.effort_button.setToolTip(self.tr("Ctrl+Enter"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.effort_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addLayout(status_row)
        layout.addWidget(receipt)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.print_button.clicked.connect(lambda: self._receipt(self._print))
        self.save_button.clicked.connect(self.ask_pdf_path)
        self.done_button.clicked.connect(self.finished)
        self.effort_button.clicked.connect(self.handToCustomer)
        if services.sync is not None:
            services.sync.pendingChanged.connect(self._sync_event)
            services.sync.attentionAdded.connect(self._sync_event)
            services.sync.syncCompleted.connect(self._sync_event)

    def _card(self, name: str, caption: str) -> QFrame:
        card = QFrame(self)
        card.setObjectName(name)
        card.setProperty("card", True)
        title = QLabel(caption, card)
        title.setProperty("cardTitle", True)
        title.setWordWrap(True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addStretch(1)
        return card

    def _add_row(self, card: QFrame, name: str, left: str, right: str = "") -> None:
        row = QHBoxLayout()
        text = QLabel(left, card)
        text.setObjectName(name)
        text.setWordWrap(True)
        row.addWidget(text, 1)
        if right:
            value = QLabel(right, card)
            value.setObjectName(f"{name}Amount")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            row.addWidget(value)
        layout = card.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(layout.count() - 1, row)  # above the stretch

    # -- filling in -------------------------------------------------------------------------

    def show_release(
        self,
        order: Order,
        command_id: str,
        staff_id: str,
        handed: Sequence[tuple[PickLine, int]],
        refused: Sequence[tuple[PickLine, RefusedItem]],
    ) -> None:
        """The release just recorded: ``handed`` lines and units, ``refused`` items."""
        self._order = order
        self._command_id = command_id
        self._staff_id = staff_id
        collector = order.pickup.collected_by if order.pickup else ""
        self.subtitle.setText(
            self.tr("Order {number} · collected by {name}")
            .replace("{number}", order.number or order.id[:8])
            .replace("{name}", collector or "—")
        )
        for line, units in handed:
            self._add_row(
                self.taken,
                f"takenLine_{line.line_id}",
                self.tr("{n} × {name}").replace("{n}", str(units)).replace("{name}", line.name),
            )
        if not handed:
            self._add_row(self.taken, "takenNothing", self.tr("Nothing — every item was refused."))
        for line, item in refused:
            self._add_row(
                self.refused,
                f"refusedLine_{line.line_id}",
                self.tr("{n} × {name}: {reason}, {condition}")
                .replace("{n}", str(item.qty))
                .replace("{name}", line.name)
                .replace("{reason}", reason_name(item.reason))
                .replace("{condition}", condition_name(item.condition)),
            )
        self.refused.setVisible(bool(refused))
        self.set_status(ReleaseStatus("pending"))
        self._update_buttons()
        if not self._services.receipt_key:
            self._say(
                self.tr(
                    "This tablet holds no receipt key, so it cannot sign a receipt; enroll it "
                    "again to print receipts."
                ),
                error=True,
            )
        self._read(release_status, self.set_status)
        if refused:
            self._run(release_refunds, self._show_refunds, self._services.ctx, command_id)

    def _show_refunds(self, returns: list[Return]) -> None:
        for ret in returns:
            for refund in ret.refunds:
                caption, amount = refund_text(refund)
                self._add_row(self.refused, f"refund_{refund.tender}", caption, amount)
        if returns:
            self._add_row(
                self.refused,
                "refundNote",
                self.tr("Refunded under the return policy; central tells the customer."),
            )

    def set_status(self, status: ReleaseStatus) -> None:
        """The release command's state in words."""
        self._state = status.state
        if status.state == DONE:
            text, icon, colour = self.tr("Sent to central."), "online", self._colors.ok
        elif status.state == ATTENTION:
            self.title.setText(self.tr("Refused by central"))
            self.mark.setPixmap(icon_pixmap("attention", self._colors.error, 48))
            text = self.tr(
                "Central refused this release: “{reason}” The Attention screen has it; hand "
                "nothing more over for this order."
            ).replace("{reason}", status.refusal or "")
            icon, colour = "attention", self._colors.error
        elif status.state == DISCARDED:
            text = self.tr("This release was given up on the Attention screen.")
            icon, colour = "attention", self._colors.error
        else:
            text = self.tr(
                "Queued on this tablet — it will be sent to central when the tablet is online. "
                "The order cannot be released again meanwhile."
            )
            icon, colour = "sync", self._colors.muted
        # Nothing to print or score for a release central did not take.
        refused = status.state in (ATTENTION, DISCARDED)
        self.effort_button.setVisible(not refused)
        self._refused = refused
        self._update_buttons()
        self.status.setText(text)
        self.status.setProperty("level", "error" if refused else "")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status_icon.setPixmap(icon_pixmap(icon, colour, 24))

    @property
    def state(self) -> str:
        return self._state

    @property
    def status_text(self) -> str:
        return self.status.text()

    def _sync_event(self, *_args: object) -> None:
        if self._order is not None:
            self._read(release_status, self.set_status)

    def _read(self, fn: Callable[..., object], then: Callable[..., None]) -> None:
        assert self._order is not None
        self._run(fn, then, self._services.ctx, self._command_id, self._order.id)

    def _run(self, fn: Callable[..., object], then: Callable[..., None], *args: object) -> None:
        self._services.bridge.op(fn, *args).read_only().success(then).failure(
            lambda _e: None  # the page keeps what it shows; the bridge logged the error
        ).run()

    # -- the receipt ------------------------------------------------------------------------

    @property
    def layout_choice(self) -> ReceiptLayout:
        return "a4" if self.paper_a4.isChecked() else "roll80"

    def _print(self, data: ReceiptData) -> None:
        self._busy = False
        self._update_buttons()
        if print_receipt(data, self, self.layout_choice):
            self._say(self.tr("The receipt went to the printer."))

    def ask_pdf_path(self) -> None:
        """Ask where to save the receipt's PDF (the dialog does not block the app)."""
        if self._order is None:
            return
        name = self._order.number or self._order.id[:8]
        dialog = QFileDialog(self, self.tr("Save the receipt as PDF"))
        dialog.setObjectName("releaseFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self.tr("pickup-{number}.pdf").replace("{number}", name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        self._file_dialog = dialog
        dialog.open()

    def save_pdf(self, path: Path, layout: ReceiptLayout | None = None) -> None:
        """Write the receipt to ``path`` (in the background); ``receiptSaved(path)`` after."""
        chosen = layout or self.layout_choice

        def write(data: ReceiptData) -> None:
            self._services.bridge.op(render_receipt_pdf, data, path, chosen).read_only().success(
                self._saved
            ).failure(self._receipt_failed).run()

        self._receipt(write)

    def _saved(self, path: Path) -> None:
        self._busy = False
        self._update_buttons()
        self._say(self.tr("The receipt is saved as {path}.").replace("{path}", str(path)))
        self.receiptSaved.emit(path)

    def _receipt(self, then: Callable[[ReceiptData], None]) -> None:
        key = self._services.receipt_key
        if self._order is None or not key or self._busy:
            return
        self._busy = True
        self._update_buttons()
        self._services.bridge.op(
            pickup_receipt,
            self._services.ctx,
            self._order.id,
            self._command_id,
            self._staff_id,
            key,
        ).read_only().success(then).failure(self._receipt_failed).run()

    def _receipt_failed(self, error: BaseException) -> None:
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
            self._order is not None
            and bool(self._services.receipt_key)
            and not self._busy
            and not self._refused
        )
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.say(text, "error" if error else "info")

    @property
    def message_text(self) -> str:
        return self.message.text()
