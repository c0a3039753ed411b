"""An order the desk can no longer act on (collected, cancelled, expired), read only: what
happened to it and to each of its lines."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from clerk.domain.entities import OrderStatus
from clerk.services.pickup_queue import PickupDetail
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors

__all__ = ["OrderSummary", "collected_text", "method_name"]

translate = QCoreApplication.translate


def method_name(method: str) -> str:
    """How the person collecting proved the order was theirs."""
    names = {
        "pickup_token": translate("PickupSummary", "pickup code"),
        "loyalty": translate("PickupSummary", "loyalty code"),
        "number_phone": translate("PickupSummary", "order number and phone"),
    }
    return names.get(method, method)


def collected_text(detail: PickupDetail, now: datetime) -> str:
    """ "collected at 14:02 by Łucja Wójcik" (with the date when not today)."""
    pickup = detail.order.pickup
    at = pickup.collected_at if pickup else None
    who = pickup.collected_by if pickup else None
    if at is None:
        return translate("PickupSummary", "already collected")
    if store_time(at, "%Y-%m-%d") == store_time(now, "%Y-%m-%d"):
        when = translate("PickupSummary", "at {time}").replace("{time}", store_time(at))
    else:
        when = (
            translate("PickupSummary", "on {date} at {time}")
            .replace("{date}", store_time(at, "%d.%m.%Y"))
            .replace("{time}", store_time(at))
        )
    text = translate("PickupSummary", "collected {when}").replace("{when}", when)
    if who:
        text += " " + translate("PickupSummary", "by {name}").replace("{name}", who)
    return text


class OrderSummary(QFrame):
    """The order's outcome and its lines, nothing to press."""

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupSummary")
        self.setProperty("card", True)
        self._colors = colors
        self.headline = QLabel(self)
        self.headline.setObjectName("pickupSummaryHeadline")
        self.headline.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.headline.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setObjectName("pickupSummaryFacts")
        self.facts.setWordWrap(True)
        self.facts.setProperty("role", "muted")
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(18)
        self._grid.setVerticalSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.headline)
        layout.addWidget(self.facts)
        layout.addLayout(self._grid)
        layout.addStretch(1)

    def show_order(self, detail: PickupDetail, now: datetime) -> None:
        status = OrderStatus(detail.order.status)
        if status in (OrderStatus.COLLECTED, OrderStatus.PARTIALLY_COLLECTED):
            headline = self.tr("Collected — nothing more to hand over")
            pickup = detail.order.pickup
            facts = collected_text(detail, now)
            method = (pickup.verification or {}).get("method") if pickup else None
            if method:
                facts += " · " + self.tr("verified by {method}").replace(
                    "{method}", method_name(str(method))
                )
        elif status == OrderStatus.CANCELLED:
            headline = self.tr("Cancelled — nothing to hand over")
            facts = self.tr("The customer was refunded; check their other orders with them.")
        elif status == OrderStatus.EXPIRED:
            headline = self.tr("Hold expired — back in stock and refunded")
            facts = self.tr("The customer was told by central.")
        else:
            headline = self.tr("Nothing to do here for this order")
            facts = ""
        if detail.entry.pending:
            facts += ("\n" if facts else "") + self.tr(
                "This tablet's last action on it waits to be sent to central."
            )
        self.headline.setText(headline)
        self.facts.setText(facts)
        self.facts.setVisible(bool(facts))
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        heads = (
            self.tr("Item"),
            self.tr("Ordered"),
            self.tr("Collected"),
            self.tr("Short"),
            self.tr("Returned"),
        )
        for column, text in enumerate(heads):
            label = QLabel(text, self)
            label.setProperty("role", "muted")
            self._grid.addWidget(label, 0, column)
        for row, line in enumerate(detail.lines, start=1):
            facts_of = " · ".join(p for p in (line.size, line.colour) if p)
            name = QLabel(f"{line.name}\n{facts_of}" if facts_of else line.name, self)
            name.setWordWrap(True)
            self._grid.addWidget(name, row, 0)
            for column, value in enumerate(
                (line.qty, line.collected, line.short, line.returned), start=1
            ):
                cell = QLabel(str(value) if value else "–", self)
                cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._grid.addWidget(cell, row, column)
        self._grid.setColumnStretch(0, 1)
