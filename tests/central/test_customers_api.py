"""Customer search, the customer 360 profile, orders by id and number."""

from __future__ import annotations

from datetime import timedelta

from clerk.central import models as m
from clerk.central.db import transaction
from tests.central.core_fixtures import (
    NOW,
    Central,
    add_customer,
    add_order,
    central,
    problem_slug,
)

__all__ = ["central"]


def _people(c: Central) -> dict[str, m.Customer]:
    with transaction(c.factory) as session:
        return {
            "lukasz": add_customer(
                session, "Łukasz", "Żółkiewski", phone="+48 601 234 567", email="lz@example.pl"
            ),
            "anna": add_customer(session, "Anna", "Kowalska", email="anna.k@example.pl"),
            "adam": add_customer(session, "Adam", "Kowalski", stores=("KRK-01",)),
        }


def _names(answer: object) -> list[str]:
    body = answer.json()  # type: ignore[attr-defined]
    assert body["count"] == len(body["customers"])
    return [f"{c['first_name']} {c['last_name']}" for c in body["customers"]]


def test_search_by_name_ignores_case_and_diacritics(central: Central) -> None:
    _people(central)
    assert _names(central.get("/v1/customers", q="kowal")) == ["Anna Kowalska", "Adam Kowalski"]
    assert _names(central.get("/v1/customers", q="lukasz zolk")) == ["Łukasz Żółkiewski"]
    assert _names(central.get("/v1/customers", q="ŁUKASZ")) == ["Łukasz Żółkiewski"]
    assert _names(central.get("/v1/customers", q="anna kowalski")) == []


def test_search_by_phone_email_and_card(central: Central) -> None:
    people = _people(central)
    for typed in ("601234567", "+48 601 234 567", "601-234-567", "+48601234567", "1234567"):
        assert _names(central.get("/v1/customers", q=typed)) == ["Łukasz Żółkiewski"], typed
    assert _names(central.get("/v1/customers", q="ANNA.K@example.pl")) == ["Anna Kowalska"]
    card = people["adam"].card_number
    assert _names(central.get("/v1/customers", q=card)) == ["Adam Kowalski"]


def test_search_is_brand_wide_and_limited(central: Central) -> None:
    _people(central)
    from_krakow = central.get("/v1/customers", store_id="KRK-01", q="kowal", limit=1)
    assert len(from_krakow.json()["customers"]) == 1


def test_search_of_only_separators_finds_nobody(central: Central) -> None:
    _people(central)
    for query in (",", " , ,"):
        answer = central.get("/v1/customers", q=query)
        assert answer.status_code == 200 and _names(answer) == []


def _history(c: Central) -> dict[str, str]:
    with transaction(c.factory) as session:
        customer = add_customer(session, "Maria", "Wiśniewska")
        ready = add_order(session, customer, created_at=NOW - timedelta(days=2), status="ready")
        elsewhere = add_order(
            session, customer, created_at=NOW - timedelta(days=1), pickup_store_id="KRK-01"
        )
        old = add_order(
            session,
            customer,
            created_at=NOW - timedelta(days=300),
            channel="store",
            fulfilment="carry_out",
            store_id="WAW-01",
            status="completed",
            lines=(("TS-M", 2, "50.00"), ("JK-M", 1, "199.00")),
        )
        for day in range(5):
            session.add(
                m.Interaction(
                    id=f"visit-{day}",
                    customer_id=customer.id,
                    kind="visit",
                    channel="store",
                    store_id="WAW-01",
                    created_at=NOW - timedelta(days=10 + day),
                )
            )
        session.add(
            m.Interaction(
                id="ticket-1",
                customer_id=customer.id,
                kind="ticket",
                channel="web",
                subject="Reklamacja",
                status="open",
                created_at=NOW - timedelta(days=20),
            )
        )
        cart = m.Cart(id="cart-m", customer_id=customer.id, updated_at=NOW)
        cart.lines.append(m.CartLine(line_no=1, sku="TS-L", qty=2))
        cart.lines.append(m.CartLine(line_no=2, sku="JK-M", qty=9))
        session.add(cart)
        session.flush()
        return {
            "customer": customer.id,
            "ready": ready.id,
            "elsewhere": elsewhere.id,
            "old": old.id,
            "old_number": old.number,
        }


def test_profile_bundle(central: Central) -> None:
    ids = _history(central)
    answer = central.get(f"/v1/customers/{ids['customer']}/profile")
    assert answer.status_code == 200
    body = answer.json()
    assert body["customer"]["id"] == ids["customer"]
    assert body["summary"]["orders"] == 3
    timeline = body["timeline"]
    ats = [entry["at"] for entry in timeline]
    assert ats == sorted(ats, reverse=True)
    assert {e["kind"] for e in timeline} == {"order", "visit", "interaction"}
    assert all(
        set(e) == {"kind", "at", "channel", "store_id", "ref_id", "title", "data"} for e in timeline
    )
    old = next(e for e in timeline if e["ref_id"] == ids["old"])
    assert old["data"]["total"] == "299.00" and old["data"]["items"] == 3
    assert body["timeline_next_before"] is None
    cart = body["cart"]
    assert cart["id"] == "cart-m"
    lines = {line["sku"]: line for line in cart["lines"]}
    assert lines["TS-L"]["price"] == "99.99" and lines["TS-L"]["available_here"] == 4
    assert lines["JK-M"]["enough_here"] is False
    assert cart["total"] == "1099.89"
    items = body["open_items"]
    assert [o["id"] for o in items["pickups"]] == [ids["ready"]]  # only those waiting here
    assert [t["id"] for t in items["tickets"]] == ["ticket-1"]


def test_profile_timeline_pages_with_before(central: Central) -> None:
    ids = _history(central)
    first = central.get(f"/v1/customers/{ids['customer']}/profile", limit=4).json()
    assert len(first["timeline"]) == 4
    before = first["timeline_next_before"]
    assert before is not None
    rest = central.client.get(
        f"/v1/customers/{ids['customer']}/profile",
        headers=central.headers(),
        params={"before": before, "limit": 200},
    ).json()
    refs = [e["ref_id"] for e in first["timeline"]] + [e["ref_id"] for e in rest["timeline"]]
    assert len(refs) == len(set(refs)) == 9


def test_unknown_customer_is_404(central: Central) -> None:
    answer = central.get("/v1/customers/nobody/profile")
    assert answer.status_code == 404
    assert problem_slug(answer) == "customer-not-found"


def test_order_by_id_and_number_from_any_store(central: Central) -> None:
    ids = _history(central)
    by_id = central.get(f"/v1/orders/{ids['old']}", store_id="KRK-01")
    assert by_id.status_code == 200
    assert by_id.headers["etag"] == '"1"'
    assert by_id.json()["lines"][0]["unit_price"] == "50.00"
    by_number = central.get("/v1/orders", number=ids["old_number"])
    assert by_number.json() == by_id.json()
    missing = central.get("/v1/orders/none")
    assert missing.status_code == 404 and problem_slug(missing) == "order-not-found"
    assert problem_slug(central.get("/v1/orders", number="X-0")) == "order-not-found"
