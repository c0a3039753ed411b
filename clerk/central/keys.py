"""Central's Ed25519 signing keys for the loyalty (L) and pickup (P) tokens.

Exactly one key is *active* (it signs new tokens); keys retired by a rotation stay in the
table and keep verifying the tokens they signed, so a rotation never invalidates a code a
customer already holds.  Devices receive every public key (enrollment answer and the change
feed entity ``signing_key``) and verify tokens offline.

The key id is the domain's :func:`clerk.domain.tokens.key_id_for` of the public key, so a
token names the key that signed it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clerk.central.models import Device, SigningKey
from clerk.domain.tokens import (
    generate_private_key,
    key_id_for,
    load_private_key,
    load_public_key,
    private_key_text,
    public_key_text,
)


class NoSigningKey(RuntimeError):
    """The central database has no active signing key yet (run ``clerk-central keys init``)."""

    def __init__(self) -> None:
        super().__init__(
            "central has no active signing key; run `clerk-central keys init --db URL`"
        )


def _new_key(session: Session, now: datetime) -> SigningKey:
    private = generate_private_key()
    public = private.public_key()
    row = SigningKey(
        id=key_id_for(public),
        private_key=private_key_text(private),
        public_key=public_key_text(public),
        created_at=now,
        active=True,
    )
    session.add(row)
    session.flush()
    return row


def _active_row(session: Session) -> SigningKey | None:
    stmt = (
        select(SigningKey)
        .where(SigningKey.active.is_(True))
        .order_by(SigningKey.created_at.desc(), SigningKey.id)
        .limit(1)
    )
    return session.scalars(stmt).first()


def ensure_signing_key(session: Session, now: datetime) -> SigningKey:
    """Return the active signing key, creating the first one if there is none."""
    row = _active_row(session)
    return row if row is not None else _new_key(session, now)


def active_signing_key(session: Session) -> tuple[str, Ed25519PrivateKey]:
    """The key id and private key that sign new tokens; raises :class:`NoSigningKey`."""
    row = _active_row(session)
    if row is None:
        raise NoSigningKey()
    return row.id, load_private_key(row.private_key)


def rotate_signing_key(session: Session, now: datetime) -> SigningKey:
    """Retire the active key(s) and make a fresh one active; retired keys still verify."""
    session.execute(update(SigningKey).where(SigningKey.active.is_(True)).values(active=False))
    return _new_key(session, now)


def public_signing_keys(session: Session) -> dict[str, str]:
    """Every central public key (active and retired) as ``{key_id: public key text}``."""
    rows = session.execute(select(SigningKey.id, SigningKey.public_key).order_by(SigningKey.id))
    return {key_id: public for key_id, public in rows}


def signing_key_rows(session: Session) -> list[SigningKey]:
    """All signing keys, oldest first (what the change feed publishes as ``signing_key``)."""
    stmt = select(SigningKey).order_by(SigningKey.created_at, SigningKey.id)
    return list(session.scalars(stmt))


def signing_key_dict(row: SigningKey) -> dict[str, Any]:
    """The feed/API shape of a central signing key (public half only, never the private key)."""
    return {
        "key_id": row.id,
        "public_key": row.public_key,
        "active": row.active,
        "created_at": row.created_at.isoformat(),
    }


def verification_keys(
    session: Session, *, include_devices: bool = True
) -> dict[str, Ed25519PublicKey]:
    """Public keys that verify tokens: central's keys plus, optionally, the enrolled devices'.

    Receipt tokens (kind R) are signed by the device that printed them, so verifying a
    receipt needs the device keys; revoked devices are left out.
    """
    keys = {key_id: load_public_key(text) for key_id, text in public_signing_keys(session).items()}
    if include_devices:
        rows = session.execute(
            select(Device.key_id, Device.public_key).where(Device.revoked_at.is_(None))
        )
        for key_id, text in rows:
            keys.setdefault(key_id, load_public_key(text))
    return keys
