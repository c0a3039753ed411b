"""Signing in and manager overrides with PINs checked offline, with the lockout."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from clerk.central.seed_catalog import demo_pin_hash
from clerk.domain.entities import Role, Staff
from clerk.services.errors import InvalidRequest, NotAllowed
from clerk.services.signin import PinGate, StaffLockedOut, WrongPin
from clerk.store.audit import AuditEntry
from tests.services.world import NOW, STORE, Tablet

PINS = {"anna": "1111", "piotr": "2222", "maria": "3333", "ola": "4444", "krk-boss": "5555"}
ROLES = {
    "anna": Role.SALES,
    "piotr": Role.PICKUP,
    "maria": Role.MANAGER,
    "ola": Role.SALES,
    "krk-boss": Role.MANAGER,
}


@pytest.fixture
def gate(tablet: Tablet) -> PinGate:
    """The seeded staff again, with real Argon2id hashes of their PINs."""
    for staff_id, pin in PINS.items():
        tablet.put(
            "staff",
            Staff(
                staff_id,
                staff_id.capitalize(),
                ROLES[staff_id],
                ["KRK-01"] if staff_id == "krk-boss" else [STORE],
                demo_pin_hash(staff_id, pin),
                staff_id != "ola",
            ),
        )
    return PinGate(tablet.ctx)


def audit_of(tablet: Tablet, action: str) -> list[AuditEntry]:
    return [entry for entry in tablet.audit() if entry.action == action]


def wrong(gate: PinGate, staff_id: str = "anna", times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises((WrongPin, StaffLockedOut)):
            gate.sign_in(staff_id, "0000")


def test_the_right_pin_signs_in(gate: PinGate, tablet: Tablet) -> None:
    staff = gate.sign_in("anna", "1111")
    assert (staff.id, staff.role) == ("anna", Role.SALES)
    [entry] = audit_of(tablet, "sign_in")
    assert (entry.staff_id, entry.result, entry.device_id) == ("anna", "ok", tablet.ctx.device_id)


def test_a_wrong_pin_says_how_many_tries_are_left(gate: PinGate, tablet: Tablet) -> None:
    with pytest.raises(WrongPin) as refused:
        gate.sign_in("anna", "1234")
    assert refused.value.code == "wrong_pin"
    assert refused.value.attempts_left == 4
    with pytest.raises(WrongPin) as again:
        gate.sign_in("anna", "")
    assert again.value.attempts_left == 3
    assert [e.result for e in audit_of(tablet, "sign_in")] == ["wrong_pin", "wrong_pin"]
    assert gate.locked_until("anna") is None


def test_the_fifth_wrong_pin_locks_the_staff_member_out(gate: PinGate, tablet: Tablet) -> None:
    wrong(gate, times=4)
    with pytest.raises(StaffLockedOut) as locked:
        gate.sign_in("anna", "0000")
    assert locked.value.code == "staff_locked_out"
    assert locked.value.until == NOW + timedelta(minutes=1)
    assert gate.locked_until("anna") == NOW + timedelta(minutes=1)
    # Even the right PIN is refused until then; others are not affected.
    tablet.clock.current = NOW + timedelta(seconds=59)
    with pytest.raises(StaffLockedOut):
        gate.sign_in("anna", "1111")
    assert gate.sign_in("piotr", "2222").id == "piotr"
    results = [e.result for e in audit_of(tablet, "sign_in") if e.staff_id == "anna"]
    assert results == ["wrong_pin"] * 5 + ["locked_out"]
    assert (
        audit_of(tablet, "sign_in")[4].detail["locked_until"]
        == (NOW + timedelta(minutes=1)).isoformat()
    )


def test_the_lockout_ends_after_its_time(gate: PinGate, tablet: Tablet) -> None:
    wrong(gate, times=5)
    tablet.clock.current = NOW + timedelta(minutes=1)
    assert gate.locked_until("anna") is None
    assert gate.sign_in("anna", "1111").id == "anna"
    # The count starts again from zero after a lockout.
    with pytest.raises(WrongPin) as refused:
        gate.sign_in("anna", "0000")
    assert refused.value.attempts_left == 4


def test_a_success_resets_the_count(gate: PinGate) -> None:
    wrong(gate, times=4)
    gate.sign_in("anna", "1111")
    wrong(gate, times=4)
    assert gate.locked_until("anna") is None


def test_lockout_settings_are_the_gates(tablet: Tablet, gate: PinGate) -> None:
    strict = PinGate(tablet.ctx, max_attempts=2, lockout=timedelta(minutes=10))
    wrong(strict)
    with pytest.raises(StaffLockedOut) as locked:
        strict.sign_in("anna", "0000")
    assert locked.value.until == NOW + timedelta(minutes=10)


@pytest.mark.parametrize(
    ("staff_id", "why"), [("ghost", "unknown"), ("ola", "inactive"), ("krk-boss", "other store")]
)
def test_only_active_staff_of_this_store_sign_in(
    gate: PinGate, tablet: Tablet, staff_id: str, why: str
) -> None:
    with pytest.raises(NotAllowed) as refused:
        gate.sign_in(staff_id, PINS.get(staff_id, "0000"))
    assert refused.value.code == "unknown_staff", why
    assert audit_of(tablet, "sign_in")[0].result == "not_allowed"


def test_a_pin_that_cannot_be_checked_is_not_a_wrong_pin(tablet: Tablet) -> None:
    gate = PinGate(tablet.ctx)  # the world's staff carry a placeholder, not an Argon2 hash
    for _ in range(6):
        with pytest.raises(NotAllowed) as refused:
            gate.sign_in("anna", "1111")
        assert refused.value.code == "pin_unusable"
    assert gate.locked_until("anna") is None


def test_the_pin_never_reaches_the_audit(gate: PinGate, tablet: Tablet) -> None:
    gate.sign_in("anna", "1111")
    wrong(gate)
    gate.verify_override("maria", "3333", "Receipt lost", "create_return", "ord-1")
    for entry in tablet.audit():
        assert "1111" not in str(entry.detail) and "0000" not in str(entry.detail)
        assert "3333" not in str(entry.detail)


def test_a_manager_approves_an_override(gate: PinGate, tablet: Tablet) -> None:
    override = gate.verify_override(
        "maria",
        "3333",
        "  Receipt lost, customer known  ",
        "create_return",
        "ord-1",
        requested_by="anna",
    )
    assert (override.manager_id, override.reason) == ("maria", "Receipt lost, customer known")
    [entry] = audit_of(tablet, "manager_override")
    assert (entry.staff_id, entry.target, entry.result) == ("maria", "ord-1", "ok")
    assert entry.detail == {
        "action": "create_return",
        "reason": "Receipt lost, customer known",
        "requested_by": "anna",
    }


def test_a_non_manager_cannot_override(gate: PinGate, tablet: Tablet) -> None:
    with pytest.raises(NotAllowed) as refused:
        gate.verify_override("anna", "1111", "Why not", "create_return", "ord-1")
    assert refused.value.code == "role_not_allowed"
    assert audit_of(tablet, "manager_override")[0].result == "not_allowed"
    with pytest.raises(NotAllowed) as other_store:
        gate.verify_override("krk-boss", "5555", "Visiting", "create_return", "ord-1")
    assert other_store.value.code == "unknown_staff"


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("", "override_reason_required"),
        ("   ", "override_reason_required"),
        ("x" * 501, "override_reason_too_long"),
    ],
)
def test_an_override_needs_a_reason(gate: PinGate, tablet: Tablet, reason: str, code: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        gate.verify_override("maria", "3333", reason, "create_return", "ord-1")
    assert refused.value.code == code
    assert audit_of(tablet, "manager_override") == []


def test_an_override_with_a_wrong_pin_counts_toward_the_lockout(
    gate: PinGate, tablet: Tablet
) -> None:
    with pytest.raises(WrongPin) as refused:
        gate.verify_override("maria", "0000", "Receipt lost", "create_return", "ord-1")
    assert refused.value.attempts_left == 4
    wrong(gate, "maria", times=4)
    with pytest.raises(StaffLockedOut):
        gate.verify_override("maria", "3333", "Receipt lost", "create_return", "ord-1")
    results = [e.result for e in audit_of(tablet, "manager_override")]
    assert results == ["wrong_pin", "locked_out"]


def test_tries_from_many_threads_lock_out_exactly_once(gate: PinGate) -> None:
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            gate.sign_in("anna", "0000")
        except (WrongPin, StaffLockedOut) as exc:
            with lock:
                outcomes.append(exc.code)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["staff_locked_out"] * 4 + ["wrong_pin"] * 4
