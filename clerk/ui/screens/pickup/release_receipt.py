"""What the done view reads after a release: the command's state (and central's words if it
refused it), the refunds of the refused units, and the receipt.

The receipt reuses the Counter's (:func:`~clerk.ui.screens.counter.sale_done.sale_receipt`,
signed with the device's own key) and adapts it to a pickup: the lines show the units handed
over, the refunds follow the payments, and the offline note speaks of the pickup. Every
function here runs on a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import Refund, Return, Tender
from clerk.domain.money import format_money
from clerk.domain.returns import line_refund_amount
from clerk.printing.receipt import ReceiptData, ReceiptLine, ReceiptTender
from clerk.printing.sale_receipt import tender_name
from clerk.services.context import ServiceContext
from clerk.store.outbox import ATTENTION, DONE
from clerk.ui.screens.counter.sale_done import sale_receipt, sale_status

__all__ = ["ReleaseStatus", "pickup_receipt", "refund_text", "release_refunds", "release_status"]

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ReleaseStatus:
    """Where the release's command is, and central's words if it refused it."""

    state: str
    refusal: str | None = None


def release_status(ctx: ServiceContext, command_id: str, order_id: str) -> ReleaseStatus:
    """The release command's state (runs on a reader)."""
    state = sale_status(ctx, command_id, order_id).state
    if state != ATTENTION:
        return ReleaseStatus(state)
    with ctx.store.unit(read_only=True) as unit:
        command = unit.outbox.get(command_id)
    return ReleaseStatus(state, command.refusal_words if command else "")


def release_refunds(ctx: ServiceContext, command_id: str) -> list[Return]:
    """The returns the release made of refused units (runs on a reader)."""
    with ctx.store.unit(read_only=True) as unit:
        command = unit.outbox.get(command_id)
        ids = [key for entity, key in (command.touches if command else ()) if entity == "return"]
        found = [unit.cache.get("return", return_id) for return_id in ids]
    return [Return.from_dict(data) for data in found if data is not None]


def pickup_receipt(
    ctx: ServiceContext, order_id: str, command_id: str, staff_id: str, device_key: str
) -> ReceiptData:
    """The receipt of a released pickup as the tablet holds it now (runs on a reader): the
    units handed over, the payments, and every refund of the order."""
    data = sale_receipt(ctx, order_id, command_id, staff_id, device_key, None)
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(order_id)
        returns = unit.orders.returns_of(order_id)
        command = unit.outbox.get(command_id)
    assert order is not None  # sale_receipt found it
    vat = {line.sku: line.vat_rate for line in data.lines}
    lines = []
    for line in order.lines:
        if line.collected_qty <= 0:
            continue
        # The value of the units kept: the line less what its refunds gave back.
        kept = line.total - line_refund_amount(line, line.qty - line.collected_qty, 0)
        gross = line.unit_price * line.collected_qty
        lines.append(
            ReceiptLine(
                line.name,
                line.sku,
                line.collected_qty,
                line.unit_price,
                None if gross == kept else gross - kept,
                vat[line.sku],
            )
        )
    refunds = [
        ReceiptTender(
            translate("ReleasePanel", "Refund: {tender}").replace(
                "{tender}", tender_name(Tender(refund.tender))
            ),
            -refund.amount,
        )
        for ret in returns
        for refund in ret.refunds
    ]
    pending = command is not None and command.state != DONE
    note = None
    if pending:
        note = translate(
            "ReleasePanel", "Pickup saved offline: it is sent when the tablet is back online."
        )
    return replace(
        data,
        lines=lines,
        tenders=[*data.tenders, *refunds],
        points_earned=max(order.points_earned - order.points_reversed, 0),
        pending_note=note,
    )


def refund_text(refund: Refund) -> tuple[str, str]:
    """A refund as the clerk tells the customer: where the money goes, and how much."""
    tender = Tender(refund.tender)
    amount = format_money(refund.amount)
    if tender == Tender.POINTS and refund.points:
        amount = translate("ReleasePanel", "{points} points").replace(
            "{points}", str(refund.points)
        )
    captions = {
        Tender.CARD: translate("ReleasePanel", "Refund to the card"),
        Tender.ONLINE: translate("ReleasePanel", "Refund to the online payment"),
        Tender.CASH: translate("ReleasePanel", "Refund in cash"),
        Tender.STORE_CREDIT: translate("ReleasePanel", "Refund as store credit"),
        Tender.GIFT_CARD: translate("ReleasePanel", "Refund to the gift card"),
        Tender.POINTS: translate("ReleasePanel", "Points given back"),
    }
    caption = captions[tender]
    if refund.status == "pending":
        caption = translate("ReleasePanel", "{refund} (central pays it out)").replace(
            "{refund}", caption
        )
    return caption, amount
