"""How the customer pays at the checkout: points in blocks, then card and cash (split if asked).

:func:`balance` is the arithmetic (plain, no Qt); :class:`PaymentPanel` is the card on the
right of the checkout: the amount due, the points, card and cash, and what is still missing.
Amounts are typed the Polish way ("59,97"; a dot works too) and never go through a float.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import partial

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.entities import Customer, Tender, Tier
from clerk.domain.loyalty import (
    BLOCK_VALUE,
    POINTS_PER_BLOCK,
    max_redeemable_points,
    points_earned,
    redemption_value,
)
from clerk.domain.money import Money, format_money
from clerk.services.sales import Tendered
from clerk.ui.screens.counter.basket_row import MessageBox
from clerk.ui.screens.counter.tender_balance import TenderBalance, balance, note_suggestions
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import touch_button

__all__ = [
    "MoneyField",
    "PaymentPanel",
    "TenderBalance",
    "balance",
    "note_suggestions",
    "points",
]


def points(n: int) -> str:
    """``1 000 pts``, grouped with no-break spaces."""
    grouped = f"{n:,}".replace(",", "\u00a0")
    return QCoreApplication.translate("Checkout", "{points} pts").replace("{points}", grouped)


def amount_text(money: Money) -> str:
    """``59,97``: how an amount is typed into a field."""
    return f"{money.amount:.2f}".replace(".", ",")


class MoneyField(QLineEdit):
    """A field for an amount in PLN: digits with a decimal comma (or dot), up to the grosz."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,6}([.,]\d{0,2})?"), self)
        )
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumHeight(TOUCH)
        self.setMinimumWidth(100)  # "1 000,00" at the field's size
        self.setPlaceholderText("0,00")
        self.setProperty("money", True)

    def value(self) -> Money | None:
        """The amount typed, None when the field is empty."""
        text = self.text().strip().replace(",", ".")
        if not text or text == ".":
            return None
        try:
            return Money(Decimal(text))
        except (InvalidOperation, ValueError):
            return None

    def amount(self) -> Money:
        """The amount typed, zero when empty."""
        value = self.value()
        return value if value is not None else Money.zero()

    def set_amount(self, money: Money | None) -> None:
        self.setText("" if money is None or money.is_zero() else amount_text(money))


def _caption(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("tenderName", True)
    return label


class PaymentPanel(QFrame):
    """How the customer pays: the amount due, big; points in blocks of 100 (with a customer),
    capped by the balance and the basket; card (amount and the terminal's reference) and cash
    (amount, what was handed over, the change); one-tap "for the rest"; what is missing or over,
    in words.

    ``changed()`` fires on every edit, the points included.
    """

    changed = Signal()

    def __init__(self, customer: Customer | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutPayment")
        self.setProperty("card", True)
        self._total = Money.zero()
        self._credit = Money.zero()  # what store credit pays before this panel
        self._balance = max(customer.points_balance, 0) if customer is not None else 0
        self._tier = Tier(customer.tier) if customer is not None else None
        self._points = 0
        self._cap = 0

        # The amount due.
        caption = QLabel(self.tr("To pay"), self)
        caption.setProperty("cardTitle", True)
        self.due_note = QLabel(self)
        self.due_note.setObjectName("checkoutDueNote")
        self.due_note.setProperty("role", "muted")
        self.due_note.setWordWrap(True)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("checkoutDue")
        self.due_label.setAccessibleName(self.tr("Amount to pay"))
        self.due_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        captions = QVBoxLayout()
        captions.setSpacing(0)
        captions.addWidget(caption)
        captions.addWidget(self.due_note)
        head = QHBoxLayout()
        head.addLayout(captions, 1)
        head.addWidget(self.due_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        row = 0

        # Points, with a customer.
        self.points_row: QWidget | None = None
        if customer is not None:
            self.less = touch_button(self, "pointsLess", "−", self.tr("Redeem 100 points less"))
            self.more = touch_button(self, "pointsMore", "+", self.tr("Redeem 100 points more"))
            for button in (self.less, self.more):
                button.setFixedSize(TOUCH, TOUCH)
                button.setProperty("stepper", True)
            self.redeem_label = QLabel(self)
            self.redeem_label.setObjectName("pointsRedeemed")
            self.redeem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.redeem_label.setMinimumWidth(84)
            self.most = touch_button(
                self, "pointsMost", self.tr("All"), self.tr("Redeem as many points as allowed")
            )
            self.value_label = QLabel(self)
            self.value_label.setObjectName("pointsValue")
            self.value_label.setProperty("figure", True)
            self.value_label.setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            stepper = QHBoxLayout()
            stepper.setSpacing(6)
            stepper.addWidget(self.less)
            stepper.addWidget(self.redeem_label)
            stepper.addWidget(self.more)
            stepper.addWidget(self.most)
            stepper.addStretch(1)
            stepper.addWidget(self.value_label)
            self.points_note = QLabel(self)
            self.points_note.setObjectName("pointsNote")
            self.points_note.setProperty("role", "muted")
            self.points_note.setWordWrap(True)
            grid.addWidget(_caption(self, self.tr("Points")), row, 0)
            grid.addLayout(stepper, row, 1, 1, 2)
            grid.addWidget(self.points_note, row + 1, 1, 1, 2)
            row += 2
            self.less.clicked.connect(lambda: self.set_points(self._points - POINTS_PER_BLOCK))
            self.more.clicked.connect(lambda: self.set_points(self._points + POINTS_PER_BLOCK))
            self.most.clicked.connect(lambda: self.set_points(self._cap))

        # Card.
        self.card_amount = MoneyField("checkoutCardAmount", self.tr("Amount paid by card"), self)
        self.card_rest = touch_button(
            self, "checkoutCardRest", self.tr("Card for the rest"), self.tr("Pay the rest by card")
        )
        self.card_reference = QLineEdit(self)
        self.card_reference.setObjectName("checkoutCardReference")
        self.card_reference.setAccessibleName(self.tr("Card terminal reference"))
        self.card_reference.setPlaceholderText(self.tr("Terminal reference from the slip"))
        self.card_reference.setMaxLength(64)
        self.card_reference.setMinimumHeight(TOUCH)
        grid.addWidget(_caption(self, self.tr("Card")), row, 0)
        grid.addWidget(self.card_amount, row, 1)
        grid.addWidget(self.card_rest, row, 2)
        grid.addWidget(self.card_reference, row + 1, 1, 1, 2)
        row += 2

        # Cash.
        self.cash_amount = MoneyField("checkoutCashAmount", self.tr("Amount paid in cash"), self)
        self.cash_rest = touch_button(
            self, "checkoutCashRest", self.tr("Cash for the rest"), self.tr("Pay the rest in cash")
        )
        self.cash_given = MoneyField(
            "checkoutCashGiven", self.tr("Cash the customer handed over"), self
        )
        self.quick: list[QPushButton] = []
        exact = touch_button(
            self, "cashGivenExact", self.tr("Exact"), self.tr("The customer gave the exact amount")
        )
        exact.clicked.connect(lambda: self.cash_given.set_amount(self.cash_amount.amount()))
        self.quick.append(exact)
        self._notes: list[Money] = []
        given_row = QHBoxLayout()
        given_row.setSpacing(6)
        given_row.addWidget(self.cash_given, 1)
        given_row.addWidget(exact)
        for i in range(2):
            button = touch_button(self, f"cashGivenNote{i + 1}", "", "")
            button.clicked.connect(partial(self._note_given, i))
            given_row.addWidget(button)
            self.quick.append(button)
        self.change_label = QLabel(self)
        self.change_label.setObjectName("checkoutChange")
        self.change_label.setAccessibleName(self.tr("Change due"))
        self.change_label.setProperty("figure", True)
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        given_caption = QLabel(self.tr("Given"), self)
        given_caption.setProperty("role", "muted")
        change_caption = QLabel(self.tr("Change"), self)
        change_caption.setProperty("role", "muted")
        grid.addWidget(_caption(self, self.tr("Cash")), row, 0)
        grid.addWidget(self.cash_amount, row, 1)
        grid.addWidget(self.cash_rest, row, 2)
        grid.addWidget(given_caption, row + 1, 0)
        grid.addLayout(given_row, row + 1, 1, 1, 2)
        grid.addWidget(change_caption, row + 2, 0)
        grid.addWidget(self.change_label, row + 2, 1, 1, 2)
        self._given_row = (given_caption, self.cash_given, *self.quick)

        self.balance_box = MessageBox("checkoutBalance", self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(_rule(self))
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.balance_box)

        self.card_rest.clicked.connect(self.card_for_the_rest)
        self.cash_rest.clicked.connect(self.cash_for_the_rest)
        for field in (self.card_amount, self.cash_amount, self.cash_given, self.card_reference):
            field.textChanged.connect(self._edited)
        self._render()

    # -- points -----------------------------------------------------------------------------

    @property
    def points(self) -> int:
        """The points to redeem (whole blocks, within the cap)."""
        return self._points

    @property
    def points_cap(self) -> int:
        """The most points this basket lets the customer redeem."""
        return self._cap

    @property
    def points_value(self) -> Money:
        return redemption_value(self._points)

    def set_points(self, wanted: int) -> None:
        """Redeem ``wanted`` points, rounded down to a block and held within 0..cap."""
        wanted = max(0, min(wanted - wanted % POINTS_PER_BLOCK, self._cap))
        if wanted != self._points:
            self._points = wanted
            self._render()
            self.changed.emit()

    # -- money ------------------------------------------------------------------------------

    def set_total(self, total: Money, credit: Money | None = None) -> None:
        """The basket's total (less the ``credit`` store credit pays): the points cap follows
        it (never past the total), so does the amount due."""
        self._total, self._credit = total, credit or Money.zero()
        self._cap = max_redeemable_points(self._balance, total) if self._tier else 0
        self._points = min(self._points, self._cap)
        self._render()

    @property
    def due(self) -> Money:
        return self._total - self.points_value

    @property
    def state(self) -> TenderBalance:
        return balance(
            self.due, self.card_amount.amount(), self.cash_amount.amount(), self.cash_given.value()
        )

    @property
    def has_input(self) -> bool:
        """Whether the clerk entered anything here (points or tenders)."""
        return bool(self._points) or any(
            f.text().strip()
            for f in (self.card_amount, self.cash_amount, self.cash_given, self.card_reference)
        )

    def payments(self) -> list[Tendered]:
        """The tenders to record (zero amounts left out)."""
        state = self.state
        result = []
        if not state.card.is_zero():
            reference = self.card_reference.text().strip() or None
            result.append(Tendered(Tender.CARD, state.card, reference))
        if not state.cash.is_zero():
            result.append(Tendered(Tender.CASH, state.cash))
        return result

    def card_for_the_rest(self) -> None:
        """The card pays what the cash does not."""
        self.card_amount.set_amount(max(self.due - self.cash_amount.amount(), Money.zero()))
        self.card_reference.setFocus()

    def cash_for_the_rest(self) -> None:
        """Cash pays what the card does not."""
        self.cash_amount.set_amount(max(self.due - self.card_amount.amount(), Money.zero()))
        self.cash_given.setFocus()

    def _note_given(self, index: int) -> None:
        if index < len(self._notes):
            self.cash_given.set_amount(self._notes[index])

    # -- painting ---------------------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        self._render()
        self.changed.emit()

    def _render(self) -> None:
        self._render_points()
        due = self.due
        self.due_label.setText(format_money(due))
        value = self.points_value
        self.due_note.setText(
            self.tr("{total} less {value} in points")
            .replace("{total}", format_money(self._total))
            .replace("{value}", format_money(value))
        )
        self.due_note.setVisible(not value.is_zero())

        state = self.state
        has_cash = not state.cash.is_zero()
        for widget in self._given_row:
            widget.setEnabled(has_cash)
        self._notes = note_suggestions(state.cash, 2) if has_cash else []
        for i, button in enumerate(self.quick[1:]):
            note = self._notes[i] if i < len(self._notes) else None
            button.setVisible(note is not None)
            if note is not None:
                text = format_money(note)
                button.setText(text)
                button.setAccessibleName(
                    self.tr("The customer gave {amount}").replace("{amount}", text)
                )
        self.change_label.setText(format_money(state.change))
        level, text = self._balance_words(state)
        self.balance_box.say(text, level)

    def _render_points(self) -> None:
        if self._tier is None:
            return
        self.redeem_label.setText(points(self._points))
        value = self.points_value
        self.value_label.setText(
            self.tr("− {value}").replace("{value}", format_money(value)) if self._points else ""
        )
        self.less.setEnabled(self._points > 0)
        self.more.setEnabled(self._points < self._cap)
        self.most.setEnabled(self._points < self._cap)
        earns = points(points_earned(self._total - value, self._tier))
        worth = format_money(BLOCK_VALUE * (self._balance // POINTS_PER_BLOCK))
        if self._balance < POINTS_PER_BLOCK:
            text = self.tr(
                "Balance {balance}: too few to redeem (100 points = {block}). This sale earns "
                "{earned}."
            )
        else:
            text = self.tr("Balance {balance}, worth {worth}. This sale earns {earned}.")
        self.points_note.setText(
            text.replace("{balance}", points(self._balance))
            .replace("{block}", format_money(BLOCK_VALUE))
            .replace("{worth}", worth)
            .replace("{earned}", earns)
        )

    def _balance_words(self, state: TenderBalance) -> tuple[str, str]:
        """How the tenders stand, in words, and the message's level."""
        if self._total.is_zero() and self._credit.is_zero():
            return "info", self.tr("Scan or type a product to start the sale.")
        if state.due.is_zero() and state.paid.is_zero() and not self._credit.is_zero():
            return "ok", self.tr("Store credit pays for the rest; nothing more to take.")
        if state.due.is_zero() and state.paid.is_zero():
            return "ok", self.tr("Points pay for everything; nothing more to take.")
        if not state.missing.is_zero():
            text = self.tr("{amount} still to pay.")
            return "info", text.replace("{amount}", format_money(state.missing))
        if not state.over.is_zero():
            text = self.tr(
                "{amount} too much — lower the card or the cash amount so they add up to the "
                "amount to pay."
            )
            return "error", text.replace("{amount}", format_money(state.over))
        if state.needs_given:
            return "info", self.tr("Type or tap how much cash the customer handed over.")
        if not state.cash_short.is_zero():
            text = self.tr("The cash handed over is {amount} short of the cash amount.")
            return "error", text.replace("{amount}", format_money(state.cash_short))
        if state.change.is_zero():
            return "ok", self.tr("Paid in full.")
        text = self.tr("Paid in full. Give {change} back.")
        return "ok", text.replace("{change}", format_money(state.change))


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setObjectName("paymentRule")
    line.setFixedHeight(1)
    return line
