"""The 360's side panels: open items on top (what the clerk may act on now) and the online cart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.services.customer_view import CartLineView, CartView, OpenItems
from clerk.ui.resources import icon_pixmap
from clerk.ui.screens.counter.words import money, status_name
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors
from clerk.ui.widgets import WrapLabel


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def _heading(parent: QWidget, icon_name: str, text: str, colors: Colors) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    badge = QLabel(parent)
    badge.setPixmap(icon_pixmap(icon_name, colors.accent, 22))
    title = QLabel(text, parent)
    title.setStyleSheet("font-size: 13pt; font-weight: 600;")
    row.addWidget(badge)
    row.addWidget(title)
    row.addStretch(1)
    return row


class OpenItemsPanel(QFrame):
    """Pickups waiting here (one tap to the Pickup screen), reservations, returns, tickets."""

    pickupOpened = Signal(str)  # order id
    ticketOpened = Signal(str)  # interaction id

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openItems")
        self.setProperty("card", True)
        self._colors = colors
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(_heading(self, "attention", self.tr("Open items"), colors))
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        layout.addLayout(self._rows)
        # Most customers have nothing open: this one label says so (or that the items are
        # unavailable), kept rather than made anew for every customer.
        self._empty = WrapLabel(parent=self)
        self._empty.setProperty("role", "muted")
        layout.addWidget(self._empty)

    def show_items(self, items: OpenItems, unavailable: bool = False) -> None:
        _clear(self._rows)
        if unavailable or not items.count:
            self._empty.setText(
                self.tr("Unavailable until the tablet is online.")
                if unavailable
                else self.tr("Nothing open: no pickups, reservations, returns or tickets.")
            )
            self._empty.show()
            return
        self._empty.hide()
        for order in items.pickups:
            if str(order.status) == "ready":
                text = self.tr("Order {number} is ready for pickup here").replace(
                    "{number}", order.number
                )
            else:
                text = (
                    self.tr("Order {number} will be collected here ({status})")
                    .replace("{number}", order.number)
                    .replace("{status}", status_name(str(order.status)))
                )
            button = QPushButton(self.tr("Open in Pickup"), self)
            button.setObjectName(f"openPickup_{order.id}")
            button.setAccessibleName(
                self.tr("Open order {number} on the Pickup screen").replace(
                    "{number}", order.number
                )
            )
            order_id = order.id
            button.clicked.connect(lambda _=False, o=order_id: self.pickupOpened.emit(o))
            self._row("pickup", text, button)
        for reservation in items.reservations:
            text = self.tr("Reservation held until {until}").replace(
                "{until}", store_time(reservation.hold_until, "%d.%m %H:%M")
            )
            self._row("reservations", text)
        for ret in items.returns:
            text = self.tr("Return refund pending: {amount}").replace("{amount}", money(ret.amount))
            self._row("returns", text)
        for ticket in items.tickets:
            button = QPushButton(self.tr("Read"), self)
            button.setObjectName(f"openTicket_{ticket.id}")
            button.setAccessibleName(self.tr("Read the ticket's thread"))
            ticket_id = ticket.id
            button.clicked.connect(lambda _=False, t=ticket_id: self.ticketOpened.emit(t))
            text = self.tr("Open ticket: {subject}").replace("{subject}", ticket.subject)
            self._row("info", text, button)

    def _row(self, icon_name: str, text: str, button: QPushButton | None = None) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        badge = QLabel(row)
        badge.setPixmap(icon_pixmap(icon_name, self._colors.muted, 18))
        label = WrapLabel(text, row)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(label, 1)
        if button is not None:
            button.setParent(row)
            layout.addWidget(button)
        self._rows.addWidget(row)


class CartPanel(QFrame):
    """The customer's current web/app cart, with the one price and the stock here."""

    finalizeRequested = Signal()

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlineCart")
        self.setProperty("card", True)
        self._colors = colors
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(_heading(self, "cart", self.tr("Online cart"), colors))
        self._rows = QVBoxLayout()
        self._rows.setSpacing(10)
        layout.addLayout(self._rows)
        footer = QHBoxLayout()
        self.total = WrapLabel(parent=self)
        self.total.setObjectName("cartTotal")
        strong = QFont(self.total.font())
        strong.setWeight(QFont.Weight.DemiBold)
        self.total.setFont(strong)
        self.finalize = QPushButton(self.tr("Finalize here"), self)
        self.finalize.setObjectName("finalizeCart")
        self.finalize.setAccessibleName(self.tr("Finalize the online cart at the counter"))
        self.finalize.setProperty("primary", True)
        self.finalize.clicked.connect(self.finalizeRequested)
        footer.addWidget(self.total, 1)
        footer.addWidget(self.finalize)
        layout.addLayout(footer)
        self.cart: CartView | None = None
        self._lines: list[_CartRow] = []
        self._note_label = WrapLabel(parent=self)
        self._note_label.setProperty("role", "muted")
        self._note_label.hide()
        self._rows.addWidget(self._note_label)

    def show_cart(self, cart: CartView | None, unavailable: bool = False) -> None:
        self.cart = cart
        self._note_label.hide()
        lines = cart.lines if cart is not None and not unavailable else ()
        # Rows are kept and refilled, not made anew: a scan shows a cart every time.
        while len(self._lines) < len(lines):
            row = _CartRow(self)
            self._rows.addWidget(row)
            self._lines.append(row)
        for row, line in zip(self._lines, lines, strict=False):
            enough = line.enough_here
            row.fill(line, self._stock_text(line), self._colors.ok if enough else self._colors.warn)
            row.show()
        for row in self._lines[len(lines) :]:
            row.hide()
        if unavailable:
            self._note(self.tr("The online cart is unavailable until the tablet is online."))
        elif not lines:
            self._note(self.tr("No online cart right now."))
        if cart is None or not lines:
            self.total.clear()
            self.finalize.setText(self.tr("New sale"))
            return
        updated = store_time(cart.updated_at, "%d.%m.%Y %H:%M")
        self.total.setText(
            self.tr("Total {total}\nupdated {when}")
            .replace("{total}", money(cart.total))
            .replace("{when}", updated)
        )
        self.finalize.setText(self.tr("Finalize here"))

    def _note(self, text: str) -> None:
        self._note_label.setText(text)
        self._note_label.show()

    def _stock_text(self, line: CartLineView) -> str:
        if not line.known:
            return self.tr("Not in this tablet's catalogue: sync, or leave it out.")
        if line.enough_here:
            return self.tr("In stock here: {n}").replace("{n}", str(line.available_here))
        if line.available_here is None:
            text = self.tr("No stock of it is recorded here.")
        else:
            text = self.tr("Only {n} here.").replace("{n}", str(max(line.available_here, 0)))
        if line.alternatives:
            options = ", ".join(
                f"{a.size} {a.colour}".strip() + f" ({a.available_here})" for a in line.alternatives
            )
            text += " " + self.tr("In stock here instead: {options}.").replace("{options}", options)
        if line.elsewhere:
            stores = ", ".join(f"{s.store_name} ({s.available})" for s in line.elsewhere)
            text += " " + self.tr("Other stores: {stores}.").replace("{stores}", stores)
        return text


class _CartRow(QWidget):
    """One line of the online cart: quantity and name, price, variant, stock here."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.name = WrapLabel(parent=self)
        bold = QFont(self.name.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(bold)
        self.price = QLabel(self)
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight)
        top.addWidget(self.name, 1)
        top.addWidget(self.price)
        layout.addLayout(top)
        self.detail = QLabel(self)
        self.detail.setProperty("role", "muted")
        layout.addWidget(self.detail)
        self.stock = WrapLabel(parent=self)
        layout.addWidget(self.stock)

    def fill(self, line: CartLineView, stock: str, colour: str) -> None:
        self.setObjectName(f"cartLine_{line.sku}")
        self.name.setText(f"{line.qty} × {line.name}")
        self.price.setText(money(line.line_total))
        self.detail.setText(" · ".join(p for p in (line.size, line.colour, line.sku) if p))
        self.stock.setObjectName(f"cartStock_{line.sku}")
        self.stock.setText(stock)
        palette = self.stock.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.stock.setPalette(palette)
