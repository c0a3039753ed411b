"""The Counter's words for what the services hand over as codes: statuses, kinds, channels.

Kept in one place so the timeline, the open items and the detail dialog say the same thing,
and so lupdate files them under one context ("Counter").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from clerk.domain.money import Money, format_money
from clerk.services.customer_view import TimelineEntry
from clerk.ui.texts import store_time

translate = QCoreApplication.translate


def status_name(status: str) -> str:
    """An order's, return's, reservation's or ticket's status in words."""
    names = {
        "placed": translate("Counter", "Placed"),
        "picking": translate("Counter", "Being picked"),
        "ready": translate("Counter", "Ready for pickup"),
        "collected": translate("Counter", "Collected"),
        "partially_collected": translate("Counter", "Partly collected"),
        "expired": translate("Counter", "Expired"),
        "cancelled": translate("Counter", "Cancelled"),
        "shipped": translate("Counter", "Shipped"),
        "delivered": translate("Counter", "Delivered"),
        "completed": translate("Counter", "Completed"),
        "refund_pending": translate("Counter", "Refund pending"),
        "active": translate("Counter", "Active"),
        "open": translate("Counter", "Open"),
        "closed": translate("Counter", "Closed"),
    }
    return names.get(status, status.replace("_", " "))


def loyalty_kind_name(kind: str) -> str:
    names = {
        "earn": translate("Counter", "Earned"),
        "redeem": translate("Counter", "Redeemed"),
        "reverse": translate("Counter", "Reversed after a return"),
        "bonus": translate("Counter", "Bonus"),
        "adjust": translate("Counter", "Adjustment"),
    }
    return names.get(kind, kind)


def money(value: Money | str) -> str:
    """PLN the Polish way: ``1 234,50 zł``."""
    return format_money(value if isinstance(value, Money) else Money.of(value))


def points_text(points: int, signed: bool = False) -> str:
    """``1 240 pts`` (``+120 pts`` when ``signed``), thin-space grouped."""
    number = f"{points:+,}" if signed else f"{points:,}"
    return translate("Counter", "{points} pts").replace("{points}", number.replace(",", "\u00a0"))


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
            return translate("Counter", "Sale at the counter (number follows from central)")
        if d.get("fulfilment") == "pickup":
            return translate("Counter", "Click-and-collect order {number}").replace(
                "{number}", number
            )
        if d.get("fulfilment") == "ship":
            return translate("Counter", "Delivery order {number}").replace("{number}", number)
        return translate("Counter", "Order {number}").replace("{number}", number)
    if entry.kind == "return":
        number = _text(d, "order_number")
        if d.get("source") == "pickup_refusal":
            text = translate("Counter", "Refused at pickup, order {number}")
        else:
            text = translate("Counter", "Return of order {number}")
        return text.replace("{number}", number or "…")
    if entry.kind == "reservation":
        until = d.get("hold_until")
        if until:
            held = store_time(datetime.fromisoformat(str(until)), "%d.%m %H:%M")
            return translate("Counter", "Reserve in store, held until {until}").replace(
                "{until}", held
            )
        return translate("Counter", "Reserve in store")
    if entry.kind == "visit":
        return translate("Counter", "Store visit")
    if entry.kind == "loyalty":
        note = _text(d, "note")
        kind = loyalty_kind_name(_text(d, "kind"))
        return f"{kind} — {note}" if note else kind
    kind = _text(d, "kind")
    subject = _text(d, "subject") or _text(d, "body")[:80]
    labels = {
        "ticket": translate("Counter", "Support ticket: {subject}"),
        "note": translate("Counter", "Note: {subject}"),
        "contact": translate("Counter", "Store contact: {subject}"),
        "feedback": translate("Counter", "Feedback: {subject}"),
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


def kind_filters() -> list[tuple[str, str]]:
    """The timeline's kind filter: (key, words)."""
    return [
        ("all", translate("Counter", "Everything")),
        ("orders", translate("Counter", "Orders")),
        ("pickups", translate("Counter", "Pickups")),
        ("returns", translate("Counter", "Returns")),
        ("reservations", translate("Counter", "Reservations")),
        ("visits", translate("Counter", "Visits")),
        ("support", translate("Counter", "Support and notes")),
        ("loyalty", translate("Counter", "Loyalty")),
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
