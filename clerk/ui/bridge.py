"""The one way screens run work off the UI thread, and hear the sync engine.

:class:`ServiceBridge` runs callables on worker threads and brings their results back to the
UI thread by signal: writes (service use cases) go through one worker, so the local database
has one writer at a time; reads go through a small pool of their own.  A screen writes::

    bridge.op(release_pickup, ctx, actor, order_id).success(self._released).run()

and never touches a thread.  Workers return plain data; only the UI thread touches widgets.

:class:`SyncBridge` turns the sync engine's plain events (published on its thread) into Qt
signals delivered on the UI thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from clerk.domain.errors import DomainError
from clerk.sync.errors import CentralError
from clerk.sync.events import (
    AttentionAdded,
    ConnectivityChanged,
    DataChanged,
    EnrollmentRequired,
    PendingChanged,
    SyncCompleted,
    SyncEvent,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# Errors a clerk can act on; anything else is a bug: logged with its traceback.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (DomainError, CentralError)


class Op(Generic[T]):
    """One call to run in the background, with what to do with its result or error."""

    def __init__(self, bridge: ServiceBridge, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._bridge = bridge
        self._fn = fn
        self._args = args
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._read = False

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        """Call ``callback(result)`` on the UI thread when the call returns."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        """Call ``callback(error)`` on the UI thread when the call raises (default: the
        bridge's ``failed`` signal, which the main window shows)."""
        self._failure = callback
        return self

    def read_only(self) -> Op[T]:
        """Run on the reader pool: the call only reads, so it need not wait for writes."""
        self._read = True
        return self

    def run(self) -> None:
        """Start the call."""
        self._bridge._submit(self)


class ServiceBridge(QObject):
    """Runs service calls on worker threads; results come back on the UI thread.

    ``failed(error)`` carries errors of ops without a failure callback; ``busyChanged(bool)``
    says whether any op is running (screens may show a spinner, tests wait on it).
    """

    failed = Signal(object)
    busyChanged = Signal(bool)
    _done = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clerk-writer")
        self._readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="clerk-reader")
        self._ids = itertools.count(1)
        self._running: dict[int, Op[Any]] = {}
        self._closed = False
        # Emitted from worker threads; the queued connection runs the slot on this object's
        # (the UI) thread.
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def op(self, fn: Callable[..., T], *args: Any) -> Op[T]:
        """An op calling ``fn(*args)``; chain ``.success()``/``.failure()``, then ``.run()``."""
        return Op(self, fn, args)

    @property
    def busy(self) -> bool:
        """Whether an op is running or waiting for its turn."""
        return bool(self._running)

    def _submit(self, op: Op[Any]) -> None:
        if self._closed:
            log.warning("an op was started after the bridge closed; it is dropped")
            return
        op_id = next(self._ids)
        was_idle = not self._running
        self._running[op_id] = op
        pool = self._readers if op._read else self._writer
        future: Future[Any] = pool.submit(op._fn, *op._args)
        future.add_done_callback(lambda f: self._finished(op_id, f))
        if was_idle:
            self.busyChanged.emit(True)

    def _finished(self, op_id: int, future: Future[Any]) -> None:
        # On the worker thread: hand the plain result over, touch nothing else.
        error = future.exception()
        if error is None:
            self._done.emit(op_id, True, future.result())
        else:
            self._done.emit(op_id, False, error)

    @Slot(int, bool, object)
    def _deliver(self, op_id: int, ok: bool, payload: object) -> None:
        op = self._running.pop(op_id, None)
        if op is None:
            return
        try:
            if ok:
                if op._success is not None:
                    op._success(payload)
            else:
                assert isinstance(payload, BaseException)
                if not isinstance(payload, EXPECTED_ERRORS):
                    log.error(
                        "a background call failed",
                        exc_info=(type(payload), payload, payload.__traceback__),
                    )
                if op._failure is not None:
                    op._failure(payload)
                else:
                    self.failed.emit(payload)
        finally:
            if not self._running:
                self.busyChanged.emit(False)

    def close(self, wait: bool = True) -> None:
        """Refuse new ops and wait for the running ones (the app is closing)."""
        self._closed = True
        self._writer.shutdown(wait=wait)
        self._readers.shutdown(wait=wait)


class SerialRead(Generic[T]):
    """A screen's read of what it shows, one at a time: asked again while a read runs, it
    reads once more when that one ends (so the last change is always read, never twice at
    once).  ``start()`` makes the op (read on the reader pool); ``done`` and ``failed`` get
    its answer on the UI thread."""

    def __init__(
        self,
        start: Callable[[], Op[T]],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self._start = start
        self._done = done
        self._failed = failed
        self._running = False
        self._again = False

    def request(self) -> None:
        """Read now, or once more after the read that is running."""
        if self._running:
            self._again = True
            return
        self._running = True
        self._start().read_only().success(self._answered).failure(self._refused).run()

    def _answered(self, result: T) -> None:
        self._running = False
        again, self._again = self._again, False
        self._done(result)
        if again:
            self.request()

    def _refused(self, error: BaseException) -> None:
        self._running = False
        self._again = False
        self._failed(error)


class SyncBridge(QObject):
    """The sync engine's events as Qt signals on the UI thread.

    ``subscribe`` is given the engine's subscribe function; the engine calls back on its own
    thread and the signals, emitted there, reach UI-thread receivers queued.
    """

    connectivityChanged = Signal(str, str)  # state ("online"/"offline"/"degraded"), detail
    pendingChanged = Signal(int, int)  # pending, attention
    attentionAdded = Signal(str)  # command id
    dataChanged = Signal(object)  # frozenset of entity names
    syncCompleted = Signal(object)  # the completion time (aware datetime)
    enrollmentRequired = Signal(str)  # detail
    _event = Signal(object)

    def __init__(
        self,
        subscribe: Callable[[Callable[[SyncEvent], None]], Callable[[], None]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._event.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = subscribe(self._event.emit)

    def close(self) -> None:
        """Stop listening to the engine."""
        self._unsubscribe()

    @Slot(object)
    def _dispatch(self, event: SyncEvent) -> None:
        if isinstance(event, ConnectivityChanged):
            self.connectivityChanged.emit(event.state.value, event.detail)
        elif isinstance(event, PendingChanged):
            self.pendingChanged.emit(event.pending, event.attention)
        elif isinstance(event, AttentionAdded):
            self.attentionAdded.emit(event.command_id)
        elif isinstance(event, DataChanged):
            self.dataChanged.emit(event.entities)
        elif isinstance(event, SyncCompleted):
            self.syncCompleted.emit(event.at)
        elif isinstance(event, EnrollmentRequired):
            self.enrollmentRequired.emit(event.detail)
