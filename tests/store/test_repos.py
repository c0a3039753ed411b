"""Read repositories: plain domain objects out of the cached slice."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from clerk.domain.entities import Order, OrderStatus, Product
from clerk.store import LocalStore
from tests.store.feed import (
    NOW,
    cart,
    change,
    customer,
    inventory,
    order,
    product,
    reservation,
    return_,
    staff,
)


@pytest.fixture
def store(local_store: LocalStore) -> LocalStore:
    with local_store.unit() as unit:
        unit.cache.apply_changes(
            [
                change(
                    "store",
                    "WAW-01",
                    {
                        "id": "WAW-01",
                        "name": "Warszawa",
                        "city": "Warszawa",
                        "address": "ul. Marszałkowska 1",
                    },
                ),
                change("settings", "WAW-01", {"store_id": "WAW-01", "pickup_hold_days": 7}),
                change(
                    "signing_key",
                    "k1",
                    {
                        "key_id": "k1",
                        "public_key": "PK1",
                        "active": True,
                        "created_at": NOW.isoformat(),
                    },
                ),
                change(
                    "device_key", "d1", {"key_id": "d1", "public_key": "DK1", "device_id": "dev-1"}
                ),
                change("product", "KOS-RED-M", product("KOS-RED-M", ean="5901234000011")),
                change("product", "KOS-RED-L", product("KOS-RED-L", ean="5901234000028")),
                change("product", "SUK-GRY-S", product("SUK-GRY-S", style="SUK")),
                change("inventory", "KOS-RED-M", inventory("KOS-RED-M", 7, 2)),
                change("staff", "S2", staff("S2", "Zenon")),
                change("staff", "S1", staff("S1", "Anna")),
                change("staff", "S3", staff("S3", "Olga", active=False)),
                change("staff", "S4", staff("S4", "Piotr", stores=["KRK-01"])),
                change("customer", "C1", customer("C1")),
                change("order", "O1", order("O1", status="ready", created_at=NOW)),
                change("order", "O2", order("O2", status="picking", created_at=NOW - timedelta(1))),
                change("order", "O3", order("O3", status="ready", pickup_store_id="KRK-01")),
                change("order", "O4", order("O4", customer_id="C2", status="collected")),
                change("return", "R2", return_("R2", "O1", NOW + timedelta(hours=2))),
                change("return", "R1", return_("R1", "O1", NOW + timedelta(hours=1))),
                change("reservation", "RS1", reservation("RS1", hold_hours=48)),
                change("reservation", "RS2", reservation("RS2", hold_hours=24)),
                change("reservation", "RS3", reservation("RS3", status="cancelled")),
                change("cart", "K1", cart("K1", "C1", NOW - timedelta(days=2))),
                change("cart", "K2", cart("K2", "C1", NOW)),
                change("cart", "K3", cart("K3", "C1", NOW + timedelta(1), status="consumed")),
            ]
        )
    return local_store


def test_catalog(store: LocalStore) -> None:
    with store.unit(read_only=True) as unit:
        shirt = unit.catalog.product("KOS-RED-M")
        assert isinstance(shirt, Product) and shirt.price.amount == shirt.price.amount
        assert unit.catalog.by_ean("5901234000028") == unit.catalog.product("KOS-RED-L")
        assert [p.sku for p in unit.catalog.variants("KOS0001")] == ["KOS-RED-L", "KOS-RED-M"]
        level = unit.catalog.stock("KOS-RED-M")
        assert level is not None and level.available == 5
        assert unit.catalog.stock("SUK-GRY-S") is None
        assert unit.catalog.product("nope") is None


def test_orders(store: LocalStore) -> None:
    with store.unit(read_only=True) as unit:
        first = unit.orders.get("O1")
        assert isinstance(first, Order) and first.status == OrderStatus.READY
        assert unit.orders.by_number("W26-O2") == unit.orders.get("O2")
        assert [o.id for o in unit.orders.for_customer("C1")] == ["O3", "O1", "O2"]
        assert [o.id for o in unit.orders.for_customer("C1", limit=1)] == ["O3"]
        assert [o.id for o in unit.orders.pickups("WAW-01", ["ready", "picking"])] == ["O2", "O1"]
        assert [o.id for o in unit.orders.pickups("WAW-01", ["ready"])] == ["O1"]
        assert [r.id for r in unit.orders.returns_of("O1")] == ["R1", "R2"]


def test_reservations_staff_carts_keys_and_store(store: LocalStore) -> None:
    with store.unit(read_only=True) as unit:
        assert [r.id for r in unit.reservations.active("WAW-01")] == ["RS2", "RS1"]
        assert unit.reservations.get("RS3") is not None
        assert len(unit.reservations.for_customer("C1")) == 3
        assert [s.name for s in unit.staff.active_for_store("WAW-01")] == ["Anna", "Zenon"]
        assert unit.staff.get("S3") is not None
        active_cart = unit.carts.active_for_customer("C1")
        assert active_cart is not None and active_cart.id == "K2"
        assert unit.carts.active_for_customer("C2") is None
        assert unit.keys.signing_keys() == {"k1": "PK1"}
        assert unit.keys.device_keys() == {"d1": "DK1"}
        shop = unit.stores.store("WAW-01")
        assert shop is not None and shop.name == "Warszawa"
        assert unit.stores.settings("WAW-01") == {"store_id": "WAW-01", "pickup_hold_days": 7}


def test_customers_page_by_page(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("customer", f"C{n}", customer(f"C{n}")) for n in range(5)])
        first = unit.customers.page(limit=3)
        rest = unit.customers.page(after=first[-1].id, limit=3)
    assert [c.id for c in first + rest] == ["C0", "C1", "C2", "C3", "C4"]


def test_sync_state(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        assert unit.sync_state.cursor() == 0
        assert unit.sync_state.get("device_id") is None
        unit.sync_state.set("device_id", "dev-1")
        unit.sync_state.set_cursor(10)
        unit.sync_state.set_cursor(9919)
    with local_store.unit() as unit:
        assert unit.sync_state.cursor() == 9919
        assert unit.sync_state.get("device_id") == "dev-1"


def test_a_unit_rolls_back_on_error(store: LocalStore) -> None:
    with pytest.raises(ValueError), store.unit() as unit:
        unit.cache.apply_changes([change("order", "O1", None)])
        unit.sync_state.set_cursor(5)
        raise ValueError("page failed")
    with store.unit() as unit:
        assert unit.orders.get("O1") is not None
        assert unit.sync_state.cursor() == 0


def test_writers_on_two_threads_wait_for_each_other(local_store: LocalStore) -> None:
    """A read-then-write unit must not fail with "database is locked" next to another writer."""
    errors: list[BaseException] = []

    def work(prefix: str) -> None:
        try:
            for n in range(25):
                with local_store.unit() as unit:
                    unit.sync_state.cursor()
                    unit.cache.put_local("order", order(f"{prefix}{n}"))
                    unit.sync_state.set(prefix, str(n))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with local_store.unit(read_only=True) as unit:
        assert unit.sync_state.get("A") == unit.sync_state.get("B") == "24"
