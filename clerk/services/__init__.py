"""Use cases of the tablet, one transaction each, no Qt.

Every use case is a function ``use_case(ctx, actor, ...)``: it checks the acting staff
member's role and the domain rules against the local store, then writes its local effect, an
outbox command for central and an audit entry together (:func:`clerk.services.outbox.perform`).
Refusals are :class:`clerk.domain.errors.DomainError` subclasses with a stable ``code`` and
a message the clerk can act on.
"""

# The names load on first use (PEP 562): importing one light module of this package (the
# app's first paint does) must not pull in the whole package and SQLAlchemy with it.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clerk.services.attention import discard_attention, retry_attention
    from clerk.services.context import Actor, Clock, ServiceContext, SystemClock
    from clerk.services.credentials import (
        CredentialVault,
        DeviceSecrets,
        FileVault,
        KeyringVault,
        VaultError,
        open_vault,
    )
    from clerk.services.customer_view import (
        CartLineView,
        CartView,
        Customer360,
        CustomerHit,
        OpenItems,
        TimelineEntry,
    )
    from clerk.services.customers import find_customers, local_360, older_timeline
    from clerk.services.customers_central import (
        CustomerDirectory,
        find_customers_central,
        remote_360,
    )
    from clerk.services.engagement import (
        Contact,
        Visit,
        add_note,
        record_feedback,
        record_visit,
        reveal_contact,
    )
    from clerk.services.enrollment import (
        DeviceIdentity,
        EnrollmentFailed,
        enroll_device,
        forget_device,
        last_central_url,
        load_identity,
    )
    from clerk.services.errors import InvalidRequest, NotAllowed, NotFound, WrongState
    from clerk.services.outbox import Action, Outcome, perform
    from clerk.services.pickup import RefusedItem, Verification, expire_pickup, release_pickup
    from clerk.services.pickup_ready import ShortLine, mark_ready
    from clerk.services.reservations import (
        cancel_reservation,
        collect_reservation,
        extend_reservation,
    )
    from clerk.services.returns import ManagerOverride, ReturnItem, create_return
    from clerk.services.sales import PENDING_NUMBER, SaleLine, Tendered, store_sale
    from clerk.services.settings import (
        AppSettings,
        default_settings_path,
        load_settings,
        save_settings,
    )
    from clerk.services.signin import PinGate, StaffLockedOut, WrongPin

_WHERE: dict[str, str] = {
    "CartLineView": "clerk.services.customer_view",
    "CartView": "clerk.services.customer_view",
    "Customer360": "clerk.services.customer_view",
    "CustomerHit": "clerk.services.customer_view",
    "OpenItems": "clerk.services.customer_view",
    "TimelineEntry": "clerk.services.customer_view",
    "CustomerDirectory": "clerk.services.customers_central",
    "find_customers": "clerk.services.customers",
    "find_customers_central": "clerk.services.customers_central",
    "local_360": "clerk.services.customers",
    "older_timeline": "clerk.services.customers",
    "remote_360": "clerk.services.customers_central",
    "Contact": "clerk.services.engagement",
    "Visit": "clerk.services.engagement",
    "record_visit": "clerk.services.engagement",
    "reveal_contact": "clerk.services.engagement",
    "Action": "clerk.services.outbox",
    "Actor": "clerk.services.context",
    "AppSettings": "clerk.services.settings",
    "Clock": "clerk.services.context",
    "CredentialVault": "clerk.services.credentials",
    "DeviceIdentity": "clerk.services.enrollment",
    "DeviceSecrets": "clerk.services.credentials",
    "EnrollmentFailed": "clerk.services.enrollment",
    "FileVault": "clerk.services.credentials",
    "InvalidRequest": "clerk.services.errors",
    "KeyringVault": "clerk.services.credentials",
    "ManagerOverride": "clerk.services.returns",
    "NotAllowed": "clerk.services.errors",
    "NotFound": "clerk.services.errors",
    "Outcome": "clerk.services.outbox",
    "PENDING_NUMBER": "clerk.services.sales",
    "PinGate": "clerk.services.signin",
    "RefusedItem": "clerk.services.pickup",
    "ReturnItem": "clerk.services.returns",
    "SaleLine": "clerk.services.sales",
    "ServiceContext": "clerk.services.context",
    "ShortLine": "clerk.services.pickup_ready",
    "StaffLockedOut": "clerk.services.signin",
    "SystemClock": "clerk.services.context",
    "Tendered": "clerk.services.sales",
    "VaultError": "clerk.services.credentials",
    "Verification": "clerk.services.pickup",
    "WrongPin": "clerk.services.signin",
    "WrongState": "clerk.services.errors",
    "add_note": "clerk.services.engagement",
    "cancel_reservation": "clerk.services.reservations",
    "collect_reservation": "clerk.services.reservations",
    "create_return": "clerk.services.returns",
    "default_settings_path": "clerk.services.settings",
    "discard_attention": "clerk.services.attention",
    "enroll_device": "clerk.services.enrollment",
    "expire_pickup": "clerk.services.pickup",
    "extend_reservation": "clerk.services.reservations",
    "forget_device": "clerk.services.enrollment",
    "last_central_url": "clerk.services.enrollment",
    "load_identity": "clerk.services.enrollment",
    "load_settings": "clerk.services.settings",
    "mark_ready": "clerk.services.pickup_ready",
    "open_vault": "clerk.services.credentials",
    "perform": "clerk.services.outbox",
    "record_feedback": "clerk.services.engagement",
    "release_pickup": "clerk.services.pickup",
    "retry_attention": "clerk.services.attention",
    "save_settings": "clerk.services.settings",
    "store_sale": "clerk.services.sales",
}

__all__ = [
    "PENDING_NUMBER",
    "Action",
    "Actor",
    "AppSettings",
    "CartLineView",
    "CartView",
    "Clock",
    "Contact",
    "CredentialVault",
    "Customer360",
    "CustomerDirectory",
    "CustomerHit",
    "DeviceIdentity",
    "DeviceSecrets",
    "EnrollmentFailed",
    "FileVault",
    "InvalidRequest",
    "KeyringVault",
    "ManagerOverride",
    "NotAllowed",
    "NotFound",
    "OpenItems",
    "Outcome",
    "PinGate",
    "RefusedItem",
    "ReturnItem",
    "SaleLine",
    "ServiceContext",
    "ShortLine",
    "StaffLockedOut",
    "SystemClock",
    "Tendered",
    "TimelineEntry",
    "VaultError",
    "Verification",
    "Visit",
    "WrongPin",
    "WrongState",
    "add_note",
    "cancel_reservation",
    "collect_reservation",
    "create_return",
    "default_settings_path",
    "discard_attention",
    "enroll_device",
    "expire_pickup",
    "extend_reservation",
    "find_customers",
    "find_customers_central",
    "forget_device",
    "last_central_url",
    "load_identity",
    "load_settings",
    "local_360",
    "mark_ready",
    "older_timeline",
    "open_vault",
    "perform",
    "record_feedback",
    "record_visit",
    "release_pickup",
    "remote_360",
    "retry_attention",
    "reveal_contact",
    "save_settings",
    "store_sale",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
