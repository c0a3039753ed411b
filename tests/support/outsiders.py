"""Customers of the brand in no store's slice, added straight to central's database: the
tablet only learns of them by asking central."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from clerk.central import models as m
from clerk.domain.scan import make_loyalty_card_number


def add_outsider(
    engine: Engine,
    customer_id: str = "CUS-OUTSIDER-1",
    *,
    first_name: str = "Zofia",
    last_name: str = "Wójcik",
    card_seq: int = 987_654,
    tier: str = "silver",
    points: int = 120,
    ticket: str | None = None,
) -> m.Customer:
    """The customer ``customer_id`` (added once), with an open support ticket of subject
    ``ticket`` on their timeline if given; returns them detached from the session."""
    now = datetime.now(UTC)
    with Session(engine) as session:
        if session.get(m.Customer, customer_id) is None:
            session.add(
                m.Customer(
                    id=customer_id,
                    first_name=first_name,
                    last_name=last_name,
                    email=f"{customer_id.lower()}@example.pl",
                    phone=f"+48 601 {card_seq % 1000:03d} {card_seq // 1000 % 1000:03d}",
                    card_number=make_loyalty_card_number(card_seq),
                    tier=tier,
                    points_balance=points,
                    preferred_channel="email",
                    preferences={},
                    consents={},
                    home_store_id="KRK-01",
                    created_at=now - timedelta(days=300),
                )
            )
            if ticket is not None:
                session.add(
                    m.Interaction(
                        id=f"INT-{customer_id}",
                        customer_id=customer_id,
                        kind="ticket",
                        channel="web",
                        subject=ticket,
                        body="",
                        status="open",
                        created_at=now - timedelta(days=2),
                    )
                )
            session.commit()
        customer = session.get(m.Customer, customer_id)
        assert customer is not None
        session.expunge(customer)
        return customer
