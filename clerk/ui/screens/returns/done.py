"""After the return: its reference, where each refund goes (and whether central has still to
pay a card or online refund out), whether central has the return yet, why it refused it if it
did (another tablet took the same units back first), and the return receipt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerk.domain.entities import Return, ReturnCondition, ReturnReason, Store
from clerk.printing.receipt import ReceiptData
from clerk.printing.return_receipt import receipt_for_return, return_reference
from clerk.services.context import ServiceContext
from clerk.store.outbox import ATTENTION, DISCARDED, DONE
from clerk.ui.models.attention import refusal_text
from clerk.ui.receipt_card import ReceiptCard
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.pickup.release_lines import condition_name, reason_name
from clerk.ui.screens.returns.words import pending_text, refund_row
from clerk.ui.session import AppServices
from clerk.ui.theme import Colors
from clerk.ui.widgets import NoteBox, restyle, touch_button

__all__ = ["ReturnDonePage", "ReturnStatus", "return_receipt", "return_status"]


@dataclass(frozen=True)
class ReturnStatus:
    """The return as the tablet holds it now, its command's state, central's refusal."""

    ret: Return | None
    state: str
    refusal: str = ""
    exchange_id: str | None = None


def return_status(ctx: ServiceContext, command_id: str, return_id: str) -> ReturnStatus:
    """The return and where its command is (runs on a reader)."""
    with ctx.store.unit(read_only=True) as unit:
        command = unit.outbox.get(command_id)
        data = unit.cache.get("return", return_id)
    state = command.state if command is not None else DONE  # pruned: central has it
    # Central's refusal in the app's language (a known problem type's sentence).
    refusal = refusal_text(command.problem) if command is not None and state == ATTENTION else ""
    exchange = command.body.get("exchange") if command is not None else None
    exchange_id = str(exchange["id"]) if isinstance(exchange, dict) else None
    return ReturnStatus(Return.from_dict(data) if data else None, state, refusal, exchange_id)


def return_receipt(
    ctx: ServiceContext,
    return_id: str,
    command_id: str,
    staff_id: str,
    device_key: str,
    fallback: Return,
) -> ReceiptData:
    """The return receipt as the tablet holds the return now (runs on a reader)."""
    status = return_status(ctx, command_id, return_id)
    ret = status.ret or fallback
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(ret.order_id)
        if order is None:
            raise LookupError(f"order {ret.order_id} is not on the tablet")
        store = unit.stores.store(ctx.store_id) or Store(ctx.store_id, ctx.store_id, "")
        member = unit.staff.get(staff_id)
        customer = unit.customers.get(order.customer_id) if order.customer_id else None
        products = unit.catalog.products({line.sku for line in order.lines})
        sale = unit.orders.get(status.exchange_id) if status.exchange_id else None
    return receipt_for_return(
        ret,
        order,
        store=store,
        staff_name=member.name if member is not None else staff_id,
        device_id=ctx.device_id,
        device_private_key=device_key,
        products=products,
        customer=customer,
        queued=status.state not in (DONE, ATTENTION, DISCARDED),
        refused=status.state in (ATTENTION, DISCARDED),
        exchange_sale=sale,
    )


class ReturnDonePage(QWidget):
    """The return as recorded; ``finished()`` is Next return."""

    finished = Signal()

    def __init__(self, services: AppServices, colors: Colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnDonePage")
        self._services = services
        self._colors = colors
        self._ret: Return | None = None
        self._names: dict[str, str] = {}
        self._command_id = ""
        self._state = ""

        self.mark = QLabel(self)
        self.mark.setPixmap(icon_pixmap("check", colors.ok, 48))
        self.title = QLabel(self.tr("Return complete"), self)
        self.title.setObjectName("returnDoneTitle")
        self.title.setProperty("role", "title")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("returnDoneSubtitle")
        self.subtitle.setProperty("role", "subtitle")
        self.subtitle.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.refunds = QFrame(self)
        self.refunds.setObjectName("returnDoneRefunds")
        self.refunds.setProperty("card", True)
        self._grid = QGridLayout(self.refunds)
        self._grid.setContentsMargins(20, 14, 20, 14)
        self._grid.setColumnStretch(0, 1)
        self.pending_box = NoteBox("returnDonePending", self)
        self.pending = self.pending_box.label
        self.status_icon = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("returnDoneStatus")
        self.status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_row.addWidget(self.status, 1)
        self.receipt = ReceiptCard(services, self)
        self.receipt.setObjectName("returnReceipt")
        self.next_button = touch_button(
            self, "returnNext", self.tr("Next return"), self.tr("Start the next return")
        )
        self.next_button.setProperty("primary", True)
        self.next_button.setToolTip(self.tr("Ctrl+Enter"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.refunds)
        layout.addWidget(self.pending_box)
        layout.addLayout(status_row)
        layout.addWidget(self.receipt)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.next_button.clicked.connect(self.finished)
        if services.sync is not None:
            services.sync.pendingChanged.connect(self._sync_event)
            services.sync.attentionAdded.connect(self._sync_event)
            services.sync.dataChanged.connect(self._sync_event)

    def show_return(
        self,
        ret: Return,
        command_id: str,
        number: str,
        staff_id: str,
        names: Mapping[str, str],
    ) -> None:
        """The return just recorded (``number``: its order's; ``names``: its lines' names)."""
        self._ret = ret
        self._names = dict(names)
        self._command_id = command_id
        self.subtitle.setText(
            self.tr("Return {ref} of order {number}")
            .replace("{ref}", return_reference(ret))
            .replace("{number}", number)
        )
        ctx = self._services.ctx
        self.receipt.set_receipt(
            lambda key: return_receipt(ctx, ret.id, command_id, staff_id, key, ret),
            self.tr("return-{ref}.pdf").replace("{ref}", return_reference(ret)),
        )
        self._apply(ReturnStatus(ret, "pending"))
        self._read()

    def _apply(self, status: ReturnStatus) -> None:
        ret = status.ret or self._ret
        if ret is None:
            return
        self._state = status.state
        while self._grid.count():
            taken = self._grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        row = 0
        for line in ret.lines:
            text = (
                self.tr("{n} × {name}: {reason}, {condition}")
                .replace("{n}", str(line.qty))
                .replace("{name}", self._names.get(line.order_line_id, line.order_line_id))
                .replace("{reason}", reason_name(ReturnReason(line.reason)))
                .replace("{condition}", condition_name(ReturnCondition(line.condition)))
            )
            item = QLabel(text, self.refunds)
            item.setObjectName(f"returnDoneLine_{line.order_line_id}")
            item.setWordWrap(True)
            self._grid.addWidget(item, row, 0, 1, 2)
            row += 1
        for index, refund in enumerate(ret.refunds):
            caption, amount = refund_row(refund)
            left, right = QLabel(caption, self.refunds), QLabel(amount, self.refunds)
            right.setObjectName(f"returnDoneRefund_{index}")
            right.setAlignment(Qt.AlignmentFlag.AlignRight)
            self._grid.addWidget(left, row, 0)
            self._grid.addWidget(right, row, 1)
            row += 1
        if ret.points_reversed:
            self._grid.addWidget(QLabel(self.tr("Points taken back"), self.refunds), row, 0)
            self._grid.addWidget(QLabel(f"−{ret.points_reversed}", self.refunds), row, 1)
            row += 1
        if not ret.refunds:
            self._grid.addWidget(QLabel(self.tr("Nothing to refund."), self.refunds), row, 0)
        queued = status.state not in (DONE, ATTENTION, DISCARDED)
        refused = status.state in (ATTENTION, DISCARDED)
        self.pending_box.setText("" if refused else pending_text(list(ret.refunds), queued))
        if status.state == DONE:
            text, icon, colour = self.tr("Central has the return."), "online", self._colors.ok
            self.title.setText(self.tr("Return complete"))
        elif refused:
            self.title.setText(self.tr("Refused by central"))
            self.mark.setPixmap(icon_pixmap("attention", self._colors.error, 48))
            text = self.tr(
                "Central refused this return: “{reason}” Nothing was refunded — take the "
                "money back if it was handed over; the Attention screen has it."
            ).replace("{reason}", status.refusal or "")
            icon, colour = "attention", self._colors.error
        else:
            text = self.tr(
                "Saved on this tablet and queued for central (cash and store credit are done "
                "here; card and online refunds wait for central)."
            )
            icon, colour = "sync", self._colors.muted
        self.receipt.set_allowed(not refused)
        self.status.setText(text)
        restyle(self.status, "level", "error" if refused else "")
        self.status_icon.setPixmap(icon_pixmap(icon, colour, 24))

    @property
    def state(self) -> str:
        return self._state

    @property
    def status_text(self) -> str:
        return self.status.text()

    def _sync_event(self, *_args: object) -> None:
        if self._ret is not None and self.isVisible():
            self._read()

    def _read(self) -> None:
        ret = self._ret
        assert ret is not None
        run: Callable[[ReturnStatus], None] = self._apply
        self._services.bridge.op(
            return_status, self._services.ctx, self._command_id, ret.id
        ).read_only().success(run).failure(lambda _e: None).run()
