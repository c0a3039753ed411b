"""What the tenders of a checkout add up to: paid, missing, over, the cash handed over and the
change, and the round amounts a customer is likely to hand over (plain values, no widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from clerk.domain.money import Money

__all__ = ["TenderBalance", "balance", "note_suggestions"]

_NOTES = (10, 50, 100, 200, 500)  # the round amounts a customer hands over


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
