"""Applying central's state: the feed, command answers, and local edits kept on top of a base."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from clerk.store import LocalStore, NewCommand
from tests.store.feed import NOW, change, customer, order, product

PROBLEM = {"type": "version-mismatch", "title": "Changed", "status": 412}


def queue(store: LocalStore, *touches: tuple[str, str], lane: str | None = None) -> str:
    """A pending command touching ``touches`` (as a service's perform() would queue)."""
    command_id = str(uuid.uuid4())
    with store.unit() as unit:
        unit.outbox.add(
            NewCommand(
                id=command_id,
                kind="mark_ready",
                method="POST",
                path="/v1/orders/O1/ready",
                body={},
                lane=lane,
                touches=touches,
                if_match=None,
                staff_id="STF-1",
                device_id="dev-1",
                created_at=NOW,
            )
        )
    return command_id


def visible(store: LocalStore, entity: str, entity_id: str) -> dict[str, Any] | None:
    with store.unit(read_only=True) as unit:
        return unit.cache.get(entity, entity_id)


def test_apply_changes_upserts_deletes_and_names_the_entities(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        touched = unit.cache.apply_changes(
            [
                change("customer", "C1", customer("C1")),
                change("order", "O1", order("O1")),
                change("order", "O1", order("O1", status="collected", version=2)),
                change("product", "SKU-1", product("SKU-1")),
                change("hologram", "H1", {"id": "H1"}),  # newer central: ignored
            ]
        )
    assert touched == frozenset({"customer", "order", "product"})
    row = visible(local_store, "order", "O1")
    assert row is not None and row["status"] == "collected"
    with local_store.unit() as unit:
        assert unit.cache.apply_changes([change("order", "O1", None)]) == {"order"}
        assert unit.cache.apply_changes([]) == frozenset()
        assert unit.orders.get("O1") is None
        customer_row = unit.customers.get("C1")
    assert customer_row is not None and customer_row.first_name == "Anna"


def test_local_edit_stays_visible_while_its_command_is_unfinished(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("order", "O1", order("O1", status="picking"))])
    with local_store.unit() as unit:
        unit.cache.put_local("order", order("O1", status="ready"))
        unit.cache.put_local("order", order("O1", status="ready", version=1))  # base saved once
    command_id = queue(local_store, ("order", "O1"))

    # Central's feed brings a newer state: it becomes the base, the clerk keeps seeing "ready".
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("order", "O1", order("O1", status="placed", version=2))])
        assert unit.cache.base_version("order", "O1") == 2
        assert unit.cache.has_base("order", "O1")
    assert visible(local_store, "order", "O1") == order("O1", status="ready")

    # Refused: once nothing unfinished touches the row, central's truth shows again.
    with local_store.unit() as unit:
        unit.outbox.mark_attention(command_id, 412, PROBLEM, NOW)
        unit.cache.settle(unit.outbox.touches_of(command_id))
        assert not unit.cache.has_base("order", "O1")
    assert visible(local_store, "order", "O1") == order("O1", status="placed", version=2)


def test_command_answer_replaces_the_local_edit(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("order", "O1", order("O1", status="ready"))])
        unit.cache.put_local("order", order("O1", status="collected"))
    command_id = queue(local_store, ("order", "O1"), lane="order:O1")
    with local_store.unit() as unit:
        unit.outbox.mark_sending(command_id, NOW)
        unit.outbox.mark_done(command_id, 200, None, NOW)
        unit.cache.apply_entity("order", order("O1", status="collected", version=2))
        unit.cache.settle([("order", "O1")])
        assert not unit.cache.has_base("order", "O1")
        assert unit.cache.base_version("order", "O1") == 2
    assert visible(local_store, "order", "O1") == order("O1", status="collected", version=2)


def test_a_row_created_locally_disappears_if_central_never_had_it(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.put_local("order", order("S1", pickup_store_id=None, status="completed"))
        assert unit.cache.base_version("order", "S1") is None  # base: absent
    command_id = queue(local_store, ("order", "S1"))
    with local_store.unit() as unit:
        unit.cache.settle([("order", "S1")])  # still pending: nothing happens
        assert unit.orders.get("S1") is not None
        unit.outbox.mark_attention(command_id, 422, PROBLEM, NOW)
        unit.cache.settle([("order", "S1")])
        assert unit.orders.get("S1") is None


def test_a_deletion_from_central_waits_in_the_base(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("order", "O1", order("O1"))])
        unit.cache.put_local("order", order("O1", status="collected"))
    command_id = queue(local_store, ("order", "O1"))
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("order", "O1", None)])
        assert unit.orders.get("O1") is not None
        unit.outbox.mark_attention(command_id, 409, PROBLEM, NOW)
        unit.cache.settle([("order", "O1")])
        assert unit.orders.get("O1") is None


def test_server_state_for_an_untouched_key_drops_a_stale_base(local_store: LocalStore) -> None:
    """Addendum: a key no unfinished command touches gets the visible row, and no base."""
    with local_store.unit() as unit:
        unit.cache.put_local("customer", customer("C1", "Zofia"))
    with local_store.unit() as unit:  # no command was queued for the edit
        assert unit.cache.has_base("customer", "C1")
        unit.cache.apply_entity("customer", customer("C1", "Zosia", version=3))
        assert not unit.cache.has_base("customer", "C1")
        unit.cache.settle([("customer", "C1")])  # no base: nothing to do
        found = unit.customers.search("zosia")
    assert [c.id for c in found] == ["C1"]


def test_local_customer_edit_is_searchable_and_settles_back(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes([change("customer", "C1", customer("C1", "Łukasz", "Wójcik"))])
        unit.cache.put_local("customer", customer("C1", "Łukasz", "Zieliński"))
    command_id = queue(local_store, ("customer", "C1"))
    with local_store.unit() as unit:
        assert [c.id for c in unit.customers.search("zielinski")] == ["C1"]
        assert unit.customers.search("wojcik") == []
        unit.outbox.mark_attention(command_id, 422, PROBLEM, NOW)
        unit.cache.settle([("customer", "C1")])
        assert [c.id for c in unit.customers.search("wojcik")] == ["C1"]


def test_reset_for_resync_keeps_only_rows_with_local_edits(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_changes(
            [
                change("order", "O1", order("O1")),
                change("order", "O2", order("O2")),
                change("customer", "C1", customer("C1", "Iga", "Świątek")),
                change("customer", "C2", customer("C2", "Iga", "Nowak")),
            ]
        )
        unit.cache.put_local("order", order("O1", status="collected"))
        unit.cache.put_local("customer", customer("C1", "Iga", "Świątek", points=10))
        unit.profiles.put("C9", {"customer": customer("C9", "Ewa")}, NOW)
    queue(local_store, ("order", "O1"), ("customer", "C1"))
    with local_store.unit() as unit:
        unit.sync_state.set_cursor(42)
        unit.cache.reset_for_resync()
    with local_store.unit() as unit:
        assert unit.orders.get("O1") is not None and unit.orders.get("O2") is None
        assert unit.customers.get("C2") is None and unit.customers.get("C9") is None
        assert [c.id for c in unit.customers.search("iga")] == ["C1"]
        assert unit.profiles.get("C9", NOW) is None
        assert unit.outbox.counts().pending == 1
        assert unit.sync_state.cursor() == 42  # the engine resets its own cursor


def test_apply_entity_keeps_the_origin_of_an_existing_row(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        unit.cache.apply_entity("order", order("O7"), origin="fetched", served_at=NOW)
        unit.cache.apply_entity("order", order("O7", status="collected", version=2))
        unit.cache.apply_changes([change("order", "O8", order("O8"))])
        unit.cache.apply_entity("order", order("O8", version=2), origin="fetched", served_at=NOW)
        removed = unit.profiles.purge(NOW.replace(year=2027))
    assert removed == 1  # O7 stayed "fetched"; O8 is the store's own
    assert visible(local_store, "order", "O7") is None
    assert visible(local_store, "order", "O8") is not None


def test_unknown_entities_are_refused_for_direct_writes(local_store: LocalStore) -> None:
    with local_store.unit() as unit, pytest.raises(KeyError, match="hologram"):
        unit.cache.put_local("hologram", {"id": "H1"})
