"""A customer whose loyalty code finds several orders on the shelf: which one now?"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerk.services.pickup_queue import QueueEntry
from clerk.ui.models.pickup_queue import hold_text
from clerk.ui.resources import icon
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["OrderChooser"]


class OrderChooser(QFrame):
    """A customer with several orders on the shelf: one big button per order."""

    chosen = Signal(str)  # order id
    dismissed = Signal()

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupChooser")
        self._colors = colors
        self.title = QLabel(self)
        self.title.setObjectName("pickupChooserTitle")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        lead = QLabel(self.tr("Which order is the customer collecting now?"), self)
        lead.setProperty("role", "subtitle")
        lead.setWordWrap(True)
        self._buttons = QVBoxLayout()
        self._buttons.setSpacing(10)
        back = touch_button(
            self,
            "pickupChooserBack",
            self.tr("Back to the queue"),
            self.tr("Back to the pickup queue"),
        )
        back.clicked.connect(self.dismissed)
        bottom = QHBoxLayout()
        bottom.addWidget(back)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(lead)
        layout.addLayout(self._buttons)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def show_orders(self, name: str, entries: Sequence[QueueEntry]) -> None:
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.title.setText(
            self.tr("{name} has {n} orders waiting here")
            .replace("{name}", name or self.tr("The customer"))
            .replace("{n}", str(len(entries)))
        )
        for entry in entries:
            text = (
                self.tr("{number} — {items} items · {hold}")
                .replace("{number}", entry.number)
                .replace("{items}", str(entry.items))
                .replace("{hold}", hold_text(entry))
            )
            button = touch_button(
                self,
                f"chooseOrder_{entry.order_id}",
                text,
                self.tr("Open order {number}").replace("{number}", entry.number),
            )
            button.setIcon(icon("pickup", self._colors.accent, 24))
            button.setMinimumHeight(64)
            button.setStyleSheet("text-align: left; font-size: 13pt;")
            button.clicked.connect(lambda _=False, o=entry.order_id: self.chosen.emit(o))
            self._buttons.addWidget(button)
