"""Customers outside the tablet's slice, through the real central service on loopback: the 360
fetched and cached, central's search, offline fallbacks, and the store visit pushed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.services import (
    find_customers_central,
    local_360,
    record_visit,
    remote_360,
)
from clerk.services.customers_central import cart_elsewhere
from clerk.sync.client import CentralClient
from clerk.sync.engine import SyncEngine
from tests.services.test_central_e2e import SALES, STORE, Online
from tests.support.outsiders import add_outsider


def _outsider(online: Online) -> m.Customer:
    return add_outsider(
        online.central,
        "CUS-OUTSIDER-7",
        first_name="Zofia",
        last_name="Wędrowna",
        card_seq=987_657,
        points=420,
        ticket="Zwrot z Krakowa",
    )


@pytest.fixture
def offline_engine(online: Online) -> Iterator[SyncEngine]:
    """The same tablet with central out of reach."""
    client = CentralClient(
        "http://127.0.0.1:9", "token", sleep=lambda _s: None, connect_timeout=0.5, retries=0
    )
    yield SyncEngine(online.ctx.store, client, STORE)
    client.close()


def test_an_outsider_is_fetched_from_central_then_served_from_the_cache(
    online: Online, offline_engine: SyncEngine
) -> None:
    outsider = _outsider(online)
    assert local_360(online.ctx, outsider.id) is None

    view = remote_360(online.ctx, online.engine, outsider.id)
    assert view is not None and view.source == "central"
    assert view.customer is not None and view.customer.id == outsider.id
    assert [e.ref_id for e in view.timeline] == ["INT-CUS-OUTSIDER-7"]
    assert [t.id for t in view.open_items.tickets] == ["INT-CUS-OUTSIDER-7"]
    assert view.timeline and all(
        a.at >= b.at for a, b in zip(view.timeline, view.timeline[1:], strict=False)
    )

    # Central out of reach: the cached answer, said to be the cache.
    cached = remote_360(online.ctx, offline_engine, outsider.id)
    assert cached is not None and cached.source == "cached"
    assert [e.ref_id for e in cached.timeline] == [e.ref_id for e in view.timeline]
    # The customer row came with the bundle: the next scan is answered on the tablet.
    assert local_360(online.ctx, outsider.id) is not None


def test_offline_and_never_cached_only_a_signed_code_says_who_it_is(
    online: Online, offline_engine: SyncEngine
) -> None:
    outsider = _outsider(online)
    token_only = remote_360(online.ctx, offline_engine, outsider.id, named_by_token=True)
    assert token_only is not None
    assert (token_only.source, token_only.customer) == ("token", None)
    assert token_only.unavailable == {"profile", "timeline", "cart", "open_items"}
    # A card number or a search hit is not proof of anyone: nothing to show.
    assert remote_360(online.ctx, offline_engine, outsider.id) is None
    # Central answers "unknown" for a customer it does not have.
    assert remote_360(online.ctx, online.engine, "NO-SUCH-CUSTOMER", named_by_token=True) is None


def test_central_search_finds_outsiders_and_says_when_it_cannot_be_asked(
    online: Online, offline_engine: SyncEngine
) -> None:
    outsider = _outsider(online)
    hits = find_customers_central(online.engine, outsider.card_number)
    assert hits is not None
    assert [h.customer_id for h in hits] == [outsider.id]
    assert not hits[0].on_tablet and "*" in hits[0].phone
    assert find_customers_central(offline_engine, outsider.last_name) is None


def test_the_visit_reaches_central_under_the_tablets_id(online: Online) -> None:
    with Session(online.central) as session:
        customer_id = session.scalars(
            select(m.StoreCustomer.customer_id)
            .where(m.StoreCustomer.store_id == STORE)
            .order_by(m.StoreCustomer.customer_id)
        ).first()
    assert customer_id is not None
    done = record_visit(online.ctx, online.ctx.actor(SALES), customer_id, visit_id="visit-e2e-0001")
    assert done is not None
    online.sync()
    with Session(online.central) as session:
        visit = session.get(m.Interaction, "visit-e2e-0001")
        assert visit is not None and (visit.kind, visit.customer_id, visit.store_id) == (
            "visit",
            customer_id,
            STORE,
        )
    # The feed brought central's truth: the visit under the same id, no provisional rows left.
    local = online.local("interaction", "visit-e2e-0001")
    assert local["kind"] == "visit"
    with online.ctx.store.unit(read_only=True) as unit:
        assert not [t for t in unit.customers.loyalty(customer_id) if t.id.startswith("local-")]


def test_a_cart_line_short_here_is_offered_from_other_stores(online: Online) -> None:
    with Session(online.central) as session:
        cart = session.scalars(
            select(m.Cart)
            .join(m.StoreCustomer, m.StoreCustomer.customer_id == m.Cart.customer_id)
            .where(m.StoreCustomer.store_id == STORE, m.Cart.status == "active")
            .order_by(m.Cart.id)
        ).first()
        assert cart is not None, "the demo central has an open cart in the slice"
        customer_id, sku = cart.customer_id, cart.lines[0].sku
        here = session.get(m.Inventory, (STORE, sku))
        assert here is not None
        here.on_hand = here.held  # nothing left to sell here, centrally …
        elsewhere = session.get(m.Inventory, ("KRK-01", sku)) or m.Inventory(
            store_id="KRK-01", sku=sku
        )
        elsewhere.on_hand, elsewhere.held = 9, 0
        session.add(elsewhere)
        session.commit()
    with online.ctx.store.unit() as unit:  # … and on the tablet
        level = unit.catalog.stock(sku)
        assert level is not None
        level.on_hand = level.held
        unit.cache.apply_entity("inventory", level.to_dict())

    view = local_360(online.ctx, customer_id)
    assert view is not None and view.cart is not None
    short = next(line for line in view.cart.lines if line.sku == sku)
    assert not short.enough_here and short.elsewhere == ()
    richer = cart_elsewhere(online.engine, customer_id, view.cart)
    assert richer is not None
    line = next(line for line in richer.lines if line.sku == sku)
    assert ("KRK-01", 9) in [(s.store_id, s.available) for s in line.elsewhere]
