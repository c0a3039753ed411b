"""The pick list's pieces: one row per order line (what to fetch, how many are picked), what
the clerk has done on an order so far, and the question of how many units are short and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clerk.services.pickup_queue import PickLine
from clerk.ui.resources import icon_pixmap
from clerk.ui.theme import TOUCH, Colors
from clerk.ui.widgets import touch_button

__all__ = [
    "SHORT_REASONS",
    "PickProgress",
    "PickRow",
    "ShortDialog",
    "ShortReason",
    "short_reason_name",
]

translate = QCoreApplication.translate

ShortReason = Literal["not_found", "damaged", "wrong_item"]
SHORT_REASONS: tuple[ShortReason, ...] = ("not_found", "damaged", "wrong_item")


def short_reason_name(reason: str) -> str:
    """Why a unit is short, in words."""
    names = {
        "not_found": translate("PickupPrepare", "Not found"),
        "damaged": translate("PickupPrepare", "Damaged"),
        "wrong_item": translate("PickupPrepare", "Wrong item"),
    }
    return names.get(reason, reason)


@dataclass
class PickProgress:
    """What the clerk has done on one order's pick list so far."""

    picked: Counter[str] = field(default_factory=Counter)  # line id → units scanned
    short: dict[str, tuple[int, ShortReason]] = field(default_factory=dict)
    shelf: str = ""

    def short_qty(self, line_id: str) -> int:
        return self.short.get(line_id, (0, "not_found"))[0]

    def left(self, line: PickLine) -> int:
        return line.waiting - self.picked[line.line_id] - self.short_qty(line.line_id)


class PickRow(QFrame):
    """One line of the pick list: the product, how many are picked, the Short button."""

    shortClicked = Signal(str)  # line id

    def __init__(self, line: PickLine, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self._colors = colors
        self.setObjectName(f"pickRow_{line.line_id}")
        self.setProperty("card", True)
        self.tick = QLabel(self)
        self.tick.setFixedSize(32, 32)
        name = QLabel(line.name, self)
        name.setObjectName(f"pickName_{line.line_id}")
        name.setStyleSheet("font-size: 13pt; font-weight: 600;")
        name.setWordWrap(True)
        facts = [self.tr("size {size}").replace("{size}", line.size)] if line.size else []
        if line.colour:
            facts.append(line.colour)
        facts.append(self.tr("EAN {ean}").replace("{ean}", line.ean or "—"))
        if line.age_restricted:
            facts.append(self.tr("18+: ID checked at release"))
        detail = QLabel(" · ".join(facts), self)
        detail.setProperty("role", "muted")
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel(self)
        self.state.setObjectName(f"pickState_{line.line_id}")
        self.state.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(name)
        words.addWidget(detail)
        words.addWidget(self.state)
        self.count = QLabel(self)
        self.count.setObjectName(f"pickCount_{line.line_id}")
        self.count.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setMinimumWidth(84)
        self.short = touch_button(
            self,
            f"pickShort_{line.line_id}",
            self.tr("Short…"),
            self.tr("Mark units of {name} short").replace("{name}", line.name),
        )
        self.short.clicked.connect(lambda: self.shortClicked.emit(self.line.line_id))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(14)
        layout.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.short)

    def show_progress(self, progress: PickProgress) -> None:
        line, c = self.line, self._colors
        picked = progress.picked[line.line_id]
        short = progress.short.get(line.line_id)
        done = progress.left(line) <= 0
        self.count.setText(
            self.tr("{done} / {all}")
            .replace("{done}", str(picked))
            .replace("{all}", str(line.waiting))
        )
        colour = c.ok if done and not short else (c.warn if short else c.muted)
        self.tick.setPixmap(icon_pixmap("check" if done else "scan", colour, 28))
        self.count.setStyleSheet(f"font-size: 18pt; font-weight: 600; color: {colour};")
        if short:
            self.state.setText(
                self.tr("{n} short: {reason} — refunded, central tells the customer")
                .replace("{n}", str(short[0]))
                .replace("{reason}", short_reason_name(short[1]))
            )
            self.state.setStyleSheet(f"color: {c.warn};")
        elif done:
            self.state.setText(self.tr("Picked"))
            self.state.setStyleSheet(f"color: {c.ok};")
        else:
            self.state.setText(self.tr("Scan {n} more").replace("{n}", str(progress.left(line))))
            self.state.setStyleSheet(f"color: {c.muted};")


class ShortDialog(QDialog):
    """How many units of a line cannot be handed over, and why; ``decided(qty, reason)``."""

    decided = Signal(int, str)

    def __init__(
        self,
        line: PickLine,
        qty: int,
        reason: ShortReason,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortDialog")
        self.setWindowTitle(self.tr("Short pick"))
        self._max = line.waiting
        self._qty = max(qty, 1) if qty else 1
        heading = QLabel(
            self.tr("{name}: units that cannot be handed over").replace("{name}", line.name), self
        )
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        heading.setWordWrap(True)
        less = touch_button(self, "shortLess", "−", self.tr("One unit fewer"))
        more = touch_button(self, "shortMore", "+", self.tr("One unit more"))
        for button in (less, more):
            button.setMinimumWidth(TOUCH + 8)
            button.setStyleSheet("font-size: 18pt;")
        less.clicked.connect(lambda: self._step(-1))
        more.clicked.connect(lambda: self._step(1))
        self.qty = QLabel(self)
        self.qty.setObjectName("shortQty")
        self.qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qty.setMinimumWidth(120)
        self.qty.setStyleSheet("font-size: 18pt; font-weight: 600;")
        count = QHBoxLayout()
        count.addWidget(less)
        count.addWidget(self.qty)
        count.addWidget(more)
        count.addStretch(1)

        self.reasons = QButtonGroup(self)
        reasons = QHBoxLayout()
        reasons.setSpacing(8)
        for key in SHORT_REASONS:
            button = touch_button(
                self,
                f"shortReason_{key}",
                short_reason_name(key),
                self.tr("Reason: {reason}").replace("{reason}", short_reason_name(key)),
            )
            button.setCheckable(True)
            button.setProperty("reason", key)
            button.setChecked(key == reason)
            self.reasons.addButton(button)
            reasons.addWidget(button)
        note = QLabel(
            self.tr(
                "The order becomes ready without these units. The customer is refunded for "
                "them, and central tells the customer."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        clear = touch_button(self, "shortClear", self.tr("None short"), self.tr("No unit short"))
        clear.clicked.connect(lambda: self._decide(0))
        clear.setVisible(qty > 0)
        cancel = touch_button(self, "shortCancel", self.tr("Cancel"), self.tr("Keep the line"))
        cancel.clicked.connect(self.reject)
        self.confirm = touch_button(
            self,
            "shortConfirm",
            self.tr("Mark short"),
            self.tr("Mark the units short"),
        )
        self.confirm.setProperty("primary", True)
        self.confirm.clicked.connect(lambda: self._decide(self._qty))
        buttons = QHBoxLayout()
        buttons.addWidget(clear)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(count)
        layout.addLayout(reasons)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self._step(0)

    def _step(self, delta: int) -> None:
        self._qty = min(max(self._qty + delta, 1), self._max)
        self.qty.setText(
            self.tr("{n} of {all}").replace("{n}", str(self._qty)).replace("{all}", str(self._max))
        )

    def set_qty(self, qty: int) -> None:
        self._qty = qty
        self._step(0)

    def choose_reason(self, reason: ShortReason) -> None:
        for button in self.reasons.buttons():
            button.setChecked(button.property("reason") == reason)

    def _decide(self, qty: int) -> None:
        checked = self.reasons.checkedButton()
        reason = str(checked.property("reason")) if checked is not None else "not_found"
        self.decided.emit(qty, reason)
        self.accept()
