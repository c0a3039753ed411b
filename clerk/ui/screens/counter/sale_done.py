"""The checkout's last page: the sale is on the tablet — what was paid, the change in large type,
whether central has it yet, and the receipt (system printer or a PDF, A4 or an 80 mm roll).

The receipt (:class:`~clerk.ui.receipt_card.ReceiptCard`) is built from the order as the tablet
holds it when the clerk asks (so it carries central's order number once the sale was sent).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Order, Store, Tender
from clerk.domain.loyalty import points_for_value
from clerk.domain.money import Money, format_money
from clerk.printing.receipt import ReceiptData
from clerk.printing.sale_receipt import receipt_for_order
from clerk.services.context import ServiceContext
from clerk.store.outbox import ATTENTION, DISCARDED, DONE
from clerk.ui.receipt_card import ReceiptCard
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.counter.tenders import points
from clerk.ui.session import AppServices
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["SaleDonePage", "SaleStatus", "sale_receipt", "sale_status"]


@dataclass(frozen=True)
class SaleStatus:
    """Where the sale's command is (an outbox state) and central's order number, once given."""

    state: str
    number: str


def sale_status(ctx: ServiceContext, command_id: str, order_id: str) -> SaleStatus:
    """The sale's command state and order number (runs on a reader)."""
    with ctx.store.unit(read_only=True) as unit:
        command = unit.outbox.get(command_id)
        order = unit.orders.get(order_id)
    # A finished command may have been pruned already: central has it.
    return SaleStatus(command.state if command else DONE, order.number if order else "")


def sale_receipt(
    ctx: ServiceContext,
    order_id: str,
    command_id: str,
    staff_id: str,
    device_key: str,
    cash_given: Money | None,
) -> ReceiptData:
    """The receipt of the sale as the tablet holds it now (runs on a reader)."""
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(order_id)
        if order is None:
            raise LookupError(f"order {order_id} is not on the tablet")
        store = unit.stores.store(ctx.store_id) or Store(ctx.store_id, ctx.store_id, "")
        member = unit.staff.get(staff_id)
        customer = unit.customers.get(order.customer_id) if order.customer_id else None
        products = {
            sku: p for sku in {x.sku for x in order.lines} if (p := unit.catalog.product(sku))
        }
        command = unit.outbox.get(command_id)
    return receipt_for_order(
        order,
        store=store,
        staff_name=member.name if member is not None else staff_id,
        device_id=ctx.device_id,
        device_private_key=device_key,
        products=products,
        customer=customer,
        # The local effect already counted the sale's points in the balance.
        points_balance_after=customer.points_balance if customer is not None else None,
        pending=command is not None and command.state != DONE,
        cash_given=cash_given,
    )


class SaleDonePage(QWidget):
    """What the clerk tells the customer after the sale; ``finished()`` is Done."""

    finished = Signal()

    def __init__(
        self, services: AppServices, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutDonePage")
        self._services = services
        self._state = ""

        mark = QLabel(self)
        mark.setPixmap(icon_pixmap("check", colors.ok, 48))
        self.title = QLabel(self.tr("Sale complete"), self)
        self.title.setObjectName("doneTitle")
        self.title.setProperty("role", "title")
        self.number = QLabel(self)
        self.number.setObjectName("doneNumber")
        self.number.setProperty("role", "subtitle")
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.title)
        heading.addWidget(self.number)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        # What was paid, and beside it the change, in the largest type on the page.
        summary = QFrame(self)
        summary.setObjectName("doneSummary")
        summary.setProperty("card", True)
        self._facts = QGridLayout(summary)
        self._facts.setContentsMargins(24, 20, 24, 20)
        self._facts.setHorizontalSpacing(24)
        self._facts.setVerticalSpacing(8)
        self._facts.setColumnStretch(0, 1)
        change_card = QFrame(self)
        change_card.setObjectName("doneChangeCard")
        change_caption = QLabel(self.tr("Change due"), change_card)
        change_caption.setProperty("cardTitle", True)
        self.change = QLabel(change_card)
        self.change.setObjectName("doneChange")
        self.change.setAccessibleName(self.tr("Change due"))
        self.change_note = QLabel(change_card)
        self.change_note.setObjectName("doneChangeNote")
        self.change_note.setProperty("role", "muted")
        self.change_note.setWordWrap(True)
        change_box = QVBoxLayout(change_card)
        change_box.setContentsMargins(24, 20, 24, 20)
        change_box.setSpacing(2)
        change_box.addWidget(change_caption)
        change_box.addWidget(self.change)
        change_box.addWidget(self.change_note)
        change_box.addStretch(1)
        money_row = QHBoxLayout()
        money_row.setSpacing(20)
        money_row.addWidget(summary, 3)
        money_row.addWidget(change_card, 2)

        self.status_icon = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("doneStatus")
        self.status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.setSpacing(12)
        status_row.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.status, 1)
        self._colors = colors

        # The receipt: paper, then print or save.
        self.receipt = ReceiptCard(services, self)
        self.receipt.setObjectName("doneReceipt")

        self.done_button = touch_button(self, "checkoutDone", self.tr("Done"), self.tr("Done"))
        self.done_button.setProperty("primary", True)
        self.done_button.setMinimumWidth(160)
        done_row = QHBoxLayout()
        done_row.addStretch(1)
        done_row.addWidget(self.done_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addLayout(top)
        layout.addLayout(money_row)
        layout.addLayout(status_row)
        layout.addWidget(self.receipt)
        layout.addStretch(1)
        layout.addLayout(done_row)

        self.done_button.clicked.connect(self.finished)

    # -- filling in -------------------------------------------------------------------------

    def show_sale(
        self,
        order: Order,
        command_id: str,
        staff_id: str,
        change: Money,
        given: Money | None,
        *,
        points_counted_here: bool = True,
    ) -> None:
        """The sale as stored: its money, points and change; its command's state follows.

        ``points_counted_here`` False: the customer is not on the tablet, so central counts
        the points they earn."""
        self.change.setText(format_money(change))
        rows: list[tuple[str, str, str]] = [
            ("doneTotal", self.tr("Total"), format_money(order.total))
        ]
        for payment in order.payments:
            tender = Tender(payment.tender)
            if tender == Tender.CARD:
                label = self.tr("Paid by card")
                if payment.reference:
                    label = self.tr("Paid by card (ref. {reference})").replace(
                        "{reference}", payment.reference
                    )
                rows.append(("donePaidCard", label, format_money(payment.amount)))
            elif tender == Tender.CASH:
                rows.append(("donePaidCash", self.tr("Paid in cash"), format_money(payment.amount)))
            elif tender == Tender.POINTS:
                rows.append(
                    (
                        "donePointsRedeemed",
                        self.tr("Points redeemed: {points}").replace(
                            "{points}", points(points_for_value(payment.amount))
                        ),
                        "−" + format_money(payment.amount),
                    )
                )
        if order.customer_id is not None:
            earned = "+" + points(order.points_earned)
            if not points_counted_here:
                earned = self.tr("counted by central")
            rows.append(("donePointsEarned", self.tr("Points earned"), earned))
        for row, (name, caption, value) in enumerate(rows):
            left = QLabel(caption, self)
            right = QLabel(value, self)
            right.setObjectName(name)
            right.setAccessibleName(caption)
            right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name == "doneTotal":
                for cell in (left, right):
                    cell.setProperty("cardTitle", True)
            self._facts.addWidget(left, row, 0)
            self._facts.addWidget(right, row, 1)
        if given is None:
            self.change_note.setText(self.tr("Paid without cash."))
        else:
            self.change_note.setText(
                self.tr("The customer handed over {given}.").replace("{given}", format_money(given))
            )
        self.set_status(SaleStatus("pending", order.number))
        ctx = self._services.ctx
        self.receipt.set_receipt(
            lambda key: sale_receipt(ctx, order.id, command_id, staff_id, key, given),
            self.tr("receipt-{number}.pdf").replace("{number}", order.number or order.id[:8]),
        )

    def set_status(self, status: SaleStatus) -> None:
        """The sale's command state in words."""
        self._state = status.state
        if status.number:
            self.number.setText(self.tr("Order {number}").replace("{number}", status.number))
        else:
            self.number.setText(self.tr("The order number follows from central."))
        if status.state == DONE:
            text, icon, colour = self.tr("Sent to central."), "online", self._colors.ok
        elif status.state == ATTENTION:
            text = self.tr(
                "Central refused this sale. It waits on the Attention screen with the reason."
            )
            icon, colour = "attention", self._colors.error
        elif status.state == DISCARDED:
            text = self.tr("This sale was given up on the Attention screen.")
            icon, colour = "attention", self._colors.error
        else:
            text = self.tr(
                "Queued on this tablet — it will be sent to central when the tablet is online. "
                "Nothing is lost meanwhile."
            )
            icon, colour = "sync", self._colors.muted
        self.status.setText(text)
        self.status_icon.setPixmap(icon_pixmap(icon, colour, 24))

    @property
    def status_text(self) -> str:
        return self.status.text()

    @property
    def state(self) -> str:
        """The sale's command state (pending, sending, done, attention, discarded)."""
        return self._state
