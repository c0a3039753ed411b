"""SyncEngine: connectivity states and events, a revoked device, and customer profiles
fetched on demand (cached, served offline, purged)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clerk.central import models as m
from clerk.store import LocalStore, NewAuditEntry
from clerk.sync.client import CentralClient
from clerk.sync.engine import SyncEngine
from clerk.sync.events import (
    Connectivity,
    ConnectivityChanged,
    EnrollmentRequired,
    SyncCompleted,
    SyncEvent,
)
from tests.support.faults import Answer, FaultProxy, ScriptedServer
from tests.support.outsiders import add_outsider
from tests.sync.conftest import LiveCentral
from tests.sync.rig import Recorder, Rig, make_rig, ready_order_ids

# -- connectivity and events ----------------------------------------------------------------


def test_offline_degraded_and_back_online(
    local_store: LocalStore, live_central: LiveCentral
) -> None:
    mode = {"fate": "pass"}
    proxy = FaultProxy(live_central.url, lambda seen: mode["fate"])
    with proxy.running() as url:
        rig = make_rig(local_store, live_central, live_central.client(url, retries=1))
        assert rig.engine.connectivity == Connectivity.OFFLINE  # not in touch yet
        assert rig.engine.sync_once().connectivity == Connectivity.ONLINE
        command_id = rig.queue_collect(ready_order_ids(live_central)[0])
        mode["fate"] = "hangup"
        offline = rig.engine.sync_once()
        assert offline.connectivity == Connectivity.OFFLINE and offline.error
        mode["fate"] = "502"
        degraded = rig.engine.sync_once()
        assert degraded.connectivity == Connectivity.DEGRADED
        assert rig.engine.connectivity_detail == "central answers 502"
        assert rig.command(command_id).attempts == 2
        mode["fate"] = "pass"
        assert rig.engine.sync_once().pushed == 1
    changes = [(e.state, e.detail) for e in rig.events.of(ConnectivityChanged)]
    assert changes == [
        (Connectivity.ONLINE, ""),
        (Connectivity.OFFLINE, "no connection to central"),
        (Connectivity.DEGRADED, "central answers 502"),
        (Connectivity.ONLINE, ""),
    ]


def test_a_revoked_device_is_reported_not_raised(
    local_store: LocalStore, live_central: LiveCentral
) -> None:
    rig = make_rig(local_store, live_central, live_central.client())
    rig.engine.sync_once()
    command_id = rig.queue_collect(ready_order_ids(live_central)[0])
    with live_central.session() as session:
        device = session.get(m.Device, live_central.device_id)
        assert device is not None
        device.revoked_at = datetime.now(UTC)
        session.commit()
    report = rig.engine.sync_once()
    assert report.connectivity == Connectivity.DEGRADED
    assert rig.engine.connectivity_detail == "device not authorized: enroll again"
    assert len(rig.events.of(EnrollmentRequired)) == 1
    assert rig.command(command_id).state == "pending"
    rig.engine.sync_once()
    assert len(rig.events.of(EnrollmentRequired)) == 1  # said once, not every round


def test_a_failing_subscriber_is_logged_and_the_others_still_hear(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: SyncEvent) -> None:
        raise RuntimeError("subscriber bug")

    later = Recorder()
    rig.engine.subscribe(broken)
    unsubscribe = rig.engine.subscribe(later)
    report = rig.engine.sync_once()
    assert report.connectivity == Connectivity.ONLINE
    assert later.of(SyncCompleted) and "subscriber bug" in caplog.text
    unsubscribe()
    rig.engine.sync_once()
    assert len(later.of(SyncCompleted)) == 1


# -- customers outside the slice -------------------------------------------------------------


def test_a_fetched_profile_is_cached_served_offline_and_purged(
    local_store: LocalStore, live_central: LiveCentral
) -> None:
    outsider = add_outsider(live_central.engine).id
    mode = {"fate": "pass"}
    proxy = FaultProxy(live_central.url, lambda seen: mode["fate"])
    with proxy.running() as url:
        rig = make_rig(local_store, live_central, live_central.client(url, retries=0))
        bundle = rig.engine.fetch_customer(outsider)
        assert bundle is not None and bundle["customer"]["id"] == outsider
        assert rig.local("customer", outsider) == bundle["customer"]
        assert rig.engine.fetch_customer("NO-SUCH-CUSTOMER") is None
        mode["fate"] = "hangup"
        rig.clock.advance(timedelta(days=20))
        assert rig.engine.fetch_customer(outsider) == bundle  # served from the cache
        assert rig.engine.connectivity == Connectivity.OFFLINE
        rig.clock.advance(timedelta(days=29))
        assert rig.engine.purge_profiles() == 0  # served 29 days ago: kept
        rig.clock.advance(timedelta(days=2))
        assert rig.engine.purge_profiles() >= 1
        assert rig.engine.fetch_customer(outsider) is None
        assert rig.local("customer", outsider) is None


def test_finished_commands_leave_the_outbox_after_30_days_and_stay_in_the_audit(
    rig: Rig,
) -> None:
    rig.engine.sync_once()
    command_id = rig.queue_collect(ready_order_ids(rig.live)[0])
    with rig.store.unit() as unit:
        unit.audit.record(
            NewAuditEntry(
                at=rig.clock.now(),
                staff_id="STF-1",
                device_id=rig.live.device_id,
                action="release_pickup",
                target=None,
                detail={},
                result="queued",
                command_id=command_id,
            )
        )
    assert rig.engine.sync_once().pushed == 1
    rig.clock.advance(timedelta(days=29))
    assert rig.engine.prune_outbox() == 0
    assert rig.command(command_id).state == "done"
    rig.clock.advance(timedelta(days=2))
    rig.engine.sync_once()  # housekeeping runs with the round
    assert rig.command(command_id) is None
    with rig.store.unit() as unit:
        assert [e.command_id for e in unit.audit.recent(action="release_pickup")] == [command_id]


def test_a_screen_read_tries_central_twice_then_answers_offline(local_store: LocalStore) -> None:
    """A clerk waits on it: one retry, then the cache or "unreachable" — not the back-off a
    sync round may spend."""
    server = ScriptedServer([], then=Answer(503))
    with server.running() as url:
        client = CentralClient(url, "token", retries=4, sleep=lambda _s: None)
        engine = SyncEngine(local_store, client, "WAW-01")
        found = engine.lookup_customer("CUS-ANY")
        assert (found.bundle, found.source, found.reached) == (None, "none", False)
        assert len(server.seen) == 2
        assert engine.search_customers("nowak") is None and len(server.seen) == 4
        assert engine.fetch_order("ORD-1") is None and len(server.seen) == 6
        client.close()
