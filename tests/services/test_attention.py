"""retry_attention and discard_attention: a clerk decides what happens to refused actions."""

from __future__ import annotations

import pytest

from clerk.domain.entities import OrderStatus
from clerk.domain.errors import DomainError
from clerk.services import Verification, discard_attention, mark_ready, release_pickup
from clerk.services.attention import retry_attention
from clerk.store import OutboxCommand
from tests.services.world import NOW, Tablet, order

CONFLICT = {"type": "https://clerk.example/problems/insufficient-stock", "status": 409}


def _refused_chain(tablet: Tablet) -> tuple[str, OutboxCommand, OutboxCommand]:
    """A ready command central refused, and the collect queued behind it (held, never sent)."""
    placed = order(tablet, [("SHIRT-M", 1)], status=OrderStatus.PLACED)
    ready = mark_ready(tablet.ctx, tablet.actor("piotr"), placed.id, shelf="A").command
    collect = release_pickup(
        tablet.ctx, tablet.actor("piotr"), placed.id, Verification("loyalty", "Jan")
    ).command
    with tablet.store.unit() as unit:
        unit.outbox.mark_sending(ready.id, NOW)
        unit.outbox.mark_attention(ready.id, 409, CONFLICT, NOW)
        unit.outbox.hold_lane_after_refusal(f"order:{placed.id}", ready.id, NOW)
        unit.cache.settle(set(ready.touches) | set(collect.touches))
    return placed.id, ready, collect


def test_retry_queues_the_refused_chain_again_under_fresh_keys(tablet: Tablet) -> None:
    order_id, ready, collect = _refused_chain(tablet)
    shown = tablet.get("order", order_id)
    assert shown is not None and shown["status"] == "placed"  # central's truth again
    queued = retry_attention(tablet.ctx, tablet.actor("anna"), ready.id)
    assert len(queued) == 2 and ready.id not in queued and collect.id not in queued
    again = tablet.commands()
    assert [c.id for c in again] == queued
    assert [(c.path, c.body) for c in again] == [
        (ready.path, ready.body),
        (collect.path, collect.body),
    ]
    assert again[0].if_match == '"4"' and again[1].if_match is None
    assert all(c.lane == f"order:{order_id}" for c in again)
    with tablet.store.unit(read_only=True) as unit:
        old = unit.outbox.get(ready.id)
        assert old is not None and old.state == "discarded"
        assert old.discard_reason == f"retried as {queued[0]}"
        assert unit.outbox.attention() == []
    entry = tablet.audit()[-1]
    assert (entry.action, entry.staff_id, entry.command_id) == ("retry_attention", "anna", ready.id)
    assert entry.detail["queued"] == queued


def test_discard_needs_a_manager_and_a_reason_then_held_ones_may_go(tablet: Tablet) -> None:
    _, ready, collect = _refused_chain(tablet)
    with pytest.raises(DomainError) as no_reason:
        discard_attention(tablet.ctx, tablet.actor("maria"), ready.id, "  ")
    assert no_reason.value.code == "discard_reason_required"
    with pytest.raises(DomainError) as not_manager:
        discard_attention(tablet.ctx, tablet.actor("piotr"), ready.id, "Picked twice")
    assert not_manager.value.code == "role_not_allowed"

    discard_attention(tablet.ctx, tablet.actor("maria"), ready.id, "Picked twice")
    with tablet.store.unit(read_only=True) as unit:
        old = unit.outbox.get(ready.id)
        assert old is not None and old.state == "discarded"
        assert (old.discarded_by, old.discard_reason) == ("maria", "Picked twice")
    entry = tablet.audit()[-1]
    assert (entry.action, entry.result) == ("discard_attention", "discarded")
    assert entry.detail["reason"] == "Picked twice" and entry.detail["problem"] == CONFLICT

    # The collect held behind it was never sent: it goes again under its own key.
    assert retry_attention(tablet.ctx, tablet.actor("piotr"), collect.id) == [collect.id]
    with tablet.store.unit(read_only=True) as unit:
        assert [c.id for c in unit.outbox.sendable()] == [collect.id]
    with pytest.raises(DomainError) as not_waiting:
        retry_attention(tablet.ctx, tablet.actor("piotr"), collect.id)
    assert not_waiting.value.code == "not_in_attention"
    with pytest.raises(DomainError) as unknown:
        retry_attention(tablet.ctx, tablet.actor("piotr"), "no-such-command")
    assert unknown.value.code == "command_not_found"
