"""The customer 360 bundle: profile, timeline across channels, cart with local stock, open items.

Built from a handful of indexed per-customer queries, each capped at the newest
``limit`` entries, so its cost does not grow with the size of the database.  Timeline rows
are read as plain rows (no ORM objects) and turned into the API's dicts directly
(:mod:`clerk.central.feed_rows`, equal to the domain's ``to_dict()``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk.central import feed_rows
from clerk.central import models as m
from clerk.central import serialize as ser
from clerk.domain.money import Money

TIMELINE_LIMIT = 200
ALTERNATIVES_LIMIT = 8  # other sizes and colours here, per cart line
ELSEWHERE_LIMIT = 5  # other stores with stock, per cart line
WAITING_STATUSES = ("placed", "picking", "ready")


def _iso(value: datetime) -> str:
    return value.isoformat()


def _entry(
    kind: str,
    at: datetime,
    channel: str | None,
    store_id: str | None,
    ref_id: str,
    title: str,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "kind": kind,
        "at": _iso(at),
        "channel": channel,
        "store_id": store_id,
        "ref_id": ref_id,
        "title": title,
        "data": data,
    }


def _order_entries(
    session: Session, customer_id: str, before: datetime | None, limit: int
) -> list[tuple[datetime, dict[str, Any]]]:
    o = m.Order
    stmt = select(
        o.id,
        o.number,
        o.channel,
        o.fulfilment,
        o.status,
        o.store_id,
        o.pickup_store_id,
        o.created_at,
        o.points_earned,
    ).where(o.customer_id == customer_id)
    if before is not None:
        stmt = stmt.where(o.created_at < before)
    rows = session.execute(stmt.order_by(o.created_at.desc(), o.id.desc()).limit(limit)).all()
    if not rows:
        return []
    ids = [r.id for r in rows]
    line = m.OrderLine
    totals = {
        order_id: (Decimal(total or 0), int(items or 0))
        for order_id, total, items in session.execute(
            select(
                line.order_id,
                func.sum(line.unit_price * line.qty - line.discount),
                func.sum(line.qty),
            )
            .where(line.order_id.in_(ids))
            .group_by(line.order_id)
        )
    }
    out = []
    for r in rows:
        total, items = totals.get(r.id, (Decimal(0), 0))
        data = {
            "number": r.number,
            "status": r.status,
            "fulfilment": r.fulfilment,
            "pickup_store_id": r.pickup_store_id,
            "total": str(Money.of(total)),
            "items": items,
            "points_earned": r.points_earned,
        }
        title = f"Order {r.number} ({r.status.replace('_', ' ')})"
        store = r.pickup_store_id or r.store_id
        out.append(
            (r.created_at, _entry("order", r.created_at, r.channel, store, r.id, title, data))
        )
    return out


def _return_entries(
    session: Session, customer_id: str, before: datetime | None, limit: int
) -> list[tuple[datetime, dict[str, Any]]]:
    r, o = m.Return, m.Order
    stmt = (
        select(r.id, r.order_id, r.store_id, r.created_at, r.amount, r.status, r.source, o.number)
        .join(o, o.id == r.order_id)
        .where(o.customer_id == customer_id)
    )
    if before is not None:
        stmt = stmt.where(r.created_at < before)
    rows = session.execute(stmt.order_by(r.created_at.desc()).limit(limit)).all()
    return [
        (
            row.created_at,
            _entry(
                "return",
                row.created_at,
                "store",
                row.store_id,
                row.id,
                f"Return of order {row.number}",
                {
                    "order_id": row.order_id,
                    "order_number": row.number,
                    "amount": str(Money.of(row.amount)),
                    "status": row.status,
                    "source": row.source,
                },
            ),
        )
        for row in rows
    ]


def _reservation_entries(
    session: Session, customer_id: str, before: datetime | None, limit: int
) -> list[tuple[datetime, dict[str, Any]]]:
    r = m.Reservation
    stmt = select(r.id, r.store_id, r.status, r.created_at, r.hold_until).where(
        r.customer_id == customer_id
    )
    if before is not None:
        stmt = stmt.where(r.created_at < before)
    rows = session.execute(stmt.order_by(r.created_at.desc()).limit(limit)).all()
    return [
        (
            row.created_at,
            _entry(
                "reservation",
                row.created_at,
                "web",
                row.store_id,
                row.id,
                f"Reservation in {row.store_id} ({row.status})",
                {"status": row.status, "hold_until": _iso(row.hold_until)},
            ),
        )
        for row in rows
    ]


def _loyalty_entries(
    session: Session, customer_id: str, before: datetime | None, limit: int
) -> list[tuple[datetime, dict[str, Any]]]:
    t = m.LoyaltyTransaction
    stmt = select(t.__table__).where(t.customer_id == customer_id)
    if before is not None:
        stmt = stmt.where(t.created_at < before)
    rows = session.connection().execute(stmt.order_by(t.created_at.desc()).limit(limit)).all()
    return [
        (
            row.created_at,
            _entry(
                "loyalty",
                row.created_at,
                row.channel,
                row.store_id,
                row.id,
                f"{row.points:+d} points ({row.kind})",
                feed_rows.loyalty(row),
            ),
        )
        for row in rows
    ]


def _interaction_entries(
    session: Session, customer_id: str, before: datetime | None, limit: int
) -> list[tuple[datetime, dict[str, Any]]]:
    i = m.Interaction
    stmt = select(i.__table__).where(i.customer_id == customer_id)
    if before is not None:
        stmt = stmt.where(i.created_at < before)
    rows = session.connection().execute(stmt.order_by(i.created_at.desc()).limit(limit)).all()
    out = []
    for row in rows:
        kind = "visit" if row.kind == "visit" else "interaction"
        title = row.subject or row.kind.capitalize()
        data = feed_rows.interaction(row)
        out.append(
            (
                row.created_at,
                _entry(kind, row.created_at, row.channel, row.store_id, row.id, title, data),
            )
        )
    return out


def customer_timeline(
    session: Session, customer_id: str, before: datetime | None = None, limit: int = TIMELINE_LIMIT
) -> tuple[list[dict[str, Any]], str | None]:
    """The newest ``limit`` timeline entries (older than ``before``), newest first, and the
    ``before`` value of the next page (None when this is the last)."""
    merged: list[tuple[datetime, dict[str, Any]]] = []
    for source in (
        _order_entries,
        _return_entries,
        _reservation_entries,
        _loyalty_entries,
        _interaction_entries,
    ):
        merged.extend(source(session, customer_id, before, limit + 1))
    merged.sort(key=lambda pair: (pair[0], pair[1]["ref_id"]), reverse=True)
    page = merged[:limit]
    next_before = _iso(page[-1][0]) if len(merged) > limit and page else None
    return [entry for _, entry in page], next_before


def cart_bundle(session: Session, customer_id: str, store_id: str) -> dict[str, Any] | None:
    """The customer's active online cart, each line with its price and stock here.

    A line without enough stock here also lists ``alternatives`` (other sizes and colours of
    the same style in stock here) and ``elsewhere`` (other stores with that SKU in stock);
    other lines have both empty.
    """
    cart = session.scalars(
        select(m.Cart)
        .where(m.Cart.customer_id == customer_id, m.Cart.status == "active")
        .order_by(m.Cart.updated_at.desc())
        .limit(1)
    ).first()
    if cart is None:
        return None
    skus = [line.sku for line in cart.lines]
    products = {p.sku: p for p in session.scalars(select(m.Product).where(m.Product.sku.in_(skus)))}
    stock = {
        level.sku: level
        for level in session.scalars(
            select(m.Inventory).where(m.Inventory.store_id == store_id, m.Inventory.sku.in_(skus))
        )
    }
    available_here = {
        sku: stock[sku].on_hand - stock[sku].held if sku in stock else 0 for sku in skus
    }
    short = [line for line in cart.lines if available_here[line.sku] < line.qty]
    styles = {products[line.sku].style for line in short if line.sku in products}
    variants = _variants_here(session, styles, store_id)
    elsewhere = _stock_elsewhere(session, {line.sku for line in short}, store_id)
    lines = []
    total = Money.zero()
    for line in cart.lines:
        product = products.get(line.sku)
        price = Money.of(product.price) if product is not None else Money.zero()
        total = total + price * line.qty
        available = available_here[line.sku]
        enough = available >= line.qty
        lines.append(
            {
                "sku": line.sku,
                "qty": line.qty,
                "name": product.name if product is not None else line.sku,
                "ean": product.ean if product is not None else None,
                "size": product.size if product is not None else None,
                "colour": product.colour if product is not None else None,
                "price": str(price),
                "line_total": str(price * line.qty),
                "available_here": available,
                "enough_here": enough,
                "alternatives": (
                    [] if enough or product is None else _alternatives(product, variants)
                ),
                "elsewhere": [] if enough else elsewhere.get(line.sku, []),
            }
        )
    data = ser.cart_dict(cart)
    data["lines"] = lines
    data["total"] = str(total)
    return data


# Letter sizes smallest first, then numeric sizes (shoes 37, 38 …) and ranges ("39-42") by
# their first number, then anything else (ONE) by name.
_LETTER_SIZES = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL")
_LEADING_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?")


def size_order(size: str) -> tuple[int, float, str]:
    """A sort key putting sizes in the order a shelf has them: XS, S, M, L …, then 37, 38 …"""
    label = size.strip().upper()
    if label in _LETTER_SIZES:
        return (0, float(_LETTER_SIZES.index(label)), label)
    number = _LEADING_NUMBER.match(label)
    if number is not None:
        return (1, float(number.group().replace(",", ".")), label)
    return (2, 0.0, label)


def _variants_here(
    session: Session, styles: set[str], store_id: str
) -> dict[str, list[tuple[m.Product, int]]]:
    """Every product of ``styles`` with stock available here, by style (one indexed query:
    products by style, then this store's inventory by primary key)."""
    if not styles:
        return {}
    p, inv = m.Product, m.Inventory
    available = (inv.on_hand - inv.held).label("available")
    rows = session.execute(
        select(p, available)
        .join(inv, (inv.sku == p.sku) & (inv.store_id == store_id))
        .where(p.style.in_(sorted(styles)), inv.on_hand - inv.held > 0)
    ).all()
    out: dict[str, list[tuple[m.Product, int]]] = defaultdict(list)
    for product, count in rows:
        out[product.style].append((product, int(count)))
    return out


def _alternatives(
    wanted: m.Product, variants: dict[str, list[tuple[m.Product, int]]]
) -> list[dict[str, Any]]:
    """Other sizes and colours of ``wanted``'s style in stock here: the same colour first
    (other sizes), then the same size in other colours, then the rest; sizes in shelf order."""

    def closeness(item: tuple[m.Product, int]) -> tuple[int, str, tuple[int, float, str], str]:
        product = item[0]
        group = 0 if product.colour == wanted.colour else 1 if product.size == wanted.size else 2
        return (group, product.colour, size_order(product.size), product.sku)

    others = [item for item in variants.get(wanted.style, []) if item[0].sku != wanted.sku]
    others.sort(key=closeness)
    return [
        {
            "sku": product.sku,
            "ean": product.ean,
            "size": product.size,
            "colour": product.colour,
            "available_here": count,
        }
        for product, count in others[:ALTERNATIVES_LIMIT]
    ]


def _stock_elsewhere(
    session: Session, skus: set[str], store_id: str
) -> dict[str, list[dict[str, Any]]]:
    """For each of ``skus``, up to :data:`ELSEWHERE_LIMIT` other stores with stock available,
    most first (one query over the inventory's SKU index, ranked in the database)."""
    if not skus:
        return {}
    inv, st = m.Inventory, m.Store
    available = inv.on_hand - inv.held
    ranked = (
        select(
            inv.sku,
            inv.store_id,
            available.label("available"),
            func.row_number()
            .over(partition_by=inv.sku, order_by=(available.desc(), inv.store_id))
            .label("rank"),
        )
        .where(inv.sku.in_(sorted(skus)), inv.store_id != store_id, available > 0)
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.sku, ranked.c.store_id, st.name, ranked.c.available)
        .join(st, st.id == ranked.c.store_id)
        .where(ranked.c.rank <= ELSEWHERE_LIMIT)
        .order_by(ranked.c.sku, ranked.c.rank)
    ).all()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sku, other_store, name, count in rows:
        out[sku].append({"store_id": other_store, "store_name": name, "available": int(count)})
    return out


def open_items(session: Session, customer_id: str, store_id: str) -> dict[str, Any]:
    """What the clerk may act on now: pickups waiting here, reservations here, open returns
    and open support tickets."""
    pickups = session.scalars(
        select(m.Order)
        .where(
            m.Order.customer_id == customer_id,
            m.Order.pickup_store_id == store_id,
            m.Order.status.in_(WAITING_STATUSES),
        )
        .order_by(m.Order.created_at)
    ).all()
    reservations = session.scalars(
        select(m.Reservation)
        .where(
            m.Reservation.customer_id == customer_id,
            m.Reservation.store_id == store_id,
            m.Reservation.status == "active",
        )
        .order_by(m.Reservation.hold_until)
    ).all()
    returns = session.scalars(
        select(m.Return)
        .join(m.Order, m.Order.id == m.Return.order_id)
        .where(m.Order.customer_id == customer_id, m.Return.status == "refund_pending")
        .order_by(m.Return.created_at)
    ).all()
    tickets = session.scalars(
        select(m.Interaction)
        .where(
            m.Interaction.customer_id == customer_id,
            m.Interaction.kind == "ticket",
            m.Interaction.status == "open",
        )
        .order_by(m.Interaction.created_at.desc())
        .limit(50)
    ).all()
    return {
        "pickups": [ser.order_dict(o) for o in pickups],
        "reservations": [ser.reservation_dict(r) for r in reservations],
        "returns": [ser.return_dict(r) for r in returns],
        "tickets": [ser.interaction_dict(t) for t in tickets],
    }


def customer_summary(session: Session, customer_id: str) -> dict[str, Any]:
    """Lifetime figures: number of orders, first/last order, channels used."""
    o = m.Order
    counts: dict[str, int] = defaultdict(int)
    first: datetime | None = None
    last: datetime | None = None
    for channel, count, lo, hi in session.execute(
        select(o.channel, func.count(), func.min(o.created_at), func.max(o.created_at))
        .where(o.customer_id == customer_id)
        .group_by(o.channel)
    ):
        counts[channel] = int(count)
        first = lo if first is None or (lo is not None and lo < first) else first
        last = hi if last is None or (hi is not None and hi > last) else last
    return {
        "orders": sum(counts.values()),
        "orders_by_channel": dict(sorted(counts.items())),
        "first_order_at": _iso(first) if first else None,
        "last_order_at": _iso(last) if last else None,
    }


def customer_profile(
    session: Session,
    customer: m.Customer,
    store_id: str,
    before: datetime | None = None,
    limit: int = TIMELINE_LIMIT,
) -> dict[str, Any]:
    """The whole 360 bundle for ``customer`` as seen from ``store_id``."""
    timeline, next_before = customer_timeline(session, customer.id, before, limit)
    return {
        "customer": ser.customer_dict(customer),
        "summary": customer_summary(session, customer.id),
        "timeline": timeline,
        "timeline_next_before": next_before,
        "cart": cart_bundle(session, customer.id, store_id),
        "open_items": open_items(session, customer.id, store_id),
    }
