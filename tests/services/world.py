"""A tablet's local store filled as the change feed would fill it, for the use case tests.

WAW-01 with staff of every role, five products with stock, a Gold customer with an online
cart, and helpers for orders and reservations. Everything goes in through
``unit.cache.apply_entity`` with domain ``to_dict()`` data, exactly like central's state.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clerk.domain._codec import Record
from clerk.domain.entities import (
    Cart,
    CartLine,
    Channel,
    ContactChannel,
    Customer,
    Fulfilment,
    InventoryLevel,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PickupDetails,
    Product,
    Reservation,
    ReservationStatus,
    Role,
    Staff,
    Tender,
    Tier,
)
from clerk.domain.money import Money
from clerk.domain.tokens import key_id_for, public_key_text
from clerk.services import Actor, ServiceContext
from clerk.store import LocalStore, OutboxCommand
from clerk.store.audit import AuditEntry

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
STORE = "WAW-01"
DEVICE = "dev-waw-1"
_n = itertools.count(1)

PRICES = {
    "SHIRT-M": "129.99",
    "JEANS-32": "249.00",
    "SOCKS-1": "19.99",
    "SALE-1": "59.00",
    "WINE-1": "45.00",
}


class FixedClock:
    """A clock standing still at ``now`` until moved."""

    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


@dataclass
class Tablet:
    """The services' context over a seeded local store, and what tests look at."""

    store: LocalStore
    ctx: ServiceContext
    clock: FixedClock
    requests: list[int] = field(default_factory=list)

    def actor(self, staff_id: str) -> Actor:
        return self.ctx.actor(staff_id)

    def put(self, entity: str, record: Record | dict[str, Any]) -> None:
        """Apply a server state, as the feed would."""
        data = record if isinstance(record, dict) else record.to_dict()
        with self.store.unit() as unit:
            unit.cache.apply_entity(entity, data)

    def get(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        with self.store.unit(read_only=True) as unit:
            return unit.cache.get(entity, entity_id)

    def commands(self) -> list[OutboxCommand]:
        """Every unfinished command, oldest first."""
        with self.store.unit(read_only=True) as unit:
            return unit.outbox.unfinished()

    def audit(self) -> list[AuditEntry]:
        with self.store.unit(read_only=True) as unit:
            return list(reversed(unit.audit.recent(1000)))

    def base_version(self, entity: str, entity_id: str) -> int | None:
        with self.store.unit(read_only=True) as unit:
            return unit.cache.base_version(entity, entity_id)

    def stock(self, sku: str) -> tuple[int, int]:
        data = self.get("inventory", sku)
        assert data is not None
        return int(data["on_hand"]), int(data["held"])

    def points(self, customer_id: str = "cust-gold") -> int:
        data = self.get("customer", customer_id)
        assert data is not None
        return int(data["points_balance"])


def staff(
    staff_id: str, role: Role, *, active: bool = True, stores: Sequence[str] = (STORE,)
) -> Staff:
    return Staff(staff_id, staff_id.capitalize(), role, list(stores), "argon2-hash", active)


def product(sku: str, *, final_sale: bool = False, age_restricted: bool = False) -> Product:
    return Product(
        sku=sku,
        ean=f"590{next(_n):010d}",
        name=f"Produkt {sku}",
        brand="Clerk",
        category="test",
        size="M",
        colour="navy",
        style=sku.split("-")[0],
        price=Money(PRICES[sku]),
        final_sale=final_sale,
        age_restricted=age_restricted,
    )


def customer(
    customer_id: str = "cust-gold", *, tier: Tier = Tier.GOLD, points: int = 1000
) -> Customer:
    return Customer(
        id=customer_id,
        first_name="Łucja",
        last_name="Wójcik",
        email="lucja@example.pl",
        phone="+48 601 234 567",
        card_number="2990000000017",
        tier=tier,
        points_balance=points,
        preferred_channel=ContactChannel.EMAIL,
        preferences={},
        consents={"marketing_email": True, "marketing_sms": False, "profiling": False},
        home_store_id=STORE,
        created_at=NOW - timedelta(days=400),
        version=3,
    )


def seed(tablet: Tablet) -> None:
    """The usual cast: settings, staff, products, stock, a Gold customer and their cart."""
    tablet.put(
        "settings",
        {
            "store_id": STORE,
            "timezone": "Europe/Warsaw",
            "currency": "PLN",
            "pickup_hold_days": 7,
            "pickup_reminder_days_before": 2,
            "reservation_hold_hours": 48,
            "reservation_max_days": 7,
            "return_window_days": 30,
        },
    )
    for person in (
        staff("anna", Role.SALES),
        staff("piotr", Role.PICKUP),
        staff("maria", Role.MANAGER),
        staff("ola", Role.SALES, active=False),
        staff("krk-boss", Role.MANAGER, stores=("KRK-01",)),
    ):
        tablet.put("staff", person)
    for sku in PRICES:
        tablet.put(
            "product",
            product(sku, final_sale=sku == "SALE-1", age_restricted=sku == "WINE-1"),
        )
        tablet.put("inventory", InventoryLevel(STORE, sku, on_hand=20))
    tablet.put("customer", customer())
    tablet.put(
        "cart",
        Cart(
            "cart-1",
            "cust-gold",
            [CartLine("SHIRT-M", 1), CartLine("SOCKS-1", 2)],
            NOW - timedelta(hours=3),
        ),
    )


def order(
    tablet: Tablet,
    lines: Sequence[tuple[str, int]],
    *,
    status: OrderStatus = OrderStatus.READY,
    fulfilment: Fulfilment = Fulfilment.PICKUP,
    payments: Sequence[tuple[Tender, str]] | None = None,
    created_at: datetime | None = None,
    collected_at: datetime | None = None,
    hold_until: datetime | None = None,
    points_earned: int = 0,
    version: int = 4,
    pickup_store_id: str = STORE,
    **line_counts: Any,
) -> Order:
    """A paid order of the Gold customer (web pickup by default), applied as central's state.

    A ready pickup also holds its units in this store's stock, as central's would.
    """
    n = next(_n)
    order_id = f"ord-{n:06d}"
    order_lines = [
        OrderLine(f"{order_id}-{i}", i, sku, f"Produkt {sku}", qty, Money(PRICES[sku]))
        for i, (sku, qty) in enumerate(lines, start=1)
    ]
    total = sum((line.total for line in order_lines), Money.zero())
    pays = (
        [Payment(t, Money(a)) for t, a in payments] if payments else [Payment(Tender.ONLINE, total)]
    )
    pickup = None
    if fulfilment == Fulfilment.PICKUP:
        pickup = PickupDetails(
            pickup_code="123456",
            ready_at=NOW - timedelta(days=1) if status == OrderStatus.READY else None,
            hold_until=hold_until
            or (NOW + timedelta(days=6) if status == OrderStatus.READY else None),
            shelf="A-1" if status == OrderStatus.READY else None,
            collected_at=collected_at,
        )
    result = Order(
        id=order_id,
        number=f"W{n:08d}",
        channel=Channel.WEB if fulfilment != Fulfilment.CARRY_OUT else Channel.STORE,
        customer_id="cust-gold",
        fulfilment=fulfilment,
        store_id=STORE if fulfilment == Fulfilment.CARRY_OUT else None,
        pickup_store_id=pickup_store_id if fulfilment == Fulfilment.PICKUP else None,
        status=status,
        created_at=created_at or NOW - timedelta(days=2),
        lines=order_lines,
        payments=pays,
        pickup=pickup,
        points_earned=points_earned,
        version=version,
    )
    for line in result.lines:
        for name, value in line_counts.items():
            setattr(line, name, value)
    tablet.put("order", result)
    if status == OrderStatus.READY and pickup_store_id == STORE:
        for sku, qty in lines:
            on_hand, held = tablet.stock(sku)
            tablet.put("inventory", InventoryLevel(STORE, sku, on_hand=on_hand, held=held + qty))
    return result


def reservation(
    tablet: Tablet, lines: Sequence[tuple[str, int]], *, version: int = 2
) -> Reservation:
    """An active reservation of the Gold customer at WAW-01, its units held."""
    created = NOW - timedelta(hours=10)
    res = Reservation(
        id=f"res-{next(_n):06d}",
        customer_id="cust-gold",
        store_id=STORE,
        status=ReservationStatus.ACTIVE,
        created_at=created,
        hold_until=created + timedelta(hours=48),
        lines=[CartLine(sku, qty) for sku, qty in lines],
        version=version,
    )
    tablet.put("reservation", res)
    for sku, qty in lines:
        on_hand, held = tablet.stock(sku)
        tablet.put("inventory", InventoryLevel(STORE, sku, on_hand=on_hand, held=held + qty))
    return res


def tablet_on(store: LocalStore) -> Iterator[Tablet]:
    clock = FixedClock()
    requests: list[int] = []
    ctx = ServiceContext(
        store=store,
        device_id=DEVICE,
        store_id=STORE,
        clock=clock,
        on_command=lambda: requests.append(1),
    )
    tablet = Tablet(store, ctx, clock, requests)
    seed(tablet)
    yield tablet


def money(value: str) -> Money:
    return Money(Decimal(value))


def put_keys(tablet: Tablet, central: Ed25519PrivateKey, device: Ed25519PrivateKey) -> None:
    """Central's signing key and this device's own key, as the feed and enrollment leave them."""
    public = central.public_key()
    tablet.put("signing_key", {"key_id": key_id_for(public), "public_key": public_key_text(public)})
    tablet.put(
        "device_key",
        {
            "key_id": key_id_for(device.public_key()),
            "public_key": public_key_text(device.public_key()),
            "device_id": DEVICE,
        },
    )
