"""Enrolling the tablet to its store, and forgetting it again when central revoked it.

The tablet makes its own Ed25519 key (it signs the receipts it prints), sends the public half
with the one-time code, and gets its device id, bearer token and central's token-verification
keys back. The token and private key go to the :class:`~clerk.services.credentials.
CredentialVault`; the identity (``device.*`` keys of the sync state), the store record and the
keys go to the local store, so tokens verify offline before the first pull.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from clerk.domain.errors import DomainError
from clerk.domain.tokens import generate_private_key, key_id_for, private_key_text, public_key_text
from clerk.services.context import Clock, SystemClock
from clerk.services.credentials import CredentialVault, DeviceSecrets
from clerk.store import LocalStore, NewAuditEntry, StoreUnit
from clerk.sync.client import CentralClient
from clerk.sync.errors import CentralError, CentralRefused, CentralUnavailable

__all__ = [
    "DeviceIdentity",
    "EnrollmentFailed",
    "enroll_device",
    "forget_device",
    "last_central_url",
    "load_identity",
    "normalise_central_url",
]

log = logging.getLogger(__name__)

DEVICE_NAME_MAX = 120
CODE_MIN, CODE_MAX = 4, 32  # what central accepts
# The identity in the sync state; an empty device id means "not enrolled" (forgotten).
_KEYS = {
    "central_url": "device.central_url",
    "device_id": "device.id",
    "store_id": "device.store_id",
    "key_id": "device.key_id",
    "device_name": "device.name",
}
_ENROLLED_AT = "device.enrolled_at"
_CODE_PROBLEMS = {
    "enrollment-code-invalid": (
        "Central does not know this enrollment code — check what you typed, or ask for a new code."
    ),
    "enrollment-code-used": "This enrollment code was already used — ask for a new code.",
    "enrollment-code-expired": (
        "This enrollment code has expired (a code lasts 15 minutes) — ask for a new code."
    ),
}

ClientFactory = Callable[[str, str | None], CentralClient]


class EnrollmentFailed(DomainError):
    """The tablet could not be enrolled; ``code`` says why (see :func:`enroll_device`)."""


@dataclass(frozen=True)
class DeviceIdentity:
    """Who this tablet is for central: its device id and key, in which store, at which central."""

    central_url: str
    device_id: str
    store_id: str
    key_id: str
    device_name: str


def normalise_central_url(url: str) -> str:
    """``url`` without surrounding blanks or a trailing slash; EnrollmentFailed ``bad_url``
    unless it is an http(s) address with a host."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise EnrollmentFailed(
            "bad_url",
            f"{text or 'An empty address'!s} is not the address of a central service; type it "
            "in full, like https://central.example.com, then try again.",
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise EnrollmentFailed(
            "bad_url",
            "The central address must not carry a user name, password, query or '#'; type "
            "just the address, like https://central.example.com.",
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def _device_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > DEVICE_NAME_MAX:
        raise EnrollmentFailed(
            "bad_device_name",
            f"Give the tablet a name of 1 to {DEVICE_NAME_MAX} characters, e.g. 'Counter 1'.",
        )
    return name


def _read_identity(unit: StoreUnit) -> DeviceIdentity | None:
    values = {field: unit.sync_state.get(key) or "" for field, key in _KEYS.items()}
    if not values["device_id"] or not values["store_id"]:
        return None
    return DeviceIdentity(**values)


def load_identity(store: LocalStore) -> DeviceIdentity | None:
    """The identity this tablet was enrolled with; None if it is not (or no longer) enrolled."""
    with store.unit(read_only=True) as unit:
        return _read_identity(unit)


def last_central_url(store: LocalStore) -> str:
    """The central address this tablet last enrolled at ("" if never): what the enrollment
    form offers after the device was forgotten."""
    with store.unit(read_only=True) as unit:
        return unit.sync_state.get(_KEYS["central_url"]) or ""


def _enroll_at_central(
    client_factory: ClientFactory, url: str, code: str, name: str, public_key: str
) -> dict[str, Any]:
    client = client_factory(url, None)
    try:
        return client.enroll(code, name, public_key)
    except CentralRefused as exc:
        problem = exc.problem
        if problem.slug in _CODE_PROBLEMS:
            raise EnrollmentFailed("code_refused", _CODE_PROBLEMS[problem.slug]) from exc
        if problem.status in (404, 405):
            raise EnrollmentFailed(
                "central_error",
                f"{url} answered, but it is not a Clerk central service; check the address.",
            ) from exc
        raise EnrollmentFailed(
            "central_error",
            f"Central refused to enroll this tablet ({problem.status} {problem.slug}: "
            f"{problem.detail or problem.title}); tell IT.",
        ) from exc
    except CentralUnavailable as exc:
        if exc.status is not None:
            raise EnrollmentFailed(
                "central_error",
                f"Central at {url} answered with an error ({exc.status}); try again in a few "
                "minutes, or tell IT if it stays.",
            ) from exc
        raise EnrollmentFailed(
            "central_unreachable",
            f"Central at {url} does not answer — check the address and the network, then "
            "try again.",
        ) from exc
    except CentralError as exc:
        raise EnrollmentFailed(
            "central_error", f"Central could not enroll this tablet ({exc}); try again soon."
        ) from exc
    finally:
        client.close()


def _answer(answer: Mapping[str, Any], url: str) -> tuple[str, str, dict[str, Any], dict[str, str]]:
    """Device id, token, store record and signing keys of central's answer."""
    store = answer.get("store")
    keys = answer.get("signing_keys")
    device_id, token = answer.get("device_id"), answer.get("token")
    if (
        not isinstance(device_id, str)
        or not device_id
        or not isinstance(token, str)
        or not token
        or not isinstance(store, dict)
        or not isinstance(store.get("id"), str)
        or not isinstance(keys, dict)
    ):
        raise EnrollmentFailed(
            "central_error",
            f"{url} answered the enrollment with something this app does not understand; "
            "check that the address is the central service and the app is up to date.",
        )
    return device_id, token, store, {str(k): str(v) for k, v in keys.items()}


def _audit(
    unit: StoreUnit,
    clock: Clock,
    device_id: str | None,
    target: str | None,
    detail: dict[str, Any],
    result: str,
) -> None:
    unit.audit.record(
        NewAuditEntry(
            at=clock.now(),
            staff_id=None,
            device_id=device_id,
            action="enroll_device",
            target=target,
            detail=detail,
            result=result,
            command_id=None,
        )
    )


def enroll_device(
    store: LocalStore,
    vault: CredentialVault,
    central_url: str,
    code: str,
    device_name: str,
    *,
    clock: Clock | None = None,
    client_factory: ClientFactory = CentralClient,
) -> DeviceIdentity:
    """Enroll this tablet at ``central_url`` with a one-time ``code``; returns its identity.

    Raises :class:`EnrollmentFailed` with code ``bad_url`` (not an http(s) address),
    ``bad_device_name``, ``central_unreachable``, ``code_refused`` (wrong, used or expired
    code), ``central_error`` (central failed or is not a Clerk central) or ``other_store_data``
    (this tablet's database holds another store's data; the code is spent then), and
    :class:`~clerk.services.credentials.VaultError` if the secrets cannot be kept.
    Enrolling again to the same store is fine: the cache and the outbox stay (the feed is
    pulled again from the start if central's address changed).
    """
    clock = clock or SystemClock()
    url = normalise_central_url(central_url)
    name = _device_name(device_name)
    code = code.strip()
    if not CODE_MIN <= len(code) <= CODE_MAX:
        raise EnrollmentFailed("code_refused", "Type the enrollment code as given, like ABCD-EFGH.")
    private_key = generate_private_key()
    public_key = public_key_text(private_key.public_key())
    detail: dict[str, Any] = {"central_url": url, "device_name": name}
    try:
        answer = _enroll_at_central(client_factory, url, code, name, public_key)
        device_id, token, store_record, signing_keys = _answer(answer, url)
    except EnrollmentFailed as failed:
        with store.unit() as unit:
            _audit(unit, clock, None, None, detail, failed.code)
        raise
    identity = DeviceIdentity(
        central_url=url,
        device_id=device_id,
        store_id=store_record["id"],
        key_id=key_id_for(private_key.public_key()),
        device_name=name,
    )
    detail["key_id"] = identity.key_id
    with store.unit() as unit:
        earlier = _read_identity(unit)
        earlier_store = unit.sync_state.get(_KEYS["store_id"]) or identity.store_id
        if earlier_store != identity.store_id:
            _audit(unit, clock, device_id, identity.store_id, detail, "other_store_data")
    if earlier_store != identity.store_id:
        log.warning(
            "a code for %s on a tablet of %s: device %s stays unused at central",
            identity.store_id,
            earlier_store,
            device_id,
        )
        raise EnrollmentFailed(
            "other_store_data",
            f"This tablet holds the data of store {earlier_store}, but the code was for store "
            f"{identity.store_id}. Enroll it with a code for {earlier_store}, or ask IT to "
            "reset the tablet's database.",
        )
    # The secrets first: an identity without its token would be a tablet that cannot sync.
    vault.save(device_id, DeviceSecrets(token=token, private_key=private_key_text(private_key)))
    with store.unit() as unit:
        unit.cache.apply_entity("store", store_record)
        for key_id, text in signing_keys.items():
            unit.cache.apply_entity("signing_key", {"key_id": key_id, "public_key": text})
        unit.cache.apply_entity(
            "device_key",
            {"key_id": identity.key_id, "public_key": public_key, "device_id": device_id},
        )
        earlier_url = unit.sync_state.get(_KEYS["central_url"])
        if earlier_url and earlier_url != url:
            # A feed position at another address may mean nothing here: pull it all again.
            unit.sync_state.set_cursor(0)
        for field, value in asdict(identity).items():
            unit.sync_state.set(_KEYS[field], value)
        unit.sync_state.set(_ENROLLED_AT, clock.now().isoformat())
        _audit(unit, clock, device_id, identity.store_id, detail, "ok")
    if earlier is not None and earlier.device_id != device_id:
        vault.delete(earlier.device_id)  # the new enrollment replaces the old one here
    log.info("enrolled as device %s of store %s at %s", device_id, identity.store_id, url)
    return identity


def forget_device(store: LocalStore, vault: CredentialVault, *, clock: Clock | None = None) -> None:
    """Forget this tablet's enrollment (after central revoked it): the app then asks for a code.

    The token and private key leave the vault and the identity leaves the sync state; the
    store id stays, so only a code for the same store enrolls this database again. The cache
    and the outbox are not touched: queued actions wait for the new enrollment.
    """
    clock = clock or SystemClock()
    with store.unit() as unit:
        identity = _read_identity(unit)
        if identity is None:
            return
        vault.delete(identity.device_id)
        for field in ("device_id", "key_id"):
            unit.sync_state.set(_KEYS[field], "")
        unit.audit.record(
            NewAuditEntry(
                at=clock.now(),
                staff_id=None,
                device_id=identity.device_id,
                action="forget_device",
                target=identity.store_id,
                detail={"central_url": identity.central_url},
                result="ok",
                command_id=None,
            )
        )
    log.warning("forgot device %s: the tablet must be enrolled again", identity.device_id)
