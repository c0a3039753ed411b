"""The central service end to end over real HTTP on loopback, on SQLite and PostgreSQL.

enroll → full change feed → customer 360 → mark ready (the e-mail arrives) → collect with a
retried idempotent request (one collection) → the same collect from a second tablet (409) →
return one line (refund split, points reversed, stock back) → the feed shows all of it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.central.app import create_app
from clerk.central.context import CentralSettings
from clerk.central.enrollment import create_enrollment_code
from clerk.central.seed import DEMO_STAFF, SeedSummary, seed_demo
from clerk.domain.entities import OrderLine
from clerk.domain.returns import line_refund_amount
from clerk.domain.tokens import generate_private_key, public_key_text
from tests.support.live import MailSink, serve_app, smtp_server

STORE = "WAW-01"
PICKUP_CLERK = next(s for s in DEMO_STAFF if s.role == "pickup" and STORE in s.store_ids)
SALES_CLERK = next(s for s in DEMO_STAFF if s.role == "sales" and STORE in s.store_ids)


@dataclass
class Live:
    url: str
    engine: Engine
    seeded: SeedSummary
    mail: MailSink


@pytest.fixture
def live(central_engine: Engine, db_url: str) -> Iterator[Live]:
    seeded = seed_demo(central_engine, customers=150, orders=1200, now=datetime.now(UTC))
    with smtp_server() as (smtp_port, mail):
        settings = CentralSettings(
            db_url=db_url, smtp_host="127.0.0.1", smtp_port=smtp_port, mail_from="sklep@clerk.test"
        )
        with serve_app(create_app(settings)) as url:
            yield Live(url, central_engine, seeded, mail)


def enroll(live: Live, name: str) -> requests.Session:
    with Session(live.engine) as session, session.begin():
        code = create_enrollment_code(session, STORE, datetime.now(UTC))
    key = generate_private_key()
    answer = requests.post(
        f"{live.url}/v1/devices/enroll",
        json={"code": code, "device_name": name, "public_key": public_key_text(key.public_key())},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["store"]["id"] == STORE
    assert body["signing_keys"], "the device needs central's public keys to verify QR codes"
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {body['token']}"
    return http


def pull_feed(
    live: Live, http: requests.Session, after: int = 0
) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    while True:
        page = http.get(
            f"{live.url}/v1/stores/{STORE}/changes",
            params={"after": after, "limit": 500},
            timeout=30,
        )
        assert page.status_code == 200, page.text
        body = page.json()
        seqs = [c["seq"] for c in body["changes"]]
        assert seqs == sorted(seqs) and all(s > after for s in seqs), "seq strictly increasing"
        changes.extend(body["changes"])
        after = body["next_after"]
        if not body["has_more"]:
            return changes, after


def post(http: requests.Session, url: str, body: dict[str, Any], key: str) -> requests.Response:
    return http.post(url, json=body, headers={"Idempotency-Key": key}, timeout=300)


def test_a_pickup_from_shelf_to_return(live: Live) -> None:
    tablet = enroll(live, "Pickup desk 1")
    other_tablet = enroll(live, "Counter 2")

    # The full slice of the store arrives through the change feed.
    changes, cursor = pull_feed(live, tablet)
    kinds = {c["entity"] for c in changes}
    assert {"product", "inventory", "staff", "customer", "order", "signing_key"} <= kinds
    order_id = live.seeded.pickup_board["placed"][0]
    fed = [c for c in changes if c["entity"] == "order" and c["id"] == order_id]
    assert fed and fed[-1]["data"]["status"] == "placed"
    order = fed[-1]["data"]
    customer_id = order["customer_id"]

    # The customer 360 in one response.
    profile = tablet.get(f"{live.url}/v1/customers/{customer_id}/profile", timeout=10)
    assert profile.status_code == 200, profile.text
    assert profile.json()["customer"]["id"] == customer_id
    assert any(e.get("ref_id") == order_id for e in profile.json()["timeline"])

    # Picked and shelved: the customer gets an e-mail with the pickup code.
    etag = tablet.get(f"{live.url}/v1/orders/{order_id}", timeout=10).headers["ETag"]
    ready = tablet.post(
        f"{live.url}/v1/orders/{order_id}/ready",
        json={"staff_id": PICKUP_CLERK.id, "shelf": "A-03"},
        headers={"Idempotency-Key": str(uuid.uuid4()), "If-Match": etag},
        timeout=30,
    )
    assert ready.status_code == 200, ready.text
    pickup_code = ready.json()["order"]["pickup"]["pickup_code"]
    mail = live.mail.wait_for(lambda msg: pickup_code in msg.get_body().get_content())
    with Session(live.engine) as session:
        customer = session.get(m.Customer, customer_id)
        assert customer is not None
        assert customer.email in mail["To"]

    # The customer collects; the tablet's first answer is lost, so it sends the same request again.
    collect = {
        "staff_id": PICKUP_CLERK.id,
        "verification": {"method": "pickup_token", "collected_by": "customer"},
    }
    key = str(uuid.uuid4())
    first = post(tablet, f"{live.url}/v1/orders/{order_id}/collect", collect, key)
    again = post(tablet, f"{live.url}/v1/orders/{order_id}/collect", collect, key)
    assert first.status_code == again.status_code == 200, first.text
    assert again.json() == first.json()
    collected = first.json()["order"]
    assert collected["status"] == "collected"

    # A second tablet releasing the same order is refused: nothing is handed out twice.
    second = post(
        other_tablet, f"{live.url}/v1/orders/{order_id}/collect", collect, str(uuid.uuid4())
    )
    assert second.status_code == 409, second.text
    assert second.headers["Content-Type"].startswith("application/problem+json")

    with Session(live.engine) as session:
        line = collected["lines"][0]
        stock_before = session.get(m.Inventory, (STORE, line["sku"]))
        assert stock_before is not None
        on_hand_before = stock_before.on_hand
        balance_before = session.get(m.Customer, customer_id).points_balance  # type: ignore[union-attr]

    # One unit of the first line comes back, resellable.
    returned = post(
        tablet,
        f"{live.url}/v1/returns",
        {
            "staff_id": SALES_CLERK.id,
            "order_id": order_id,
            "lines": [{"line_id": line["id"], "qty": 1, "reason": "too_small"}],
        },
        str(uuid.uuid4()),
    )
    assert returned.status_code == 201, returned.text
    ret = returned.json()["return"]
    # The refund is the line's share, split over the tenders the order was paid with.
    refunded = sum(Decimal(r["amount"]) for r in ret["refunds"])
    assert refunded == line_refund_amount(OrderLine.from_dict(line), 1).amount
    paid = {p["tender"]: Decimal(p["amount"]) for p in collected["payments"]}
    for refund in ret["refunds"]:
        assert Decimal(refund["amount"]) <= paid[refund["tender"]]

    with Session(live.engine) as session:
        stock_after = session.get(m.Inventory, (STORE, line["sku"]))
        assert stock_after is not None and stock_after.on_hand == on_hand_before + 1
        customer = session.get(m.Customer, customer_id)
        assert customer is not None
        reversals = session.scalars(
            select(m.LoyaltyTransaction.points).where(
                m.LoyaltyTransaction.return_id == ret["id"], m.LoyaltyTransaction.kind == "reverse"
            )
        ).all()
        assert -sum(reversals) == ret["points_reversed"]
        if collected["points_earned"] and refunded >= 1:
            assert ret["points_reversed"] > 0, "points earned on the returned part come back"
        points_back = sum(r["points"] for r in ret["refunds"])
        assert customer.points_balance == balance_before - ret["points_reversed"] + points_back

    # The feed since the first pull tells the tablet all of it.
    delta, _ = pull_feed(live, tablet, after=cursor)
    by_entity = {(c["entity"], c["id"]) for c in delta}
    assert ("order", order_id) in by_entity
    assert ("return", ret["id"]) in by_entity
    assert ("inventory", f"{STORE}:{line['sku']}") in by_entity or any(
        c["entity"] == "inventory" and c["data"]["sku"] == line["sku"] for c in delta
    )
    last_order = [c for c in delta if c["entity"] == "order" and c["id"] == order_id][-1]
    assert last_order["data"]["status"] == "collected"
    assert last_order["data"]["lines"][0]["returned_qty"] == 1
