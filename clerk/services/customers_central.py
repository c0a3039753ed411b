"""Customers outside the tablet's slice, asked of central: their 360, search, any order.

:func:`remote_360` asks central for a customer's profile bundle (cached, so the next scan is
local) and falls back to the cache, or — offline and never cached — to what the signed
loyalty code alone says.  Central's search answers when the slice has no match.  Every read
here goes through a :class:`CustomerDirectory` (the sync engine), which says whether central
could be reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from clerk.domain.entities import Customer, Interaction, Order, Reservation, Return
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
    customer_hit,
)
from clerk.sync.engine import ProfileLookup

__all__ = [
    "CustomerDirectory",
    "OrderDetail",
    "bundle_360",
    "cart_elsewhere",
    "find_customers_central",
    "order_detail",
    "remote_360",
]

ALL_PARTS: frozenset[Part] = frozenset({"profile", "timeline", "cart", "open_items"})


def _at(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


class CustomerDirectory(Protocol):
    """Central's view of customers (the sync engine): profile bundles and search."""

    def lookup_customer(self, customer_id: str) -> ProfileLookup: ...

    def search_customers(self, query: str, limit: int = 20) -> list[dict[str, Any]] | None: ...

    def fetch_order(self, order_id: str) -> dict[str, Any] | None: ...

    def peek_profile(self, customer_id: str) -> dict[str, Any] | None: ...


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
    return Customer360(
        customer_id=customer.id,
        customer=customer,
        source="central" if source == "central" else "cached",
        timeline=timeline,
        timeline_before=None,
        cart=cart,
        open_items=open_items,
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


def find_customers_central(
    directory: CustomerDirectory, query: str, limit: int = 20
) -> list[CustomerHit] | None:
    """Central's search, for a query the slice has no match for; None when offline."""
    if not query.strip():
        return []
    found = directory.search_customers(query.strip(), limit)
    if found is None:
        return None
    return [customer_hit(Customer.from_dict(data), False) for data in found]
