"""extend_reservation and cancel_reservation: managers only, within the hold policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.errors import DomainError
from clerk.services import cancel_reservation, extend_reservation
from tests.services.world import NOW, Tablet, reservation


def test_extend_within_the_policy(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1)])
    until = NOW + timedelta(days=3)
    done = extend_reservation(tablet.ctx, tablet.actor("maria"), res.id, until)
    assert done.value.hold_until == until and done.value.version == 3
    shown = tablet.get("reservation", res.id)
    assert shown is not None and shown["hold_until"] == until.isoformat()
    command = done.command
    assert command.path == f"/v1/reservations/{res.id}/extend"
    assert command.body == {"staff_id": "maria", "hold_until": until.isoformat()}
    assert (command.lane, command.if_match) == (f"reservation:{res.id}", '"2"')
    assert command.touches == (("reservation", res.id),)


@pytest.mark.parametrize(
    ("staff_id", "days", "code"),
    [
        ("maria", 10, "extension_too_long"),
        ("maria", -1, "in_the_past"),
        ("anna", 2, "role_not_allowed"),
    ],
)
def test_extend_refusals(tablet: Tablet, staff_id: str, days: int, code: str) -> None:
    res = reservation(tablet, [("JEANS-32", 1)])
    with pytest.raises(DomainError) as refused:
        extend_reservation(tablet.ctx, tablet.actor(staff_id), res.id, NOW + timedelta(days=days))
    assert refused.value.code == code
    assert tablet.commands() == []


def test_cancel_releases_the_held_units(tablet: Tablet) -> None:
    res = reservation(tablet, [("JEANS-32", 1), ("SOCKS-1", 2)])
    assert tablet.stock("SOCKS-1") == (20, 2)
    done = cancel_reservation(tablet.ctx, tablet.actor("maria"), res.id, "store")
    assert done.value.status == "cancelled"
    assert tablet.stock("SOCKS-1") == (20, 0) and tablet.stock("JEANS-32") == (20, 0)
    assert done.command.body == {"staff_id": "maria", "reason": "store"}
    assert done.command.path == f"/v1/reservations/{res.id}/cancel"
    with pytest.raises(DomainError) as again:
        cancel_reservation(tablet.ctx, tablet.actor("maria"), res.id)
    assert again.value.code == "reservation_cancelled"
    with pytest.raises(DomainError) as unknown:
        cancel_reservation(tablet.ctx, tablet.actor("maria"), "res-nope")
    assert unknown.value.code == "reservation_not_found"
