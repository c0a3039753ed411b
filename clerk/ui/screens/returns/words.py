"""The Returns screen's words for what the policy and the services hand over as codes.

Verdicts are built here from the policy's code and dates (not from its English message), so
the clerk reads them in the app's language; lupdate files them under "Returns".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from clerk.domain.entities import Order, Refund, RefundMethod, Tender
from clerk.domain.money import Money
from clerk.domain.returns import EXCHANGE_REFERENCE, LineVerdict, VerdictCode
from clerk.services.returns_desk import OFFLINE_NOT_CACHED, ORDER_NOT_FOUND, Purchase
from clerk.ui.screens.counter.words import money
from clerk.ui.screens.pickup.release_receipt import refund_text
from clerk.ui.texts import channel_name, error_text, store_time

__all__ = [
    "RETURN_REASONS",
    "find_error_text",
    "method_name",
    "order_facts",
    "pending_text",
    "refund_row",
    "verdict_level",
    "verdict_text",
]

translate = QCoreApplication.translate

DATE = "%d.%m.%Y"

# The reasons a customer gives at the return desk (refusals and short picks are the pickup
# desk's).
RETURN_REASONS = (
    "too_small",
    "too_big",
    "not_as_described",
    "damaged_on_arrival",
    "changed_mind",
    "other",
)


def verdict_text(verdict: LineVerdict, window_days: int) -> str:
    """The policy's verdict on a line, in words: in window until a date; final sale; window
    passed on a date; nothing left to return; never collected."""
    ends = store_time(verdict.window_ends, DATE) if verdict.window_ends is not None else ""
    code = verdict.code
    if code == VerdictCode.NOTHING_LEFT:
        return translate("Returns", "Nothing left to return: all of it has come back.")
    if code == VerdictCode.NOT_COLLECTED:
        return translate(
            "Returns", "Never collected: refuse it at the pickup desk instead of returning it."
        )
    if code == VerdictCode.FINAL_SALE:
        return translate("Returns", "Final sale: not returnable — only with a manager's override.")
    if code == VerdictCode.WINDOW_PASSED:
        return (
            translate(
                "Returns",
                "The {days}-day window passed on {date} — only with a manager's override.",
            )
            .replace("{days}", str(window_days))
            .replace("{date}", ends)
        )
    if not ends:
        return translate("Returns", "Returnable: the window starts when the goods are received.")
    return translate("Returns", "In the return window until {date}.").replace("{date}", ends)


def verdict_level(verdict: LineVerdict) -> str:
    """How the verdict is coloured: "ok", "warning" (needs an override) or "muted"."""
    if verdict.needs_override:
        return "warning"
    return "ok" if verdict.returnable_qty else "muted"


def order_facts(purchase: Purchase) -> str:
    """Channel, date, store and customer of the order, in one line."""
    order: Order = purchase.order
    store = order.store_id or order.pickup_store_id or ""
    parts = [
        channel_name(str(order.channel)),
        store_time(order.created_at, DATE),
    ]
    if store:
        parts.append(purchase.store_names.get(store, store))
    if purchase.customer_name:
        parts.append(purchase.customer_name)
    text = " · ".join(parts)
    if purchase.source == "central":
        text += " · " + translate("Returns", "fetched from central")
    return text


def method_name(method: RefundMethod) -> str:
    names = {
        RefundMethod.ORIGINAL: translate("Returns", "Back to the original payment"),
        RefundMethod.STORE_CREDIT: translate("Returns", "All as store credit"),
        RefundMethod.EXCHANGE: translate("Returns", "Exchange for another size or colour"),
    }
    return names[RefundMethod(method)]


def refund_row(refund: Refund) -> tuple[str, str]:
    """A refund as the clerk tells the customer (shared with the pickup desk's words); an
    exchange's part of the value pays for the replacement."""
    if Tender(refund.tender) == Tender.STORE_CREDIT and refund.reference == EXCHANGE_REFERENCE:
        return translate("Returns", "Pays for the replacement"), money(refund.amount)
    if Tender(refund.tender) == Tender.STORE_CREDIT and refund.reference:
        # The code the customer spends it by (it is printed on the receipt too).
        caption = translate("Returns", "Store credit, code {code}")
        return caption.replace("{code}", refund.reference), money(refund.amount)
    return refund_text(refund)


def pending_text(refunds: list[Refund], queued: bool) -> str:
    """What the customer is told about card and online refunds central still has to pay
    (``queued``: the return itself still waits on the tablet)."""
    pending = [r for r in refunds if r.status == "pending"]
    if not pending:
        return ""
    total = sum((r.amount for r in pending), Money.zero())
    names = sorted({_to(Tender(r.tender)) for r in pending})
    if queued:
        text = translate(
            "Returns",
            "Refund of {amount} to {where} is pending: the return is sent to central as soon "
            "as the tablet is online, and central pays it out.",
        )
    else:
        text = translate(
            "Returns",
            "Refund of {amount} to {where} is pending until central pays it out; the "
            "customer is told when it is issued.",
        )
    return text.replace("{amount}", money(total)).replace("{where}", ", ".join(names))


def _to(tender: Tender) -> str:
    if tender == Tender.ONLINE:
        return translate("Returns", "the online payment")
    return translate("Returns", "the card")


def find_error_text(error: BaseException) -> str:
    """Why the purchase cannot be shown, in words."""
    code = getattr(error, "code", None)
    if code == OFFLINE_NOT_CACHED:
        return translate(
            "Returns",
            "This order is not on the tablet and central cannot be reached, so it cannot be "
            "returned now. Try again when the tablet is online.",
        )
    if code == ORDER_NOT_FOUND:
        return translate(
            "Returns",
            "No order with that number in any channel — check the number on the receipt or "
            "the e-mail.",
        )
    return error_text(error)
