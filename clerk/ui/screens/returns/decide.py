"""The purchase on the return desk: its head, its lines to decide one by one, and the refund
panel beside them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import RefundMethod
from clerk.domain.returns import ReturnDecision
from clerk.services.returns import ManagerOverride, ReturnItem
from clerk.services.returns_desk import Purchase
from clerk.ui.screens.counter.words import money, status_name
from clerk.ui.screens.returns.lines import ReturnLineRow
from clerk.ui.screens.returns.refund import RefundPanel
from clerk.ui.screens.returns.words import order_facts
from clerk.ui.texts import store_time
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["DecidePage", "returns_style"]

REFUND_WIDTH = 420


def returns_style(c: Colors) -> str:
    """The look of the Returns screen's rows and notes (beside the app's theme)."""
    return f"""
QPushButton[stepper="true"] {{ font-size: 16pt; padding: 0; }}
QPushButton[segment="true"] {{ border: 2px solid {c.border}; }}
QPushButton[segment="true"]:checked {{ border-color: {c.accent}; background: {c.info_bg}; }}
QLineEdit[qty="true"] {{ font-size: 14pt; }}
QLabel[lineName="true"] {{ font-size: 13pt; font-weight: 600; }}
QFrame[returnRow="true"] {{ border: none; border-bottom: 1px solid {c.border}; }}
QFrame[returnChoice="true"] {{ background: {c.info_bg}; border-radius: 8px; }}
QLabel[level="ok"] {{ color: {c.ok}; font-weight: 600; }}
QLabel[level="warning"] {{ color: {c.warn}; font-weight: 600; }}
QLabel[level="muted"] {{ color: {c.muted}; }}
QLabel[override="true"] {{ color: {c.warn}; }}
#returnsOrderTitle {{ font-size: 18pt; font-weight: 600; }}
#returnsLinesScroll, #returnsLinesBody {{ background: transparent; border: none; }}
#refundScroll, #refundBody {{ background: transparent; border: none; }}
#refundPendingBox, #returnDonePendingBox {{ background: {c.warn_bg}; border-radius: 8px; }}
#refundPending, #returnDonePending {{ color: {c.warn}; font-weight: 600; }}
#returnDoneStatus {{ font-size: 13pt; }}
#returnDoneStatus[level="error"] {{ color: {c.error}; font-weight: 600; }}
"""


class DecidePage(QWidget):
    """``backClicked()``; ``changed()`` after any edit of a line or of the refund;
    ``overrideRequested(row)``."""

    backClicked = Signal()
    changed = Signal()
    overrideRequested = Signal(object)

    def __init__(self, colors: Colors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsDecide")
        self._colors = colors
        self.purchase: Purchase | None = None
        self.rows: list[ReturnLineRow] = []

        self.back = touch_button(
            self, "returnsBack", self.tr("← Another order"), self.tr("Back to finding an order")
        )
        self.title = QLabel(self)
        self.title.setObjectName("returnsOrderTitle")
        self.facts = QLabel(self)
        self.facts.setObjectName("returnsOrderFacts")
        self.facts.setProperty("role", "muted")
        self.facts.setWordWrap(True)
        self.earlier = QLabel(self)
        self.earlier.setObjectName("returnsEarlier")
        self.earlier.setWordWrap(True)
        head_words = QVBoxLayout()
        head_words.setSpacing(2)
        head_words.addWidget(self.title)
        head_words.addWidget(self.facts)
        head_words.addWidget(self.earlier)
        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_words, 1)

        self.body = QWidget()
        self.body.setObjectName("returnsLinesBody")
        self._lines = QVBoxLayout(self.body)
        self._lines.setContentsMargins(0, 0, 8, 0)
        self._lines.setSpacing(0)
        self._lines.addStretch(1)
        self.lines_scroll = QScrollArea(self)
        self.lines_scroll.setObjectName("returnsLinesScroll")
        self.lines_scroll.setWidgetResizable(True)
        self.lines_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_scroll.setWidget(self.body)
        lines_card = QFrame(self)
        lines_card.setProperty("card", True)
        lines_layout = QVBoxLayout(lines_card)
        lines_layout.setContentsMargins(20, 12, 12, 12)
        lines_layout.addWidget(self.lines_scroll)

        self.refund = RefundPanel(self)
        self.refund.setFixedWidth(REFUND_WIDTH)
        self.refund.methodChanged.connect(self.changed)
        self.refund.exchangeChanged.connect(self.changed)

        columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.addWidget(lines_card, 1)
        columns.addWidget(self.refund)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(head)
        layout.addLayout(columns, 1)
        self.back.clicked.connect(self.backClicked)

    def show_purchase(self, purchase: Purchase) -> None:
        """A purchase, every line at zero."""
        self.purchase = purchase
        order = purchase.order
        self.title.setText(self.tr("Order {number}").replace("{number}", order.number or order.id))
        self.facts.setText(
            order_facts(purchase)
            + " · "
            + status_name(str(order.status))
            + " · "
            + self.tr("paid {total}").replace("{total}", money(order.paid_total))
        )
        earlier = [
            self.tr("{when}: {amount} ({status})")
            .replace("{when}", store_time(ret.created_at, "%d.%m.%Y"))
            .replace("{amount}", money(ret.amount))
            .replace("{status}", status_name(ret.status))
            for ret in purchase.returns
        ]
        self.earlier.setText(
            self.tr("Returned before: {list}").replace("{list}", "; ".join(earlier))
            if earlier
            else ""
        )
        self.earlier.setVisible(bool(earlier))
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for item in purchase.lines:
            row = ReturnLineRow(item, purchase.window_days, self._colors, self.body)
            row.changed.connect(self._row_changed)
            row.overrideRequested.connect(self.overrideRequested)
            self._lines.insertWidget(self._lines.count() - 1, row)
            self.rows.append(row)
        self.refund.set_method(RefundMethod.ORIGINAL)
        self._row_changed()

    def row(self, line_id: str) -> ReturnLineRow:
        return next(r for r in self.rows if r.item.line.id == line_id)

    def _row_changed(self) -> None:
        chosen = [(row.item, row.chosen_qty) for row in self.rows if row.chosen_qty > 0]
        self.refund.set_exchange_lines(chosen)
        self.changed.emit()

    # -- what the clerk chose ---------------------------------------------------------------

    def items(self) -> list[ReturnItem]:
        return [item for row in self.rows if (item := row.return_item()) is not None]

    def override(self) -> ManagerOverride | None:
        """One approval for the return: the managers' reasons of every overridden line."""
        used = [r.override for r in self.rows if r.override is not None and r.chosen_qty > 0]
        if not used:
            return None
        reasons = list(dict.fromkeys(o.reason for o in used if o is not None))
        last = used[-1]
        assert last is not None
        return ManagerOverride(last.manager_id, "; ".join(reasons))

    def problem(self) -> str:
        """What stops the return, in words ("" when it can be confirmed)."""
        if not any(row.chosen_qty for row in self.rows):
            return self.tr("Choose how many of which items come back.")
        if any(row.needs_reason for row in self.rows):
            return self.tr("Choose why each item comes back.")
        if any(row.needs_override for row in self.rows):
            return self.tr("An item outside the policy needs a manager's override.")
        return ""

    def show_decision(self, decision: ReturnDecision | None, problem: str) -> None:
        self.refund.show_decision(decision, problem)
