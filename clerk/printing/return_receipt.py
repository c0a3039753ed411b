"""The receipt of a return: what came back, where each refund goes (and whether central has
still to pay it out), the points taken back, and the order's ``R`` code, signed by this
device, so the receipt finds the order again for a later return."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import Customer, Order, Product, Refund, Return, Store, Tender
from clerk.domain.money import format_money
from clerk.domain.returns import EXCHANGE_REFERENCE
from clerk.printing.receipt import (
    STANDARD_VAT_RATE,
    ReceiptData,
    ReceiptLine,
    ReceiptTender,
    short_order_id,
    sign_receipt,
)
from clerk.printing.sale_receipt import mask_card_number, tender_name

__all__ = ["receipt_for_return", "return_reference"]

translate = QCoreApplication.translate


def receipt_for_return(
    ret: Return,
    order: Order,
    *,
    store: Store,
    staff_name: str,
    device_id: str,
    device_private_key: str,
    products: Mapping[str, Product] | None = None,
    customer: Customer | None = None,
    queued: bool = False,
    refused: bool = False,
    printed_at: datetime | None = None,
    exchange_sale: Order | None = None,
) -> ReceiptData:
    """The receipt of ``ret`` (a return of ``order``) as the tablet holds it now.

    ``queued``: the return still waits in the outbox (offline); card and online refunds are
    then pending until central pays them out, in words on the receipt. ``refused``: central
    refused the return (the receipt says it is void). ``exchange_sale``: an exchange's
    replacement sale; the receipt shows the value returned (the total), the part paying the
    replacement, the rest refunded per tender, and any difference the customer paid."""
    if ret.order_id != order.id:
        raise ValueError(f"return {ret.id} is not of order {order.id}")
    products = products or {}
    by_id = {line.id: line for line in order.lines}
    lines = []
    for item in ret.lines:
        line = by_id[item.order_line_id]
        gross = line.unit_price * item.qty
        lines.append(
            ReceiptLine(
                name=line.name,
                sku=line.sku,
                qty=item.qty,
                unit_price=line.unit_price,
                discount=None if gross == item.amount else gross - item.amount,
                vat_rate=products[line.sku].vat_rate if line.sku in products else STANDARD_VAT_RATE,
            )
        )
    tenders = []
    credit: Refund | None = None
    for refund in ret.refunds:
        tender = Tender(refund.tender)
        if tender == Tender.STORE_CREDIT and refund.reference == EXCHANGE_REFERENCE:
            name = translate("Receipt", "Exchange: pays for the replacement")
        else:
            name = translate("Receipt", "Refund: {tender}").replace("{tender}", tender_name(tender))
        if tender == Tender.POINTS and refund.points:
            name += " " + translate("Receipt", "({points} points)").replace(
                "{points}", str(refund.points)
            )
        if refund.status == "pending":
            name += " — " + translate("Receipt", "pending")
        reference = None
        if tender == Tender.STORE_CREDIT and refund.reference != EXCHANGE_REFERENCE:
            reference = refund.reference
            credit = refund
        tenders.append(ReceiptTender(name, refund.amount, reference))
    code = sign_receipt(
        order.id, store.id, device_id, device_private_key, printed_at or ret.created_at
    )
    number = order.number or short_order_id(order.id)
    return ReceiptData(
        store_name=store.name,
        store_address=store.city,
        store_id=store.id,
        order_number=order.number,
        order_id=order.id,
        created_at=ret.created_at,
        staff_name=staff_name,
        lines=lines,
        tenders=tenders,
        receipt_code=code,
        points_reversed=ret.points_reversed,
        credit_code=credit.reference if credit is not None else None,
        credit_amount=credit.amount if credit is not None else None,
        pending_note=_note(ret, queued, refused, exchange_sale),
        currency=store.currency,
        loyalty_card=mask_card_number(customer.card_number) if customer is not None else None,
        title=translate("Receipt", "Return receipt"),
        reference=translate("Receipt", "Return {ref} of order {number}")
        .replace("{ref}", return_reference(ret))
        .replace("{number}", number),
    )


def return_reference(ret: Return) -> str:
    """The return's reference as the clerk and the customer read it."""
    return ret.id[:8].upper()


def _exchange_note(ret: Return, sale: Order) -> str:
    number = sale.number or short_order_id(sale.id)
    goods = ", ".join(f"{line.qty} × {line.name}" for line in sale.lines)
    lines = [
        translate("Receipt", "Replacement (sale {number}): {goods}, {total}")
        .replace("{number}", number)
        .replace("{goods}", goods)
        .replace("{total}", format_money(sale.total))
    ]
    topped = [p for p in sale.payments if p.reference != EXCHANGE_REFERENCE]
    if topped:
        paid = sum((p.amount for p in topped[1:]), topped[0].amount)
        tenders = ", ".join(tender_name(Tender(p.tender)) for p in topped)
        lines.append(
            translate("Receipt", "Difference paid by the customer: {amount} ({tenders})")
            .replace("{amount}", format_money(paid))
            .replace("{tenders}", tenders)
        )
    rest = [r for r in ret.refunds if r.reference != EXCHANGE_REFERENCE]
    if rest:
        back = sum((r.amount for r in rest[1:]), rest[0].amount)
        lines.append(
            translate(
                "Receipt",
                "The replacement costs less: {amount} is refunded to the original payment.",
            ).replace("{amount}", format_money(back))
        )
    return "\n".join(lines)


def _note(ret: Return, queued: bool, refused: bool, exchange_sale: Order | None) -> str | None:
    if refused:
        return translate(
            "Receipt", "Central refused this return: it is void, and nothing was refunded."
        )
    notes = []
    if exchange_sale is not None:
        notes.append(_exchange_note(ret, exchange_sale))
    pending = [r for r in ret.refunds if r.status == "pending"]
    if pending:
        total = sum((r.amount for r in pending[1:]), pending[0].amount)
        if queued:
            text = translate(
                "Receipt",
                "The refund of {amount} to the card or online payment is pending: the return "
                "was saved offline and is sent to central when the tablet is back online; "
                "central then pays it out and tells the customer.",
            )
        else:
            text = translate(
                "Receipt",
                "The refund of {amount} to the card or online payment is pending until "
                "central pays it out; the customer is told when it is issued.",
            )
        notes.append(text.replace("{amount}", format_money(total)))
    elif queued:
        notes.append(
            translate("Receipt", "Return saved offline: it is sent when the tablet is back online.")
        )
    if ret.override_reason:
        notes.append(
            translate("Receipt", "Accepted outside the policy by a manager: {reason}").replace(
                "{reason}", ret.override_reason
            )
        )
    return "\n".join(notes) or None
