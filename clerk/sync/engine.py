"""The sync engine: push the outbox, pull the change feed, keep the connectivity state.

One round (:meth:`SyncEngine.sync_once`) pushes every sendable command (see
:mod:`clerk.sync.push`), then pulls the feed (see :mod:`clerk.sync.pull`) — which also brings
central's truth back after a refused command.  Failures to reach central never escape a round:
they become the connectivity state (offline when nothing answers, degraded when central
answers with errors or refuses the device token) and events; the commands wait in the outbox.

The engine knows nothing of threads beyond its own locks: :class:`~clerk.sync.runner.SyncRunner`
runs it on a thread, and the app may call :meth:`SyncEngine.fetch_customer` from its worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Protocol, TypeVar

from clerk.store import LocalStore
from clerk.sync.client import CentralClient
from clerk.sync.errors import (
    CentralBusy,
    CentralError,
    CentralRefused,
    CentralUnavailable,
    DeviceNotAuthorized,
)
from clerk.sync.events import (
    Connectivity,
    ConnectivityChanged,
    EnrollmentRequired,
    EventHub,
    PendingChanged,
    SyncCompleted,
    SyncEvent,
)
from clerk.sync.pull import Puller
from clerk.sync.push import Pusher

log = logging.getLogger(__name__)

PURGE_EVERY = timedelta(hours=1)
T = TypeVar("T")
# A clerk waits on a screen read from central: one retry, then the cache or "offline" (the
# sync rounds retry with back-off on their own).
SCREEN_ATTEMPTS = 2


class Clock(Protocol):
    """Something that tells the current time as an aware datetime."""

    def now(self) -> datetime:
        """The current moment."""
        ...


class SystemClock:
    """The wall clock (aware UTC)."""

    def now(self) -> datetime:
        """The current moment."""
        return datetime.now(UTC)


@dataclass(frozen=True)
class SyncReport:
    """What one sync round did and how central could be reached."""

    at: datetime
    pushed: int
    refused: int
    pulled: int
    connectivity: Connectivity
    error: str | None = None


def _failure_state(exc: CentralError) -> tuple[Connectivity, str]:
    """The connectivity state and its (stable, short) reason for a failure."""
    if isinstance(exc, DeviceNotAuthorized):
        return Connectivity.DEGRADED, "device not authorized: enroll again"
    if isinstance(exc, CentralBusy):
        return Connectivity.DEGRADED, "central is still busy with an earlier request"
    if exc.status is None:
        return Connectivity.OFFLINE, "no connection to central"
    return Connectivity.DEGRADED, f"central answers {exc.status}"


@dataclass(frozen=True)
class ProfileLookup:
    """A customer's profile bundle and where it came from (:meth:`SyncEngine.lookup_customer`)."""

    bundle: dict[str, Any] | None
    source: Literal["central", "cache", "none"]
    reached: bool


@dataclass(frozen=True)
class OrderLookup:
    """Central's answer about an order: the order and its returns (None: unknown, or central
    could not be reached — ``reached`` tells which)."""

    order: dict[str, Any] | None
    returns: list[dict[str, Any]]
    reached: bool


class SyncEngine:
    """Keeps the local store and central in step for one store's tablet."""

    def __init__(
        self,
        store: LocalStore,
        client: CentralClient,
        store_id: str,
        *,
        clock: Clock | None = None,
        batch_size: int = 5000,
        profile_retention: timedelta = timedelta(days=30),
        outbox_retention: timedelta = timedelta(days=30),
        device_id: str | None = None,
    ) -> None:
        self.store = store
        # On a database shared by a store's tablets, each engine sends and recovers only its
        # own device's commands (central keeps idempotency keys per device). None: all of them.
        self.device_id = device_id
        self.client = client
        self.store_id = store_id
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.profile_retention = profile_retention
        self.outbox_retention = outbox_retention
        self._hub = EventHub()
        self._stopping = threading.Event()
        self._sync_lock = threading.RLock()
        self._state_lock = threading.Lock()
        self._connectivity = Connectivity.OFFLINE
        self._detail = "not in touch with central yet"
        self._counts: tuple[int, int] | None = None
        self._recovered = False
        self._last_purge: datetime | None = None
        self._pusher = Pusher(
            store, client, self.clock.now, self._hub.publish, self._stopping, device_id
        )
        self._puller = Puller(
            store, client, store_id, batch_size, self._hub.publish, self._stopping
        )

    # -- state and events -----------------------------------------------------------------

    @property
    def connectivity(self) -> Connectivity:
        """Online, offline or degraded, as of the last exchange with central."""
        return self._connectivity

    @property
    def connectivity_detail(self) -> str:
        """Why the state is what it is (empty when online)."""
        return self._detail

    def subscribe(self, callback: Callable[[SyncEvent], None]) -> Callable[[], None]:
        """Receive every event (on the engine's thread); returns the unsubscribe function."""
        return self._hub.subscribe(callback)

    def request_stop(self) -> None:
        """Make a running round end at the next command or page (the runner's stop)."""
        self._stopping.set()

    def _set_state(self, state: Connectivity, detail: str) -> None:
        with self._state_lock:
            if (state, detail) == (self._connectivity, self._detail):
                return
            self._connectivity, self._detail = state, detail
        log.info("connectivity: %s %s", state, detail)
        self._hub.publish(ConnectivityChanged(state, detail, self.clock.now()))

    def _note_failure(self, exc: CentralError) -> None:
        state, detail = _failure_state(exc)
        if isinstance(exc, DeviceNotAuthorized) and self._detail != detail:
            self._hub.publish(EnrollmentRequired(str(exc), self.clock.now()))
        log.info("central: %s", exc)
        self._set_state(state, detail)

    def _note_online(self) -> None:
        self._set_state(Connectivity.ONLINE, "")

    def publish_pending(self) -> None:
        """Publish the outbox counts if they changed since the last time."""
        with self.store.unit() as unit:
            counts = unit.outbox.counts()
        now = (counts.pending + counts.sending, counts.attention)
        with self._state_lock:
            if now == self._counts:
                return
            self._counts = now
        self._hub.publish(PendingChanged(*now))

    # -- the work -------------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """One round: push, then pull.  Never raises for central's failures (see the state)."""
        with self._sync_lock:
            self._recover_in_flight()
            pushed = self._pusher.run()
            error: CentralError | None = pushed.error
            pulled, pulled_ok = 0, False
            # Nothing answers, or the token is refused: pulling now could only fail the same way.
            hopeless = error is not None and (
                error.status is None or isinstance(error, DeviceNotAuthorized)
            )
            if not hopeless and not self._stopping.is_set():
                try:
                    pulled, pulled_ok = self._puller.pull(), True
                except CentralError as exc:
                    error = error or exc
            if error is not None:
                self._note_failure(error)
            elif pushed.contacted or pulled_ok:
                self._note_online()
            self._purge_now_and_then()
            self.publish_pending()
            at = self.clock.now()
            self._hub.publish(SyncCompleted(at, pushed.sent, pulled))
            return SyncReport(
                at=at,
                pushed=pushed.sent,
                refused=pushed.refused,
                pulled=pulled,
                connectivity=self._connectivity,
                error=None if error is None else str(error),
            )

    def push(self) -> int:
        """Push sendable commands; returns how many central accepted.  Raises the
        :class:`CentralError` that ended the round, if any (the command waits in the outbox)."""
        with self._sync_lock:
            self._recover_in_flight()
            outcome = self._pusher.run()
            if outcome.error is not None:
                self._note_failure(outcome.error)
                raise outcome.error
            if outcome.contacted:
                self._note_online()
            self.publish_pending()
            return outcome.sent

    def pull(self) -> int:
        """Pull the change feed after the stored cursor (a full re-sync after a 410)."""
        return self._guarded(self._puller.pull)

    def full_resync(self) -> int:
        """Pull the whole slice again from zero, keeping pending and attention commands."""
        return self._guarded(self._puller.full_resync)

    def _guarded(self, work: Callable[[], int]) -> int:
        with self._sync_lock:
            try:
                count = work()
            except CentralError as exc:
                self._note_failure(exc)
                raise
            self._note_online()
            return count

    def _recover_in_flight(self) -> None:
        """Once per engine: commands left "sending" by a crash go back to pending (they are
        sent again with the same Idempotency-Key, so central applies them at most once)."""
        if self._recovered:
            return
        with self.store.unit() as unit:
            recovered = unit.outbox.recover_in_flight(self.clock.now(), device_id=self.device_id)
        if recovered:
            log.info("%d command(s) were in flight at the last stop; sending them again", recovered)
        self._recovered = True

    # -- customers outside the slice --------------------------------------------------------

    def fetch_customer(self, customer_id: str) -> dict[str, Any] | None:
        """The customer's profile bundle from central, cached for ``profile_retention``;
        when central cannot be reached, the cached bundle (or None).  None for an unknown
        customer."""
        return self.lookup_customer(customer_id).bundle

    def lookup_customer(self, customer_id: str) -> ProfileLookup:
        """Like :meth:`fetch_customer`, saying where the answer came from: central (fresh and
        now cached), the cache (central unreachable), or nowhere (``reached`` tells whether
        central said it does not know the customer, or could not be asked)."""
        now = self.clock.now()
        bundle, reached = self._ask(
            lambda: self.client.profile(customer_id, attempts=SCREEN_ATTEMPTS)
        )
        if bundle is not None:
            with self.store.unit() as unit:
                unit.profiles.put(customer_id, bundle, now)
            return ProfileLookup(bundle, "central", reached=True)
        if reached:
            return ProfileLookup(None, "none", reached=True)
        with self.store.unit() as unit:
            cached = unit.profiles.get(customer_id, now)
        if cached is None:
            return ProfileLookup(None, "none", reached=False)
        return ProfileLookup(dict(cached), "cache", reached=False)

    def peek_profile(self, customer_id: str) -> dict[str, Any] | None:
        """Central's profile bundle of a customer the tablet holds anyway (for what only
        central knows, such as other stores' stock of their cart), not cached; None when
        central does not know them or cannot be reached."""
        return self._ask(lambda: self.client.profile(customer_id, attempts=SCREEN_ATTEMPTS))[0]

    def fetch_order(self, order_id: str) -> dict[str, Any] | None:
        """Any order of any channel from central; None when central does not know it or
        cannot be reached (the clerk is told which by the connectivity state)."""
        reply, _reached = self._ask(lambda: self.client.order(order_id, attempts=SCREEN_ATTEMPTS))
        return reply.body if reply is not None else None

    def lookup_order(
        self, *, order_id: str | None = None, number: str | None = None
    ) -> OrderLookup:
        """An order of any channel, by id or printed number, with the returns made of it, from
        central (for a return here); ``reached`` says whether central answered at all."""

        def ask() -> tuple[dict[str, Any], list[dict[str, Any]]]:
            if order_id is not None:
                reply = self.client.order(order_id, attempts=SCREEN_ATTEMPTS)
            else:
                reply = self.client.order_by_number(number or "", attempts=SCREEN_ATTEMPTS)
            order = dict(reply.body or {})
            returns = self.client.order_returns(str(order["id"]), attempts=SCREEN_ATTEMPTS)
            return order, returns

        found, reached = self._ask(ask)
        if found is None:
            return OrderLookup(None, [], reached)
        return OrderLookup(found[0], found[1], True)

    def search_customers(self, query: str, limit: int = 20) -> list[dict[str, Any]] | None:
        """Central's customer search; None when central cannot be reached."""
        return self._ask(
            lambda: self.client.search_customers(query, limit, attempts=SCREEN_ATTEMPTS)
        )[0]

    def lookup_store_credit(self, code: str) -> tuple[dict[str, Any] | None, bool]:
        """A store-credit code's balance from central (None: unknown code, or no answer) and
        whether central was reached."""
        return self._ask(lambda: self.client.store_credit(code, attempts=SCREEN_ATTEMPTS))

    def _ask(self, call: Callable[[], T]) -> tuple[T | None, bool]:
        """One read from central for a screen: its answer (None for a 404 or no answer) and
        whether central was reached; a failure to reach it updates the connectivity state."""
        try:
            answer = call()
        except CentralRefused as refused:
            if refused.status == 404:
                self._note_online()
                return None, True
            raise
        except (CentralUnavailable, DeviceNotAuthorized) as exc:
            self._note_failure(exc)
            return None, False
        self._note_online()
        return answer, True

    def purge_profiles(self) -> int:
        """Drop cached profiles not served within ``profile_retention``; returns how many."""
        now = self.clock.now()
        with self.store.unit() as unit:
            purged = int(unit.profiles.purge(now - self.profile_retention))
        self._last_purge = now
        if purged:
            log.info("purged %d cached customer profile(s)", purged)
        return purged

    def prune_outbox(self) -> int:
        """Forget commands done or discarded more than ``outbox_retention`` ago (the audit
        log keeps them); returns how many."""
        with self.store.unit() as unit:
            pruned = unit.outbox.prune_finished(self.clock.now() - self.outbox_retention)
        if pruned:
            log.info("pruned %d finished command(s) from the outbox", pruned)
        return pruned

    def _purge_now_and_then(self) -> None:
        last = self._last_purge
        if last is None or self.clock.now() - last >= PURGE_EVERY:
            self.purge_profiles()
            self.prune_outbox()
