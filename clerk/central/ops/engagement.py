"""The customer at the counter: identifying them, their store visit, notes and feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import feed, keys
from clerk.central import models as m
from clerk.central.ops.common import (
    COUNTER,
    SALES,
    ClientId,
    Command,
    DeviceLike,
    add_new,
    check_staff,
    choose_id,
    lock_row,
    publish_touched,
    start_use_case,
    store_of,
    touched,
)
from clerk.central.ops.points import move_points
from clerk.central.problems import Problem, not_found, unprocessable
from clerk.domain.entities import Channel, InteractionKind, LoyaltyKind
from clerk.domain.errors import ScanRejected, TokenError
from clerk.domain.loyalty import VISIT_BONUS_POINTS, visit_bonus_due
from clerk.domain.scan import LoyaltyCardScan, SignedTokenScan, parse_scan
from clerk.domain.tokens import TokenKind, verify_token

Id = Annotated[str, Field(min_length=1, max_length=40)]


class ResolveIn(Command):
    """``POST /v1/loyalty/resolve``: who is at the counter — exactly one of ``code`` (a
    scanned or typed loyalty token or card number) or ``customer_id`` (a customer the tablet
    already recognised, e.g. offline from a token that may have expired since).

    ``id``: the id the tablet chose for the visit interaction, so its local visit row and
    central's are the same row.
    """

    id: ClientId | None = None
    staff_id: Id
    code: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    customer_id: Id | None = None


@dataclass(frozen=True)
class Resolved:
    """Who the code names, and what their visit earned.

    ``visit``: the visit recorded now (None when one was already recorded today at this
    store); ``visit_id``: today's visit here either way.
    """

    customer: m.Customer
    visit: m.Interaction | None
    visit_id: str
    bonus_points: int


class InteractionIn(Command):
    """``POST /v1/customers/{id}/interactions``: a note, visit or contact from the store;
    ``id``: the interaction id the tablet chose."""

    id: ClientId | None = None
    staff_id: Id
    kind: Literal["note", "visit", "contact", "ticket"]
    channel: Channel = Channel.STORE
    subject: Annotated[str, Field(max_length=200)] = ""
    body: Annotated[str, Field(max_length=5000)] = ""
    thread_id: Id | None = None
    status: Literal["open", "closed"] | None = None


class FeedbackIn(Command):
    """``POST /v1/feedback``: how easy a pickup, return or sale was, 1 (hard) to 5 (easy).

    ``id``: the id the tablet chose; it names the feedback and, when a customer is given,
    the feedback's interaction on their timeline too."""

    id: ClientId | None = None
    staff_id: Id
    subject: Literal["pickup", "return", "sale"]
    score: Annotated[int, Field(ge=1, le=5)]
    ref_id: Id | None = None
    customer_id: Id | None = None
    comment: Annotated[str, Field(max_length=1000)] = ""


def _customer_id_of(session: Session, code: str, now: datetime) -> str:
    try:
        scan = parse_scan(code)
    except ScanRejected as error:
        raise unprocessable(f"scan-{error.code.replace('_', '-')}", error.message) from error
    if isinstance(scan, LoyaltyCardScan):
        found = session.execute(
            select(m.Customer.id).where(m.Customer.card_number == scan.card_number)
        ).scalar_one_or_none()
        if found is None:
            raise not_found("customer", "No customer has this loyalty card.")
        return found
    if not isinstance(scan, SignedTokenScan) or scan.kind != TokenKind.LOYALTY:
        raise unprocessable(
            "not-a-loyalty-code", "This is not a loyalty code; scan the app's code or the card."
        )
    try:
        token = verify_token(scan.text, keys.verification_keys(session, include_devices=False), now)
    except TokenError as error:
        raise _token_problem(error) from error
    if token.customer_id is None:
        raise unprocessable("not-a-loyalty-code", "This loyalty code names no customer.")
    return token.customer_id


def _token_problem(error: TokenError) -> Problem:
    return unprocessable(f"token-{error.code.replace('_', '-')}", error.message)


def resolve_loyalty(
    session: Session, device: DeviceLike, cmd: ResolveIn, now: datetime
) -> Resolved:
    """Identify a customer by a loyalty token or card, or take the customer id the tablet
    already knows; record today's store visit and bonus.

    One visit is recorded per customer, store and local day (under the tablet's ``id`` when
    given); the visit bonus follows :func:`clerk.domain.loyalty.visit_bonus_due` (once a day,
    at any store). A ``customer_id`` is not re-checked against a token: the tablet verified
    the token when it was scanned, possibly minutes before it could send the command.
    """
    if (cmd.code is None) == (cmd.customer_id is None):
        raise unprocessable(
            "code-or-customer-id",
            "Send exactly one of code (a loyalty token or card number) and customer_id.",
        )
    start_use_case(session)
    check_staff(session, device, cmd.staff_id, SALES)
    if cmd.code is not None:
        customer_id = _customer_id_of(session, cmd.code.strip(), now)
    else:
        assert cmd.customer_id is not None
        customer_id = cmd.customer_id
    customer = lock_row(session, m.Customer, customer_id, "customer")
    store = store_of(session, device.store_id)
    zone = ZoneInfo(store.timezone)
    today = now.astimezone(zone).date()
    day_start = datetime.combine(today, time(0), tzinfo=zone)
    visit_id = session.execute(
        select(m.Interaction.id)
        .where(
            m.Interaction.customer_id == customer.id,
            m.Interaction.kind == InteractionKind.VISIT.value,
            m.Interaction.store_id == store.id,
            m.Interaction.created_at >= day_start,
            m.Interaction.created_at < day_start + timedelta(days=1),
        )
        .order_by(m.Interaction.created_at, m.Interaction.id)
        .limit(1)
    ).scalar_one_or_none()
    visit: m.Interaction | None = None
    if visit_id is None:
        visit = m.Interaction(
            id=choose_id(session, cmd.id, "interaction", m.Interaction),
            customer_id=customer.id,
            kind=InteractionKind.VISIT.value,
            channel=Channel.STORE.value,
            subject=f"Visit to {store.name}",
            body="",
            staff_id=cmd.staff_id,
            store_id=store.id,
            created_at=now,
        )
        add_new(session, visit, "interaction")
        touched(session).interactions.append(visit)
        visit_id = visit.id
    bonus = 0
    if visit_bonus_due(customer.last_visit_bonus_on, today):
        customer.last_visit_bonus_on = today
        bonus = VISIT_BONUS_POINTS
        move_points(
            session,
            customer,
            bonus,
            LoyaltyKind.BONUS,
            now=now,
            store_id=store.id,
            note=f"Store visit bonus, {store.name}",
        )
    session.flush()
    feed.ensure_in_slice(session, store.id, customer.id, now)
    touched(session).customers[customer.id] = customer
    publish_touched(session, now)
    return Resolved(customer, visit, visit_id, bonus)


def add_interaction(
    session: Session, device: DeviceLike, customer_id: str, cmd: InteractionIn, now: datetime
) -> m.Interaction:
    """Record a note, store visit, contact or support ticket on the customer's timeline."""
    start_use_case(session)
    check_staff(session, device, cmd.staff_id, SALES)
    customer = session.get(m.Customer, customer_id)
    if customer is None:
        raise not_found("customer")
    if cmd.thread_id is not None:
        thread = session.get(m.Interaction, cmd.thread_id)
        if thread is None or thread.customer_id != customer.id:
            raise unprocessable("unknown-thread", "No such conversation with this customer.")
    status = cmd.status
    if status is None and cmd.kind == InteractionKind.TICKET.value:
        status = "open"
    item = m.Interaction(
        id=choose_id(session, cmd.id, "interaction", m.Interaction),
        customer_id=customer.id,
        kind=cmd.kind,
        channel=str(cmd.channel),
        subject=cmd.subject,
        body=cmd.body,
        thread_id=cmd.thread_id,
        status=status,
        staff_id=cmd.staff_id,
        store_id=device.store_id,
        created_at=now,
    )
    add_new(session, item, "interaction")
    feed.ensure_in_slice(session, device.store_id, customer.id, now)
    touched(session).interactions.append(item)
    publish_touched(session, now)
    return item


def record_feedback(
    session: Session, device: DeviceLike, cmd: FeedbackIn, now: datetime
) -> tuple[m.Feedback, m.Interaction | None]:
    """Store an effort score; with a customer it also lands on their timeline."""
    start_use_case(session)
    check_staff(session, device, cmd.staff_id, COUNTER)
    customer = None
    if cmd.customer_id is not None:
        customer = session.get(m.Customer, cmd.customer_id)
        if customer is None:
            raise not_found("customer")
    # One client id names both rows (different tables), so the tablet knows the timeline
    # entry's id too.
    feedback_id = choose_id(session, cmd.id, "feedback", m.Feedback, m.Interaction)
    row = m.Feedback(
        id=feedback_id,
        store_id=device.store_id,
        staff_id=cmd.staff_id,
        subject=cmd.subject,
        ref_id=cmd.ref_id,
        score=cmd.score,
        created_at=now,
    )
    add_new(session, row, "feedback")
    item: m.Interaction | None = None
    if customer is not None:
        item = m.Interaction(
            id=feedback_id,
            customer_id=customer.id,
            kind=InteractionKind.FEEDBACK.value,
            channel=Channel.STORE.value,
            subject=f"{cmd.subject.capitalize()} feedback: {cmd.score}/5",
            body=cmd.comment,
            thread_id=None,
            status=None,
            staff_id=cmd.staff_id,
            store_id=device.store_id,
            created_at=now,
        )
        add_new(session, item, "interaction")
        touched(session).interactions.append(item)
    session.flush()
    publish_touched(session, now)
    return row, item
