"""Use cases of the tablet, one transaction each, no Qt.

Every use case is a function ``use_case(ctx, actor, ...)``: it checks the acting staff
member's role and the domain rules against the local store, then writes its local effect, an
outbox command for central and an audit entry together (:func:`clerk.services.outbox.perform`).
Refusals are :class:`clerk.domain.errors.DomainError` subclasses with a stable ``code`` and
a message the clerk can act on.
"""

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
from clerk.services.engagement import add_note, record_feedback
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
from clerk.services.reservations import cancel_reservation, extend_reservation
from clerk.services.returns import ManagerOverride, ReturnItem, create_return
from clerk.services.sales import PENDING_NUMBER, SaleLine, Tendered, store_sale
from clerk.services.settings import (
    AppSettings,
    default_settings_path,
    load_settings,
    save_settings,
)
from clerk.services.signin import PinGate, StaffLockedOut, WrongPin

__all__ = [
    "PENDING_NUMBER",
    "Action",
    "Actor",
    "AppSettings",
    "Clock",
    "CredentialVault",
    "DeviceIdentity",
    "DeviceSecrets",
    "EnrollmentFailed",
    "FileVault",
    "InvalidRequest",
    "KeyringVault",
    "ManagerOverride",
    "NotAllowed",
    "NotFound",
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
    "VaultError",
    "Verification",
    "WrongPin",
    "WrongState",
    "add_note",
    "cancel_reservation",
    "create_return",
    "default_settings_path",
    "discard_attention",
    "enroll_device",
    "expire_pickup",
    "extend_reservation",
    "forget_device",
    "last_central_url",
    "load_identity",
    "load_settings",
    "mark_ready",
    "open_vault",
    "perform",
    "record_feedback",
    "release_pickup",
    "retry_attention",
    "save_settings",
    "store_sale",
]
