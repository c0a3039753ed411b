"""The receipt of a completed store sale: an ``Order`` (and its context) as ``ReceiptData``.

Money and points are read from the order as sold; the only things the order does not carry
are the cash the customer handed over (the order keeps what the cash paid, not the notes) and
the balance after the sale, so the caller passes those in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import Customer, Order, Product, Store, Tender
from clerk.domain.loyalty import points_for_value
from clerk.domain.money import Money
from clerk.printing.receipt import (
    STANDARD_VAT_RATE,
    ReceiptData,
    ReceiptLine,
    ReceiptTender,
    sign_receipt,
)

__all__ = ["mask_card_number", "receipt_for_order", "tender_name"]


def tender_name(tender: Tender) -> str:
    """The tender in words, as the receipt prints it (translated at call time)."""
    # Each string is a literal in its own call so that lupdate finds it.
    names = {
        Tender.CARD: QCoreApplication.translate("Receipt", "Card"),
        Tender.ONLINE: QCoreApplication.translate("Receipt", "Paid online"),
        Tender.CASH: QCoreApplication.translate("Receipt", "Cash"),
        Tender.STORE_CREDIT: QCoreApplication.translate("Receipt", "Store credit"),
        Tender.GIFT_CARD: QCoreApplication.translate("Receipt", "Gift card"),
        Tender.POINTS: QCoreApplication.translate("Receipt", "Loyalty points"),
    }
    return names[Tender(tender)]


def mask_card_number(card_number: str) -> str:
    """A loyalty card number with all but its last 4 digits hidden: ``****3457``."""
    return "****" + card_number.strip()[-4:]


def _pending_note(order: Order, pending: bool) -> str | None:
    notes = []
    if pending:
        notes.append(
            QCoreApplication.translate(
                "Receipt", "Sale saved offline: it is sent when the tablet is back online."
            )
        )
    if not order.number:
        notes.append(
            QCoreApplication.translate(
                "Receipt", "The order number will follow; the code below finds this sale."
            )
        )
    return " ".join(notes) or None


def _tenders(order: Order, cash_given: Money | None) -> tuple[list[ReceiptTender], Money | None]:
    """One row per payment, cash last in one row as handed over (the change follows it)."""
    cash_paid = sum(
        (p.amount for p in order.payments if p.tender == Tender.CASH),
        Money.zero(order.total.currency),
    )
    has_cash = any(p.tender == Tender.CASH for p in order.payments)
    if cash_given is not None:
        if not has_cash:
            raise ValueError("cash_given needs a cash payment on the order")
        if cash_given < cash_paid:
            raise ValueError(f"cash given ({cash_given}) is less than the cash paid ({cash_paid})")
    tenders = [
        # Points are counted in the loyalty section; their row shows only the money value.
        ReceiptTender(
            tender_name(p.tender),
            p.amount,
            None if p.tender == Tender.POINTS else p.reference,
        )
        for p in order.payments
        if p.tender != Tender.CASH
    ]
    if has_cash:
        given = cash_given if cash_given is not None else cash_paid
        tenders.append(ReceiptTender(tender_name(Tender.CASH), given))
    change = cash_given - cash_paid if cash_given is not None else None
    return tenders, change


def receipt_for_order(
    order: Order,
    *,
    store: Store,
    staff_name: str,
    device_id: str,
    device_private_key: str,
    products: Mapping[str, Product] | None = None,
    customer: Customer | None = None,
    points_balance_after: int | None = None,
    pending: bool = False,
    cash_given: Money | None = None,
    store_address: str | None = None,
    printed_at: datetime | None = None,
) -> ReceiptData:
    """The receipt of ``order``, a store sale, with its ``R`` code signed by this device.

    ``device_private_key`` is the device's key in ``private_key_text`` form. ``products`` gives
    each line's VAT rate (a SKU not in it pays the standard rate). ``customer`` prints their
    loyalty card masked; ``points_balance_after`` their balance once the sale is counted.
    ``pending`` says the sale still waits in the outbox; an order with no number yet is named by
    its shortened id and the receipt says its number will follow. ``cash_given`` is what the
    customer handed over for the cash part (the receipt shows it and the change).
    ``store_address`` is the address line under the store's name (the store's city without it).
    ``printed_at`` is the code's issue time (the sale's time by default).

    Raises ValueError when the order, store and customer do not belong together, or the cash
    given does not cover the cash paid.
    """
    if order.store_id is not None and order.store_id != store.id:
        raise ValueError(f"order {order.id} was sold in {order.store_id}, not {store.id}")
    if customer is not None and order.customer_id != customer.id:
        raise ValueError(f"order {order.id} is not customer {customer.id}'s")
    products = products or {}
    lines = [
        ReceiptLine(
            name=line.name,
            sku=line.sku,
            qty=line.qty,
            unit_price=line.unit_price,
            discount=None if line.discount.is_zero() else line.discount,
            vat_rate=products[line.sku].vat_rate if line.sku in products else STANDARD_VAT_RATE,
        )
        for line in order.lines
    ]
    tenders, change_due = _tenders(order, cash_given)
    points_redeemed = sum(
        points_for_value(p.amount) for p in order.payments if p.tender == Tender.POINTS
    )
    code = sign_receipt(
        order.id, store.id, device_id, device_private_key, printed_at or order.created_at
    )
    return ReceiptData(
        store_name=store.name,
        store_address=store_address or store.city,
        store_id=store.id,
        order_number=order.number,
        order_id=order.id,
        created_at=order.created_at,
        staff_name=staff_name,
        lines=lines,
        tenders=tenders,
        receipt_code=code,
        points_earned=order.points_earned,
        points_redeemed=points_redeemed,
        points_balance=points_balance_after,
        change_due=change_due,
        pending_note=_pending_note(order, pending),
        currency=store.currency,
        loyalty_card=mask_card_number(customer.card_number) if customer is not None else None,
    )
