"""The one way to run work off the UI thread: results and errors come back on the UI thread,
writes run one at a time, and the sync engine's events arrive as signals."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QObject, QThread, Signal
from pytestqt.qtbot import QtBot

from clerk.domain.errors import DomainError
from clerk.sync.errors import Problem
from clerk.sync.events import (
    AttentionAdded,
    Connectivity,
    ConnectivityChanged,
    DataChanged,
    EnrollmentRequired,
    EventHub,
    PendingChanged,
    SyncCompleted,
)
from clerk.ui.bridge import SerialRead, ServiceBridge, SyncBridge


def on_ui_thread() -> bool:
    return QThread.currentThread() is QObject().thread()


def test_results_and_errors_come_back_on_the_ui_thread(qtbot: QtBot, bridge: ServiceBridge) -> None:
    worker_threads: list[str] = []
    seen: list[tuple[str, object, bool]] = []

    def work(x: int) -> int:
        worker_threads.append(threading.current_thread().name)
        return x * 2

    def refuse() -> None:
        raise DomainError("nope", "Not today.")

    bridge.op(work, 21).success(lambda r: seen.append(("ok", r, on_ui_thread()))).run()
    bridge.op(refuse).failure(lambda e: seen.append(("err", e, on_ui_thread()))).run()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[0] == ("ok", 42, True)
    assert seen[1][0] == "err" and isinstance(seen[1][1], DomainError) and seen[1][2]
    assert worker_threads == ["clerk-writer_0"]


def test_an_error_without_a_handler_reaches_the_failed_signal(
    qtbot: QtBot, bridge: ServiceBridge
) -> None:
    def refuse() -> None:
        raise DomainError("nope", "Not today.")

    with qtbot.waitSignal(bridge.failed) as blocker:
        bridge.op(refuse).run()
    assert isinstance(blocker.args[0], DomainError)


def test_writes_run_one_at_a_time_and_in_order(qtbot: QtBot, bridge: ServiceBridge) -> None:
    running = 0
    most = 0
    order: list[int] = []
    lock = threading.Lock()

    def write(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        order.append(n)
        return n

    done: list[int] = []
    for n in range(10):
        bridge.op(write, n).success(done.append).run()
    qtbot.waitUntil(lambda: len(done) == 10)
    assert most == 1 and order == list(range(10)) and done == list(range(10))
    assert not bridge.busy


def test_reads_do_not_wait_for_a_slow_write(qtbot: QtBot, bridge: ServiceBridge) -> None:
    release = threading.Event()
    answers: list[str] = []
    bridge.op(release.wait, 5).success(lambda _: answers.append("write")).run()
    bridge.op(lambda: "read").read_only().success(answers.append).run()
    qtbot.waitUntil(lambda: answers == ["read"])
    release.set()
    qtbot.waitUntil(lambda: answers == ["read", "write"])


def test_sync_events_become_signals_on_the_ui_thread(qtbot: QtBot) -> None:
    hub = EventHub()
    sync = SyncBridge(hub.subscribe)
    now = datetime.now(UTC)
    got: list[tuple[str, tuple[object, ...], bool]] = []

    def record(name: str) -> Callable[..., None]:
        return lambda *args: got.append((name, args, on_ui_thread()))

    sync.connectivityChanged.connect(record("connectivity"))
    sync.pendingChanged.connect(record("pending"))
    sync.attentionAdded.connect(record("attention"))
    sync.dataChanged.connect(record("data"))
    sync.syncCompleted.connect(record("completed"))
    sync.enrollmentRequired.connect(record("enroll"))
    events = [
        ConnectivityChanged(Connectivity.OFFLINE, "no network", now),
        PendingChanged(3, 1),
        AttentionAdded("cmd-1", "release", Problem("about:blank", "Conflict", 409, "taken")),
        DataChanged(frozenset({"staff"})),
        SyncCompleted(now, 1, 2),
        EnrollmentRequired("revoked", now),
    ]
    thread = threading.Thread(target=lambda: [hub.publish(e) for e in events])
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(got) == 6)
    assert [g[0] for g in got] == [
        "connectivity",
        "pending",
        "attention",
        "data",
        "completed",
        "enroll",
    ]
    assert got[0][1] == ("offline", "no network") and got[1][1] == (3, 1)
    assert all(on_ui for _, _, on_ui in got)
    sync.close()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from Python 3.12")
def test_signals_keep_python_alive(qtbot: QtBot) -> None:
    """PySide6 6.12.0 lost a reference to True per emission; 3.11 then aborts (bool_dealloc)."""

    class Emitter(QObject):
        ping = Signal(int)

    emitter = Emitter()
    emitter.ping.connect(lambda _n: None)
    before = sys.getrefcount(True)
    for n in range(2000):
        emitter.ping.emit(n)
    assert sys.getrefcount(True) >= before - 50


def test_a_serial_read_runs_one_at_a_time_and_reads_once_more_after(
    qtbot: QtBot, bridge: ServiceBridge
) -> None:
    release = threading.Event()
    reads: list[int] = []
    answers: list[int] = []

    def read() -> int:
        reads.append(len(reads) + 1)
        release.wait(5)
        return len(reads)

    serial = SerialRead(lambda: bridge.op(read), answers.append, lambda error: None)
    for _ in range(3):  # asked three times while the first read runs
        serial.request()
    qtbot.waitUntil(lambda: len(reads) == 1)
    release.set()
    qtbot.waitUntil(lambda: len(answers) == 2)
    qtbot.wait(50)
    assert reads == [1, 2]  # the requests meanwhile made one more read, not three
    assert answers == [1, 2]
    qtbot.waitUntil(lambda: not bridge.busy)
