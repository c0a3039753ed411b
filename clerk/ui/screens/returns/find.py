"""The Returns screen's first page: find the purchase by its receipt, its number, or from the
customer's timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clerk.ui.resources import icon_pixmap
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import touch_button

__all__ = ["FindPage"]


class FindPage(QWidget):
    """``numberEntered(str)`` when the clerk asks for an order number."""

    numberEntered = Signal(str)

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsFind")
        badge = QLabel(self)
        badge.setPixmap(icon_pixmap("returns", colors.accent, 56))
        title = QLabel(self.tr("Returns"), self)
        title.setProperty("role", "title")
        lead = QLabel(
            self.tr(
                "Anything bought in any channel — web, app, phone, this or another store — comes "
                "back here under one policy."
            ),
            self,
        )
        lead.setProperty("role", "subtitle")
        lead.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(lead)
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(words, 1)

        card = QFrame(self)
        card.setProperty("card", True)
        caption = QLabel(self.tr("Order number"), card)
        caption.setStyleSheet("font-weight: 600;")
        self.number = QLineEdit(card)
        self.number.setObjectName("returnsOrderNumber")
        self.number.setAccessibleName(self.tr("Order number of the purchase"))
        self.number.setPlaceholderText(self.tr("As on the receipt or e-mail, e.g. W26-0001234"))
        self.number.setMinimumHeight(TOUCH)
        self.number.setMaxLength(32)
        self.find_button = touch_button(
            card, "returnsFindOrder", self.tr("Find the order"), self.tr("Find the order")
        )
        self.find_button.setProperty("primary", True)
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(self.find_button)
        hints = QLabel(
            "•  "
            + self.tr("Scan the QR code on the receipt (paper or PDF).")
            + "\n•  "
            + self.tr("Type the order number of any channel and press Enter.")
            + "\n•  "
            + self.tr("Or open the order on the Counter from the customer's timeline: Return…"),
            card,
        )
        hints.setProperty("role", "muted")
        hints.setWordWrap(True)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 20, 24, 20)
        card_layout.setSpacing(10)
        card_layout.addWidget(caption)
        card_layout.addLayout(row)
        card_layout.addWidget(hints)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(24)
        layout.addLayout(top)
        layout.addWidget(card)
        layout.addStretch(1)

        self.number.returnPressed.connect(self._submit)
        self.find_button.clicked.connect(self._submit)
        self.number.textChanged.connect(
            lambda text: self.find_button.setEnabled(bool(text.strip()))
        )
        self.find_button.setEnabled(False)

    def _submit(self) -> None:
        text = self.number.text().strip()
        if text:
            self.numberEntered.emit(text)

    def clear(self) -> None:
        self.number.clear()
