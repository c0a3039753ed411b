"""Store credit at central: the balance of a code, and spending it on a sale.

A code is issued by the store-credit refunds carrying it (a return refunded as store credit;
a later return of goods bought with it puts the value back on it) and spent by the
``store_credit`` payments naming it. An exchange's credit (reference ``exchange``) is spent
by its replacement at once and is no code. Spending locks the return that issued the code
until the sale commits, so two tablets cannot spend the same credit twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.problems import unprocessable
from clerk.domain.entities import Tender
from clerk.domain.money import Money, format_money
from clerk.domain.returns import EXCHANGE_REFERENCE

__all__ = ["CreditBalance", "credit_balance", "spend_credits"]

_CREDIT = str(Tender.STORE_CREDIT)


@dataclass(frozen=True)
class CreditBalance:
    """What a code was given, what was spent of it, and whose it is."""

    code: str
    customer_id: str | None
    issued: Money
    spent: Money

    @property
    def balance(self) -> Money:
        return self.issued - self.spent

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "customer_id": self.customer_id,
            "issued": str(self.issued.amount),
            "spent": str(self.spent.amount),
            "balance": str(self.balance.amount),
        }


def _first_return(session: Session, code: str) -> m.Return | None:
    return session.execute(
        select(m.Return)
        .join(m.Refund, m.Refund.return_id == m.Return.id)
        .where(m.Refund.tender == _CREDIT, m.Refund.reference == code)
        .order_by(m.Return.created_at, m.Return.id)
        .limit(1)
    ).scalar_one_or_none()


def credit_balance(session: Session, code: str) -> CreditBalance | None:
    """The balance of ``code``; None when no refund ever issued it."""
    if code == EXCHANGE_REFERENCE:
        return None
    first = _first_return(session, code)
    if first is None:
        return None
    issued = session.execute(
        select(func.coalesce(func.sum(m.Refund.amount), 0)).where(
            m.Refund.tender == _CREDIT, m.Refund.reference == code
        )
    ).scalar_one()
    spent = session.execute(
        select(func.coalesce(func.sum(m.Payment.amount), 0)).where(
            m.Payment.tender == _CREDIT, m.Payment.reference == code
        )
    ).scalar_one()
    order = session.get(m.Order, first.order_id)
    return CreditBalance(
        code=code,
        customer_id=order.customer_id if order is not None else None,
        issued=Money(Decimal(issued)),
        spent=Money(Decimal(spent)),
    )


def spend_credits(session: Session, payments: Iterable[tuple[Tender, Money, str | None]]) -> None:
    """Check the store-credit payments of a sale about to be booked, in its transaction.

    Each names a known code (else 422 ``store-credit-unknown``) with enough left (else 422
    ``store-credit-insufficient``). The issuing return's row stays locked until the sale
    commits (a no-op UPDATE: the row lock on PostgreSQL, the write lock on SQLite), so a
    second sale spending the same code waits and then sees the first one's payment.
    """
    wanted: dict[str, Money] = {}
    for tender, amount, reference in payments:
        if tender != Tender.STORE_CREDIT:
            continue
        code = (reference or "").strip()
        wanted[code] = wanted.get(code, Money.zero()) + amount
    for code in sorted(wanted):
        first = _first_return(session, code) if code and code != EXCHANGE_REFERENCE else None
        if first is None:
            raise unprocessable(
                "store-credit-unknown",
                f"No store credit has the code {code or '(none)'}; check the code on the "
                "return receipt.",
                code=code,
            )
        table = cast(Any, m.Return)
        session.execute(
            update(table)
            .where(table.id == first.id)
            .values(amount=table.amount)
            .execution_options(synchronize_session=False)
        )
        known = credit_balance(session, code)
        assert known is not None
        if wanted[code] > known.balance:
            raise unprocessable(
                "store-credit-insufficient",
                f"Store credit {code} has {format_money(known.balance)} left, less than the "
                f"{format_money(wanted[code])} to be paid with it.",
                code=code,
                balance=str(known.balance.amount),
            )
