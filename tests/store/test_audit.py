"""The audit log: who did what; the database refuses to change or delete entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from clerk.store import LocalStore, NewAuditEntry
from tests.store.feed import NOW


def entry(action: str, staff_id: str | None = "STF-1", minutes: int = 0) -> NewAuditEntry:
    return NewAuditEntry(
        at=NOW + timedelta(minutes=minutes),
        staff_id=staff_id,
        device_id="dev-1",
        action=action,
        target="order:O1",
        detail={"lines": 2, "note": "zażółć"},
        result="queued",
        command_id="cmd-1",
    )


def test_record_and_read_back_newest_first(local_store: LocalStore) -> None:
    with local_store.unit() as unit:
        first = unit.audit.record(entry("sign_in", minutes=0))
        unit.audit.record(entry("release_pickup", minutes=1))
        unit.audit.record(entry("release_pickup", staff_id="STF-2", minutes=2))
        unit.audit.record(entry("command_refused", staff_id=None, minutes=3))
    with local_store.unit(read_only=True) as unit:
        everything = unit.audit.recent(10)
        assert [e.action for e in unit.audit.recent(2)] == ["command_refused", "release_pickup"]
        assert [e.staff_id for e in unit.audit.recent(10, action="release_pickup")] == [
            "STF-2",
            "STF-1",
        ]
        assert [e.action for e in unit.audit.recent(10, staff_id="STF-1")] == [
            "release_pickup",
            "sign_in",
        ]
    assert len(everything) == 4
    oldest = everything[-1]
    assert oldest.id == first and oldest.at == NOW and oldest.detail == entry("x").detail
    assert (oldest.device_id, oldest.target, oldest.result, oldest.command_id) == (
        "dev-1",
        "order:O1",
        "queued",
        "cmd-1",
    )


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET result = 'forged'", "DELETE FROM audit_log"]
)
def test_entries_cannot_be_changed_or_deleted(local_store: LocalStore, statement: str) -> None:
    with local_store.unit() as unit:
        unit.audit.record(entry("sign_in"))
    with pytest.raises(DBAPIError, match="append-only"), local_store.engine.begin() as conn:
        conn.execute(text(statement))
    with local_store.unit() as unit:
        assert [e.result for e in unit.audit.recent(5)] == ["queued"]
