"""The refund side of a return: how the money goes back, the summary before confirming, and
the replacement goods of an exchange.

The amounts are the policy's (:func:`clerk.services.returns.preview_return`, run by the
screen on a reader): per original tender in proportion, points back as points, the points
earned on the returned part taken back; or all of it as store credit; or an exchange: the
value pays the replacement, the customer pays any difference, and what a cheaper replacement
leaves goes back to the original payment like a plain refund.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import RefundMethod, Tender
from clerk.domain.money import Money
from clerk.domain.returns import ReturnDecision
from clerk.services.returns import Exchange, exchange_due
from clerk.services.returns_desk import PurchaseLine
from clerk.services.sales import SaleLine, Tendered
from clerk.ui.screens.counter.words import money
from clerk.ui.screens.returns.words import method_name, pending_text, refund_row
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import NoteBox, touch_button

__all__ = ["RefundPanel"]


class RefundPanel(QFrame):
    """The summary and the confirm button; ``methodChanged()``, ``exchangeChanged()`` and
    ``confirmClicked()``."""

    methodChanged = Signal()
    exchangeChanged = Signal()
    confirmClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refundPanel")
        self.setProperty("card", True)
        self.decision: ReturnDecision | None = None
        self._offline = False
        self._choices: list[tuple[PurchaseLine, int, QComboBox]] = []

        title = QLabel(self.tr("Refund"), self)
        title.setProperty("cardTitle", True)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.buttons: dict[RefundMethod, QPushButton] = {}
        methods = QVBoxLayout()
        methods.setSpacing(6)
        self._method = QButtonGroup(self)
        names = {
            RefundMethod.ORIGINAL: "refundOriginal",
            RefundMethod.STORE_CREDIT: "refundStoreCredit",
            RefundMethod.EXCHANGE: "refundExchange",
        }
        for method, name in names.items():
            button = touch_button(self, name, method_name(method), method_name(method))
            button.setCheckable(True)
            button.setProperty("segment", True)
            self._method.addButton(button)
            methods.addWidget(button)
            self.buttons[method] = button
        self.original, self.store_credit, self.exchange = (
            self.buttons[RefundMethod.ORIGINAL],
            self.buttons[RefundMethod.STORE_CREDIT],
            self.buttons[RefundMethod.EXCHANGE],
        )
        self.original.setChecked(True)

        self.summary = QFrame(self)
        self.summary.setObjectName("refundSummary")
        self._rows = QGridLayout(self.summary)
        self._rows.setContentsMargins(0, 4, 0, 4)
        self._rows.setHorizontalSpacing(12)
        self._rows.setVerticalSpacing(6)
        self._rows.setColumnStretch(0, 1)

        # An exchange: what replaces each returned line, and the difference.
        self.exchange_box = QFrame(self)
        self.exchange_box.setObjectName("exchangeBox")
        self._exchange_rows = QVBoxLayout(self.exchange_box)
        self._exchange_rows.setContentsMargins(0, 0, 0, 0)
        self._exchange_rows.setSpacing(6)
        self.difference = QLabel(self)
        self.difference.setObjectName("exchangeDifference")
        self.difference.setWordWrap(True)
        self.pay_card = touch_button(
            self, "exchangePayCard", self.tr("Card"), self.tr("The customer pays the rest by card")
        )
        self.pay_cash = touch_button(
            self, "exchangePayCash", self.tr("Cash"), self.tr("The customer pays the rest in cash")
        )
        self._pay = QButtonGroup(self)
        for button in (self.pay_card, self.pay_cash):
            button.setCheckable(True)
            button.setProperty("segment", True)
            self._pay.addButton(button)
        self.pay_card.setChecked(True)
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.pay_card)
        pay_row.addWidget(self.pay_cash)

        self.pending_box = NoteBox("refundPending", self)
        self.pending = self.pending_box.label
        self.message = QLabel(self)
        self.message.setObjectName("refundMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "muted")
        self.confirm = touch_button(
            self,
            "returnConfirm",
            self.tr("Confirm return"),
            self.tr("Confirm the return and the refund (Ctrl+Enter)"),
        )
        self.confirm.setProperty("primary", True)
        self.confirm.setMinimumHeight(TOUCH + 8)
        self.confirm.setToolTip(self.tr("Ctrl+Enter"))

        # The middle scrolls (an exchange with leftover refunds per tender can be long);
        # the methods stay on top and Confirm at the bottom, always in reach.
        body = QWidget(self)
        body.setObjectName("refundBody")
        middle = QVBoxLayout(body)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(10)
        for part in (self.exchange_box, self.difference):
            part.setParent(body)
            middle.addWidget(part)
        for button in (self.pay_card, self.pay_cash):
            button.setParent(body)
        middle.addLayout(pay_row)
        for part in (self.summary, self.pending_box):
            part.setParent(body)
            middle.addWidget(part)
        middle.addStretch(1)
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setObjectName("refundScroll")
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(methods)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.confirm)

        self._method.buttonClicked.connect(lambda _b: self._method_clicked())
        self._pay.buttonClicked.connect(lambda _b: self.exchangeChanged.emit())
        self.confirm.clicked.connect(self.confirmClicked)
        self.show_decision(None, "")

    # -- the method -----------------------------------------------------------------------

    @property
    def method(self) -> RefundMethod:
        for method, button in self.buttons.items():
            if button.isChecked():
                return method
        return RefundMethod.ORIGINAL

    def set_method(self, method: RefundMethod) -> None:
        self.buttons[method].setChecked(True)
        self._method_clicked()

    def _method_clicked(self) -> None:
        self._show_exchange_box()
        self.methodChanged.emit()

    def set_offline(self, offline: bool) -> None:
        self._offline = offline

    # -- the exchange ---------------------------------------------------------------------

    def set_exchange_lines(self, chosen: list[tuple[PurchaseLine, int]]) -> None:
        """The lines coming back (and how many): each gets a choice of replacement."""
        previous = {line.line.id: combo.currentData() for line, _q, combo in self._choices}
        for _line, _qty, combo in self._choices:
            holder = combo.parentWidget()
            if holder is not None:
                holder.deleteLater()
        self._choices = []
        for item, qty in chosen:
            if not item.replacements:
                continue
            row = QWidget(self.exchange_box)
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(4)
            label = QLabel(
                self.tr("{qty} × {name} for")
                .replace("{qty}", str(qty))
                .replace("{name}", item.line.name),
                row,
            )
            label.setWordWrap(True)
            combo = QComboBox(row)
            combo.setObjectName(f"exchangeFor_{item.line.id}")
            combo.setAccessibleName(
                self.tr("Replacement of {name}").replace("{name}", item.line.name)
            )
            combo.setMinimumHeight(TOUCH)
            combo.addItem(self.tr("No replacement"), "")
            for option in item.replacements:
                product = option.product
                combo.addItem(
                    self.tr("{size} · {colour} · {price} · {n} here")
                    .replace("{size}", product.size)
                    .replace("{colour}", product.colour)
                    .replace("{price}", money(product.price))
                    .replace("{n}", str(option.available)),
                    product.sku,
                )
            index = combo.findData(previous.get(item.line.id, ""))
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(lambda _i: self.exchangeChanged.emit())
            row_layout.addWidget(label)
            row_layout.addWidget(combo)
            self._exchange_rows.addWidget(row)
            self._choices.append((item, qty, combo))
        self.exchange.setEnabled(bool(self._choices))
        if not self._choices and self.method == RefundMethod.EXCHANGE:
            self.set_method(RefundMethod.ORIGINAL)
        self._show_exchange_box()

    def choose_replacement(self, line_id: str, sku: str) -> None:
        for item, _qty, combo in self._choices:
            if item.line.id == line_id:
                combo.setCurrentIndex(max(combo.findData(sku), 0))

    def replacement_total(self) -> Money:
        total = Money.zero()
        for item, qty, combo in self._choices:
            sku = combo.currentData()
            for option in item.replacements:
                if option.product.sku == sku:
                    total += option.product.price * qty
        return total

    def replacement_lines(self) -> list[SaleLine]:
        """The replacement goods chosen so far (an exchange)."""
        return [
            SaleLine(str(combo.currentData()), qty)
            for _item, qty, combo in self._choices
            if combo.currentData()
        ]

    def exchange_order(self, returned: Money) -> Exchange | None:
        """The exchange to send (None: no replacement chosen yet)."""
        lines = self.replacement_lines()
        if not lines:
            return None
        pay, _credit = exchange_due(returned, self.replacement_total())
        tender = Tender.CASH if self.pay_cash.isChecked() else Tender.CARD
        payments = [Tendered(tender, pay)] if not pay.is_zero() else []
        return Exchange(lines, payments)

    def _show_exchange_box(self) -> None:
        exchanging = self.method == RefundMethod.EXCHANGE
        self.exchange_box.setVisible(exchanging and bool(self._choices))
        self._update_difference()

    def _update_difference(self) -> None:
        exchanging = self.method == RefundMethod.EXCHANGE
        decision = self.decision
        pay = credit = Money.zero()
        if exchanging and decision is not None:
            pay, credit = exchange_due(decision.amount, self.replacement_total())
        if not exchanging or decision is None or self.replacement_total().is_zero():
            self.difference.hide()
            self.pay_card.hide()
            self.pay_cash.hide()
            return
        if not pay.is_zero():
            text = self.tr("The replacement costs {amount} more: the customer pays it.").replace(
                "{amount}", money(pay)
            )
        elif not credit.is_zero():
            text = self.tr(
                "The replacement costs {amount} less: it goes back to the original payment."
            ).replace("{amount}", money(credit))
        else:
            text = self.tr("Same price: nothing to pay, nothing to refund.")
        self.difference.setText(text)
        self.difference.show()
        self.pay_card.setVisible(not pay.is_zero())
        self.pay_cash.setVisible(not pay.is_zero())

    # -- the summary ----------------------------------------------------------------------

    def show_decision(self, decision: ReturnDecision | None, problem: str) -> None:
        """The policy's answer for the choices on screen (None: nothing chosen, or
        ``problem`` says what is missing)."""
        self.decision = decision
        while self._rows.count():
            taken = self._rows.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        row = 0

        def add(caption: str, value: str, name: str, bold: bool = False) -> None:
            nonlocal row
            left = QLabel(caption, self.summary)
            right = QLabel(value, self.summary)
            right.setObjectName(name)
            right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            left.setWordWrap(True)
            if bold:
                left.setStyleSheet("font-weight: 600; font-size: 13pt;")
                right.setStyleSheet("font-weight: 600; font-size: 13pt;")
            self._rows.addWidget(left, row, 0)
            self._rows.addWidget(right, row, 1)
            row += 1

        if decision is not None:
            add(self.tr("Value returned"), money(decision.amount), "refundTotal", bold=True)
            for index, refund in enumerate(decision.refunds):
                caption, amount = refund_row(refund)
                add(caption, amount, f"refundTender_{index}")
            if decision.points_to_reverse:
                add(
                    self.tr("Points earned on these items, taken back"),
                    f"−{decision.points_to_reverse}",
                    "refundPointsReversed",
                )
            self.pending_box.setText(pending_text(decision.refunds, self._offline))
        else:
            self.pending_box.setText("")
        self._update_difference()
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        self.confirm.setEnabled(decision is not None and not problem)
