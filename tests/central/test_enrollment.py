"""Enrollment with one-time codes, bearer tokens stored hashed, revocation, store visibility."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.central.enrollment import create_enrollment_code, revoke_device
from clerk.domain.tokens import generate_private_key, public_key_text
from tests.central.core_fixtures import Central, central, problem_slug

__all__ = ["central"]


def _enroll_with(c: Central, code: str, public_key: str | None = None) -> object:
    public = public_key or public_key_text(generate_private_key().public_key())
    return c.client.post(
        "/v1/devices/enroll", json={"code": code, "device_name": "Tablet", "public_key": public}
    )


def _code(c: Central, store_id: str = "WAW-01") -> str:
    with transaction(c.factory) as session:
        return create_enrollment_code(session, store_id, c.clock.now())


def test_enrollment_returns_token_store_and_keys(central: Central) -> None:
    answer = central.enroll("WAW-01")
    assert answer.status_code == 201
    body = answer.json()
    assert body["store"]["id"] == "WAW-01"
    assert body["store"]["name"] == "Warszawa Centrum"
    assert body["signing_keys"] and all(body["signing_keys"].values())
    with central.factory() as session:
        device = session.get(m.Device, body["device_id"])
        assert device is not None
        assert device.store_id == "WAW-01"
        assert device.token_hash != body["token"]  # stored hashed, never in clear
        assert body["token"] not in device.token_hash
    feed = central.client.get(
        "/v1/stores/WAW-01/changes", headers={"Authorization": f"Bearer {body['token']}"}
    )
    assert feed.status_code == 200
    keys = [c for c in feed.json()["changes"] if c["entity"] == "device_key"]
    assert body["key_id"] in {c["id"] for c in keys}


def test_code_is_human_typeable_and_forgiving(central: Central) -> None:
    code = _code(central)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    typed = code.replace("-", " ").lower()
    answer = _enroll_with(central, typed)
    assert answer.status_code == 201  # type: ignore[attr-defined]


def test_code_is_single_use(central: Central) -> None:
    code = _code(central)
    assert _enroll_with(central, code).status_code == 201  # type: ignore[attr-defined]
    again = _enroll_with(central, code)
    assert again.status_code == 403  # type: ignore[attr-defined]
    assert problem_slug(again) == "enrollment-code-used"  # type: ignore[arg-type]


def test_code_expires_after_15_minutes(central: Central) -> None:
    code = _code(central)
    central.clock.advance(timedelta(minutes=15, seconds=1))
    answer = _enroll_with(central, code)
    assert answer.status_code == 403  # type: ignore[attr-defined]
    assert problem_slug(answer) == "enrollment-code-expired"  # type: ignore[arg-type]


def test_unknown_code_and_bad_key_are_refused(central: Central) -> None:
    answer = _enroll_with(central, "AAAA-BBBB")
    assert problem_slug(answer) == "enrollment-code-invalid"  # type: ignore[arg-type]
    bad_key = _enroll_with(central, _code(central), public_key="not a key")
    assert bad_key.status_code == 422  # type: ignore[attr-defined]
    assert problem_slug(bad_key) == "invalid-public-key"  # type: ignore[arg-type]


def test_missing_or_wrong_token_is_401(central: Central) -> None:
    missing = central.client.get("/v1/stores/WAW-01/changes")
    assert missing.status_code == 401
    assert problem_slug(missing) == "unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = central.client.get(
        "/v1/stores/WAW-01/changes", headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert problem_slug(wrong) == "unauthorized"


def test_revoked_device_gets_401_and_its_key_leaves_the_feed(central: Central) -> None:
    device_id = central.device_ids["WAW-01"]
    with transaction(central.factory) as session:
        device = revoke_device(session, device_id, central.clock.now())
        key_id = device.key_id
    answer = central.get("/v1/stores/WAW-01/changes")
    assert answer.status_code == 401
    assert problem_slug(answer) == "device-revoked"
    with central.factory() as session:
        last = session.scalars(
            select(m.Change)
            .where(m.Change.entity == "device_key", m.Change.entity_id == key_id)
            .order_by(m.Change.seq.desc())
        ).first()
        assert last is not None and last.op == "delete" and last.data is None


def test_device_sees_only_its_own_store_feed(central: Central) -> None:
    assert central.get("/v1/stores/WAW-01/changes").status_code == 200
    other = central.get("/v1/stores/KRK-01/changes")
    assert other.status_code == 404
    assert problem_slug(other) == "store-not-found"
    assert central.get("/v1/stores/KRK-01/changes", store_id="KRK-01").status_code == 200
