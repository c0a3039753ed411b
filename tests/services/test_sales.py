"""store_sale: catalogue prices, cart finalization, stock, points — shown at once, queued once."""

from __future__ import annotations

import pytest

from clerk.domain.entities import Tender
from clerk.domain.errors import DomainError
from clerk.domain.money import Money
from clerk.domain.store_credit import credit_code
from clerk.services import PENDING_NUMBER, SaleLine, Tendered, store_sale
from tests.services.world import NOW, STORE, Tablet


def _card(amount: str) -> list[Tendered]:
    return [Tendered(Tender.CARD, Money(amount))]


def test_plain_sale_is_shown_at_once_and_queued_once(tablet: Tablet) -> None:
    done = store_sale(
        tablet.ctx,
        tablet.actor("anna"),
        lines=[SaleLine("SHIRT-M", 2)],
        payments=_card("259.98"),
        order_id="tab1-sale-000001",
    )
    order = done.value
    assert order.id == "tab1-sale-000001" and order.number == PENDING_NUMBER
    assert order.status == "completed" and order.store_id == STORE and order.customer_id is None
    assert [(ln.id, ln.sku, ln.qty, str(ln.unit_price.amount)) for ln in order.lines] == [
        ("tab1-sale-000001-1", "SHIRT-M", 2, "129.99")
    ]
    shown = tablet.get("order", order.id)
    assert shown == order.to_dict()
    assert tablet.stock("SHIRT-M") == (18, 0)

    [command] = tablet.commands()
    assert command.id == done.command.id
    assert (command.method, command.path, command.kind) == ("POST", "/v1/orders", "store_sale")
    assert command.body == {
        "id": "tab1-sale-000001",
        "staff_id": "anna",
        "payments": [{"tender": "card", "amount": "259.98"}],
        "lines": [{"sku": "SHIRT-M", "qty": 2}],
    }
    assert command.lane == "order:tab1-sale-000001" and command.if_match is None
    assert set(command.touches) == {("order", order.id), ("inventory", "SHIRT-M")}
    [entry] = tablet.audit()
    assert (entry.action, entry.result, entry.command_id) == ("store_sale", "queued", command.id)
    assert entry.detail["total"] == "259.98"


def test_finalizing_the_cart_consumes_it_and_moves_points(tablet: Tablet) -> None:
    # The cart: 1 x SHIRT-M 129.99 + 2 x SOCKS-1 19.99 = 169.97; 100 points pay 5.00.
    done = store_sale(
        tablet.ctx,
        tablet.actor("maria"),
        customer_id="cust-gold",
        cart_id="cart-1",
        payments=[Tendered(Tender.CASH, Money("164.97"))],
        redeem_points=100,
    )
    order = done.value
    assert len(order.id) == 32 and order.cart_id == "cart-1"
    assert {p.tender: str(p.amount.amount) for p in order.payments} == {
        "cash": "164.97",
        "points": "5.00",
    }
    # 164 whole PLN paid x 1.5 (Gold) = 246 points.
    assert order.points_earned == 246
    assert tablet.points() == 1000 - 100 + 246
    cart = tablet.get("cart", "cart-1")
    assert cart is not None and cart["status"] == "consumed"
    assert tablet.stock("SHIRT-M") == (19, 0) and tablet.stock("SOCKS-1") == (18, 0)
    with tablet.store.unit(read_only=True) as unit:
        moves = sorted((t.kind, t.points) for t in unit.customers.loyalty("cust-gold"))
    assert moves == [("earn", 246), ("redeem", -100)]
    body = done.command.body
    assert body["cart_id"] == "cart-1" and body["redeem_points"] == 100
    # The lines sold are sent, not left to whatever the cart holds when central sees it.
    assert body["lines"] == [{"sku": "SHIRT-M", "qty": 1}, {"sku": "SOCKS-1", "qty": 2}]
    assert ("cart", "cart-1") in done.command.touches
    assert ("customer", "cust-gold") in done.command.touches


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"lines": [SaleLine("NOPE-1", 1)], "payments": _card("1.00")}, "unknown_product"),
        ({"lines": [], "payments": []}, "empty_sale"),
        ({"lines": [SaleLine("SHIRT-M", 0)]}, "invalid_quantity"),
        ({"lines": [SaleLine("SHIRT-M", 21)], "payments": _card("2729.79")}, "insufficient_stock"),
        (
            {"lines": [SaleLine("SHIRT-M", 1)], "payments": _card("100.00")},
            "payments_do_not_match_total",
        ),
        ({"lines": [SaleLine("SHIRT-M", 1)], "redeem_points": 100}, "redemption_needs_customer"),
        (
            {
                "lines": [SaleLine("SHIRT-M", 1)],
                "customer_id": "cust-gold",
                "redeem_points": 150,
                "payments": _card("122.49"),
            },
            "not_a_block",
        ),
        (
            {
                "lines": [SaleLine("SOCKS-1", 1)],
                "customer_id": "cust-gold",
                "redeem_points": 900,
                "payments": [],
            },
            "exceeds_total",
        ),
        (
            {"lines": [SaleLine("SHIRT-M", 1)], "payments": [Tendered(Tender.POINTS, Money("1"))]},
            "points_as_payment",
        ),
        ({"customer_id": "nobody", "lines": [SaleLine("SHIRT-M", 1)]}, "customer_not_found"),
        ({"customer_id": "cust-gold", "cart_id": "cart-old"}, "cart_consumed"),
        ({"order_id": "bad id"}, "invalid_id"),
        (
            {
                "lines": [SaleLine("SHIRT-M", 1)],
                "payments": [Tendered(Tender.STORE_CREDIT, Money("129.99"))],
            },
            "store_credit_needs_code",
        ),
        (
            {
                "lines": [SaleLine("SHIRT-M", 1)],
                "payments": [Tendered(Tender.STORE_CREDIT, Money("129.99"), "sc-12")],
            },
            "store_credit_needs_code",
        ),
    ],
)
def test_refusals_leave_nothing_but_an_audit_entry(
    tablet: Tablet, kwargs: dict[str, object], code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        store_sale(tablet.ctx, tablet.actor("anna"), **kwargs)  # type: ignore[arg-type]
    assert refused.value.code == code, refused.value.message
    assert tablet.commands() == []
    assert tablet.stock("SHIRT-M") == (20, 0) and tablet.points() == 1000
    assert all(entry.result == "refused" for entry in tablet.audit())


@pytest.mark.parametrize(
    ("staff_id", "code"),
    [("piotr", "role_not_allowed"), ("ola", "unknown_staff"), ("krk-boss", "unknown_staff")],
)
def test_only_sales_staff_and_managers_of_this_store_sell(
    tablet: Tablet, staff_id: str, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        store_sale(
            tablet.ctx,
            tablet.actor(staff_id),
            lines=[SaleLine("SOCKS-1", 1)],
            payments=_card("19.99"),
        )
    assert refused.value.code == code
    assert tablet.commands() == []
    [entry] = tablet.audit()
    assert entry.result == "refused" and entry.staff_id == staff_id and entry.at == NOW


def test_two_sales_of_one_cart_the_second_is_refused(tablet: Tablet) -> None:
    pay = [Tendered(Tender.CARD, Money("169.97"))]
    store_sale(
        tablet.ctx, tablet.actor("anna"), customer_id="cust-gold", cart_id="cart-1", payments=pay
    )
    with pytest.raises(DomainError) as refused:
        store_sale(
            tablet.ctx,
            tablet.actor("anna"),
            customer_id="cust-gold",
            cart_id="cart-1",
            payments=pay,
        )
    assert refused.value.code == "cart_consumed"
    assert len(tablet.commands()) == 1


def test_a_customer_known_only_by_their_code_still_gets_the_sale(tablet: Tablet) -> None:
    """Offline, not on the tablet: the sale names them and central credits their points."""
    done = store_sale(
        tablet.ctx,
        tablet.actor("anna"),
        lines=[SaleLine("SOCKS-1", 1)],
        payments=[Tendered(Tender.CASH, Money("19.99"))],
        customer_id="CUS-FAR-AWAY",
        customer_named_by_code=True,
    )
    assert done.value.customer_id == "CUS-FAR-AWAY" and done.value.points_earned == 0
    assert done.command.body["customer_id"] == "CUS-FAR-AWAY"
    # Points cannot be redeemed for them: the tablet does not know their balance.
    with pytest.raises(DomainError) as refused:
        store_sale(
            tablet.ctx,
            tablet.actor("anna"),
            lines=[SaleLine("SOCKS-1", 1)],
            payments=[Tendered(Tender.CASH, Money("14.99"))],
            customer_id="CUS-FAR-AWAY",
            customer_named_by_code=True,
            redeem_points=100,
        )
    assert refused.value.code == "customer_not_found"


def test_a_sale_paid_partly_with_store_credit_names_its_code(tablet: Tablet) -> None:
    code = credit_code("ret-1")
    done = store_sale(
        tablet.ctx,
        tablet.actor("anna"),
        lines=[SaleLine("SHIRT-M", 2)],
        payments=[
            Tendered(Tender.STORE_CREDIT, Money("200.00"), code),
            Tendered(Tender.CARD, Money("59.98")),
        ],
    )
    assert [(p.tender, str(p.amount.amount), p.reference) for p in done.value.payments] == [
        (Tender.STORE_CREDIT, "200.00", code),
        (Tender.CARD, "59.98", None),
    ]
    assert done.command.body["payments"] == [
        {"tender": "store_credit", "amount": "200.00", "reference": code},
        {"tender": "card", "amount": "59.98"},
    ]
