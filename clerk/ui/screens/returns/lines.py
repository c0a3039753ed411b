"""One order line at the return desk: bought, already returned, returnable now and the
policy's verdict in words; how many come back, why, and in what state; a manager's override
when the policy says no.

The row keeps its choices (quantity, reason, condition, override) and says ``changed()``; the
screen asks the policy (on a reader) what they add up to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from clerk.domain.entities import ReturnCondition, ReturnReason
from clerk.services.returns import ManagerOverride, ReturnItem
from clerk.services.returns_desk import PurchaseLine
from clerk.ui.screens.counter.words import money
from clerk.ui.screens.pickup.release_lines import reason_name
from clerk.ui.screens.returns.words import RETURN_REASONS, verdict_level, verdict_text
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import qty_stepper, segment_group, touch_button

__all__ = ["ReturnLineRow"]


class ReturnLineRow(QFrame):
    """One order line; ``changed()`` after every edit, ``overrideRequested(row)`` when the
    clerk asks a manager to let an out-of-policy line through."""

    changed = Signal()
    overrideRequested = Signal(object)

    def __init__(
        self, item: PurchaseLine, window_days: int, colors: Colors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.override: ManagerOverride | None = None
        self.override_name = ""
        self._colors = colors
        line = item.line
        key = line.id
        self.setObjectName(f"returnLine_{key}")
        self.setProperty("returnRow", True)

        self.name = QLabel(line.name, self)
        self.name.setObjectName(f"returnLineName_{key}")
        self.name.setProperty("lineName", True)
        self.name.setWordWrap(True)
        self.details = QLabel(self._details(), self)
        self.details.setProperty("role", "muted")
        self.details.setWordWrap(True)
        self.facts = QLabel(self._facts(), self)
        self.facts.setObjectName(f"returnLineFacts_{key}")
        self.facts.setWordWrap(True)
        self.verdict = QLabel(verdict_text(item.verdict, window_days), self)
        self.verdict.setObjectName(f"returnLineVerdict_{key}")
        self.verdict.setWordWrap(True)
        self.verdict.setProperty("level", verdict_level(item.verdict))

        caption = QLabel(self.tr("Returned now"), self)
        caption.setProperty("role", "muted")
        self.minus, self.qty, self.plus = qty_stepper(
            self,
            "return",
            key,
            (
                self.tr("One less of {name}").replace("{name}", line.name),
                self.tr("Units of {name} returned now").replace("{name}", line.name),
                self.tr("One more of {name}").replace("{name}", line.name),
            ),
            0,
            max(item.returnable, 0),
        )
        self.qty.setText("0")
        self.amount = QLabel(money(line.total), self)
        self.amount.setObjectName(f"returnLineTotal_{key}")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        stepper = QHBoxLayout()
        stepper.setSpacing(6)
        stepper.addWidget(caption)
        stepper.addWidget(self.minus)
        stepper.addWidget(self.qty)
        stepper.addWidget(self.plus)

        # Why and in what state: shown once at least one unit comes back.
        self.choice = QFrame(self)
        self.choice.setObjectName(f"returnChoice_{key}")
        self.choice.setProperty("returnChoice", True)
        self.reason = QComboBox(self.choice)
        self.reason.setObjectName(f"returnReason_{key}")
        self.reason.setAccessibleName(self.tr("Why {name} comes back").replace("{name}", line.name))
        self.reason.setMinimumHeight(TOUCH)
        self.reason.addItem(self.tr("Choose the reason…"), "")
        for reason in RETURN_REASONS:
            self.reason.addItem(reason_name(ReturnReason(reason)), reason)
        self.resellable = touch_button(
            self.choice,
            f"returnResellable_{key}",
            self.tr("Resellable: back to stock"),
            self.tr("{name} goes back to stock here").replace("{name}", line.name),
        )
        self.damaged = touch_button(
            self.choice,
            f"returnDamaged_{key}",
            self.tr("Damaged: not sellable"),
            self.tr("{name} is damaged and not sellable").replace("{name}", line.name),
        )
        self._condition = segment_group(self, self.resellable, self.damaged)
        self.override_button = touch_button(
            self.choice,
            f"returnOverride_{key}",
            self.tr("Manager override…"),
            self.tr("Ask a manager to allow returning {name}").replace("{name}", line.name),
        )
        self.override_label = QLabel(self.choice)
        self.override_label.setObjectName(f"returnOverrideNote_{key}")
        self.override_label.setWordWrap(True)
        self.override_label.setProperty("override", True)
        choice = QGridLayout(self.choice)
        choice.setContentsMargins(12, 8, 12, 8)
        choice.setHorizontalSpacing(8)
        choice.setVerticalSpacing(6)
        choice.addWidget(self.reason, 0, 0, 1, 2)
        choice.addWidget(self.resellable, 1, 0)
        choice.addWidget(self.damaged, 1, 1)
        choice.addWidget(self.override_label, 2, 0, 1, 2)
        choice.addWidget(self.override_button, 3, 0)
        choice.setColumnStretch(0, 1)
        choice.setColumnStretch(1, 1)

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 10, 4, 10)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.amount, 0, 1)
        grid.addWidget(self.details, 1, 0, 1, 2)
        grid.addWidget(self.facts, 2, 0)
        grid.addLayout(stepper, 2, 1, 2, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.verdict, 3, 0)
        grid.addWidget(self.choice, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)

        self.minus.clicked.connect(lambda: self.set_qty(self.chosen_qty - 1))
        self.plus.clicked.connect(lambda: self.set_qty(self.chosen_qty + 1))
        self.qty.textEdited.connect(lambda _text: self._edited())
        self.reason.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._condition.buttonClicked.connect(lambda _b: self.changed.emit())
        self.override_button.clicked.connect(lambda: self.overrideRequested.emit(self))
        self._update()

    # -- state ----------------------------------------------------------------------------

    @property
    def chosen_qty(self) -> int:
        text = self.qty.text().strip()
        return int(text) if text.isdigit() else 0

    @property
    def reason_code(self) -> str:
        return str(self.reason.currentData() or "")

    @property
    def condition(self) -> ReturnCondition:
        if self.damaged.isChecked():
            return ReturnCondition.DAMAGED
        return ReturnCondition.RESELLABLE

    @property
    def needs_override(self) -> bool:
        """A unit comes back that the policy refuses, and no manager has allowed it yet."""
        return self.chosen_qty > 0 and self.item.verdict.needs_override and self.override is None

    @property
    def needs_reason(self) -> bool:
        return self.chosen_qty > 0 and not self.reason_code

    def return_item(self) -> ReturnItem | None:
        """What comes back of this line (None: nothing, or no reason chosen yet)."""
        if self.chosen_qty <= 0 or not self.reason_code:
            return None
        return ReturnItem(
            self.item.line.id, self.chosen_qty, ReturnReason(self.reason_code), self.condition
        )

    def set_qty(self, qty: int) -> None:
        qty = max(0, min(qty, self.item.returnable))
        self.qty.setText(str(qty))
        self._update()
        self.changed.emit()

    def set_reason(self, reason: ReturnReason) -> None:
        index = self.reason.findData(str(reason))
        if index >= 0:
            self.reason.setCurrentIndex(index)

    def set_override(self, override: ManagerOverride | None, manager_name: str = "") -> None:
        """A manager allowed this line (None: forget it)."""
        self.override = override
        self.override_name = manager_name
        self._update()
        self.changed.emit()

    def _edited(self) -> None:
        if self.chosen_qty > self.item.returnable:
            self.qty.setText(str(self.item.returnable))
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        qty = self.chosen_qty
        returnable = self.item.returnable
        self.minus.setEnabled(qty > 0)
        self.plus.setEnabled(qty < returnable)
        self.qty.setEnabled(returnable > 0)
        self.choice.setVisible(qty > 0)
        out_of_policy = self.item.verdict.needs_override
        self.override_button.setVisible(out_of_policy and self.override is None)
        if self.override is not None:
            self.override_label.setText(
                self.tr("Allowed by {manager}: {reason}")
                .replace("{manager}", self.override_name or self.override.manager_id)
                .replace("{reason}", self.override.reason)
            )
        elif out_of_policy:
            self.override_label.setText(
                self.tr("Outside the policy: a manager must allow it with their PIN.")
            )
        self.override_label.setVisible(out_of_policy)

    # -- words ----------------------------------------------------------------------------

    def _details(self) -> str:
        product = self.item.product
        parts = [self.item.line.sku]
        if product is not None:
            if product.size:
                parts.append(self.tr("size {size}").replace("{size}", product.size))
            if product.colour:
                parts.append(product.colour)
        parts.append(
            self.tr("{qty} × {price}")
            .replace("{qty}", str(self.item.bought))
            .replace("{price}", money(self.item.line.unit_price))
        )
        return " · ".join(parts)

    def _facts(self) -> str:
        return (
            self.tr("Bought {bought} · already returned {returned} · returnable now {now}")
            .replace("{bought}", str(self.item.bought))
            .replace("{returned}", str(self.item.already_returned))
            .replace("{now}", str(self.item.returnable))
        )
