"""Device authentication: bearer tokens are stored only as their sha256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central.models import Device
from clerk.central.problems import unauthorized


@dataclass(frozen=True)
class DeviceContext:
    """The enrolled device that made the request, and the one store it may see."""

    device_id: str
    store_id: str


def hash_token(token: str) -> str:
    """How bearer tokens are stored: sha256 hex of the token text."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate_device(session: Session, token: str | None) -> DeviceContext:
    """The device owning ``token``: 401 ``unauthorized`` if missing or unknown, 401
    ``device-revoked`` if revoked."""
    if not token:
        raise unauthorized()
    row = session.execute(
        select(Device.id, Device.store_id, Device.revoked_at).where(
            Device.token_hash == hash_token(token)
        )
    ).first()
    if row is None:
        raise unauthorized(detail="The device token is not valid.")
    device_id, store_id, revoked_at = row
    if revoked_at is not None:
        raise unauthorized(
            "device-revoked", "This device was revoked; enroll it again with a new code."
        )
    return DeviceContext(device_id=device_id, store_id=store_id)
