"""Reserve-in-store holds: extend, cancel, or collect (sell) them — managers only.

A reservation's units are held in the store's stock while it is active; cancelling
releases them, collecting sells them (``on_hand`` and ``held`` down together).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.notifications import enqueue_notification
from clerk.central.ops.common import (
    MANAGER,
    Command,
    DeviceLike,
    adjust_stock,
    bump_version,
    check_staff,
    check_version,
    customer_of,
    domain_refusal,
    lock_row,
    products_by_sku,
    publish_touched,
    start_use_case,
    store_of,
    touched,
)
from clerk.central.ops.sale import PaymentIn, book_sale
from clerk.central.problems import conflict, not_found, unprocessable
from clerk.domain.entities import ReservationStatus, Tender
from clerk.domain.errors import HoldError
from clerk.domain.holds import ReservationHoldPolicy
from clerk.domain.money import Money

Id = Annotated[str, Field(min_length=1, max_length=40)]


class ExtendIn(Command):
    """``POST /v1/reservations/{id}/extend``: the new end of the hold."""

    staff_id: Id
    hold_until: AwareDatetime


class CancelIn(Command):
    """``POST /v1/reservations/{id}/cancel``: who asked for it (shown to the customer)."""

    staff_id: Id
    reason: Literal["customer", "store"] = "customer"


class CollectReservationIn(Command):
    """``POST /v1/reservations/{id}/collect``: the customer buys the reserved items now."""

    staff_id: Id
    payments: list[PaymentIn] = Field(default_factory=list, max_length=10)
    redeem_points: Annotated[int, Field(ge=0, le=100_000_000)] = 0


@dataclass(frozen=True)
class ReservationResult:
    """The reservation after the step, and the sale that collected it, if any."""

    reservation: m.Reservation
    order: m.Order | None = None


def _active_here(
    session: Session, device: DeviceLike, reservation_id: str, expected_version: int | None
) -> m.Reservation:
    reservation = lock_row(session, m.Reservation, reservation_id, "reservation")
    if reservation.store_id != device.store_id:
        raise not_found("reservation")
    check_version(reservation.version, expected_version, "reservation")
    if reservation.status != ReservationStatus.ACTIVE:
        raise conflict(
            f"reservation-{reservation.status}",
            f"This reservation is {reservation.status}; only an active one can change.",
        )
    return reservation


def extend_reservation(
    session: Session,
    device: DeviceLike,
    reservation_id: str,
    cmd: ExtendIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> ReservationResult:
    """Move the end of an active hold, within :class:`ReservationHoldPolicy`'s limit."""
    start_use_case(session)
    reservation = _active_here(session, device, reservation_id, expected_version)
    check_staff(session, device, cmd.staff_id, MANAGER)
    store = store_of(session, device.store_id)
    policy = ReservationHoldPolicy(hold_hours=store.reservation_hold_hours)
    try:
        reservation.hold_until = policy.validate_extension(
            reservation.created_at, cmd.hold_until, now
        )
    except HoldError as error:
        raise domain_refusal(error) from error
    bump_version(session, reservation)
    touched(session).reservations[reservation.id] = reservation
    publish_touched(session, now)
    return ReservationResult(reservation)


def cancel_reservation(
    session: Session,
    device: DeviceLike,
    reservation_id: str,
    cmd: CancelIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> ReservationResult:
    """Cancel an active hold: its units go back to available, the customer is told."""
    start_use_case(session)
    reservation = _active_here(session, device, reservation_id, expected_version)
    check_staff(session, device, cmd.staff_id, MANAGER)
    reservation.status = str(ReservationStatus.CANCELLED)
    _release(session, device, reservation, now)
    bump_version(session, reservation)
    touched(session).reservations[reservation.id] = reservation
    publish_touched(session, now)
    names = products_by_sku(session, (line.sku for line in reservation.lines))
    enqueue_notification(
        session,
        template="reservation_cancelled",
        customer=customer_of(session, reservation.customer_id),
        order=None,
        now=now,
        context={
            "store_id": reservation.store_id,
            "reservation_id": reservation.id,
            "reason": cmd.reason,
            "lines": [
                {"name": names[line.sku].name if line.sku in names else line.sku, "qty": line.qty}
                for line in reservation.lines
            ],
        },
    )
    return ReservationResult(reservation)


def _release(
    session: Session, device: DeviceLike, reservation: m.Reservation, now: datetime
) -> None:
    held: Counter[str] = Counter()
    for line in reservation.lines:
        held[line.sku] += line.qty
    for sku in sorted(held):
        adjust_stock(session, device.store_id, sku, held=-held[sku])
        touched(session).stock.add((device.store_id, sku))


def collect_reservation(
    session: Session,
    device: DeviceLike,
    reservation_id: str,
    cmd: CollectReservationIn,
    now: datetime,
    *,
    expected_version: int | None = None,
) -> ReservationResult:
    """Sell the reserved units to the customer (a store sale taking them from held stock)."""
    start_use_case(session)
    reservation = _active_here(session, device, reservation_id, expected_version)
    staff = check_staff(session, device, cmd.staff_id, MANAGER)
    if any(p.tender == Tender.POINTS for p in cmd.payments):
        raise unprocessable(
            "points-as-payment", "Redeem points with redeem_points, not as a payment line."
        )
    customer = lock_row(session, m.Customer, reservation.customer_id, "customer")
    order = book_sale(
        session,
        device,
        staff_id=staff.id,
        customer=customer,
        lines=[(line.sku, line.qty) for line in reservation.lines],
        payments=[(Tender(p.tender), Money(p.amount), p.reference) for p in cmd.payments],
        redeem_points=cmd.redeem_points,
        now=now,
        release_held=True,
    )
    reservation.status = str(ReservationStatus.COLLECTED)
    reservation.order_id = order.id
    bump_version(session, reservation)
    touched(session).reservations[reservation.id] = reservation
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    return ReservationResult(reservation, order)
