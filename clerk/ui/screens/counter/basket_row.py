"""One line of the checkout's basket as a touch-sized row, and the small parts the checkout's
pages share (finger-sized buttons, tinted messages).

:class:`BasketRow` paints one line: what it is, the one central price, the stock here with a
warning and a one-tap swap to a size or colour this store has, the stock in other stores, a
quantity stepper and ✕.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from clerk.domain.money import format_money
from clerk.services.sales import MAX_QTY
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import qty_stepper, restyle, touch_button

if TYPE_CHECKING:
    from clerk.ui.screens.counter.basket import BasketLine

__all__ = ["BasketRow", "MessageBox", "message_box_style", "touch_button"]


class MessageBox(QFrame):
    """A message in a tinted box (``level``: error, info, ok); hidden while empty.

    The box carries the padding, not the label, so the label's wrapped text always gets the
    height it asks for.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Box")
        self.setProperty("messageBox", True)
        self.label = QLabel(self)
        self.label.setObjectName(name)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label)
        self.hide()

    def say(self, text: str, level: str = "info") -> None:
        self.label.setText(text)
        for widget in (self, self.label):
            restyle(widget, "level", level)
        self.setVisible(bool(text))

    def text(self) -> str:
        """What it says (empty while hidden)."""
        return "" if self.isHidden() else self.label.text()


def message_box_style(c: Colors) -> str:
    """The style sheet rules of every :class:`MessageBox` level, for a window's style sheet."""
    return "".join(
        f'\nQFrame[level="{level}"] {{ background: {bg}; border-radius: 8px; }}'
        f'\nQLabel[level="{level}"] {{ color: {fg}; }}'
        for level, bg, fg in (
            ("error", c.error_bg, c.error),
            ("warning", c.warn_bg, c.warn),
            ("info", c.info_bg, c.text),
            ("ok", c.surface_alt, c.ok),
        )
    )


def _variant(size: str, colour: str) -> str:
    if size and colour:
        return (
            QCoreApplication.translate("BasketRow", "size {size}, {colour}")
            .replace("{size}", size)
            .replace("{colour}", colour)
        )
    if size:
        return QCoreApplication.translate("BasketRow", "size {size}").replace("{size}", size)
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

        # A field, not a spin box: a finger taps − and +, a keyboard types 12 and Enter.
        self.minus, self.qty, self.plus = qty_stepper(
            self,
            "line",
            line.sku,
            (
                self.tr("One less of {name}").replace("{name}", line.name),
                self.tr("Quantity of {name}").replace("{name}", line.name),
                self.tr("One more of {name}").replace("{name}", line.name),
            ),
            1,
            MAX_QTY,
        )
        self.total = QLabel(self)
        self.total.setObjectName(f"lineTotal_{line.sku}")
        self.total.setProperty("lineTotal", True)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setMinimumWidth(104)
        self.total.setMinimumHeight(TOUCH)
        self.remove = touch_button(
            self,
            f"lineRemove_{line.sku}",
            "✕",
            self.tr("Remove {name} from the sale").replace("{name}", line.name),
        )
        self.remove.setToolTip(self.tr("Remove from the sale"))
        self.remove.setFixedSize(TOUCH, TOUCH)
        self.remove.setProperty("stepper", True)

        stepper = QHBoxLayout()
        stepper.setSpacing(6)
        stepper.addWidget(self.minus)
        stepper.addWidget(self.qty)
        stepper.addWidget(self.plus)

        self.swaps: list[QPushButton] = []
        self._swaps = QHBoxLayout()
        self._swaps.setSpacing(8)
        for alternative in line.alternatives:
            if alternative.ean is None:
                continue  # not in this tablet's catalogue: nothing to sell it from
            variant = _variant(alternative.size, alternative.colour)
            swap = touch_button(
                self,
                f"lineSwap_{line.sku}_{alternative.sku}",
                self.tr("Take {variant} ({n} here)")
                .replace("{variant}", variant)
                .replace("{n}", str(alternative.available_here)),
                self.tr("Sell {variant} instead").replace("{variant}", variant),
            )
            swap.setProperty("swap", True)
            swap.clicked.connect(partial(self.swapRequested.emit, line.sku, alternative))
            self._swaps.addWidget(swap)
            self.swaps.append(swap)
        self._swaps.addStretch(1)

        # The name beside the stepper, the line total and ✕; what the clerk reads below, full
        # width.
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 10, 2, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.name, 0, 0)
        grid.addLayout(stepper, 0, 1)
        grid.addWidget(self.total, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.details, 1, 0, 1, 4)
        grid.addWidget(self.stock, 2, 0, 1, 4)
        grid.addLayout(self._swaps, 3, 0, 1, 4)
        grid.addWidget(self.elsewhere, 4, 0, 1, 4)
        grid.setColumnStretch(0, 1)

        self._qty = line.qty
        self.minus.clicked.connect(lambda: self.qtyChanged.emit(self.sku, self._qty - 1))
        self.plus.clicked.connect(lambda: self.qtyChanged.emit(self.sku, self._qty + 1))
        self.qty.editingFinished.connect(self._typed)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self.sku))
        self.show_line(line)

    def _typed(self) -> None:
        text = self.qty.text()
        if text.isdigit() and int(text) != self._qty:
            self.qtyChanged.emit(self.sku, int(text))
        else:
            self.qty.setText(str(self._qty))

    def show_line(self, line: BasketLine) -> None:
        """Paint ``line`` (its quantity, total and stock may have changed)."""
        details = [line.sku]
        variant = _variant(line.size, line.colour)
        if variant:
            details.append(variant)
        details.append(self.tr("{price} each").replace("{price}", format_money(line.price)))
        self.details.setText(" · ".join(details))
        self._qty = line.qty
        self.qty.setText(str(line.qty))
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
        restyle(self.stock, "stock", level)
        for swap in self.swaps:
            swap.setVisible(line.short_here)

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
