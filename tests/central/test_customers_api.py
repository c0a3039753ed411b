"""Customer search, the customer 360 profile, orders by id and number."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from clerk.central import models as m
from clerk.central.db import transaction
from clerk.central.profile import cart_bundle, size_order
from tests.central.core_fixtures import (
    NOW,
    Central,
    add_customer,
    add_order,
    add_product,
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


def _shelf(c: Central) -> str:
    """A parka style in three colours and six sizes with stock here and in five more stores,
    and a cart wanting two black M (one here) and a T-shirt there is enough of."""
    stock_here = {
        ("czarny", "S"): 3,
        ("czarny", "M"): 1,
        ("czarny", "L"): 0,  # on hand but held: not available
        ("czarny", "XL"): 1,
        ("czarny", "XXL"): 4,
        ("granatowy", "S"): 1,
        ("granatowy", "M"): 2,
        ("granatowy", "L"): 5,
        ("szary", "XS"): 2,
        ("szary", "M"): 1,
        ("szary", "XL"): 3,
    }
    with transaction(c.factory) as session:
        for store_id, city in (
            ("GDA-01", "Gdańsk"),
            ("POZ-01", "Poznań"),
            ("WRO-01", "Wrocław"),
            ("LOD-01", "Łódź"),
            ("SZC-01", "Szczecin"),
        ):
            session.add(m.Store(id=store_id, name=f"Sklep {city}", city=city, address="ul. 1"))
        session.flush()
        for colour in ("czarny", "granatowy", "szary"):
            for size in ("XS", "S", "M", "L", "XL", "XXL"):
                add_product(session, f"PAR-{colour[:3].upper()}-{size}", size=size, colour=colour)
        for (colour, size), count in stock_here.items():
            held = 2 if count == 0 else 0
            sku = f"PAR-{colour[:3].upper()}-{size}"
            session.add(m.Inventory(store_id="WAW-01", sku=sku, on_hand=count + held, held=held))
        for store_id, on_hand, held in (
            ("KRK-01", 2, 0),
            ("GDA-01", 6, 0),
            ("POZ-01", 1, 1),  # all held: not offered
            ("WRO-01", 2, 0),
            ("LOD-01", 9, 1),
            ("SZC-01", 1, 0),
        ):
            session.add(m.Inventory(store_id=store_id, sku="PAR-CZA-M", on_hand=on_hand, held=held))
        customer = add_customer(session, "Ewa", "Nowak")
        cart = m.Cart(id="cart-e", customer_id=customer.id, updated_at=NOW)
        cart.lines.append(m.CartLine(line_no=1, sku="PAR-CZA-M", qty=2))
        cart.lines.append(m.CartLine(line_no=2, sku="TS-M", qty=1))
        cart.lines.append(m.CartLine(line_no=3, sku="JK-M", qty=9))
        session.add(cart)
        return customer.id


def test_profile_cart_offers_other_sizes_and_colours_here_and_other_stores(
    central: Central,
) -> None:
    customer_id = _shelf(central)
    lines = central.get(f"/v1/customers/{customer_id}/profile").json()["cart"]["lines"]
    parka, shirt, jacket = lines
    assert parka["available_here"] == 1 and parka["enough_here"] is False
    offered = [(a["colour"], a["size"], a["available_here"]) for a in parka["alternatives"]]
    assert offered == [
        # the same colour in other sizes, in shelf order (L is all held)
        ("czarny", "S", 3),
        ("czarny", "XL", 1),
        ("czarny", "XXL", 4),
        # the same size in other colours
        ("granatowy", "M", 2),
        ("szary", "M", 1),
        # the rest, by colour and size; capped at eight (szary XL left off)
        ("granatowy", "S", 1),
        ("granatowy", "L", 5),
        ("szary", "XS", 2),
    ]
    first = parka["alternatives"][0]
    assert set(first) == {"sku", "ean", "size", "colour", "available_here"}
    assert first["sku"] == "PAR-CZA-S" and len(first["ean"]) == 13
    assert parka["elsewhere"] == [
        {"store_id": "LOD-01", "store_name": "Sklep Łódź", "available": 8},
        {"store_id": "GDA-01", "store_name": "Sklep Gdańsk", "available": 6},
        {"store_id": "KRK-01", "store_name": "Kraków Rynek", "available": 2},
        {"store_id": "WRO-01", "store_name": "Sklep Wrocław", "available": 2},
        {"store_id": "SZC-01", "store_name": "Sklep Szczecin", "available": 1},
    ]
    # Enough here: nothing else offered, though KRK-01 has TS-M and TS-L is here.
    assert shirt["enough_here"] is True
    assert shirt["alternatives"] == [] and shirt["elsewhere"] == []
    # Short, but no other variant of the style and no other store has it.
    assert jacket["enough_here"] is False
    assert jacket["alternatives"] == [] and jacket["elsewhere"] == []


def test_profile_cart_alternatives_are_seen_from_the_asking_store(central: Central) -> None:
    customer_id = _shelf(central)
    lines = central.get(f"/v1/customers/{customer_id}/profile", store_id="KRK-01").json()
    parka = lines["cart"]["lines"][0]
    assert parka["available_here"] == 2 and parka["enough_here"] is True
    assert parka["alternatives"] == [] and parka["elsewhere"] == []
    jacket = lines["cart"]["lines"][2]
    assert jacket["available_here"] == 0
    assert jacket["elsewhere"] == [
        {"store_id": "WAW-01", "store_name": "Warszawa Centrum", "available": 4}
    ]


def test_profile_cart_costs_the_same_queries_for_one_short_line_or_many(
    central: Central,
) -> None:
    customer_id = _shelf(central)

    def statements(skus: list[str]) -> int:
        with transaction(central.factory) as session:
            cart = session.get(m.Cart, "cart-e")
            assert cart is not None
            cart.lines = [
                m.CartLine(line_no=i, sku=sku, qty=9) for i, sku in enumerate(skus, start=1)
            ]
        seen: list[str] = []
        engine = central.factory.kw["bind"]

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(engine, "before_cursor_execute", count)
        try:
            with central.factory() as session:
                bundle = cart_bundle(session, customer_id, "WAW-01")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert bundle is not None and all(not line["enough_here"] for line in bundle["lines"])
        return len(seen)

    one = statements(["PAR-CZA-M"])
    many = statements(["PAR-CZA-M", "PAR-GRA-L", "PAR-SZA-XL", "JK-M", "TS-M", "PAR-CZA-XS"])
    # the cart, its lines, products, stock here, the style variants here, other stores
    assert one == many == 6, (one, many)


def test_sizes_sort_in_shelf_order() -> None:
    sizes = ["ONE", "43", "XL", "39-42", "S", "XXS", "37", "M", "35-38", "L", "XXL"]
    assert sorted(sizes, key=size_order) == [
        "XXS", "S", "M", "L", "XL", "XXL", "35-38", "37", "39-42", "43", "ONE"
    ]  # fmt: skip
