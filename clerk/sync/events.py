"""What the sync engine tells the rest of the app, as plain frozen data.

The engine publishes events on its own thread; a subscriber (the UI bridge) turns them into
whatever it needs — Qt signals on the GUI thread, for instance.  A subscriber that raises is
logged and skipped: it never stops the engine or the other subscribers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from clerk.sync.errors import Problem

log = logging.getLogger(__name__)


class Connectivity(StrEnum):
    """How the tablet reaches central right now."""

    ONLINE = "online"  # the last exchange worked
    OFFLINE = "offline"  # no answer at all: network down or central unreachable
    DEGRADED = "degraded"  # central answers, but with errors (overload, 5xx, token refused)


@dataclass(frozen=True)
class ConnectivityChanged:
    """The connectivity state (or its reason) changed."""

    state: Connectivity
    detail: str
    at: datetime


@dataclass(frozen=True)
class PendingChanged:
    """How many commands wait to be sent (pending or sending) and how many need a person."""

    pending: int
    attention: int


@dataclass(frozen=True)
class AttentionAdded:
    """Central refused a command (or it is held behind a refused one): a person must act."""

    command_id: str
    kind: str
    problem: Problem


@dataclass(frozen=True)
class DataChanged:
    """Cached data of these entities (``order``, ``customer`` …) changed."""

    entities: frozenset[str]


@dataclass(frozen=True)
class SyncCompleted:
    """A sync round ended (whether or not central could be reached)."""

    at: datetime
    pushed: int
    pulled: int


@dataclass(frozen=True)
class EnrollmentRequired:
    """Central refused the device token (401): the device was revoked; enroll again."""

    detail: str
    at: datetime


SyncEvent = (
    ConnectivityChanged
    | PendingChanged
    | AttentionAdded
    | DataChanged
    | SyncCompleted
    | EnrollmentRequired
)
Subscriber = Callable[[SyncEvent], None]


class EventHub:
    """Subscribers and a thread-safe publish that survives a failing subscriber."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback`` with every event from now on; returns the unsubscribe function."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            # By identity: two subscribers may well compare equal.
            with self._lock:
                self._subscribers = [s for s in self._subscribers if s is not callback]

        return unsubscribe

    def publish(self, event: SyncEvent) -> None:
        """Give ``event`` to every subscriber, in subscription order."""
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:
                log.exception("sync event subscriber %r failed on %r", callback, event)
