"""Shared fixtures of the GUI tests: a filled local store, the bridge, a signed-in session.

The store is WAW-01's slice as the change feed fills it (``tests.services.world``), with real
Argon2id hashes of known PINs (:data:`PINS`), so PIN checks run as on a tablet. Screens get
:class:`~clerk.ui.session.AppServices` from :func:`gui_world`'s ``services_as(staff_id)``;
the sync engine is stood in for by an :class:`~clerk.sync.events.EventHub` behind a real
:class:`~clerk.ui.bridge.SyncBridge`, so a test publishes the engine's events itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot

from clerk.central.seed_catalog import demo_pin_hash
from clerk.domain.entities import Role, Staff
from clerk.services.signin import PinGate
from clerk.store import LocalStore
from clerk.sync.events import EventHub, SyncEvent
from clerk.ui.bridge import ServiceBridge, SyncBridge
from clerk.ui.session import AppServices, SignedInStaff, StaffSession
from tests.services.world import STORE, Tablet, tablet_on

# The world's staff and their PINs: anna sales, piotr pickup, maria manager (WAW-01), ola an
# inactive sales clerk, krk-boss a manager of another store.
PINS = {"anna": "1111", "piotr": "2222", "maria": "3333", "ola": "4444", "krk-boss": "5555"}
ROLES = {
    "anna": Role.SALES,
    "piotr": Role.PICKUP,
    "maria": Role.MANAGER,
    "ola": Role.SALES,
    "krk-boss": Role.MANAGER,
}


def staff_with_pin(
    staff_id: str, role: Role, pin: str, *, stores: tuple[str, ...] = (STORE,), active: bool = True
) -> Staff:
    """A staff member as the feed brings them, with a real hash of ``pin``."""
    return Staff(
        staff_id, staff_id.capitalize(), role, list(stores), demo_pin_hash(staff_id, pin), active
    )


def put_pins(tablet: Tablet) -> None:
    """The world's staff again, with real Argon2id hashes of :data:`PINS`."""
    for staff_id, pin in PINS.items():
        stores = ("KRK-01",) if staff_id == "krk-boss" else (STORE,)
        tablet.put(
            "staff",
            staff_with_pin(staff_id, ROLES[staff_id], pin, stores=stores, active=staff_id != "ola"),
        )


@pytest.fixture
def tablet(local_store: LocalStore) -> Iterator[Tablet]:
    """WAW-01's slice (tests.services.world) with PINs the staff can type."""
    for tablet in tablet_on(local_store):
        put_pins(tablet)
        yield tablet


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[ServiceBridge]:
    """The service bridge, closed (running ops finished) after the test."""
    bridge = ServiceBridge()
    yield bridge
    bridge.close()


@pytest.fixture
def pin_gate(tablet: Tablet) -> PinGate:
    """The tablet's PIN gate (sign-in and manager overrides, with the lockout)."""
    return PinGate(tablet.ctx)


@dataclass
class GuiWorld:
    """What screens are given, over the seeded tablet; the engine is a hub the test drives."""

    tablet: Tablet
    bridge: ServiceBridge
    pins: PinGate
    hub: EventHub
    sync: SyncBridge
    sync_requests: list[int] = field(default_factory=list)

    def services_as(self, staff_id: str | None) -> AppServices:
        """AppServices with ``staff_id`` signed in (None: nobody)."""
        session = StaffSession(self.tablet.ctx)
        if staff_id is not None:
            with self.tablet.store.unit(read_only=True) as unit:
                member = unit.staff.get(staff_id)
            assert member is not None, f"no staff member {staff_id} in the world"
            session.sign_in(SignedInStaff(member.id, member.name, Role(member.role)))
        return AppServices(
            ctx=self.tablet.ctx,
            bridge=self.bridge,
            session=session,
            sync=self.sync,
            request_sync=lambda: self.sync_requests.append(1),
        )

    def publish(self, event: SyncEvent) -> None:
        """What the sync engine would publish (delivered on the UI thread, queued)."""
        self.hub.publish(event)


@pytest.fixture
def gui_world(tablet: Tablet, bridge: ServiceBridge, pin_gate: PinGate) -> Iterator[GuiWorld]:
    """The seeded tablet, its bridge and PIN gate, and a stand-in sync engine."""
    hub = EventHub()
    sync = SyncBridge(hub.subscribe)
    yield GuiWorld(tablet, bridge, pin_gate, hub, sync)
    sync.close()


def settle(qtbot: QtBot, bridge: ServiceBridge, timeout: int = 5000) -> None:
    """Wait until the bridge ran every op (and the ops those started)."""
    qtbot.waitUntil(lambda: not bridge.busy, timeout=timeout)
