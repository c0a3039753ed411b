"""The outbox: lanes, states, refusals that hold their lane, recovery after a crash."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from clerk.store import LocalStore, NewCommand, OutboxCounts, OutboxStateError
from clerk.store.outbox import BLOCKED_BY_REFUSAL
from tests.store.feed import NOW

LATER = NOW + timedelta(minutes=5)
PROBLEM = {"type": "https://clerk.example/problems/conflict", "title": "No", "status": 409}


def command(
    lane: str | None = None,
    *,
    kind: str = "release_pickup",
    touches: tuple[tuple[str, str], ...] = (),
    command_id: str | None = None,
    device_id: str = "dev-1",
) -> NewCommand:
    return NewCommand(
        id=command_id or str(uuid.uuid4()),
        kind=kind,
        method="POST",
        path="/v1/orders/O1/collect",
        body={"lines": [{"line_id": "O1-1", "qty": 1}], "note": "Łódź"},
        lane=lane,
        touches=touches,
        if_match='"3"',
        staff_id="STF-1",
        device_id=device_id,
        created_at=NOW,
    )


def add(store: LocalStore, *commands: NewCommand) -> list[str]:
    with store.unit() as unit:
        return [unit.outbox.add(c).id for c in commands]


def sendable(store: LocalStore) -> list[str]:
    with store.unit() as unit:
        return [c.id for c in unit.outbox.sendable()]


def test_add_keeps_everything_and_starts_pending(local_store: LocalStore) -> None:
    new = command("order:O1", touches=(("order", "O1"), ("inventory", "SKU1"), ("order", "O1")))
    with local_store.unit() as unit:
        queued = unit.outbox.add(new)
    with local_store.unit() as unit:
        stored = unit.outbox.get(new.id)
        assert unit.outbox.get("nope") is None
    assert stored == queued
    assert stored.state == "pending" and stored.attempts == 0 and stored.position >= 1
    assert stored.body == new.body and stored.if_match == '"3"' and stored.created_at == NOW
    assert stored.touches == (("inventory", "SKU1"), ("order", "O1"))
    assert (stored.status, stored.problem, stored.answer, stored.last_error) == (None,) * 4


def test_sendable_is_oldest_first_and_one_per_lane(local_store: LocalStore) -> None:
    a1, b1, a2, free, b2 = add(
        local_store,
        command("order:A"),
        command("order:B"),
        command("order:A"),
        command(None),
        command("order:B"),
    )
    assert sendable(local_store) == [a1, b1, free]
    with local_store.unit() as unit:
        unit.outbox.mark_sending(a1, NOW)
    assert sendable(local_store) == [b1, free]
    with local_store.unit() as unit:
        unit.outbox.mark_done(a1, 200, {"order": {"id": "A"}}, LATER)
    assert sendable(local_store) == [b1, a2, free]
    with local_store.unit() as unit:
        assert [c.id for c in unit.outbox.sendable(limit=2)] == [b1, a2]
        done = unit.outbox.get(a1)
    assert done is not None and done.state == "done" and done.status == 200
    assert done.answer == {"order": {"id": "A"}} and done.updated_at == LATER
    assert done.last_attempt_at == NOW
    del b2


def test_a_refusal_holds_its_lane_but_not_others(local_store: LocalStore) -> None:
    a1, a2, a3, b1 = add(
        local_store, command("order:A"), command("order:A"), command("order:A"), command("order:B")
    )
    with local_store.unit() as unit:
        unit.outbox.mark_sending(a1, NOW)
        unit.outbox.mark_attention(a1, 409, PROBLEM, NOW)
    assert sendable(local_store) == [b1]  # attention blocks its lane
    with local_store.unit() as unit:
        held = unit.outbox.hold_lane_after_refusal("order:A", a1, LATER)
        refused = unit.outbox.get(a1)
        assert [c.id for c in unit.outbox.attention()] == [a1, a2, a3]
        assert unit.outbox.counts() == OutboxCounts(
            pending=1, sending=0, attention=3, done=0, discarded=0
        )
    assert [c.id for c in held] == [a2, a3]
    assert all(c.state == "attention" and c.status is None for c in held)
    problem = held[0].problem
    assert problem is not None and problem["type"] == BLOCKED_BY_REFUSAL
    assert problem["refused_id"] == a1 and problem["title"] and a1 in problem["detail"]
    assert refused is not None and refused.status == 409 and refused.problem == PROBLEM
    assert sendable(local_store) == [b1]


def test_retry_and_discard(local_store: LocalStore) -> None:
    a1, a2 = add(local_store, command("order:A"), command("order:A"))
    with local_store.unit() as unit:
        unit.outbox.mark_attention(a1, 422, PROBLEM, NOW)
        unit.outbox.hold_lane_after_refusal("order:A", a1, NOW)
        unit.outbox.discard(a1, "STF-9", "customer changed their mind", LATER)
        unit.outbox.retry(a2, LATER)
        discarded = unit.outbox.get(a1)
        retried = unit.outbox.get(a2)
    assert discarded is not None and discarded.state == "discarded"
    assert (discarded.discarded_by, discarded.discard_reason) == (
        "STF-9",
        "customer changed their mind",
    )
    assert retried is not None and retried.state == "pending" and retried.problem is None
    assert sendable(local_store) == [a2]  # a discarded command no longer blocks its lane


def test_transient_failures_and_crash_recovery(local_store: LocalStore) -> None:
    a, b = add(local_store, command("order:A"), command(None))
    with local_store.unit() as unit:
        unit.outbox.mark_sending(a, NOW)
        unit.outbox.mark_retry_later(a, "connection reset", LATER)
        unit.outbox.mark_sending(a, LATER)
        unit.outbox.mark_retry_later(a, "timeout", LATER)
        unit.outbox.mark_sending(a, LATER)
        unit.outbox.mark_sending(b, LATER)
    with local_store.unit() as unit:  # the app was killed while sending: next start-up
        assert unit.outbox.counts().sending == 2
        assert unit.outbox.recover_in_flight(LATER) == 2
        again = unit.outbox.get(a)
        assert unit.outbox.counts().pending == 2
    assert again is not None and again.attempts == 2 and again.last_error == "timeout"
    assert again.id == a  # same Idempotency-Key when sent again
    assert sendable(local_store) == [a, b]


def test_tablets_sharing_a_database_send_and_recover_their_own(local_store: LocalStore) -> None:
    a1, b1, a2, b2 = add(
        local_store,
        command("order:O1", device_id="dev-a"),
        command("order:O1", device_id="dev-b"),  # behind a1 in its lane
        command("order:O2", device_id="dev-a"),
        command(None, device_id="dev-b"),
    )
    with local_store.unit() as unit:
        assert [c.id for c in unit.outbox.sendable(device_id="dev-a")] == [a1, a2]
        # b1 waits for a1, queued first on the same order by the other tablet.
        assert [c.id for c in unit.outbox.sendable(device_id="dev-b")] == [b2]
        unit.outbox.mark_sending(a1, NOW)
        unit.outbox.mark_sending(b2, NOW)
    with local_store.unit() as unit:  # tablet B restarts while A has a1 on the wire
        assert unit.outbox.recover_in_flight(LATER, device_id="dev-b") == 1
        assert unit.outbox.get(a1).state == "sending"  # type: ignore[union-attr]
        assert unit.outbox.get(b2).state == "pending"  # type: ignore[union-attr]
        unit.outbox.mark_done(a1, 200, None, LATER)
    with local_store.unit() as unit:
        assert [c.id for c in unit.outbox.sendable(device_id="dev-b")] == [b1, b2]


def test_finished_commands_are_pruned_after_the_retention(local_store: LocalStore) -> None:
    done_old, discarded_old, refused, waiting, done_new = add(
        local_store,
        command("order:O1", touches=(("order", "O1"),)),
        command("order:O2"),
        command("order:O3"),
        command("order:O4"),
        command("order:O5"),
    )
    with local_store.unit() as unit:
        unit.outbox.mark_sending(done_old, NOW)
        unit.outbox.mark_done(done_old, 200, {"order": {"id": "O1"}}, NOW)
        unit.outbox.mark_sending(discarded_old, NOW)
        unit.outbox.mark_attention(discarded_old, 409, PROBLEM, NOW)
        unit.outbox.discard(discarded_old, "STF-9", "sold elsewhere", NOW)
        unit.outbox.mark_sending(refused, NOW)
        unit.outbox.mark_attention(refused, 409, PROBLEM, NOW)
        unit.outbox.mark_sending(done_new, LATER)
        unit.outbox.mark_done(done_new, 200, None, LATER)
    with local_store.unit() as unit:
        assert unit.outbox.prune_finished(NOW) == 0  # nothing finished before NOW
        assert unit.outbox.prune_finished(NOW + timedelta(seconds=1)) == 2
    with local_store.unit() as unit:
        assert unit.outbox.get(done_old) is None and unit.outbox.get(discarded_old) is None
        assert unit.outbox.touches_of(done_old) == []
        kept = {c: unit.outbox.get(c).state for c in (refused, waiting, done_new)}  # type: ignore[union-attr]
    assert kept == {refused: "attention", waiting: "pending", done_new: "done"}


def test_moves_a_state_does_not_allow_are_refused(local_store: LocalStore) -> None:
    (a,) = add(local_store, command(None))
    with local_store.unit() as unit:
        with pytest.raises(OutboxStateError):
            unit.outbox.retry(a, NOW)
        with pytest.raises(OutboxStateError):
            unit.outbox.discard(a, "STF-1", "no", NOW)
        unit.outbox.mark_done(a, 201, None, NOW)
        with pytest.raises(OutboxStateError):
            unit.outbox.mark_sending(a, NOW)
        with pytest.raises(KeyError):
            unit.outbox.mark_sending("missing", NOW)


def test_unfinished_touches(local_store: LocalStore) -> None:
    a, b, c = add(
        local_store,
        command("order:O1", touches=(("order", "O1"),)),
        command(None, touches=(("interaction", "I1"), ("customer", "C1"))),
        command(None, touches=(("order", "O2"),)),
    )
    with local_store.unit() as unit:
        unit.outbox.mark_sending(b, NOW)
        unit.outbox.mark_attention(c, 409, PROBLEM, NOW)
        assert unit.outbox.unfinished_touches() == {
            ("order", "O1"),
            ("interaction", "I1"),
            ("customer", "C1"),
        }
        assert unit.outbox.touches_of(b) == [("customer", "C1"), ("interaction", "I1")]
        assert [x.id for x in unit.outbox.unfinished()] == [a, b]


def test_a_failed_unit_queues_nothing(local_store: LocalStore) -> None:
    new = command(None)
    with pytest.raises(RuntimeError), local_store.unit() as unit:
        unit.outbox.add(new)
        raise RuntimeError("the local effect failed")
    with local_store.unit() as unit:
        assert unit.outbox.get(new.id) is None
