"""A tablet for the engine tests: a local store, a SyncEngine on a live central, and helpers
that do what the services will do (a local effect and an outbox command in one unit)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from clerk.central import models as m
from clerk.central.clock import FixedClock
from clerk.store import LocalStore, NewCommand
from clerk.sync.client import CentralClient, ChangePage
from clerk.sync.engine import SyncEngine
from clerk.sync.events import SyncEvent
from tests.sync.conftest import PICKUP_STAFF, LiveCentral

VERIFY = {"method": "pickup_token", "collected_by": "Jan Kowalski", "age_checked": True}


def ready_order_ids(live: LiveCentral) -> list[str]:
    """This store's pickup orders that are ready to collect, on central."""
    with live.session() as session:
        return list(
            session.scalars(
                select(m.Order.id)
                .where(m.Order.pickup_store_id == live.store_id, m.Order.status == "ready")
                .order_by(m.Order.id)
            )
        )


def collect_body() -> dict[str, Any]:
    return {"staff_id": PICKUP_STAFF, "verification": VERIFY}


@dataclass
class Recorder:
    """A subscriber that keeps every event."""

    events: list[SyncEvent] = field(default_factory=list)

    def __call__(self, event: SyncEvent) -> None:
        self.events.append(event)

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


@dataclass
class Rig:
    """A device: its local store, its engine and what the engine published."""

    store: LocalStore
    engine: SyncEngine
    live: LiveCentral
    clock: FixedClock
    events: Recorder

    def queue(
        self,
        kind: str,
        path: str,
        body: dict[str, Any],
        *,
        lane: str | None,
        edits: Sequence[tuple[str, dict[str, Any]]] = (),
        if_match: str | None = None,
    ) -> str:
        """What a service does: the local effect and the command, in one unit."""
        command_id = str(uuid.uuid4())
        with self.store.unit() as unit:
            for entity, data in edits:
                unit.cache.put_local(entity, data)
            unit.outbox.add(
                NewCommand(
                    id=command_id,
                    kind=kind,
                    method="POST",
                    path=path,
                    body=body,
                    lane=lane,
                    touches=tuple((entity, str(data["id"])) for entity, data in edits),
                    if_match=if_match,
                    staff_id=str(body.get("staff_id", PICKUP_STAFF)),
                    device_id=self.live.device_id,
                    created_at=self.clock.now(),
                )
            )
        return command_id

    def local(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        with self.store.unit() as unit:
            return unit.cache.get(entity, entity_id)

    def command(self, command_id: str) -> Any:
        with self.store.unit() as unit:
            return unit.outbox.get(command_id)

    def queue_collect(self, order_id: str, marker: str = "LOCAL EDIT") -> str:
        """Collect ``order_id`` at this desk: the order shows collected locally at once."""
        order = self.local("order", order_id)
        assert order is not None
        edited = {**order, "status": "collected"}
        edited["pickup"] = {**(order.get("pickup") or {}), "collected_by": marker}
        return self.queue(
            "release_pickup",
            f"/v1/orders/{order_id}/collect",
            collect_body(),
            lane=f"order:{order_id}",
            edits=[("order", edited)],
        )


def make_rig(store: LocalStore, live: LiveCentral, client: CentralClient, **kw: Any) -> Rig:
    clock = FixedClock(datetime.now(UTC))
    engine = SyncEngine(store, client, live.store_id, clock=clock, **kw)
    events = Recorder()
    engine.subscribe(events)
    return Rig(store, engine, live, clock, events)


def sync_directly(store: LocalStore, live: LiveCentral) -> None:
    """Bring ``store`` up to date with central without any proxy in between (a test's short
    read timeouts are for the answers it makes late, not for a whole pull on a busy machine)."""
    client = live.client()
    try:
        report = make_rig(store, live, client).engine.sync_once()
        assert report.error is None, report
    finally:
        client.close()


def central_feed(live: LiveCentral) -> ChangePage:
    client = live.client()
    try:
        return client.changes(live.store_id, 0, 100_000)
    finally:
        client.close()


def assert_cache_equals_feed(
    rig: Rig, page: ChangePage, skip: Collection[tuple[str, str]] = ()
) -> None:
    latest: dict[tuple[str, str], dict[str, Any] | None] = {}
    for change in page.changes:
        latest[(change["entity"], change["id"])] = (
            change["data"] if change["op"] == "upsert" else None
        )
    with rig.store.unit() as unit:
        for (entity, entity_id), data in latest.items():
            if (entity, entity_id) not in skip:
                assert unit.cache.get(entity, entity_id) == data, (entity, entity_id)
        assert unit.sync_state.cursor() == page.next_after


def central_order(live: LiveCentral, order_id: str) -> dict[str, Any]:
    client = live.client()
    try:
        body = client.order(order_id).body
    finally:
        client.close()
    assert body is not None
    return body
