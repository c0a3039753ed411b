"""Recognising the customer at the counter and reading their 360.

:func:`local_360` answers from the tablet's own slice in one read (offline, within a frame);
:func:`remote_360` asks central for a customer outside the slice (the answer is cached, so
the next scan is local) and falls back to the cache, or — offline and never cached — to what
the signed loyalty code alone says.  Searches work the same way: the local search first, then
central's when the slice has no match and central can be reached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from clerk.domain.entities import (
    Customer,
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
    Elsewhere,
    OpenItems,
    Part,
    TimelineEntry,
    TimelineKind,
    mask_email,
    mask_phone,
)
from clerk.store import StoreUnit
from clerk.store.timeline import TimelineRows
from clerk.sync.engine import ProfileLookup

__all__ = [
    "TIMELINE_PAGE",
    "CustomerDirectory",
    "OrderDetail",
    "cart_elsewhere",
    "find_customers",
    "find_customers_central",
    "local_360",
    "older_timeline",
    "order_detail",
    "remote_360",
    "ticket_thread",
]

TIMELINE_PAGE = 200
WAITING = ("placed", "picking", "ready")
ALTERNATIVES_MAX = 8
ALL_PARTS: frozenset[Part] = frozenset({"profile", "timeline", "cart", "open_items"})


class CustomerDirectory(Protocol):
    """Central's view of customers (the sync engine): profile bundles and search."""

    def lookup_customer(self, customer_id: str) -> ProfileLookup: ...

    def search_customers(self, query: str, limit: int = 20) -> list[dict[str, Any]] | None: ...

    def fetch_order(self, order_id: str) -> dict[str, Any] | None: ...

    def peek_profile(self, customer_id: str) -> dict[str, Any] | None: ...


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
    # Plain Decimals, one Money at the end: a page has hundreds of lines to add up.
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


def _order_entry(order: Mapping[str, Any]) -> TimelineEntry:
    total, items = _order_total(order)
    data = {
        "number": order.get("number") or "",
        "status": order.get("status") or "",
        "fulfilment": order.get("fulfilment") or "",
        "pickup_store_id": order.get("pickup_store_id"),
        "total": str(total),
        "items": items,
        "points_earned": int(order.get("points_earned") or 0),
    }
    store = order.get("pickup_store_id") or order.get("store_id")
    return TimelineEntry(
        "order", _at(order["created_at"]), order.get("channel"), store, str(order["id"]), data
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


# -- central ----------------------------------------------------------------------------------


def remote_360(
    ctx: ServiceContext,
    directory: CustomerDirectory,
    customer_id: str,
    *,
    named_by_token: bool = False,
) -> Customer360 | None:
    """The 360 of a customer outside the slice: from central (and cached), or from the cache
    when central cannot be reached.  Offline and never cached, a customer named by a signed
    loyalty code (``named_by_token``) still comes back, with every part unavailable; None:
    nobody to show (central does not know them, or offline with nothing to go on)."""
    found = directory.lookup_customer(customer_id)
    if found.bundle is not None:
        source = "central" if found.source == "central" else "cached"
        return bundle_360(ctx, found.bundle, source)
    if not found.reached and named_by_token:
        return Customer360(customer_id, None, "token", unavailable=ALL_PARTS)
    return None


def bundle_360(ctx: ServiceContext, bundle: Mapping[str, Any], source: str) -> Customer360:
    """A 360 from central's profile bundle (``GET /v1/customers/{id}/profile``)."""
    customer = Customer.from_dict(bundle["customer"])
    timeline = tuple(
        TimelineEntry(
            kind=e["kind"],
            at=_at(e["at"]),
            channel=e.get("channel"),
            store_id=e.get("store_id"),
            ref_id=str(e["ref_id"]),
            data=e.get("data") or {},
        )
        for e in bundle.get("timeline") or ()
    )
    cart = _bundle_cart(bundle.get("cart"))
    items = bundle.get("open_items") or {}
    open_items = OpenItems(
        pickups=tuple(Order.from_dict(o) for o in items.get("pickups") or ()),
        reservations=tuple(Reservation.from_dict(r) for r in items.get("reservations") or ()),
        returns=tuple(Return.from_dict(r) for r in items.get("returns") or ()),
        tickets=tuple(Interaction.from_dict(t) for t in items.get("tickets") or ()),
    )
    summary = bundle.get("summary") or {}
    return Customer360(
        customer_id=customer.id,
        customer=customer,
        source="central" if source == "central" else "cached",
        timeline=timeline,
        timeline_before=None,
        cart=cart,
        open_items=open_items,
        orders_by_channel=dict(summary.get("orders_by_channel") or {}),
    )


def _bundle_cart(data: Mapping[str, Any] | None) -> CartView | None:
    if not data:
        return None
    lines = []
    for line in data.get("lines") or ():
        available = line.get("available_here")
        lines.append(
            CartLineView(
                sku=str(line["sku"]),
                qty=int(line["qty"]),
                name=str(line.get("name") or line["sku"]),
                ean=line.get("ean"),
                size=str(line.get("size") or ""),
                colour=str(line.get("colour") or ""),
                price=Money.of(str(line.get("price", "0"))),
                available_here=int(available) if available is not None else None,
                alternatives=tuple(
                    Alternative(
                        str(a["sku"]),
                        a.get("ean"),
                        str(a.get("size") or ""),
                        str(a.get("colour") or ""),
                        int(a.get("available_here") or 0),
                    )
                    for a in line.get("alternatives") or ()
                ),
                elsewhere=tuple(
                    Elsewhere(
                        str(s["store_id"]),
                        str(s.get("store_name") or s["store_id"]),
                        int(s.get("available") or 0),
                    )
                    for s in line.get("elsewhere") or ()
                ),
            )
        )
    return CartView(str(data["id"]), _at(data["updated_at"]), tuple(lines))


def cart_elsewhere(
    directory: CustomerDirectory, customer_id: str, cart: CartView
) -> CartView | None:
    """``cart`` with central's word on the lines short here: other stores' stock, and other
    sizes or colours here. None when central cannot say (offline) or its cart is another."""
    bundle = directory.peek_profile(customer_id)
    central = _bundle_cart(bundle.get("cart") if bundle else None)
    if central is None or central.id != cart.id:
        return None
    known = {line.sku: line for line in central.lines}
    lines = []
    for line in cart.lines:
        found = known.get(line.sku)
        if found is None or line.enough_here:
            lines.append(line)
            continue
        lines.append(
            replace(
                line,
                elsewhere=found.elsewhere,
                alternatives=line.alternatives or found.alternatives,
            )
        )
    return replace(cart, lines=tuple(lines))


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


@dataclass(frozen=True)
class OrderDetail:
    """An order with its lines and payments, and the returns made of it."""

    order: Order
    returns: tuple[Return, ...]
    from_central: bool


def order_detail(
    ctx: ServiceContext, directory: CustomerDirectory | None, order_id: str
) -> OrderDetail | None:
    """The order from the tablet, or from central when the tablet does not hold it; None
    when neither has it (or central cannot be reached)."""
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(order_id)
        if order is not None:
            return OrderDetail(order, tuple(unit.orders.returns_of(order_id)), False)
    if directory is None:
        return None
    data = directory.fetch_order(order_id)
    if data is None:
        return None
    return OrderDetail(Order.from_dict(data), (), True)


# -- search -----------------------------------------------------------------------------------


def _hit(customer: Customer, on_tablet: bool) -> CustomerHit:
    return CustomerHit(
        customer_id=customer.id,
        name=customer.full_name,
        tier=str(customer.tier),
        points=customer.points_balance,
        phone=mask_phone(customer.phone),
        email=mask_email(customer.email),
        card_tail=customer.card_number[-4:],
        on_tablet=on_tablet,
    )


def find_customers(ctx: ServiceContext, query: str, limit: int = 20) -> list[CustomerHit]:
    """Customers on the tablet by name, phone, e-mail or card number (as the clerk types)."""
    if not query.strip():
        return []
    with ctx.store.unit(read_only=True) as unit:
        return [_hit(c, True) for c in unit.customers.search(query, limit)]


def find_customers_central(
    directory: CustomerDirectory, query: str, limit: int = 20
) -> list[CustomerHit] | None:
    """Central's search, for a query the slice has no match for; None when offline."""
    if not query.strip():
        return []
    found = directory.search_customers(query.strip(), limit)
    if found is None:
        return None
    return [_hit(Customer.from_dict(data), False) for data in found]


def channel_counts(entries: Sequence[TimelineEntry]) -> dict[str, int]:
    """How many of ``entries`` came through each channel (for the filter chips)."""
    return dict(Counter(e.channel or "store" for e in entries))
