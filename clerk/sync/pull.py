"""Pull: bring the store's change feed into the local cache, page by page.

Each page and the cursor after it are applied in one unit, so a crash never leaves the cache
ahead of or behind its cursor.  While one page is being applied, the next is already being
fetched on a helper thread (the network and the disk work at the same time: that is what
makes the first sync of a tablet fast).

A cursor central cannot serve any more (410) means a full re-sync from zero: the first page is
fetched *before* anything is dropped (so being offline never empties the cache), then the
cache is reset — keeping the rows under unfinished local edits, the outbox and the audit —
and filled again in the same unit as that page.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from clerk.store import LocalStore
from clerk.sync.client import CentralClient, ChangePage
from clerk.sync.errors import FeedGone
from clerk.sync.events import DataChanged, SyncEvent

log = logging.getLogger(__name__)

# Every entity of the feed: what a full re-sync may have changed.
FEED_ENTITIES = frozenset(
    {
        "store",
        "settings",
        "product",
        "inventory",
        "staff",
        "signing_key",
        "device_key",
        "customer",
        "cart",
        "order",
        "return",
        "reservation",
        "loyalty",
        "interaction",
    }
)


class Puller:
    """Applies the change feed of ``store_id`` to the local cache."""

    def __init__(
        self,
        store: LocalStore,
        client: CentralClient,
        store_id: str,
        batch_size: int,
        publish: Callable[[SyncEvent], None],
        stopping: threading.Event,
    ) -> None:
        self.store = store
        self.client = client
        self.store_id = store_id
        self.batch_size = batch_size
        self.publish = publish
        self.stopping = stopping

    def pull(self) -> int:
        """Apply every change after the stored cursor; a 410 turns into a full re-sync.
        Returns the number of feed entries applied."""
        with self.store.unit() as unit:
            cursor = unit.sync_state.cursor()
        try:
            first = self._page(cursor)
            return self._stream(first, reset=False)
        except FeedGone as gone:
            log.warning("change feed cursor %d is gone (%s): full re-sync", cursor, gone)
            return self.full_resync()

    def full_resync(self) -> int:
        """Pull the whole slice again from zero, keeping unfinished local edits."""
        first = self._page(0)
        return self._stream(first, reset=True)

    def _page(self, after: int) -> ChangePage:
        return self.client.changes(self.store_id, after, self.batch_size)

    def _stream(self, page: ChangePage, *, reset: bool) -> int:
        applied = 0
        with ThreadPoolExecutor(1, thread_name_prefix="clerk-sync-prefetch") as prefetch:
            while True:
                upcoming: Future[ChangePage] | None = None
                if page.has_more and not self.stopping.is_set():
                    upcoming = prefetch.submit(self._page, page.next_after)
                applied += self._apply(page, reset)
                reset = False
                if upcoming is None:
                    return applied
                page = upcoming.result()

    def _apply(self, page: ChangePage, reset: bool) -> int:
        touched: frozenset[str] = frozenset()
        with self.store.unit() as unit:
            if reset:
                unit.cache.reset_for_resync()
            if page.changes:
                touched = unit.cache.apply_changes(page.changes)
            unit.sync_state.set_cursor(page.next_after)
        if reset:
            touched = FEED_ENTITIES
        if touched:
            self.publish(DataChanged(frozenset(touched)))
        return len(page.changes)
