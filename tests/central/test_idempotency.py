"""``Idempotency-Key``: missing 400, replay, other body 422, in progress 409, 4xx stored,
crashes retried, records purged after 8 days."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.central.deps import ContextDep, DeviceDep
from clerk.central.idempotency import (
    find_record,
    idempotent,
    purge_idempotency,
    request_fingerprint,
)
from clerk.central.problems import conflict
from tests.central.core_fixtures import Central, TestClient, central, problem_slug

__all__ = ["central"]

PATH = "/test/feedback"


class FeedbackBody(BaseModel):
    score: int
    mode: str = "ok"


class Gate:
    """Lets a test hold a handler mid-flight."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()


@pytest.fixture
def gate(central: Central) -> Gate:
    """Install the test route (an idempotent feedback write) on the app."""
    holder = Gate()
    router = APIRouter()

    @router.post(PATH)
    def post_feedback(
        body: FeedbackBody, request: Request, ctx: ContextDep, device: DeviceDep
    ) -> Response:
        def work(session: Session) -> tuple[int, dict[str, Any], dict[str, str]]:
            if body.mode == "wait":
                holder.entered.set()
                holder.release.wait(10)
            row = m.Feedback(
                id=uuid.uuid4().hex,
                store_id=device.store_id,
                subject="sale",
                score=body.score,
                created_at=ctx.now(),
            )
            session.add(row)
            session.flush()
            if body.mode == "problem":
                raise conflict("order-already-collected", "Already collected.")
            if body.mode == "crash":
                raise RuntimeError("database went away")
            return 201, {"id": row.id, "score": body.score}, {"ETag": '"1"'}

        return idempotent(request, ctx, device, work, body=body)

    central.app.include_router(router)
    return holder


def _post(c: Central, body: dict[str, Any], key: str | None, store_id: str = "WAW-01") -> Any:
    headers = c.headers(store_id)
    if key is not None:
        headers["Idempotency-Key"] = key
    return c.client.post(PATH, json=body, headers=headers)


def _feedback_count(c: Central) -> int:
    with c.factory() as session:
        return int(session.execute(select(func.count()).select_from(m.Feedback)).scalar_one())


def test_missing_key_is_400(central: Central, gate: Gate) -> None:
    answer = _post(central, {"score": 5}, None)
    assert answer.status_code == 400
    assert problem_slug(answer) == "idempotency-key-missing"
    assert _feedback_count(central) == 0


def test_replay_returns_the_first_response(central: Central, gate: Gate) -> None:
    first = _post(central, {"score": 5}, "k1")
    assert first.status_code == 201
    again = _post(central, {"score": 5}, "k1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["etag"] == '"1"'
    assert again.headers["idempotent-replayed"] == "true"
    assert _feedback_count(central) == 1


def test_same_key_other_body_is_422(central: Central, gate: Gate) -> None:
    assert _post(central, {"score": 5}, "k2").status_code == 201
    answer = _post(central, {"score": 4}, "k2")
    assert answer.status_code == 422
    assert problem_slug(answer) == "idempotency-key-reused"
    assert _feedback_count(central) == 1


def test_keys_belong_to_one_device(central: Central, gate: Gate) -> None:
    assert _post(central, {"score": 5}, "shared").status_code == 201
    other = _post(central, {"score": 5}, "shared", store_id="KRK-01")
    assert other.status_code == 201
    assert "idempotent-replayed" not in other.headers
    assert _feedback_count(central) == 2


def test_running_request_gives_409(central: Central, gate: Gate) -> None:
    device_id = central.device_ids["WAW-01"]
    with transaction(central.factory) as session:
        session.add(
            m.IdempotencyRecord(
                device_id=device_id,
                key="busy",
                request_hash=request_fingerprint("POST", PATH, {"score": 5, "mode": "ok"}),
                method="POST",
                path=PATH,
                state="running",
                created_at=central.clock.now(),
            )
        )
    answer = _post(central, {"score": 5}, "busy")
    assert answer.status_code == 409
    assert problem_slug(answer) == "idempotency-key-in-progress"
    # A running record left by a dead process is taken over after a while.
    central.clock.advance(timedelta(minutes=6))
    assert _post(central, {"score": 5}, "busy").status_code == 201
    assert _feedback_count(central) == 1


def test_concurrent_duplicate_gives_409(central: Central, gate: Gate) -> None:
    results: list[int] = []
    worker = threading.Thread(
        target=lambda: results.append(
            _post(central, {"score": 5, "mode": "wait"}, "race").status_code
        )
    )
    worker.start()
    assert gate.entered.wait(10)
    duplicate = _post(central, {"score": 5, "mode": "wait"}, "race")
    gate.release.set()
    worker.join(10)
    assert duplicate.status_code == 409
    assert problem_slug(duplicate) == "idempotency-key-in-progress"
    assert results == [201]
    assert _feedback_count(central) == 1


def test_client_error_is_stored_and_replayed(central: Central, gate: Gate) -> None:
    first = _post(central, {"score": 1, "mode": "problem"}, "p1")
    assert first.status_code == 409
    assert problem_slug(first) == "order-already-collected"
    again = _post(central, {"score": 1, "mode": "problem"}, "p1")
    assert again.status_code == 409
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert _feedback_count(central) == 0  # the work was rolled back both times


def test_crash_forgets_the_key_so_a_retry_runs(central: Central, gate: Gate) -> None:
    client = TestClient(central.app, raise_server_exceptions=False)
    headers = central.headers(**{"Idempotency-Key": "c1"})
    crashed = client.post(PATH, json={"score": 2, "mode": "crash"}, headers=headers)
    assert crashed.status_code == 500
    assert problem_slug(crashed) == "internal-error"
    with central.factory() as session:
        assert find_record(session, central.device_ids["WAW-01"], "c1") is None
    assert _feedback_count(central) == 0


def test_records_kept_seven_days_then_purged(central: Central, gate: Gate) -> None:
    assert _post(central, {"score": 5}, "old").status_code == 201
    central.clock.advance(timedelta(days=7, hours=23))
    replay = _post(central, {"score": 5}, "old")
    assert replay.headers.get("idempotent-replayed") == "true"
    with transaction(central.factory) as session:
        assert purge_idempotency(session, central.clock.now()) == 0
    central.clock.advance(timedelta(hours=2))
    with transaction(central.factory) as session:
        assert purge_idempotency(session, central.clock.now()) == 1
        assert find_record(session, central.device_ids["WAW-01"], "old") is None
