"""Store credit at the counter: what is left on a code, asked of central.

Spending store credit needs central: only central knows what other tablets spent of a code
meanwhile, so a code is checked online before the checkout takes it (the sale itself is then
checked again by central, under a lock). Offline the tablet says so and takes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from clerk.domain.money import Money
from clerk.domain.store_credit import normalize_code
from clerk.services.errors import InvalidRequest

__all__ = ["CreditCheck", "CreditDirectory", "check_credit"]


class CreditDirectory(Protocol):
    """Central's store-credit balances (the sync engine)."""

    def lookup_store_credit(self, code: str) -> tuple[dict[str, Any] | None, bool]: ...


@dataclass(frozen=True)
class CreditCheck:
    """What central said of a code: ``reached`` False when it could not be asked;
    ``balance`` None when central does not know the code."""

    code: str
    reached: bool
    balance: Money | None = None
    customer_id: str | None = None


def check_credit(directory: CreditDirectory | None, text: str) -> CreditCheck:
    """The balance of the store-credit code ``text`` (typed or scanned) from central;
    ``store_credit_code_invalid`` when ``text`` is no store-credit code."""
    code = normalize_code(text)
    if code is None:
        raise InvalidRequest(
            "store_credit_code_invalid",
            "That is not a store-credit code; it reads SC- and ten letters or digits.",
        )
    if directory is None:
        return CreditCheck(code, reached=False)
    found, reached = directory.lookup_store_credit(code)
    if found is None:
        return CreditCheck(code, reached=reached)
    customer = found.get("customer_id")
    return CreditCheck(
        code,
        reached=True,
        balance=Money(Decimal(str(found["balance"]))),
        customer_id=str(customer) if customer else None,
    )
