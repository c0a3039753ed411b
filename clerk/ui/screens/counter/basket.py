"""The checkout's basket: the lines being sold, and one touch-sized row per line.

:class:`Basket` is plain data (no Qt): the customer's online cart as it is finished here, plus
what the clerk scans. :class:`BasketRow` paints one line: what it is, the one central price,
the stock here with a warning and a one-tap swap when this store has too few, the stock in other
stores, a quantity stepper and Remove.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.money import Money, format_money
from clerk.services.customer_view import Alternative, CartLineView, Elsewhere
from clerk.services.sales import MAX_QTY, SaleLine
from clerk.services.scanning import ProductCheck
from clerk.ui.theme import TOUCH

__all__ = ["Basket", "BasketLine", "BasketRow", "touch_button"]


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


def touch_button(parent: QWidget, name: str, text: str, accessible: str) -> QPushButton:
    """A finger-sized button with its object and accessible names; Enter never presses it."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setMinimumHeight(TOUCH)
    button.setAutoDefault(False)
    return button


def _variant(w: QWidget, size: str, colour: str) -> str:
    if size and colour:
        return w.tr("size {size}, {colour}").replace("{size}", size).replace("{colour}", colour)
    if size:
        return w.tr("size {size}").replace("{size}", size)
    return colour


class BasketRow(QFrame):
    """One line of the basket.

    ``qtyChanged(sku, qty)``, ``removeRequested(sku)`` and ``swapRequested(sku, alternative)``
    tell the dialog what the clerk tapped; the row changes nothing itself.
    """

    qtyChanged = Signal(str, int)
    removeRequested = Signal(str)
    swapRequested = Signal(str, object)

    def __init__(self, line: BasketLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sku = line.sku
        self.setObjectName(f"basketLine_{line.sku}")
        self.setProperty("basketRow", True)

        self.name = QLabel(line.name, self)
        self.name.setObjectName(f"lineName_{line.sku}")
        self.name.setProperty("lineName", True)
        self.name.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setObjectName(f"lineDetails_{line.sku}")
        self.details.setProperty("role", "muted")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stock = QLabel(self)
        self.stock.setObjectName(f"lineStock_{line.sku}")
        self.stock.setWordWrap(True)
        self.elsewhere = QLabel(self)
        self.elsewhere.setObjectName(f"lineElsewhere_{line.sku}")
        self.elsewhere.setProperty("role", "muted")
        self.elsewhere.setWordWrap(True)

        self.minus = touch_button(
            self,
            f"lineMinus_{line.sku}",
            "−",
            self.tr("One less of {name}").replace("{name}", line.name),
        )
        self.plus = touch_button(
            self,
            f"linePlus_{line.sku}",
            "+",
            self.tr("One more of {name}").replace("{name}", line.name),
        )
        for button in (self.minus, self.plus):
            button.setFixedSize(TOUCH, TOUCH)
            button.setProperty("stepper", True)
        self.qty = QSpinBox(self)
        self.qty.setObjectName(f"lineQty_{line.sku}")
        self.qty.setAccessibleName(self.tr("Quantity of {name}").replace("{name}", line.name))
        self.qty.setRange(1, MAX_QTY)
        self.qty.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qty.setFixedSize(TOUCH + 20, TOUCH)
        self.qty.setKeyboardTracking(False)
        self.total = QLabel(self)
        self.total.setObjectName(f"lineTotal_{line.sku}")
        self.total.setProperty("lineTotal", True)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setMinimumWidth(120)
        self.remove = touch_button(
            self,
            f"lineRemove_{line.sku}",
            self.tr("Remove"),
            self.tr("Remove {name} from the sale").replace("{name}", line.name),
        )

        stepper = QHBoxLayout()
        stepper.setSpacing(6)
        stepper.addWidget(self.minus)
        stepper.addWidget(self.qty)
        stepper.addWidget(self.plus)

        self._swaps = QHBoxLayout()
        self._swaps.setSpacing(8)
        for alternative in line.alternatives:
            if alternative.ean is None:
                continue  # not in this tablet's catalogue: nothing to sell it from
            variant = _variant(self, alternative.size, alternative.colour)
            swap = touch_button(
                self,
                f"lineSwap_{line.sku}_{alternative.sku}",
                self.tr("Take {variant} ({n} here)")
                .replace("{variant}", variant)
                .replace("{n}", str(alternative.available_here)),
                self.tr("Sell {variant} instead").replace("{variant}", variant),
            )
            swap.clicked.connect(partial(self.swapRequested.emit, line.sku, alternative))
            self._swaps.addWidget(swap)
        self._swaps.addStretch(1)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.details)
        text.addWidget(self.stock)
        text.addLayout(self._swaps)
        text.addWidget(self.elsewhere)

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 10, 4, 10)
        grid.setHorizontalSpacing(16)
        grid.addLayout(text, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(stepper, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.total, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.remove, 0, 3, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        self.total.setMinimumHeight(TOUCH)

        self.minus.clicked.connect(lambda: self.qtyChanged.emit(self.sku, self.qty.value() - 1))
        self.plus.clicked.connect(lambda: self.qtyChanged.emit(self.sku, self.qty.value() + 1))
        self.qty.valueChanged.connect(self._typed)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self.sku))
        self.show_line(line)

    def _typed(self, qty: int) -> None:
        self.qtyChanged.emit(self.sku, qty)

    def show_line(self, line: BasketLine) -> None:
        """Paint ``line`` (its quantity, total and stock may have changed)."""
        details = [line.sku]
        variant = _variant(self, line.size, line.colour)
        if variant:
            details.append(variant)
        details.append(self.tr("{price} each").replace("{price}", format_money(line.price)))
        self.details.setText(" · ".join(details))
        blocked = self.qty.blockSignals(True)
        self.qty.setValue(line.qty)
        self.qty.blockSignals(blocked)
        self.minus.setEnabled(line.qty > 1)
        self.plus.setEnabled(line.qty < MAX_QTY)
        self.total.setText(format_money(line.total))

        level = "ok"
        if not line.known:
            level = "short"
            stock = self.tr(
                "Not in this tablet's catalogue, so it cannot be sold here — sync the tablet, "
                "or remove the line."
            )
        elif line.available_here is None:
            level = "unknown"
            stock = self.tr("Stock here unknown — check the shelf before selling.")
        elif line.short_here:
            level = "short"
            have = max(line.available_here, 0)
            if have == 0:
                stock = self.tr("None in stock here — the sale will be refused as it is.")
            else:
                stock = (
                    self.tr("Only {have} in stock here, {want} in the basket.")
                    .replace("{have}", str(have))
                    .replace("{want}", str(line.qty))
                )
        else:
            stock = self.tr("{n} in stock here").replace("{n}", str(line.available_here))
        self.stock.setText(("⚠ " if level == "short" else "") + stock)
        self.stock.setProperty("stock", level)
        self.stock.style().unpolish(self.stock)
        self.stock.style().polish(self.stock)
        for i in range(self._swaps.count()):
            widget = self._swaps.itemAt(i).widget()
            if widget is not None:
                widget.setVisible(line.short_here)

        if line.elsewhere:
            places = ", ".join(
                self.tr("{store} ({n})")
                .replace("{store}", place.store_name)
                .replace("{n}", str(place.available))
                for place in line.elsewhere
            )
            self.elsewhere.setText(
                self.tr("Also in stock at {stores}.").replace("{stores}", places)
            )
        self.elsewhere.setVisible(bool(line.elsewhere))
