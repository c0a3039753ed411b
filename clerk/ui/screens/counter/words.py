"""The Counter's words for what the services hand over as codes: statuses, kinds, channels.

Kept in one place so the timeline, the open items and the detail dialog say the same thing,
and so lupdate files them under one context ("Counter").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from clerk.domain.money import Money, format_money
from clerk.services.customer_view import TimelineEntry
from clerk.ui.texts import store_time

_ = QCoreApplication.translate


def status_name(status: str) -> str:
    """An order's, return's, reservation's or ticket's status in words."""
    names = {
        "placed": _("Counter", "Placed"),
        "picking": _("Counter", "Being picked"),
        "ready": _("Counter", "Ready for pickup"),
        "collected": _("Counter", "Collected"),
        "partially_collected": _("Counter", "Partly collected"),
        "expired": _("Counter", "Expired"),
        "cancelled": _("Counter", "Cancelled"),
        "shipped": _("Counter", "Shipped"),
        "delivered": _("Counter", "Delivered"),
        "completed": _("Counter", "Completed"),
        "refund_pending": _("Counter", "Refund pending"),
        "active": _("Counter", "Active"),
        "open": _("Counter", "Open"),
        "closed": _("Counter", "Closed"),
    }
    return names.get(status, status.replace("_", " "))


def loyalty_kind_name(kind: str) -> str:
    names = {
        "earn": _("Counter", "Earned"),
        "redeem": _("Counter", "Redeemed"),
        "reverse": _("Counter", "Reversed after a return"),
        "bonus": _("Counter", "Bonus"),
        "adjust": _("Counter", "Adjustment"),
    }
    return names.get(kind, kind)


def tender_name(tender: str) -> str:
    names = {
        "card": _("Counter", "Card"),
        "online": _("Counter", "Paid online"),
        "cash": _("Counter", "Cash"),
        "store_credit": _("Counter", "Store credit"),
        "gift_card": _("Counter", "Gift card"),
        "points": _("Counter", "Points"),
    }
    return names.get(tender, tender)


def money(value: Money | str) -> str:
    """PLN the Polish way: ``1 234,50 zł``."""
    return format_money(value if isinstance(value, Money) else Money.of(value))


def points_text(points: int, signed: bool = False) -> str:
    """``1 240 pts`` (``+120 pts`` when ``signed``), thin-space grouped."""
    number = f"{points:+,}" if signed else f"{points:,}"
    return _("Counter", "{points} pts").replace("{points}", number.replace(",", "\u00a0"))


def when(entry: TimelineEntry) -> str:
    return store_time(entry.at, "%d.%m.%Y %H:%M")


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return str(value) if value is not None else ""


def entry_title(entry: TimelineEntry) -> str:
    """What the entry is, in one line."""
    d = entry.data
    if entry.kind == "order":
        number = _text(d, "number")
        if not number:
            return _("Counter", "Sale at the counter (number follows from central)")
        if d.get("fulfilment") == "pickup":
            return _("Counter", "Click-and-collect order {number}").replace("{number}", number)
        if d.get("fulfilment") == "ship":
            return _("Counter", "Delivery order {number}").replace("{number}", number)
        return _("Counter", "Order {number}").replace("{number}", number)
    if entry.kind == "return":
        number = _text(d, "order_number")
        if d.get("source") == "pickup_refusal":
            text = _("Counter", "Refused at pickup, order {number}")
        else:
            text = _("Counter", "Return of order {number}")
        return text.replace("{number}", number or "…")
    if entry.kind == "reservation":
        until = d.get("hold_until")
        if until:
            held = store_time(_parse(until), "%d.%m %H:%M")
            return _("Counter", "Reserve in store, held until {until}").replace("{until}", held)
        return _("Counter", "Reserve in store")
    if entry.kind == "visit":
        return _("Counter", "Store visit")
    if entry.kind == "loyalty":
        note = _text(d, "note")
        kind = loyalty_kind_name(_text(d, "kind"))
        return f"{kind} — {note}" if note else kind
    kind = _text(d, "kind")
    subject = _text(d, "subject") or _text(d, "body")[:80]
    labels = {
        "ticket": _("Counter", "Support ticket: {subject}"),
        "note": _("Counter", "Note: {subject}"),
        "contact": _("Counter", "Store contact: {subject}"),
        "feedback": _("Counter", "Feedback: {subject}"),
    }
    return labels.get(kind, "{subject}").replace("{subject}", subject)


def entry_amount(entry: TimelineEntry) -> str:
    d = entry.data
    if entry.kind == "order" and d.get("total") is not None:
        return money(str(d["total"]))
    if entry.kind == "return" and d.get("amount") is not None:
        return "−" + money(str(d["amount"]))
    if entry.kind == "loyalty" and d.get("points") is not None:
        return points_text(int(d["points"]), signed=True)
    return ""


def entry_status(entry: TimelineEntry) -> str:
    status = _text(entry.data, "status")
    return status_name(status) if status else ""


def _parse(value: Any) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(str(value))


KIND_FILTERS: tuple[tuple[str, str], ...] = ()


def kind_filters() -> list[tuple[str, str]]:
    """The timeline's kind filter: (key, words)."""
    return [
        ("all", _("Counter", "Everything")),
        ("orders", _("Counter", "Orders")),
        ("pickups", _("Counter", "Pickups")),
        ("returns", _("Counter", "Returns")),
        ("reservations", _("Counter", "Reservations")),
        ("visits", _("Counter", "Visits")),
        ("support", _("Counter", "Support and notes")),
        ("loyalty", _("Counter", "Loyalty")),
    ]


def matches_kind(entry: TimelineEntry, key: str) -> bool:
    """Whether ``entry`` belongs under the kind filter ``key``."""
    if key == "all":
        return True
    if key == "orders":
        return entry.kind == "order"
    if key == "pickups":
        return entry.is_pickup
    if key == "returns":
        return entry.kind == "return"
    if key == "reservations":
        return entry.kind == "reservation"
    if key == "visits":
        return entry.kind == "visit"
    if key == "support":
        return entry.kind == "interaction"
    if key == "loyalty":
        return entry.kind == "loyalty"
    return False
