"""The customer at the counter from the tablet's slice: the 360, its timeline pages, search,
the store visit and revealing the contact."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clerk.domain.entities import (
    Channel,
    Fulfilment,
    Interaction,
    InteractionKind,
    InventoryLevel,
    LoyaltyKind,
    LoyaltyTransaction,
    OrderStatus,
    Refund,
    RefundMethod,
    Return,
    ReturnCondition,
    ReturnLine,
    ReturnReason,
    Tender,
)
from clerk.domain.errors import DomainError
from clerk.domain.money import Money
from clerk.services import (
    find_customers,
    local_360,
    older_timeline,
    record_visit,
    reveal_contact,
)
from clerk.services.customer_view import mask_email, mask_phone, points_value
from clerk.services.customers import ticket_thread
from tests.services.world import NOW, STORE, Tablet, order, product, reservation


def _interaction(
    item_id: str,
    kind: InteractionKind,
    *,
    at_days: float,
    subject: str = "",
    thread_id: str | None = None,
    status: str | None = None,
    channel: Channel = Channel.WEB,
) -> Interaction:
    return Interaction(
        id=item_id,
        customer_id="cust-gold",
        kind=kind,
        channel=channel,
        subject=subject,
        body="",
        thread_id=thread_id,
        status=status,  # type: ignore[arg-type]
        staff_id=None,
        store_id=None,
        created_at=NOW - timedelta(days=at_days),
    )


def test_the_360_gathers_every_channel_newest_first_with_open_items(tablet: Tablet) -> None:
    ready = order(tablet, [("SHIRT-M", 1)], created_at=NOW - timedelta(days=3))
    sold = order(
        tablet,
        [("JEANS-32", 1)],
        status=OrderStatus.COMPLETED,
        fulfilment=Fulfilment.CARRY_OUT,
        created_at=NOW - timedelta(days=10),
        points_earned=373,
    )
    held = reservation(tablet, [("SOCKS-1", 1)])
    tablet.put(
        "return",
        Return(
            id="ret-1",
            order_id=sold.id,
            store_id=STORE,
            staff_id="anna",
            created_at=NOW - timedelta(days=5),
            lines=[
                ReturnLine(
                    sold.lines[0].id,
                    1,
                    ReturnReason.TOO_BIG,
                    ReturnCondition.RESELLABLE,
                    Money("249.00"),
                )
            ],
            refund_method=RefundMethod.ORIGINAL,
            refunds=[Refund(Tender.CARD, Money("249.00"), status="pending")],
            status="refund_pending",
        ),
    )
    tablet.put(
        "loyalty",
        LoyaltyTransaction(
            "lt-1",
            "cust-gold",
            LoyaltyKind.EARN,
            373,
            sold.id,
            None,
            Channel.STORE,
            STORE,
            NOW - timedelta(days=10),
        ),
    )
    tablet.put(
        "interaction",
        _interaction(
            "tk-1", InteractionKind.TICKET, at_days=1, subject="Brak paczki", status="open"
        ),
    )
    tablet.put(
        "interaction",
        _interaction("tk-1-r", InteractionKind.CONTACT, at_days=0.5, thread_id="tk-1"),
    )

    view = local_360(tablet.ctx, "cust-gold")
    assert view is not None and view.source == "local" and not view.unavailable
    assert view.customer is not None and view.customer.full_name == "Łucja Wójcik"
    kinds = [(e.kind, e.ref_id) for e in view.timeline]
    assert kinds == [
        ("reservation", held.id),
        ("interaction", "tk-1-r"),
        ("interaction", "tk-1"),
        ("order", ready.id),
        ("return", "ret-1"),
        ("order", sold.id),  # the same moment as its points: by id, newest first
        ("loyalty", "lt-1"),
    ]
    assert [e.at for e in view.timeline] == sorted((e.at for e in view.timeline), reverse=True)
    by_ref = {e.ref_id: e for e in view.timeline}
    assert by_ref[sold.id].data["total"] == "249.00" and by_ref[sold.id].data["items"] == 1
    assert by_ref[ready.id].is_pickup and by_ref[ready.id].store_id == STORE
    assert by_ref["ret-1"].data["order_number"] == sold.number
    assert by_ref["ret-1"].data["amount"] == "249.00"
    assert view.timeline_before is None

    items = view.open_items
    assert [o.id for o in items.pickups] == [ready.id]
    assert [r.id for r in items.reservations] == [held.id]
    assert [r.id for r in items.returns] == ["ret-1"]
    assert [t.id for t in items.tickets] == ["tk-1"]
    assert [e.ref_id for e in ticket_thread(view.timeline, "tk-1")] == ["tk-1", "tk-1-r"]

    assert view.cart is not None
    assert [(line.sku, line.qty, line.enough_here) for line in view.cart.lines] == [
        ("SHIRT-M", 1, True),
        ("SOCKS-1", 2, True),
    ]
    assert view.cart.total == Money("169.97")
    assert view.points_value == Money("50.00")  # 1,000 points: ten blocks of 5 PLN


def test_a_cart_line_short_here_offers_the_other_sizes_in_stock(tablet: Tablet) -> None:
    tablet.put("inventory", InventoryLevel(STORE, "SHIRT-M", on_hand=0))
    large = product("SHIRT-M")
    large.sku, large.size = "SHIRT-L", "L"
    tablet.put("product", large)
    tablet.put("inventory", InventoryLevel(STORE, "SHIRT-L", on_hand=4, held=1))
    view = local_360(tablet.ctx, "cust-gold")
    assert view is not None and view.cart is not None
    shirt = view.cart.lines[0]
    assert (shirt.available_here, shirt.enough_here) == (0, False)
    assert [(a.sku, a.size, a.available_here) for a in shirt.alternatives] == [("SHIRT-L", "L", 3)]
    assert not view.cart.all_here


def test_the_timeline_comes_in_pages_that_meet_without_gaps_or_repeats(tablet: Tablet) -> None:
    orders = [
        order(
            tablet,
            [("SOCKS-1", 1)],
            status=OrderStatus.DELIVERED,
            fulfilment=Fulfilment.SHIP,
            created_at=NOW - timedelta(hours=n),
        )
        for n in range(1, 261)
    ]
    for n in range(1, 261, 2):  # a loyalty entry beside every other order
        tablet.put(
            "loyalty",
            LoyaltyTransaction(
                f"lt-{n}",
                "cust-gold",
                LoyaltyKind.EARN,
                19,
                None,
                None,
                Channel.WEB,
                None,
                NOW - timedelta(hours=n, minutes=1),
            ),
        )
    view = local_360(tablet.ctx, "cust-gold")
    assert view is not None and view.timeline_before is not None
    first = view.timeline
    assert sum(e.kind == "order" for e in first) == 200
    rest, after = older_timeline(tablet.ctx, "cust-gold", view.timeline_before)
    assert after is None
    seen = [e.ref_id for e in (*first, *rest)]
    assert len(seen) == len(set(seen)) == 260 + 130
    assert {o.id for o in orders} <= set(seen)
    assert all(a.at >= b.at for a, b in zip((*first, *rest), (*first, *rest)[1:], strict=False))


def test_a_customer_not_on_the_tablet_has_no_local_360(tablet: Tablet) -> None:
    assert local_360(tablet.ctx, "nobody") is None


def test_search_folds_polish_letters_and_masks_the_contact(tablet: Tablet) -> None:
    hits = find_customers(tablet.ctx, "lucja wojc")
    assert [h.customer_id for h in hits] == ["cust-gold"]
    hit = hits[0]
    assert (hit.phone, hit.email, hit.card_tail, hit.on_tablet) == (
        "+48 *** *** 567",
        "l***@example.pl",
        "0017",
        True,
    )
    assert find_customers(tablet.ctx, "   ") == []


def test_the_first_visit_of_the_day_is_recorded_once_with_its_bonus(tablet: Tablet) -> None:
    done = record_visit(tablet.ctx, tablet.actor("anna"), "cust-gold", visit_id="visit-00000001")
    assert done is not None and done.value.bonus_points == 10
    assert tablet.points() == 1010
    assert done.command.path == "/v1/loyalty/resolve"
    assert done.command.body == {
        "id": "visit-00000001",
        "staff_id": "anna",
        "customer_id": "cust-gold",
    }
    view = local_360(tablet.ctx, "cust-gold")
    assert view is not None
    assert {e.kind for e in view.timeline[:2]} == {"visit", "loyalty"}
    # A second scan the same day records nothing.
    assert record_visit(tablet.ctx, tablet.actor("anna"), "cust-gold") is None
    assert len(tablet.commands()) == 1
    # The next day: a visit again, and its bonus.
    tablet.clock.current = NOW + timedelta(days=1)
    again = record_visit(tablet.ctx, tablet.actor("anna"), "cust-gold")
    assert again is not None and again.value.bonus_points == 10


def test_a_visit_bonus_already_given_today_elsewhere_is_not_given_again(tablet: Tablet) -> None:
    tablet.put(
        "loyalty",
        LoyaltyTransaction(
            "lt-bonus",
            "cust-gold",
            LoyaltyKind.BONUS,
            10,
            None,
            None,
            Channel.STORE,
            "KRK-01",
            NOW - timedelta(hours=2),
        ),
    )
    done = record_visit(tablet.ctx, tablet.actor("anna"), "cust-gold")
    assert done is not None and done.value.bonus_points == 0
    assert tablet.points() == 1000


def test_a_customer_known_only_by_their_code_is_still_recorded(tablet: Tablet) -> None:
    done = record_visit(tablet.ctx, tablet.actor("anna"), "cust-elsewhere")
    assert done is not None and done.value.bonus_points == 0
    assert done.command.body["customer_id"] == "cust-elsewhere"


def test_the_pickup_desk_does_not_record_visits(tablet: Tablet) -> None:
    with pytest.raises(DomainError) as refused:
        record_visit(tablet.ctx, tablet.actor("piotr"), "cust-gold")
    assert refused.value.code == "role_not_allowed"


def test_revealing_the_contact_is_audited(tablet: Tablet) -> None:
    contact = reveal_contact(tablet.ctx, tablet.actor("anna"), "cust-gold", "Customer asked")
    assert (contact.phone, contact.email) == ("+48 601 234 567", "lucja@example.pl")
    entry = tablet.audit()[-1]
    assert (entry.action, entry.target, entry.staff_id, entry.result) == (
        "reveal_contact",
        "customer:cust-gold",
        "anna",
        "done",
    )
    assert entry.detail == {"why": "Customer asked"}
    with pytest.raises(DomainError) as refused:
        reveal_contact(tablet.ctx, tablet.actor("piotr"), "cust-gold")
    assert refused.value.code == "role_not_allowed"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("+48 570 754 123", "+48 *** *** 123"),
        ("+48570754123", "+48******123"),
        ("601 234 567", "*** *** 567"),
        ("", ""),
    ],
)
def test_phone_masking_keeps_the_country_code_and_the_last_three_digits(
    phone: str, masked: str
) -> None:
    assert mask_phone(phone) == masked


def test_email_masking_and_points_value() -> None:
    assert mask_email("anna.nowak@example.pl") == "a***@example.pl"
    assert mask_email("") == ""
    assert points_value(1299) == Money("60.00")
    assert points_value(-5) == Money("0.00")


def test_a_customer_known_only_by_their_code_gets_one_visit_a_day(tablet: Tablet) -> None:
    assert record_visit(tablet.ctx, tablet.actor("anna"), "cust-elsewhere") is not None
    assert record_visit(tablet.ctx, tablet.actor("anna"), "cust-elsewhere") is None
    assert [c.kind for c in tablet.commands()] == ["record_visit"]
