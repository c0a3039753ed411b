"""One line of an order at the release: how many wait on the shelf, how many the customer
takes, and the rest refused with a reason and a condition (a return on the spot).

Every unit waiting is either handed over or refused (the service accounts for each one), so
the row keeps one number, the units handed over; the rest of the line is refused.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from clerk.domain.entities import OrderLine, ReturnCondition, ReturnReason
from clerk.domain.money import Money, format_money
from clerk.domain.returns import line_refund_amount
from clerk.services.pickup import RefusedItem
from clerk.services.pickup_queue import PickLine
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import qty_stepper, segment_group, touch_button

__all__ = ["REFUSAL_REASONS", "ReleaseLineRow", "condition_name", "reason_name"]

translate = QCoreApplication.translate

# The reasons a customer gives at the desk, the plain refusal first (short picks are the
# preparer's, not the customer's).
REFUSAL_REASONS = (
    ReturnReason.REFUSED_AT_PICKUP,
    ReturnReason.TOO_SMALL,
    ReturnReason.TOO_BIG,
    ReturnReason.NOT_AS_DESCRIBED,
    ReturnReason.DAMAGED_ON_ARRIVAL,
    ReturnReason.CHANGED_MIND,
    ReturnReason.OTHER,
)


def reason_name(reason: ReturnReason) -> str:
    """A return reason in words."""
    names = {
        ReturnReason.REFUSED_AT_PICKUP: translate("ReleasePanel", "Refused, no reason given"),
        ReturnReason.TOO_SMALL: translate("ReleasePanel", "Too small"),
        ReturnReason.TOO_BIG: translate("ReleasePanel", "Too big"),
        ReturnReason.NOT_AS_DESCRIBED: translate("ReleasePanel", "Not as described"),
        ReturnReason.DAMAGED_ON_ARRIVAL: translate("ReleasePanel", "Arrived damaged"),
        ReturnReason.CHANGED_MIND: translate("ReleasePanel", "Changed their mind"),
        ReturnReason.SHORT_PICK: translate("ReleasePanel", "Not found on the shelf"),
        ReturnReason.OTHER: translate("ReleasePanel", "Other reason"),
    }
    return names[ReturnReason(reason)]


def condition_name(condition: ReturnCondition) -> str:
    """Where a refused item goes, in words."""
    if condition == ReturnCondition.DAMAGED:
        return translate("ReleasePanel", "damaged, written off")
    return translate("ReleasePanel", "back to stock")


def variant_text(line: PickLine) -> str:
    """Size, colour and EAN of a line, as the clerk checks the item in hand."""
    parts = []
    if line.size:
        parts.append(translate("ReleasePanel", "size {size}").replace("{size}", line.size))
    if line.colour:
        parts.append(line.colour)
    if line.ean:
        parts.append(translate("ReleasePanel", "EAN {ean}").replace("{ean}", line.ean))
    return " · ".join(parts)


class ReleaseLineRow(QFrame):
    """One order line: units handed over (stepper), the rest refused with reason and
    condition. ``changed()`` after every edit."""

    changed = Signal()

    def __init__(self, line: PickLine, order_line: OrderLine, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = line
        self._order_line = order_line
        self._handover = line.waiting
        key = line.line_id
        self.setObjectName(f"releaseLine_{key}")
        self.setProperty("releaseRow", True)

        self.name = QLabel(line.name, self)
        self.name.setObjectName(f"releaseLineName_{key}")
        self.name.setProperty("lineName", True)
        self.name.setWordWrap(True)
        self.details = QLabel(variant_text(line), self)
        self.details.setObjectName(f"releaseLineDetails_{key}")
        self.details.setProperty("role", "muted")
        self.details.setWordWrap(True)
        self.adult = QLabel(self.tr("18+"), self)
        self.adult.setObjectName(f"releaseLineAdult_{key}")
        self.adult.setProperty("badge", "adult")
        self.adult.setToolTip(self.tr("Age restricted: check the ID"))
        self.adult.setVisible(line.age_restricted)
        self.waiting = QLabel(self)
        self.waiting.setObjectName(f"releaseLineWaiting_{key}")
        self.waiting.setWordWrap(True)
        self.waiting.setText(self._waiting_text())

        caption = QLabel(self.tr("Hand over"), self)
        caption.setProperty("role", "muted")
        self.minus, self.qty, self.plus = qty_stepper(
            self,
            "handOver",
            key,
            (
                self.tr("Hand over one less of {name}").replace("{name}", line.name),
                self.tr("Units of {name} handed over").replace("{name}", line.name),
                self.tr("Hand over one more of {name}").replace("{name}", line.name),
            ),
            0,
            max(line.waiting, 0),
        )
        self.refuse = touch_button(
            self,
            f"refuseLine_{key}",
            self.tr("Refuse"),
            self.tr("The customer refuses {name}").replace("{name}", line.name),
        )
        self.refuse.setProperty("refuse", True)
        stepper = QHBoxLayout()
        stepper.setSpacing(6)
        stepper.addWidget(caption)
        stepper.addWidget(self.minus)
        stepper.addWidget(self.qty)
        stepper.addWidget(self.plus)
        stepper.addSpacing(10)
        stepper.addWidget(self.refuse)

        # The refused part: why, and where the units go.
        self.refusal = QFrame(self)
        self.refusal.setObjectName(f"releaseRefusal_{key}")
        self.refusal.setProperty("refusal", True)
        self.refused_label = QLabel(self.refusal)
        self.refused_label.setObjectName(f"refusedCount_{key}")
        self.refused_label.setProperty("refusedCount", True)
        self.reason = QComboBox(self.refusal)
        self.reason.setObjectName(f"refuseReason_{key}")
        self.reason.setAccessibleName(self.tr("Why {name} is refused").replace("{name}", line.name))
        self.reason.setMinimumHeight(TOUCH)
        for reason in REFUSAL_REASONS:
            self.reason.addItem(reason_name(reason), str(reason))
        self.resellable = touch_button(
            self.refusal,
            f"refuseResellable_{key}",
            self.tr("Back to stock"),
            self.tr("The refused {name} goes back to stock").replace("{name}", line.name),
        )
        self.damaged = touch_button(
            self.refusal,
            f"refuseDamaged_{key}",
            self.tr("Damaged"),
            self.tr("The refused {name} is damaged and written off").replace("{name}", line.name),
        )
        self._condition = segment_group(self, self.resellable, self.damaged)
        self.refund = QLabel(self.refusal)
        self.refund.setObjectName(f"refuseRefund_{key}")
        self.refund.setWordWrap(True)
        refusal = QGridLayout(self.refusal)
        refusal.setContentsMargins(12, 8, 12, 8)
        refusal.setHorizontalSpacing(8)
        refusal.setVerticalSpacing(6)
        condition = QHBoxLayout()
        condition.setSpacing(8)
        condition.addWidget(self.resellable)
        condition.addWidget(self.damaged)
        condition.addStretch(1)
        refusal.addWidget(self.refused_label, 0, 0)
        refusal.addWidget(self.reason, 0, 1)
        refusal.addLayout(condition, 1, 1)
        refusal.addWidget(self.refund, 2, 0, 1, 2)
        refusal.setColumnStretch(1, 1)

        grid = QGridLayout(self)
        grid.setContentsMargins(2, 8, 2, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        title = QHBoxLayout()
        title.setSpacing(8)
        title.addWidget(self.name, 1)
        title.addWidget(self.adult, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(title, 0, 0, 1, 2)
        grid.addWidget(self.details, 1, 0, 1, 2)
        grid.addWidget(self.waiting, 2, 0)
        grid.addLayout(stepper, 2, 1)
        grid.addWidget(self.refusal, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)

        self.minus.clicked.connect(lambda: self.set_handover(self._handover - 1))
        self.plus.clicked.connect(lambda: self.set_handover(self._handover + 1))
        self.qty.editingFinished.connect(self._typed)
        self.refuse.clicked.connect(self._toggle_refusal)
        self.reason.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._condition.buttonToggled.connect(self._condition_toggled)
        for widget in (caption, self.minus, self.plus, self.qty, self.refuse):
            widget.setVisible(line.waiting > 0)
        self._show()

    # -- the choice -------------------------------------------------------------------------

    @property
    def handover(self) -> int:
        """Units the customer takes."""
        return self._handover

    @property
    def refused(self) -> int:
        """Units the customer refuses (the rest of the line)."""
        return max(self.line.waiting - self._handover, 0)

    @property
    def reason_choice(self) -> ReturnReason:
        return ReturnReason(self.reason.currentData())

    @property
    def condition(self) -> ReturnCondition:
        if self.damaged.isChecked():
            return ReturnCondition.DAMAGED
        return ReturnCondition.RESELLABLE

    def refused_item(self) -> RefusedItem | None:
        """The refused part as the service takes it (None: nothing refused)."""
        if self.refused == 0:
            return None
        return RefusedItem(self.line.line_id, self.refused, self.reason_choice, self.condition)

    @property
    def age_needed(self) -> bool:
        """Whether this line hands over an age-restricted item."""
        return self.line.age_restricted and self._handover > 0

    def set_handover(self, units: int) -> None:
        """Hand over ``units`` (clamped to what waits); the rest is refused."""
        units = min(max(units, 0), self.line.waiting)
        if units != self._handover:
            self._handover = units
            self._show()
            self.changed.emit()
        else:
            self.qty.setText(str(units))

    def refuse_units(
        self,
        units: int,
        reason: ReturnReason = ReturnReason.REFUSED_AT_PICKUP,
        condition: ReturnCondition = ReturnCondition.RESELLABLE,
    ) -> None:
        """Refuse ``units`` of the line with ``reason`` and ``condition`` (tests, scripts)."""
        self.reason.setCurrentIndex(max(self.reason.findData(str(reason)), 0))
        button = self.damaged if condition == ReturnCondition.DAMAGED else self.resellable
        button.setChecked(True)
        self.set_handover(self.line.waiting - units)

    def _toggle_refusal(self) -> None:
        # Refuse all of the line at once (the stepper then hands some back), or undo it.
        self.set_handover(self.line.waiting if self.refused else 0)

    def _typed(self) -> None:
        text = self.qty.text()
        self.set_handover(int(text) if text.isdigit() else self._handover)

    def _condition_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._show()
            self.changed.emit()

    # -- painting ---------------------------------------------------------------------------

    def _waiting_text(self) -> str:
        line = self.line
        if line.waiting > 0:
            text = self.tr("{n} waiting on the shelf").replace("{n}", str(line.waiting))
        elif line.collected:
            text = self.tr("Already collected: {n}").replace("{n}", str(line.collected))
        else:
            text = self.tr("Nothing left to hand over")
        notes = []
        if line.short:
            notes.append(
                self.tr("{n} not found when picked, refunded").replace("{n}", str(line.short))
            )
        if line.returned:
            notes.append(self.tr("{n} returned").replace("{n}", str(line.returned)))
        return " · ".join([text, *notes])

    def _show(self) -> None:
        self.qty.setText(str(self._handover))
        self.minus.setEnabled(self._handover > 0)
        self.plus.setEnabled(self._handover < self.line.waiting)
        refused = self.refused
        self.refuse.setText(self.tr("Hand over all") if refused else self.tr("Refuse"))
        self.refuse.setAccessibleName(
            (
                self.tr("Hand over all of {name}")
                if refused
                else self.tr("The customer refuses {name}")
            ).replace("{name}", self.line.name)
        )
        self.refusal.setVisible(refused > 0)
        if refused:
            self.refused_label.setText(self.tr("{n} refused:").replace("{n}", str(refused)))
            self.refund.setText(
                self.tr(
                    "Becomes a return now, {condition}; {amount} is refunded to the original "
                    "payment under the return policy."
                )
                .replace("{condition}", condition_name(self.condition))
                .replace("{amount}", format_money(self.refund_value))
            )

    @property
    def refund_value(self) -> Money:
        """What the refused units are worth (the policy's refusal path refunds exactly this)."""
        if self.refused == 0:
            return Money.zero(self._order_line.unit_price.currency)
        return line_refund_amount(self._order_line, self.refused)

    def set_editable(self, editable: bool) -> None:
        """Freeze the row while the release runs, or for an order that cannot be released."""
        for widget in (self.minus, self.plus, self.qty, self.refuse, self.refusal):
            widget.setEnabled(editable)
        if editable:
            self._show()
