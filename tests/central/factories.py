"""Small builders for central test data: stores, devices with tokens, staff, stock, orders.

Each builder inserts rows into the given session and returns them; :func:`build_world` puts
together the usual cast (two stores, devices, one staff member per role, a few products with
stock, a Gold customer with points) so a test only adds the order it is about.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.domain.scan import ean13_check_digit, make_loyalty_card_number

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_store(session: Session, store_id: str = "WAW-01", **kw: Any) -> m.Store:
    """A store (Warsaw by default)."""
    values: dict[str, Any] = {
        "name": f"Sklep {store_id}",
        "city": "Warszawa",
        "address": "ul. Marszałkowska 1",
        "pickup_hold_days": 7,
        "reservation_hold_hours": 48,
        "feed_floor": 0,
    }
    values.update(kw)
    store = m.Store(id=store_id, **values)
    session.add(store)
    session.flush()
    return store


def make_device(
    session: Session, store_id: str, device_id: str | None = None, token: str | None = None
) -> tuple[m.Device, str]:
    """An enrolled device of ``store_id`` and its bearer token."""
    n = _n()
    device_id = device_id or f"dev-{n}"
    token = token or f"token-{device_id}-{n}"
    device = m.Device(
        id=device_id,
        store_id=store_id,
        name=f"Tablet {n}",
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        key_id=f"k{n:015d}",
        public_key="A" * 43,
        enrolled_at=NOW - timedelta(days=30),
    )
    session.add(device)
    session.flush()
    return device, token


def make_staff(
    session: Session,
    store_ids: Sequence[str],
    role: str,
    staff_id: str | None = None,
    *,
    active: bool = True,
) -> m.Staff:
    """A staff member with ``role`` in ``store_ids``."""
    staff = m.Staff(
        id=staff_id or f"staff-{_n()}",
        name=f"{role.capitalize()} Person",
        role=role,
        pin_hash="$argon2id$test",
        active=active,
    )
    session.add(staff)
    session.flush()
    for store_id in store_ids:
        session.add(m.StaffStore(staff_id=staff.id, store_id=store_id))
    session.flush()
    return staff


def make_product(
    session: Session,
    sku: str,
    price: str,
    *,
    final_sale: bool = False,
    age_restricted: bool = False,
    name: str | None = None,
) -> m.Product:
    """A product with a valid EAN-13."""
    first12 = f"590{_n():09d}"
    product = m.Product(
        sku=sku,
        ean=first12 + str(ean13_check_digit(first12)),
        name=name or f"Produkt {sku}",
        brand="Marka",
        category="Koszule",
        style=sku.split("-")[0],
        size="M",
        colour="niebieski",
        price=Decimal(price),
        final_sale=final_sale,
        age_restricted=age_restricted,
    )
    session.add(product)
    session.flush()
    return product


def set_stock(session: Session, store_id: str, sku: str, on_hand: int, held: int = 0) -> None:
    """Set a store's stock of ``sku``."""
    row = session.get(m.Inventory, (store_id, sku))
    if row is None:
        session.add(m.Inventory(store_id=store_id, sku=sku, on_hand=on_hand, held=held))
    else:
        row.on_hand, row.held = on_hand, held
    session.flush()


def stock(session: Session, store_id: str, sku: str) -> tuple[int, int]:
    """(on_hand, held) of ``sku`` in ``store_id`` as committed/flushed."""
    row = session.get(m.Inventory, (store_id, sku), populate_existing=True)
    return (0, 0) if row is None else (row.on_hand, row.held)


def make_customer(
    session: Session,
    *,
    tier: str = "basic",
    points: int = 0,
    email: str | None = "klient@example.com",
    home_store_id: str | None = None,
    locale: str = "pl",
) -> m.Customer:
    """A customer with a loyalty card."""
    n = _n()
    customer = m.Customer(
        id=f"cust-{n}",
        first_name="Jan",
        last_name=f"Kowalski{n}",
        email=email or "",
        phone=f"+48600{n:06d}",
        card_number=make_loyalty_card_number(n),
        tier=tier,
        points_balance=points,
        preferred_locale=locale,
        home_store_id=home_store_id,
        created_at=NOW - timedelta(days=400),
    )
    session.add(customer)
    session.flush()
    return customer


def make_order(
    session: Session,
    *,
    lines: Sequence[tuple[str, int, str]],
    payments: Sequence[tuple[str, str]],
    customer: m.Customer | None = None,
    fulfilment: str = "pickup",
    channel: str = "web",
    status: str = "placed",
    store_id: str | None = None,
    pickup_store_id: str | None = "WAW-01",
    created_at: datetime | None = None,
    points_earned: int = 0,
    **kw: Any,
) -> m.Order:
    """An order: ``lines`` as (sku, qty, unit price), ``payments`` as (tender, amount)."""
    n = _n()
    order = m.Order(
        id=f"ord-{n}",
        number=f"W{n:08d}",
        channel=channel,
        customer_id=customer.id if customer else None,
        fulfilment=fulfilment,
        store_id=store_id,
        pickup_store_id=pickup_store_id if fulfilment == "pickup" else None,
        status=status,
        created_at=created_at or NOW - timedelta(days=2),
        points_earned=points_earned,
        pickup_code=f"{n:06d}" if fulfilment == "pickup" else None,
        **kw,
    )
    order.lines = [
        m.OrderLine(
            id=f"{order.id}-{i}",
            line_no=i,
            sku=sku,
            name=f"Produkt {sku}",
            qty=qty,
            unit_price=Decimal(price),
        )
        for i, (sku, qty, price) in enumerate(lines, start=1)
    ]
    order.payments = [m.Payment(tender=t, amount=Decimal(a)) for t, a in payments]
    session.add(order)
    session.flush()
    return order


def make_cart(session: Session, customer: m.Customer, lines: Sequence[tuple[str, int]]) -> m.Cart:
    """An active online cart."""
    cart = m.Cart(id=f"cart-{_n()}", customer_id=customer.id, updated_at=NOW - timedelta(hours=3))
    cart.lines = [
        m.CartLine(line_no=i, sku=sku, qty=qty) for i, (sku, qty) in enumerate(lines, start=1)
    ]
    session.add(cart)
    session.flush()
    return cart


def make_reservation(
    session: Session,
    customer: m.Customer,
    store_id: str,
    lines: Sequence[tuple[str, int]],
    *,
    created_at: datetime | None = None,
    status: str = "active",
) -> m.Reservation:
    """A reservation; its units are added to the store's held stock when active."""
    created = created_at or NOW - timedelta(hours=10)
    reservation = m.Reservation(
        id=f"res-{_n()}",
        customer_id=customer.id,
        store_id=store_id,
        status=status,
        created_at=created,
        hold_until=created + timedelta(hours=48),
    )
    reservation.lines = [
        m.ReservationLine(line_no=i, sku=sku, qty=qty) for i, (sku, qty) in enumerate(lines, 1)
    ]
    session.add(reservation)
    session.flush()
    if status == "active":
        for sku, qty in lines:
            on_hand, held = stock(session, store_id, sku)
            set_stock(session, store_id, sku, on_hand, held + qty)
    return reservation


@dataclass
class World:
    """The usual cast of a central test."""

    store: m.Store
    other_store: m.Store
    device: m.Device
    token: str
    device2: m.Device
    token2: str
    other_device: m.Device
    other_token: str
    sales: m.Staff
    pickup: m.Staff
    manager: m.Staff
    other_manager: m.Staff
    customer: m.Customer
    products: dict[str, m.Product] = field(default_factory=dict)

    @property
    def store_id(self) -> str:
        """The main store's id."""
        return self.store.id


def build_world(session: Session) -> World:
    """WAW-01 (two devices, staff of every role) and KRK-01, products, stock, a Gold customer."""
    store = make_store(session, "WAW-01")
    other = make_store(session, "KRK-01", name="Kraków Galeria", city="Kraków")
    device, token = make_device(session, "WAW-01", "dev-waw-1")
    device2, token2 = make_device(session, "WAW-01", "dev-waw-2")
    other_device, other_token = make_device(session, "KRK-01", "dev-krk-1")
    products = {
        "SHIRT-M": make_product(session, "SHIRT-M", "129.99", name="Koszula lniana M"),
        "JEANS-32": make_product(session, "JEANS-32", "249.00", name="Jeansy slim 32"),
        "SOCKS-1": make_product(session, "SOCKS-1", "19.99", name="Skarpety"),
        "SALE-1": make_product(session, "SALE-1", "59.00", final_sale=True, name="Wyprzedaż"),
        "WINE-1": make_product(session, "WINE-1", "45.00", age_restricted=True, name="Wino"),
    }
    for sku in products:
        set_stock(session, "WAW-01", sku, 20)
        set_stock(session, "KRK-01", sku, 5)
    return World(
        store=store,
        other_store=other,
        device=device,
        token=token,
        device2=device2,
        token2=token2,
        other_device=other_device,
        other_token=other_token,
        sales=make_staff(session, ["WAW-01"], "sales", "anna"),
        pickup=make_staff(session, ["WAW-01"], "pickup", "piotr"),
        manager=make_staff(session, ["WAW-01"], "manager", "maria"),
        other_manager=make_staff(session, ["KRK-01"], "manager", "krk-boss"),
        customer=make_customer(session, tier="gold", points=1000, home_store_id="WAW-01"),
        products=products,
    )


def ready_order(
    session: Session,
    world: World,
    *,
    lines: Sequence[tuple[str, int, str]] = (("SHIRT-M", 2, "129.99"), ("JEANS-32", 1, "249.00")),
    payments: Sequence[tuple[str, str]] | None = None,
    hold_until: datetime | None = None,
    points_earned: int = 0,
) -> m.Order:
    """A paid web order for pickup at WAW-01, already ready on the shelf (units held)."""
    total = sum(Decimal(p) * q for _, q, p in lines)
    order = make_order(
        session,
        lines=lines,
        payments=payments or [("online", str(total))],
        customer=world.customer,
        status="ready",
        ready_at=NOW - timedelta(days=1),
        hold_until=hold_until or NOW + timedelta(days=6),
        shelf="A-1",
        points_earned=points_earned,
    )
    for sku, qty, _ in lines:
        on_hand, held = stock(session, "WAW-01", sku)
        set_stock(session, "WAW-01", sku, on_hand, held + qty)
    return order
