"""Finding a purchase to take back, and what the policy says about each of its lines.

A receipt's ``R`` code or the customer's timeline names an order by id; a customer names it by
its printed number. The tablet answers from its own store first. An order it does not hold is
fetched from central (any channel, any store) with the returns already made of it, and kept on
the tablet as a *fetched* row, so the return is decided with the same inputs central uses and
can still be made if the network drops a minute later. Offline, an order never fetched cannot
be returned here: the clerk is told so in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from clerk.domain.entities import Order, OrderLine, Product, Return
from clerk.domain.returns import LineVerdict, ReturnPolicy
from clerk.services.context import ServiceContext
from clerk.services.effects import final_sale_skus, settings_of
from clerk.services.errors import InvalidRequest, NotFound
from clerk.store import StoreUnit

__all__ = [
    "OFFLINE_NOT_CACHED",
    "ORDER_NOT_FOUND",
    "Fetched",
    "OrderDirectory",
    "Purchase",
    "PurchaseLine",
    "Replacement",
    "find_purchase",
    "keep_fetched",
    "look_up_purchase",
    "read_purchase",
]

ORDER_NOT_FOUND = "order_not_found"
OFFLINE_NOT_CACHED = "offline_not_cached"
MAX_NUMBER = 32


class OrderLookupLike(Protocol):
    """Central's answer about an order (:class:`clerk.sync.engine.OrderLookup`)."""

    @property
    def order(self) -> dict[str, Any] | None: ...

    @property
    def returns(self) -> list[dict[str, Any]]: ...

    @property
    def reached(self) -> bool: ...


class OrderDirectory(Protocol):
    """What the desk needs of the sync engine: any order from central, with its returns."""

    def lookup_order(
        self, *, order_id: str | None = None, number: str | None = None
    ) -> OrderLookupLike: ...


@dataclass(frozen=True)
class Replacement:
    """Another size or colour of a line's product, and how many are available here."""

    product: Product
    available: int


@dataclass(frozen=True)
class PurchaseLine:
    """One order line as the return desk shows it: bought, already returned, returnable now
    and the policy's verdict (the same code central runs)."""

    line: OrderLine
    product: Product | None
    verdict: LineVerdict
    replacements: tuple[Replacement, ...]

    @property
    def bought(self) -> int:
        return self.line.qty

    @property
    def already_returned(self) -> int:
        """Units already refunded: returned, refused at pickup, or never picked."""
        return self.line.returned_qty + self.line.short_qty

    @property
    def returnable(self) -> int:
        return self.verdict.returnable_qty


@dataclass(frozen=True)
class Purchase:
    """An order ready to be returned: its lines with the verdicts, the earlier returns, and
    where it came from ("tablet", or "central" when it was just fetched)."""

    order: Order
    lines: tuple[PurchaseLine, ...]
    returns: tuple[Return, ...]
    window_days: int
    source: str
    customer_name: str
    store_names: Mapping[str, str]
    now: datetime

    @property
    def anything_returnable(self) -> bool:
        return any(line.returnable for line in self.lines)


def read_purchase(ctx: ServiceContext, order_id: str, now: datetime | None = None) -> Purchase:
    """The order on the tablet with its lines' verdicts (raises NotFound)."""
    moment = now if now is not None else ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(order_id)
        if order is None:
            raise NotFound(ORDER_NOT_FOUND, "This order is not on the tablet.")
        return _purchase(ctx, unit, order, moment, "tablet")


@dataclass(frozen=True)
class Fetched:
    """An order central sent, with its returns, not kept on the tablet yet
    (:func:`keep_fetched` keeps it)."""

    order: dict[str, Any]
    returns: tuple[dict[str, Any], ...]
    at: datetime


def find_purchase(
    ctx: ServiceContext,
    directory: OrderDirectory | None,
    *,
    order_id: str | None = None,
    number: str | None = None,
) -> Purchase:
    """The order named by id (a receipt, the timeline) or by its printed number, from the
    tablet or else from central; kept on the tablet when fetched. Looks up and keeps in one
    call: the UI runs the two halves apart (:func:`look_up_purchase` on a reader,
    :func:`keep_fetched` on the writer).

    Raises NotFound ``order_not_found`` (central does not know it) or
    ``offline_not_cached`` (central cannot be reached and the tablet never held it).
    """
    found = look_up_purchase(ctx, directory, order_id=order_id, number=number)
    return found if isinstance(found, Purchase) else keep_fetched(ctx, found)


def look_up_purchase(
    ctx: ServiceContext,
    directory: OrderDirectory | None,
    *,
    order_id: str | None = None,
    number: str | None = None,
) -> Purchase | Fetched:
    """:func:`find_purchase` without writing: the purchase as the tablet holds it, or what
    central sent (:class:`Fetched`), for :func:`keep_fetched` to keep. Reads only."""
    if (order_id is None) == (number is None):
        raise ValueError("name the order by id or by number")
    wanted = (number or "").strip().upper() if number is not None else None
    if wanted is not None and not 0 < len(wanted) <= MAX_NUMBER:
        raise InvalidRequest("invalid_number", "Type the order number as printed.")
    now = ctx.clock.now()
    with ctx.store.unit(read_only=True) as unit:
        order = unit.orders.get(order_id) if order_id else _by_number(unit, wanted or "")
        # The feed keeps the store's slice current; an order kept from an earlier look-up is
        # asked of central again (another store may have taken items back since), and used
        # as kept when central cannot be reached.
        if order is not None and (directory is None or not unit.orders.is_fetched(order.id)):
            return _purchase(ctx, unit, order, now, "tablet")
    if directory is None:
        raise NotFound(OFFLINE_NOT_CACHED, _offline_text(wanted))
    kept = order
    found = directory.lookup_order(
        order_id=kept.id if kept else order_id, number=None if kept else wanted
    )
    if found.order is None and kept is not None and not found.reached:
        with ctx.store.unit(read_only=True) as unit:
            return _purchase(ctx, unit, kept, now, "tablet")
    if found.order is None:
        if found.reached:
            what = wanted or order_id or ""
            raise NotFound(
                ORDER_NOT_FOUND,
                f"No order {what} in any channel — check the number on the receipt or e-mail.",
            )
        raise NotFound(OFFLINE_NOT_CACHED, _offline_text(wanted))
    return Fetched(found.order, tuple(found.returns), now)


def keep_fetched(ctx: ServiceContext, fetched: Fetched) -> Purchase:
    """Keep what central sent as fetched rows (the return can then be decided, and made,
    here even offline) and show it: the one write of finding a purchase."""
    with ctx.store.unit() as unit:
        unit.cache.apply_entity("order", fetched.order, origin="fetched", served_at=fetched.at)
        for ret in fetched.returns:
            unit.cache.apply_entity("return", ret, origin="fetched", served_at=fetched.at)
        order = unit.orders.get(str(fetched.order["id"]))
        assert order is not None
        return _purchase(ctx, unit, order, fetched.at, "central")


def _by_number(unit: StoreUnit, number: str) -> Order | None:
    return unit.orders.by_number(number) or unit.orders.by_number(number.lower())


def _offline_text(number: str | None) -> str:
    what = f"Order {number}" if number else "This order"
    return (
        f"{what} is not on the tablet and central cannot be reached, so it cannot be returned "
        "now. Try again when the tablet is online (the top bar shows it)."
    )


def _purchase(
    ctx: ServiceContext, unit: StoreUnit, order: Order, now: datetime, source: str
) -> Purchase:
    settings = settings_of(unit, ctx.store_id)
    policy = ReturnPolicy(window_days=settings.return_window_days)
    final_sale = final_sale_skus(unit, order)
    products = unit.catalog.products({line.sku for line in order.lines})
    lines = []
    for line in order.lines:
        product = products.get(line.sku)
        verdict = policy.line_verdict(order, line, line.sku in final_sale, now)
        lines.append(PurchaseLine(line, product, verdict, _replacements(unit, product)))
    customer = unit.customers.get(order.customer_id) if order.customer_id else None
    return Purchase(
        order=order,
        lines=tuple(lines),
        returns=tuple(unit.orders.returns_of(order.id)),
        window_days=settings.return_window_days,
        source=source,
        customer_name=customer.full_name if customer else "",
        store_names=unit.stores.names(),
        now=now,
    )


def _replacements(unit: StoreUnit, product: Product | None) -> tuple[Replacement, ...]:
    """The other sizes and colours of ``product`` in stock here, for an exchange."""
    if product is None:
        return ()
    others = [p for p in unit.catalog.variants(product.style) if p.sku != product.sku]
    stock = unit.catalog.stocks(p.sku for p in others)
    found = []
    for other in others:
        level = stock.get(other.sku)
        if level is not None and level.available > 0:
            found.append(Replacement(other, level.available))
    return tuple(found)
