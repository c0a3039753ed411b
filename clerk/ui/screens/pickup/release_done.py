"""After the release: what the customer took, what they refused and the refund, whether
central has the release yet (it follows the sync engine), the receipt (print or PDF, built by
:mod:`~clerk.ui.screens.pickup.release_receipt`), and handing the tablet to the customer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Order, Return
from clerk.services.pickup import RefusedItem
from clerk.services.pickup_queue import PickLine
from clerk.store.outbox import ATTENTION, DISCARDED, DONE
from clerk.ui.receipt_card import ReceiptCard
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.pickup.release_lines import condition_name, reason_name
from clerk.ui.screens.pickup.release_receipt import (
    ReleaseStatus,
    pickup_receipt,
    refund_text,
    release_refunds,
    release_status,
)
from clerk.ui.session import AppServices
from clerk.ui.theme import Colors
from clerk.ui.widgets import restyle, touch_button

__all__ = ["ReleaseDoneView"]


class ReleaseDoneView(QWidget):
    """The release as recorded. ``handToCustomer()`` opens the effort score; ``finished()``
    goes back to the queue."""

    handToCustomer = Signal()
    finished = Signal()

    def __init__(self, services: AppServices, colors: Colors, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("releaseDoneView")
        self._services = services
        self._colors = colors
        self._order: Order | None = None
        self._command_id = ""
        self._state = ""

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

        self.receipt = ReceiptCard(services, self)
        self.receipt.setObjectName("releaseReceipt")

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
        layout.addWidget(self.receipt)
        layout.addStretch(1)
        layout.addLayout(buttons)

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
        ctx = self._services.ctx
        self.receipt.set_receipt(
            lambda key: pickup_receipt(ctx, order.id, command_id, staff_id, key),
            self.tr("pickup-{number}.pdf").replace("{number}", order.number or order.id[:8]),
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
        if self._order is not None:
            self._read(release_status, self.set_status)

    def _read(self, fn: Callable[..., object], then: Callable[..., None]) -> None:
        assert self._order is not None
        self._run(fn, then, self._services.ctx, self._command_id, self._order.id)

    def _run(self, fn: Callable[..., object], then: Callable[..., None], *args: object) -> None:
        self._services.bridge.op(fn, *args).read_only().success(then).failure(
            lambda _e: None  # the page keeps what it shows; the bridge logged the error
        ).run()
