"""The outbox: commands for central, kept until central has answered them (or a clerk discards).

States: pending → sending → done; a refused command goes to attention (never silently dropped),
from where a clerk retries it (back to pending) or discards it. Commands of one ``lane`` (an
order, a reservation) are sent one after the other, in the order they were queued.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from clerk.store import models as m
from clerk.store.slice import dumps, loads

_OUTBOX: Table = m.OutboxRow.__table__  # type: ignore[assignment]
_TOUCHES: Table = m.OutboxTouch.__table__  # type: ignore[assignment]

PENDING = "pending"
SENDING = "sending"
DONE = "done"
ATTENTION = "attention"
DISCARDED = "discarded"
UNFINISHED = (PENDING, SENDING)
BLOCKING = (PENDING, SENDING, ATTENTION)
BLOCKED_BY_REFUSAL = "blocked-by-refusal"


class OutboxStateError(ValueError):
    """A command was asked to move in a way its state does not allow (a bug in the caller)."""


@dataclass(frozen=True)
class NewCommand:
    id: str  # uuid4 text; also the Idempotency-Key
    kind: str  # use case, e.g. "release_pickup"
    method: str
    path: str
    body: dict[str, Any]
    lane: str | None  # "order:O1": commands of one lane are sent in order
    touches: tuple[tuple[str, str], ...]  # (entity, id) rows the local effect edited
    if_match: str | None
    staff_id: str
    device_id: str
    created_at: datetime


@dataclass(frozen=True)
class OutboxCommand:
    id: str
    kind: str
    method: str
    path: str
    body: dict[str, Any]
    lane: str | None
    touches: tuple[tuple[str, str], ...]
    if_match: str | None
    staff_id: str
    device_id: str
    created_at: datetime
    position: int
    state: str
    attempts: int
    last_error: str | None
    status: int | None
    problem: dict[str, Any] | None
    answer: dict[str, Any] | None
    updated_at: datetime
    last_attempt_at: datetime | None = None
    discarded_by: str | None = None
    discard_reason: str | None = None

    @property
    def refusal_words(self) -> str:
        """Why central refused it, in central's words (empty: it did not)."""
        problem = self.problem or {}
        return str(problem.get("detail") or problem.get("title") or self.last_error or "")


@dataclass(frozen=True)
class OutboxCounts:
    pending: int
    sending: int
    attention: int
    done: int
    discarded: int


def unfinished_touch_keys(
    conn: Connection, among: Collection[tuple[str, str]] | None = None
) -> set[tuple[str, str]]:
    """Rows edited by commands still pending or sending (only those in ``among``, if given)."""
    stmt = (
        select(_TOUCHES.c.entity, _TOUCHES.c.entity_id)
        .join(_OUTBOX, _OUTBOX.c.id == _TOUCHES.c.command_id)
        .where(_OUTBOX.c.state.in_(UNFINISHED))
    )
    if among is None:
        return {(e, i) for e, i in conn.execute(stmt)}
    # A few keys: find their touches by key first, then which of those commands are unfinished
    # (two index lookups; a join lets the planner walk every pending command instead).
    by_command: dict[str, set[tuple[str, str]]] = {}
    for key in among:
        rows = conn.execute(
            select(_TOUCHES.c.command_id).where(
                _TOUCHES.c.entity == key[0], _TOUCHES.c.entity_id == key[1]
            )
        )
        for (command_id,) in rows:
            by_command.setdefault(command_id, set()).add(key)
    if not by_command:
        return set()
    unfinished = conn.execute(
        select(_OUTBOX.c.id).where(
            _OUTBOX.c.id.in_(list(by_command)), _OUTBOX.c.state.in_(UNFINISHED)
        )
    ).scalars()
    return {key for command_id in unfinished for key in by_command[command_id]}


class OutboxRepo:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _conn(self) -> Connection:
        return self._session.connection()

    def add(self, cmd: NewCommand) -> OutboxCommand:
        """Queue ``cmd`` as pending, after every command queued before it."""
        conn = self._conn
        conn.execute(
            insert(_OUTBOX).values(
                id=cmd.id,
                kind=cmd.kind,
                method=cmd.method,
                path=cmd.path,
                body=dumps(cmd.body),
                lane=cmd.lane,
                if_match=cmd.if_match,
                staff_id=cmd.staff_id,
                device_id=cmd.device_id,
                created_at=cmd.created_at,
                state=PENDING,
                attempts=0,
                updated_at=cmd.created_at,
            )
        )
        touches = list(dict.fromkeys(cmd.touches))
        if touches:
            conn.execute(
                insert(_TOUCHES),
                [{"command_id": cmd.id, "entity": e, "entity_id": i} for e, i in touches],
            )
        return self._require(cmd.id)

    def get(self, command_id: str) -> OutboxCommand | None:
        row = self._conn.execute(select(_OUTBOX).where(_OUTBOX.c.id == command_id)).first()
        return None if row is None else self._command(row)

    def sendable(self, limit: int = 50, *, device_id: str | None = None) -> list[OutboxCommand]:
        """Pending commands, oldest first, none behind an unfinished or refused one of its lane
        (whichever device queued that one). With ``device_id``, only that device's commands:
        on a database shared by tablets each sends its own, under its own idempotency scope."""
        earlier = _OUTBOX.alias("earlier")
        blocked = (
            select(earlier.c.position)
            .where(
                earlier.c.lane == _OUTBOX.c.lane,
                earlier.c.position < _OUTBOX.c.position,
                earlier.c.state.in_(BLOCKING),
            )
            .exists()
        )
        stmt = (
            select(_OUTBOX)
            .where(_OUTBOX.c.state == PENDING, or_(_OUTBOX.c.lane.is_(None), ~blocked))
            .order_by(_OUTBOX.c.position)
            .limit(limit)
        )
        if device_id is not None:
            stmt = stmt.where(_OUTBOX.c.device_id == device_id)
        return [self._command(row) for row in self._conn.execute(stmt)]

    def mark_sending(self, command_id: str, now: datetime) -> None:
        self._move(command_id, (PENDING,), SENDING, now, last_attempt_at=now)

    def mark_done(
        self, command_id: str, status: int, answer: dict[str, Any] | None, now: datetime
    ) -> None:
        answer_text = None if answer is None else dumps(answer)
        self._move(
            command_id, UNFINISHED, DONE, now, status=status, answer=answer_text, last_error=None
        )

    def mark_attention(
        self, command_id: str, status: int, problem: dict[str, Any], now: datetime
    ) -> None:
        """Central refused the command: it waits for a clerk, with central's problem detail."""
        self._move(command_id, UNFINISHED, ATTENTION, now, status=status, problem=dumps(problem))

    def hold_lane_after_refusal(
        self, lane: str, refused_id: str, now: datetime
    ) -> list[OutboxCommand]:
        """Later pending commands of ``lane`` go to attention too: they built on the refused one."""
        refused = self._require(refused_id)
        ids = (
            self._conn.execute(
                select(_OUTBOX.c.id)
                .where(
                    _OUTBOX.c.lane == lane,
                    _OUTBOX.c.position > refused.position,
                    _OUTBOX.c.state == PENDING,
                )
                .order_by(_OUTBOX.c.position)
            )
            .scalars()
            .all()
        )
        problem = {
            "type": BLOCKED_BY_REFUSAL,
            "title": "Not sent: an earlier command on the same item was refused",
            "detail": (
                f"Command {refused.id} ({refused.kind}) on {lane} was refused by central; "
                "this one was queued after it and was not sent."
            ),
            "refused_id": refused.id,
        }
        for command_id in ids:
            self._move(command_id, (PENDING,), ATTENTION, now, status=None, problem=dumps(problem))
        return [self._require(command_id) for command_id in ids]

    def mark_retry_later(self, command_id: str, error: str, now: datetime) -> None:
        """A transient failure: pending again (same Idempotency-Key), one more attempt counted."""
        self._move(
            command_id, UNFINISHED, PENDING, now, last_error=error, attempts=_OUTBOX.c.attempts + 1
        )

    def recover_in_flight(self, now: datetime, *, device_id: str | None = None) -> int:
        """At start-up: commands left sending by a crash go back to pending (same key: safe).
        With ``device_id``, only that device's: another tablet's may be on the wire right now."""
        stmt = update(_OUTBOX).where(_OUTBOX.c.state == SENDING)
        if device_id is not None:
            stmt = stmt.where(_OUTBOX.c.device_id == device_id)
        result = self._conn.execute(stmt.values(state=PENDING, updated_at=now))
        return int(result.rowcount)

    def prune_finished(self, before: datetime) -> int:
        """Forget done and discarded commands last moved before ``before`` (their answers
        too); returns how many. The audit log keeps what happened: it is not touched."""
        finished = select(_OUTBOX.c.id).where(
            _OUTBOX.c.state.in_((DONE, DISCARDED)), _OUTBOX.c.updated_at < before
        )
        self._conn.execute(delete(_TOUCHES).where(_TOUCHES.c.command_id.in_(finished)))
        result = self._conn.execute(
            delete(_OUTBOX).where(
                _OUTBOX.c.state.in_((DONE, DISCARDED)), _OUTBOX.c.updated_at < before
            )
        )
        return int(result.rowcount)

    def retry(self, command_id: str, now: datetime) -> None:
        """A clerk fixed what central refused: send it again."""
        self._move(command_id, (ATTENTION,), PENDING, now, status=None, problem=None)

    def discard(self, command_id: str, staff_id: str, reason: str, now: datetime) -> None:
        """A clerk gave up on a refused command; it stays in the outbox as discarded."""
        self._move(
            command_id, (ATTENTION,), DISCARDED, now, discarded_by=staff_id, discard_reason=reason
        )

    def counts(self) -> OutboxCounts:
        stmt = select(_OUTBOX.c.state, func.count()).group_by(_OUTBOX.c.state)
        found: dict[str, int] = {state: count for state, count in self._conn.execute(stmt)}
        return OutboxCounts(
            pending=found.get(PENDING, 0),
            sending=found.get(SENDING, 0),
            attention=found.get(ATTENTION, 0),
            done=found.get(DONE, 0),
            discarded=found.get(DISCARDED, 0),
        )

    def attention(self) -> list[OutboxCommand]:
        """Commands waiting for a clerk, oldest first."""
        stmt = select(_OUTBOX).where(_OUTBOX.c.state == ATTENTION).order_by(_OUTBOX.c.position)
        return [self._command(row) for row in self._conn.execute(stmt)]

    def unfinished(self) -> list[OutboxCommand]:
        """Commands pending or sending, oldest first."""
        stmt = select(_OUTBOX).where(_OUTBOX.c.state.in_(UNFINISHED)).order_by(_OUTBOX.c.position)
        return [self._command(row) for row in self._conn.execute(stmt)]

    def unfinished_touches(self) -> set[tuple[str, str]]:
        return unfinished_touch_keys(self._conn)

    def touches_of(self, command_id: str) -> list[tuple[str, str]]:
        stmt = (
            select(_TOUCHES.c.entity, _TOUCHES.c.entity_id)
            .where(_TOUCHES.c.command_id == command_id)
            .order_by(_TOUCHES.c.entity, _TOUCHES.c.entity_id)
        )
        return [(e, i) for e, i in self._conn.execute(stmt)]

    # -- helpers -----------------------------------------------------------------------------

    def _require(self, command_id: str) -> OutboxCommand:
        command = self.get(command_id)
        if command is None:
            raise KeyError(f"no outbox command {command_id}")
        return command

    def _move(
        self,
        command_id: str,
        sources: Collection[str],
        target: str,
        now: datetime,
        **values: Any,
    ) -> None:
        result = self._conn.execute(
            update(_OUTBOX)
            .where(and_(_OUTBOX.c.id == command_id, _OUTBOX.c.state.in_(list(sources))))
            .values(state=target, updated_at=now, **values)
        )
        if result.rowcount != 1:
            current = self.get(command_id)
            if current is None:
                raise KeyError(f"no outbox command {command_id}")
            raise OutboxStateError(
                f"command {command_id} is {current.state}; cannot move it to {target}"
            )

    def _command(self, row: Row[Any]) -> OutboxCommand:
        return OutboxCommand(
            id=row.id,
            kind=row.kind,
            method=row.method,
            path=row.path,
            body=loads(row.body),
            lane=row.lane,
            touches=tuple(self.touches_of(row.id)),
            if_match=row.if_match,
            staff_id=row.staff_id,
            device_id=row.device_id,
            created_at=row.created_at,
            position=row.position,
            state=row.state,
            attempts=row.attempts,
            last_error=row.last_error,
            status=row.status,
            problem=None if row.problem is None else loads(row.problem),
            answer=None if row.answer is None else loads(row.answer),
            updated_at=row.updated_at,
            last_attempt_at=row.last_attempt_at,
            discarded_by=row.discarded_by,
            discard_reason=row.discard_reason,
        )
