"""One unit of work on the local store: one transaction, its repositories as attributes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clerk.store.audit import AuditRepo
from clerk.store.cache import CacheRepo
from clerk.store.outbox import OutboxRepo
from clerk.store.profiles import ProfileCacheRepo
from clerk.store.repos import (
    CartRepo,
    CatalogRepo,
    CustomerRepo,
    KeyRepo,
    OrderRepo,
    ReservationRepo,
    StaffRepo,
    StoreInfoRepo,
    SyncStateRepo,
)
from clerk.store.timeline import TimelineRepo


class StoreUnit:
    """The repositories of one transaction (see LocalStore.unit)."""

    def __init__(self, session: Session) -> None:
        self.cache = CacheRepo(session)
        self.customers = CustomerRepo(session)
        self.profiles = ProfileCacheRepo(session, self.cache)
        self.catalog = CatalogRepo(session)
        self.orders = OrderRepo(session)
        self.timeline = TimelineRepo(session)
        self.reservations = ReservationRepo(session)
        self.staff = StaffRepo(session)
        self.carts = CartRepo(session)
        self.keys = KeyRepo(session)
        self.stores = StoreInfoRepo(session)
        self.sync_state = SyncStateRepo(session)
        self.outbox = OutboxRepo(session)
        self.audit = AuditRepo(session)
