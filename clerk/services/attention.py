"""Commands central refused: a clerk sends them again or gives them up, audited.

Central keeps every answer under its Idempotency-Key, refusals included, so a refused command
sent again under its own id would only get its refusal back. :func:`retry_attention` therefore
queues it again under a fresh id (the old one is closed as "retried"), together with the
commands held behind it on the same order or reservation, in their order. A command that was
never sent (held behind a refusal) keeps its id.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from clerk.services.context import Actor, ServiceContext
from clerk.services.errors import InvalidRequest, NotFound, WrongState
from clerk.services.staff import ANYONE, MANAGER, require_staff
from clerk.store import NewAuditEntry, NewCommand, OutboxCommand, StoreUnit

__all__ = ["BLOCKED_BY_REFUSAL", "discard_attention", "retry_attention"]

BLOCKED_BY_REFUSAL = "blocked-by-refusal"
REASON_MAX = 500


def _in_attention(unit: StoreUnit, command_id: str) -> OutboxCommand:
    command = unit.outbox.get(command_id)
    if command is None:
        raise NotFound("command_not_found", "There is no such action waiting on this tablet.")
    if command.state != "attention":
        raise WrongState(
            "not_in_attention", f"This action is {command.state}, not waiting for a decision."
        )
    return command


def _never_sent(command: OutboxCommand) -> bool:
    return (command.problem or {}).get("type") == BLOCKED_BY_REFUSAL


def _held_behind(unit: StoreUnit, command: OutboxCommand) -> list[OutboxCommand]:
    if command.lane is None:
        return []
    return [
        c
        for c in unit.outbox.attention()
        if c.lane == command.lane and c.position > command.position and _never_sent(c)
    ]


def _requeue(
    unit: StoreUnit, actor: Actor, old: OutboxCommand, if_match: str | None, now: datetime
) -> str:
    new_id = str(uuid.uuid4())
    unit.outbox.discard(old.id, actor.staff_id, f"retried as {new_id}", now)
    unit.outbox.add(
        NewCommand(
            id=new_id,
            kind=old.kind,
            method=old.method,
            path=old.path,
            body=old.body,
            lane=old.lane,
            touches=(),  # the refusal put central's state back on screen; its answer comes next
            if_match=if_match,
            staff_id=old.staff_id,
            device_id=old.device_id,
            created_at=old.created_at,
        )
    )
    return new_id


def _fresh_if_match(unit: StoreUnit, command: OutboxCommand) -> str | None:
    """Central's current version of the command's order or reservation (after the re-pull)."""
    if command.if_match is None or command.lane is None:
        return None
    entity, _, entity_id = command.lane.partition(":")
    if unit.cache.has_base(entity, entity_id):  # a newer local edit waits: chained, no version
        return None
    version = unit.cache.base_version(entity, entity_id)
    return None if version is None else f'"{version}"'


def retry_attention(ctx: ServiceContext, actor: Actor, command_id: str) -> list[str]:
    """Send a refused action again (any role), e.g. after the stock count was fixed.

    Returns the ids of the commands queued (the retried one first, then those held behind
    it). A command held behind a refusal that is still waiting stays behind it.
    """
    now = ctx.clock.now()
    with ctx.store.unit() as unit:
        require_staff(unit, actor, ANYONE, "retry refused actions")
        command = _in_attention(unit, command_id)
        if _never_sent(command):
            unit.outbox.retry(command.id, now)
            queued = [command.id]
        else:
            chain = _held_behind(unit, command)
            queued = [_requeue(unit, actor, command, _fresh_if_match(unit, command), now)]
            queued += [_requeue(unit, actor, held, None, now) for held in chain]
        unit.audit.record(
            NewAuditEntry(
                at=now,
                staff_id=actor.staff_id,
                device_id=actor.device_id,
                action="retry_attention",
                target=f"command:{command.id}",
                detail={"kind": command.kind, "path": command.path, "queued": queued},
                result="queued",
                command_id=command.id,
            )
        )
    ctx.on_command()
    return queued


def discard_attention(ctx: ServiceContext, actor: Actor, command_id: str, reason: str) -> None:
    """Give up a refused action for good (managers only), saying why; it stays on record.

    Central never applied it, so nothing is undone there; the tablet already shows central's
    state. Actions held behind it on the same order stay waiting for their own decision.
    """
    reason = reason.strip()
    if not reason:
        raise InvalidRequest("discard_reason_required", "Say why this action is given up.")
    if len(reason) > REASON_MAX:
        raise InvalidRequest("reason_too_long", f"Keep the reason under {REASON_MAX} characters.")
    now = ctx.clock.now()
    with ctx.store.unit() as unit:
        require_staff(unit, actor, MANAGER, "give up refused actions")
        command = _in_attention(unit, command_id)
        unit.outbox.discard(command.id, actor.staff_id, reason, now)
        unit.audit.record(
            NewAuditEntry(
                at=now,
                staff_id=actor.staff_id,
                device_id=actor.device_id,
                action="discard_attention",
                target=f"command:{command.id}",
                detail={
                    "kind": command.kind,
                    "path": command.path,
                    "reason": reason,
                    "problem": command.problem,
                },
                result="discarded",
                command_id=command.id,
            )
        )
    ctx.on_command()
