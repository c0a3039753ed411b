"""What every use case gets: who acts, on which device and store, the clock and the store.

Use cases are plain functions ``use_case(ctx, actor, ...)``; the composition root builds one
:class:`ServiceContext` and the UI passes the signed-in staff member as the :class:`Actor`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from clerk.store import LocalStore

__all__ = ["Actor", "Clock", "ServiceContext", "SystemClock"]


@dataclass(frozen=True)
class Actor:
    """The staff member acting, on this device, in this store."""

    staff_id: str
    device_id: str
    store_id: str


class Clock(Protocol):
    """Where use cases get the time (aware datetimes); tests pass a fixed one."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real time, in UTC."""

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        return datetime.now(UTC)


def _nothing() -> None:
    return None


@dataclass
class ServiceContext:
    """The tablet's services: its local store, identity and clock.

    ``on_command`` is called after every commit that queued an outbox command (the sync
    runner's ``request_sync``); it must not block.
    """

    store: LocalStore
    device_id: str
    store_id: str
    clock: Clock = field(default_factory=SystemClock)
    on_command: Callable[[], None] = _nothing

    def actor(self, staff_id: str) -> Actor:
        """``staff_id`` acting on this device in this store."""
        return Actor(staff_id=staff_id, device_id=self.device_id, store_id=self.store_id)
