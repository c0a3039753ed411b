"""Recognising the customer at the counter from the tablet's own slice: their 360 and search.

:func:`local_360` answers in one read (offline, within a frame); customers outside the slice
are asked of central (:mod:`clerk.services.customers_central`).  Searches work the same way:
the local search first, central's when the slice has no match and central can be reached.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from clerk.domain.entities import (
    Interaction,
    InteractionKind,
    Order,
    Reservation,
    ReservationStatus,
    Return,
)
from clerk.domain.money import Money
from clerk.services.context import ServiceContext
from clerk.services.customer_view import (
    Alternative,
    CartLineView,
    CartView,
    Customer360,
    CustomerHit,
    OpenItems,
    Part,
    TimelineEntry,
    TimelineKind,
    customer_hit,
)
from clerk.store import StoreUnit
from clerk.store.timeline import TimelineRows

__all__ = [
    "TIMELINE_PAGE",
    "find_customers",
    "local_360",
    "older_timeline",
    "ticket_thread",
]

TIMELINE_PAGE = 200
WAITING = ("placed", "picking", "ready")
ALTERNATIVES_MAX = 8
ALL_PARTS: frozenset[Part] = frozenset({"profile", "timeline", "cart", "open_items"})


# -- the local slice ---------------------------------------------------------------------------


def local_360(ctx: ServiceContext, customer_id: str) -> Customer360 | None:
    """The customer's 360 from the tablet's slice, or None when the tablet does not hold them.

    One read unit; a customer fetched from central earlier has their retention clock
    restarted, so a customer the clerks keep serving stays cached.
    """
    with ctx.store.unit(read_only=True) as unit:
        customer = unit.customers.get(customer_id)
        if customer is None:
            return None
        fetched = unit.customers.is_fetched(customer_id)
        rows = unit.timeline.rows(customer_id, limit=TIMELINE_PAGE)
        timeline, before = _page(rows, None)
        view = Customer360(
            customer_id=customer_id,
            customer=customer,
            source="local",
            timeline=timeline,
            timeline_before=before,
            cart=_local_cart(unit, customer_id),
            open_items=_local_open_items(unit, ctx.store_id, customer_id, rows),
        )
    if fetched:
        # Outside the slice, kept while clerks keep serving them: restart the clock (a
        # write, so only for these, not for every scan of a slice customer).
        with ctx.store.unit() as unit:
            unit.customers.touch_served(customer_id, ctx.clock.now())
    return view


def older_timeline(
    ctx: ServiceContext, customer_id: str, before: str
) -> tuple[tuple[TimelineEntry, ...], str | None]:
    """The next (older) page of a local timeline: its entries and the cursor after it."""
    with ctx.store.unit(read_only=True) as unit:
        rows = unit.timeline.rows(customer_id, before=before, limit=TIMELINE_PAGE)
    return _page(rows, before)


def _at(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


def _page(rows: TimelineRows, before: str | None) -> tuple[tuple[TimelineEntry, ...], str | None]:
    """Entries of one page, newest first: the orders read, and the other sources' entries
    from the same span of time (older ones come with the next page of orders)."""
    upper = _at(before) if before is not None else None
    lower = _at(rows.orders[-1]["created_at"]) if rows.more_orders and rows.orders else None
    numbers = {str(o["id"]): str(o.get("number") or "") for o in rows.orders}
    entries = [_order_entry(o) for o in rows.orders]
    others: list[TimelineEntry] = []
    others += (_return_entry(r, numbers) for r in rows.returns)
    others += (_reservation_entry(r) for r in rows.reservations)
    others += (_loyalty_entry(t) for t in rows.loyalty)
    others += (_interaction_entry(i) for i in rows.interactions)
    for entry in others:
        if upper is not None and entry.at >= upper:
            continue
        if lower is not None and entry.at < lower:
            continue
        entries.append(entry)
    entries.sort(key=lambda e: (e.at, e.ref_id), reverse=True)
    next_before = str(rows.orders[-1]["created_at"]) if lower is not None else None
    return tuple(entries), next_before


def _order_total(order: Mapping[str, Any]) -> tuple[Money, int]:
    # Plain Decimals, one Money at the end.
    total = Decimal(0)
    items = 0
    for line in order.get("lines") or ():
        qty = int(line.get("qty", 0))
        items += qty
        total += Decimal(str(line.get("unit_price", "0"))) * qty
        discount = line.get("discount")
        if discount:
            total -= Decimal(str(discount))
    return Money.of(total), items


class _OrderFacts(Mapping[str, Any]):
    """An order's timeline fields; its total and item count are added up when first read.

    A page holds hundreds of orders and the screen shows about ten of them: adding up every
    line of every order before the first paint was a fifth of a scan's read.
    """

    __slots__ = ("_fields", "_order")

    def __init__(self, order: Mapping[str, Any]) -> None:
        self._order = order
        self._fields: dict[str, Any] = {
            "number": order.get("number") or "",
            "status": order.get("status") or "",
            "fulfilment": order.get("fulfilment") or "",
            "pickup_store_id": order.get("pickup_store_id"),
            "points_earned": int(order.get("points_earned") or 0),
        }

    def _add_up(self) -> None:
        total, items = _order_total(self._order)
        self._fields["total"] = str(total)
        self._fields["items"] = items

    def __getitem__(self, key: str) -> Any:
        if key in ("total", "items") and "total" not in self._fields:
            self._add_up()
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        if "total" not in self._fields:
            self._add_up()
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields) + (0 if "total" in self._fields else 2)


def _order_entry(order: Mapping[str, Any]) -> TimelineEntry:
    store = order.get("pickup_store_id") or order.get("store_id")
    return TimelineEntry(
        "order",
        _at(order["created_at"]),
        order.get("channel"),
        store,
        str(order["id"]),
        _OrderFacts(order),
    )


def _return_entry(ret: Mapping[str, Any], numbers: Mapping[str, str]) -> TimelineEntry:
    amount = sum(
        (Money.of(str(line.get("amount", "0"))) for line in ret.get("lines") or ()), Money.zero()
    )
    order_id = str(ret.get("order_id") or "")
    data = {
        "order_id": order_id,
        "order_number": numbers.get(order_id, ""),
        "amount": str(amount),
        "status": ret.get("status") or "completed",
        "source": ret.get("source") or "counter",
    }
    return TimelineEntry(
        "return", _at(ret["created_at"]), "store", ret.get("store_id"), str(ret["id"]), data
    )


def _reservation_entry(res: Mapping[str, Any]) -> TimelineEntry:
    data = {"status": res.get("status") or "", "hold_until": res.get("hold_until")}
    return TimelineEntry(
        "reservation", _at(res["created_at"]), "web", res.get("store_id"), str(res["id"]), data
    )


def _loyalty_entry(txn: Mapping[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        "loyalty",
        _at(txn["created_at"]),
        txn.get("channel"),
        txn.get("store_id"),
        str(txn["id"]),
        txn,
    )


def _interaction_entry(item: Mapping[str, Any]) -> TimelineEntry:
    kind: TimelineKind = "visit" if item.get("kind") == "visit" else "interaction"
    return TimelineEntry(
        kind,
        _at(item["created_at"]),
        item.get("channel"),
        item.get("store_id"),
        str(item["id"]),
        item,
    )


def _local_cart(unit: StoreUnit, customer_id: str) -> CartView | None:
    cart = unit.carts.active_for_customer(customer_id)
    if cart is None:
        return None
    skus = [line.sku for line in cart.lines]
    products = unit.catalog.products(skus)
    stocks = unit.catalog.stocks(skus)
    lines: list[CartLineView] = []
    for line in cart.lines:
        product = products.get(line.sku)
        if product is None:
            lines.append(
                CartLineView(
                    line.sku, line.qty, line.sku, None, "", "", Money.zero(), None, known=False
                )
            )
            continue
        level = stocks.get(line.sku)
        available = level.available if level is not None else None
        alternatives: tuple[Alternative, ...] = ()
        if available is None or available < line.qty:
            alternatives = _alternatives(unit, product.style, line.sku)
        lines.append(
            CartLineView(
                sku=line.sku,
                qty=line.qty,
                name=product.name,
                ean=product.ean,
                size=product.size,
                colour=product.colour,
                price=product.price,
                available_here=available,
                alternatives=alternatives,
            )
        )
    return CartView(cart.id, cart.updated_at, tuple(lines))


def _alternatives(unit: StoreUnit, style: str, sku: str) -> tuple[Alternative, ...]:
    """Other sizes and colours of the model with stock here."""
    if not style:
        return ()
    found: list[Alternative] = []
    variants = [v for v in unit.catalog.variants(style) if v.sku != sku]
    stocks = unit.catalog.stocks(v.sku for v in variants)
    for variant in variants:
        level = stocks.get(variant.sku)
        if level is None or level.available <= 0:
            continue
        found.append(
            Alternative(variant.sku, variant.ean, variant.size, variant.colour, level.available)
        )
        if len(found) == ALTERNATIVES_MAX:
            break
    return tuple(found)


def _local_open_items(
    unit: StoreUnit, store_id: str, customer_id: str, rows: TimelineRows
) -> OpenItems:
    pickups = tuple(
        Order.from_dict(o) for o in unit.timeline.waiting_pickups(customer_id, store_id, WAITING)
    )
    reservations = tuple(
        sorted(
            (
                Reservation.from_dict(r)
                for r in rows.reservations
                if r.get("store_id") == store_id and r.get("status") == ReservationStatus.ACTIVE
            ),
            key=lambda r: r.hold_until,
        )
    )
    returns = tuple(
        Return.from_dict(r) for r in rows.returns if r.get("status") == "refund_pending"
    )
    tickets = tuple(
        sorted(
            (
                Interaction.from_dict(i)
                for i in rows.interactions
                if i.get("kind") == InteractionKind.TICKET and i.get("status") == "open"
            ),
            key=lambda i: i.created_at,
            reverse=True,
        )
    )
    return OpenItems(pickups, reservations, returns, tickets)


def ticket_thread(entries: Iterable[TimelineEntry], ticket_id: str) -> list[TimelineEntry]:
    """A support ticket and the messages of its thread, oldest first."""
    thread = [
        e
        for e in entries
        if e.kind == "interaction"
        and (e.ref_id == ticket_id or e.data.get("thread_id") == ticket_id)
    ]
    thread.sort(key=lambda e: (e.at, e.ref_id))
    return thread


# -- search -----------------------------------------------------------------------------------


def find_customers(ctx: ServiceContext, query: str, limit: int = 20) -> list[CustomerHit]:
    """Customers on the tablet by name, phone, e-mail or card number (as the clerk types)."""
    if not query.strip():
        return []
    with ctx.store.unit(read_only=True) as unit:
        return [customer_hit(c, True) for c in unit.customers.search(query, limit)]
