"""Customers outside the slice: cached profile bundles, served, then purged after the retention."""

from __future__ import annotations

from datetime import timedelta

from clerk.store import LocalStore, NewCommand
from tests.store.feed import NOW, change, customer, order


def bundle(customer_id: str, first_name: str = "Ewa") -> dict[str, object]:
    return {
        "customer": customer(customer_id, first_name, "Żak"),
        "timeline": [{"kind": "order", "ref_id": "O9"}],
        "cart": None,
        "open_items": [],
    }


def test_put_get_and_the_customer_row(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.profiles.put("C9", bundle("C9"), NOW)
    with local_store.unit() as unit:
        assert unit.profiles.get("C9", NOW + timedelta(days=1)) == bundle("C9")
        assert unit.profiles.get("C8", NOW) is None
        fetched = unit.customers.get("C9")
        assert fetched is not None and fetched.last_name == "Żak"
        assert [c.id for c in unit.customers.search("zak")] == ["C9"]


def test_purge_forgets_what_was_not_served_within_the_retention(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("customer", "C1", customer("C1", "Ewa", "Żak"))])
        unit.profiles.put("C1", bundle("C1"), NOW)  # a slice customer: its row stays "feed"
        unit.profiles.put("C7", bundle("C7"), NOW)
        unit.profiles.put("C8", bundle("C8"), NOW)
        unit.profiles.put("C9", bundle("C9"), NOW)
        unit.cache.apply_entity("order", order("O9", customer_id="C9"), "fetched", served_at=NOW)
    with local_store.unit() as unit:
        unit.profiles.get("C8", NOW + timedelta(days=20))  # served again: its clock restarts
        unit.customers.touch_served("C7", NOW + timedelta(days=25))
        unit.cache.put_local("customer", customer("C9", "Ewa", "Żak", points=5))  # local edit
    with local_store.unit() as unit:
        unit.outbox.add(
            NewCommand(
                id="cmd-1",
                kind="add_note",
                method="POST",
                path="/v1/customers/C9/interactions",
                body={},
                lane=None,
                touches=(("customer", "C9"),),
                if_match=None,
                staff_id="STF-1",
                device_id="dev-1",
                created_at=NOW,
            )
        )
    with local_store.unit() as unit:
        # Bundles of C1 and C9 plus the O9 row; C9's row has a base and stays.
        assert unit.profiles.purge(NOW + timedelta(days=15)) == 3
    with local_store.unit() as unit:
        assert unit.customers.get("C1") is not None  # in the slice
        assert unit.customers.get("C9") is not None  # edited locally, command unfinished
        assert unit.orders.get("O9") is None
        assert unit.profiles.get("C8", NOW + timedelta(days=40)) is not None
        assert unit.profiles.get("C7", NOW + timedelta(days=40)) is not None
    with local_store.unit() as unit:
        assert unit.profiles.purge(NOW + timedelta(days=100)) == 4  # C7, C8 bundles and rows
        assert unit.customers.get("C7") is None and unit.customers.get("C8") is None
        assert unit.customers.search("zak") != []  # C1 and C9 remain
        assert {c.id for c in unit.customers.search("zak")} == {"C1", "C9"}
