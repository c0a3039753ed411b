"""The top of the release: which order, where it sits (shelf/bin in large type), how long it is
held, how the customer proved it is theirs, and who takes it home.

:class:`PhoneCheck` verifies a customer whose order was opened from the queue by a tap: the
last three digits of their phone, checked against the customer record on the tablet.
:class:`CollectorBox` records who collects: the customer, or someone else with their name and
the last four characters of an ID document.
"""

from __future__ import annotations

import re
from typing import Literal

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.holds import HoldUrgency
from clerk.services.pickup_queue import PickupDetail
from clerk.ui.texts import store_time
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import restyle, segment_group, touch_button

__all__ = ["CollectorBox", "Method", "OrderHeader", "PhoneCheck", "method_text"]

Method = Literal["pickup_token", "loyalty", "number_phone"]
translate = QCoreApplication.translate
_NON_DIGITS = re.compile(r"\D")
MAX_TRIES = 3


def method_text(method: Method | None) -> str:
    """How the customer proved the order is theirs, in words."""
    if method == "pickup_token":
        return translate("ReleasePanel", "Verified by the pickup QR code")
    if method == "loyalty":
        return translate("ReleasePanel", "Verified by the customer's loyalty code")
    if method == "number_phone":
        return translate("ReleasePanel", "Verified by the order number and phone digits")
    return translate("ReleasePanel", "Not verified yet")


class OrderHeader(QFrame):
    """Order number, customer, shelf/bin, hold and verification of the order on the desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseHeader")
        self.setProperty("card", True)
        self.number = QLabel(self)
        self.number.setObjectName("releaseNumber")
        self.number.setProperty("role", "title")
        self.number.setWordWrap(True)
        self.customer = QLabel(self)
        self.customer.setObjectName("releaseCustomer")
        self.customer.setProperty("role", "subtitle")
        self.customer.setWordWrap(True)
        self.hold = QLabel(self)
        self.hold.setObjectName("releaseHold")
        self.hold.setWordWrap(True)
        self.verified = QLabel(self)
        self.verified.setObjectName("releaseVerified")
        self.verified.setWordWrap(True)
        shelf_box = QFrame(self)
        shelf_box.setObjectName("releaseShelfBox")
        shelf_caption = QLabel(self.tr("Shelf / bin"), shelf_box)
        shelf_caption.setObjectName("releaseShelfCaption")
        self.shelf = QLabel(shelf_box)
        self.shelf.setObjectName("releaseShelf")
        self.shelf.setAccessibleName(self.tr("Shelf / bin"))
        self.shelf.setAlignment(Qt.AlignmentFlag.AlignCenter)
        shelf_layout = QVBoxLayout(shelf_box)
        shelf_layout.setContentsMargins(20, 8, 20, 10)
        shelf_layout.setSpacing(0)
        shelf_layout.addWidget(shelf_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        shelf_layout.addWidget(self.shelf)

        facts = QVBoxLayout()
        facts.setSpacing(4)
        facts.addWidget(self.number)
        facts.addWidget(self.customer)
        facts.addWidget(self.hold)
        facts.addWidget(self.verified)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(20)
        layout.addLayout(facts, 1)
        layout.addWidget(shelf_box, 0, Qt.AlignmentFlag.AlignTop)

    def show_order(self, detail: PickupDetail, method: Method | None) -> None:
        order, entry = detail.order, detail.entry
        self.number.setText(self.tr("Order {number}").replace("{number}", order.number or "—"))
        name = detail.customer.full_name if detail.customer else entry.customer_name
        self.customer.setText(name or self.tr("Customer not on this tablet"))
        self.shelf.setText(entry.shelf or self.tr("not recorded"))
        if entry.hold_until is None:
            hold = self.tr("No hold end set")
        else:
            hold = self.tr("Held until {when}").replace(
                "{when}", store_time(entry.hold_until, "%d.%m.%Y %H:%M")
            )
            if entry.urgency == HoldUrgency.EXPIRING:
                hold = self.tr("{hold} — ends soon").replace("{hold}", hold)
            elif entry.urgency == HoldUrgency.OVERDUE:
                hold = self.tr("{hold} — the hold has ended").replace("{hold}", hold)
        self.hold.setText(hold)
        restyle(self.hold, "urgency", str(entry.urgency))
        self.set_method(method)  # restyles the verification badge

    def set_method(self, method: Method | None) -> None:
        self.verified.setText(("✓ " if method else "") + method_text(method))
        restyle(self.verified, "verified", method is not None)


class PhoneCheck(QFrame):
    """The last three digits of the customer's phone; ``verified()`` once they match."""

    verified = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneCheck")
        self.setProperty("card", True)
        self._digits = ""
        self._tries = 0
        caption = QLabel(self.tr("Verify the customer"), self)
        caption.setProperty("cardTitle", True)
        self.field = QLineEdit(self)
        self.field.setObjectName("phoneDigits")
        self.field.setAccessibleName(self.tr("Last three digits of the customer's phone"))
        self.field.setPlaceholderText(self.tr("Last 3 digits"))
        self.field.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,3}"), self.field)
        )
        self.field.setMinimumHeight(TOUCH)
        self.field.setMinimumWidth(190)
        self.field.setProperty("qty", True)
        self.hint = QLabel(self)
        self.hint.setObjectName("phoneDigitsHint")
        self.hint.setWordWrap(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setHorizontalSpacing(16)
        layout.addWidget(caption, 0, 0, 1, 2)
        layout.addWidget(self.field, 1, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.hint, 1, 1)
        layout.setColumnStretch(1, 1)
        self.field.textEdited.connect(self._typed)

    def start(self, phone_digits: str) -> None:
        """Ask for the digits of a phone ending in ``phone_digits`` (empty: none known)."""
        self._digits = _NON_DIGITS.sub("", phone_digits)
        self._tries = 0
        self.field.clear()
        self.field.setEnabled(len(self._digits) >= 3)
        if self.field.isEnabled():
            self._hint(
                self.tr(
                    "Ask the customer for the last three digits of their phone — or scan the "
                    "pickup code from their notification."
                )
            )
        else:
            self._hint(
                self.tr(
                    "No phone of this customer is on the tablet: scan the pickup code from "
                    "their notification, or their loyalty code."
                ),
                "warning",
            )

    def _typed(self, text: str) -> None:
        if len(text) < 3:
            self._hint(self.tr("Type all three digits."))
            return
        if self._digits.endswith(text):
            self._hint(self.tr("The digits match."), "ok")
            self.field.setEnabled(False)
            self.verified.emit()
            return
        self._tries += 1
        self.field.selectAll()
        if self._tries >= MAX_TRIES:
            self.field.setEnabled(False)
            self._hint(
                self.tr(
                    "Three wrong tries: do not hand this order over on the phone digits. "
                    "Scan the pickup code from the customer's notification instead."
                ),
                "error",
            )
        else:
            self._hint(
                self.tr(
                    "Those digits do not match this customer's phone — ask again, or scan "
                    "their pickup code."
                ),
                "error",
            )

    def _hint(self, text: str, level: str = "info") -> None:
        self.hint.setText(text)
        restyle(self.hint, "tone", level)  # not "level": that paints a message box

    @property
    def has_input(self) -> bool:
        return bool(self.field.text()) and self.field.isEnabled()

    def clear(self) -> None:
        self.field.clear()


class CollectorBox(QFrame):
    """Who takes the order: the customer, or someone else (name and the ID's last four)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collectorBox")
        self.setProperty("card", True)
        self._customer_name = ""
        caption = QLabel(self.tr("Who collects"), self)
        caption.setProperty("cardTitle", True)
        self.customer = touch_button(
            self, "collectorCustomer", "", self.tr("The customer collects the order")
        )
        self.other = touch_button(
            self, "collectorOther", self.tr("Someone else"), self.tr("Someone else collects it")
        )
        self._choice = segment_group(self, self.customer, self.other)
        self.name = QLineEdit(self)
        self.name.setObjectName("collectorName")
        self.name.setAccessibleName(self.tr("Name of the person collecting"))
        self.name.setPlaceholderText(self.tr("Their full name"))
        self.name.setMaxLength(120)
        self.name.setMinimumHeight(TOUCH)
        self.id_last4 = QLineEdit(self)
        self.id_last4.setObjectName("collectorIdLast4")
        self.id_last4.setAccessibleName(self.tr("Last four characters of their ID document"))
        self.id_last4.setPlaceholderText(self.tr("ID: last 4"))
        self.id_last4.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]{0,4}"), self.id_last4)
        )
        self.id_last4.setMinimumHeight(TOUCH)
        self.id_last4.setMinimumWidth(150)
        self.note = QLabel(
            self.tr("Check their ID document; its last four letters or digits are recorded."),
            self,
        )
        self.note.setObjectName("collectorNote")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        choice = QHBoxLayout()
        choice.setSpacing(8)
        choice.addWidget(self.customer)
        choice.addWidget(self.other)
        choice.addStretch(1)
        fields = QHBoxLayout()
        fields.setSpacing(8)
        fields.addWidget(self.name, 3)
        fields.addWidget(self.id_last4, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(8)
        layout.addWidget(caption)
        layout.addLayout(choice)
        layout.addLayout(fields)
        layout.addWidget(self.note)
        self._choice.buttonToggled.connect(self._toggled)
        self.name.textChanged.connect(lambda _t: self.changed.emit())
        self.id_last4.textChanged.connect(self._id_typed)

    def start(self, customer_name: str) -> None:
        """A new order of ``customer_name`` (empty: not known here): the customer collects."""
        self._customer_name = customer_name
        self.customer.setText(
            self.tr("The customer: {name}").replace("{name}", customer_name)
            if customer_name
            else self.tr("The customer")
        )
        self.name.clear()
        self.id_last4.clear()
        self.customer.setChecked(True)
        self._show()

    @property
    def someone_else(self) -> bool:
        return self.other.isChecked()

    def choose_someone_else(self, name: str, id_last4: str) -> None:
        """Someone else collects (tests, scripts)."""
        self.other.setChecked(True)
        self.name.setText(name)
        self.id_last4.setText(id_last4)

    def collected_by(self) -> str:
        if self.someone_else or not self._customer_name:
            return self.name.text().strip()
        return self._customer_name

    def id_text(self) -> str | None:
        return self.id_last4.text().strip().upper() if self.someone_else else None

    def problem(self) -> str | None:
        """What is missing before the order can be handed over (None: nothing)."""
        if not self.collected_by():
            return self.tr("Write down the name of the person collecting.")
        last4 = self.id_text()
        if last4 is not None and len(last4) != 4:
            return self.tr("Note the last four letters or digits of their ID document.")
        return None

    @property
    def has_input(self) -> bool:
        return self.someone_else or bool(self.name.text())

    def _id_typed(self, text: str) -> None:
        if text != text.upper():
            self.id_last4.setText(text.upper())  # ID documents print capitals
            return
        self.changed.emit()

    def _toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        other = self.someone_else
        self.name.setVisible(other or not self._customer_name)
        self.id_last4.setVisible(other)
        self.note.setVisible(other)
        if self.name.isVisible():
            self.name.setFocus()
