"""Reserve-in-store holds: a manager extends, cancels or collects them (central's reservations
ops). Collecting sells the reserved units to the customer at the counter: a store sale taking
them from the held stock, booked by central's ``collect`` in one step with the reservation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Literal

from clerk.domain.entities import LoyaltyKind, Order, Reservation, ReservationStatus
from clerk.domain.holds import ReservationHoldPolicy
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import PointsMove, move_points, move_stock, settings_of
from clerk.services.errors import InvalidRequest, NotFound, WrongState
from clerk.services.outbox import Action, Effect, Key, Outcome, client_id, lane_of, perform
from clerk.services.sales import (
    SaleLine,
    Tendered,
    check_sale_request,
    counter_order,
    payments_body,
)
from clerk.services.staff import MANAGER, require_staff
from clerk.store import StoreUnit

__all__ = ["cancel_reservation", "collect_reservation", "extend_reservation"]

CancelReason = Literal["customer", "store"]


def _active_here(unit: StoreUnit, actor: Actor, reservation_id: str) -> Reservation:
    reservation = unit.reservations.get(reservation_id)
    if reservation is None or reservation.store_id != actor.store_id:
        raise NotFound(
            "reservation_not_found", "This reservation is not held here; sync the tablet."
        )
    if reservation.status != ReservationStatus.ACTIVE:
        raise WrongState(
            f"reservation_{reservation.status}",
            f"This reservation is {reservation.status}; only an active one can change.",
        )
    return reservation


def _put(unit: StoreUnit, reservation: Reservation) -> Key:
    reservation.version += 1
    unit.cache.put_local("reservation", reservation.to_dict())
    return ("reservation", reservation.id)


def _action(kind: str, reservation_id: str, body: dict[str, Any], effect: Effect) -> Action:
    verb = kind.split("_", 1)[0]
    return Action(
        kind=kind,
        method="POST",
        path=f"/v1/reservations/{reservation_id}/{verb}",
        body=body,
        lane=lane_of("reservation", reservation_id),
        target=f"reservation:{reservation_id}",
        effect=effect,
        audit_detail={"reservation_id": reservation_id, **body},
        if_match_of=("reservation", reservation_id),
    )


def extend_reservation(
    ctx: ServiceContext, actor: Actor, reservation_id: str, hold_until: datetime
) -> Outcome[Reservation]:
    """Hold an active reservation until ``hold_until`` (managers only), within the store's
    policy: at most ``reservation_max_days`` from when it was made, and in the future."""
    if hold_until.tzinfo is None or hold_until.utcoffset() is None:
        raise InvalidRequest("naive_datetime", "The new end of the hold needs a time zone.")
    now = ctx.clock.now()
    done: list[Reservation] = []

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, MANAGER, "extend reservations")
        reservation = _active_here(unit, actor, reservation_id)
        settings = settings_of(unit, actor.store_id)
        policy = ReservationHoldPolicy(
            hold_hours=settings.reservation_hold_hours, max_days=settings.reservation_max_days
        )
        reservation.hold_until = policy.validate_extension(reservation.created_at, hold_until, now)
        done.append(reservation)
        return (_put(unit, reservation),)

    body = {"staff_id": actor.staff_id, "hold_until": hold_until.isoformat()}
    command = perform(ctx, actor, _action("extend_reservation", reservation_id, body, effect))
    return Outcome(done[0], command)


def cancel_reservation(
    ctx: ServiceContext, actor: Actor, reservation_id: str, reason: CancelReason = "customer"
) -> Outcome[Reservation]:
    """Cancel an active reservation (managers only): its units become available again and
    central tells the customer (``reason``: the customer asked, or the store decided)."""
    if reason not in ("customer", "store"):
        raise InvalidRequest(
            "invalid_reason", "A reservation is cancelled for the customer or the store."
        )
    done: list[Reservation] = []

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, MANAGER, "cancel reservations")
        reservation = _active_here(unit, actor, reservation_id)
        reservation.status = ReservationStatus.CANCELLED
        freed: dict[str, int] = {}
        for line in reservation.lines:
            freed[line.sku] = freed.get(line.sku, 0) - line.qty
        keys = move_stock(unit, actor.store_id, held=freed)
        keys.append(_put(unit, reservation))
        done.append(reservation)
        return tuple(keys)

    body = {"staff_id": actor.staff_id, "reason": reason}
    command = perform(ctx, actor, _action("cancel_reservation", reservation_id, body, effect))
    return Outcome(done[0], command)


def collect_reservation(
    ctx: ServiceContext,
    actor: Actor,
    reservation_id: str,
    *,
    payments: Sequence[Tendered] = (),
    redeem_points: int = 0,
    order_id: str | None = None,
) -> Outcome[Order]:
    """The customer buys what they reserved (managers only): a completed store sale of the
    reservation's lines at catalogue prices, paid with ``payments`` plus ``redeem_points``.

    Locally at once: the order (number pending), the units leave both ``on_hand`` and
    ``held``, points are redeemed and earned, the reservation becomes ``collected``. The
    command goes in the reservation's lane, so it follows an extension made before it.
    """
    new_id = client_id(order_id)
    now = ctx.clock.now()
    sold: list[Order] = []
    body: dict[str, Any] = {
        "order_id": new_id,
        "staff_id": actor.staff_id,
        "payments": payments_body(payments),
    }
    if redeem_points:
        body["redeem_points"] = redeem_points
    audit: dict[str, Any] = {"reservation_id": reservation_id, "order_id": new_id}

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, MANAGER, "collect reservations")
        reservation = _active_here(unit, actor, reservation_id)
        check_sale_request(
            [SaleLine(line.sku, line.qty) for line in reservation.lines],
            payments,
            reservation.customer_id,
            None,
            redeem_points,
        )
        customer = unit.customers.get(reservation.customer_id)
        if customer is None:
            raise NotFound(
                "customer_not_found", "This customer is not on the tablet; sync the tablet."
            )
        wanted = [(line.sku, line.qty) for line in reservation.lines]
        reserved: Counter[str] = Counter()
        for sku, qty in wanted:
            reserved[sku] += qty
        order = counter_order(
            unit, actor, new_id, customer, wanted, payments, redeem_points, now, set_aside=reserved
        )
        unit.cache.put_local("order", order.to_dict())
        keys: list[Key] = [("order", order.id)]
        keys += move_stock(
            unit,
            actor.store_id,
            on_hand={s: -q for s, q in reserved.items()},
            held={s: -q for s, q in reserved.items()},
        )
        keys += move_points(
            unit,
            customer,
            [
                PointsMove(-redeem_points, LoyaltyKind.REDEEM, "Redeemed at the counter", new_id),
                PointsMove(order.points_earned, LoyaltyKind.EARN, "Earned at the counter", new_id),
            ],
            store_id=actor.store_id,
            now=now,
        )
        reservation.status = ReservationStatus.COLLECTED
        keys.append(_put(unit, reservation))
        audit["customer_id"] = customer.id
        audit["total"] = str(order.total.amount)
        sold.append(order)
        return tuple(keys)

    action = replace(
        _action("collect_reservation", reservation_id, body, effect), audit_detail=audit
    )
    command = perform(ctx, actor, action)
    return Outcome(sold[0], command)
