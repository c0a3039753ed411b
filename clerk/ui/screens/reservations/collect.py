"""Collect a reservation: the customer buys what they reserved, as a sale at the counter.

The reserved lines are fixed (they are what was set aside); the customer pays with the
Counter's own payment panel (points in blocks of 100, card with the terminal's reference,
cash with the change). Confirm records the sale through
:func:`~clerk.services.reservations.collect_reservation` — one command naming the
reservation, so central sells the held units and closes the hold together — and the dialog
turns into the Counter's done page: the change, whether central has the sale, the receipt.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Customer, Order
from clerk.domain.money import format_money
from clerk.services.holds_board import HoldEntry
from clerk.services.outbox import Outcome
from clerk.services.reservations import collect_reservation
from clerk.ui.screens.counter.sale_done import SaleDonePage, SaleStatus, sale_status
from clerk.ui.screens.counter.tenders import PaymentPanel
from clerk.ui.session import AppServices
from clerk.ui.session_dialog import SessionDialog
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["CollectDialog"]


def _style(c: Colors) -> str:
    return f"""
#collectTitle {{ font-size: 20pt; font-weight: 600; }}
QLabel[cardTitle="true"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[tenderName="true"] {{ font-weight: 600; }}
QLabel[figure="true"] {{ font-size: 14pt; font-weight: 600; }}
QPushButton[stepper="true"] {{ font-size: 16pt; padding: 0; }}
QLineEdit[money="true"] {{ font-size: 14pt; }}
#checkoutDue {{ font-size: 28pt; font-weight: 700; }}
#doneChange {{ font-size: 44pt; font-weight: 700; }}
#doneChangeCard {{
    background: {c.info_bg}; border: 2px solid {c.accent}; border-radius: 12px;
}}
#doneStatus {{ font-size: 13pt; }}
#paymentRule {{ background: {c.border}; border: none; }}
#collectMessage[level="error"] {{ color: {c.error}; font-weight: 600; }}
"""


class CollectDialog(SessionDialog):
    """The reserved lines, the payment, then the done page; ``collected(order)``."""

    collected = Signal(object)

    def __init__(
        self,
        services: AppServices,
        colors: Colors,
        entry: HoldEntry,
        customer: Customer | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services.session, parent)
        self.setObjectName("collectDialog")
        self.setStyleSheet(_style(colors))
        self._services = services
        self.entry = entry
        self._order: Order | None = None
        self._command_id = ""
        self._busy = False
        self.setWindowTitle(self.tr("Collect reservation"))

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._sale_page(colors, customer))
        self.done_page = SaleDonePage(services, colors, self)
        self.done_page.finished.connect(self.accept)
        self.pages.addWidget(self.done_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.addWidget(self.pages)
        self.setMinimumSize(1040, 660)
        if services.sync is not None:
            services.sync.pendingChanged.connect(self._read_status)

    def _sale_page(self, colors: Colors, customer: Customer | None) -> QWidget:
        page = QWidget(self)
        title = QLabel(
            self.tr("Reservation {reference} — {name}")
            .replace("{reference}", self.entry.reference)
            .replace("{name}", self.entry.customer_name or "—"),
            page,
        )
        title.setObjectName("collectTitle")
        title.setWordWrap(True)
        lead = QLabel(
            self.tr("The customer buys what was set aside for them; the hold ends with the sale."),
            page,
        )
        lead.setProperty("role", "muted")
        lead.setWordWrap(True)

        lines = QFrame(page)
        lines.setObjectName("collectLines")
        lines.setProperty("card", True)
        grid = QGridLayout(lines)
        grid.setContentsMargins(20, 16, 20, 16)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        caption = QLabel(self.tr("Reserved items"), lines)
        caption.setProperty("cardTitle", True)
        grid.addWidget(caption, 0, 0, 1, 3)
        for row, line in enumerate(self.entry.lines, start=1):
            grid.addWidget(QLabel(f"{line.name}\n{line.sku}", lines), row, 0)
            qty = QLabel(f"{line.qty} × {format_money(line.unit_price)}", lines)
            qty.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(qty, row, 1)
            total = QLabel(format_money(line.total), lines)
            total.setProperty("figure", True)
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(total, row, 2)
        total_row = len(self.entry.lines) + 1
        total_caption = QLabel(self.tr("Total"), lines)
        total_caption.setProperty("cardTitle", True)
        self.total_label = QLabel(format_money(self.entry.total), lines)
        self.total_label.setObjectName("collectTotal")
        self.total_label.setProperty("cardTitle", True)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(total_caption, total_row, 0, 1, 2)
        grid.addWidget(self.total_label, total_row, 2)
        grid.setRowStretch(total_row + 1, 1)

        self.payment = PaymentPanel(customer, page)
        self.payment.set_total(self.entry.total)
        self.payment.changed.connect(self._refresh)

        self.message = QLabel("", page)
        self.message.setObjectName("collectMessage")
        self.message.setWordWrap(True)
        self.cancel_button = touch_button(
            page, "collectCancel", self.tr("Back"), self.tr("Back to the holds")
        )
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = touch_button(
            page, "collectConfirm", self.tr("Confirm sale"), self.tr("Confirm the sale")
        )
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)

        work = QHBoxLayout()
        work.setSpacing(20)
        work.addWidget(lines, 1)
        work.addWidget(self.payment, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(lead)
        layout.addLayout(work, 1)
        layout.addLayout(buttons)
        self._refresh()
        return page

    # -- confirming ---------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.confirm_button.setEnabled(not self._busy and self.payment.state.complete)

    @property
    def can_confirm(self) -> bool:
        return self.confirm_button.isEnabled()

    def confirm(self) -> None:
        """Record the sale (Confirm); on the done page, Done."""
        if self._order is not None:
            self.accept()
            return
        if self._busy or not self.can_confirm:
            return
        if not self._services.session.active:
            self._say(self.tr("Sign in first — the sale was not recorded."))
            return
        collect = partial(
            collect_reservation,
            self._services.ctx,
            self._services.session.actor(),
            self.entry.hold_id,
            payments=self.payment.payments(),
            redeem_points=self.payment.points,
        )
        self._busy = True
        self._refresh()
        self.cancel_button.setEnabled(False)
        self._services.bridge.op(collect).success(self._sold).failure(self._refused).run()

    def _say(self, text: str) -> None:
        self.message.setProperty("level", "error" if text else "")
        self.message.setText(text)
        self.message.style().polish(self.message)

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.cancel_button.setEnabled(True)
        self._refresh()
        self._say(error_text(error))  # what was entered stays: fix and confirm again

    def _sold(self, outcome: Outcome[Order]) -> None:
        self._busy = False
        order = outcome.value
        self._order = order
        self._command_id = outcome.command.id
        state = self.payment.state
        self.collected.emit(order)
        self._services.request_sync()
        given = state.given if not state.cash.is_zero() else None
        staff = self._services.session.staff
        self.done_page.show_sale(
            order, self._command_id, staff.staff_id if staff else "", state.change, given
        )
        self.pages.setCurrentWidget(self.done_page)
        self.done_page.done_button.setFocus()
        self._read_status()

    @property
    def order(self) -> Order | None:
        return self._order

    @property
    def message_text(self) -> str:
        return self.message.text()

    @property
    def showing_done(self) -> bool:
        return self.pages.currentWidget() is self.done_page

    def _read_status(self, *_args: object) -> None:
        if self._order is None:
            return
        order_id = self._order.id
        self._services.bridge.op(
            sale_status, self._services.ctx, self._command_id, order_id
        ).read_only().success(self._status_read).failure(lambda _error: None).run()

    def _status_read(self, status: SaleStatus) -> None:
        self.done_page.set_status(status)
