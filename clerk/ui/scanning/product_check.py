"""The price and stock check of a scanned product label, readable at arm's length."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.money import format_money
from clerk.services.scanning import ProductCheck
from clerk.ui.theme import TOUCH

# Sizes only: colours come from the app's theme.
_STYLE = """
#productName { font-size: 22pt; font-weight: 600; }
#productDetails { font-size: 14pt; }
#productPrice { font-size: 34pt; font-weight: 700; }
#productStock QLabel { font-size: 16pt; }
#productStock QLabel[figure="true"] { font-size: 20pt; font-weight: 600; }
"""


class ProductCheckDialog(QDialog):
    """Name, brand, size, colour, the one central price in PLN and the stock here."""

    def __init__(self, check: ProductCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setObjectName("productCheckDialog")
        self.setWindowTitle(self.tr("Price and stock"))
        self.setStyleSheet(_STYLE)

        name = self._label("productName", check.name)
        name.setWordWrap(True)
        details = self._label(
            "productDetails",
            self.tr("{brand} · size {size} · {colour}")
            .replace("{brand}", check.brand)
            .replace("{size}", check.size)
            .replace("{colour}", check.colour),
        )
        details.setWordWrap(True)
        # The price is central's; Polish formatting whatever the app's language (PLN).
        price = self._label("productPrice", format_money(check.price, "pl"))
        price.setAccessibleName(self.tr("Price"))
        codes = self._label(
            "productCodes",
            self.tr("EAN {ean} · SKU {sku}")
            .replace("{ean}", check.ean)
            .replace("{sku}", check.sku),
        )
        codes.setProperty("role", "muted")
        codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        stock = QWidget(self)
        stock.setObjectName("productStock")
        grid = QGridLayout(stock)
        grid.setContentsMargins(0, 8, 0, 8)
        rows = (
            ("stockOnHand", self.tr("On hand here"), check.on_hand),
            ("stockHeld", self.tr("Held for pickups and reservations"), check.held),
            ("stockAvailable", self.tr("Available here"), check.available),
        )
        for row, (object_name, text, figure) in enumerate(rows):
            caption = QLabel(text, stock)
            value = QLabel(str(figure), stock)
            value.setObjectName(object_name)
            value.setProperty("figure", True)
            value.setAccessibleName(text)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(0, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(name)
        layout.addWidget(details)
        layout.addWidget(price)
        layout.addWidget(stock)
        if not check.stock_known:
            note = self._label(
                "productStockUnknown",
                self.tr(
                    "This tablet has no stock figures for this product yet — sync the tablet, "
                    "or check the stockroom."
                ),
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(codes)

        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("productCheckClose")
        close.setAccessibleName(self.tr("Close the price and stock check"))
        close.setMinimumHeight(TOUCH)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)

    def _label(self, object_name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(object_name)
        label.setAccessibleName(text)
        return label
