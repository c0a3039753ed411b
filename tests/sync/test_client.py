"""CentralClient against the real central service on loopback, and against faulty servers."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select

from clerk.central import models as m
from clerk.central.embedded import free_loopback_port
from clerk.sync.client import CentralClient
from clerk.sync.errors import (
    CentralBusy,
    CentralRefused,
    CentralUnavailable,
    DeviceNotAuthorized,
    FeedGone,
)
from tests.support.faults import Answer, Hangup, ScriptedServer, problem
from tests.sync.conftest import LiveCentral
from tests.sync.rig import collect_body, ready_order_ids


class Sleeps(list[float]):
    """A fake ``sleep`` that records what it was asked to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


# -- the real service ---------------------------------------------------------------------


def test_change_feed_in_pages_equals_the_whole_feed(live_central: LiveCentral) -> None:
    client = live_central.client()
    whole = client.changes(live_central.store_id, 0, 100_000)
    assert not whole.has_more and len(whole.changes) > 100
    pages, after = [], 0
    while True:
        page = client.changes(live_central.store_id, after, 300)
        pages.extend(page.changes)
        after = page.next_after
        if not page.has_more:
            break
    assert pages == whole.changes
    assert after == whole.next_after == whole.changes[-1]["seq"]
    empty = client.changes(live_central.store_id, after, 300)
    assert empty.changes == [] and empty.next_after == after and not empty.has_more


def test_reads_profile_customer_search_and_orders(live_central: LiveCentral) -> None:
    client = live_central.client()
    with live_central.session() as session:
        customer = session.scalars(select(m.Customer).order_by(m.Customer.id)).first()
        order = session.scalars(select(m.Order).order_by(m.Order.id)).first()
        assert customer is not None and order is not None
    bundle = client.profile(customer.id)
    assert bundle["customer"]["id"] == customer.id
    assert client.customer(customer.id)["last_name"] == customer.last_name
    found = client.search_customers(customer.last_name, limit=50)
    assert customer.id in {c["id"] for c in found}
    reply = client.order(order.id)
    assert reply.status == 200 and reply.body is not None and reply.body["id"] == order.id
    assert reply.etag == f'"{order.version}"'
    by_number = client.order_by_number(order.number)
    assert by_number.body is not None and by_number.body["id"] == order.id
    assert client.health()


def test_a_missing_customer_is_refused_with_its_problem(live_central: LiveCentral) -> None:
    with pytest.raises(CentralRefused) as caught:
        live_central.client().profile("NO-SUCH-CUSTOMER")
    assert caught.value.problem.status == 404
    assert caught.value.problem.slug == "customer-not-found"


def test_send_posts_once_per_key_and_refuses_an_impossible_step(live_central: LiveCentral) -> None:
    client = live_central.client()
    order_id = ready_order_ids(live_central)[0]
    path = f"/v1/orders/{order_id}/collect"
    key = str(uuid.uuid4())
    first = client.send("POST", path, collect_body(), idempotency_key=key)
    assert first.status == 200 and first.body is not None
    assert first.body["order"]["status"] == "collected"
    assert first.etag == f'"{first.body["order"]["version"]}"'
    again = client.send("POST", path, collect_body(), idempotency_key=key)
    assert again == first  # the replay: the first answer, not a second collect
    with pytest.raises(CentralRefused) as caught:
        client.send("POST", path, collect_body(), idempotency_key=str(uuid.uuid4()))
    assert caught.value.problem.status == 409
    assert caught.value.problem.slug == "order-already-collected"
    assert caught.value.problem.type.startswith("https://clerk.example/problems/")


def test_a_stale_if_match_is_refused_with_412(live_central: LiveCentral) -> None:
    client = live_central.client()
    order_id = ready_order_ids(live_central)[0]
    version = client.order(order_id).etag
    assert version is not None
    stale = f'"{int(version.strip(chr(34))) - 1}"'
    with pytest.raises(CentralRefused) as caught:
        client.send(
            "POST",
            f"/v1/orders/{order_id}/collect",
            collect_body(),
            idempotency_key=str(uuid.uuid4()),
            if_match=stale,
        )
    assert caught.value.problem.status == 412
    assert caught.value.problem.slug == "version-mismatch"
    ok = client.send(
        "POST",
        f"/v1/orders/{order_id}/collect",
        collect_body(),
        idempotency_key=str(uuid.uuid4()),
        if_match=version,
    )
    assert ok.status == 200


def test_unknown_token_is_device_not_authorized(live_central: LiveCentral) -> None:
    client = CentralClient(live_central.url, "not-a-token", sleep=lambda s: None)
    with pytest.raises(DeviceNotAuthorized) as caught:
        client.changes(live_central.store_id, 0, 10)
    assert caught.value.status == 401


def test_a_cursor_beyond_the_feed_is_gone(live_central: LiveCentral) -> None:
    client = live_central.client()
    with live_central.session() as session:
        newest = session.scalar(select(func.max(m.Change.seq)))
    assert newest is not None
    with pytest.raises(FeedGone) as caught:
        client.changes(live_central.store_id, newest + 1000, 10)
    assert caught.value.status == 410


def test_health_is_false_when_nothing_listens() -> None:
    client = CentralClient(f"http://127.0.0.1:{free_loopback_port()}", "t", connect_timeout=0.5)
    assert not client.health()


# -- faulty servers -----------------------------------------------------------------------


def test_a_post_is_retried_after_503_with_the_same_key_and_full_jitter() -> None:
    server = ScriptedServer([Answer(503), Answer(503), Answer(201, {"ok": True})])
    sleeps = Sleeps()
    with server.running() as url:
        client = CentralClient(url, "tok", sleep=sleeps, rng=lambda: 0.5, backoff=0.25)
        reply = client.send(
            "POST", "/v1/feedback", {"score": 5}, idempotency_key="K-1", if_match='"7"'
        )
    assert reply.status == 201 and reply.body == {"ok": True}
    assert sleeps == [0.125, 0.25]  # rng * base * 2**attempt
    assert len(server.seen) == 3
    for seen in server.seen:
        assert seen.method == "POST" and seen.path == "/v1/feedback"
        assert seen.headers["Idempotency-Key"] == "K-1"
        assert seen.headers["If-Match"] == '"7"'
        assert seen.headers["Authorization"] == "Bearer tok"
        assert json.loads(seen.body) == {"score": 5}


def test_the_backoff_grows_to_its_cap() -> None:
    server = ScriptedServer([], then=Answer(502))
    sleeps = Sleeps()
    with server.running() as url:
        client = CentralClient(
            url, "t", sleep=sleeps, rng=lambda: 1.0, retries=6, backoff=1.0, backoff_max=8.0
        )
        with pytest.raises(CentralUnavailable) as caught:
            client.changes("WAW-01", 0, 10)
    assert caught.value.status == 502
    assert sleeps == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert len(server.seen) == 7


def test_a_cut_connection_is_retried() -> None:
    page = {"changes": [], "next_after": 5, "has_more": False}
    server = ScriptedServer([Hangup(), Hangup(), Answer(200, page)])
    with server.running() as url:
        client = CentralClient(url, "t", sleep=Sleeps())
        assert client.changes("WAW-01", 5, 10).next_after == 5
    assert len(server.seen) == 3
    assert server.seen[0].path == "/v1/stores/WAW-01/changes?after=5&limit=10"


def test_retry_after_is_honoured_and_capped() -> None:
    server = ScriptedServer(
        [
            Answer(429, headers={"Retry-After": "3"}),
            Answer(503, headers={"Retry-After": "600"}),
            Answer(200, {"id": "C1"}),
        ]
    )
    sleeps = Sleeps()
    with server.running() as url:
        client = CentralClient(url, "t", sleep=sleeps, backoff_max=8.0)
        assert client.customer("C1") == {"id": "C1"}
    assert sleeps == [3.0, 8.0]


def test_a_read_timeout_is_retried_then_reported() -> None:
    server = ScriptedServer([], then=Answer(200, {}, delay=0.6))
    with server.running() as url:
        client = CentralClient(url, "t", sleep=Sleeps(), read_timeout=0.2, retries=1)
        with pytest.raises(CentralUnavailable, match="timed out"):
            client.send("POST", "/v1/feedback", {}, idempotency_key="K")
    assert len(server.seen) == 2


def test_connection_refused_is_unavailable_after_the_retries() -> None:
    sleeps = Sleeps()
    url = f"http://127.0.0.1:{free_loopback_port()}"
    client = CentralClient(url, "t", sleep=sleeps, retries=2, connect_timeout=0.5)
    with pytest.raises(CentralUnavailable, match="connection failed"):
        client.changes("WAW-01", 0, 10)
    assert len(sleeps) == 2


def test_idempotency_in_progress_is_retried_then_busy() -> None:
    busy = problem(409, "idempotency-key-in-progress", "still running")
    server = ScriptedServer([busy, Answer(200, {"order": {"id": "O1"}})])
    with server.running() as url:
        client = CentralClient(url, "t", sleep=Sleeps())
        reply = client.send("POST", "/v1/orders/O1/collect", {}, idempotency_key="K")
        assert reply.body == {"order": {"id": "O1"}}
    always_busy = ScriptedServer([], then=busy)
    with always_busy.running() as url:
        client = CentralClient(url, "t", sleep=Sleeps(), retries=2)
        with pytest.raises(CentralBusy) as caught:
            client.send("POST", "/v1/orders/O1/collect", {}, idempotency_key="K")
    assert isinstance(caught.value, CentralUnavailable)
    assert len(always_busy.seen) == 3


def test_refusals_and_server_errors_are_not_retried() -> None:
    refusal = problem(422, "return-window-closed", "Too late.", code="return_window_closed")
    server = ScriptedServer([refusal, Answer(500, {"type": "x/internal-error"})])
    with server.running() as url:
        client = CentralClient(url, "t", sleep=Sleeps())
        with pytest.raises(CentralRefused) as refused:
            client.send("POST", "/v1/returns", {}, idempotency_key="K")
        with pytest.raises(CentralUnavailable) as failed:
            client.send("POST", "/v1/returns", {}, idempotency_key="K2")
    assert refused.value.problem.slug == "return-window-closed"
    assert refused.value.problem.detail == "Too late."
    assert refused.value.problem.extra == {"code": "return_window_closed"}
    assert not isinstance(failed.value, CentralRefused) and failed.value.status == 500
    assert len(server.seen) == 2


def test_a_non_problem_error_body_still_gives_a_problem() -> None:
    server = ScriptedServer([Answer(404, b"<html>nope</html>", {"Content-Type": "text/html"})])
    with server.running() as url, pytest.raises(CentralRefused) as caught:
        CentralClient(url, "t").customer("C1")
    assert caught.value.problem.type == "about:blank"
    assert caught.value.problem.status == 404 and caught.value.problem.title == "Not Found"


def test_enroll_needs_no_token_and_is_tried_once() -> None:
    server = ScriptedServer([Answer(503)])
    with server.running() as url:
        client = CentralClient(url, None, sleep=Sleeps())
        with pytest.raises(CentralUnavailable):
            client.enroll("ABCD-EFGH", "tablet", "key")
    assert len(server.seen) == 1
    assert "Authorization" not in server.seen[0].headers
