"""Reserve-in-store holds: extend, cancel, or collect (sell) them — managers only.

A reservation's units are held in the store's stock while it is active; cancelling
releases them, collecting sells them (``on_hand`` and ``held`` down together). A hold that
ran out is expired by :func:`expire_overdue_reservations` (a background sweep), which
releases the units just as cancelling does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal, cast

from pydantic import AwareDatetime, Field
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central import notification_templates as templates
from clerk.central.notifications import enqueue_notification
from clerk.central.ops.common import (
    MANAGER,
    ClientId,
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
from clerk.central.ops.store_credit import spend_credits
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
    """``POST /v1/reservations/{id}/collect``: the customer buys the reserved items now;
    ``order_id``: the id the tablet chose for the sale."""

    order_id: ClientId | None = None
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
    _release(session, [reservation])
    bump_version(session, reservation)
    touched(session).reservations[reservation.id] = reservation
    publish_touched(session, now)
    _tell_customer(session, reservation, cmd.reason, now)
    return ReservationResult(reservation)


def _release(session: Session, reservations: Iterable[m.Reservation]) -> None:
    """Give the units the reservations hold back to available (``held`` down).

    Stock rows are changed in (store, SKU) order, the lock order every use case keeps.
    """
    held: Counter[tuple[str, str]] = Counter()
    for reservation in reservations:
        for line in reservation.lines:
            held[reservation.store_id, line.sku] += line.qty
    for store_id, sku in sorted(held):
        adjust_stock(session, store_id, sku, held=-held[store_id, sku])
        touched(session).stock.add((store_id, sku))


def _tell_customer(
    session: Session, reservation: m.Reservation, reason: str, now: datetime
) -> None:
    """Queue ``reservation_cancelled`` (``reason``: customer | store | expired)."""
    names = products_by_sku(session, (line.sku for line in reservation.lines))
    enqueue_notification(
        session,
        template=templates.RESERVATION_CANCELLED,
        customer=customer_of(session, reservation.customer_id),
        order=None,
        now=now,
        context={
            "store_id": reservation.store_id,
            "reservation_id": reservation.id,
            "reason": reason,
            "lines": [
                {"name": names[line.sku].name if line.sku in names else line.sku, "qty": line.qty}
                for line in reservation.lines
            ],
        },
    )


def expire_overdue_reservations(session: Session, now: datetime, *, limit: int = 200) -> int:
    """Expire active reservations whose hold ended by ``now``; returns how many expired.

    Each one becomes ``expired`` (version bumped), its units go back to available as on
    cancel, the change is published to the store's feed and the customer is told with
    ``reservation_cancelled`` (reason ``expired``).  At most ``limit`` are taken per call;
    the caller commits.  Safe to run from several central processes at once: rows are
    locked in id order (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so a row another sweep
    or a request holds is left to it; SQLite has a single writer) and the status changes
    only while the row is still active and overdue, so a reservation expires exactly once
    and one extended meanwhile is left alone.
    """
    start_use_case(session)
    res = m.Reservation
    query = (
        select(res)
        .where(res.status == str(ReservationStatus.ACTIVE), res.hold_until <= now)
        .order_by(res.id)
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=res)
    expired: list[m.Reservation] = []
    for reservation in session.scalars(query).all():
        result = session.execute(
            update(res)
            .where(
                res.id == reservation.id,
                res.status == str(ReservationStatus.ACTIVE),
                res.hold_until <= now,
            )
            .values(status=str(ReservationStatus.EXPIRED))
            .execution_options(synchronize_session=False)
        )
        if cast(CursorResult[Any], result).rowcount != 1:
            continue
        session.refresh(reservation, ["status"])
        bump_version(session, reservation)
        touched(session).reservations[reservation.id] = reservation
        expired.append(reservation)
    if not expired:
        return 0
    _release(session, expired)
    publish_touched(session, now)
    for reservation in expired:
        _tell_customer(session, reservation, "expired", now)
    return len(expired)


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
    payments = [(Tender(p.tender), Money(p.amount), p.reference) for p in cmd.payments]
    spend_credits(session, payments)
    order = book_sale(
        session,
        device,
        staff_id=staff.id,
        customer=customer,
        lines=[(line.sku, line.qty) for line in reservation.lines],
        payments=payments,
        redeem_points=cmd.redeem_points,
        now=now,
        release_held=True,
        order_id=cmd.order_id,
    )
    reservation.status = str(ReservationStatus.COLLECTED)
    reservation.order_id = order.id
    bump_version(session, reservation)
    touched(session).reservations[reservation.id] = reservation
    touched(session).orders[order.id] = order
    publish_touched(session, now)
    return ReservationResult(reservation, order)
