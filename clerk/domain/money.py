"""Money on ``Decimal``: exact cents, one formatter for every screen, receipt and e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["CENT", "Money", "allocate", "format_money"]

CENT = Decimal("0.01")
NBSP = "\u00a0"

# Shown after the amount in Polish, before it in English; other currencies show their code.
_SYMBOLS_PL = {"PLN": "zł"}


def _to_decimal(value: object) -> Decimal:
    # bool is an int subclass; True PLN is a bug, not an amount.
    if isinstance(value, bool | float):
        raise TypeError(f"Money needs Decimal, int or str, not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise ValueError(f"not an amount of money: {value!r}") from None
    else:
        raise TypeError(f"Money needs Decimal, int or str, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not an amount of money: {value!r}")
    return result


@dataclass(frozen=True, init=False)
class Money:
    """An amount in a currency, always held to the cent (ROUND_HALF_UP).

    ``Money(Decimal("12.3"))`` is 12.30 PLN. Floats are refused: they cannot hold 0.10 exactly.
    """

    amount: Decimal
    currency: str = "PLN"

    def __init__(self, amount: Decimal | int | str, currency: str = "PLN") -> None:
        value = _to_decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
        if value.is_zero():
            value = Decimal("0.00")  # no "-0,00 zł"
        if not isinstance(currency, str) or len(currency) != 3 or not currency.isupper():
            raise ValueError(f"currency must be a three-letter ISO code, not {currency!r}")
        object.__setattr__(self, "amount", value)
        object.__setattr__(self, "currency", currency)

    # --- construction -------------------------------------------------------------------

    @classmethod
    def of(cls, value: str | int | Decimal, currency: str = "PLN") -> Money:
        """Money from a string ("12.30"), whole units (12) or a Decimal."""
        return cls(value, currency)

    @classmethod
    def zero(cls, currency: str = "PLN") -> Money:
        """Nothing, in ``currency``."""
        return cls(Decimal("0.00"), currency)

    @classmethod
    def from_cents(cls, cents: int, currency: str = "PLN") -> Money:
        """Money from an integer number of cents (grosze)."""
        if isinstance(cents, bool) or not isinstance(cents, int):
            raise TypeError("cents must be an int")
        return cls(Decimal(cents).scaleb(-2), currency)

    # --- reading ------------------------------------------------------------------------

    @property
    def cents(self) -> int:
        """The amount as an integer number of cents."""
        return int(self.amount.scaleb(2))

    def is_zero(self) -> bool:
        """True for 0.00."""
        return self.amount.is_zero()

    def is_negative(self) -> bool:
        """True below zero."""
        return self.amount < 0

    def __str__(self) -> str:
        return f"{self.amount:.2f}"

    # --- arithmetic ---------------------------------------------------------------------

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __radd__(self, other: object) -> Money:
        # sum() starts from int 0; let it through so sum(moneys) works.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int | Decimal):
            return NotImplemented
        if isinstance(factor, Decimal) and not factor.is_finite():
            raise ValueError("cannot multiply money by a non-finite number")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    # --- ordering (equality and hashing come from the dataclass) -----------------------

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount >= other.amount


def _group(digits: str, separator: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.append(digits[-3:])
        digits = digits[:-3]
    parts.append(digits)
    return separator.join(reversed(parts))


def format_money(m: Money, locale: str = "pl") -> str:
    """Money for people: pl "1 234,50 zł", en "PLN 1,234.50" (negative with a leading "-").

    Polish uses U+00A0 both to group thousands and before the symbol, so the amount never
    breaks across lines. ``locale`` may be a language ("pl") or a locale name ("pl_PL", "en-GB").
    The Polish form groups four-digit amounts too ("1 234,50 zł"), as the house style asks.
    """
    language = locale.replace("-", "_").split("_", 1)[0].lower()
    sign = "-" if m.amount < 0 else ""
    whole, _, fraction = f"{abs(m.amount):.2f}".partition(".")
    if language == "pl":
        symbol = _SYMBOLS_PL.get(m.currency, m.currency)
        return f"{sign}{_group(whole, NBSP)},{fraction}{NBSP}{symbol}"
    if language == "en":
        return f"{sign}{m.currency} {_group(whole, ',')}.{fraction}"
    raise ValueError(f"no money format for locale {locale!r}")


def allocate(total: Money, weights: Sequence[Money]) -> list[Money]:
    """Split ``total`` in proportion to ``weights``, to the cent, summing exactly to ``total``.

    Cents left over after rounding down go to the largest remainders (earlier entries win ties),
    so a zero weight always gets zero. Negative totals split like positive ones, negated.
    Raises ValueError when there are no weights, all are zero, or one is negative.
    """
    if not weights:
        raise ValueError("cannot allocate over no weights")
    for weight in weights:
        total._same(weight)
        if weight.is_negative():
            raise ValueError("allocation weights cannot be negative")
    weight_cents = [w.cents for w in weights]
    denominator = sum(weight_cents)
    if denominator == 0:
        raise ValueError("cannot allocate over all-zero weights")
    sign = -1 if total.is_negative() else 1
    to_split = abs(total.cents)
    shares = [to_split * w // denominator for w in weight_cents]
    remainders = [to_split * w % denominator for w in weight_cents]
    left = to_split - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        shares[i] += 1
    return [Money.from_cents(sign * share, total.currency) for share in shares]
