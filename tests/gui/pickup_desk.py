"""A pickup desk tablet on a live central, for the release tests: enrolled the way the app
enrolls, its slice pulled, its engine driven by the test (``engine.sync_once()``), the
pickup clerk signed in, and the engine's events reaching the screens through a real
:class:`~clerk.ui.bridge.SyncBridge`. Two desks on one central make the second-tablet
conflict."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clerk.central import models as m
from clerk.domain.entities import Role
from clerk.services import ServiceContext, SystemClock
from clerk.services.credentials import FileVault
from clerk.services.enrollment import enroll_device
from clerk.services.pickup_queue import PickupDetail, pickup_detail, pickup_queue
from clerk.store import LocalStore
from clerk.sync.client import CentralClient
from clerk.sync.engine import SyncEngine
from clerk.ui.bridge import ServiceBridge, SyncBridge
from clerk.ui.session import AppServices, SignedInStaff, StaffSession
from tests.gui.app_rig import PICKUP, enrollment_code
from tests.sync.conftest import LiveCentral, no_sleep


@dataclass
class Desk:
    """One tablet: its services (as the screens get them), engine and bridge."""

    services: AppServices
    engine: SyncEngine
    bridge: ServiceBridge

    @property
    def ctx(self) -> ServiceContext:
        return self.services.ctx

    def detail(self, order_id: str) -> PickupDetail:
        return pickup_detail(self.ctx, order_id)

    def commands(self, kind: str) -> list[Any]:
        with self.ctx.store.unit(read_only=True) as unit:
            return [
                c for c in (*unit.outbox.unfinished(), *unit.outbox.attention()) if c.kind == kind
            ]


@contextmanager
def pickup_desk(
    central: LiveCentral, store: LocalStore, folder: Path, *, via: str | None = None
) -> Iterator[Desk]:
    """A tablet on ``store`` enrolled to ``central`` (talking to it through ``via``, e.g. a
    fault proxy), synced once, with the pickup clerk signed in."""
    folder.mkdir(parents=True, exist_ok=True)
    vault = FileVault(folder / "device-secrets.json")
    identity = enroll_device(store, vault, central.url, enrollment_code(central), "pickup-desk")
    secrets = vault.load(identity.device_id)
    assert secrets is not None
    client = CentralClient(via or central.url, secrets.token, sleep=no_sleep, retries=1)
    engine = SyncEngine(store, client, identity.store_id)
    bridge = ServiceBridge()
    sync = SyncBridge(engine.subscribe)
    try:
        assert engine.sync_once().error is None
        ctx = ServiceContext(store, identity.device_id, identity.store_id, SystemClock())
        session = StaffSession(ctx)
        with store.unit(read_only=True) as unit:
            member = unit.staff.get(PICKUP[0])
        assert member is not None
        session.sign_in(SignedInStaff(member.id, member.name, Role.PICKUP))
        services = AppServices(
            ctx=ctx, bridge=bridge, session=session, sync=sync, receipt_key=secrets.private_key
        )
        yield Desk(services, engine, bridge)
    finally:
        bridge.close()
        sync.close()
        client.close()


def plain_ready_order(desk: Desk) -> PickupDetail:
    """A ready order on the desk's shelf of a customer on the tablet, nothing 18+ in it."""
    queue = pickup_queue(desk.ctx)
    for entry in (*queue.ready, *queue.expiring):
        detail = desk.detail(entry.order_id)
        if detail.customer is not None and not detail.age_restricted:
            return detail
    raise AssertionError("the demo central has no plain ready order here")


def central_stock(central: LiveCentral, skus: list[str]) -> dict[str, tuple[int, int]]:
    """On hand and held of ``skus`` in the store, as central counts them."""
    with central.session() as session:
        rows = session.execute(
            select(m.Inventory.sku, m.Inventory.on_hand, m.Inventory.held).where(
                m.Inventory.store_id == central.store_id, m.Inventory.sku.in_(skus)
            )
        ).all()
    return {sku: (on_hand, held) for sku, on_hand, held in rows}


def central_order(central: LiveCentral, order_id: str) -> dict[str, Any]:
    """The order as central answers it."""
    client = central.client()
    try:
        body = client.order(order_id).body
    finally:
        client.close()
    assert body is not None
    return dict(body)
