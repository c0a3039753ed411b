"""Push: send the outbox's commands to central, each exactly once, in lane order.

Every command is its own little story, each step committed before the next:

1. ``mark_sending`` — so a crash while it is on the wire leaves a trace; at start-up
   ``recover_in_flight`` puts it back to pending and it is sent again with the same
   ``Idempotency-Key`` (central answers the repeat with the first answer).
2. ``send`` — the client retries transient failures itself.
3. In one unit: ``done`` + central's answer applied + the local edit settled; or, if central
   refused: ``attention`` with the problem, later commands of the same lane held, the local
   edit settled (so the tablet shows central's truth after the next pull) and an audit entry.
   A transient failure puts the command back to pending and ends the round.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from clerk.store import LocalStore, NewAuditEntry, OutboxCommand, OutboxStateError, StoreUnit
from clerk.sync.client import CentralClient, Reply
from clerk.sync.errors import CentralError, CentralRefused, FeedGone, Problem
from clerk.sync.events import AttentionAdded, DataChanged, SyncEvent

log = logging.getLogger(__name__)

# The members of a command's answer that are full states of cached entities.
ANSWER_ENTITIES = ("order", "return", "reservation", "interaction", "customer")
# Other members naming an entity's state: an exchange's new sale is an order.
ANSWER_ALIASES = {"exchange_order": "order"}
SENDABLE_BATCH = 50


class _Step(Enum):
    SENT = "sent"  # central answered (done or refused)
    SKIPPED = "skipped"  # not pending any more
    STOP = "stop"  # transient failure: end the round


@dataclass
class PushOutcome:
    """What one push round did; ``error`` is the transient failure that ended it, if any."""

    sent: int = 0
    refused: int = 0
    contacted: bool = False
    error: CentralError | None = None


def _entities(keys: Iterable[tuple[str, str]]) -> set[str]:
    return {entity for entity, _ in keys}


def _newer_known(unit: StoreUnit, entity: str, data: Mapping[str, Any]) -> bool:
    """An answer replayed late may be older than what the feed already brought: keep the
    newer state (entities with a ``version`` only)."""
    version = data.get("version")
    if not isinstance(version, int):
        return False
    known = unit.cache.base_version(entity, str(data["id"]))
    return known is not None and known > version


def apply_answer(unit: StoreUnit, body: Mapping[str, Any] | None) -> set[str]:
    """Write the entity states found in a command's answer to the cache."""
    touched: set[str] = set()
    for member in (*ANSWER_ENTITIES, *ANSWER_ALIASES):
        entity = ANSWER_ALIASES.get(member, member)
        data = (body or {}).get(member)
        if not isinstance(data, Mapping) or "id" not in data:
            continue
        if _newer_known(unit, entity, data):
            continue
        unit.cache.apply_entity(entity, data)
        touched.add(entity)
    return touched


class Pusher:
    """Sends sendable outbox commands until none is left or central cannot be reached."""

    def __init__(
        self,
        store: LocalStore,
        client: CentralClient,
        now: Callable[[], datetime],
        publish: Callable[[SyncEvent], None],
        stopping: threading.Event,
        device_id: str | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.now = now
        self.publish = publish
        self.stopping = stopping
        self.device_id = device_id

    def run(self) -> PushOutcome:
        """One push round."""
        outcome = PushOutcome()
        while not self.stopping.is_set():
            with self.store.unit() as unit:
                batch = unit.outbox.sendable(limit=SENDABLE_BATCH, device_id=self.device_id)
            if not batch:
                break
            progress = False
            for command in batch:
                if self.stopping.is_set():
                    break
                step = self._push_one(command, outcome)
                if step is _Step.STOP:
                    return outcome
                progress = progress or step is _Step.SENT
            if not progress:
                break  # nothing here could be taken: never spin on the same batch
        return outcome

    def _push_one(self, command: OutboxCommand, outcome: PushOutcome) -> _Step:
        """Send one command; STOP when the round must end (transient failure)."""
        try:
            with self.store.unit() as unit:
                unit.outbox.mark_sending(command.id, self.now())
        except OutboxStateError:
            # Held behind a refusal in this round, or taken by another sender on a shared
            # database: not ours to send now.
            return _Step.SKIPPED
        try:
            reply = self.client.send(
                command.method,
                command.path,
                command.body,
                idempotency_key=command.id,
                if_match=command.if_match,
            )
        except (CentralRefused, FeedGone) as refused:
            outcome.contacted = True
            assert refused.problem is not None
            outcome.refused += self._refused(command, refused.problem)
            return _Step.SENT
        except CentralError as exc:
            outcome.contacted = outcome.contacted or exc.status is not None
            outcome.error = exc
            self._retry_later(command, exc)
            return _Step.STOP
        except BaseException as exc:
            # A bug, or the thread is being torn down: never leave it "sending".
            self._retry_later(command, exc)
            raise
        outcome.contacted = True
        if self._done(command, reply):
            outcome.sent += 1
        return _Step.SENT

    def _retry_later(self, command: OutboxCommand, exc: BaseException) -> None:
        log.info("command %s (%s) will be retried: %s", command.id, command.kind, exc)
        try:
            with self.store.unit() as unit:
                unit.outbox.mark_retry_later(command.id, str(exc)[:500], self.now())
        except OutboxStateError as moved:
            log.warning("command %s changed meanwhile: %s", command.id, moved)

    def _done(self, command: OutboxCommand, reply: Reply) -> bool:
        try:
            with self.store.unit() as unit:
                unit.outbox.mark_done(command.id, reply.status, reply.body, self.now())
                touched = apply_answer(unit, reply.body)
                unit.cache.settle(command.touches)
        except OutboxStateError as moved:
            # Another sender on a shared database finished it (central answered both the same).
            log.warning("command %s changed meanwhile: %s", command.id, moved)
            return False
        touched |= _entities(command.touches)
        if touched:
            self.publish(DataChanged(frozenset(touched)))
        return True

    def _refused(self, command: OutboxCommand, problem: Problem) -> int:
        """Attention for the refused command and the lane behind it; returns how many."""
        now = self.now()
        log.warning(
            "central refused command %s (%s %s): %s %s",
            command.id,
            command.method,
            command.path,
            problem.status,
            problem.slug,
        )
        try:
            with self.store.unit() as unit:
                unit.outbox.mark_attention(command.id, problem.status, problem.to_dict(), now)
                held: list[OutboxCommand] = []
                if command.lane is not None:
                    held = unit.outbox.hold_lane_after_refusal(command.lane, command.id, now)
                keys = set(command.touches)
                for other in held:
                    keys.update(other.touches)
                unit.cache.settle(keys)
                unit.audit.record(_refusal_entry(command, problem, now, [c.id for c in held]))
                for other in held:
                    unit.audit.record(_held_entry(other, command, now))
        except OutboxStateError as moved:
            log.warning("command %s changed meanwhile: %s", command.id, moved)
            return 0
        self.publish(AttentionAdded(command.id, command.kind, problem))
        for other in held:
            held_problem = Problem.from_dict(other.problem or {"type": "blocked-by-refusal"})
            self.publish(AttentionAdded(other.id, other.kind, held_problem))
        if keys:
            self.publish(DataChanged(frozenset(_entities(keys))))
        return 1 + len(held)


def _refusal_entry(
    command: OutboxCommand, problem: Problem, now: datetime, held: list[str]
) -> NewAuditEntry:
    return NewAuditEntry(
        at=now,
        staff_id=command.staff_id,
        device_id=command.device_id,
        action="command_refused",
        target=(command.lane or command.path)[:120],
        detail={
            "kind": command.kind,
            "path": command.path,
            "status": problem.status,
            "problem": problem.to_dict(),
            "held": held,
        },
        result="refused",
        command_id=command.id,
    )


def _held_entry(command: OutboxCommand, refused: OutboxCommand, now: datetime) -> NewAuditEntry:
    return NewAuditEntry(
        at=now,
        staff_id=command.staff_id,
        device_id=command.device_id,
        action="command_held",
        target=(command.lane or command.path)[:120],
        detail={"kind": command.kind, "path": command.path, "behind": refused.id},
        result="held",
        command_id=command.id,
    )
