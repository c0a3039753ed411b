"""``Idempotency-Key`` for every state-changing POST: one mechanism, used by every route.

A route handler does its domain work inside a callback and lets :func:`idempotent` run it::

    @router.post("/v1/orders/{order_id}/ready")
    def mark_ready(order_id: str, body: ReadyBody, request: Request,
                   ctx: ContextDep, device: DeviceDep) -> Response:
        def work(session: Session) -> tuple[int, dict[str, Any], dict[str, str]]:
            ...
            return 200, order_dict(order), {"ETag": f'"{order.version}"'}
        return idempotent(request, ctx, device, work, body=body)

How it is safe: the ``running`` record is inserted and committed first, in its own
transaction, so a concurrent duplicate hits the primary key and gets 409.  The work and the
record's completion commit in ONE transaction, so a crash after the commit cannot run the
work twice, and a crash before it leaves nothing behind but the running record, which is
deleted (or, if the process died, taken over after :data:`STALE_RUNNING`).  A 4xx
:class:`~clerk.central.problems.Problem` is stored like a success, so a replay gives the same
answer; a 5xx or a crash deletes the record so a retry can run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk.central.context import CentralContext
from clerk.central.deps import DeviceContext
from clerk.central.models import IdempotencyRecord
from clerk.central.problems import (
    PROBLEM_MEDIA_TYPE,
    Problem,
    bad_request,
    conflict,
    domain_problem,
    unprocessable,
)
from clerk.domain.errors import DomainError

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100
RETENTION = timedelta(days=8)  # promised: at least 7 days
STALE_RUNNING = timedelta(minutes=5)  # a running record this old belongs to a dead process
REPLAYED_HEADER = "Idempotent-Replayed"
_KEPT_HEADERS = ("etag", "location")

Handler = Callable[[Session], tuple[int, dict[str, Any], dict[str, str]]]


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | Enum):
        return str(value.value if isinstance(value, Enum) else value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> bytes:
    """Compact JSON with sorted keys: equal documents give equal bytes."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )
    return text.encode()


def _request_body(request: Request, body: Any) -> Any:
    if isinstance(body, BaseModel):
        return body.model_dump(mode="json")
    if body is not None:
        return body
    # FastAPI has already read and cached the raw body for routes with a body parameter.
    raw = getattr(request, "_body", b"")
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def request_fingerprint(method: str, path: str, body: Any) -> str:
    """sha256 of the method, the path and the canonical JSON of the body."""
    digest = hashlib.sha256()
    digest.update(method.upper().encode() + b"\n" + path.encode() + b"\n")
    digest.update(canonical_json(body))
    return digest.hexdigest()


def _json_response(status: int, body: bytes, headers: Mapping[str, str]) -> Response:
    media = PROBLEM_MEDIA_TYPE if status >= 400 else "application/json"
    return Response(content=body, status_code=status, headers=dict(headers), media_type=media)


def _replay(record: IdempotencyRecord) -> Response:
    headers = {str(k): str(v) for k, v in (record.response_headers or {}).items()}
    headers[REPLAYED_HEADER] = "true"
    assert record.status_code is not None
    return _json_response(record.status_code, record.response_body or b"", headers)


def _check_existing(record: IdempotencyRecord, fingerprint: str, key: str) -> Response | None:
    """Answer a request whose key is already known (or None if it may run after all)."""
    if record.request_hash != fingerprint:
        raise unprocessable(
            "idempotency-key-reused",
            f"Idempotency-Key {key!r} was used for a different request.",
        )
    if record.state == "done":
        return _replay(record)
    raise conflict(
        "idempotency-key-in-progress",
        f"The request with Idempotency-Key {key!r} is still being processed; retry shortly.",
    )


def _claim(
    ctx: CentralContext, device_id: str, key: str, fingerprint: str, request: Request
) -> Response | None:
    """Insert the running record in its own committed transaction; or answer from the old one."""
    now = ctx.now()
    with ctx.transaction() as session:
        record = session.get(IdempotencyRecord, (device_id, key))
        if record is not None:
            expired = record.created_at < now - RETENTION
            stale = record.state == "running" and record.created_at < now - STALE_RUNNING
            if expired:
                session.delete(record)
                session.flush()
            elif stale and record.request_hash == fingerprint:
                took_over = session.execute(
                    update(IdempotencyRecord)
                    .where(
                        IdempotencyRecord.device_id == device_id,
                        IdempotencyRecord.key == key,
                        IdempotencyRecord.state == "running",
                        IdempotencyRecord.created_at == record.created_at,
                    )
                    .values(created_at=now)
                    .execution_options(synchronize_session=False)
                )
                if took_over.rowcount == 1:  # type: ignore[attr-defined]
                    return None
                raise conflict(
                    "idempotency-key-in-progress",
                    f"The request with Idempotency-Key {key!r} is still being processed.",
                )
            else:
                return _check_existing(record, fingerprint, key)
    try:
        with ctx.transaction() as session:
            session.add(
                IdempotencyRecord(
                    device_id=device_id,
                    key=key,
                    request_hash=fingerprint,
                    method=request.method.upper(),
                    path=request.url.path[:300],
                    state="running",
                    created_at=now,
                )
            )
    except IntegrityError:
        # A concurrent duplicate inserted it first.
        with ctx.session_factory() as session:
            record = session.get(IdempotencyRecord, (device_id, key))
            if record is None:  # it failed and was deleted meanwhile: let the client retry
                raise conflict(
                    "idempotency-key-in-progress",
                    f"The request with Idempotency-Key {key!r} is being processed.",
                ) from None
            return _check_existing(record, fingerprint, key)
    return None


def _finish(
    session: Session, device_id: str, key: str, status: int, body: bytes, headers: dict[str, str]
) -> None:
    kept = {k: v for k, v in headers.items() if k.lower() in _KEPT_HEADERS}
    session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.device_id == device_id, IdempotencyRecord.key == key)
        .values(state="done", status_code=status, response_body=body, response_headers=kept)
        .execution_options(synchronize_session=False)
    )


def _forget(ctx: CentralContext, device_id: str, key: str) -> None:
    with ctx.transaction() as session:
        session.execute(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.device_id == device_id,
                IdempotencyRecord.key == key,
                IdempotencyRecord.state == "running",
            )
        )


def idempotent(
    request: Request,
    ctx: CentralContext,
    device: DeviceContext,
    handler: Handler,
    *,
    body: Any = None,
) -> Response:
    """Run ``handler`` at most once per ``Idempotency-Key`` of ``device``.

    ``handler(session)`` does the work in one transaction and returns ``(status, json body,
    headers)``.  ``body`` is the parsed request body (a pydantic model or plain JSON value);
    when omitted the raw body FastAPI read is used.  Missing key → 400
    ``idempotency-key-missing``; the same key with another request → 422
    ``idempotency-key-reused``; while the first is running → 409
    ``idempotency-key-in-progress``; the same request again → the first response, with the
    header ``Idempotent-Replayed: true``.
    """
    key = (request.headers.get(HEADER) or "").strip()
    if not key:
        raise bad_request(
            "idempotency-key-missing", f"State-changing requests need an {HEADER} header."
        )
    if len(key) > MAX_KEY_LENGTH:
        raise bad_request(
            "idempotency-key-invalid", f"{HEADER} is longer than {MAX_KEY_LENGTH} characters."
        )
    fingerprint = request_fingerprint(
        request.method, request.url.path, _request_body(request, body)
    )
    answer = _claim(ctx, device.device_id, key, fingerprint, request)
    if answer is not None:
        return answer

    problem: Problem | None = None
    try:
        with ctx.transaction() as session:
            status, payload, headers = handler(session)
            content = canonical_json(payload)
            _finish(session, device.device_id, key, status, content, headers)
    except Problem as exc:
        problem = exc
    except DomainError as exc:
        problem = domain_problem(exc)
    except BaseException:
        _forget(ctx, device.device_id, key)
        raise
    if problem is None:
        return _json_response(status, content, headers)
    if problem.status >= 500:
        _forget(ctx, device.device_id, key)
        raise problem
    error_body = canonical_json(problem.to_dict(request.url.path))
    with ctx.transaction() as session:
        _finish(session, device.device_id, key, problem.status, error_body, problem.headers)
    return _json_response(problem.status, error_body, problem.headers)


def purge_idempotency(session: Session, now: datetime) -> int:
    """Delete idempotency records older than 8 days (keys are promised for at least 7)."""
    result = session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - RETENTION)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def find_record(session: Session, device_id: str, key: str) -> IdempotencyRecord | None:
    """The stored record of ``key`` (tests and diagnostics)."""
    return session.execute(
        select(IdempotencyRecord).where(
            IdempotencyRecord.device_id == device_id, IdempotencyRecord.key == key
        )
    ).scalar_one_or_none()
