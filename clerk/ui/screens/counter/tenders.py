"""How the customer pays at the checkout: points in blocks, then card and cash (split if asked).

:func:`balance` is the arithmetic (plain, no Qt); :class:`PointsPanel` and :class:`TenderPanel`
are the two cards on the right of the checkout. Amounts are typed the Polish way ("59,97"; a dot
works too) and never go through a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from functools import partial

from PySide6.QtCore import QRegularExpression, Qt, Signal
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
from clerk.ui.screens.counter.basket import touch_button
from clerk.ui.theme import TOUCH

__all__ = ["MoneyField", "PointsPanel", "TenderBalance", "TenderPanel", "balance", "points"]

_NOTES = (10, 50, 100, 200, 500)  # the round amounts a customer hands over


def points(n: int) -> str:
    """``1 000 pts``, grouped with no-break spaces (translated in the Counter's words)."""
    from clerk.ui.screens.counter.words import points_text

    return points_text(n)


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


@dataclass(frozen=True)
class TenderBalance:
    """The tenders against the amount due."""

    due: Money
    card: Money
    cash: Money
    given: Money | None

    @property
    def paid(self) -> Money:
        return self.card + self.cash

    @property
    def missing(self) -> Money:
        return max(self.due - self.paid, Money.zero())

    @property
    def over(self) -> Money:
        return max(self.paid - self.due, Money.zero())

    @property
    def needs_given(self) -> bool:
        """Cash is taken but what the customer handed over is not typed yet."""
        return not self.cash.is_zero() and self.given is None

    @property
    def cash_short(self) -> Money:
        """How much the cash handed over falls short of the cash part."""
        if self.cash.is_zero() or self.given is None:
            return Money.zero()
        return max(self.cash - self.given, Money.zero())

    @property
    def change(self) -> Money:
        """The change to hand back."""
        if self.cash.is_zero() or self.given is None:
            return Money.zero()
        return max(self.given - self.cash, Money.zero())

    @property
    def complete(self) -> bool:
        return self.paid == self.due and not self.needs_given and self.cash_short.is_zero()


def balance(due: Money, card: Money, cash: Money, given: Money | None) -> TenderBalance:
    """``card`` and ``cash`` (``given`` of it handed over) against ``due``."""
    return TenderBalance(due, card, cash, given)


def note_suggestions(cash: Money, count: int = 3) -> list[Money]:
    """The next round amounts above ``cash`` a customer is likely to hand over."""
    found: set[Decimal] = set()
    for note in _NOTES:
        step = Decimal(note)
        value = (cash.amount / step).to_integral_value(rounding=ROUND_CEILING) * step
        if value > cash.amount:
            found.add(value)
    return [Money(v) for v in sorted(found)[:count]]


def _card(parent: QWidget, name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    return frame, layout


class PointsPanel(QFrame):
    """The customer's balance and what it is worth; a stepper in blocks of 100, capped by the
    balance and the basket; the value taken off and the points this sale earns."""

    changed = Signal(int)

    def __init__(self, customer: Customer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutPoints")
        self.setProperty("card", True)
        self._balance = max(customer.points_balance, 0)
        self._tier = Tier(customer.tier)
        self._points = 0
        self._cap = 0

        heading = QLabel(self.tr("Loyalty points"), self)
        heading.setProperty("cardTitle", True)
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("pointsBalance")
        self.balance_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.balance_label.setProperty("role", "muted")
        self.balance_label.setText(
            self.tr("Balance {points}, worth {value}")
            .replace("{points}", points(self._balance))
            .replace("{value}", format_money(BLOCK_VALUE * (self._balance // POINTS_PER_BLOCK)))
        )
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.balance_label)

        self.less = touch_button(self, "pointsLess", "−", self.tr("Redeem 100 points less"))
        self.more = touch_button(self, "pointsMore", "+", self.tr("Redeem 100 points more"))
        for button in (self.less, self.more):
            button.setFixedSize(TOUCH, TOUCH)
            button.setProperty("stepper", True)
        self.redeem_label = QLabel(self)
        self.redeem_label.setObjectName("pointsRedeemed")
        self.redeem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.redeem_label.setMinimumWidth(110)
        self.most = touch_button(
            self, "pointsMost", self.tr("Use the most"), self.tr("Redeem as many points as allowed")
        )
        self.value_label = QLabel(self)
        self.value_label.setObjectName("pointsValue")
        self.value_label.setProperty("figure", True)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        stepper = QHBoxLayout()
        stepper.setSpacing(6)
        stepper.addWidget(self.less)
        stepper.addWidget(self.redeem_label)
        stepper.addWidget(self.more)
        stepper.addSpacing(8)
        stepper.addWidget(self.most)
        stepper.addStretch(1)
        stepper.addWidget(self.value_label)

        self.note = QLabel(self)
        self.note.setObjectName("pointsNote")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(stepper)
        layout.addWidget(self.note)

        self.less.clicked.connect(lambda: self.set_points(self._points - POINTS_PER_BLOCK))
        self.more.clicked.connect(lambda: self.set_points(self._points + POINTS_PER_BLOCK))
        self.most.clicked.connect(lambda: self.set_points(self._cap))
        self._render(Money.zero())

    @property
    def points(self) -> int:
        """The points to redeem (whole blocks, within the cap)."""
        return self._points

    @property
    def cap(self) -> int:
        """The most points this basket lets the customer redeem."""
        return self._cap

    @property
    def value(self) -> Money:
        return redemption_value(self._points)

    def set_total(self, total: Money) -> None:
        """The basket's total changed: the cap follows it, and the points never exceed it."""
        self._total = total
        self._cap = max_redeemable_points(self._balance, total)
        if self._points > self._cap:
            self._points = self._cap
            self.changed.emit(self._points)
        self._render(total)

    def set_points(self, wanted: int) -> None:
        """Redeem ``wanted`` points, rounded down to a block and held within 0..cap."""
        wanted = max(0, min(wanted - wanted % POINTS_PER_BLOCK, self._cap))
        if wanted != self._points:
            self._points = wanted
            self.changed.emit(wanted)
        self._render(getattr(self, "_total", Money.zero()))

    def _render(self, total: Money) -> None:
        self.redeem_label.setText(points(self._points))
        self.value_label.setText(
            self.tr("− {value}").replace("{value}", format_money(self.value))
            if self._points
            else ""
        )
        self.less.setEnabled(self._points > 0)
        self.more.setEnabled(self._points < self._cap)
        self.most.setEnabled(self._points < self._cap)
        earns = points_earned(total - self.value, self._tier)
        if self._balance < POINTS_PER_BLOCK:
            text = self.tr(
                "Points are redeemed in blocks of 100 (worth {value}); the customer has too "
                "few yet. This sale earns {earned}."
            ).replace("{value}", format_money(BLOCK_VALUE))
        else:
            text = self.tr(
                "Blocks of 100 points, each worth {value}; at most {cap} on this sale. This "
                "sale earns {earned}."
            ).replace("{value}", format_money(BLOCK_VALUE))
        self.note.setText(
            text.replace("{cap}", points(self._cap)).replace("{earned}", points(earns))
        )


class TenderPanel(QFrame):
    """The amount due, big; card (amount and the terminal's reference) and cash (amount, what
    was handed over, the change); one-tap "for the rest"; what is missing or over, in words.

    ``changed()`` fires on every edit.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutTenders")
        self.setProperty("card", True)
        self._due = Money.zero()

        caption = QLabel(self.tr("To pay"), self)
        caption.setProperty("cardTitle", True)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("checkoutDue")
        self.due_label.setAccessibleName(self.tr("Amount to pay"))
        self.due_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.due_note = QLabel(self)
        self.due_note.setObjectName("checkoutDueNote")
        self.due_note.setProperty("role", "muted")
        self.due_note.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.due_note.setWordWrap(True)
        head = QGridLayout()
        head.addWidget(caption, 0, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.due_label, 0, 1)
        head.addWidget(self.due_note, 1, 0, 1, 2)
        head.setColumnStretch(1, 1)

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

        self.cash_amount = MoneyField("checkoutCashAmount", self.tr("Amount paid in cash"), self)
        self.cash_rest = touch_button(
            self, "checkoutCashRest", self.tr("Cash for the rest"), self.tr("Pay the rest in cash")
        )
        self.cash_given = MoneyField(
            "checkoutCashGiven", self.tr("Cash the customer handed over"), self
        )
        self.cash_given.setPlaceholderText(self.tr("Given"))
        self.quick: list = []
        quick_row = QHBoxLayout()
        quick_row.setSpacing(6)
        exact = touch_button(
            self, "cashGivenExact", self.tr("Exact"), self.tr("The customer gave the exact amount")
        )
        exact.clicked.connect(lambda: self.cash_given.set_amount(self.cash_amount.amount()))
        quick_row.addWidget(exact)
        self.quick.append(exact)
        self._notes: list[Money] = []
        for i in range(3):
            button = touch_button(self, f"cashGivenNote{i + 1}", "", "")
            button.clicked.connect(partial(self._note_given, i))
            quick_row.addWidget(button)
            self.quick.append(button)
        quick_row.addStretch(1)
        self.change_label = QLabel(self)
        self.change_label.setObjectName("checkoutChange")
        self.change_label.setAccessibleName(self.tr("Change due"))
        self.change_label.setProperty("figure", True)
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        card_caption = QLabel(self.tr("Card"), self)
        card_caption.setProperty("tenderName", True)
        cash_caption = QLabel(self.tr("Cash"), self)
        cash_caption.setProperty("tenderName", True)
        grid.addWidget(card_caption, 0, 0)
        grid.addWidget(self.card_amount, 0, 1)
        grid.addWidget(self.card_rest, 0, 2)
        grid.addWidget(self.card_reference, 1, 1, 1, 2)
        grid.addWidget(cash_caption, 2, 0)
        grid.addWidget(self.cash_amount, 2, 1)
        grid.addWidget(self.cash_rest, 2, 2)
        given_caption = QLabel(self.tr("Given"), self)
        given_caption.setProperty("role", "muted")
        grid.addWidget(given_caption, 3, 0)
        grid.addWidget(self.cash_given, 3, 1)
        grid.addLayout(quick_row, 3, 2)
        change_caption = QLabel(self.tr("Change due"), self)
        change_caption.setProperty("role", "muted")
        grid.addWidget(change_caption, 4, 0)
        grid.addWidget(self.change_label, 4, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowMinimumHeight(1, TOUCH)
        self._given_row = (given_caption, self.cash_given, *self.quick)

        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("checkoutBalance")
        self.balance_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addWidget(self.balance_label)

        self.card_rest.clicked.connect(self.card_for_the_rest)
        self.cash_rest.clicked.connect(self.cash_for_the_rest)
        for field in (self.card_amount, self.cash_amount, self.cash_given, self.card_reference):
            field.textChanged.connect(self._edited)
        self._render()

    # -- what the dialog asks ---------------------------------------------------------------

    def set_due(self, due: Money, total: Money, points_value: Money) -> None:
        self._due = due
        self.due_label.setText(format_money(due))
        if points_value.is_zero():
            self.due_note.setText("")
        else:
            self.due_note.setText(
                self.tr("The total {total} less {value} paid with points.")
                .replace("{total}", format_money(total))
                .replace("{value}", format_money(points_value))
            )
        self.due_note.setVisible(not points_value.is_zero())
        self._render()

    @property
    def state(self) -> TenderBalance:
        return balance(
            self._due, self.card_amount.amount(), self.cash_amount.amount(), self.cash_given.value()
        )

    @property
    def has_input(self) -> bool:
        return any(
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
        self.card_amount.set_amount(max(self._due - self.cash_amount.amount(), Money.zero()))

    def cash_for_the_rest(self) -> None:
        """Cash pays what the card does not."""
        self.cash_amount.set_amount(max(self._due - self.card_amount.amount(), Money.zero()))
        self.cash_given.setFocus()

    def _note_given(self, index: int) -> None:
        if index < len(self._notes):
            self.cash_given.set_amount(self._notes[index])

    # -- painting ---------------------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        self._render()
        self.changed.emit()

    def _render(self) -> None:
        state = self.state
        has_cash = not state.cash.is_zero()
        for widget in self._given_row:
            widget.setEnabled(has_cash)
        self._notes = note_suggestions(state.cash) if has_cash else []
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

        level = "error"
        if state.due.is_zero() and state.paid.is_zero():
            level, text = "ok", self.tr("Points pay for everything; nothing more to take.")
        elif not state.missing.is_zero():
            level = "info"
            text = self.tr("{amount} still to pay.").replace(
                "{amount}", format_money(state.missing)
            )
        elif not state.over.is_zero():
            text = self.tr(
                "{amount} too much — lower the card or the cash amount so they add up to the "
                "amount to pay."
            ).replace("{amount}", format_money(state.over))
        elif state.needs_given:
            level = "info"
            text = self.tr("Type or tap how much cash the customer handed over.")
        elif not state.cash_short.is_zero():
            text = self.tr("The cash handed over is {amount} short of the cash amount.").replace(
                "{amount}", format_money(state.cash_short)
            )
        elif state.change.is_zero():
            level, text = "ok", self.tr("Paid in full.")
        else:
            level = "ok"
            text = self.tr("Paid in full. Give {change} back.").replace(
                "{change}", format_money(state.change)
            )
        self.balance_label.setText(text)
        self.balance_label.setProperty("level", level)
        self.balance_label.style().unpolish(self.balance_label)
        self.balance_label.style().polish(self.balance_label)
