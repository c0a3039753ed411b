"""What the store manager reads about local holds: every hold in one list, and the stock here.

Two kinds of hold keep units of this store's stock aside for a customer: reserve-in-store
requests (active reservations) and click-and-collect orders ready on the shelf. The board
lists both with their customer, lines, when they were made and until when they are held,
flags those ending within a day and those already over, and shows, per SKU they hold, the
stock here (on hand, held, available) with the holds holding it. Reads only, from the local
store (managers only): it works offline and follows every sync.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from clerk.domain.entities import Customer, Order, OrderStatus, Reservation
from clerk.domain.holds import ReservationHoldPolicy
from clerk.domain.money import Money
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import settings_of
from clerk.services.pickup import units_waiting
from clerk.services.staff import MANAGER, require_staff
from clerk.store import StoreUnit

__all__ = [
    "EXPIRING_WITHIN",
    "HoldEntry",
    "HoldKind",
    "HoldLine",
    "HoldState",
    "HoldsBoard",
    "StockHolder",
    "StockRow",
    "holds_board",
]

HoldKind = Literal["reservation", "pickup"]
HoldState = Literal["active", "expiring", "expired"]

# A hold ending within this is flagged (a reservation lives 48 hours: a day is its second half).
EXPIRING_WITHIN = timedelta(days=1)


@dataclass(frozen=True)
class HoldLine:
    """Units of one product a hold keeps aside."""

    sku: str
    name: str
    qty: int
    unit_price: Money

    @property
    def total(self) -> Money:
        return self.unit_price * self.qty


@dataclass(frozen=True)
class HoldEntry:
    """One hold: a reservation, or a ready pickup order (``hold_id`` is the order's id)."""

    kind: HoldKind
    hold_id: str
    reference: str  # what the clerk calls it: the order number, or the reservation's id
    customer_id: str | None
    customer_name: str
    phone_digits: str
    lines: tuple[HoldLine, ...]
    created_at: datetime
    hold_until: datetime
    state: HoldState
    pending: bool  # an action of this tablet on it waits to be sent
    attention: str | None  # central refused an action on it: why, in words
    latest_until: datetime | None = None  # a reservation: the furthest it may be extended

    def time_left(self, now: datetime) -> timedelta:
        """How long until the hold ends (negative: over since)."""
        return self.hold_until - now

    @property
    def units(self) -> int:
        return sum(line.qty for line in self.lines)

    @property
    def total(self) -> Money:
        return sum((line.total for line in self.lines), Money.zero())

    def matches(self, query: str) -> bool:
        """Customer name, reference, a product (SKU or name) or a fragment of the phone."""
        query = query.strip().lower()
        if not query:
            return True
        digits = "".join(ch for ch in query if ch.isdigit())
        if digits and digits == query.replace(" ", "") and digits in self.phone_digits:
            return True
        haystack = [self.reference.lower(), self.customer_name.lower(), self.hold_id.lower()]
        for line in self.lines:
            haystack += [line.sku.lower(), line.name.lower()]
        return any(query in text for text in haystack)


@dataclass(frozen=True)
class StockHolder:
    """A hold keeping ``qty`` units of a SKU aside."""

    kind: HoldKind
    hold_id: str
    reference: str
    customer_name: str
    qty: int


@dataclass(frozen=True)
class StockRow:
    """A SKU's stock here and the holds holding it."""

    sku: str
    name: str
    size: str
    colour: str
    on_hand: int
    held: int
    holders: tuple[StockHolder, ...]

    @property
    def available(self) -> int:
        return self.on_hand - self.held

    @property
    def held_by_listed(self) -> int:
        return sum(h.qty for h in self.holders)

    @property
    def unexplained(self) -> int:
        """Held units no hold on the tablet explains (a change not synced yet): held minus
        what the listed holds keep aside."""
        return self.held - self.held_by_listed


@dataclass(frozen=True)
class HoldsBoard:
    """Every local hold, the soonest to end first, and the stock they hold, by SKU."""

    holds: tuple[HoldEntry, ...]
    stock: tuple[StockRow, ...]
    read_at: datetime

    def hold(self, kind: HoldKind, hold_id: str) -> HoldEntry | None:
        return next((h for h in self.holds if h.kind == kind and h.hold_id == hold_id), None)

    def stock_of(self, sku: str) -> StockRow | None:
        return next((row for row in self.stock if row.sku == sku), None)


def _state(hold_until: datetime, now: datetime) -> HoldState:
    if hold_until <= now:
        return "expired"
    if hold_until - now <= EXPIRING_WITHIN:
        return "expiring"
    return "active"


def _attention(unit: StoreUnit) -> dict[str, str]:
    found: dict[str, str] = {}
    for command in unit.outbox.attention():
        if command.lane:
            found[command.lane] = command.refusal_words
    return found


def _customers(unit: StoreUnit, ids: Iterable[str | None]) -> dict[str, Customer]:
    found: dict[str, Customer] = {}
    for customer_id in ids:
        if customer_id and customer_id not in found:
            customer = unit.customers.get(customer_id)
            if customer is not None:
                found[customer_id] = customer
    return found


def _reservation_entry(
    res: Reservation,
    customer: Customer | None,
    unit: StoreUnit,
    policy: ReservationHoldPolicy,
    now: datetime,
    pending: set[tuple[str, str]],
    attention: dict[str, str],
) -> HoldEntry:
    products = unit.catalog.products(line.sku for line in res.lines)
    lines = tuple(
        HoldLine(
            line.sku,
            products[line.sku].name if line.sku in products else line.sku,
            line.qty,
            products[line.sku].price if line.sku in products else Money.zero(),
        )
        for line in res.lines
    )
    return HoldEntry(
        kind="reservation",
        hold_id=res.id,
        reference=res.id,
        customer_id=res.customer_id,
        customer_name=customer.full_name if customer else "",
        phone_digits="".join(ch for ch in customer.phone if ch.isdigit()) if customer else "",
        lines=lines,
        created_at=res.created_at,
        hold_until=res.hold_until,
        state=_state(res.hold_until, now),
        pending=("reservation", res.id) in pending,
        attention=attention.get(f"reservation:{res.id}"),
        latest_until=policy.latest_until(res.created_at),
    )


def _pickup_entry(
    order: Order,
    customer: Customer | None,
    now: datetime,
    pending: set[tuple[str, str]],
    attention: dict[str, str],
) -> HoldEntry | None:
    pickup = order.pickup
    if pickup is None or pickup.hold_until is None:
        return None
    waiting = units_waiting(order)
    lines = tuple(
        HoldLine(line.sku, line.name, waiting[line.id], line.unit_price)
        for line in order.lines
        if waiting[line.id] > 0
    )
    if not lines:
        return None
    return HoldEntry(
        kind="pickup",
        hold_id=order.id,
        reference=order.number or order.id,
        customer_id=order.customer_id,
        customer_name=customer.full_name if customer else "",
        phone_digits="".join(ch for ch in customer.phone if ch.isdigit()) if customer else "",
        lines=lines,
        created_at=pickup.ready_at or order.created_at,
        hold_until=pickup.hold_until,
        state=_state(pickup.hold_until, now),
        pending=("order", order.id) in pending,
        attention=attention.get(f"order:{order.id}"),
    )


def _stock_rows(unit: StoreUnit, holds: Iterable[HoldEntry]) -> tuple[StockRow, ...]:
    holders: dict[str, list[StockHolder]] = defaultdict(list)
    for hold in holds:
        for line in hold.lines:
            holders[line.sku].append(
                StockHolder(hold.kind, hold.hold_id, hold.reference, hold.customer_name, line.qty)
            )
    products = unit.catalog.products(holders)
    levels = unit.catalog.stocks(holders)
    rows = []
    for sku in sorted(holders):
        product = products.get(sku)
        level = levels.get(sku)
        rows.append(
            StockRow(
                sku=sku,
                name=product.name if product else sku,
                size=product.size if product else "",
                colour=product.colour if product else "",
                on_hand=level.on_hand if level else 0,
                held=level.held if level else 0,
                holders=tuple(holders[sku]),
            )
        )
    return tuple(rows)


def holds_board(ctx: ServiceContext, actor: Actor, now: datetime | None = None) -> HoldsBoard:
    """This store's holds (managers only), the soonest to end first, with their stock."""
    moment = now if now is not None else ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        require_staff(unit, actor, MANAGER, "see the store's holds")
        settings = settings_of(unit, ctx.store_id)
        policy = ReservationHoldPolicy(
            hold_hours=settings.reservation_hold_hours, max_days=settings.reservation_max_days
        )
        reservations = unit.reservations.active(ctx.store_id)
        ready = unit.orders.pickups(ctx.store_id, [OrderStatus.READY.value])
        customers = _customers(
            unit, [r.customer_id for r in reservations] + [o.customer_id for o in ready]
        )
        pending = unit.outbox.unfinished_touches()
        attention = _attention(unit)
        entries: list[HoldEntry] = [
            _reservation_entry(
                r, customers.get(r.customer_id), unit, policy, moment, pending, attention
            )
            for r in reservations
        ]
        for order in ready:
            entry = _pickup_entry(
                order, customers.get(order.customer_id or ""), moment, pending, attention
            )
            if entry is not None:
                entries.append(entry)
        entries.sort(key=lambda e: (e.hold_until, e.reference))
        stock = _stock_rows(unit, entries)
    return HoldsBoard(tuple(entries), stock, moment)
