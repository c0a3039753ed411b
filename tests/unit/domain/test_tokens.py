"""Signed tokens: sign/verify roundtrips, tampering, keys, expiry and clock skew."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk.domain.errors import TokenError, TokenRejection
from clerk.domain.tokens import (
    TokenKind,
    b64url_decode,
    b64url_encode,
    generate_private_key,
    key_id_for,
    load_private_key,
    load_public_key,
    loyalty_token,
    pickup_token,
    private_key_text,
    public_key_text,
    receipt_token,
    sign_token,
    verify_token,
)

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
KID = key_id_for(KEY.public_key())
KEYS = {KID: KEY.public_key()}


def _reason(text: str, now: datetime = NOW, keys: dict | None = None) -> TokenRejection:  # type: ignore[type-arg]
    with pytest.raises(TokenError) as info:
        verify_token(text, KEYS if keys is None else keys, now)
    assert info.value.code == info.value.reason.value
    assert info.value.message
    return info.value.reason


def test_key_text_roundtrip_and_key_id() -> None:
    private = generate_private_key()
    again = load_private_key(private_key_text(private))
    assert public_key_text(again.public_key()) == public_key_text(private.public_key())
    public = load_public_key(public_key_text(private.public_key()))
    assert key_id_for(public) == key_id_for(private.public_key())
    assert len(KID) == 16
    assert int(KID, 16) >= 0
    assert "=" not in public_key_text(public)


def test_bad_key_text_is_refused() -> None:
    for bad in ("", "abc", "!!!!", b64url_encode(b"x" * 31)):
        with pytest.raises(ValueError):
            load_public_key(bad)
        with pytest.raises(ValueError):
            load_private_key(bad)


def test_b64url_helpers() -> None:
    for data in (b"", b"a", b"ab", b"abc", bytes(range(256))):
        text = b64url_encode(data)
        assert "=" not in text
        if data:
            assert b64url_decode(text) == data
    for bad in ("a", "ab=c", "a+b/", "é"):
        with pytest.raises(ValueError):
            b64url_decode(bad)


def test_loyalty_token_roundtrip_and_shape() -> None:
    text = loyalty_token("cust-1", KEY, KID, NOW)
    prefix, kind, payload, signature = text.split(".")
    assert (prefix, kind) == ("CLK1", "L")
    body = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert body == json.dumps(
        {"c": "cust-1", "exp": int(NOW.timestamp()) + 300, "iat": int(NOW.timestamp()), "k": KID},
        separators=(",", ":"),
    )
    assert "=" not in signature
    verified = verify_token(text, KEYS, NOW)
    assert verified.kind is TokenKind.LOYALTY
    assert verified.customer_id == "cust-1"
    assert verified.key_id == KID
    assert verified.issued_at == NOW
    assert verified.expires_at == NOW + timedelta(minutes=5)
    assert verified.order_id is None


def test_pickup_and_receipt_tokens() -> None:
    pickup = verify_token(pickup_token("o-1", "WAW-01", "482913", KEY, KID, NOW), KEYS, NOW)
    assert pickup.kind is TokenKind.PICKUP
    assert (pickup.order_id, pickup.store_id, pickup.pickup_code) == ("o-1", "WAW-01", "482913")
    assert pickup.expires_at is None
    # no expiry by default: still good a year later
    verify_token(pickup_token("o-1", "WAW-01", "1", KEY, KID, NOW), KEYS, NOW + timedelta(days=365))
    receipt = verify_token(receipt_token("o-2", "WAW-01", "dev-9", KEY, KID, NOW), KEYS, NOW)
    assert receipt.kind is TokenKind.RECEIPT
    assert (receipt.order_id, receipt.store_id, receipt.device_id) == ("o-2", "WAW-01", "dev-9")
    timed = pickup_token("o", "s", "c", KEY, KID, NOW, lifetime=timedelta(days=8))
    assert verify_token(timed, KEYS, NOW).expires_at == NOW + timedelta(days=8)


def test_expiry_and_clock_leeway() -> None:
    text = loyalty_token("c", KEY, KID, NOW)
    end = NOW + timedelta(minutes=5)
    verify_token(text, KEYS, end + timedelta(seconds=30))  # within the leeway
    assert _reason(text, end + timedelta(seconds=31)) is TokenRejection.EXPIRED
    with pytest.raises(TokenError):
        verify_token(text, KEYS, end + timedelta(seconds=1), leeway=timedelta(0))


def test_not_yet_valid() -> None:
    text = loyalty_token("c", KEY, KID, NOW + timedelta(minutes=2))
    assert _reason(text, NOW) is TokenRejection.NOT_YET_VALID
    verify_token(text, KEYS, NOW + timedelta(minutes=2) - timedelta(seconds=30))


def test_unknown_key() -> None:
    other = generate_private_key()
    text = loyalty_token("c", other, key_id_for(other.public_key()), NOW)
    assert _reason(text) is TokenRejection.UNKNOWN_KEY


def test_wrong_key_under_known_id_is_a_bad_signature() -> None:
    other = generate_private_key()
    assert _reason(loyalty_token("c", other, KID, NOW)) is TokenRejection.BAD_SIGNATURE


def test_tampered_payload_is_a_bad_signature() -> None:
    prefix, kind, _, signature = loyalty_token("c-1", KEY, KID, NOW).split(".")
    forged = {"c": "c-2", "iat": int(NOW.timestamp()), "k": KID}
    payload = b64url_encode(json.dumps(forged, separators=(",", ":")).encode())
    assert _reason(f"{prefix}.{kind}.{payload}.{signature}") is TokenRejection.BAD_SIGNATURE


def test_changed_kind_is_a_bad_signature() -> None:
    _, _, payload, signature = receipt_token("o", "s", "d", KEY, KID, NOW).split(".")
    assert _reason(f"CLK1.P.{payload}.{signature}") is TokenRejection.BAD_SIGNATURE


@pytest.mark.parametrize(
    "text",
    [
        "",
        "CLK1",
        "CLK1.L",
        "CLK1.L.abc",
        "CLK2.L.abc.def",
        "CLK1.L.abc.def.ghi",
        "CLK1.L.!!!.def",
        "CLK1.L." + b64url_encode(b"[1,2]") + "." + b64url_encode(bytes(64)),
        "CLK1.L." + b64url_encode(b'{"k":1,"iat":1}') + "." + b64url_encode(bytes(64)),
        "CLK1.L." + b64url_encode(b'{"k":"x","iat":true}') + "." + b64url_encode(bytes(64)),
        "CLK1.L." + b64url_encode(b'{"k":"x","iat":1,"exp":"2"}') + "." + b64url_encode(bytes(64)),
        "CLK1.L." + b64url_encode(b"\xff\xfe") + "." + b64url_encode(bytes(64)),
        "CLK1.L." + b64url_encode(b'{"k":"x","iat":1}') + "." + b64url_encode(bytes(10)),
        "CLK1.L.żółw.abc",
        "CLK1.L." + "A" * 5000 + ".def",
    ],
)
def test_malformed(text: str) -> None:
    assert _reason(text) is TokenRejection.MALFORMED


def test_unknown_kind() -> None:
    _, _, payload, signature = loyalty_token("c", KEY, KID, NOW).split(".")
    assert _reason(f"CLK1.X.{payload}.{signature}") is TokenRejection.UNKNOWN_KIND


def test_signed_token_missing_its_claims_is_malformed() -> None:
    text = sign_token(TokenKind.PICKUP, {"o": "o-1"}, KEY, KID, NOW)
    assert _reason(text) is TokenRejection.MALFORMED


def test_sign_token_refuses_reserved_claims_and_naive_times() -> None:
    with pytest.raises(ValueError):
        sign_token(TokenKind.LOYALTY, {"c": "x", "exp": 1}, KEY, KID, NOW)
    with pytest.raises(ValueError, match="aware"):
        sign_token(TokenKind.LOYALTY, {"c": "x"}, KEY, KID, datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="aware"):
        verify_token(loyalty_token("c", KEY, KID, NOW), KEYS, datetime(2026, 1, 1))


def test_absurd_times_do_not_crash() -> None:
    far = sign_token(TokenKind.LOYALTY, {"c": "x"}, KEY, KID, NOW, datetime(9000, 1, 1, tzinfo=UTC))
    verify_token(far, KEYS, NOW)
    huge = {"c": "x", "iat": 1, "exp": 10**30, "k": KID}
    body = b64url_encode(json.dumps(huge, separators=(",", ":")).encode())
    signed = f"CLK1.L.{body}"
    text = f"{signed}.{b64url_encode(KEY.sign(signed.encode()))}"
    assert _reason(text) is TokenRejection.MALFORMED


ids = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    customer=ids,
    order=ids,
    store=ids,
    code=ids,
    offset=st.integers(min_value=-(10**8), max_value=10**8),
)
def test_roundtrip_any_claims(
    customer: str, order: str, store: str, code: str, offset: int
) -> None:
    now = NOW + timedelta(seconds=offset)
    assert verify_token(loyalty_token(customer, KEY, KID, now), KEYS, now).customer_id == customer
    verified = verify_token(pickup_token(order, store, code, KEY, KID, now), KEYS, now)
    assert (verified.order_id, verified.store_id, verified.pickup_code) == (order, store, code)


@settings(max_examples=80, deadline=None)
@given(position=st.integers(min_value=0, max_value=10_000), char=st.sampled_from("AQw_-0."))
def test_any_single_character_change_is_refused(position: int, char: str) -> None:
    text = pickup_token("o-1", "WAW-01", "123456", KEY, KID, NOW)
    index = position % len(text)
    if text[index] == char:
        return
    tampered = text[:index] + char + text[index + 1 :]
    with pytest.raises(TokenError) as info:
        verify_token(tampered, KEYS, NOW)
    # Either the shape breaks or the signature does; never a silent accept.
    assert info.value.reason in {
        TokenRejection.MALFORMED,
        TokenRejection.UNKNOWN_KIND,
        TokenRejection.UNKNOWN_KEY,
        TokenRejection.BAD_SIGNATURE,
    }


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300))
def test_verify_raises_only_token_errors(text: str) -> None:
    # Anything but a TokenError fails the test.
    with contextlib.suppress(TokenError):
        verify_token(text, KEYS, NOW)
