"""Signed tokens in QR codes: ``CLK1.<kind>.<payload>.<signature>`` with Ed25519.

The payload is compact JSON (sorted keys) in base64url without padding; the signature covers the
ASCII text ``CLK1.<kind>.<payload>``. Central signs loyalty and pickup tokens; each device signs
the receipt tokens it prints with its own key. ``k`` names the key, so any tablet that has the
public keys verifies a token offline.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from clerk.domain._codec import require_aware
from clerk.domain.errors import TokenError, TokenRejection

__all__ = [
    "MAX_TOKEN_LENGTH",
    "PREFIX",
    "TokenError",
    "TokenKind",
    "TokenRejection",
    "VerifiedToken",
    "b64url_decode",
    "b64url_encode",
    "generate_private_key",
    "key_id_for",
    "load_private_key",
    "load_public_key",
    "loyalty_token",
    "pickup_token",
    "private_key_text",
    "public_key_text",
    "receipt_token",
    "sign_token",
    "verify_token",
]

PREFIX = "CLK1"
# Far above any real token (~200 characters) and small enough for a dense QR code.
MAX_TOKEN_LENGTH = 2048
_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_RESERVED_CLAIMS = frozenset({"k", "iat", "exp"})


class TokenKind(StrEnum):
    """What a token is for: a customer's loyalty code, a pickup, a printed receipt."""

    LOYALTY = "L"
    PICKUP = "P"
    RECEIPT = "R"


# Claims each kind must carry (all strings).
REQUIRED_CLAIMS: dict[TokenKind, tuple[str, ...]] = {
    TokenKind.LOYALTY: ("c",),
    TokenKind.PICKUP: ("o", "s", "pc"),
    TokenKind.RECEIPT: ("o", "s", "d"),
}


# --- encoding and keys --------------------------------------------------------------------


def b64url_encode(data: bytes) -> str:
    """base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode base64url without padding; ValueError for anything else."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None


def generate_private_key() -> Ed25519PrivateKey:
    """A new Ed25519 signing key."""
    return Ed25519PrivateKey.generate()


def public_key_text(pub: Ed25519PublicKey) -> str:
    """The public key as text: its raw 32 bytes in base64url."""
    return b64url_encode(pub.public_bytes(Encoding.Raw, PublicFormat.Raw))


def load_public_key(text: str) -> Ed25519PublicKey:
    """The public key from ``public_key_text`` output; ValueError if it is not one."""
    raw = b64url_decode(text.strip())
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def private_key_text(priv: Ed25519PrivateKey) -> str:
    """The private key as text: its raw 32-byte seed in base64url. Keep it secret."""
    return b64url_encode(priv.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))


def load_private_key(text: str) -> Ed25519PrivateKey:
    """The private key from ``private_key_text`` output; ValueError if it is not one."""
    raw = b64url_decode(text.strip())
    if len(raw) != 32:
        raise ValueError("an Ed25519 private key is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(raw)


def key_id_for(pub: Ed25519PublicKey) -> str:
    """A short stable name for a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(pub.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()[:16]


# --- signing ------------------------------------------------------------------------------


def _unix(moment: datetime, name: str) -> int:
    return int(require_aware(moment, name).timestamp())


def sign_token(
    kind: TokenKind,
    claims: Mapping[str, str | int],
    private_key: Ed25519PrivateKey,
    key_id: str,
    issued_at: datetime,
    expires_at: datetime | None = None,
) -> str:
    """Sign ``claims`` as a token of ``kind``; ``k``, ``iat`` and ``exp`` are added here."""
    kind = TokenKind(kind)
    clash = _RESERVED_CLAIMS & set(claims)
    if clash:
        raise ValueError(f"claims {sorted(clash)} are set by sign_token itself")
    payload: dict[str, str | int] = dict(claims)
    payload["k"] = key_id
    payload["iat"] = _unix(issued_at, "issued_at")
    if expires_at is not None:
        payload["exp"] = _unix(expires_at, "expires_at")
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    signed = f"{PREFIX}.{kind.value}.{b64url_encode(body.encode('ascii'))}"
    signature = private_key.sign(signed.encode("ascii"))
    return f"{signed}.{b64url_encode(signature)}"


def loyalty_token(
    customer_id: str,
    private_key: Ed25519PrivateKey,
    key_id: str,
    now: datetime,
    lifetime: timedelta = timedelta(minutes=5),
) -> str:
    """The app's rotating loyalty code for ``customer_id``; lives ``lifetime``."""
    return sign_token(
        TokenKind.LOYALTY, {"c": customer_id}, private_key, key_id, now, now + lifetime
    )


def pickup_token(
    order_id: str,
    store_id: str,
    pickup_code: str,
    private_key: Ed25519PrivateKey,
    key_id: str,
    now: datetime,
    lifetime: timedelta | None = None,
) -> str:
    """The pickup code sent to the customer; by default it does not expire (the hold does)."""
    return sign_token(
        TokenKind.PICKUP,
        {"o": order_id, "s": store_id, "pc": pickup_code},
        private_key,
        key_id,
        now,
        None if lifetime is None else now + lifetime,
    )


def receipt_token(
    order_id: str,
    store_id: str,
    device_id: str,
    private_key: Ed25519PrivateKey,
    key_id: str,
    now: datetime,
    lifetime: timedelta | None = None,
) -> str:
    """The code printed on a receipt, signed by the device that printed it; no expiry by default."""
    return sign_token(
        TokenKind.RECEIPT,
        {"o": order_id, "s": store_id, "d": device_id},
        private_key,
        key_id,
        now,
        None if lifetime is None else now + lifetime,
    )


# --- verification -------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedToken:
    """A token whose signature, key and times checked out."""

    kind: TokenKind
    claims: dict[str, Any] = field(hash=False)
    key_id: str
    issued_at: datetime
    expires_at: datetime | None

    def _claim(self, name: str) -> str | None:
        value = self.claims.get(name)
        return value if isinstance(value, str) else None

    @property
    def customer_id(self) -> str | None:
        """The customer of a loyalty token."""
        return self._claim("c")

    @property
    def order_id(self) -> str | None:
        """The order of a pickup or receipt token."""
        return self._claim("o")

    @property
    def store_id(self) -> str | None:
        """The store of a pickup or receipt token."""
        return self._claim("s")

    @property
    def pickup_code(self) -> str | None:
        """The pickup code of a pickup token."""
        return self._claim("pc")

    @property
    def device_id(self) -> str | None:
        """The device that signed a receipt token."""
        return self._claim("d")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_payload(text: str) -> dict[str, Any]:
    try:
        data = json.loads(b64url_decode(text).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise TokenError(TokenRejection.MALFORMED) from None
    if not isinstance(data, dict):
        raise TokenError(TokenRejection.MALFORMED)
    if not isinstance(data.get("k"), str) or not _is_int(data.get("iat")):
        raise TokenError(TokenRejection.MALFORMED)
    if "exp" in data and not _is_int(data["exp"]):
        raise TokenError(TokenRejection.MALFORMED)
    return data


def _from_unix(seconds: int) -> datetime:
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise TokenError(TokenRejection.MALFORMED) from None


def verify_token(
    text: str,
    keys: Mapping[str, Ed25519PublicKey],
    now: datetime,
    *,
    leeway: timedelta = timedelta(seconds=30),
) -> VerifiedToken:
    """Check a token's shape, key, signature and times; return its claims or raise TokenError.

    ``keys`` maps key ids to public keys (central's and the store's devices'). ``leeway``
    forgives small clock differences between tablets. The reason of a TokenError says why:
    malformed, unknown_kind, unknown_key, bad_signature, expired or not_yet_valid.
    """
    require_aware(now, "now")
    if not isinstance(text, str) or len(text) > MAX_TOKEN_LENGTH or not text.isascii():
        raise TokenError(TokenRejection.MALFORMED)
    parts = text.split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise TokenError(TokenRejection.MALFORMED)
    _, kind_text, payload_text, signature_text = parts
    try:
        kind = TokenKind(kind_text)
    except ValueError:
        raise TokenError(TokenRejection.UNKNOWN_KIND) from None
    payload = _parse_payload(payload_text)
    try:
        signature = b64url_decode(signature_text)
    except ValueError:
        raise TokenError(TokenRejection.MALFORMED) from None
    if len(signature) != 64:
        raise TokenError(TokenRejection.MALFORMED)
    key_id: str = payload["k"]
    public_key = keys.get(key_id)
    if public_key is None:
        raise TokenError(TokenRejection.UNKNOWN_KEY)
    try:
        public_key.verify(signature, f"{PREFIX}.{kind_text}.{payload_text}".encode("ascii"))
    except InvalidSignature:
        raise TokenError(TokenRejection.BAD_SIGNATURE) from None
    # Signed by us yet missing what its kind needs: a bug at the signer, still unusable here.
    if not all(isinstance(payload.get(name), str) for name in REQUIRED_CLAIMS[kind]):
        raise TokenError(TokenRejection.MALFORMED)
    # Compared as Unix seconds: datetime arithmetic near year 9999 would overflow.
    now_s, leeway_s = now.timestamp(), leeway.total_seconds()
    if payload["iat"] > now_s + leeway_s:
        raise TokenError(TokenRejection.NOT_YET_VALID)
    if "exp" in payload and now_s > payload["exp"] + leeway_s:
        raise TokenError(TokenRejection.EXPIRED)
    issued_at = _from_unix(payload["iat"])
    expires_at = _from_unix(payload["exp"]) if "exp" in payload else None
    claims = {name: value for name, value in payload.items() if name not in _RESERVED_CLAIMS}
    return VerifiedToken(kind, claims, key_id, issued_at, expires_at)
