"""The sync engine on its own thread: a round every ``interval`` seconds and on request."""

from __future__ import annotations

import logging
import threading

from clerk.sync.engine import SyncEngine

log = logging.getLogger(__name__)


class SyncRunner:
    """Runs :meth:`SyncEngine.sync_once` on a daemon thread, on a timer and on demand.

    :meth:`request_sync` (e.g. right after a service queued a command) starts a round at once,
    or right after the running one; requests that arrive during a round are merged into one.
    :meth:`stop` ends the running round at its next command or page and joins the thread;
    an HTTP request already on the wire finishes within the client's timeouts.
    """

    def __init__(self, engine: SyncEngine, interval: float = 30.0) -> None:
        self.engine = engine
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.rounds = 0

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start the thread; the first round runs at once."""
        if self._thread is not None:
            raise RuntimeError("the sync runner was already started")
        self._thread = threading.Thread(target=self._run, name="clerk-sync", daemon=True)
        self._thread.start()

    def request_sync(self) -> None:
        """Run a round now (or as soon as the current one ends)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current command or page and wait up to ``timeout`` s for the thread."""
        self._stop.set()
        self.engine.request_stop()
        self._wake.set()
        thread = self._thread
        if thread is None:
            return
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the sync thread did not stop within %.1f s", timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.engine.sync_once()
            except Exception:
                # A bug in a round must not end syncing for good: log it, try again later.
                log.exception("sync round failed")
            self.rounds += 1
            self._wake.wait(self.interval)
