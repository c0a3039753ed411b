"""Enrolling tablets: one-time codes, bearer tokens stored hashed, revocation.

A manager runs ``clerk-central enroll-code --store WAW-01`` and types the printed code
(``ABCD-EFGH``, 15 minutes, single use) into the tablet, which sends it with its own Ed25519
public key.  The tablet gets its device id and a bearer token that is shown once: central
keeps only its sha256.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.deps import hash_token
from clerk.central.feed import publish_device_key
from clerk.central.problems import Problem, unprocessable
from clerk.domain.errors import TokenError
from clerk.domain.tokens import key_id_for, load_public_key

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to type
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=15)


def normalise_code(code: str) -> str:
    """Upper-case the code and drop the dash and spaces people type in it."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def create_enrollment_code(
    session: Session, store_id: str, now: datetime, ttl: timedelta = CODE_TTL
) -> str:
    """A fresh one-time code for enrolling a device to ``store_id`` (e.g. ``"K7QM-3XVA"``)."""
    if session.get(m.Store, store_id) is None:
        raise LookupError(f"no store {store_id!r}")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    session.add(
        m.EnrollmentCode(
            code_hash=_code_hash(raw),
            store_id=store_id,
            created_at=now,
            expires_at=now + ttl,
            used_at=None,
            device_id=None,
        )
    )
    session.flush()
    return f"{raw[:4]}-{raw[4:]}"


def _code_problem(slug: str, detail: str) -> Problem:
    return Problem(403, slug, "Enrollment refused", detail)


def enroll_device(
    session: Session, code: str, name: str, public_key: str, now: datetime
) -> tuple[m.Device, str]:
    """Use ``code`` to enroll a device with its Ed25519 ``public_key``; returns it and its token.

    Problems: 403 ``enrollment-code-invalid`` / ``-used`` / ``-expired``; 422
    ``invalid-public-key``.
    """
    try:
        key_id = key_id_for(load_public_key(public_key))
    except (TokenError, ValueError, TypeError) as exc:
        raise unprocessable(
            "invalid-public-key", "public_key must be a raw Ed25519 key in base64url."
        ) from exc
    digest = _code_hash(code)
    row = session.get(m.EnrollmentCode, digest)
    if row is None:
        raise _code_problem("enrollment-code-invalid", "This enrollment code is not known.")
    if row.used_at is not None:
        raise _code_problem("enrollment-code-used", "This enrollment code was already used.")
    if row.expires_at <= now:
        raise _code_problem(
            "enrollment-code-expired", "This enrollment code has expired; ask for a new one."
        )
    device_id = "dev-" + uuid.uuid4().hex[:16]
    claimed = session.execute(
        update(m.EnrollmentCode)
        .where(m.EnrollmentCode.code_hash == digest, m.EnrollmentCode.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise _code_problem("enrollment-code-used", "This enrollment code was already used.")
    token = secrets.token_urlsafe(32)
    device = m.Device(
        id=device_id,
        store_id=row.store_id,
        name=name,
        token_hash=hash_token(token),
        key_id=key_id,
        public_key=public_key,
        enrolled_at=now,
        revoked_at=None,
        last_seen_at=None,
    )
    session.add(device)
    session.flush()
    publish_device_key(session, device, now)
    return device, token


def revoke_device(session: Session, device_id: str, now: datetime) -> m.Device:
    """Revoke a device: its token stops working and its key leaves the store's feed."""
    device = session.execute(
        select(m.Device).where(m.Device.id == device_id).with_for_update()
    ).scalar_one_or_none()
    if device is None:
        raise LookupError(f"no device {device_id!r}")
    if device.revoked_at is None:
        device.revoked_at = now
        session.flush()
        publish_device_key(session, device, now)
    return device
