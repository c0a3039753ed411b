"""The checkout's basket: the lines being sold, and the card that shows and edits them.

:class:`Basket` is plain data (no Qt): the customer's online cart as it is finished here, plus
what the clerk scans. :class:`BasketPanel` is the left card of the checkout: a field to scan or
type a product's barcode, one :class:`~clerk.ui.screens.counter.basket_row.BasketRow` per line,
the number of items and the total.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.money import Money, format_money
from clerk.services.customer_view import Alternative, CartLineView, Elsewhere
from clerk.services.sales import MAX_QTY, SaleLine
from clerk.services.scanning import ProductCheck, ScanOutcome, ScanRefused, resolve_scan
from clerk.ui.resources import icon_pixmap
from clerk.ui.scanning.reasons import reason_text
from clerk.ui.screens.counter.basket_row import BasketRow, MessageBox
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import touch_button

__all__ = ["Basket", "BasketLine", "BasketPanel"]


@dataclass(frozen=True)
class BasketLine:
    """A product being sold and how many; ``available_here`` None: stock here unknown."""

    sku: str
    name: str
    ean: str | None
    size: str
    colour: str
    price: Money
    qty: int
    available_here: int | None
    alternatives: tuple[Alternative, ...] = ()
    elsewhere: tuple[Elsewhere, ...] = ()
    known: bool = True  # False: not in the tablet's catalogue (the sale would be refused)
    from_cart: bool = False  # the line came from the customer's online cart

    @property
    def total(self) -> Money:
        return self.price * self.qty

    @property
    def short_here(self) -> bool:
        """This store has fewer available than the basket holds."""
        return self.available_here is not None and self.available_here < self.qty

    @classmethod
    def from_cart_line(cls, line: CartLineView) -> BasketLine:
        return cls(
            sku=line.sku,
            name=line.name,
            ean=line.ean,
            size=line.size,
            colour=line.colour,
            price=line.price,
            qty=max(1, min(line.qty, MAX_QTY)),
            available_here=line.available_here,
            alternatives=line.alternatives,
            elsewhere=line.elsewhere,
            known=line.known,
            from_cart=True,
        )

    @classmethod
    def from_check(cls, check: ProductCheck, qty: int = 1) -> BasketLine:
        return cls(
            sku=check.sku,
            name=check.name,
            ean=check.ean,
            size=check.size,
            colour=check.colour,
            price=check.price,
            qty=qty,
            available_here=check.available if check.stock_known else None,
        )


class Basket:
    """The lines of the sale, one per SKU, in the order they were added."""

    def __init__(self, lines: list[BasketLine] | None = None) -> None:
        self.lines: list[BasketLine] = list(lines or [])

    @property
    def total(self) -> Money:
        return sum((line.total for line in self.lines), Money.zero())

    @property
    def units(self) -> int:
        return sum(line.qty for line in self.lines)

    @property
    def has_cart_lines(self) -> bool:
        """Whether any line came from the customer's online cart (then the cart is finished)."""
        return any(line.from_cart for line in self.lines)

    def line(self, sku: str) -> BasketLine | None:
        return next((line for line in self.lines if line.sku == sku), None)

    def add(self, check: ProductCheck) -> BasketLine:
        """One more of ``check``'s product: a new line, or the existing line's quantity + 1."""
        for i, line in enumerate(self.lines):
            if line.sku == check.sku:
                # The scan just read the shelf's stock and the price: keep them current.
                bumped = replace(
                    line,
                    qty=min(line.qty + 1, MAX_QTY),
                    price=check.price,
                    available_here=check.available if check.stock_known else None,
                )
                self.lines[i] = bumped
                return bumped
        added = BasketLine.from_check(check)
        self.lines.append(added)
        return added

    def set_qty(self, sku: str, qty: int) -> None:
        qty = max(1, min(qty, MAX_QTY))
        self.lines = [replace(x, qty=qty) if x.sku == sku else x for x in self.lines]

    def remove(self, sku: str) -> None:
        self.lines = [x for x in self.lines if x.sku != sku]

    def swap(self, sku: str, check: ProductCheck) -> None:
        """Sell ``check``'s product (another size or colour) instead of line ``sku``."""
        old = self.line(sku)
        if old is None:
            return
        existing = self.line(check.sku)
        if existing is not None and existing.sku != sku:
            # Already in the basket: the swapped units join that line.
            self.remove(sku)
            self.set_qty(check.sku, existing.qty + old.qty)
            return
        new = replace(BasketLine.from_check(check, old.qty), from_cart=old.from_cart)
        self.lines = [new if x.sku == sku else x for x in self.lines]

    def sale_lines(self) -> list[SaleLine]:
        return [SaleLine(line.sku, line.qty) for line in self.lines]


class BasketPanel(QFrame):
    """The basket card: scan or type a barcode (Enter), the lines, the items and the total.

    Barcodes and swaps resolve through :func:`~clerk.services.scanning.resolve_scan` on a
    reader. ``changed()`` fires whenever the lines change.
    """

    changed = Signal()

    def __init__(
        self, services: AppServices, basket: Basket, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutBasket")
        self._services = services
        self.basket = basket
        self._rows: dict[str, BasketRow] = {}
        self._frozen = False
        self._gone = False

        scan_icon = QLabel(self)
        scan_icon.setPixmap(icon_pixmap("scan", self.palette().color(self.foregroundRole()), 24))
        self.ean = QLineEdit(self)
        self.ean.setObjectName("checkoutEan")
        self.ean.setAccessibleName(self.tr("Add a product by its barcode"))
        self.ean.setPlaceholderText(self.tr("Scan or type a barcode"))
        self.ean.setMinimumHeight(TOUCH)
        self.ean.setMaxLength(64)
        self.ean.returnPressed.connect(self._ean_entered)
        add = touch_button(
            self, "checkoutAddProduct", self.tr("Add"), self.tr("Add the product typed")
        )
        add.clicked.connect(self._ean_entered)
        scan_row = QHBoxLayout()
        scan_row.setSpacing(10)
        scan_row.addWidget(scan_icon)
        scan_row.addWidget(self.ean, 1)
        scan_row.addWidget(add)
        self.scan_message = MessageBox("checkoutScanMessage", self)

        self._body = QWidget()
        self._body.setObjectName("checkoutLinesBody")
        self._lines = QVBoxLayout(self._body)
        self._lines.setContentsMargins(0, 0, 8, 0)
        self._lines.setSpacing(0)
        self._empty = QLabel(
            self.tr("The basket is empty. Scan a product, or type its barcode above."), self._body
        )
        self._empty.setObjectName("checkoutEmpty")
        self._empty.setProperty("role", "muted")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._lines.addWidget(self._empty)
        self._lines.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("checkoutLines")
        self._scroll.setAccessibleName(self.tr("Products in the sale"))
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._body)

        self.units_label = QLabel(self)
        self.units_label.setObjectName("checkoutUnits")
        self.units_label.setProperty("role", "muted")
        self.total_label = QLabel(self)
        self.total_label.setObjectName("checkoutTotal")
        self.total_label.setAccessibleName(self.tr("Total"))
        totals = QHBoxLayout()
        totals.addWidget(self.units_label)
        totals.addStretch(1)
        totals.addWidget(self.total_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(scan_row)
        layout.addWidget(self.scan_message)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(totals)
        self._rebuild()

    # -- what the dialog asks ---------------------------------------------------------------

    def add_product(self, check: ProductCheck) -> None:
        """A scanned product: a new line, or one more of a line already in the basket."""
        if self._frozen:
            return
        is_new = self.basket.line(check.sku) is None
        line = self.basket.add(check)
        if is_new:
            self._rebuild()
            self.scan_message.say(self.tr("Added {name}.").replace("{name}", line.name))
        else:
            self.scan_message.say(
                self.tr("{name}: now {n} in the basket.")
                .replace("{name}", line.name)
                .replace("{n}", str(line.qty))
            )
        self._changed()
        QTimer.singleShot(0, self, lambda: self._scroll_to(check.sku))

    def swap(self, sku: str, alternative_sku: str) -> None:
        """Swap line ``sku`` to another size or colour in stock here (its button's tap)."""
        line = self.basket.line(sku)
        chosen = [a for a in line.alternatives if a.sku == alternative_sku] if line else []
        if chosen:
            self._swap(sku, chosen[0])

    def freeze(self, frozen: bool) -> None:
        """No edits while the sale is being recorded (or once it is)."""
        self._frozen = frozen
        self.setEnabled(not frozen)

    def forget(self) -> None:
        """The dialog closed: late answers of scans are dropped."""
        self._gone = True

    # -- painting ---------------------------------------------------------------------------

    def _rebuild(self) -> None:
        for row in self._rows.values():
            self._lines.removeWidget(row)
            row.deleteLater()
        self._rows = {}
        for i, line in enumerate(self.basket.lines):
            row = BasketRow(line, self._body)
            row.qtyChanged.connect(self._qty_changed)
            row.removeRequested.connect(self._remove)
            row.swapRequested.connect(self._swap)
            self._lines.insertWidget(i, row)
            self._rows[line.sku] = row
        self._empty.setVisible(not self.basket.lines)

    def _changed(self) -> None:
        for line in self.basket.lines:
            row = self._rows.get(line.sku)
            if row is not None:
                row.show_line(line)
        units = self.basket.units
        self.units_label.setText(
            self.tr("1 item") if units == 1 else self.tr("{n} items").replace("{n}", str(units))
        )
        self.total_label.setText(
            self.tr("Total {total}").replace("{total}", format_money(self.basket.total))
        )
        self.changed.emit()

    def refresh(self) -> None:
        """Paint the lines, the items and the total as they stand."""
        self._changed()

    def _scroll_to(self, sku: str) -> None:
        row = self._rows.get(sku)
        if row is not None:
            self._scroll.ensureWidgetVisible(row)

    # -- edits ------------------------------------------------------------------------------

    def _qty_changed(self, sku: str, qty: int) -> None:
        self.basket.set_qty(sku, qty)
        self._changed()

    def _remove(self, sku: str) -> None:
        self.basket.remove(sku)
        self._rebuild()
        self._changed()

    def _ean_entered(self) -> None:
        text = self.ean.text().strip()
        if not text or self._frozen:
            return
        self._services.bridge.op(resolve_scan, self._services.ctx, text).read_only().success(
            self._scanned
        ).failure(self._scan_failed).run()

    def _scanned(self, outcome: ScanOutcome) -> None:
        if self._gone:
            return
        if isinstance(outcome, ProductCheck):
            self.ean.clear()
            self.add_product(outcome)
            return
        self.ean.selectAll()  # the next scan replaces the refused code
        if isinstance(outcome, ScanRefused):
            self.scan_message.say(reason_text(outcome), "error")
        else:
            self.scan_message.say(
                self.tr("That is not a product barcode — scan the label on the product."), "error"
            )

    def _scan_failed(self, error: BaseException) -> None:
        if not self._gone:
            self.scan_message.say(error_text(error), "error")

    def _swap(self, sku: str, alternative: Alternative) -> None:
        if alternative.ean is None or self._frozen:
            return
        self._services.bridge.op(
            resolve_scan, self._services.ctx, alternative.ean
        ).read_only().success(lambda outcome: self._swapped(sku, outcome)).failure(
            self._scan_failed
        ).run()

    def _swapped(self, sku: str, outcome: ScanOutcome) -> None:
        if self._gone or self._frozen:
            return
        if not isinstance(outcome, ProductCheck):
            text = reason_text(outcome) if isinstance(outcome, ScanRefused) else ""
            self.scan_message.say(
                text or self.tr("That size or colour cannot be sold here."), "error"
            )
            return
        self.basket.swap(sku, outcome)
        self._rebuild()
        variant = " · ".join(x for x in (outcome.name, outcome.size, outcome.colour) if x)
        self.scan_message.say(self.tr("Swapped to {variant}.").replace("{variant}", variant))
        self._changed()
