"""perform(): local effect, outbox command and audit entry in one transaction — or nothing."""

from __future__ import annotations

import uuid

import pytest

from clerk.domain.errors import DomainError
from clerk.services import Action, perform
from clerk.services.outbox import Key, client_id
from clerk.store import StoreUnit
from tests.services.world import DEVICE, NOW, Tablet, order


def _action(effect: object, **kw: object) -> Action:
    values: dict[str, object] = {
        "kind": "test_action",
        "method": "POST",
        "path": "/v1/orders/X/ready",
        "body": {"staff_id": "piotr", "shelf": "B-2"},
        "lane": "order:X",
        "target": "order:X",
        "effect": effect,
        "audit_detail": {"why": "test"},
    }
    values.update(kw)
    return Action(**values)  # type: ignore[arg-type]


def test_effect_command_and_audit_are_written_together(tablet: Tablet) -> None:
    ready = order(tablet, [("SHIRT-M", 1)])

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        data = unit.cache.get("order", ready.id)
        assert data is not None
        unit.cache.put_local("order", data | {"status": "collected"})
        return (("order", ready.id), ("order", ready.id))

    command = perform(
        tablet.ctx,
        tablet.actor("piotr"),
        _action(effect, lane=f"order:{ready.id}", if_match_of=("order", ready.id)),
    )
    assert uuid.UUID(command.id).version == 4
    assert command.state == "pending" and command.kind == "test_action"
    assert (command.method, command.path) == ("POST", "/v1/orders/X/ready")
    assert command.body == {"staff_id": "piotr", "shelf": "B-2"}
    assert command.lane == f"order:{ready.id}"
    assert command.touches == (("order", ready.id),)
    assert command.if_match == '"4"'
    assert (command.staff_id, command.device_id, command.created_at) == ("piotr", DEVICE, NOW)
    assert [c.id for c in tablet.commands()] == [command.id]
    visible = tablet.get("order", ready.id)
    assert visible is not None and visible["status"] == "collected"
    [entry] = tablet.audit()
    assert (entry.action, entry.staff_id, entry.device_id, entry.at) == (
        "test_action",
        "piotr",
        DEVICE,
        NOW,
    )
    assert (entry.target, entry.result, entry.command_id) == ("order:X", "queued", command.id)
    assert entry.detail == {"why": "test"}
    assert tablet.requests == [1]


def test_a_crash_in_the_effect_leaves_nothing_behind(tablet: Tablet) -> None:
    ready = order(tablet, [("SHIRT-M", 1)])

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        data = unit.cache.get("order", ready.id)
        assert data is not None
        unit.cache.put_local("order", data | {"status": "collected"})
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        perform(tablet.ctx, tablet.actor("piotr"), _action(effect))
    assert tablet.commands() == [] and tablet.audit() == []
    visible = tablet.get("order", ready.id)
    assert visible is not None and visible["status"] == "ready"
    with tablet.store.unit(read_only=True) as unit:
        assert not unit.cache.has_base("order", ready.id)
    assert tablet.requests == []


def test_a_failing_outbox_write_takes_the_effect_with_it(tablet: Tablet) -> None:
    ready = order(tablet, [("SHIRT-M", 1)])

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        data = unit.cache.get("order", ready.id)
        assert data is not None
        unit.cache.put_local("order", data | {"status": "collected"})
        return (("order", ready.id),)

    first = perform(tablet.ctx, tablet.actor("piotr"), _action(effect))
    # A body that is not JSON cannot be queued: the second effect must not survive either.
    with pytest.raises(TypeError):
        perform(tablet.ctx, tablet.actor("piotr"), _action(effect, body={"bad": object()}))
    assert [c.id for c in tablet.commands()] == [first.id]
    assert len(tablet.audit()) == 1


def test_a_domain_refusal_writes_only_a_refused_audit_entry(tablet: Tablet) -> None:
    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        unit.cache.put_local("order", {"id": "ghost", "status": "x"})
        raise DomainError("order_not_ready", "Not picked yet.")

    with pytest.raises(DomainError):
        perform(tablet.ctx, tablet.actor("piotr"), _action(effect))
    assert tablet.commands() == [] and tablet.get("order", "ghost") is None
    [entry] = tablet.audit()
    assert (entry.action, entry.result, entry.command_id) == ("test_action", "refused", None)
    assert entry.detail == {"code": "order_not_ready", "message": "Not picked yet."}
    assert tablet.requests == []


def test_if_match_names_central_version_only_when_no_edit_waits(tablet: Tablet) -> None:
    ready = order(tablet, [("SHIRT-M", 1)], version=7)

    def bump(unit: StoreUnit) -> tuple[Key, ...]:
        data = unit.cache.get("order", ready.id)
        assert data is not None
        unit.cache.put_local("order", data | {"version": data["version"] + 1})
        return (("order", ready.id),)

    action = _action(bump, lane=f"order:{ready.id}", if_match_of=("order", ready.id))
    first = perform(tablet.ctx, tablet.actor("piotr"), action)
    second = perform(tablet.ctx, tablet.actor("piotr"), action)
    assert first.if_match == '"7"'
    assert second.if_match is None  # chained: central's version will have moved
    assert tablet.base_version("order", ready.id) == 7

    # Once central answered both, the next command names central's new version again.
    with tablet.store.unit() as unit:
        for command in (first, second):
            unit.outbox.mark_sending(command.id, NOW)
            unit.outbox.mark_done(command.id, 200, None, NOW)
        data = unit.cache.get("order", ready.id)
        assert data is not None
        unit.cache.apply_entity("order", data | {"version": 9})
        unit.cache.settle([("order", ready.id)])
    third = perform(tablet.ctx, tablet.actor("piotr"), action)
    assert third.if_match == '"9"'


def test_client_ids_follow_central_pattern() -> None:
    assert len(client_id()) == 32
    assert client_id("tab-0001") == "tab-0001"
    for bad in ("short", "-leading", "x" * 41, "sp ace-123"):
        with pytest.raises(DomainError) as refused:
            client_id(bad)
        assert refused.value.code == "invalid_id"
