"""Fixtures for the framework tests: a small brand in a fresh database and enrolled devices.

``central`` builds two stores (WAW-01, KRK-01), a signing key, one enrolled device per store
(enrolled through the real API), a few products with stock, staff and customers, and serves
the app through ``TestClient`` with a fixed clock.  Builds on ``db_url``/``central_engine``,
so every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from clerk.central import models as m
from clerk.central.app import CentralSettings, create_app
from clerk.central.clock import FixedClock
from clerk.central.db import make_session_factory, transaction
from clerk.central.enrollment import create_enrollment_code
from clerk.central.keys import ensure_signing_key
from clerk.domain.scan import ean13_check_digit, make_loyalty_card_number
from clerk.domain.tokens import generate_private_key, public_key_text

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
_counter = itertools.count(1)


def problem_slug(response: httpx2.Response) -> str:
    """The stable slug of a problem+json response (and check that it is one)."""
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    body = response.json()
    assert body["status"] == response.status_code
    assert body["title"]
    return str(body["type"]).rsplit("/", 1)[-1]


def ean(n: int) -> str:
    """A valid EAN-13 with the Polish prefix."""
    first12 = f"590{n:09d}"
    return first12 + str(ean13_check_digit(first12))


def add_product(session: Session, sku: str, price: str = "99.99", **kw: Any) -> m.Product:
    """A product row."""
    values: dict[str, Any] = {
        "ean": ean(next(_counter)),
        "name": f"Koszulka {sku}",
        "brand": "Clerk",
        "category": "Koszulki",
        "style": sku.split("-")[0],
        "size": "M",
        "colour": "czarny",
        "price": Decimal(price),
    }
    values.update(kw)
    product = m.Product(sku=sku, **values)
    session.add(product)
    session.flush()
    return product


def add_customer(
    session: Session,
    first: str,
    last: str,
    *,
    stores: tuple[str, ...] = ("WAW-01",),
    phone: str | None = None,
    email: str | None = None,
) -> m.Customer:
    """A customer in the slices of ``stores``."""
    n = next(_counter)
    customer = m.Customer(
        id=f"cus-{n}",
        first_name=first,
        last_name=last,
        email=email or f"klient{n}@example.pl",
        phone=phone or f"+48 600 {n:03d} {n:03d}",
        card_number=make_loyalty_card_number(n),
        tier="gold",
        points_balance=500,
        preferred_channel="email",
        preferences={"sizes": ["M"]},
        consents={"marketing_email": True},
        home_store_id=stores[0] if stores else None,
        created_at=NOW - timedelta(days=800),
    )
    session.add(customer)
    session.flush()
    for store_id in stores:
        session.add(m.StoreCustomer(store_id=store_id, customer_id=customer.id))
    session.flush()
    return customer


def add_order(
    session: Session,
    customer: m.Customer | None,
    *,
    created_at: datetime,
    channel: str = "web",
    fulfilment: str = "pickup",
    status: str = "placed",
    store_id: str | None = None,
    pickup_store_id: str | None = "WAW-01",
    lines: tuple[tuple[str, int, str], ...] = (("TS-M", 1, "99.99"),),
) -> m.Order:
    """An order with lines and one card payment."""
    n = next(_counter)
    order = m.Order(
        id=f"ord-{n}",
        number=f"W-{100000 + n}",
        channel=channel,
        customer_id=customer.id if customer else None,
        fulfilment=fulfilment,
        store_id=store_id,
        pickup_store_id=pickup_store_id if fulfilment == "pickup" else None,
        status=status,
        created_at=created_at,
        pickup_code=f"{n:06d}" if fulfilment == "pickup" else None,
    )
    total = Decimal(0)
    for i, (sku, qty, price) in enumerate(lines, start=1):
        order.lines.append(
            m.OrderLine(
                id=f"{order.id}-{i}",
                line_no=i,
                sku=sku,
                name=f"Produkt {sku}",
                qty=qty,
                unit_price=Decimal(price),
                discount=Decimal("0.00"),
            )
        )
        total += Decimal(price) * qty
    order.payments.append(m.Payment(tender="card", amount=total, reference=None))
    session.add(order)
    session.flush()
    return order


@dataclass
class Central:
    """The app under test, its database and the enrolled devices."""

    app: FastAPI
    client: TestClient
    factory: sessionmaker[Session]
    clock: FixedClock
    tokens: dict[str, str] = field(default_factory=dict)  # store id -> bearer token
    device_ids: dict[str, str] = field(default_factory=dict)

    def headers(self, store_id: str = "WAW-01", **extra: str) -> dict[str, str]:
        """Authorization for the device of ``store_id`` plus ``extra`` headers."""
        return {"Authorization": f"Bearer {self.tokens[store_id]}", **extra}

    def get(self, path: str, store_id: str = "WAW-01", **params: Any) -> httpx2.Response:
        """GET as the device of ``store_id``."""
        return self.client.get(path, headers=self.headers(store_id), params=params)

    def enroll(self, store_id: str, name: str = "Tablet") -> httpx2.Response:
        """Enroll a new device for ``store_id`` through the API."""
        with transaction(self.factory) as session:
            code = create_enrollment_code(session, store_id, self.clock.now())
        public = public_key_text(generate_private_key().public_key())
        return self.client.post(
            "/v1/devices/enroll",
            json={"code": code, "device_name": name, "public_key": public},
        )


def build_brand(session: Session) -> None:
    """Two stores, a signing key, products with stock in WAW-01, staff."""
    for store_id, name, city in (
        ("WAW-01", "Warszawa Centrum", "Warszawa"),
        ("KRK-01", "Kraków Rynek", "Kraków"),
    ):
        session.add(m.Store(id=store_id, name=name, city=city, address="ul. Testowa 1"))
    session.flush()
    ensure_signing_key(session, NOW)
    for sku in ("TS-M", "TS-L", "JK-M"):
        add_product(session, sku)
        session.add(m.Inventory(store_id="WAW-01", sku=sku, on_hand=5, held=1))
    session.add(m.Inventory(store_id="KRK-01", sku="TS-M", on_hand=2, held=0))
    for staff_id, role, stores in (
        ("st-anna", "sales", ("WAW-01",)),
        ("st-piotr", "pickup", ("WAW-01",)),
        ("st-maria", "manager", ("WAW-01", "KRK-01")),
        ("st-jan", "sales", ("KRK-01",)),
    ):
        session.add(m.Staff(id=staff_id, name=staff_id, role=role, pin_hash="$argon2id$x"))
        session.flush()
        for store_id in stores:
            session.add(m.StaffStore(staff_id=staff_id, store_id=store_id))
    session.flush()


@pytest.fixture
def central(db_url: str, central_engine: Engine) -> Iterator[Central]:
    """The central app on a fresh database with one enrolled device per store."""
    factory = make_session_factory(central_engine)
    with transaction(factory) as session:
        build_brand(session)
    clock = FixedClock(NOW)
    app = create_app(CentralSettings(db_url=db_url, clock=clock, send_notifications=False))
    with TestClient(app) as client:
        harness = Central(app=app, client=client, factory=factory, clock=clock)
        for store_id in ("WAW-01", "KRK-01"):
            answer = harness.enroll(store_id, f"Tablet {store_id}")
            assert answer.status_code == 201, answer.text
            harness.tokens[store_id] = answer.json()["token"]
            harness.device_ids[store_id] = answer.json()["device_id"]
        yield harness
