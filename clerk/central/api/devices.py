"""``POST /v1/devices/enroll``: a one-time code and the device's public key → a bearer token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from clerk.central import models as m
from clerk.central.deps import ContextDep
from clerk.central.enrollment import enroll_device
from clerk.central.feed import publish_signing_keys
from clerk.central.keys import ensure_signing_key, public_signing_keys
from clerk.central.serialize import store_dict

router = APIRouter(tags=["devices"])


class EnrollBody(BaseModel):
    """What a tablet sends to enroll."""

    model_config = ConfigDict(extra="forbid")
    code: Annotated[str, Field(min_length=4, max_length=32)]
    device_name: Annotated[str, Field(min_length=1, max_length=120)]
    public_key: Annotated[str, Field(min_length=1, max_length=128)]


class EnrollAnswer(BaseModel):
    """The device's identity, its store and the keys that verify tokens offline."""

    device_id: str
    key_id: str
    store: dict[str, Any]
    token: str
    signing_keys: dict[str, str]


@router.post(
    "/v1/devices/enroll",
    status_code=201,
    response_model=EnrollAnswer,
    responses={403: {"description": "Unknown, used or expired code"}},
)
def enroll(body: EnrollBody, ctx: ContextDep) -> dict[str, Any]:
    """Enroll a device with a one-time code (the token is shown only in this answer)."""
    now = ctx.now()
    with ctx.transaction() as session:
        device, token = enroll_device(session, body.code, body.device_name, body.public_key, now)
        keys = public_signing_keys(session)
        if not keys:
            ensure_signing_key(session, now)
            publish_signing_keys(session, now)
            keys = public_signing_keys(session)
        store = session.get(m.Store, device.store_id)
        assert store is not None
        return {
            "device_id": device.id,
            "key_id": device.key_id,
            "store": store_dict(store),
            "token": token,
            "signing_keys": keys,
        }
