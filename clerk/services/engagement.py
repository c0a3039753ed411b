"""The customer at the counter: their store visit, notes on their timeline, revealing their
contact, and one-tap effort scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from clerk.domain.entities import Channel, Customer, Interaction, InteractionKind, LoyaltyKind
from clerk.domain.loyalty import VISIT_BONUS_POINTS
from clerk.services.context import Actor, ServiceContext
from clerk.services.effects import PointsMove, move_points, settings_of
from clerk.services.errors import InvalidRequest, NotFound
from clerk.services.outbox import Action, Key, Outcome, client_id, perform
from clerk.services.staff import ANYONE, SALES, require_staff
from clerk.store import NewAuditEntry, StoreUnit

__all__ = ["Contact", "Visit", "add_note", "record_feedback", "record_visit", "reveal_contact"]

NoteKind = Literal["note", "contact", "ticket"]
FeedbackSubject = Literal["pickup", "return", "sale"]

SUBJECT_MAX = 200
BODY_MAX = 5000
COMMENT_MAX = 1000


def _customer_here(unit: StoreUnit, customer_id: str) -> Customer:
    customer = unit.customers.get(customer_id)
    if customer is None:
        raise NotFound(
            "customer_not_found",
            "This customer is not on the tablet; find them by scan or search first.",
        )
    return customer


def add_note(
    ctx: ServiceContext,
    actor: Actor,
    customer_id: str,
    body: str,
    *,
    subject: str = "",
    kind: NoteKind = "note",
    note_id: str | None = None,
) -> Outcome[Interaction]:
    """Write a note (or a support contact or ticket) on the customer's timeline.

    Roles sales and manager. The note shows on the timeline at once, under the id central
    will keep (``note_id`` or a fresh one).
    """
    subject, body = subject.strip(), body.strip()
    if not subject and not body:
        raise InvalidRequest("empty_note", "Write something first: the note is empty.")
    if len(subject) > SUBJECT_MAX or len(body) > BODY_MAX:
        raise InvalidRequest(
            "note_too_long",
            f"A note may have {SUBJECT_MAX} characters of subject and {BODY_MAX} of text.",
        )
    if kind not in ("note", "contact", "ticket"):
        raise InvalidRequest("invalid_kind", f"{kind!r} is not a kind of note.")
    item_id = client_id(note_id)
    now = ctx.clock.now()
    item = Interaction(
        id=item_id,
        customer_id=customer_id,
        kind=InteractionKind(kind),
        channel=Channel.STORE,
        subject=subject,
        body=body,
        thread_id=None,
        status="open" if kind == "ticket" else None,
        staff_id=actor.staff_id,
        store_id=actor.store_id,
        created_at=now,
    )

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, SALES, "write notes on a customer")
        _customer_here(unit, customer_id)
        unit.cache.put_local("interaction", item.to_dict())
        return (("interaction", item.id),)

    payload: dict[str, object] = {"id": item_id, "staff_id": actor.staff_id, "kind": kind}
    if subject:
        payload["subject"] = subject
    if body:
        payload["body"] = body
    command = perform(
        ctx,
        actor,
        Action(
            kind="add_note",
            method="POST",
            path=f"/v1/customers/{customer_id}/interactions",
            body=payload,
            lane=None,
            target=f"customer:{customer_id}",
            effect=effect,
            audit_detail={"interaction_id": item_id, "kind": kind},
        ),
    )
    return Outcome(item, command)


def record_feedback(
    ctx: ServiceContext,
    actor: Actor,
    subject: FeedbackSubject,
    score: int,
    *,
    ref_id: str | None = None,
    customer_id: str | None = None,
    comment: str = "",
    feedback_id: str | None = None,
) -> Outcome[Interaction | None]:
    """Record how easy a pickup, return or sale was: ``score`` 1 (hard) to 5 (easy).

    Any role. With a customer the score also lands on their timeline (the interaction
    shares the feedback's id, as central does); without one nothing shows locally.
    """
    if subject not in ("pickup", "return", "sale"):
        raise InvalidRequest("invalid_subject", f"{subject!r} is not a pickup, return or sale.")
    if isinstance(score, bool) or not 1 <= score <= 5:
        raise InvalidRequest("invalid_score", "The score is 1 (hard) to 5 (easy).")
    if ref_id is not None and not 1 <= len(ref_id) <= 40:
        raise InvalidRequest(
            "invalid_reference", "The feedback names an order id of 1-40 characters."
        )
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidRequest(
            "comment_too_long", f"A comment may have {COMMENT_MAX} characters at most."
        )
    item_id = client_id(feedback_id)
    now = ctx.clock.now()
    item = (
        None
        if customer_id is None
        else Interaction(
            id=item_id,
            customer_id=customer_id,
            kind=InteractionKind.FEEDBACK,
            channel=Channel.STORE,
            subject=f"{subject.capitalize()} feedback: {score}/5",
            body=comment,
            thread_id=None,
            status=None,
            staff_id=actor.staff_id,
            store_id=actor.store_id,
            created_at=now,
        )
    )

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, ANYONE, "record feedback")
        if item is None:
            return ()
        _customer_here(unit, item.customer_id)
        unit.cache.put_local("interaction", item.to_dict())
        return (("interaction", item.id),)

    payload: dict[str, object] = {
        "id": item_id,
        "staff_id": actor.staff_id,
        "subject": subject,
        "score": score,
    }
    if ref_id is not None:
        payload["ref_id"] = ref_id
    if customer_id is not None:
        payload["customer_id"] = customer_id
    if comment:
        payload["comment"] = comment
    command = perform(
        ctx,
        actor,
        Action(
            kind="record_feedback",
            method="POST",
            path="/v1/feedback",
            body=payload,
            lane=None,
            target=f"{subject}:{ref_id}" if ref_id else subject,
            effect=effect,
            audit_detail={"feedback_id": item_id, "score": score},
        ),
    )
    return Outcome(item, command)


@dataclass(frozen=True)
class Visit:
    """Today's visit, as recorded: ``bonus_points`` the tablet expects central to award
    (central decides; the feed brings its answer)."""

    interaction_id: str
    bonus_points: int


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def record_visit(
    ctx: ServiceContext, actor: Actor, customer_id: str, *, visit_id: str | None = None
) -> Outcome[Visit] | None:
    """Record the customer's visit to this store today, with the once-a-day visit bonus.

    Roles sales and manager. None when the tablet already knows of a visit here today (one
    per customer, store and day). The visit and the bonus show at once when the customer is
    on the tablet; central applies the same rules (``POST /v1/loyalty/resolve``) and, if
    another tablet or store got there first, its answer wins. A customer known only by their
    signed code is recorded too: the command names them by id.
    """
    item_id = client_id(visit_id)
    now = ctx.clock.now()
    recorded: list[Visit] = []
    # Most scans are of a customer already seen today: a read, without the writer.
    with ctx.store.unit(read_only=True) as unit:
        if _visited_today(unit, customer_id, actor.store_id, now):
            return None

    def effect(unit: StoreUnit) -> tuple[Key, ...]:
        require_staff(unit, actor, SALES, "record a store visit")
        if _visited_today(unit, customer_id, actor.store_id, now):
            raise _AlreadyVisited()  # another op recorded it since the read above
        zone = ZoneInfo(settings_of(unit, actor.store_id).timezone)
        today = _local_day(now, zone)
        store = unit.stores.store(actor.store_id)
        name = store.name if store is not None else actor.store_id
        visit = Interaction(
            id=item_id,
            customer_id=customer_id,
            kind=InteractionKind.VISIT,
            channel=Channel.STORE,
            subject=f"Visit to {name}",
            body="",
            thread_id=None,
            status=None,
            staff_id=actor.staff_id,
            store_id=actor.store_id,
            created_at=now,
        )
        # Written even for a customer known only by their code, so that the next scan
        # finds today's visit and queues no second one.
        unit.cache.put_local("interaction", visit.to_dict())
        keys: list[Key] = [("interaction", item_id)]
        customer = unit.customers.get(customer_id)
        bonus = VISIT_BONUS_POINTS
        if customer is None or _bonus_today(unit, customer_id, today, zone):
            bonus = 0
        if customer is not None and bonus:
            move = PointsMove(bonus, LoyaltyKind.BONUS, f"Store visit bonus, {name}")
            keys += move_points(unit, customer, [move], store_id=actor.store_id, now=now)
        recorded.append(Visit(item_id, bonus))
        return tuple(keys)

    action = Action(
        kind="record_visit",
        method="POST",
        path="/v1/loyalty/resolve",
        body={"id": item_id, "staff_id": actor.staff_id, "customer_id": customer_id},
        lane=None,
        target=f"customer:{customer_id}",
        effect=effect,
        audit_detail={"interaction_id": item_id},
    )
    try:
        command = perform(ctx, actor, action)
    except _AlreadyVisited:
        return None
    return Outcome(recorded[0], command)


class _AlreadyVisited(Exception):
    """Today's visit is already on the tablet: nothing to write (not a refusal to audit)."""


def _visited_today(unit: StoreUnit, customer_id: str, store_id: str, now: datetime) -> bool:
    zone = ZoneInfo(settings_of(unit, store_id).timezone)
    today = _local_day(now, zone)
    return any(
        i.kind == InteractionKind.VISIT
        and i.store_id == store_id
        and _local_day(i.created_at, zone) == today
        for i in unit.customers.interactions(customer_id, limit=1000)
    )


def _bonus_today(unit: StoreUnit, customer_id: str, today: date, zone: ZoneInfo) -> bool:
    return any(
        t.kind == LoyaltyKind.BONUS and _local_day(t.created_at, zone) == today
        for t in unit.customers.loyalty(customer_id, limit=1000)
    )


@dataclass(frozen=True)
class Contact:
    """A customer's full contact details."""

    phone: str
    email: str


def reveal_contact(ctx: ServiceContext, actor: Actor, customer_id: str, why: str = "") -> Contact:
    """The customer's full phone and e-mail (roles sales, manager), audited as
    ``reveal_contact``: personal data is shown only when the task needs it."""
    now = ctx.clock.now()
    with ctx.store.unit() as unit:
        require_staff(unit, actor, SALES, "see a customer's contact details")
        customer = _customer_here(unit, customer_id)
        unit.audit.record(
            NewAuditEntry(
                at=now,
                staff_id=actor.staff_id,
                device_id=actor.device_id,
                action="reveal_contact",
                target=f"customer:{customer_id}",
                detail={"why": why.strip()[:200]} if why.strip() else {},
                result="done",
                command_id=None,
            )
        )
        return Contact(customer.phone, customer.email)
