"""The audit log: who did what, when, on which device, with which result. Append-only.

The database refuses UPDATE and DELETE on ``audit_log`` (triggers created by the migrations, on
SQLite and on PostgreSQL), so not even a bug in the app can rewrite history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, insert, select
from sqlalchemy.orm import Session

from clerk.store import models as m
from clerk.store.slice import dumps, loads

_AUDIT: Table = m.AuditRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True)
class NewAuditEntry:
    at: datetime
    staff_id: str | None
    device_id: str | None
    action: str
    target: str | None
    detail: dict[str, Any]
    result: str
    command_id: str | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    staff_id: str | None
    device_id: str | None
    action: str
    target: str | None
    detail: dict[str, Any]
    result: str
    command_id: str | None


class AuditRepo:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, entry: NewAuditEntry) -> int:
        """Append ``entry``; returns its id."""
        result = self._session.connection().execute(
            insert(_AUDIT)
            .values(
                at=entry.at,
                staff_id=entry.staff_id,
                device_id=entry.device_id,
                action=entry.action,
                target=entry.target,
                detail=dumps(entry.detail),
                result=entry.result,
                command_id=entry.command_id,
            )
            .returning(_AUDIT.c.id)
        )
        return int(result.scalar_one())

    def between(
        self, start: datetime, end: datetime, actions: Iterable[str] | None = None
    ) -> list[AuditEntry]:
        """Entries at [start, end), oldest first, optionally of some actions only."""
        stmt = (
            select(_AUDIT)
            .where(_AUDIT.c.at >= start, _AUDIT.c.at < end)
            .order_by(_AUDIT.c.at, _AUDIT.c.id)
        )
        if actions is not None:
            stmt = stmt.where(_AUDIT.c.action.in_(list(actions)))
        return [self._entry(row) for row in self._session.connection().execute(stmt)]

    def recent(
        self, limit: int = 100, staff_id: str | None = None, action: str | None = None
    ) -> list[AuditEntry]:
        """The newest entries first, optionally of one staff member or one action."""
        stmt = select(_AUDIT).order_by(_AUDIT.c.id.desc()).limit(limit)
        if staff_id is not None:
            stmt = stmt.where(_AUDIT.c.staff_id == staff_id)
        if action is not None:
            stmt = stmt.where(_AUDIT.c.action == action)
        return [self._entry(row) for row in self._session.connection().execute(stmt)]

    @staticmethod
    def _entry(row: Row[Any]) -> AuditEntry:
        return AuditEntry(
            id=row.id,
            at=row.at,
            staff_id=row.staff_id,
            device_id=row.device_id,
            action=row.action,
            target=row.target,
            detail=loads(row.detail),
            result=row.result,
            command_id=row.command_id,
        )
