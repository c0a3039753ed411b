"""SyncRunner: its own thread, a timer, on-demand rounds and a clean stop."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from clerk.store import LocalStore
from clerk.sync.events import SyncCompleted, SyncEvent
from clerk.sync.runner import SyncRunner
from tests.support.faults import FaultProxy, Seen
from tests.sync.conftest import LiveCentral
from tests.sync.rig import make_rig, ready_order_ids


class Rounds:
    """Counts SyncCompleted events and lets a test wait for the n-th."""

    def __init__(self) -> None:
        self.count = 0
        self._cond = threading.Condition()

    def __call__(self, event: SyncEvent) -> None:
        if isinstance(event, SyncCompleted):
            with self._cond:
                self.count += 1
                self._cond.notify_all()

    def wait_for(self, n: int, timeout: float = 10.0) -> None:
        with self._cond:
            assert self._cond.wait_for(lambda: self.count >= n, timeout), self.count


def test_runs_at_start_on_request_and_on_its_timer(
    local_store: LocalStore, live_central: LiveCentral
) -> None:
    rig = make_rig(local_store, live_central, live_central.client())
    rounds = Rounds()
    rig.engine.subscribe(rounds)
    runner = SyncRunner(rig.engine, interval=60)
    runner.start()
    try:
        rounds.wait_for(1)  # the first round runs at once
        command_id = rig.queue_collect(ready_order_ids(live_central)[0])
        runner.request_sync()  # what a service does after queueing
        rounds.wait_for(2)
        assert rig.command(command_id).state == "done"
    finally:
        runner.stop(timeout=5)
    assert not runner.running
    timed = SyncRunner(make_rig(local_store, live_central, live_central.client()).engine, 0.05)
    timed.start()
    deadline = time.monotonic() + 10
    while timed.rounds < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    timed.stop(timeout=5)
    assert timed.rounds >= 3 and not timed.running


def test_stop_ends_a_long_round_at_the_next_command(
    local_store: LocalStore, live_central: LiveCentral
) -> None:
    started = threading.Event()

    def plan(seen: Seen) -> str:
        if seen.method == "POST":
            started.set()
            return "late"  # every answer takes 0.3 s
        return "pass"

    proxy = FaultProxy(live_central.url, plan, late_delay=0.3)
    with proxy.running() as url:
        rig = make_rig(local_store, live_central, live_central.client(url))
        rig.engine.pull()
        commands = [rig.queue_collect(order_id) for order_id in ready_order_ids(live_central)]
        assert len(commands) >= 5
        runner = SyncRunner(rig.engine, interval=60)
        runner.start()
        assert started.wait(10)
        began = time.monotonic()
        runner.stop(timeout=5)
        assert time.monotonic() - began < 2 and not runner.running
    states = [rig.command(c).state for c in commands]
    assert "sending" not in states  # nothing left half-way
    assert states.count("done") >= 1 and states.count("pending") >= 1
    assert states == sorted(states, key=lambda s: s != "done")  # sent in order


class _Flaky:
    """An engine whose first round hits a bug."""

    def __init__(self) -> None:
        self.calls = 0

    def sync_once(self) -> Any:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("bug in a round")

    def request_stop(self) -> None:
        pass


def test_a_failing_round_is_logged_and_syncing_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    engine = _Flaky()
    runner = SyncRunner(engine, interval=60)  # type: ignore[arg-type]
    runner.start()
    deadline = time.monotonic() + 5
    while runner.rounds < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    runner.request_sync()
    while engine.calls < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    runner.stop()
    assert engine.calls >= 2
    assert "sync round failed" in caplog.text and "bug in a round" in caplog.text
    with pytest.raises(RuntimeError):
        runner.start()
