"""What the pickup desk reads: the queue by state, one order's pick list, finding an order.

Reads only (no outbox): the queue answers from the local store, so it works offline and
updates whenever the sync engine brings changes.  Each entry says whether an action of this
tablet on the order still waits to be sent (``pending``) and whether central refused one
(``attention``, in central's words), so nothing is handed out twice in the local view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from clerk.domain.entities import Customer, Order, OrderStatus, Product
from clerk.domain.holds import HoldUrgency, PickupHoldPolicy
from clerk.domain.money import Money
from clerk.services.context import ServiceContext
from clerk.services.effects import settings_of
from clerk.services.errors import InvalidRequest, NotFound
from clerk.services.pickup import units_waiting
from clerk.store import StoreUnit

__all__ = [
    "PickLine",
    "PickupDetail",
    "PickupQueue",
    "QueueEntry",
    "QueueState",
    "find_by_number_and_phone",
    "pickup_detail",
    "pickup_queue",
    "ready_for_customer",
]

QueueState = Literal["to_prepare", "ready", "expiring", "collected_today"]
TO_PREPARE = (OrderStatus.PLACED, OrderStatus.PICKING)
COLLECTED = (OrderStatus.COLLECTED, OrderStatus.PARTIALLY_COLLECTED)
_NON_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class QueueEntry:
    """One pickup order in the desk's queue."""

    order_id: str
    number: str
    state: QueueState
    status: OrderStatus
    customer_id: str | None
    customer_name: str
    phone_digits: str  # the customer's phone, digits only (searched; shown masked)
    created_at: datetime
    ready_at: datetime | None
    hold_until: datetime | None
    collected_at: datetime | None
    shelf: str | None
    items: int
    total: Money
    urgency: HoldUrgency
    pending: bool  # an action of this tablet on it waits to be sent
    attention: str | None  # central refused an action on it: why, in words

    def waited(self, now: datetime) -> timedelta:
        """How long the customer has waited: since the order (to prepare) or since it was
        ready (on the shelf)."""
        start = self.ready_at if self.ready_at is not None else self.created_at
        return now - start

    def matches(self, query: str) -> bool:
        """Order number, customer name or a fragment of their phone number."""
        query = query.strip().lower()
        if not query:
            return True
        digits = _NON_DIGITS.sub("", query)
        if digits and digits == query.replace(" ", ""):
            return digits in _NON_DIGITS.sub("", self.number) or digits in self.phone_digits
        return query in self.number.lower() or query in self.customer_name.lower()

    @property
    def phone_tail(self) -> str:
        """The last three digits of the customer's phone."""
        return self.phone_digits[-3:]


@dataclass(frozen=True)
class PickupQueue:
    """The desk's queue by state, each sorted by urgency (see :func:`pickup_queue`)."""

    to_prepare: tuple[QueueEntry, ...]
    ready: tuple[QueueEntry, ...]
    expiring: tuple[QueueEntry, ...]
    collected_today: tuple[QueueEntry, ...]

    def state(self, state: QueueState) -> tuple[QueueEntry, ...]:
        return {
            "to_prepare": self.to_prepare,
            "ready": self.ready,
            "expiring": self.expiring,
            "collected_today": self.collected_today,
        }[state]


@dataclass(frozen=True)
class PickLine:
    """A line of the pick list: what to fetch, how many are still to hand over."""

    line_id: str
    line_no: int
    sku: str
    name: str
    ean: str
    size: str
    colour: str
    qty: int
    waiting: int  # units still on the shelf for the customer (not short, collected, returned)
    collected: int
    short: int
    returned: int
    unit_price: Money
    age_restricted: bool


@dataclass(frozen=True)
class PickupDetail:
    """One pickup order as the desk works on it."""

    order: Order
    customer: Customer | None
    lines: tuple[PickLine, ...]
    entry: QueueEntry

    @property
    def age_restricted(self) -> bool:
        return any(line.age_restricted and line.waiting for line in self.lines)


def _attention_by_order(unit: StoreUnit) -> dict[str, str]:
    found: dict[str, str] = {}
    for command in unit.outbox.attention():
        if command.lane and command.lane.startswith("order:"):
            found[command.lane.removeprefix("order:")] = command.refusal_words
    return found


def _entry(
    order: Order,
    customer: Customer | None,
    policy: PickupHoldPolicy,
    now: datetime,
    zone: ZoneInfo,
    pending: set[tuple[str, str]],
    attention: dict[str, str],
) -> QueueEntry | None:
    pickup = order.pickup
    hold_until = pickup.hold_until if pickup else None
    urgency = HoldUrgency.OK
    status = OrderStatus(order.status)
    if status in TO_PREPARE:
        state: QueueState = "to_prepare"
    elif status == OrderStatus.READY:
        if hold_until is not None:
            urgency = policy.urgency(hold_until, now)
        state = "ready" if urgency == HoldUrgency.OK else "expiring"
    elif status in COLLECTED:
        collected = pickup.collected_at if pickup else None
        if collected is None or collected.astimezone(zone).date() != now.astimezone(zone).date():
            return None
        state = "collected_today"
    else:
        return None
    phone = _NON_DIGITS.sub("", customer.phone) if customer else ""
    return QueueEntry(
        order_id=order.id,
        number=order.number,
        state=state,
        status=status,
        customer_id=order.customer_id,
        customer_name=customer.full_name if customer else "",
        phone_digits=phone,
        created_at=order.created_at,
        ready_at=pickup.ready_at if pickup else None,
        hold_until=hold_until,
        collected_at=pickup.collected_at if pickup else None,
        shelf=pickup.shelf if pickup else None,
        items=sum(units_waiting(order).values()) if state != "collected_today" else 0,
        total=order.total,
        urgency=urgency,
        pending=("order", order.id) in pending,
        attention=attention.get(order.id),
    )


def _customers(unit: StoreUnit, orders: Iterable[Order]) -> dict[str, Customer]:
    found: dict[str, Customer] = {}
    for order in orders:
        if order.customer_id and order.customer_id not in found:
            customer = unit.customers.get(order.customer_id)
            if customer is not None:
                found[order.customer_id] = customer
    return found


def pickup_queue(ctx: ServiceContext, now: datetime | None = None) -> PickupQueue:
    """This store's pickup orders by state: to prepare (oldest first), ready (longest
    waiting first), expiring or overdue (soonest hold end first), collected today (latest
    first)."""
    moment = now if now is not None else ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        settings = settings_of(unit, ctx.store_id)
        policy = PickupHoldPolicy(settings.pickup_hold_days, settings.pickup_reminder_days_before)
        zone = ZoneInfo(settings.timezone)
        open_orders = unit.orders.pickups(
            ctx.store_id, [s.value for s in (*TO_PREPARE, OrderStatus.READY)]
        )
        # Collected today only (in the store's time zone), read by the index on collected_at.
        day = moment.astimezone(zone).date()
        start = datetime.combine(day, time.min, zone)
        end = datetime.combine(day + timedelta(days=1), time.min, zone)
        collected = unit.orders.collected_between(
            ctx.store_id, start, end, [s.value for s in COLLECTED]
        )
        orders = [*open_orders, *collected]
        customers = _customers(unit, orders)
        pending = unit.outbox.unfinished_touches()
        attention = _attention_by_order(unit)
    entries = [
        e
        for e in (
            _entry(o, customers.get(o.customer_id or ""), policy, moment, zone, pending, attention)
            for o in orders
        )
        if e is not None
    ]
    far = datetime.max.replace(tzinfo=moment.tzinfo)

    def by(state: QueueState) -> list[QueueEntry]:
        return [e for e in entries if e.state == state]

    return PickupQueue(
        to_prepare=tuple(sorted(by("to_prepare"), key=lambda e: (e.created_at, e.number))),
        ready=tuple(sorted(by("ready"), key=lambda e: (e.ready_at or e.created_at, e.number))),
        expiring=tuple(sorted(by("expiring"), key=lambda e: (e.hold_until or far, e.number))),
        collected_today=tuple(
            sorted(by("collected_today"), key=lambda e: e.collected_at or far, reverse=True)
        ),
    )


def _pick_lines(unit: StoreUnit, order: Order) -> tuple[PickLine, ...]:
    waiting = units_waiting(order)
    lines = []
    for line in order.lines:
        product: Product | None = unit.catalog.product(line.sku)
        lines.append(
            PickLine(
                line_id=line.id,
                line_no=line.line_no,
                sku=line.sku,
                name=line.name,
                ean=product.ean if product else "",
                size=product.size if product else "",
                colour=product.colour if product else "",
                qty=line.qty,
                waiting=max(waiting[line.id], 0),
                collected=line.collected_qty,
                short=line.short_qty,
                returned=line.returned_qty,
                unit_price=line.unit_price,
                age_restricted=bool(product and product.age_restricted),
            )
        )
    return tuple(lines)


def pickup_detail(ctx: ServiceContext, order_id: str, now: datetime | None = None) -> PickupDetail:
    """One pickup order of this store with its pick list; NotFound / InvalidRequest in
    words for an order not on the tablet or not collected here."""
    moment = now if now is not None else ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(order_id)
        if order is None:
            raise NotFound(
                "order_not_found",
                "This order is not on the tablet yet; sync, or search its number while online.",
            )
        if order.pickup_store_id != ctx.store_id:
            store = unit.stores.store(order.pickup_store_id or "")
            where = store.name if store else (order.pickup_store_id or "another store")
            raise InvalidRequest(
                "other_store_order",
                f"This order is collected at {where}, not here — send the customer there.",
            )
        settings = settings_of(unit, ctx.store_id)
        policy = PickupHoldPolicy(settings.pickup_hold_days, settings.pickup_reminder_days_before)
        customer = unit.customers.get(order.customer_id) if order.customer_id else None
        entry = _entry(
            order,
            customer,
            policy,
            moment,
            ZoneInfo(settings.timezone),
            unit.outbox.unfinished_touches(),
            _attention_by_order(unit),
        )
        lines = _pick_lines(unit, order)
    if entry is None:  # cancelled, expired, or collected before today: shown as it is
        entry = QueueEntry(
            order.id,
            order.number,
            "collected_today",
            OrderStatus(order.status),
            order.customer_id,
            customer.full_name if customer else "",
            "",
            order.created_at,
            order.pickup.ready_at if order.pickup else None,
            order.pickup.hold_until if order.pickup else None,
            order.pickup.collected_at if order.pickup else None,
            order.pickup.shelf if order.pickup else None,
            0,
            order.total,
            HoldUrgency.OK,
            False,
            None,
        )
    return PickupDetail(order, customer, lines, entry)


def find_by_number_and_phone(ctx: ServiceContext, number: str, phone_digits: str) -> str:
    """The id of this store's pickup order ``number`` whose customer's phone ends in
    ``phone_digits`` (three digits); refusals in words, and the same one for a wrong number
    and wrong digits, so the desk does not confirm which orders exist."""
    number = number.strip().upper()
    digits = _NON_DIGITS.sub("", phone_digits)
    if not number or len(digits) != 3:
        raise InvalidRequest(
            "number_and_digits_needed",
            "Type the order number and the last three digits of the customer's phone.",
        )
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.by_number(number)
        customer = unit.customers.get(order.customer_id) if order and order.customer_id else None
    if (
        order is None
        or order.pickup_store_id != ctx.store_id
        or customer is None
        or not _NON_DIGITS.sub("", customer.phone).endswith(digits)
    ):
        raise NotFound(
            "no_matching_pickup",
            "No order here matches that number and phone — check both with the customer, or "
            "scan the pickup code from their notification.",
        )
    return order.id


def ready_for_customer(ctx: ServiceContext, customer_id: str) -> Sequence[QueueEntry]:
    """The customer's orders waiting on this store's shelf (ready, expiring or overdue)."""
    queue = pickup_queue(ctx)
    return [e for e in (*queue.expiring, *queue.ready) if e.customer_id == customer_id]
