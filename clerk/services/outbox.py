"""The only way a use case writes: local effect, outbox command and audit entry, together.

:func:`perform` runs an :class:`Action` in ONE store unit: the action's ``effect`` validates
against the local state and writes what central is expected to do (so the screens show the
result at once), then the command for central is queued — its uuid4 id is also its
``Idempotency-Key``, so the sync engine may send it as often as the network needs — and an
audit entry records who did it. A crash anywhere before the commit leaves none of the three;
after it, all three. Central's answer later replaces the local effect.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from clerk.domain.errors import DomainError
from clerk.services.context import Actor, ServiceContext
from clerk.services.errors import InvalidRequest
from clerk.store import NewAuditEntry, NewCommand, OutboxCommand, StoreUnit

__all__ = [
    "Action",
    "Key",
    "Outcome",
    "client_id",
    "lane_of",
    "perform",
    "record_refusal",
]

Key = tuple[str, str]
Effect = Callable[[StoreUnit], tuple[Key, ...]]
T = TypeVar("T")


@dataclass(frozen=True)
class Action:
    """One use case's change: the local effect and the command that makes it true centrally.

    ``effect(unit)`` checks the local state (raising domain errors) and writes the local
    effect with ``unit.cache.put_local``; it returns the (entity, id) keys it wrote.
    ``lane`` orders commands on one order or reservation ("order:O1"); ``if_match_of`` names
    the entity whose server version goes in ``If-Match`` — left out when an unfinished
    command of the same lane exists (then there is no fresh version to name). The effect may
    complete ``body`` and ``audit_detail`` with what it found in the store (a cart's lines,
    the amount refunded): both are read after it ran.
    """

    kind: str
    method: str
    path: str
    body: dict[str, Any]
    lane: str | None
    target: str | None
    effect: Effect
    audit_detail: dict[str, Any] = field(default_factory=dict)
    if_match_of: Key | None = None


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a use case did: its local result (e.g. the order as the tablet now shows it)
    and the queued command."""

    value: T
    command: OutboxCommand


# Central's pattern for ids a client chooses (clerk.central.ops.common.CLIENT_ID_PATTERN).
_CLIENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{7,39}")


def client_id(requested: str | None = None) -> str:
    """The id of a row this tablet creates (a sale, return, note): ``requested`` if it fits
    central's pattern, else a fresh uuid4 hex. Central keeps it, so local and central agree."""
    if requested is None:
        return uuid.uuid4().hex
    if not _CLIENT_ID.fullmatch(requested):
        raise InvalidRequest(
            "invalid_id", f"{requested!r} cannot be an id: use 8-40 letters, digits, _ or -."
        )
    return requested


def lane_of(entity: str, entity_id: str) -> str:
    """The lane of commands on one entity: they reach central in the order they were made."""
    return f"{entity}:{entity_id}"


def _if_match(unit: StoreUnit, action: Action) -> str | None:
    if action.if_match_of is None:
        return None
    # A local edit still waiting for central (its base is kept while an unfinished command
    # touches the row) will move the version: name none, the lane keeps the order.
    if unit.cache.has_base(*action.if_match_of):
        return None
    version = unit.cache.base_version(*action.if_match_of)
    return None if version is None else f'"{version}"'


def perform(ctx: ServiceContext, actor: Actor, action: Action) -> OutboxCommand:
    """Run ``action``: local effect, outbox command and audit entry in one transaction.

    A domain refusal leaves no effect and no command; it is audited (result "refused")
    and raised again for the clerk. (Use cases check the shape of their arguments — an empty
    note, a quantity of 0 — before this, without an audit entry: those are form errors, not
    attempts.) ``ctx.on_command()`` runs after the commit.
    """
    now = ctx.clock.now()
    command_id = str(uuid.uuid4())
    try:
        with ctx.store.unit() as unit:
            if_match = _if_match(unit, action)
            touches = tuple(dict.fromkeys(action.effect(unit)))
            command = unit.outbox.add(
                NewCommand(
                    id=command_id,
                    kind=action.kind,
                    method=action.method,
                    path=action.path,
                    body=action.body,
                    lane=action.lane,
                    touches=touches,
                    if_match=if_match,
                    staff_id=actor.staff_id,
                    device_id=actor.device_id,
                    created_at=now,
                )
            )
            unit.audit.record(
                NewAuditEntry(
                    at=now,
                    staff_id=actor.staff_id,
                    device_id=actor.device_id,
                    action=action.kind,
                    target=action.target,
                    detail=dict(action.audit_detail),
                    result="queued",
                    command_id=command_id,
                )
            )
    except DomainError as refusal:
        record_refusal(ctx, actor, action.kind, action.target, refusal)
        raise
    ctx.on_command()
    return command


def record_refusal(
    ctx: ServiceContext, actor: Actor, kind: str, target: str | None, refusal: DomainError
) -> None:
    """Audit an action the tablet refused (nothing else is written)."""
    with ctx.store.unit() as unit:
        unit.audit.record(
            NewAuditEntry(
                at=ctx.clock.now(),
                staff_id=actor.staff_id,
                device_id=actor.device_id,
                action=kind,
                target=target,
                detail={"code": refusal.code, "message": refusal.message},
                result="refused",
                command_id=None,
            )
        )
