"""A manager's confirmation before a pickup hold is expired (back to stock, refund, the
customer told): it cannot be undone, so it is never one tap."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clerk.services.pickup_queue import QueueEntry
from clerk.ui.models.pickup_queue import hold_text
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["ExpireDialog", "expired_text"]


class ExpireDialog(QDialog):
    """ "Expire the hold of order W…?" with what happens; ``confirmed(order_id)``."""

    confirmed = Signal(str)

    def __init__(self, entry: QueueEntry, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expireDialog")
        self.entry = entry
        self.setWindowTitle(self.tr("Expire hold"))
        heading = QLabel(
            self.tr("Expire the hold of order {number}?").replace("{number}", entry.number), self
        )
        heading.setObjectName("expireHeading")
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        heading.setWordWrap(True)
        who = entry.customer_name or self.tr("the customer")
        facts = QLabel(f"{who} · {hold_text(entry)}", self)
        facts.setProperty("role", "muted")
        facts.setWordWrap(True)
        what = QLabel(
            self.tr(
                "The items go back to stock, the customer is refunded for everything still on "
                "the shelf, and central tells them the order has expired. This cannot be undone."
            ),
            self,
        )
        what.setObjectName("expireWhat")
        what.setWordWrap(True)
        keep = touch_button(
            self, "expireKeep", self.tr("Keep it on the shelf"), self.tr("Do not expire the hold")
        )
        keep.clicked.connect(self.reject)
        self.confirm = touch_button(
            self,
            "expireConfirm",
            self.tr("Expire hold"),
            self.tr("Expire the hold: back to stock and refund"),
        )
        self.confirm.setStyleSheet(
            f"background: {colors.error}; color: #ffffff; border-color: {colors.error};"
            " font-weight: 600;"
        )
        self.confirm.clicked.connect(self._confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(keep)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(facts)
        layout.addWidget(what)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        keep.setFocus()

    def _confirm(self) -> None:
        self.confirmed.emit(self.entry.order_id)
        self.accept()


def expired_text(number: str) -> str:
    """What an expired hold did."""
    return QCoreApplication.translate(
        "PickupScreen",
        "The hold of order {number} is expired: its items are back in stock, the refund is "
        "queued, and central tells the customer.",
    ).replace("{number}", number)
